import { TestBed } from '@angular/core/testing';
import { AUTH_ENDPOINTS } from '@supchat/web/auth/data-access';
import type { AdminHarness } from '../../test/admin-harness';
import { authResponse, settle, setUpAdmin } from '../../test/admin-harness';
import type { FakeMonitorSocket } from '../testing/fake-monitor-socket';
import { monitorActivity, monitorPoint, monitorSnapshot } from '../testing/monitor-fixtures';
import { MONITOR_RECONNECT_DELAY, MonitorSocketService } from './monitor-socket.service';

const T0 = Date.parse('2026-12-01T10:00:00.000Z');

describe('MonitorSocketService', () => {
  let admin: AdminHarness;

  beforeEach(() => {
    localStorage.clear();
    admin = setUpAdmin();
  });

  afterEach(() => {
    admin.http.verify();
    jest.useRealTimers();
  });

  async function opened(
    token = 'at-1',
  ): Promise<{ monitor: MonitorSocketService; socket: FakeMonitorSocket }> {
    await admin.signIn(token);
    const { service: monitor } = admin.page(MonitorSocketService);
    monitor.connect();
    await settle();
    const socket = admin.monitorSockets.at(-1);
    if (!socket) throw new Error('no socket was created');
    return { monitor, socket };
  }

  async function answerRefresh(accessToken: string): Promise<void> {
    await settle();
    admin.http.expectOne(AUTH_ENDPOINTS.refresh).flush(authResponse(accessToken, 'rt-2'));
    await settle();
  }

  it('connects to /monitor on its own origin with the access token, only when asked', async () => {
    await admin.signIn('at-1');
    const { service: monitor } = admin.page(MonitorSocketService);
    expect(admin.monitorSockets).toHaveLength(0);
    expect(monitor.state()).toBe('idle');

    monitor.connect();
    await settle();
    const socket = admin.monitorSockets[0];
    expect(socket.options).toMatchObject({
      path: '/socket.io',
      autoConnect: false,
      forceNew: true,
      // No long-polling: a scaled deployment has no sticky sessions.
      transports: ['websocket'],
      tryAllTransports: false,
    });
    expect(socket.lastToken).toBe('at-1');
    expect(monitor.state()).toBe('connecting');
    socket.acceptHandshake();
    expect(monitor.state()).toBe('connected');
  });

  it('starts the series from the history, then adds a point per snapshot', async () => {
    const { monitor, socket } = await opened();
    socket.acceptHandshake();
    socket.serverEmit('history', {
      points: [monitorPoint(T0, { sockets: 1 }), monitorPoint(T0 + 1_000, { sockets: 2 })],
      activity: [
        monitorActivity('2026-12-01T09:59:58.000Z', { kind: 'connect', username: 'bob' }),
        monitorActivity('2026-12-01T09:59:59.000Z', { kind: 'disconnect', username: 'bob' }),
      ],
    });
    expect(monitor.series().map((point) => point.sockets)).toEqual([1, 2]);
    expect(monitor.activity().map((line) => line.kind)).toEqual(['disconnect', 'connect']);
    expect(monitor.snapshot()).toBeNull();

    const snapshot = monitorSnapshot(T0 + 2_000, {
      sockets: 5,
      activity: [monitorActivity('2026-12-01T10:00:02.000Z', { kind: 'rate-limited', code: 'RATE_LIMITED' })],
    });
    socket.serverEmit('snapshot', snapshot);
    expect(monitor.snapshot()).toEqual(snapshot);
    expect(monitor.series().map((point) => point.sockets)).toEqual([1, 2, 5]);
    expect(monitor.activity().map((line) => line.kind)).toEqual(['rate-limited', 'disconnect', 'connect']);
  });

  it('presents the token current at each reconnect, not the first one', async () => {
    const { socket } = await opened('at-1');
    socket.acceptHandshake();
    const refreshed = admin.auth.refresh();
    await answerRefresh('at-2');
    await refreshed;

    socket.dropConnection();
    socket.connect(); // socket.io's own reconnect
    await settle();
    expect(socket.lastToken).toBe('at-2');
  });

  it('a member is refused for good: forbidden, the socket closed, no retry', async () => {
    jest.useFakeTimers();
    const { monitor, socket } = await opened();
    socket.refuseHandshake('FORBIDDEN');
    expect(monitor.state()).toBe('forbidden');
    expect(monitor.refused()).toBe(true);
    expect(socket.listenerCount).toBe(0);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(socket.connectCalls).toBe(1);
    expect(admin.monitorSockets).toHaveLength(1);
  });

  it('an UNAUTHORIZED handshake renews the token once and tries again', async () => {
    const { monitor, socket } = await opened('at-1');
    socket.refuseHandshake('UNAUTHORIZED');
    await answerRefresh('at-2');
    expect(socket.connectCalls).toBe(2);
    expect(socket.lastToken).toBe('at-2');
    socket.acceptHandshake();
    expect(monitor.state()).toBe('connected');
  });

  it('a fresh token refused again ends in the unauthorized state', async () => {
    const { monitor, socket } = await opened('at-1');
    socket.refuseHandshake('UNAUTHORIZED');
    await answerRefresh('at-2');
    socket.refuseHandshake('UNAUTHORIZED');
    await settle();
    expect(monitor.state()).toBe('unauthorized');
    expect(socket.connectCalls).toBe(2);
  });

  it('leaves transport failures to socket.io, and reconnects itself when the server closed the socket', async () => {
    jest.useFakeTimers();
    const { monitor, socket } = await opened();
    socket.failTransport();
    expect(monitor.state()).toBe('connecting');
    expect(socket.connectCalls).toBe(1);

    socket.acceptHandshake();
    socket.serverDisconnect();
    expect(monitor.state()).toBe('reconnecting');
    await jest.advanceTimersByTimeAsync(MONITOR_RECONNECT_DELAY.minMs);
    expect(socket.connectCalls).toBe(2);
  });

  it('closes the socket when the page goes away, keeping nothing running', async () => {
    await admin.signIn();
    const { service: monitor, injector } = admin.page(MonitorSocketService);
    monitor.connect();
    await settle();
    const socket = admin.monitorSockets[0];
    socket.acceptHandshake();
    injector.destroy();
    expect(socket.connected).toBe(false);
    expect(socket.listenerCount).toBe(0);
  });

  it('closes the socket when the session ends', async () => {
    const { monitor, socket } = await opened();
    socket.acceptHandshake();
    const done = admin.auth.logout();
    await settle();
    admin.http.expectOne(AUTH_ENDPOINTS.logout).flush(null, { status: 204, statusText: 'No Content' });
    await done;
    TestBed.tick();
    expect(socket.connected).toBe(false);
    expect(monitor.state()).toBe('idle');
  });
});

import { TestBed } from '@angular/core/testing';
import { LIMITS } from '@supchat/constants';
import { AUTH_ENDPOINTS } from '@supchat/web/auth/data-access';
import type { ChatHarness } from '../../test/chat-harness';
import { ALICE, GENERAL, message, settle, setUpChat } from '../../test/chat-harness';
import { ChatOutbox } from '../messages/chat-outbox.service';
import type { FakeChatSocket, FakeSocketRequest } from '../testing/fake-chat-socket';
import { CLIENT_STATS_INTERVAL_MS, ClientStatsService } from './client-stats.service';

const aliceSummary = {
  id: ALICE.id,
  username: ALICE.username,
  displayName: ALICE.displayName,
  avatarUrl: null,
};

describe('ClientStatsService', () => {
  let chat: ChatHarness;
  let stats: ClientStatsService;
  let outbox: ChatOutbox;

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    jest.useFakeTimers();
    chat = setUpChat();
    stats = TestBed.inject(ClientStatsService);
    outbox = TestBed.inject(ChatOutbox);
  });

  afterEach(() => {
    chat.http.verify();
    jest.useRealTimers();
  });

  async function connected(): Promise<FakeChatSocket> {
    await chat.signIn();
    return chat.connect();
  }

  function lastSend(socket: FakeChatSocket): FakeSocketRequest {
    const send = socket.requestsOf('send-message').at(-1);
    if (!send) throw new Error('nothing was sent');
    return send;
  }

  /** Sends one message and acknowledges it `rttMs` after its emit. */
  async function sendAcknowledgedAfter(socket: FakeChatSocket, rttMs: number, seq: number): Promise<void> {
    const entry = outbox.enqueue(GENERAL, `message ${seq}`);
    await settle();
    await jest.advanceTimersByTimeAsync(rttMs);
    lastSend(socket).reply({
      ok: true,
      data: message({ seq, author: aliceSummary, clientMessageId: entry.clientMessageId }),
    });
    await settle();
  }

  function reports(socket: FakeChatSocket): unknown[] {
    return socket.requestsOf('client-stats').map((request) => request.payload);
  }

  it('reports the ack round-trip of each acknowledged send every 30 s, without asking for an ack', async () => {
    const socket = await connected();
    await sendAcknowledgedAfter(socket, 40, 1);
    await sendAcknowledgedAfter(socket, 120, 2);
    expect(reports(socket)).toEqual([]);

    await jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS);
    expect(reports(socket)).toEqual([{ ackRttMs: [40, 120] }]);
    expect(socket.requestsOf('client-stats')[0].timeoutMs).toBeNull();
  });

  it('sends nothing for a period without sends', async () => {
    const socket = await connected();
    await jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS);
    expect(reports(socket)).toEqual([]);

    await sendAcknowledgedAfter(socket, 15, 1);
    await jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS);
    await jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS);
    expect(reports(socket)).toEqual([{ ackRttMs: [15] }]);
  });

  it('times the attempt that got the ack, not the timed-out attempt before it', async () => {
    const socket = await connected();
    const entry = outbox.enqueue(GENERAL, 'slow network');
    await settle();
    await jest.advanceTimersByTimeAsync(10_000); // the first attempt times out
    // The retry goes out after a backoff with jitter: step to the very millisecond it does.
    for (let waited = 0; socket.requestsOf('send-message').length < 2 && waited < 5_000; waited++) {
      await jest.advanceTimersByTimeAsync(1);
    }
    expect(socket.requestsOf('send-message')).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(25);
    lastSend(socket).reply({
      ok: true,
      data: message({ seq: 3, author: aliceSummary, clientMessageId: entry.clientMessageId }),
    });
    await settle();

    await jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS);
    expect(reports(socket)).toEqual([{ ackRttMs: [25] }]);
  });

  it('does not count a refused attempt (RATE_LIMITED), only the one that went through', async () => {
    const socket = await connected();
    const entry = outbox.enqueue(GENERAL, 'hurry');
    await settle();
    await jest.advanceTimersByTimeAsync(5);
    lastSend(socket).reply({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'Slow down', details: { retryAfterMs: 500 } },
    });
    await jest.advanceTimersByTimeAsync(500);
    expect(socket.requestsOf('send-message')).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(30);
    lastSend(socket).reply({
      ok: true,
      data: message({ seq: 4, author: aliceSummary, clientMessageId: entry.clientMessageId }),
    });
    await settle();

    await jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS);
    expect(reports(socket)).toEqual([{ ackRttMs: [30] }]);
  });

  it('sends a uniform sample of at most 200 when there were more sends', async () => {
    const socket = await connected();
    for (let rtt = 1; rtt <= 1_000; rtt++) stats.recordAckRtt(rtt);
    await jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS);

    const [report] = reports(socket) as { ackRttMs: number[] }[];
    expect(report.ackRttMs).toHaveLength(LIMITS.clientStats.samples);
    expect(new Set(report.ackRttMs).size).toBe(LIMITS.clientStats.samples);
    expect(report.ackRttMs.every((rtt) => Number.isInteger(rtt) && rtt >= 1 && rtt <= 1_000)).toBe(true);
    // Not simply the first (or the last) 200: both halves are represented.
    expect(report.ackRttMs.some((rtt) => rtt <= 500)).toBe(true);
    expect(report.ackRttMs.some((rtt) => rtt > 500)).toBe(true);
  });

  it('keeps values within the contract: rounded to 0.1 ms, 0..120000, finite only', async () => {
    const socket = await connected();
    [12.345, -3, 500_000, Number.NaN, Number.POSITIVE_INFINITY].forEach((rtt) => stats.recordAckRtt(rtt));
    await jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS);
    expect(reports(socket)).toEqual([{ ackRttMs: [12.3, 0, LIMITS.clientStats.maxRttMs] }]);
  });

  it('keeps the samples over a short disconnect and reports them once connected again', async () => {
    const socket = await connected();
    await sendAcknowledgedAfter(socket, 40, 1);
    socket.dropConnection();
    await jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS);
    expect(reports(socket)).toEqual([]);

    await chat.connect();
    await jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS);
    expect(reports(socket)).toEqual([{ ackRttMs: [40] }]);
  });

  it('drops samples that missed two reports in a row (they would describe the wrong minute)', async () => {
    const socket = await connected();
    await sendAcknowledgedAfter(socket, 40, 1);
    socket.dropConnection();
    await jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS);
    expect(stats.pending).toBe(1);
    await jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS);
    expect(stats.pending).toBe(0);

    await chat.connect();
    await jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS);
    expect(reports(socket)).toEqual([]);
  });

  it('a report that fails never disturbs sending', async () => {
    const socket = await connected();
    await sendAcknowledgedAfter(socket, 40, 1);
    const emit = socket.emit.bind(socket);
    socket.emit = (event: string, payload: unknown, ack?: (...args: unknown[]) => void) => {
      if (event === 'client-stats') throw new Error('transport exploded');
      return emit(event, payload, ack);
    };
    await expect(jest.advanceTimersByTimeAsync(CLIENT_STATS_INTERVAL_MS)).resolves.toBeUndefined();
    expect(stats.pending).toBe(0);

    await sendAcknowledgedAfter(socket, 10, 2);
    expect(outbox.entries()).toEqual([]);
    expect(stats.pending).toBe(1);
  });

  it('keeps the samples when the same user’s profile is reloaded', async () => {
    const socket = await connected();
    await sendAcknowledgedAfter(socket, 40, 1);
    const reloaded = chat.auth.reloadUser();
    chat.http.expectOne(AUTH_ENDPOINTS.me).flush({ ...ALICE, displayName: 'Alice M.' });
    await reloaded;
    TestBed.tick();
    expect(stats.pending).toBe(1);
  });

  it('forgets the samples when the user signs out', async () => {
    const socket = await connected();
    await sendAcknowledgedAfter(socket, 40, 1);
    expect(stats.pending).toBe(1);
    const done = chat.auth.logout();
    await settle();
    chat.http.expectOne(AUTH_ENDPOINTS.logout).flush(null, { status: 204, statusText: 'No Content' });
    await done;
    TestBed.tick();
    expect(stats.pending).toBe(0);
  });
});

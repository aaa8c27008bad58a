import type {
  AuthResponse,
  Channel,
  MonitorHistory,
  MonitorServerToClientEvents,
  MonitorSnapshot,
} from '@supchat/contracts';
import { MONITOR_NAMESPACE, MonitorHistorySchema, MonitorSnapshotSchema } from '@supchat/contracts';
import type { ApiServer } from '@supchat/testing';
import { startApiServer } from '@supchat/testing';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import type { Session } from './support/chat';
import { channel, users } from './support/chat';
import { describeEachEngine } from './support/engines';
import { expectError, register, request } from './support/http';
import { closeAllSockets, connectClient, emitWithAck, expectOk } from './support/sockets';

type MonitorSocket = Socket<MonitorServerToClientEvents>;

/** The value of one sample line of a Prometheus text exposition (labels in any order). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries(
      [...(match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[4]);
  }
  return undefined;
}

async function scrape(baseUrl: string, token?: string): Promise<string> {
  const response = await request<string>(baseUrl, 'GET', '/metrics', { token });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.body;
}

function connectMonitor(baseUrl: string, token: string | undefined): MonitorSocket {
  return io(`${baseUrl}${MONITOR_NAMESPACE}`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: token === undefined ? {} : { token },
  });
}

/** Resolves with the `history` the dashboard gets on connecting, failing after `timeoutMs`. */
function nextHistory(socket: MonitorSocket, timeoutMs = 10_000): Promise<MonitorHistory> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no history within ${timeoutMs} ms`)), timeoutMs);
    socket.once('history', (history) => {
      clearTimeout(timer);
      resolve(history);
    });
  });
}

/** The `connect_error` message, or 'connected' if the namespace let the socket in. */
function connectError(socket: MonitorSocket): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('neither connected nor refused')), 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve('connected');
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      resolve(error.message);
    });
  });
}

/** Resolves with the first snapshot that satisfies `match`. */
function snapshotWhere(
  socket: MonitorSocket,
  match: (snapshot: MonitorSnapshot) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<MonitorSnapshot> {
  let last: MonitorSnapshot | undefined;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('snapshot', listener);
      const { instances: _instances, activity: _activity, ...summary } = last ?? ({} as MonitorSnapshot);
      reject(
        new Error(`no snapshot with ${what} within ${timeoutMs} ms; the last: ${JSON.stringify(summary)}`),
      );
    }, timeoutMs);
    const listener = (snapshot: MonitorSnapshot) => {
      last = snapshot;
      if (!match(snapshot)) return;
      clearTimeout(timer);
      socket.off('snapshot', listener);
      resolve(snapshot);
    };
    socket.on('snapshot', listener);
  });
}

describeEachEngine('metrics and the live dashboard', (subject) => {
  const url = () => subject.server().baseUrl;
  const monitors: MonitorSocket[] = [];
  let admin: Session;

  beforeAll(async () => {
    // The first account of a fresh server is its admin.
    admin = await register(url());
  });

  afterEach(() => {
    closeAllSockets();
    for (const socket of monitors.splice(0)) socket.disconnect();
  });

  it('/metrics shows every SUPCHAT series with the values scripted traffic implies, and no ids in labels', async () => {
    const [bob] = await users(url(), 1);
    const room: Channel = await channel(url(), admin, [bob]);
    const before = await scrape(url());
    const persistedBefore = sample(before, 'supchat_message_persist_seconds_count') ?? 0;

    const alice = await connectClient(url(), admin.accessToken);
    const listener = await connectClient(url(), bob.accessToken);
    for (let index = 0; index < 5; index += 1) {
      expectOk(
        await emitWithAck(alice.socket, 'send-message', {
          channelId: room.id,
          content: `metric ${index}`,
          clientMessageId: `metrics-${index}`,
        }),
      );
    }
    await listener.waitFor('new-message', (message) => message.content === 'metric 4');
    const invalid = await emitWithAck(alice.socket, 'send-message', { channelId: room.id, content: 42 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await emitWithAck(alice.socket, 'no-such-event', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expectOk(await emitWithAck(alice.socket, 'client-stats', { ackRttMs: [12, 30, 45] }));
    expectError(await request(url(), 'GET', '/api/no-such-route'), 404, 'NOT_FOUND');

    const text = await scrape(url());
    expect(sample(text, 'supchat_sockets_connected')).toBe(2);
    expect(sample(text, 'supchat_active_users')).toBe(2);
    expect(sample(text, 'supchat_message_persist_seconds_count')).toBe(persistedBefore + 5);
    expect(sample(text, 'supchat_message_fanout_seconds_count')).toBe(persistedBefore + 5);
    const deliveryCount = sample(text, 'supchat_message_delivery_seconds_count') ?? 0;
    const deliverySum = sample(text, 'supchat_message_delivery_seconds_sum') ?? -1;
    expect(deliveryCount).toBe(persistedBefore + 5);
    // Plausible: every one took some time, none took a second.
    expect(deliverySum).toBeGreaterThan(0);
    expect(deliverySum / deliveryCount).toBeLessThan(1);
    expect(sample(text, 'supchat_socket_events_total', { event: 'send-message', outcome: 'ok' })).toBe(5);
    expect(
      sample(text, 'supchat_socket_events_total', { event: 'send-message', outcome: 'VALIDATION_FAILED' }),
    ).toBe(1);
    expect(sample(text, 'supchat_socket_events_total', { event: 'unknown', outcome: 'NOT_FOUND' })).toBe(1);
    expect(sample(text, 'supchat_socket_events_total', { event: 'client-stats', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'supchat_client_ack_rtt_seconds_count')).toBe(3);
    expect(sample(text, 'supchat_client_ack_rtt_seconds_sum')).toBeCloseTo(0.087, 6);
    expect(sample(text, 'supchat_client_ack_rtt_seconds_bucket', { le: '0.025' })).toBe(1);
    expect(sample(text, 'supchat_errors_total', { code: 'VALIDATION_FAILED', transport: 'socket' })).toBe(1);
    expect(
      sample(text, 'supchat_errors_total', { code: 'NOT_FOUND', transport: 'http' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'supchat_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/channels',
        status: '201',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'supchat_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api*path',
        status: '404',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'supchat_db_operation_seconds_count', {
        operation: 'messages.insert',
        engine: subject.engine,
      }),
    ).toBe(5);
    expect(
      sample(text, 'supchat_db_operation_seconds_count', {
        operation: 'users.create',
        engine: subject.engine,
      }),
    ).toBe(2);
    expect(sample(text, 'supchat_messages_stored')).toBe(5);
    // Default process metrics are there too.
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    // Bounded cardinality: no label value is an id, a raw URL or a user's name.
    const labelValues = [...text.matchAll(/="([^"]*)"/g)].map((match) => match[1]);
    expect(labelValues.filter((value) => /[a-f0-9]{24}/.test(value))).toEqual([]);
    expect(text).not.toContain(admin.user.username);
    expect(text).not.toContain('metric 4');
  });

  it('the /monitor namespace refuses anonymous clients and members, and streams history and snapshots to admins', async () => {
    const [member] = await users(url(), 1);
    const anonymous = connectMonitor(url(), undefined);
    const asMember = connectMonitor(url(), member.accessToken);
    const forged = connectMonitor(url(), `${admin.accessToken}x`);
    monitors.push(anonymous, asMember, forged);
    const refusals = await Promise.all([anonymous, asMember, forged].map(connectError));
    expect(refusals).toEqual(['UNAUTHORIZED', 'FORBIDDEN', 'UNAUTHORIZED']);

    const room = await channel(url(), admin, [member]);
    const dashboard = connectMonitor(url(), admin.accessToken);
    monitors.push(dashboard);
    const history = MonitorHistorySchema.parse(await nextHistory(dashboard));
    const first = MonitorSnapshotSchema.parse(await snapshotWhere(dashboard, () => true, 'anything'));
    expect(first.instances).toHaveLength(1);
    expect(first.instances[0]).toMatchObject({ pid: expect.any(Number) });
    expect(first.instances[0].rssBytes).toBeGreaterThan(10 * 1024 * 1024);

    // Traffic moves the numbers.
    const storedAtStart = sample(await scrape(url()), 'supchat_messages_stored') ?? 0;
    const seen: MonitorSnapshot[] = [];
    dashboard.on('snapshot', (snapshot) => seen.push(snapshot));
    const chatter = await connectClient(url(), member.accessToken);
    for (let index = 0; index < 8; index += 1) {
      expectOk(
        await emitWithAck(chatter.socket, 'send-message', {
          channelId: room.id,
          content: `secret contents ${index}`,
          clientMessageId: `monitor-${index}`,
        }),
      );
    }
    await emitWithAck(chatter.socket, 'send-message', { channelId: 'nope' });
    const busy = MonitorSnapshotSchema.parse(
      await snapshotWhere(
        dashboard,
        (snapshot) => snapshot.sockets >= 1 && snapshot.deliveryMs.count >= first.deliveryMs.count + 8,
        'the traffic',
      ),
    );
    // The rate covers the last 5 seconds: some snapshot since the sends shows it.
    expect(
      Math.max(busy.messagesPerSecond, ...seen.map((snapshot) => snapshot.messagesPerSecond)),
    ).toBeGreaterThan(0);
    expect(busy.users).toBeGreaterThanOrEqual(1);
    expect(busy.persistMs.count).toBeGreaterThanOrEqual(8);
    expect(busy.deliveryMs.p99).toBeGreaterThan(0);
    expect(busy.deliveryMs.p99).toBeLessThan(1_000);
    const validationErrors = (snapshot: MonitorSnapshot) =>
      snapshot.errors.find((entry) => entry.code === 'VALIDATION_FAILED')?.count ?? 0;
    expect(validationErrors(busy)).toBe(validationErrors(first) + 1);
    // A dashboard opened now gets the recent points, the last ones showing the traffic.
    const late = connectMonitor(url(), admin.accessToken);
    monitors.push(late);
    const recent = MonitorHistorySchema.parse(await nextHistory(late));
    expect(recent.points.length).toBeGreaterThan(history.points.length);
    expect(recent.points.at(-1)).toMatchObject({ sockets: expect.any(Number) });
    expect(recent.points.some((point) => point.messagesPerSecond > 0)).toBe(true);

    // The dashboard's stored count is refreshed every few seconds; /metrics counts at each scrape.
    const storedBefore = storedAtStart;
    const stored = await snapshotWhere(
      dashboard,
      (snapshot) => snapshot.messagesStored === storedBefore + 8,
      `${storedBefore + 8} messages stored`,
    );
    expect(stored.messagesStored).toBe(storedBefore + 8);

    // The activity log names people, never what they wrote or their email.
    const activity: MonitorSnapshot['activity'] = [];
    dashboard.on('snapshot', (snapshot) => activity.push(...snapshot.activity));
    chatter.socket.disconnect();
    await snapshotWhere(
      dashboard,
      () => activity.some((entry) => entry.kind === 'disconnect' && entry.userId === member.user.id),
      'the disconnect in the activity log',
    );
    const entry = activity.find((item) => item.kind === 'disconnect' && item.userId === member.user.id);
    expect(entry).toMatchObject({ username: member.user.username, instanceId: first.instances[0].id });
    const everything = JSON.stringify({ history, activity });
    expect(everything).not.toContain('secret contents');
    expect(everything).not.toContain(member.input.email);

    // Signing out ends the dashboard of that session too.
    const second = await request<AuthResponse>(url(), 'POST', '/api/auth/login', {
      body: { email: admin.input.email, password: admin.input.password },
    });
    const ending = connectMonitor(url(), second.body.accessToken);
    monitors.push(ending);
    await nextHistory(ending);
    const cut = new Promise<string>((resolve) => ending.once('disconnect', resolve));
    await request(url(), 'POST', '/api/auth/logout', {
      token: second.body.accessToken,
      body: { refreshToken: second.body.refreshToken },
    });
    expect(await cut).toBe('io server disconnect');
  });

  it('client-stats: a bad report is refused naming the field, a second one within 10 s is rate-limited', async () => {
    const [someone] = await users(url(), 1);
    const client = await connectClient(url(), someone.accessToken);
    const tooMany = Array.from({ length: 201 }, () => 5);
    const cases: [unknown, string][] = [
      [{ ackRttMs: 'fast' }, 'ackRttMs'],
      [{ ackRttMs: [-1] }, 'ackRttMs.0'],
      [{ ackRttMs: [Number.MAX_SAFE_INTEGER] }, 'ackRttMs.0'],
      [{ ackRttMs: tooMany }, 'ackRttMs'],
      [{ ackRttMs: [], extra: 1 }, 'extra'],
      [null, 'ackRttMs'],
    ];
    for (const [payload, path] of cases) {
      const ack = await emitWithAck(client.socket, 'client-stats', payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      if (!ack.ok) {
        const fields = (ack.error.details as { fields: { path: string }[] }).fields;
        expect(fields.map((field) => field.path)).toContain(path);
      }
    }
    expectOk(await emitWithAck(client.socket, 'client-stats', { ackRttMs: [20] }));
    const again = await emitWithAck(client.socket, 'client-stats', { ackRttMs: [20] });
    expect(again).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    if (!again.ok) expect(again.error.details?.['retryAfterMs']).toBeGreaterThan(0);
    const text = await scrape(url());
    expect(
      sample(text, 'supchat_rate_limited_total', { transport: 'socket', operation: 'client-stats' }),
    ).toBe(1);
  });

  it('probe-channel: an admin gets one private channel of their own, a member gets 403', async () => {
    const fresh = await subject.start();
    const admin = await register(fresh.baseUrl);
    const member = await register(fresh.baseUrl);
    const first = await request<Channel>(fresh.baseUrl, 'POST', '/api/monitoring/probe-channel', {
      token: admin.accessToken,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      type: 'private',
      memberCount: 1,
      name: `probe-${admin.user.username}`,
    });
    const second = await request<Channel>(fresh.baseUrl, 'POST', '/api/monitoring/probe-channel', {
      token: admin.accessToken,
    });
    expect(second.body.id).toBe(first.body.id);
    expectError(
      await request(fresh.baseUrl, 'POST', '/api/monitoring/probe-channel', { token: member.accessToken }),
      403,
      'FORBIDDEN',
    );
    expectError(await request(fresh.baseUrl, 'POST', '/api/monitoring/probe-channel'), 401, 'UNAUTHORIZED');
  });
});

describe('METRICS_TOKEN', () => {
  let server: ApiServer;
  const token = 'metrics-token-for-the-e2e-test';

  beforeAll(async () => {
    server = await startApiServer({ env: { METRICS_TOKEN: token } });
  });

  afterAll(() => server?.stop());

  it('protects /metrics: no token or a wrong one is 401, the right bearer token gets the metrics', async () => {
    expectError(await request(server.baseUrl, 'GET', '/metrics'), 401, 'UNAUTHORIZED');
    expectError(
      await request(server.baseUrl, 'GET', '/metrics', { token: `${token}-wrong` }),
      401,
      'UNAUTHORIZED',
    );
    expectError(
      await request(server.baseUrl, 'GET', '/metrics', { headers: { authorization: token } }),
      401,
      'UNAUTHORIZED',
    );
    expect(await scrape(server.baseUrl, token)).toContain('supchat_sockets_connected');
  });
});

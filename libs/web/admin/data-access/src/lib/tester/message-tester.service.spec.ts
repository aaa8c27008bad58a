import type { Ack, Message, SendMessagePayload } from '@supchat/contracts';
import type { FakeChatSocket } from '@supchat/web/chat/data-access';
import type { AdminHarness } from '../../test/admin-harness';
import { AUTH_ENDPOINTS } from '@supchat/web/auth/data-access';
import {
  ADA,
  PROBE_CHANNEL,
  authResponse,
  jwtExpiringIn,
  settle,
  setUpAdmin,
} from '../../test/admin-harness';
import {
  MessageTesterService,
  PROBE_LOSS_TIMEOUT_MS,
  PROBE_SEND_INTERVAL_MS,
} from './message-tester.service';

const PROBE_ROUTE = '/api/monitoring/probe-channel';

interface Emitted {
  at: number;
  payload: SendMessagePayload;
}

interface ServerOptions {
  ackMs?: number;
  /** From the emit to the `new-message` at the receiver. */
  deliverMs?: number;
  /** The answer to one attempt; the default stores the message. */
  answer?: (payload: SendMessagePayload, attempt: number) => Ack<Message> | 'silent';
  /** Whether the receiver gets this probe. */
  deliver?: (payload: SendMessagePayload) => boolean;
  /** Leave clientMessageId out of `new-message` (matching by message id then). */
  withoutClientMessageId?: boolean;
}

let nextId = 0;
function stored(payload: SendMessagePayload): Message {
  nextId++;
  return {
    id: nextId.toString(16).padStart(24, '0'),
    channelId: payload.channelId,
    seq: nextId,
    rev: nextId,
    authorId: ADA.id,
    author: { id: ADA.id, username: ADA.username, displayName: ADA.displayName, avatarUrl: null },
    content: payload.content,
    mentions: [],
    mentionsChannel: false,
    parentId: null,
    replyCount: 0,
    lastReplyAt: null,
    reactions: [],
    attachments: [],
    clientMessageId: payload.clientMessageId,
    createdAt: '2026-12-01T10:00:00.000Z',
    editedAt: null,
    deletedAt: null,
  };
}

/** Plays the server behind the two probe sockets: acks each send and delivers it to the receiver. */
function serve(sender: FakeChatSocket, receiver: FakeChatSocket, options: ServerOptions = {}): Emitted[] {
  const { ackMs = 20, deliverMs = 30 } = options;
  const emitted: Emitted[] = [];
  const attempts = new Map<string, number>();
  const emit = sender.emit.bind(sender);
  sender.emit = (event: string, payload: unknown, ack?: (...args: unknown[]) => void) => {
    emit(event, payload, ack);
    if (event !== 'send-message') return sender;
    const request = sender.requests[sender.requests.length - 1];
    const send = payload as SendMessagePayload;
    emitted.push({ at: performance.now(), payload: send });
    const attempt = (attempts.get(send.clientMessageId) ?? 0) + 1;
    attempts.set(send.clientMessageId, attempt);
    const answer = options.answer?.(send, attempt) ?? { ok: true, data: stored(send) };
    if (answer === 'silent') return sender;
    setTimeout(() => request.reply(answer), ackMs);
    if (answer.ok && (options.deliver?.(send) ?? true)) {
      const message = options.withoutClientMessageId
        ? { ...answer.data, clientMessageId: null }
        : answer.data;
      setTimeout(() => receiver.serverEmit('new-message', message), deliverMs);
    }
    return sender;
  };
  return emitted;
}

describe('MessageTesterService', () => {
  let admin: AdminHarness;

  beforeEach(() => {
    localStorage.clear();
    jest.useFakeTimers();
    admin = setUpAdmin();
  });

  afterEach(() => {
    admin.http.verify();
    jest.useRealTimers();
  });

  let current: MessageTesterService | null = null;

  /** Lets the run play out on the fake clock (in steps: the session's own refresh timer must not fire). */
  async function finish(done: Promise<void>): Promise<void> {
    for (let step = 0; step < 1_200 && current?.running(); step++) await jest.advanceTimersByTimeAsync(25);
    await done;
  }

  /** Signs in, starts a run, hands out the probe channel and makes both sockets ready. */
  async function started(
    count: number,
    options: ServerOptions = {},
  ): Promise<{
    tester: MessageTesterService;
    done: Promise<void>;
    sender: FakeChatSocket;
    receiver: FakeChatSocket;
    emitted: Emitted[];
    destroy: () => void;
  }> {
    await admin.signIn('at-admin');
    const { service: tester, injector } = admin.page(MessageTesterService);
    current = tester;
    const done = tester.run(count);
    await settle();
    const request = admin.http.expectOne(PROBE_ROUTE);
    expect(request.request.method).toBe('POST');
    request.flush(PROBE_CHANNEL);
    await settle();
    const [sender, receiver] = admin.chatSockets;
    const emitted = serve(sender, receiver, options);
    for (const socket of [sender, receiver]) {
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ADA.id, channelIds: [PROBE_CHANNEL.id] });
    }
    await settle();
    return { tester, done, sender, receiver, emitted, destroy: () => injector.destroy() };
  }

  it('sends N probes through two sockets of its own, paced at about 8/s, and sums them up', async () => {
    const { tester, done, sender, receiver, emitted } = await started(5);
    expect(admin.chatSockets).toHaveLength(2);
    for (const socket of [sender, receiver]) {
      expect(socket.options).toMatchObject({
        forceNew: true,
        reconnection: false,
        auth: { token: 'at-admin' },
        transports: ['websocket'],
        tryAllTransports: false,
      });
    }
    expect(tester.phase()).toBe('sending');
    await finish(done);

    expect(emitted.map((send) => send.payload.content)).toEqual([
      'probe 1/5',
      'probe 2/5',
      'probe 3/5',
      'probe 4/5',
      'probe 5/5',
    ]);
    expect(new Set(emitted.map((send) => send.payload.clientMessageId)).size).toBe(5);
    expect(emitted.every((send) => send.payload.channelId === PROBE_CHANNEL.id)).toBe(true);
    for (let index = 1; index < emitted.length; index++) {
      expect(emitted[index].at - emitted[index - 1].at).toBe(PROBE_SEND_INTERVAL_MS);
    }
    expect(tester.phase()).toBe('done');
    expect(tester.result()).toMatchObject({
      total: 5,
      sent: 5,
      acknowledged: 5,
      received: 5,
      lost: 0,
      refused: 0,
      rateLimited: 0,
      roundTrip: { count: 5, p50: 20, p95: 20, p99: 20, max: 20 },
      delivery: { count: 5, p50: 30, max: 30 },
    });
    expect(tester.result()?.histogram.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(5);
    expect(tester.channel()?.name).toBe('probe-ada');
    // Both probe sockets are closed once the run ends.
    expect(sender.connected || receiver.connected).toBe(false);
  });

  it('after RATE_LIMITED waits retryAfterMs, then retries with the same clientMessageId', async () => {
    const { tester, done, emitted } = await started(4, {
      answer: (payload, attempt) =>
        payload.content === 'probe 2/4' && attempt === 1
          ? {
              ok: false,
              error: { code: 'RATE_LIMITED', message: 'Slow down', details: { retryAfterMs: 1_000 } },
            }
          : { ok: true, data: stored(payload) },
    });
    await finish(done);

    const attemptsOf2 = emitted.filter((send) => send.payload.content === 'probe 2/4');
    expect(attemptsOf2).toHaveLength(2);
    expect(attemptsOf2[1].payload.clientMessageId).toBe(attemptsOf2[0].payload.clientMessageId);
    // Nothing went out during the pause, and the retry came first after it.
    const refusedAt = attemptsOf2[0].at + 20;
    const afterRefusal = emitted.filter((send) => send.at > attemptsOf2[0].at);
    expect(afterRefusal[0].payload.content).toBe('probe 2/4');
    expect(afterRefusal[0].at).toBeGreaterThanOrEqual(refusedAt + 1_000);
    expect(emitted.filter((send) => send.at > refusedAt && send.at < refusedAt + 1_000)).toEqual([]);
    expect(tester.result()).toMatchObject({ acknowledged: 4, received: 4, rateLimited: 1, lost: 0 });
  });

  it('counts a probe not received within 5 s as lost, after waiting that long for it', async () => {
    const { tester, done, emitted } = await started(3, {
      deliver: (payload) => payload.content !== 'probe 2/3',
    });
    await finish(done);
    expect(tester.result()).toMatchObject({ acknowledged: 3, received: 2, lost: 1 });
    expect(performance.now() - emitted[1].at).toBeGreaterThanOrEqual(PROBE_LOSS_TIMEOUT_MS);
  });

  it('matches arrivals that come before their ack, without a clientMessageId, by message id', async () => {
    const { tester, done } = await started(3, { ackMs: 40, deliverMs: 10, withoutClientMessageId: true });
    await finish(done);
    expect(tester.result()).toMatchObject({ received: 3, lost: 0, delivery: { p50: 10 } });
  });

  it('a refused attempt (other than RATE_LIMITED) is counted, not retried, not lost', async () => {
    const { tester, done, emitted } = await started(2, {
      answer: (payload) =>
        payload.content === 'probe 1/2'
          ? { ok: false, error: { code: 'FORBIDDEN', message: 'No' } }
          : { ok: true, data: stored(payload) },
    });
    await finish(done);
    expect(emitted).toHaveLength(2);
    expect(tester.result()).toMatchObject({ acknowledged: 1, refused: 1, received: 1, lost: 0 });
  });

  it('cancel stops at once: no more sends, both sockets closed, the partial result kept', async () => {
    const { tester, done, sender, receiver, emitted } = await started(50);
    await jest.advanceTimersByTimeAsync(PROBE_SEND_INTERVAL_MS * 3);
    tester.cancel();
    await finish(done);
    const sentBefore = emitted.length;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(emitted).toHaveLength(sentBefore);
    expect(sentBefore).toBeLessThan(50);
    expect(tester.phase()).toBe('cancelled');
    expect(tester.result()?.sent).toBe(sentBefore);
    expect(sender.connected || receiver.connected).toBe(false);
  });

  it('leaving the page cancels the run and closes its sockets', async () => {
    const { tester, done, sender, receiver, emitted, destroy } = await started(50);
    await jest.advanceTimersByTimeAsync(PROBE_SEND_INTERVAL_MS * 2);
    destroy();
    await finish(done);
    const sentBefore = emitted.length;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(emitted).toHaveLength(sentBefore);
    expect(tester.phase()).toBe('cancelled');
    expect(sender.connected || receiver.connected).toBe(false);
  });

  it('a probe socket dropping mid-run fails it as disconnected, keeping what was measured', async () => {
    const { tester, done, receiver } = await started(20);
    await jest.advanceTimersByTimeAsync(PROBE_SEND_INTERVAL_MS * 4);
    receiver.dropConnection();
    await finish(done);
    expect(tester.phase()).toBe('failed');
    expect(tester.error()).toEqual({ failure: 'disconnected', code: null });
    expect(tester.result()?.sent).toBeGreaterThan(0);
  });

  it('a refused probe socket fails the run with the refusal, before anything is sent', async () => {
    await admin.signIn('at-admin');
    const { service: tester } = admin.page(MessageTesterService);
    current = tester;
    const done = tester.run(5);
    await settle();
    admin.http.expectOne(PROBE_ROUTE).flush(PROBE_CHANNEL);
    await settle();
    const [sender, receiver] = admin.chatSockets;
    receiver.acceptHandshake();
    receiver.serverEmit('ready', { userId: ADA.id, channelIds: [PROBE_CHANNEL.id] });
    sender.refuseHandshake('UNAUTHORIZED');
    await finish(done);
    expect(tester.phase()).toBe('failed');
    expect(tester.error()).toEqual({ failure: 'refused', code: 'UNAUTHORIZED' });
    expect(sender.requestsOf('send-message')).toEqual([]);
    expect(receiver.connected).toBe(false);
    expect(tester.result()).toBeNull();
  });

  it('sockets that never get ready fail the run after 10 s', async () => {
    await admin.signIn('at-admin');
    const { service: tester } = admin.page(MessageTesterService);
    current = tester;
    const done = tester.run(5);
    await settle();
    admin.http.expectOne(PROBE_ROUTE).flush(PROBE_CHANNEL);
    await jest.advanceTimersByTimeAsync(10_000);
    await finish(done);
    expect(tester.error()).toEqual({ failure: 'timeout', code: null });
  });

  it('renews a token that would expire during the run before opening the probe sockets', async () => {
    // The server cuts a socket off when its token expires: a 60 s token cannot carry a long run.
    await admin.signIn(jwtExpiringIn(60));
    const { service: tester } = admin.page(MessageTesterService);
    current = tester;
    const done = tester.run(500);
    await settle();
    admin.http.expectOne(PROBE_ROUTE).flush(PROBE_CHANNEL);
    await settle();
    admin.http.expectOne(AUTH_ENDPOINTS.refresh).flush(authResponse('at-fresh', 'rt-2'));
    await settle();
    expect(admin.chatSockets.map((socket) => socket.options.auth)).toEqual([
      { token: 'at-fresh' },
      { token: 'at-fresh' },
    ]);
    tester.cancel();
    await done;
  });

  it('a refused probe channel (not an admin) fails the run without opening a socket', async () => {
    await admin.signIn('at-admin');
    const { service: tester } = admin.page(MessageTesterService);
    current = tester;
    const done = tester.run(5);
    await settle();
    admin.http
      .expectOne(PROBE_ROUTE)
      .flush(
        { statusCode: 403, code: 'FORBIDDEN', message: 'Admins only', requestId: 'r-1' },
        { status: 403, statusText: 'Forbidden' },
      );
    await finish(done);
    expect(tester.phase()).toBe('failed');
    expect(tester.error()).toEqual({ failure: 'probe-channel', code: 'FORBIDDEN' });
    expect(admin.chatSockets).toHaveLength(0);
  });

  it('sends 1..500 probes (50 by default) and runs one at a time', async () => {
    await admin.signIn('at-admin');
    const { service: tester } = admin.page(MessageTesterService);
    const first = tester.run(10_000);
    expect(tester.progress()?.total).toBe(500);
    void tester.run(3); // ignored: a run is going on
    expect(tester.progress()?.total).toBe(500);
    tester.cancel();
    await first;
    admin.http.expectOne(PROBE_ROUTE).flush(PROBE_CHANNEL);

    const second = tester.run();
    expect(tester.progress()?.total).toBe(50);
    tester.cancel();
    await second;
    await settle();
    admin.http.expectOne(PROBE_ROUTE).flush(PROBE_CHANNEL);

    const third = tester.run(0);
    expect(tester.progress()?.total).toBe(1);
    tester.cancel();
    await third;
    admin.http.expectOne(PROBE_ROUTE).flush(PROBE_CHANNEL);
  });
});

import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { Channel, LatencySummary, Message } from '@supchat/contracts';
import { LIMITS } from '@supchat/constants';
import { AuthService } from '@supchat/web/auth/data-access';
import type { ChatSocket } from '@supchat/web/chat/data-access';
import { CHAT_SOCKET_FACTORY, expiresWithin, socketTransportOptions } from '@supchat/web/chat/data-access';
import { MonitoringApiService } from '../monitoring-api.service';
import type { HistogramBucket } from './probe-stats';
import { histogram, summarize } from './probe-stats';

/** About 8 sends a second: under the server's 10/s (bursts of 20), with room for the admin's own chat. */
export const PROBE_SEND_INTERVAL_MS = 125;
/** How long one send waits for its ack. */
export const PROBE_ACK_TIMEOUT_MS = 10_000;
/** How long both probe sockets may take to say `ready`. */
export const PROBE_READY_TIMEOUT_MS = 10_000;
/** A probe not received this long after its send counts as lost. */
export const PROBE_LOSS_TIMEOUT_MS = 5_000;
/** RATE_LIMITED without a retryAfterMs waits this long. */
export const PROBE_RATE_LIMIT_WAIT_MS = 1_000;
/**
 * The probe sockets live on the token they connected with (the server cuts a default-namespace socket
 * off when its token expires): a token expiring sooner than a long run (500 probes: about 70 s) is
 * renewed first.
 */
export const PROBE_TOKEN_MARGIN_MS = 120_000;

export type ProbePhase =
  'idle' | 'preparing' | 'connecting' | 'sending' | 'waiting' | 'done' | 'cancelled' | 'failed';

/**
 * Why a run failed: the probe channel could not be had (`code`: the API's error code), a probe socket
 * was refused (`code`: the connect_error message) or did not get ready in time, or a socket dropped.
 */
export type ProbeFailure = 'probe-channel' | 'refused' | 'timeout' | 'disconnected' | 'internal';

export interface ProbeError {
  failure: ProbeFailure;
  code: string | null;
}

export interface ProbeProgress {
  total: number;
  /** Probes emitted at least once. */
  sent: number;
  acknowledged: number;
  received: number;
  /** Error acks other than RATE_LIMITED. */
  refused: number;
  /** RATE_LIMITED answers (each retried with the same clientMessageId). */
  rateLimited: number;
}

export interface ProbeResult extends ProbeProgress {
  /** Sent, not refused, and not received within PROBE_LOSS_TIMEOUT_MS of the send. */
  lost: number;
  /** Sender: from the emit of the attempt that was acknowledged to its ack. */
  roundTrip: LatencySummary;
  /** From that emit to the `new-message` at the receiver. */
  delivery: LatencySummary;
  /** Of the round-trips. */
  histogram: HistogramBucket[];
}

type ProbeState = 'queued' | 'in-flight' | 'acknowledged' | 'refused' | 'no-ack';

interface Probe {
  index: number;
  clientMessageId: string;
  content: string;
  state: ProbeState;
  /** performance.now() of the latest attempt's emit. */
  emittedAt: number | null;
  roundTripMs: number | null;
  messageId: string | null;
  receivedAt: number | null;
}

/** A run stops: cancelled, failed, or finished (which ends its remaining waits). */
class ProbeAbort extends Error {
  constructor(
    readonly failure: ProbeFailure | 'cancelled' | 'finished',
    readonly code: string | null = null,
  ) {
    super(failure);
  }
}

/** One run's sockets, timers and probes; every wait in it ends as soon as the run is aborted. */
class ProbeRun {
  readonly probes: Probe[];
  readonly byClientMessageId = new Map<string, Probe>();
  readonly byMessageId = new Map<string, Probe>();
  /** `new-message` arrivals not matched yet (they may come before the ack that names them). */
  readonly unmatchedArrivals = new Map<string, number>();
  readonly sockets: ChatSocket[] = [];
  readonly aborted: Promise<never>;
  abortReason: ProbeAbort | null = null;
  pausedUntil = 0;
  rateLimited = 0;
  private rejectAborted: (reason: ProbeAbort) => void = () => undefined;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private changeWaiters: (() => void)[] = [];

  constructor(total: number) {
    const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    this.probes = Array.from({ length: total }, (_, index) => ({
      index,
      clientMessageId: `probe-${runId}-${index + 1}`,
      content: `probe ${index + 1}/${total}`,
      state: 'queued',
      emittedAt: null,
      roundTripMs: null,
      messageId: null,
      receivedAt: null,
    }));
    for (const probe of this.probes) this.byClientMessageId.set(probe.clientMessageId, probe);
    this.aborted = new Promise<never>((_, reject) => {
      this.rejectAborted = reject;
    });
    this.aborted.catch(() => undefined);
  }

  abort(reason: ProbeAbort): void {
    if (this.abortReason) return;
    this.abortReason = reason;
    this.rejectAborted(reason);
  }

  /** Resolves with `promise`, or rejects as soon as the run is aborted. */
  until<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.aborted]);
  }

  /** Calls `callback` after `ms` unless the returned function is called first (or the run ends). */
  after(ms: number, callback: () => void): () => void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      callback();
    }, ms);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  sleep(ms: number): Promise<void> {
    return this.until(new Promise<void>((resolve) => this.after(ms, resolve)));
  }

  /** Resolves at the next ack or arrival (or after `ms`). */
  nextChange(ms: number): Promise<void> {
    return this.until(
      Promise.race([
        new Promise<void>((resolve) => this.changeWaiters.push(resolve)),
        this.sleep(ms).catch(() => undefined),
      ]),
    );
  }

  changed(): void {
    const waiters = this.changeWaiters;
    this.changeWaiters = [];
    for (const resolve of waiters) resolve();
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) {
      socket.removeAllListeners();
      socket.disconnect();
    }
    this.changed();
  }
}

/**
 * The dashboard's message tester. A run: the admin's private probe channel (REST), two sockets of
 * its own on the default namespace (a sender and a receiver, same access token), `ready` on both,
 * then N `send-message`s paced at about 8/s (RATE_LIMITED waits `retryAfterMs` and retries with the
 * same clientMessageId). It records each probe's ack round-trip at the sender and its `new-message`
 * arrival at the receiver, and ends with percentiles, a histogram and the lost count. Cancelable;
 * its sockets close when a run ends and when the page (this service's injector) goes away.
 */
@Injectable()
export class MessageTesterService {
  private readonly api = inject(MonitoringApiService);
  private readonly auth = inject(AuthService);
  private readonly createSocket = inject(CHAT_SOCKET_FACTORY);

  private current: ProbeRun | null = null;
  private readonly phaseSignal = signal<ProbePhase>('idle');
  private readonly progressSignal = signal<ProbeProgress | null>(null);
  private readonly resultSignal = signal<ProbeResult | null>(null);
  private readonly errorSignal = signal<ProbeError | null>(null);
  private readonly channelSignal = signal<Channel | null>(null);

  readonly phase = this.phaseSignal.asReadonly();
  readonly running = computed(() =>
    ['preparing', 'connecting', 'sending', 'waiting'].includes(this.phaseSignal()),
  );
  readonly progress = this.progressSignal.asReadonly();
  /** After a run that ended (done, cancelled or failed after sending some). */
  readonly result = this.resultSignal.asReadonly();
  readonly error = this.errorSignal.asReadonly();
  /** The probe channel of the latest run. */
  readonly channel = this.channelSignal.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.cancel());
  }

  /** Starts a run of `count` probes (1..LIMITS.probeMessages.max); resolves when it ends. */
  async run(count: number = LIMITS.probeMessages.default): Promise<void> {
    if (this.running()) return;
    const total = Math.min(LIMITS.probeMessages.max, Math.max(1, Math.floor(count) || 1));
    const run = new ProbeRun(total);
    this.current = run;
    this.errorSignal.set(null);
    this.resultSignal.set(null);
    this.phaseSignal.set('preparing');
    this.publishProgress(run);
    try {
      const channel = await run.until(this.probeChannel());
      this.channelSignal.set(channel);
      const token = await run.until(this.currentToken());
      this.phaseSignal.set('connecting');
      const sender = this.open(run, token);
      const receiver = this.open(run, token);
      receiver.on('new-message', (message) => this.onArrival(run, channel.id, message));
      await run.until(Promise.all([this.ready(run, sender), this.ready(run, receiver)]));
      for (const socket of [sender, receiver]) {
        socket.on('disconnect', () => run.abort(new ProbeAbort('disconnected')));
      }
      this.phaseSignal.set('sending');
      await this.sendAll(run, sender, channel.id);
      this.phaseSignal.set('waiting');
      await this.waitForArrivals(run);
      this.end(run, 'done');
    } catch (error) {
      const reason = error instanceof ProbeAbort ? error : (run.abortReason ?? new ProbeAbort('internal'));
      if (reason.failure === 'cancelled' || reason.failure === 'finished') {
        this.end(run, 'cancelled');
      } else {
        this.errorSignal.set({ failure: reason.failure, code: reason.code });
        this.end(run, 'failed');
      }
    }
  }

  /** Stops the run now: its sockets close, and what was measured so far is the result. */
  cancel(): void {
    this.current?.abort(new ProbeAbort('cancelled'));
  }

  private async probeChannel(): Promise<Channel> {
    try {
      return await this.api.probeChannel();
    } catch (error) {
      const body: unknown = error instanceof HttpErrorResponse ? error.error : null;
      const code =
        typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string'
          ? (body as { code: string }).code
          : null;
      throw new ProbeAbort('probe-channel', code);
    }
  }

  private async currentToken(): Promise<string> {
    const token = this.auth.accessToken();
    if (token !== null && !expiresWithin(token, PROBE_TOKEN_MARGIN_MS)) return token;
    try {
      return await this.auth.renewAccessToken(token);
    } catch {
      throw new ProbeAbort('refused', 'UNAUTHORIZED');
    }
  }

  private open(run: ProbeRun, token: string): ChatSocket {
    const socket = this.createSocket({
      path: '/socket.io',
      ...socketTransportOptions(),
      autoConnect: false,
      forceNew: true,
      // A probe socket that drops ends the run: a reconnect would hide the gap being measured.
      reconnection: false,
      auth: { token },
    });
    run.sockets.push(socket);
    return socket;
  }

  private ready(run: ProbeRun, socket: ChatSocket): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const cancelTimeout = run.after(PROBE_READY_TIMEOUT_MS, () => reject(new ProbeAbort('timeout')));
      socket.on('ready', () => {
        cancelTimeout();
        resolve();
      });
      socket.on('connect_error', (error) => {
        cancelTimeout();
        reject(new ProbeAbort('refused', error.message));
      });
      socket.connect();
    });
  }

  /** Emits every probe, paced; retries the rate-limited ones; returns once each has an answer. */
  private async sendAll(run: ProbeRun, sender: ChatSocket, channelId: string): Promise<void> {
    const queue = [...run.probes];
    let inFlight = 0;
    let nextSendAt = 0;
    while (queue.length > 0 || inFlight > 0) {
      const now = performance.now();
      const waitMs = Math.max(nextSendAt, run.pausedUntil) - now;
      if (queue.length === 0) {
        await run.nextChange(PROBE_ACK_TIMEOUT_MS);
        continue;
      }
      if (waitMs > 0) {
        await run.sleep(waitMs);
        continue;
      }
      const probe = queue.shift() as Probe;
      inFlight++;
      this.emit(run, sender, channelId, probe, (retry) => {
        inFlight--;
        if (retry) queue.splice(insertionIndex(queue, probe), 0, probe);
        run.changed();
      });
      nextSendAt = performance.now() + PROBE_SEND_INTERVAL_MS;
    }
  }

  private emit(
    run: ProbeRun,
    sender: ChatSocket,
    channelId: string,
    probe: Probe,
    settled: (retry: boolean) => void,
  ): void {
    probe.state = 'in-flight';
    probe.emittedAt = performance.now();
    this.publishProgress(run);
    sender
      .timeout(PROBE_ACK_TIMEOUT_MS)
      .emit(
        'send-message',
        { channelId, content: probe.content, clientMessageId: probe.clientMessageId },
        (error, ack) => {
          if (run.abortReason) return;
          const answeredAt = performance.now();
          if (error) {
            probe.state = 'no-ack';
          } else if (ack.ok) {
            probe.state = 'acknowledged';
            probe.roundTripMs = answeredAt - (probe.emittedAt ?? answeredAt);
            probe.messageId = ack.data.id;
            run.byMessageId.set(ack.data.id, probe);
            const arrivedAt = run.unmatchedArrivals.get(ack.data.id);
            if (arrivedAt !== undefined && probe.receivedAt === null) probe.receivedAt = arrivedAt;
          } else if (ack.error.code === 'RATE_LIMITED') {
            run.rateLimited++;
            probe.state = 'queued';
            const retryAfterMs = ack.error.details?.['retryAfterMs'];
            run.pausedUntil =
              answeredAt +
              (typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs)
                ? retryAfterMs
                : PROBE_RATE_LIMIT_WAIT_MS);
            this.publishProgress(run);
            settled(true);
            return;
          } else {
            probe.state = 'refused';
          }
          this.publishProgress(run);
          settled(false);
        },
      );
  }

  private onArrival(run: ProbeRun, channelId: string, message: Message): void {
    if (run.abortReason || message.channelId !== channelId) return;
    const arrivedAt = performance.now();
    const probe =
      (message.clientMessageId ? run.byClientMessageId.get(message.clientMessageId) : undefined) ??
      run.byMessageId.get(message.id);
    if (!probe) {
      run.unmatchedArrivals.set(message.id, arrivedAt);
      return;
    }
    if (probe.receivedAt !== null) return;
    probe.receivedAt = arrivedAt;
    this.publishProgress(run);
    run.changed();
  }

  /** Until every probe sent (and not refused) has arrived, or is past the loss timeout. */
  private async waitForArrivals(run: ProbeRun): Promise<void> {
    for (;;) {
      const waiting = run.probes.filter(
        (probe) => probe.emittedAt !== null && probe.state !== 'refused' && probe.receivedAt === null,
      );
      if (waiting.length === 0) return;
      const deadline = Math.max(...waiting.map((probe) => (probe.emittedAt ?? 0) + PROBE_LOSS_TIMEOUT_MS));
      const remainingMs = deadline - performance.now();
      if (remainingMs <= 0) return;
      await run.nextChange(remainingMs);
    }
  }

  private end(run: ProbeRun, phase: 'done' | 'cancelled' | 'failed'): void {
    run.abort(new ProbeAbort('finished'));
    run.dispose();
    if (this.current !== run) return;
    this.current = null;
    const result = resultOf(run, performance.now());
    this.progressSignal.set(progressOf(run));
    this.resultSignal.set(result.sent > 0 ? result : null);
    this.phaseSignal.set(phase);
  }

  private publishProgress(run: ProbeRun): void {
    if (this.current === run) this.progressSignal.set(progressOf(run));
  }
}

function insertionIndex(queue: readonly Probe[], probe: Probe): number {
  const index = queue.findIndex((queued) => queued.index > probe.index);
  return index === -1 ? queue.length : index;
}

function progressOf(run: ProbeRun): ProbeProgress {
  let sent = 0;
  let acknowledged = 0;
  let received = 0;
  let refused = 0;
  for (const probe of run.probes) {
    if (probe.emittedAt !== null) sent++;
    if (probe.state === 'acknowledged') acknowledged++;
    if (probe.state === 'refused') refused++;
    if (probe.receivedAt !== null) received++;
  }
  return { total: run.probes.length, sent, acknowledged, received, refused, rateLimited: run.rateLimited };
}

function resultOf(run: ProbeRun, now: number): ProbeResult {
  const roundTrips: number[] = [];
  const deliveries: number[] = [];
  let lost = 0;
  for (const probe of run.probes) {
    if (probe.roundTripMs !== null) roundTrips.push(probe.roundTripMs);
    if (probe.emittedAt === null || probe.state === 'refused') continue;
    if (probe.receivedAt === null) {
      // A probe of a cancelled run still within its timeout is neither received nor lost.
      if (now - probe.emittedAt >= PROBE_LOSS_TIMEOUT_MS) lost++;
      continue;
    }
    const deliveryMs = probe.receivedAt - probe.emittedAt;
    if (deliveryMs > PROBE_LOSS_TIMEOUT_MS) lost++;
    else deliveries.push(deliveryMs);
  }
  return {
    ...progressOf(run),
    lost,
    roundTrip: summarize(roundTrips),
    delivery: summarize(deliveries),
    histogram: histogram(roundTrips),
  };
}

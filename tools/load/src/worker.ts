/**
 * A client worker process: holds a share of the run's sockets (socket.io-client, websocket only),
 * sends stamped messages at the rate the coordinator asks, records ack and delivery latencies, and
 * runs the storm (drop every socket, reconnect at once, catch up with `sync`). Driven by main.ts over
 * IPC (see lib/protocol.ts).
 */
import type {
  ClientToServerEvents,
  Message,
  ServerToClientEvents,
  SyncResult,
  Ack,
} from '@supchat/contracts';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import type {
  ClientSpec,
  ConnectResult,
  CoordinatorRequest,
  FromWorker,
  StepCounts,
  StepData,
  StormClientResult,
  ToWorker,
  VerifyResult,
  WindowStats,
  WorkerReply,
} from './lib/protocol';
import { SampleBuffer } from './lib/stats';
import { decodeStamp, messageContent, nowMicros } from './lib/stamp';

type LoadSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface ClientState {
  spec: ClientSpec;
  socket: LoadSocket | null;
  ready: boolean;
  /** We dropped it on purpose (storm, close): not an error. */
  dropping: boolean;
  /** Messages of this run already received (sender * 2^26 + seq), to count duplicates. */
  seen: Set<number>;
  nextSeq: number;
  maxRev: number;
  /**
   * Where catch-up starts: the newest rev held when the socket dropped. Not maxRev at `ready`: live
   * events can arrive between `ready` and the sync request, and syncing from them would skip the gap.
   */
  syncFrom: number;
  revs: Set<number>;
  duplicateRevs: number;
}

class StepRecorder implements StepCounts {
  sent = 0;
  acked = 0;
  ackFailed = 0;
  received = 0;
  duplicates = 0;
  sentByRoom: Record<number, number> = {};
  errors: Record<string, number> = {};
  readonly ackLatencies = new SampleBuffer();
  readonly deliveryLatencies = new SampleBuffer(16_384);
  firstSendMicros: number | null = null;
  lastSendMicros: number | null = null;
  lastDeliveryMicros: number | null = null;
  maxAckRevByChannel: Record<string, number> = {};

  constructor(readonly stepId: number) {}

  counts(): StepCounts {
    return {
      stepId: this.stepId,
      sent: this.sent,
      acked: this.acked,
      ackFailed: this.ackFailed,
      received: this.received,
      sentByRoom: this.sentByRoom,
    };
  }

  data(): StepData {
    return {
      ...this.counts(),
      ackLatencies: this.ackLatencies.toArray(),
      deliveryLatencies: this.deliveryLatencies.toArray(),
      duplicates: this.duplicates,
      errors: this.errors,
      firstSendMicros: this.firstSendMicros,
      lastSendMicros: this.lastSendMicros,
      lastDeliveryMicros: this.lastDeliveryMicros,
      maxAckRevByChannel: this.maxAckRevByChannel,
    };
  }
}

const SEEN_KEY_SENDER = 2 ** 26;
const ELD_RESOLUTION_MS = 10;
const READY_TIMEOUT_MS = 30_000;

let config: Extract<CoordinatorRequest, { kind: 'init' }> | null = null;
let clients: ClientState[] = [];
const steps = new Map<number, StepRecorder>();
/** Connection problems outside any step (drops, expired sessions), by reason. */
const connectionErrors: Record<string, number> = {};
let caughtUp = 0;

let traffic: {
  stepId: number;
  rate: number;
  startedAt: number;
  due: number;
  sent: number;
  senders: ClientState[];
  nextSender: number;
  timer: NodeJS.Timeout;
} | null = null;

const loopDelay = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
loopDelay.enable();
let windowStart: { at: number; cpu: NodeJS.CpuUsage } | null = null;

function bump(counter: Record<string, number>, key: string, by = 1): void {
  counter[key] = (counter[key] ?? 0) + by;
}

function recorder(stepId: number): StepRecorder {
  let step = steps.get(stepId);
  if (!step) {
    step = new StepRecorder(stepId);
    steps.set(stepId, step);
  }
  return step;
}

function requireConfig() {
  if (!config) throw new Error('worker not initialised');
  return config;
}

/* Receiving */

function onMessage(client: ClientState, message: Message): void {
  const at = nowMicros();
  if (message.rev > client.maxRev) client.maxRev = message.rev;
  if (requireConfig().trackRevs) {
    if (client.revs.has(message.rev)) client.duplicateRevs += 1;
    else client.revs.add(message.rev);
  }
  const stamp = decodeStamp(message.content);
  if (!stamp || stamp.run !== config?.runTag) return;
  const step = steps.get(stamp.step);
  if (!step) return;
  const key = stamp.sender * SEEN_KEY_SENDER + stamp.seq;
  if (client.seen.has(key)) {
    step.duplicates += 1;
    return;
  }
  client.seen.add(key);
  step.received += 1;
  step.deliveryLatencies.push((at - stamp.sentAtMicros) / 1000);
  step.lastDeliveryMicros = at;
}

/* Connecting */

function createSocket(client: ClientState): LoadSocket {
  const { url } = requireConfig();
  const socket: LoadSocket = io(url, {
    transports: ['websocket'],
    auth: { token: client.spec.token },
    forceNew: true,
    reconnection: false,
    timeout: READY_TIMEOUT_MS,
  });
  socket.on('new-message', (message) => onMessage(client, message));
  socket.on('ready', () => {
    client.ready = true;
  });
  socket.on('session-expired', () => bump(connectionErrors, 'SESSION_EXPIRED'));
  socket.on('disconnect', (reason) => {
    client.ready = false;
    if (!client.dropping) bump(connectionErrors, `DISCONNECTED (${reason})`);
  });
  return socket;
}

/** Resolves on `ready`, rejects with the reason on connect_error or timeout. */
function untilReady(socket: LoadSocket, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error('READY_TIMEOUT')), timeoutMs);
    const onReady = () => done();
    const onError = (error: Error) => done(new Error(error.message || 'CONNECT_ERROR'));
    function done(error?: Error) {
      clearTimeout(timer);
      socket.off('ready', onReady);
      socket.off('connect_error', onError);
      if (error) reject(error);
      else resolve();
    }
    socket.once('ready', onReady);
    socket.once('connect_error', onError);
  });
}

async function connectClient(client: ClientState): Promise<ConnectResult> {
  const started = performance.now();
  const socket = createSocket(client);
  client.socket = socket;
  try {
    await untilReady(socket, READY_TIMEOUT_MS);
    return { index: client.spec.index, ok: true, ms: performance.now() - started, error: null };
  } catch (error) {
    client.dropping = true;
    socket.disconnect();
    return { index: client.spec.index, ok: false, ms: null, error: (error as Error).message };
  }
}

async function connectAll(): Promise<ConnectResult[]> {
  const { connectConcurrency } = requireConfig();
  const results: ConnectResult[] = [];
  let next = 0;
  const lane = async () => {
    while (next < clients.length) {
      const client = clients[next++];
      results.push(await connectClient(client));
    }
  };
  await Promise.all(Array.from({ length: Math.min(connectConcurrency, clients.length) }, lane));
  return results;
}

/* Sending */

function send(client: ClientState, stepId: number): void {
  const { runTag, messageSize, ackTimeoutMs } = requireConfig();
  const socket = client.socket;
  if (!socket) return;
  const step = recorder(stepId);
  const seq = client.nextSeq++;
  const sentAt = nowMicros();
  const content = messageContent(
    { run: runTag, step: stepId, sender: client.spec.senderNumber, seq, sentAtMicros: sentAt },
    messageSize,
  );
  step.sent += 1;
  step.sentByRoom[client.spec.room] = (step.sentByRoom[client.spec.room] ?? 0) + 1;
  step.firstSendMicros ??= sentAt;
  step.lastSendMicros = sentAt;
  const clientMessageId = `${runTag}-${client.spec.senderNumber.toString(36)}-${seq.toString(36)}`;
  socket
    .timeout(ackTimeoutMs)
    .emit('send-message', { channelId: client.spec.channelId, content, clientMessageId }, (error, ack) => {
      if (error) {
        step.ackFailed += 1;
        bump(step.errors, client.ready ? 'ACK_TIMEOUT' : 'ACK_LOST (disconnected)');
        return;
      }
      if (ack.ok) {
        step.acked += 1;
        step.ackLatencies.push((nowMicros() - sentAt) / 1000);
        const channelId = client.spec.channelId;
        if (ack.data.rev > (step.maxAckRevByChannel[channelId] ?? 0)) {
          step.maxAckRevByChannel[channelId] = ack.data.rev;
        }
      } else {
        step.ackFailed += 1;
        bump(step.errors, ack.error.code);
      }
    });
}

/** Open loop: every 5 ms it sends what is due at `rate` since the start, whatever the acks do. */
function startTraffic(stepId: number, rate: number): void {
  stopTraffic();
  const senders = clients.filter((client) => client.spec.role !== 'receiver' && client.ready);
  if (senders.length === 0 || rate <= 0) return;
  const state = {
    stepId,
    rate,
    startedAt: performance.now(),
    due: 0,
    sent: 0,
    senders,
    nextSender: 0,
    timer: setInterval(() => {
      const due = Math.floor(((performance.now() - state.startedAt) / 1000) * state.rate);
      while (state.sent < due) {
        const client = state.senders[state.nextSender];
        state.nextSender = (state.nextSender + 1) % state.senders.length;
        state.sent += 1;
        if (client.ready) send(client, state.stepId);
        else bump(recorder(state.stepId).errors, 'NOT_SENT (sender disconnected)');
      }
    }, 5),
  };
  traffic = state;
}

function stopTraffic(): void {
  if (traffic) clearInterval(traffic.timer);
  traffic = null;
}

/* Storm */

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function reconnectAndCatchUp(
  client: ClientState,
  droppedAt: number,
  deadline: number,
): Promise<StormClientResult> {
  const result: StormClientResult = {
    index: client.spec.index,
    reconnectMs: null,
    caughtUpMs: null,
    syncMessages: 0,
    syncRequests: 0,
    connectAttempts: 0,
    connectErrors: {},
    error: null,
  };
  const socket = client.socket;
  if (!socket) return { ...result, error: 'NEVER_CONNECTED' };
  // Reconnect like a browser would: retry refused or failed handshakes after a short random pause.
  for (;;) {
    result.connectAttempts += 1;
    client.dropping = false;
    const ready = untilReady(socket, Math.max(1, deadline - performance.now()));
    socket.connect();
    try {
      await ready;
      break;
    } catch (error) {
      result.error = (error as Error).message;
      bump(result.connectErrors, result.error);
      client.dropping = true;
      socket.disconnect();
      if (performance.now() + 1000 > deadline) return result;
      await sleep(250 + Math.random() * 750);
    }
  }
  result.error = null;
  result.reconnectMs = performance.now() - droppedAt;
  let sinceRev = client.syncFrom;
  try {
    for (;;) {
      result.syncRequests += 1;
      const ack: Ack<SyncResult> = await socket
        .timeout(Math.max(1, deadline - performance.now()))
        .emitWithAck('sync', { channels: [{ channelId: client.spec.channelId, sinceRev }] });
      if (!ack.ok) throw new Error(ack.error.code);
      const channel = ack.data.channels[0];
      for (const message of channel.messages) {
        if (client.revs.has(message.rev)) client.duplicateRevs += 1;
        else client.revs.add(message.rev);
        if (message.rev > client.maxRev) client.maxRev = message.rev;
      }
      result.syncMessages += channel.messages.length;
      if (channel.lastRev > client.maxRev) client.maxRev = channel.lastRev;
      sinceRev = channel.lastRev;
      if (!channel.hasMore) break;
    }
  } catch (error) {
    result.error = `SYNC_FAILED (${(error as Error).message})`;
    return result;
  }
  result.caughtUpMs = performance.now() - droppedAt;
  caughtUp += 1;
  return result;
}

async function storm(timeoutMs: number): Promise<StormClientResult[]> {
  const stormClients = clients.filter((client) => client.spec.role === 'receiver' && client.socket);
  caughtUp = 0;
  const droppedAt = performance.now();
  for (const client of stormClients) {
    client.dropping = true;
    client.syncFrom = client.maxRev;
    client.socket?.disconnect();
  }
  const deadline = droppedAt + timeoutMs;
  return Promise.all(stormClients.map((client) => reconnectAndCatchUp(client, droppedAt, deadline)));
}

async function verify(finalRevs: Record<string, number>, waitMs: number): Promise<VerifyResult> {
  const checked = clients.filter((client) => client.spec.role === 'receiver');
  const deadline = performance.now() + waitMs;
  const behind = () => checked.filter((client) => client.maxRev < (finalRevs[client.spec.channelId] ?? 0));
  while (behind().length > 0 && performance.now() < deadline) await sleep(100);
  let clientsMissing = 0;
  let missingMessages = 0;
  let duplicateRevs = 0;
  for (const client of checked) {
    const finalRev = finalRevs[client.spec.channelId] ?? 0;
    let missing = 0;
    for (let rev = 1; rev <= finalRev; rev++) if (!client.revs.has(rev)) missing += 1;
    if (missing > 0) clientsMissing += 1;
    missingMessages += missing;
    duplicateRevs += client.duplicateRevs;
  }
  return {
    clients: checked.length,
    clientsMissing,
    missingMessages,
    clientsBehind: behind().length,
    duplicateRevs,
  };
}

/* Measurement windows: this process's CPU and event-loop lag */

function windowStats(): WindowStats {
  const start = windowStart ?? { at: performance.now(), cpu: process.cpuUsage() };
  const elapsedMs = performance.now() - start.at;
  const cpu = process.cpuUsage(start.cpu);
  const lag = (value: number) => Math.max(0, value / 1e6 - ELD_RESOLUTION_MS);
  return {
    elapsedMs,
    cpuPercent: elapsedMs > 0 ? ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100 : 0,
    lagP50Ms: lag(loopDelay.percentile(50)),
    lagP99Ms: lag(loopDelay.percentile(99)),
    lagMaxMs: lag(loopDelay.max),
  };
}

/* IPC */

async function handle(request: CoordinatorRequest): Promise<WorkerReply> {
  switch (request.kind) {
    case 'init':
      config = request;
      clients = request.clients.map((spec) => ({
        spec,
        socket: null,
        ready: false,
        dropping: false,
        seen: new Set(),
        nextSeq: 0,
        maxRev: 0,
        syncFrom: 0,
        revs: new Set(),
        duplicateRevs: 0,
      }));
      return { kind: 'ok' };
    case 'connect':
      return { kind: 'connected', results: await connectAll() };
    case 'window-start':
      windowStart = { at: performance.now(), cpu: process.cpuUsage() };
      loopDelay.reset();
      return { kind: 'ok' };
    case 'window-end':
      return { kind: 'window', stats: windowStats() };
    case 'start-traffic':
      startTraffic(request.stepId, request.rate);
      return { kind: 'ok' };
    case 'switch-step':
      if (traffic) traffic.stepId = request.stepId;
      return { kind: 'ok' };
    case 'stop-traffic':
      stopTraffic();
      return { kind: 'ok' };
    case 'counts':
      return { kind: 'counts', counts: recorder(request.stepId).counts() };
    case 'status':
      return {
        kind: 'status',
        connected: clients.filter((client) => client.ready).length,
        errors: connectionErrors,
      };
    case 'collect': {
      const data = recorder(request.stepId).data();
      steps.delete(request.stepId);
      for (const client of clients) client.seen.clear();
      return { kind: 'collected', data };
    }
    case 'storm':
      return { kind: 'storm-done', results: await storm(request.timeoutMs) };
    case 'verify':
      return { kind: 'verified', result: await verify(request.finalRevs, request.waitMs) };
    case 'close':
      stopTraffic();
      for (const client of clients) {
        client.dropping = true;
        client.socket?.disconnect();
      }
      setTimeout(() => process.exit(0), 50).unref();
      return { kind: 'ok' };
  }
}

function post(message: FromWorker): void {
  if (process.connected) process.send?.(message);
}

process.on('message', (message: ToWorker) => {
  handle(message.request).then(
    (reply) => post({ id: message.id, reply }),
    (error: unknown) =>
      post({
        id: message.id,
        reply: { kind: 'error', message: error instanceof Error ? error.message : String(error) },
      }),
  );
});
process.on('disconnect', () => process.exit(0));

// Progress for the coordinator's bar, twice a second while there is anything to report.
let lastProgress = '';
setInterval(() => {
  const step = traffic ? steps.get(traffic.stepId) : undefined;
  const progress = {
    kind: 'progress' as const,
    connected: clients.filter((client) => client.ready).length,
    failed: 0,
    sent: step?.sent ?? 0,
    received: step?.received ?? 0,
    caughtUp,
  };
  const key = JSON.stringify(progress);
  if (key !== lastProgress) post(progress);
  lastProgress = key;
}, 500).unref();

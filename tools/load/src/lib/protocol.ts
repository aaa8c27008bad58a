/**
 * Messages between the coordinator (main.ts) and its client worker processes (worker.ts), sent over
 * the fork IPC channel with `serialization: 'advanced'`, so latency samples travel as Float64Arrays.
 */

export type ClientRole = 'receiver' | 'sender' | 'writer';

export interface ClientSpec {
  /** Position in the run's client list. */
  index: number;
  userId: string;
  token: string;
  channelId: string;
  room: number;
  /** receiver: only receives; sender: also sends (fanout); writer: sends and stays connected in a storm. */
  role: ClientRole;
  /** The sender number stamped into its messages (-1 for receivers). */
  senderNumber: number;
}

export interface WindowStats {
  elapsedMs: number;
  /** CPU time the worker used in the window, in percent of one core. */
  cpuPercent: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
}

export interface ConnectResult {
  index: number;
  ok: boolean;
  /** From the connect call to `ready`. */
  ms: number | null;
  error: string | null;
}

export interface StepCounts {
  stepId: number;
  sent: number;
  acked: number;
  ackFailed: number;
  received: number;
  /** Messages sent per room (the coordinator turns them into expected deliveries). */
  sentByRoom: Record<number, number>;
}

export interface StepData extends StepCounts {
  ackLatencies: Float64Array;
  deliveryLatencies: Float64Array;
  duplicates: number;
  errors: Record<string, number>;
  firstSendMicros: number | null;
  lastSendMicros: number | null;
  lastDeliveryMicros: number | null;
  /** The highest rev acknowledged per channel (storm: the rev every client must reach). */
  maxAckRevByChannel: Record<string, number>;
}

export interface StormClientResult {
  index: number;
  /** From the moment every socket was dropped to this one's `ready`. */
  reconnectMs: number | null;
  /** ... to the end of its catch-up (`sync` answered with hasMore false). */
  caughtUpMs: number | null;
  syncMessages: number;
  syncRequests: number;
  connectAttempts: number;
  /** Why handshakes failed before one succeeded (they are retried after 0.25-1 s). */
  connectErrors: Record<string, number>;
  error: string | null;
}

export interface VerifyResult {
  clients: number;
  /** Clients missing at least one message. */
  clientsMissing: number;
  missingMessages: number;
  /** Clients whose newest rev never reached the channel's final rev within the wait. */
  clientsBehind: number;
  /** Deliveries of a rev a client already had (live event and catch-up overlapping: harmless). */
  duplicateRevs: number;
}

export type CoordinatorRequest =
  | {
      kind: 'init';
      runTag: string;
      url: string;
      ackTimeoutMs: number;
      messageSize: number;
      connectConcurrency: number;
      /** storm: every client keeps the set of revs it has seen, to check nothing is missing. */
      trackRevs: boolean;
      clients: ClientSpec[];
    }
  | { kind: 'connect' }
  | { kind: 'window-start' }
  | { kind: 'window-end' }
  | { kind: 'start-traffic'; stepId: number; rate: number }
  | { kind: 'switch-step'; stepId: number }
  | { kind: 'stop-traffic' }
  | { kind: 'counts'; stepId: number }
  | { kind: 'status' }
  | { kind: 'collect'; stepId: number }
  | { kind: 'storm'; timeoutMs: number }
  | { kind: 'verify'; finalRevs: Record<string, number>; waitMs: number }
  | { kind: 'close' };

export type WorkerReply =
  | { kind: 'ok' }
  | { kind: 'connected'; results: ConnectResult[] }
  | { kind: 'window'; stats: WindowStats }
  | { kind: 'status'; connected: number; errors: Record<string, number> }
  | { kind: 'counts'; counts: StepCounts }
  | { kind: 'collected'; data: StepData }
  | { kind: 'storm-done'; results: StormClientResult[] }
  | { kind: 'verified'; result: VerifyResult }
  | { kind: 'error'; message: string };

export interface WorkerProgress {
  kind: 'progress';
  connected: number;
  failed: number;
  sent: number;
  received: number;
  caughtUp: number;
}

export type ToWorker = { id: number; request: CoordinatorRequest };
export type FromWorker = { id: number; reply: WorkerReply } | WorkerProgress;

/** What a run measured, as written to --json, and the verdicts drawn from it. */
import type { Scenario } from './options';
import type { MachineInfo } from './proc';
import type { WindowStats } from './protocol';
import type { Distribution } from './stats';
import type { TargetKind } from './targets';

/** A generator process busier than this (percent of one core), or lagging more, may have capped the result. */
export const GENERATOR_CPU_LIMIT = 85;
export const GENERATOR_LAG_P99_LIMIT_MS = 50;
/** Other processes busier than this (percent of one core) during a window make it noisy. */
export const OTHERS_CPU_LIMIT = 25;

export interface GeneratorReport {
  workers: { pid: number; cpuPercent: number; lagP99Ms: number; lagMaxMs: number }[];
  coordinatorCpuPercent: number;
  totalCpuPercent: number;
  maxWorkerCpuPercent: number;
  maxLagP99Ms: number;
  /** A generator process was the bottleneck (CPU or event-loop lag over the limits). */
  bottleneck: boolean;
}

export interface ServerReport {
  pid: number | null;
  /** Percent of one core over the measured window. */
  cpuPercent: number | null;
  rssBytes: number | null;
  rssMaxBytes: number | null;
  /**
   * CPU the rest of the machine used meanwhile (all busy CPU minus server and generator), percent
   * of one core: other people's processes on a shared machine. Null when not measured.
   */
  othersCpuPercent?: number | null;
}

export interface ConnectReport {
  attempted: number;
  connected: number;
  failed: number;
  errors: Record<string, number>;
  ms: Distribution;
  /** Wall time to connect them all. */
  seconds: number;
}

export interface SetupReport {
  seconds: number;
  users: number;
  channels: number;
}

export interface IdleResult {
  connect: ConnectReport;
  rssBeforeBytes: number | null;
  rssAfterBytes: number | null;
  rssPerSocketBytes: number | null;
  /** Sockets still connected at the end of the hold, and drops while holding. */
  connectedAtEnd: number;
  /** Server CPU time per socket connected (ms): handshake, authentication, rooms, `ready`. */
  serverCpuMsPerConnect: number | null;
  dropped: Record<string, number>;
  server: ServerReport;
  generator: GeneratorReport;
  /** [sockets connected, server RSS bytes] while connecting, for the chart. */
  rssCurve: [number, number][];
}

export interface FanoutStep {
  offeredRate: number;
  seconds: number;
  sent: number;
  acked: number;
  ackFailed: number;
  errors: Record<string, number>;
  ack: Distribution;
  delivery: Distribution;
  expected: number;
  received: number;
  /** received / expected, percent. */
  completeness: number | null;
  duplicates: number;
  sendRate: number;
  deliveryRate: number;
  /**
   * Server CPU time per message sent in the window (ms): the cost of one message and its fan-out,
   * much less sensitive to a busy machine than latencies are.
   */
  serverCpuMsPerMessage: number | null;
  server: ServerReport;
  generator: GeneratorReport;
  sustainable: boolean;
  /** Why a step is not sustainable. */
  failures: string[];
  /** How many times it was measured (a noisy measurement is repeated with --wait-quiet). */
  attempts?: number;
  /** Other processes used more than OTHERS_CPU_LIMIT of a core during the (last) measurement. */
  noisy?: boolean;
}

export interface FanoutResult {
  connect: ConnectReport;
  roomSize: number;
  steps: FanoutStep[];
  /** The highest step that was sustainable with every lower step sustainable too. */
  sustainableRate: number | null;
}

export interface HistoryResult {
  channelId: string;
  messagesInChannel: number;
  pages: number;
  pagesPerSecond: number;
  errors: Record<string, number>;
  /** Pages whose content was not the expected 50 consecutive messages. */
  wrongPages: number;
  client: Distribution;
  /** From supchat_http_request_duration_seconds (buckets, interpolated), in ms. */
  serverSide: {
    count: number;
    p50Ms: number | null;
    p99Ms: number | null;
    within5msPercent: number | null;
  } | null;
  server: ServerReport;
  generator: GeneratorReport;
}

export interface StormResult {
  connect: ConnectReport;
  clients: number;
  writers: number;
  reconnected: number;
  caughtUp: number;
  failed: number;
  errors: Record<string, number>;
  reconnect: Distribution;
  catchUp: Distribution;
  /** From the drop to the last client caught up (null if some never did). */
  allCaughtUpSeconds: number | null;
  syncMessages: number;
  syncRequests: number;
  connectAttempts: number;
  /** Failed handshakes by reason (each retried, like a browser would). */
  connectErrors: Record<string, number>;
  writes: { sent: number; acked: number; errors: Record<string, number> };
  clientsMissing: number;
  missingMessages: number;
  clientsBehind: number;
  server: ServerReport;
  generator: GeneratorReport;
  /** [seconds after the drop, clients] for the chart. */
  reconnectCurve: [number, number][];
  catchUpCurve: [number, number][];
}

export interface TargetReport {
  kind: TargetKind;
  url: string;
  serverPid: number | null;
  setup: SetupReport;
  idle?: IdleResult;
  fanout?: FanoutResult;
  history?: HistoryResult;
  storm?: StormResult;
  warnings: string[];
}

/** One target of the issue checked against this run (with the baseline ratio when it has one). */
export interface Verdict {
  metric: string;
  supchat: number | null;
  baseline: number | null;
  /** supchat / baseline. */
  ratio: number | null;
  /** What the issue asks, e.g. "ratio <= 1.3" or "< 5 ms". */
  target: string;
  /** Null when this run cannot tell (e.g. no baseline measured). */
  met: boolean | null;
}

export interface LoadReport {
  tool: 'supchat-load';
  scenario: Scenario;
  startedAt: string;
  finishedAt: string;
  command: string;
  machine: MachineInfo;
  options: Record<string, unknown>;
  runs: TargetReport[];
  verdicts: Verdict[];
  warnings: string[];
  /** What the run said on stderr as it went. */
  notes: string[];
}

export function generatorReport(
  windows: readonly { pid: number; stats: WindowStats }[],
  coordinatorCpuPercent: number,
): GeneratorReport {
  const workers = windows.map(({ pid, stats }) => ({
    pid,
    cpuPercent: stats.cpuPercent,
    lagP99Ms: stats.lagP99Ms,
    lagMaxMs: stats.lagMaxMs,
  }));
  const maxWorkerCpuPercent = Math.max(0, ...workers.map((worker) => worker.cpuPercent));
  const maxLagP99Ms = Math.max(0, ...workers.map((worker) => worker.lagP99Ms));
  return {
    workers,
    coordinatorCpuPercent,
    totalCpuPercent: coordinatorCpuPercent + workers.reduce((sum, worker) => sum + worker.cpuPercent, 0),
    maxWorkerCpuPercent,
    maxLagP99Ms,
    bottleneck:
      maxWorkerCpuPercent > GENERATOR_CPU_LIMIT ||
      coordinatorCpuPercent > GENERATOR_CPU_LIMIT ||
      maxLagP99Ms > GENERATOR_LAG_P99_LIMIT_MS,
  };
}

/** Warnings about the measurement itself: a saturated generator or machine. */
export function measurementWarnings(
  label: string,
  generator: GeneratorReport,
  server: ServerReport,
  nproc: number,
): string[] {
  const warnings: string[] = [];
  if (generator.bottleneck) {
    warnings.push(
      `WARNING ${label}: the load generator was the bottleneck (busiest worker ${generator.maxWorkerCpuPercent.toFixed(0)} % of a core, ` +
        `coordinator ${generator.coordinatorCpuPercent.toFixed(0)} %, event-loop lag p99 ${generator.maxLagP99Ms.toFixed(1)} ms; ` +
        `limits ${GENERATOR_CPU_LIMIT} % and ${GENERATOR_LAG_P99_LIMIT_MS} ms): these figures understate the server. Add --workers or run the generator elsewhere.`,
    );
  }
  if (server.cpuPercent !== null && server.cpuPercent + generator.totalCpuPercent > nproc * 100 * 0.9) {
    warnings.push(
      `WARNING ${label}: the machine was saturated (server ${server.cpuPercent.toFixed(0)} % + generator ` +
        `${generator.totalCpuPercent.toFixed(0)} % of ${nproc * 100} %): server and generator competed for the cores.`,
    );
  }
  if (
    server.othersCpuPercent !== undefined &&
    server.othersCpuPercent !== null &&
    server.othersCpuPercent > OTHERS_CPU_LIMIT
  ) {
    warnings.push(
      `WARNING ${label}: other processes used ${server.othersCpuPercent.toFixed(0)} % of a core meanwhile (a noisy machine): repeat the run.`,
    );
  }
  return warnings;
}

/**
 * The highest sustainable step below the first step that failed on a quiet machine. A step that
 * failed while other processes were busy (noisy) proves nothing either way and is skipped.
 */
export function sustainableRate(steps: readonly FanoutStep[]): number | null {
  let best: number | null = null;
  for (const step of steps) {
    if (step.sustainable) best = step.offeredRate;
    else if (!step.noisy) break;
  }
  return best;
}

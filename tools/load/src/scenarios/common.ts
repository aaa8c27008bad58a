/** Steps every socket scenario shares: set up, start the workers, connect, measure windows. */
import { join } from 'node:path';
import type { LoadOptions } from '../lib/options';
import type { ProgressBar } from '../lib/progress';
import type { ClientSpec, ConnectResult } from '../lib/protocol';
import type { ConnectReport, GeneratorReport, ServerReport, TargetReport } from '../lib/report';
import { generatorReport, OTHERS_CPU_LIMIT } from '../lib/report';
import { summarize } from '../lib/stats';
import type { ClientPlan, SetupResult, Target } from '../lib/targets';
import { ServerSampler, setupBaseline, setupSupchat } from '../lib/targets';
import { cpuPercentBetween, machineBusyPercent, othersCpuPercent, sampleMachineCpu } from '../lib/proc';
import { assignToWorkers, WorkerPool } from '../lib/worker-pool';

export interface RunContext {
  options: LoadOptions;
  progress: ProgressBar;
  runTag: string;
  /** Where the bundled worker.mjs and baseline-server.mjs are. */
  distDir: string;
  nproc: number;
  /** Notes for the report (stderr as they happen). */
  note(message: string): void;
}

export interface Prepared {
  setup: SetupResult;
  pool: WorkerPool;
  connect: ConnectReport;
  /** Clients that reached `ready`, per room. */
  readyByRoom: number[];
  ready: Set<number>;
  sampler: ServerSampler;
}

/** The part of a socket scenario's report that says what was measured: the target and its setup. */
export function reportHead(
  target: Target,
  prepared: Prepared,
  rooms: number,
): Pick<TargetReport, 'kind' | 'url' | 'serverPid' | 'setup'> {
  return {
    kind: target.kind,
    url: target.url,
    serverPid: target.pid,
    setup: { seconds: prepared.setup.seconds, users: prepared.setup.clients.length, channels: rooms },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits `ms`, redrawing the progress bar with `status()` every 250 ms. */
export async function waitWithProgress(
  ctx: RunContext,
  ms: number,
  label: string,
  status: () => string,
): Promise<void> {
  const started = performance.now();
  for (;;) {
    const elapsed = performance.now() - started;
    ctx.progress.update(ms > 0 ? elapsed / ms : 1, label, status());
    if (elapsed >= ms) return;
    await sleep(Math.min(250, ms - elapsed));
  }
}

/**
 * On a shared machine: waits (up to --wait-quiet seconds) until processes other than ours use less
 * than OTHERS_CPU_LIMIT of a core over 2 s, so a measurement does not start in someone else's build.
 */
export async function waitForQuiet(ctx: RunContext, ourPids: readonly (number | null)[]): Promise<void> {
  const limitSeconds = ctx.options.waitQuietSeconds;
  if (limitSeconds <= 0) return;
  const pids = [process.pid, ...ourPids.filter((pid): pid is number => pid !== null && pid > 0)];
  const deadline = performance.now() + limitSeconds * 1000;
  let waited = false;
  let quietWindows = 0;
  for (;;) {
    const others = await othersCpuPercent(pids, 2000, ctx.nproc);
    // Two quiet windows in a row (4 s): a moment between someone's two commands is not quiet.
    quietWindows = others === null || others < OTHERS_CPU_LIMIT ? quietWindows + 1 : 0;
    if (others === null || quietWindows >= 2) {
      if (waited) ctx.note(`quiet again (others ${others?.toFixed(0) ?? '-'} % of a core)`);
      return;
    }
    if (quietWindows > 0) continue;
    if (performance.now() > deadline) {
      ctx.note(
        `still busy after ${limitSeconds} s (others ${others.toFixed(0)} % of a core): measuring anyway`,
      );
      return;
    }
    if (!waited) ctx.note(`waiting for a quiet machine (others ${others.toFixed(0)} % of a core)`);
    waited = true;
    ctx.progress.update(0, 'waiting for quiet', `others ${others.toFixed(0)} %`);
  }
}

export function connectReport(results: readonly ConnectResult[], seconds: number): ConnectReport {
  const errors: Record<string, number> = {};
  for (const result of results)
    if (!result.ok) errors[result.error ?? 'UNKNOWN'] = (errors[result.error ?? 'UNKNOWN'] ?? 0) + 1;
  const times = Float64Array.from(results.filter((result) => result.ok).map((result) => result.ms ?? 0));
  const connected = times.length;
  return {
    attempted: results.length,
    connected,
    failed: results.length - connected,
    errors,
    ms: summarize(times),
    seconds,
  };
}

/** Registers/creates what the plan needs, forks the workers and hands them their clients. */
export async function prepare(
  ctx: RunContext,
  target: Target,
  plan: ClientPlan,
  options: { trackRevs?: boolean; connect?: boolean } = {},
): Promise<Prepared> {
  const { options: opts } = ctx;
  let setup: SetupResult;
  if (target.kind === 'supchat') {
    ctx.note(
      `${target.kind}: registering ${plan.clients + plan.writers} users and ${plan.rooms} channels at ${target.url}`,
    );
    setup = await setupSupchat(target.url, plan, ctx.runTag, opts.setupConcurrency, (done, total) =>
      ctx.progress.update(done / total, 'setup', `${done}/${total} users`),
    );
    ctx.progress.clear();
    ctx.note(`${target.kind}: set up in ${setup.seconds.toFixed(1)} s`);
  } else {
    setup = setupBaseline(plan);
  }
  const groups = assignToWorkers(setup.clients, opts.workers, plan.rooms);
  const pool = WorkerPool.start(join(ctx.distDir, 'worker.mjs'), groups);
  await Promise.all(
    pool.workers.map((worker) =>
      worker.call(
        {
          kind: 'init',
          runTag: ctx.runTag,
          url: target.url,
          ackTimeoutMs: opts.ackTimeoutMs,
          messageSize: opts.messageSize,
          connectConcurrency: opts.connectConcurrency,
          trackRevs: options.trackRevs ?? false,
          clients: worker.clients,
        },
        'ok',
      ),
    ),
  );
  const sampler = new ServerSampler(target.pid);
  const prepared: Prepared = {
    setup,
    pool,
    connect: connectReport([], 0),
    readyByRoom: new Array<number>(plan.rooms).fill(0),
    ready: new Set(),
    sampler,
  };
  if (options.connect ?? true) await connectAll(ctx, target, prepared);
  return prepared;
}

/** Connects every worker's clients (each worker keeps `connectConcurrency` handshakes in flight). */
export async function connectAll(
  ctx: RunContext,
  target: Target,
  prepared: Prepared,
  onTick?: (connected: number) => void,
): Promise<void> {
  const total = prepared.setup.clients.length;
  const started = performance.now();
  let finished = false;
  const ticker = (async () => {
    while (!finished) {
      const connected = prepared.pool.progress().connected;
      ctx.progress.update(connected / total, `${target.kind} connect`, `${connected}/${total} sockets`);
      onTick?.(connected);
      await sleep(250);
    }
  })();
  const replies = await prepared.pool.all({ kind: 'connect' }, 'connected');
  finished = true;
  await ticker;
  ctx.progress.clear();
  const results = replies.flatMap((reply) => reply.results);
  prepared.connect = connectReport(results, (performance.now() - started) / 1000);
  const byIndex = new Map(prepared.setup.clients.map((client) => [client.index, client]));
  for (const result of results) {
    if (!result.ok) continue;
    prepared.ready.add(result.index);
    const client = byIndex.get(result.index) as ClientSpec;
    prepared.readyByRoom[client.room] += 1;
  }
  ctx.note(
    `${target.kind}: ${prepared.connect.connected}/${total} sockets ready in ${prepared.connect.seconds.toFixed(1)} s` +
      (prepared.connect.failed > 0
        ? ` (${prepared.connect.failed} failed: ${JSON.stringify(prepared.connect.errors)})`
        : ''),
  );
}

/** Measures the server, the workers and this process over one window. */
export class Window {
  private readonly startedAt = performance.now();
  private readonly cpu = process.cpuUsage();
  private readonly serverStart;
  private readonly machineStart = sampleMachineCpu();

  private constructor(
    private readonly prepared: Prepared,
    private readonly nproc: number,
  ) {
    this.serverStart = prepared.sampler.sample();
  }

  static async open(prepared: Prepared, nproc: number): Promise<Window> {
    await prepared.pool.windowStart();
    return new Window(prepared, nproc);
  }

  async close(): Promise<{ server: ServerReport; generator: GeneratorReport; seconds: number }> {
    const windows = await this.prepared.pool.windowEnd();
    const serverEnd = this.prepared.sampler.sample();
    const elapsedMs = performance.now() - this.startedAt;
    const cpu = process.cpuUsage(this.cpu);
    const machineEnd = sampleMachineCpu();
    const coordinatorCpuPercent = elapsedMs > 0 ? ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100 : 0;
    const generator = generatorReport(windows, coordinatorCpuPercent);
    const serverCpu = this.serverStart && serverEnd ? cpuPercentBetween(this.serverStart, serverEnd) : null;
    const machineBusy =
      this.machineStart && machineEnd ? machineBusyPercent(this.machineStart, machineEnd, this.nproc) : null;
    return {
      seconds: elapsedMs / 1000,
      generator,
      server: {
        pid: this.prepared.sampler.pid,
        cpuPercent: serverCpu,
        rssBytes: serverEnd?.rssBytes ?? null,
        rssMaxBytes: this.prepared.sampler.maxRssSince(this.startedAt),
        othersCpuPercent:
          machineBusy === null || serverCpu === null
            ? null
            : Math.max(0, machineBusy - serverCpu - generator.totalCpuPercent),
      },
    };
  }
}

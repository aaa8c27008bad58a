/**
 * idle: N authenticated sockets (in rooms, as real users are) held open without traffic. RSS per
 * socket = (server RSS with N sockets - RSS before connecting) / N, each RSS the median of a few
 * samples after letting the server settle.
 */
import type { IdleResult, TargetReport } from '../lib/report';
import { measurementWarnings } from '../lib/report';
import { median } from '../lib/stats';
import type { Target } from '../lib/targets';
import type { Prepared, RunContext } from './common';
import { connectAll, prepare, reportHead, sleep, waitForQuiet, waitWithProgress, Window } from './common';

/** Median RSS of `count` samples `gapMs` apart. */
async function settledRss(prepared: Prepared, count = 5, gapMs = 400): Promise<number | null> {
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const sample = prepared.sampler.sample();
    if (sample) values.push(sample.rssBytes);
    if (i < count - 1) await sleep(gapMs);
  }
  return median(values);
}

export async function runIdle(ctx: RunContext, target: Target): Promise<TargetReport> {
  const { options } = ctx;
  const plan = { clients: options.clients, rooms: options.rooms, senders: 0, writers: 0 };
  const prepared = await prepare(ctx, target, plan, { connect: false });
  const { pool } = prepared;
  const warnings: string[] = [];
  try {
    await waitForQuiet(ctx, [target.pid, ...pool.workers.map((worker) => worker.pid)]);
    await waitWithProgress(
      ctx,
      options.settleSeconds * 1000,
      `${target.kind} settle`,
      () => 'before connecting',
    );
    const rssBeforeBytes = await settledRss(prepared);

    const rssCurve: [number, number][] = [[0, rssBeforeBytes ?? 0]];
    const window = await Window.open(prepared, ctx.nproc);
    await connectAll(ctx, target, prepared, (connected) => {
      const sample = prepared.sampler.sample();
      if (sample && connected > 0) rssCurve.push([connected, sample.rssBytes]);
    });
    const measured = await window.close();

    await waitWithProgress(
      ctx,
      options.settleSeconds * 1000,
      `${target.kind} settle`,
      () => `${prepared.connect.connected} sockets`,
    );
    const rssAfterBytes = await settledRss(prepared);
    if (rssAfterBytes !== null) rssCurve.push([prepared.connect.connected, rssAfterBytes]);

    await waitWithProgress(ctx, options.durationSeconds * 1000, `${target.kind} hold`, () => {
      const progress = pool.progress();
      return `${progress.connected} connected`;
    });
    const statuses = await pool.all({ kind: 'status' }, 'status');
    const dropped: Record<string, number> = {};
    for (const status of statuses) {
      for (const [reason, count] of Object.entries(status.errors))
        dropped[reason] = (dropped[reason] ?? 0) + count;
    }
    const connected = prepared.connect.connected;
    const result: IdleResult = {
      connect: prepared.connect,
      rssBeforeBytes,
      rssAfterBytes,
      rssPerSocketBytes:
        rssBeforeBytes !== null && rssAfterBytes !== null && connected > 0
          ? (rssAfterBytes - rssBeforeBytes) / connected
          : null,
      connectedAtEnd: statuses.reduce((sum, status) => sum + status.connected, 0),
      serverCpuMsPerConnect:
        measured.server.cpuPercent !== null && connected > 0
          ? ((measured.server.cpuPercent / 100) * measured.seconds * 1000) / connected
          : null,
      dropped,
      server: { ...measured.server, rssBytes: rssAfterBytes },
      generator: measured.generator,
      rssCurve,
    };
    warnings.push(
      ...measurementWarnings(`${target.kind} connect`, measured.generator, measured.server, ctx.nproc),
    );
    for (const warning of warnings) ctx.note(warning);
    return {
      ...reportHead(target, prepared, options.rooms),
      idle: result,
      warnings,
    };
  } finally {
    await pool.close();
  }
}

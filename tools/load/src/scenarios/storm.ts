/**
 * storm: C clients in rooms, plus writer clients (one per room by default) sending background
 * traffic. After a warm-up every client drops its socket at once and reconnects at once; on `ready`
 * each asks `sync` for its channel from the newest rev it had, until hasMore is false. Reports how
 * long until all had caught up, and checks that every client ends with every message of its channel
 * (revs are consecutive there, so "1..final rev all present" is the whole check).
 */
import type { StormResult, TargetReport } from '../lib/report';
import { measurementWarnings } from '../lib/report';
import { summarize } from '../lib/stats';
import type { Target } from '../lib/targets';
import type { RunContext } from './common';
import { prepare, reportHead, sleep, waitForQuiet, waitWithProgress, Window } from './common';

const TRAFFIC_STEP = 1;

/** [t, how many values are <= t], at most `maxPoints` of them (always the last), for a cumulative chart. */
export function cumulativeCurve(values: readonly number[], maxPoints = 200): [number, number][] {
  const sorted = [...values].sort((a, b) => a - b);
  const every = Math.max(1, Math.ceil(sorted.length / maxPoints));
  const points: [number, number][] = [[0, 0]];
  sorted.forEach((value, index) => {
    if ((index + 1) % every === 0 || index === sorted.length - 1) points.push([value, index + 1]);
  });
  return points;
}

export async function runStorm(ctx: RunContext, target: Target): Promise<TargetReport> {
  const { options } = ctx;
  const plan = { clients: options.clients, rooms: options.rooms, senders: 0, writers: options.senders };
  const prepared = await prepare(ctx, target, plan, { trackRevs: true });
  const { pool } = prepared;
  const warnings: string[] = [];
  prepared.sampler.start();
  try {
    const readyWriters = pool.workers.map(
      (worker) =>
        worker.clients.filter((client) => client.role === 'writer' && prepared.ready.has(client.index))
          .length,
    );
    const totalWriters = readyWriters.reduce((sum, count) => sum + count, 0);
    if (totalWriters === 0) throw new Error('no writer connected');
    await waitForQuiet(ctx, [target.pid, ...pool.workers.map((worker) => worker.pid)]);
    const rate = options.rate ?? 100;
    await pool.all(
      (worker) => ({
        kind: 'start-traffic',
        stepId: TRAFFIC_STEP,
        rate: (rate * readyWriters[pool.workers.indexOf(worker)]) / totalWriters,
      }),
      'ok',
    );
    await waitWithProgress(ctx, options.warmupSeconds * 1000, 'storm warm-up', () => {
      const progress = pool.progress();
      return `sent ${progress.sent}`;
    });

    ctx.note(`storm: dropping and reconnecting ${options.clients} sockets at once`);
    const window = await Window.open(prepared, ctx.nproc);
    let stormDone = false;
    const ticker = (async () => {
      while (!stormDone) {
        const caughtUp = pool.progress().caughtUp;
        ctx.progress.update(
          caughtUp / options.clients,
          'storm catch-up',
          `${caughtUp}/${options.clients} caught up`,
        );
        await sleep(250);
      }
    })();
    const results = (
      await pool.all({ kind: 'storm', timeoutMs: options.catchUpTimeoutSeconds * 1000 }, 'storm-done')
    ).flatMap((reply) => reply.results);
    stormDone = true;
    await ticker;
    ctx.progress.clear();
    const measured = await window.close();

    await waitWithProgress(
      ctx,
      options.durationSeconds * 1000,
      'storm tail',
      () => `${pool.progress().sent} sent`,
    );
    await pool.all({ kind: 'stop-traffic' }, 'ok');
    // Let the last sends be acknowledged before reading the final revs.
    const ackDeadline = performance.now() + options.ackTimeoutMs + 1000;
    while (performance.now() < ackDeadline) {
      const counts = (await pool.all({ kind: 'counts', stepId: TRAFFIC_STEP }, 'counts')).map(
        (reply) => reply.counts,
      );
      if (counts.every((count) => count.acked + count.ackFailed >= count.sent)) break;
      await sleep(100);
    }
    const writes = (await pool.all({ kind: 'collect', stepId: TRAFFIC_STEP }, 'collected')).map(
      (reply) => reply.data,
    );
    const finalRevs: Record<string, number> = {};
    const writeErrors: Record<string, number> = {};
    for (const part of writes) {
      for (const [channelId, rev] of Object.entries(part.maxAckRevByChannel)) {
        finalRevs[channelId] = Math.max(finalRevs[channelId] ?? 0, rev);
      }
      for (const [code, count] of Object.entries(part.errors))
        writeErrors[code] = (writeErrors[code] ?? 0) + count;
    }
    const verified = (await pool.all({ kind: 'verify', finalRevs, waitMs: 10_000 }, 'verified')).map(
      (reply) => reply.result,
    );

    const errors: Record<string, number> = {};
    for (const result of results) if (result.error) errors[result.error] = (errors[result.error] ?? 0) + 1;
    const reconnectTimes = results.flatMap((result) =>
      result.reconnectMs === null ? [] : [result.reconnectMs],
    );
    const catchUpTimes = results.flatMap((result) => (result.caughtUpMs === null ? [] : [result.caughtUpMs]));
    const caughtUp = catchUpTimes.length;
    const storm: StormResult = {
      connect: prepared.connect,
      clients: results.length,
      writers: totalWriters,
      reconnected: reconnectTimes.length,
      caughtUp,
      failed: results.length - caughtUp,
      errors,
      reconnect: summarize(Float64Array.from(reconnectTimes)),
      catchUp: summarize(Float64Array.from(catchUpTimes)),
      allCaughtUpSeconds:
        caughtUp === results.length && caughtUp > 0 ? Math.max(...catchUpTimes) / 1000 : null,
      syncMessages: results.reduce((sum, result) => sum + result.syncMessages, 0),
      syncRequests: results.reduce((sum, result) => sum + result.syncRequests, 0),
      connectAttempts: results.reduce((sum, result) => sum + result.connectAttempts, 0),
      connectErrors: results.reduce<Record<string, number>>((sum, result) => {
        for (const [reason, count] of Object.entries(result.connectErrors))
          sum[reason] = (sum[reason] ?? 0) + count;
        return sum;
      }, {}),
      writes: {
        sent: writes.reduce((sum, part) => sum + part.sent, 0),
        acked: writes.reduce((sum, part) => sum + part.acked, 0),
        errors: writeErrors,
      },
      clientsMissing: verified.reduce((sum, result) => sum + result.clientsMissing, 0),
      missingMessages: verified.reduce((sum, result) => sum + result.missingMessages, 0),
      clientsBehind: verified.reduce((sum, result) => sum + result.clientsBehind, 0),
      server: measured.server,
      generator: measured.generator,
      reconnectCurve: cumulativeCurve(reconnectTimes.map((ms) => ms / 1000)),
      catchUpCurve: cumulativeCurve(catchUpTimes.map((ms) => ms / 1000)),
    };
    warnings.push(...measurementWarnings('storm', measured.generator, measured.server, ctx.nproc));
    for (const warning of warnings) ctx.note(warning);
    return {
      ...reportHead(target, prepared, options.rooms),
      storm,
      warnings,
    };
  } finally {
    prepared.sampler.stop();
    await pool.close();
  }
}

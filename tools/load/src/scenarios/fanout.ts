/**
 * fanout: C clients in R rooms, S of them sending at a total of M messages/s (open loop) for T
 * seconds after a warm-up; every receiver records delivery latency from the stamp in the content.
 * Without --rate it steps through rising rates until a step is not sustainable (p99 delivery over the
 * limit, a delivery missing, or a send not acknowledged).
 */
import type { FanoutResult, FanoutStep, TargetReport } from '../lib/report';
import { measurementWarnings, OTHERS_CPU_LIMIT, sustainableRate } from '../lib/report';
import { concatSamples, percentOf, summarize } from '../lib/stats';
import type { Target } from '../lib/targets';
import type { RunContext } from './common';
import { prepare, reportHead, sleep, waitForQuiet, waitWithProgress, Window } from './common';

/** Each message sent into a room is due to every other ready member of it. */
export function expectedDeliveries(
  parts: readonly { sentByRoom: Record<number, number> }[],
  readyByRoom: readonly number[],
): number {
  let expected = 0;
  for (const part of parts) {
    for (const [room, count] of Object.entries(part.sentByRoom)) {
      expected += count * Math.max(0, (readyByRoom[Number(room)] ?? 0) - 1);
    }
  }
  return expected;
}

/** A step measured while other processes were busy is measured again, this many times at most. */
const NOISY_RETRIES = 3;

export async function runFanout(ctx: RunContext, target: Target): Promise<TargetReport> {
  const { options } = ctx;
  const plan = { clients: options.clients, rooms: options.rooms, senders: options.senders, writers: 0 };
  const prepared = await prepare(ctx, target, plan);
  const { pool, readyByRoom } = prepared;
  const warnings: string[] = [];
  const rates = options.rate !== null ? [options.rate] : options.steps;
  const steps: FanoutStep[] = [];
  prepared.sampler.start();

  // Each worker sends its senders' share of the total rate.
  const readySenders = pool.workers.map(
    (worker) =>
      worker.clients.filter((client) => client.role === 'sender' && prepared.ready.has(client.index)).length,
  );
  const totalSenders = readySenders.reduce((sum, count) => sum + count, 0);
  if (totalSenders === 0) throw new Error('no sender connected');
  if (target.kind === 'supchat' && rates[rates.length - 1] / totalSenders > 10) {
    ctx.note(
      `note: up to ${(rates[rates.length - 1] / totalSenders).toFixed(1)} messages/s per sender; SUPCHAT's default ` +
        'MESSAGE_RATE_PER_SECOND is 10 (start it with a higher limit, or add --senders)',
    );
  }

  const measure = async (rate: number, stepId: number): Promise<FanoutStep> => {
    const warmupId = stepId - 1;
    const label = `${target.kind} ${rate} msg/s`;
    await waitForQuiet(ctx, [target.pid, ...pool.workers.map((worker) => worker.pid)]);
    await pool.all((worker) => {
      const share = totalSenders > 0 ? (rate * readySenders[pool.workers.indexOf(worker)]) / totalSenders : 0;
      return { kind: 'start-traffic', stepId: warmupId, rate: share };
    }, 'ok');
    if (options.warmupSeconds > 0) {
      await waitWithProgress(ctx, options.warmupSeconds * 1000, `${label} warm-up`, () => '');
    }
    await pool.all({ kind: 'switch-step', stepId }, 'ok');
    const window = await Window.open(prepared, ctx.nproc);
    await waitWithProgress(ctx, options.durationSeconds * 1000, label, () => {
      const progress = pool.progress();
      return `sent ${progress.sent} delivered ${progress.received}`;
    });
    await pool.all({ kind: 'stop-traffic' }, 'ok');
    const measured = await window.close();

    // Drain: wait for the acks and the deliveries still on their way.
    const drainDeadline = performance.now() + options.drainSeconds * 1000;
    for (;;) {
      const counts = (await pool.all({ kind: 'counts', stepId }, 'counts')).map((reply) => reply.counts);
      const sent = counts.reduce((sum, count) => sum + count.sent, 0);
      const answered = counts.reduce((sum, count) => sum + count.acked + count.ackFailed, 0);
      const received = counts.reduce((sum, count) => sum + count.received, 0);
      const expected = expectedDeliveries(counts, readyByRoom);
      ctx.progress.update(
        received / Math.max(1, expected),
        `${label} drain`,
        `acks ${answered}/${sent} delivered ${received}/${expected}`,
      );
      if ((answered >= sent && received >= expected) || performance.now() > drainDeadline) break;
      await sleep(100);
    }
    ctx.progress.clear();

    const data = (await pool.all({ kind: 'collect', stepId }, 'collected')).map((reply) => reply.data);
    const sent = data.reduce((sum, part) => sum + part.sent, 0);
    const acked = data.reduce((sum, part) => sum + part.acked, 0);
    const ackFailed = data.reduce((sum, part) => sum + part.ackFailed, 0);
    const received = data.reduce((sum, part) => sum + part.received, 0);
    const duplicates = data.reduce((sum, part) => sum + part.duplicates, 0);
    const expected = expectedDeliveries(data, readyByRoom);
    const errors: Record<string, number> = {};
    for (const part of data) {
      for (const [code, count] of Object.entries(part.errors)) errors[code] = (errors[code] ?? 0) + count;
    }
    const firstSend = Math.min(...data.map((part) => part.firstSendMicros ?? Infinity));
    const lastDelivery = Math.max(...data.map((part) => part.lastDeliveryMicros ?? -Infinity));
    const deliverySpanSeconds =
      Number.isFinite(firstSend) && Number.isFinite(lastDelivery) ? (lastDelivery - firstSend) / 1e6 : 0;
    const ack = summarize(concatSamples(data.map((part) => part.ackLatencies)));
    const delivery = summarize(concatSamples(data.map((part) => part.deliveryLatencies)));
    const completeness = percentOf(received, expected);

    const failures: string[] = [];
    if (delivery.p99 === null || delivery.p99 >= options.p99LimitMs) {
      failures.push(`p99 delivery ${delivery.p99?.toFixed(1) ?? '-'} ms >= ${options.p99LimitMs} ms`);
    }
    if (received < expected) failures.push(`${expected - received} deliveries missing`);
    if (acked < sent) failures.push(`${sent - acked} sends not acknowledged`);
    if (duplicates > 0) failures.push(`${duplicates} duplicate deliveries`);
    if (sent < rate * measured.seconds * 0.95) {
      failures.push(`sent only ${(sent / measured.seconds).toFixed(0)} of ${rate} messages/s`);
    }
    return {
      offeredRate: rate,
      seconds: measured.seconds,
      sent,
      acked,
      ackFailed,
      errors,
      ack,
      delivery,
      expected,
      received,
      completeness,
      duplicates,
      sendRate: sent / measured.seconds,
      deliveryRate: deliverySpanSeconds > 0 ? received / deliverySpanSeconds : 0,
      serverCpuMsPerMessage:
        measured.server.cpuPercent !== null && sent > 0
          ? ((measured.server.cpuPercent / 100) * measured.seconds * 1000) / sent
          : null,
      server: measured.server,
      generator: measured.generator,
      sustainable: failures.length === 0,
      failures,
    };
  };

  try {
    let measurements = 0;
    for (const rate of rates) {
      const maxAttempts = options.waitQuietSeconds > 0 ? 1 + NOISY_RETRIES : 1;
      let step: FanoutStep;
      for (let attempt = 1; ; attempt++) {
        measurements += 1;
        step = await measure(rate, 2 * measurements);
        step.attempts = attempt;
        const others = step.server.othersCpuPercent ?? 0;
        step.noisy = others > OTHERS_CPU_LIMIT;
        if (!step.noisy || attempt >= maxAttempts) break;
        ctx.note(
          `${target.kind} ${rate} msg/s: other processes used ${others.toFixed(0)} % of a core meanwhile; measuring it again (${attempt}/${maxAttempts - 1})`,
        );
        await sleep(1000);
      }
      steps.push(step);
      const { delivery, completeness, acked, sent, failures } = step;
      const stepWarnings = measurementWarnings(
        `${target.kind} at ${rate} msg/s`,
        step.generator,
        step.server,
        ctx.nproc,
      );
      warnings.push(...stepWarnings);
      ctx.note(
        `${target.kind} ${rate} msg/s: p50/p99 delivery ${delivery.p50?.toFixed(1) ?? '-'}/${delivery.p99?.toFixed(1) ?? '-'} ms, ` +
          `${completeness?.toFixed(2) ?? '-'} % complete, acked ${acked}/${sent}, server CPU ${step.server.cpuPercent?.toFixed(0) ?? '-'} %, ` +
          `generator max ${step.generator.maxWorkerCpuPercent.toFixed(0)} % ${step.sustainable ? 'OK' : `NOT SUSTAINABLE (${failures.join('; ')})`}`,
      );
      for (const warning of stepWarnings) ctx.note(warning);
      // Stop at a failure measured on a quiet machine, or at a second failure in a row.
      const previous = steps.at(-2);
      const stop = !step.sustainable && (!step.noisy || (previous !== undefined && !previous.sustainable));
      if (stop && !options.keepGoing && options.rate === null) break;
      await sleep(1000);
    }
  } finally {
    prepared.sampler.stop();
    await pool.close();
  }

  const result: FanoutResult = {
    connect: prepared.connect,
    roomSize: Math.round(options.clients / options.rooms),
    steps,
    sustainableRate: sustainableRate(steps),
  };
  return {
    ...reportHead(target, prepared, options.rooms),
    fanout: result,
    warnings,
  };
}

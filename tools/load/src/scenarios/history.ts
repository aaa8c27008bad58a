/**
 * history: pages back through a channel of (by default) 1,000,000 stored messages, made beforehand
 * by seed-history, with GET /api/channels/:id/messages?before=<seq>&limit=50. P pagers (--clients)
 * each start at a different depth and walk towards the oldest message, wrapping to the newest.
 * Client-side latency is timed here; server-side time comes from the difference of the
 * `supchat_http_request_duration_seconds` histogram on /metrics before and after.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuPercentBetween, machineBusyPercent, sampleMachineCpu } from '../lib/proc';
import {
  fractionAtOrBelow,
  histogramBuckets,
  histogramCount,
  histogramDelta,
  histogramQuantile,
} from '../lib/prometheus';
import type { HistoryResult, TargetReport } from '../lib/report';
import { generatorReport, measurementWarnings, OTHERS_CPU_LIMIT } from '../lib/report';
import { RestClient, RestError } from '../lib/rest';
import { SampleBuffer, summarize } from '../lib/stats';
import type { Target } from '../lib/targets';
import { LOAD_PASSWORD, ServerSampler } from '../lib/targets';
import type { RunContext } from './common';
import { waitForQuiet, waitWithProgress } from './common';

export const HISTORY_PAGE = 50;
const HISTORY_HISTOGRAM = 'supchat_http_request_duration_seconds';
const HISTORY_ROUTE = { method: 'GET', route: '/api/channels/:id/messages', status: '200' };

/** A page before `before` of a channel whose seqs are 1..N without gaps: exactly the 50 seqs below it. */
export function isExpectedPage(seqs: readonly number[], before: number, limit = HISTORY_PAGE): boolean {
  const count = Math.min(limit, before - 1);
  if (seqs.length !== count) return false;
  return seqs.every((seq, index) => seq === before - count + index);
}

export async function runHistory(ctx: RunContext, target: Target): Promise<TargetReport> {
  const { options } = ctx;
  const rest = new RestClient(target.url);
  const warnings: string[] = [];

  const pagers = await Promise.all(
    Array.from({ length: options.clients }, (_, index) =>
      rest.register(`lt${ctx.runTag}h${index.toString(36)}`, LOAD_PASSWORD),
    ),
  );
  const token = pagers[0].accessToken;
  const found = (await rest.browse(token, options.channel)).find(
    (channel) => channel.name === options.channel,
  );
  if (!found) {
    throw new Error(
      `no public channel "${options.channel}" at ${target.url}: seed one with "npm run bench:seed-history" and start the server on that file`,
    );
  }
  for (const pager of pagers) await rest.join(pager.accessToken, found.id);
  const channel = await rest.channel(token, found.id);
  const newest = channel.lastSeq;
  ctx.note(
    `history: channel ${channel.name} (${channel.id}) with messages up to seq ${newest}, ${options.clients} pagers`,
  );

  const state = {
    measuring: false,
    stop: false,
    pages: 0,
    wrongPages: 0,
    errors: {} as Record<string, number>,
    latencies: new SampleBuffer(65_536),
  };
  const walk = async (pager: number) => {
    const accessToken = pagers[pager].accessToken;
    // Pager k starts k/P of the way down, so together they cover the whole depth.
    let before = newest + 1 - Math.floor((pager / options.clients) * newest);
    while (!state.stop) {
      const started = performance.now();
      try {
        const page = await rest.history(accessToken, channel.id, before, HISTORY_PAGE);
        const ms = performance.now() - started;
        if (state.measuring) {
          state.latencies.push(ms);
          state.pages += 1;
          const seqs = page.messages.map((message) => message.seq);
          if (!isExpectedPage(seqs, before)) state.wrongPages += 1;
        }
        before = page.hasMore && page.messages.length > 0 ? page.messages[0].seq : newest + 1;
      } catch (error) {
        const code = error instanceof RestError ? error.code : 'ERROR';
        if (state.measuring) state.errors[code] = (state.errors[code] ?? 0) + 1;
        before = newest + 1;
      }
    }
  };

  const sampler = new ServerSampler(target.pid);
  sampler.start();
  const readMetrics = () =>
    rest.metricsText(options.metricsToken).catch((error: unknown) => {
      warnings.push(
        `no server-side figures: /metrics could not be read (${(error as Error).message}); pass --metrics-token if METRICS_TOKEN is set`,
      );
      return null;
    });

  /** One measured window while the pagers run. */
  const measure = async (): Promise<HistoryResult> => {
    await waitForQuiet(ctx, [target.pid]);
    Object.assign(state, { pages: 0, wrongPages: 0, errors: {}, latencies: new SampleBuffer(65_536) });
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    const metricsBefore = await readMetrics();
    const serverStart = sampler.sample();
    const machineStart = sampleMachineCpu();
    const cpuStart = process.cpuUsage();
    const startedAt = performance.now();
    loopDelay.enable();
    state.measuring = true;
    await waitWithProgress(ctx, options.durationSeconds * 1000, 'history', () => `${state.pages} pages`);
    state.measuring = false;
    const elapsedMs = performance.now() - startedAt;
    const cpu = process.cpuUsage(cpuStart);
    const serverEnd = sampler.sample();
    const machineEnd = sampleMachineCpu();
    loopDelay.disable();
    const metricsAfter = metricsBefore === null ? null : await readMetrics();
    ctx.progress.clear();

    let serverSide: HistoryResult['serverSide'] = null;
    if (metricsBefore !== null && metricsAfter !== null) {
      const delta = histogramDelta(
        histogramBuckets(metricsBefore, HISTORY_HISTOGRAM, HISTORY_ROUTE),
        histogramBuckets(metricsAfter, HISTORY_HISTOGRAM, HISTORY_ROUTE),
      );
      const within = fractionAtOrBelow(delta, 0.005);
      const p50 = histogramQuantile(delta, 0.5);
      const p99 = histogramQuantile(delta, 0.99);
      serverSide = {
        count: histogramCount(delta),
        p50Ms: p50 === null ? null : p50 * 1000,
        p99Ms: p99 === null ? null : p99 * 1000,
        within5msPercent: within === null ? null : within * 100,
      };
      if (serverSide.count === 0)
        warnings.push(`no ${HISTORY_HISTOGRAM} observations for ${HISTORY_ROUTE.route}`);
    }
    const lag = (value: number) => Math.max(0, value / 1e6 - 10);
    const generator = generatorReport(
      [
        {
          pid: process.pid,
          stats: {
            elapsedMs,
            cpuPercent: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
            lagP50Ms: lag(loopDelay.percentile(50)),
            lagP99Ms: lag(loopDelay.percentile(99)),
            lagMaxMs: lag(loopDelay.max),
          },
        },
      ],
      0,
    );
    const serverCpu = serverStart && serverEnd ? cpuPercentBetween(serverStart, serverEnd) : null;
    const machineBusy =
      machineStart && machineEnd ? machineBusyPercent(machineStart, machineEnd, ctx.nproc) : null;
    return {
      channelId: channel.id,
      messagesInChannel: newest,
      pages: state.pages,
      pagesPerSecond: state.pages / (elapsedMs / 1000),
      errors: state.errors,
      wrongPages: state.wrongPages,
      client: summarize(state.latencies.toArray()),
      serverSide,
      server: {
        pid: target.pid,
        cpuPercent: serverCpu,
        rssBytes: serverEnd?.rssBytes ?? null,
        rssMaxBytes: sampler.maxRssSince(startedAt),
        othersCpuPercent:
          machineBusy === null || serverCpu === null
            ? null
            : Math.max(0, machineBusy - serverCpu - generator.totalCpuPercent),
      },
      generator,
    };
  };

  const running = Array.from({ length: options.clients }, (_, pager) => walk(pager));
  let result: HistoryResult;
  try {
    await waitWithProgress(ctx, options.warmupSeconds * 1000, 'history warm-up', () => '');
    const maxAttempts = options.waitQuietSeconds > 0 ? 4 : 1;
    for (let attempt = 1; ; attempt++) {
      result = await measure();
      const others = result.server.othersCpuPercent ?? 0;
      if (others <= OTHERS_CPU_LIMIT || attempt >= maxAttempts) break;
      ctx.note(`history: other processes used ${others.toFixed(0)} % of a core meanwhile; measuring again`);
    }
  } finally {
    state.stop = true;
    await Promise.all(running);
    sampler.stop();
  }
  warnings.push(...measurementWarnings('history', result.generator, result.server, ctx.nproc));
  for (const warning of warnings) ctx.note(warning);
  return {
    kind: target.kind,
    url: target.url,
    serverPid: target.pid,
    setup: { seconds: 0, users: options.clients, channels: 1 },
    history: result,
    warnings,
  };
}

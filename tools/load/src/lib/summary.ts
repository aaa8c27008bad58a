/**
 * Medians over repeated runs (`npm run bench -- summarize a.json b.json c.json`): on a shared,
 * noisy machine one run proves little, so PERFORMANCE.md reports the median of several.
 */
import type { Cell } from './format';
import { fmt, fmtBytes, fmtRatio } from './format';
import { verdicts as verdictsOf } from './render';
import type { LoadReport, TargetReport } from './report';
import { median, ratio } from './stats';

export interface SummaryTable {
  title: string;
  headers: string[];
  rows: Cell[][];
}

const medianOf = (values: readonly (number | null | undefined)[]): number | null =>
  median(
    values.filter(
      (value): value is number => value !== null && value !== undefined && Number.isFinite(value),
    ),
  );

const runOf = (report: LoadReport, kind: 'supchat' | 'baseline'): TargetReport | undefined =>
  report.runs.find((run) => run.kind === kind);

/** "m (a, b, c)": the median and every run's value. */
function spread(
  values: readonly (number | null | undefined)[],
  format: (value: number | null) => string,
): string {
  return `${format(medianOf(values))} (${values.map((value) => format(value ?? null)).join(', ')})`;
}

export function summarizeReports(reports: readonly LoadReport[]): SummaryTable[] {
  if (reports.length === 0) throw new Error('no reports to summarize');
  const scenario = reports[0].scenario;
  if (reports.some((report) => report.scenario !== scenario)) {
    throw new Error('summarize reports of one scenario at a time');
  }
  const tables: SummaryTable[] = [];

  // The targets (recomputed from the runs, so older reports follow today's rules): the median
  // of each run's value and of each run's ratio.
  const allVerdicts = reports.map((report) => verdictsOf(report));
  const metrics = allVerdicts[0].map((verdict) => verdict.metric);
  tables.push({
    title: `${scenario}: targets over ${reports.length} runs (median, then each run)`,
    headers: ['target', 'supchat', 'baseline', 'ratio', 'asked', 'met (median)'],
    rows: metrics.map((metric) => {
      const verdicts = allVerdicts.map((list) => list.find((verdict) => verdict.metric === metric));
      const ratios = verdicts.map((verdict) => verdict?.ratio ?? null);
      const asked = verdicts[0]?.target ?? '';
      const medianRatio = medianOf(ratios);
      const medianValue = medianOf(verdicts.map((verdict) => verdict?.supchat));
      let met: string;
      if (/^ratio <= ([\d.]+)/.test(asked))
        met =
          medianRatio === null
            ? 'n/a'
            : medianRatio <= Number(/([\d.]+)/.exec(asked)?.[1])
              ? 'MET'
              : 'MISSED';
      else if (/^ratio >= ([\d.]+)/.test(asked))
        met =
          medianRatio === null
            ? 'n/a'
            : medianRatio >= Number(/([\d.]+)/.exec(asked)?.[1])
              ? 'MET'
              : 'MISSED';
      else {
        const all = verdicts.map((verdict) => verdict?.met);
        met = all.every((value) => value === true)
          ? 'MET in every run'
          : all.some((value) => value === true)
            ? `MET in ${all.filter(Boolean).length} of ${all.length}`
            : 'MISSED';
      }
      return [
        metric,
        spread(
          verdicts.map((verdict) => verdict?.supchat),
          (value) => fmt(value, 2),
        ),
        spread(
          verdicts.map((verdict) => verdict?.baseline),
          (value) => fmt(value, 2),
        ),
        spread(ratios, fmtRatio),
        asked,
        medianValue === null && medianRatio === null ? 'n/a' : met,
      ];
    }),
  });

  if (scenario === 'fanout') {
    for (const kind of ['supchat', 'baseline'] as const) {
      const runs = reports.map((report) => runOf(report, kind)?.fanout).filter((run) => run !== undefined);
      if (runs.length === 0) continue;
      const rates = [...new Set(runs.flatMap((run) => run.steps.map((step) => step.offeredRate)))].sort(
        (a, b) => a - b,
      );
      tables.push({
        title: `${kind} fan-out by rate, median of the runs that reached the step (latency ms)`,
        headers: [
          'rate/s',
          'runs',
          'sustainable in',
          'del p50',
          'del p95',
          'del p99',
          'del max',
          'ack p99',
          'complete %',
          'srv CPU %',
          'srv ms/msg',
          'gen CPU %',
          'others CPU %',
        ],
        rows: rates.map((rate) => {
          const steps = runs.flatMap((run) => run.steps.filter((step) => step.offeredRate === rate));
          return [
            rate,
            steps.length,
            `${steps.filter((step) => step.sustainable).length}/${steps.length}`,
            fmt(medianOf(steps.map((step) => step.delivery.p50))),
            fmt(medianOf(steps.map((step) => step.delivery.p95))),
            fmt(medianOf(steps.map((step) => step.delivery.p99))),
            fmt(medianOf(steps.map((step) => step.delivery.max))),
            fmt(medianOf(steps.map((step) => step.ack.p99))),
            fmt(medianOf(steps.map((step) => step.completeness)), 2),
            fmt(medianOf(steps.map((step) => step.server.cpuPercent)), 0),
            fmt(medianOf(steps.map((step) => step.serverCpuMsPerMessage)), 2),
            fmt(medianOf(steps.map((step) => step.generator.totalCpuPercent)), 0),
            fmt(medianOf(steps.map((step) => step.server.othersCpuPercent)), 0),
          ];
        }),
      });
    }
    const both = reports.filter(
      (report) => runOf(report, 'supchat')?.fanout && runOf(report, 'baseline')?.fanout,
    );
    if (both.length > 0) {
      const rates = [
        ...new Set(
          both.flatMap((report) =>
            (runOf(report, 'supchat')?.fanout?.steps ?? []).map((step) => step.offeredRate),
          ),
        ),
      ].sort((a, b) => a - b);
      tables.push({
        title: 'SUPCHAT / baseline by rate (median of the per-run ratios)',
        headers: ['rate/s', 'p50 ratio', 'p99 ratio', 'server CPU per message ratio'],
        rows: rates.map((rate) => {
          const pairs = both.map((report) => ({
            a: runOf(report, 'supchat')?.fanout?.steps.find((step) => step.offeredRate === rate),
            b: runOf(report, 'baseline')?.fanout?.steps.find((step) => step.offeredRate === rate),
          }));
          return [
            rate,
            fmtRatio(medianOf(pairs.map(({ a, b }) => ratio(a?.delivery.p50, b?.delivery.p50)))),
            fmtRatio(medianOf(pairs.map(({ a, b }) => ratio(a?.delivery.p99, b?.delivery.p99)))),
            fmtRatio(
              medianOf(pairs.map(({ a, b }) => ratio(a?.serverCpuMsPerMessage, b?.serverCpuMsPerMessage))),
            ),
          ];
        }),
      });
    }
  }

  if (scenario === 'idle') {
    tables.push({
      title: 'idle sockets (median, then each run)',
      headers: ['', 'supchat', 'baseline'],
      rows: [
        [
          'sockets ready',
          ...(['supchat', 'baseline'] as const).map((kind) =>
            spread(
              reports.map((report) => runOf(report, kind)?.idle?.connect.connected),
              (value) => fmt(value, 0),
            ),
          ),
        ],
        [
          'RSS before',
          ...(['supchat', 'baseline'] as const).map((kind) =>
            spread(
              reports.map((report) => runOf(report, kind)?.idle?.rssBeforeBytes),
              fmtBytes,
            ),
          ),
        ],
        [
          'RSS with the sockets',
          ...(['supchat', 'baseline'] as const).map((kind) =>
            spread(
              reports.map((report) => runOf(report, kind)?.idle?.rssAfterBytes),
              fmtBytes,
            ),
          ),
        ],
        [
          'RSS per socket',
          ...(['supchat', 'baseline'] as const).map((kind) =>
            spread(
              reports.map((report) => runOf(report, kind)?.idle?.rssPerSocketBytes),
              fmtBytes,
            ),
          ),
        ],
        [
          'connect p50 (ms)',
          ...(['supchat', 'baseline'] as const).map((kind) =>
            spread(
              reports.map((report) => runOf(report, kind)?.idle?.connect.ms.p50),
              (value) => fmt(value, 0),
            ),
          ),
        ],
        [
          'connect p99 (ms)',
          ...(['supchat', 'baseline'] as const).map((kind) =>
            spread(
              reports.map((report) => runOf(report, kind)?.idle?.connect.ms.p99),
              (value) => fmt(value, 0),
            ),
          ),
        ],
        [
          'time to connect all (s)',
          ...(['supchat', 'baseline'] as const).map((kind) =>
            spread(
              reports.map((report) => runOf(report, kind)?.idle?.connect.seconds),
              (value) => fmt(value, 1),
            ),
          ),
        ],
        [
          'server CPU per connection (ms)',
          ...(['supchat', 'baseline'] as const).map((kind) =>
            spread(
              reports.map((report) => runOf(report, kind)?.idle?.serverCpuMsPerConnect),
              (value) => fmt(value, 2),
            ),
          ),
        ],
        [
          'server CPU while connecting (%)',
          ...(['supchat', 'baseline'] as const).map((kind) =>
            spread(
              reports.map((report) => runOf(report, kind)?.idle?.server.cpuPercent),
              (value) => fmt(value, 0),
            ),
          ),
        ],
        [
          'others CPU while connecting (%)',
          ...(['supchat', 'baseline'] as const).map((kind) =>
            spread(
              reports.map((report) => runOf(report, kind)?.idle?.server.othersCpuPercent),
              (value) => fmt(value, 0),
            ),
          ),
        ],
      ],
    });
  }

  if (scenario === 'history') {
    const runs = reports.map((report) => runOf(report, 'supchat')?.history);
    tables.push({
      title: 'history paging (median, then each run)',
      headers: ['', 'value'],
      rows: [
        [
          'pages/s',
          spread(
            runs.map((run) => run?.pagesPerSecond),
            (value) => fmt(value, 0),
          ),
        ],
        [
          'client p50 (ms)',
          spread(
            runs.map((run) => run?.client.p50),
            (value) => fmt(value, 2),
          ),
        ],
        [
          'client p99 (ms)',
          spread(
            runs.map((run) => run?.client.p99),
            (value) => fmt(value, 2),
          ),
        ],
        [
          'server-side p50 (ms)',
          spread(
            runs.map((run) => run?.serverSide?.p50Ms),
            (value) => fmt(value, 2),
          ),
        ],
        [
          'server-side p99 (ms)',
          spread(
            runs.map((run) => run?.serverSide?.p99Ms),
            (value) => fmt(value, 2),
          ),
        ],
        [
          'server-side within 5 ms (%)',
          spread(
            runs.map((run) => run?.serverSide?.within5msPercent),
            (value) => fmt(value, 2),
          ),
        ],
        [
          'wrong pages',
          spread(
            runs.map((run) => run?.wrongPages),
            (value) => fmt(value, 0),
          ),
        ],
        [
          'server CPU (%)',
          spread(
            runs.map((run) => run?.server.cpuPercent),
            (value) => fmt(value, 0),
          ),
        ],
        [
          'others CPU (%)',
          spread(
            runs.map((run) => run?.server.othersCpuPercent),
            (value) => fmt(value, 0),
          ),
        ],
      ],
    });
  }

  if (scenario === 'storm') {
    const runs = reports.map((report) => runOf(report, 'supchat')?.storm);
    tables.push({
      title: 'reconnect storm (median, then each run)',
      headers: ['', 'value'],
      rows: [
        [
          'clients',
          spread(
            runs.map((run) => run?.clients),
            (value) => fmt(value, 0),
          ),
        ],
        [
          'caught up',
          spread(
            runs.map((run) => run?.caughtUp),
            (value) => fmt(value, 0),
          ),
        ],
        [
          'reconnect p99 (s)',
          spread(
            runs.map((run) => (run?.reconnect.p99 ?? NaN) / 1000),
            (value) => fmt(value, 2),
          ),
        ],
        [
          'caught up p50 (s)',
          spread(
            runs.map((run) => (run?.catchUp.p50 ?? NaN) / 1000),
            (value) => fmt(value, 2),
          ),
        ],
        [
          'caught up p99 (s)',
          spread(
            runs.map((run) => (run?.catchUp.p99 ?? NaN) / 1000),
            (value) => fmt(value, 2),
          ),
        ],
        [
          'all caught up after (s)',
          spread(
            runs.map((run) => run?.allCaughtUpSeconds),
            (value) => fmt(value, 2),
          ),
        ],
        [
          'clients missing a message',
          spread(
            runs.map((run) => run?.clientsMissing),
            (value) => fmt(value, 0),
          ),
        ],
        [
          'sync messages fetched',
          spread(
            runs.map((run) => run?.syncMessages),
            (value) => fmt(value, 0),
          ),
        ],
        [
          'server CPU during the storm (%)',
          spread(
            runs.map((run) => run?.server.cpuPercent),
            (value) => fmt(value, 0),
          ),
        ],
        [
          'others CPU during the storm (%)',
          spread(
            runs.map((run) => run?.server.othersCpuPercent),
            (value) => fmt(value, 0),
          ),
        ],
      ],
    });
  }
  return tables;
}

/** A GitHub-flavoured Markdown table (for docs/PERFORMANCE.md). */
export function markdownTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cell = (value: Cell) =>
    (value === null || value === undefined ? '-' : String(value)).replace(/\|/g, '\\|');
  return [
    `| ${headers.map(cell).join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${headers.map((_, column) => cell(row[column])).join(' | ')} |`),
  ].join('\n');
}

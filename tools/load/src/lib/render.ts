/** The terminal tables, the verdicts against the issue's targets, and the charts of a report. */
import type { Cell } from './format';
import { fmt, fmtBytes, fmtInt, fmtPercent, fmtRatio, renderTable } from './format';
import type { FanoutStep, LoadReport, TargetReport, Verdict } from './report';
import { ratio } from './stats';
import type { ChartSeries } from './svg-chart';
import { lineChart } from './svg-chart';

const errorsText = (errors: Record<string, number>) =>
  Object.keys(errors).length === 0
    ? '-'
    : Object.entries(errors)
        .map(([code, count]) => `${code}:${count}`)
        .join(' ');

const byKind = (report: LoadReport, kind: 'supchat' | 'baseline') =>
  report.runs.find((run) => run.kind === kind);

/** The issue's targets that this report can speak to. */
export function verdicts(report: LoadReport): Verdict[] {
  const supchat = byKind(report, 'supchat');
  const baseline = byKind(report, 'baseline');
  const out: Verdict[] = [];
  const compare = (
    metric: string,
    a: number | null,
    b: number | null,
    target: string,
    ok: (r: number) => boolean,
  ) => {
    const r = ratio(a, b);
    out.push({ metric, supchat: a, baseline: b, ratio: r, target, met: r === null ? null : ok(r) });
  };
  switch (report.scenario) {
    case 'idle': {
      const connected = supchat?.idle?.connect.connected ?? null;
      if (supchat) {
        out.push({
          metric: 'concurrent authenticated sockets',
          supchat: connected,
          baseline: baseline?.idle?.connect.connected ?? null,
          ratio: null,
          target: '>= 10,000',
          met:
            connected === null ? null : connected >= 10_000 && (supchat.idle?.connectedAtEnd ?? 0) >= 10_000,
        });
      }
      compare(
        'RSS per socket (bytes)',
        supchat?.idle?.rssPerSocketBytes ?? null,
        baseline?.idle?.rssPerSocketBytes ?? null,
        'ratio <= 1.3',
        (r) => r <= 1.3,
      );
      break;
    }
    case 'fanout': {
      compare(
        'sustainable fan-out rate (messages/s)',
        // No sustainable step at all counts as 0: below the lowest step.
        supchat?.fanout ? (supchat.fanout.sustainableRate ?? 0) : null,
        baseline?.fanout ? (baseline.fanout.sustainableRate ?? 0) : null,
        'ratio >= 0.8',
        (r) => r >= 0.8,
      );
      const at500 = (run: TargetReport | undefined) =>
        run?.fanout?.steps.find((step) => step.offeredRate === 500)?.delivery.p99 ?? null;
      compare(
        'p99 delivery at 500 messages/s (ms)',
        at500(supchat),
        at500(baseline),
        'ratio <= 2',
        (r) => r <= 2,
      );
      break;
    }
    case 'history': {
      const p99 = supchat?.history?.serverSide?.p99Ms ?? null;
      out.push({
        metric: '50-message page, server-side p99 (ms)',
        supchat: p99,
        baseline: null,
        ratio: null,
        target: '< 5 ms',
        met: p99 === null ? null : p99 < 5 && (supchat?.history?.serverSide?.within5msPercent ?? 0) >= 99,
      });
      break;
    }
    case 'storm': {
      const storm = supchat?.storm;
      out.push({
        metric: 'all clients caught up after reconnecting at once (s)',
        supchat: storm?.allCaughtUpSeconds ?? null,
        baseline: null,
        ratio: null,
        target: '<= 10 s, none missing anything',
        met: storm
          ? storm.allCaughtUpSeconds !== null && storm.allCaughtUpSeconds <= 10 && storm.clientsMissing === 0
          : null,
      });
      break;
    }
  }
  return out;
}

function fanoutStepRow(step: FanoutStep): Cell[] {
  return [
    step.offeredRate,
    fmt(step.sendRate, 0),
    `${step.acked}/${step.sent}`,
    errorsText(step.errors),
    fmt(step.ack.p50),
    fmt(step.ack.p99),
    fmt(step.delivery.p50),
    fmt(step.delivery.p95),
    fmt(step.delivery.p99),
    fmt(step.delivery.max),
    `${step.received}/${step.expected}`,
    fmt(step.completeness, 2),
    step.duplicates,
    fmt(step.deliveryRate, 0),
    fmt(step.server.cpuPercent, 0),
    fmt(step.serverCpuMsPerMessage, 2),
    fmtBytes(step.server.rssMaxBytes ?? step.server.rssBytes),
    fmt(step.generator.maxWorkerCpuPercent, 0),
    fmt(step.generator.maxLagP99Ms),
    fmt(step.server.othersCpuPercent, 0),
    step.sustainable ? 'yes' : step.noisy ? 'NO (noisy)' : 'NO',
  ];
}

const FANOUT_HEADERS = [
  'rate/s',
  'sent/s',
  'acked',
  'errors',
  'ack p50',
  'ack p99',
  'del p50',
  'del p95',
  'del p99',
  'del max',
  'delivered/expected',
  'complete %',
  'dup',
  'deliv/s',
  'srv CPU %',
  'srv ms/msg',
  'srv RSS',
  'gen CPU %',
  'gen lag p99',
  'others CPU %',
  'ok',
];

function targetSection(report: LoadReport, run: TargetReport): string {
  const title = `${run.kind.toUpperCase()} (${run.url}${run.serverPid ? `, pid ${run.serverPid}` : ', server pid unknown: no RSS/CPU'})`;
  const lines = [title];
  if (run.idle) {
    const idle = run.idle;
    lines.push(
      renderTable(
        ['idle', 'value'],
        [
          ['sockets ready', `${idle.connect.connected}/${idle.connect.attempted}`],
          ['connect failures', errorsText(idle.connect.errors)],
          [
            'connect p50 / p99 / max (ms)',
            `${fmt(idle.connect.ms.p50)} / ${fmt(idle.connect.ms.p99)} / ${fmt(idle.connect.ms.max)}`,
          ],
          ['time to connect all (s)', fmt(idle.connect.seconds)],
          ['server RSS before', fmtBytes(idle.rssBeforeBytes)],
          ['server RSS with the sockets', fmtBytes(idle.rssAfterBytes)],
          ['RSS per socket', fmtBytes(idle.rssPerSocketBytes)],
          ['server CPU while connecting', fmtPercent(idle.server.cpuPercent, 0)],
          ['server CPU per connection (ms)', fmt(idle.serverCpuMsPerConnect, 2)],
          ['still connected after the hold', `${idle.connectedAtEnd}`],
          ['drops while holding', errorsText(idle.dropped)],
          [
            'generator CPU max worker / lag p99',
            `${fmt(idle.generator.maxWorkerCpuPercent, 0)} % / ${fmt(idle.generator.maxLagP99Ms)} ms`,
          ],
          ['other processes CPU while connecting', fmtPercent(idle.server.othersCpuPercent, 0)],
        ],
      ),
    );
  }
  if (run.fanout) {
    const fanout = run.fanout;
    lines.push(
      `rooms of ${fanout.roomSize}; ${fanout.connect.connected}/${fanout.connect.attempted} sockets ready ` +
        `(connect p50 ${fmt(fanout.connect.ms.p50)} ms, p99 ${fmt(fanout.connect.ms.p99)} ms${fanout.connect.failed ? `, failures ${errorsText(fanout.connect.errors)}` : ''}); latencies in ms`,
      renderTable(FANOUT_HEADERS, fanout.steps.map(fanoutStepRow)),
      `sustainable rate (p99 < ${report.options['p99LimitMs'] as number} ms, 100 % delivered, all acked): ${fanout.sustainableRate ?? 'none'} messages/s`,
    );
    for (const step of fanout.steps.filter((candidate) => !candidate.sustainable)) {
      lines.push(`  ${step.offeredRate}/s not sustainable: ${step.failures.join('; ')}`);
    }
  }
  if (run.history) {
    const history = run.history;
    lines.push(
      renderTable(
        ['history', 'value'],
        [
          ['messages in the channel', fmtInt(history.messagesInChannel)],
          ['pages of 50 read', fmtInt(history.pages)],
          ['pages/s', fmt(history.pagesPerSecond, 0)],
          ['wrong pages', history.wrongPages],
          ['errors', errorsText(history.errors)],
          [
            'client p50 / p95 / p99 / max (ms)',
            `${fmt(history.client.p50, 2)} / ${fmt(history.client.p95, 2)} / ${fmt(history.client.p99, 2)} / ${fmt(history.client.max, 2)}`,
          ],
          ['server-side requests seen', history.serverSide ? fmtInt(history.serverSide.count) : '-'],
          [
            'server-side p50 / p99 (ms, from buckets)',
            history.serverSide
              ? `${fmt(history.serverSide.p50Ms, 2)} / ${fmt(history.serverSide.p99Ms, 2)}`
              : '-',
          ],
          ['server-side within 5 ms', fmtPercent(history.serverSide?.within5msPercent, 2)],
          ['server CPU', fmtPercent(history.server.cpuPercent, 0)],
          ['server RSS', fmtBytes(history.server.rssBytes)],
          [
            'generator CPU / lag p99',
            `${fmt(history.generator.maxWorkerCpuPercent, 0)} % / ${fmt(history.generator.maxLagP99Ms)} ms`,
          ],
          ['other processes CPU', fmtPercent(history.server.othersCpuPercent, 0)],
        ],
      ),
    );
  }
  if (run.storm) {
    const storm = run.storm;
    lines.push(
      renderTable(
        ['storm', 'value'],
        [
          [
            'clients dropped and reconnected at once',
            `${storm.clients} (+ ${storm.writers} writers kept connected)`,
          ],
          ['reconnected', `${storm.reconnected}/${storm.clients}`],
          ['caught up', `${storm.caughtUp}/${storm.clients}`],
          ['failures', errorsText(storm.errors)],
          [
            'reconnect p50 / p99 / max (s)',
            `${fmt(sec(storm.reconnect.p50), 2)} / ${fmt(sec(storm.reconnect.p99), 2)} / ${fmt(sec(storm.reconnect.max), 2)}`,
          ],
          [
            'caught up p50 / p99 / max (s)',
            `${fmt(sec(storm.catchUp.p50), 2)} / ${fmt(sec(storm.catchUp.p99), 2)} / ${fmt(sec(storm.catchUp.max), 2)}`,
          ],
          ['all caught up after (s)', fmt(storm.allCaughtUpSeconds, 2)],
          ['handshake attempts', storm.connectAttempts],
          ['failed handshakes (retried)', errorsText(storm.connectErrors ?? {})],
          ['sync requests / messages fetched', `${storm.syncRequests} / ${storm.syncMessages}`],
          ['messages written (acked/sent)', `${storm.writes.acked}/${storm.writes.sent}`],
          ['write errors', errorsText(storm.writes.errors)],
          ['clients missing a message', storm.clientsMissing],
          ['messages missing (sum over clients)', storm.missingMessages],
          ['clients behind at the end', storm.clientsBehind],
          ['server CPU during the storm', fmtPercent(storm.server.cpuPercent, 0)],
          ['server RSS max', fmtBytes(storm.server.rssMaxBytes)],
          [
            'generator CPU max worker / lag p99',
            `${fmt(storm.generator.maxWorkerCpuPercent, 0)} % / ${fmt(storm.generator.maxLagP99Ms)} ms`,
          ],
          ['other processes CPU during the storm', fmtPercent(storm.server.othersCpuPercent, 0)],
        ],
      ),
    );
  }
  return lines.join('\n');
}

const sec = (ms: number | null) => (ms === null ? null : ms / 1000);

/** Everything printed on stdout at the end of a run. */
export function renderReport(report: LoadReport): string {
  const sections = report.runs.map((run) => targetSection(report, run));
  const supchat = byKind(report, 'supchat');
  const baseline = byKind(report, 'baseline');
  if (report.scenario === 'fanout' && supchat?.fanout && baseline?.fanout) {
    const rates = [
      ...new Set([...supchat.fanout.steps, ...baseline.fanout.steps].map((step) => step.offeredRate)),
    ].sort((a, b) => a - b);
    const rows = rates.map((rate): Cell[] => {
      const a = supchat.fanout?.steps.find((step) => step.offeredRate === rate);
      const b = baseline.fanout?.steps.find((step) => step.offeredRate === rate);
      return [
        rate,
        fmt(a?.delivery.p50),
        fmt(b?.delivery.p50),
        fmtRatio(ratio(a?.delivery.p50, b?.delivery.p50)),
        fmt(a?.delivery.p99),
        fmt(b?.delivery.p99),
        fmtRatio(ratio(a?.delivery.p99, b?.delivery.p99)),
        fmt(a?.serverCpuMsPerMessage, 2),
        fmt(b?.serverCpuMsPerMessage, 2),
        fmtRatio(ratio(a?.serverCpuMsPerMessage, b?.serverCpuMsPerMessage)),
      ];
    });
    sections.push(
      'SUPCHAT vs BASELINE by rate (delivery latency ms; server CPU ms per message)\n' +
        renderTable(
          [
            'rate/s',
            'p50',
            'base p50',
            'ratio',
            'p99',
            'base p99',
            'ratio',
            'ms/msg',
            'base ms/msg',
            'ratio',
          ],
          rows,
        ),
    );
  }
  if (report.scenario === 'idle' && supchat?.idle && baseline?.idle) {
    const a = supchat.idle;
    const b = baseline.idle;
    sections.push(
      'SUPCHAT vs BASELINE\n' +
        renderTable(
          ['idle', 'supchat', 'baseline', 'ratio'],
          [
            [
              'RSS per socket',
              fmtBytes(a.rssPerSocketBytes),
              fmtBytes(b.rssPerSocketBytes),
              fmtRatio(ratio(a.rssPerSocketBytes, b.rssPerSocketBytes)),
            ],
            [
              'connect p50 (ms)',
              fmt(a.connect.ms.p50),
              fmt(b.connect.ms.p50),
              fmtRatio(ratio(a.connect.ms.p50, b.connect.ms.p50)),
            ],
            [
              'connect p99 (ms)',
              fmt(a.connect.ms.p99),
              fmt(b.connect.ms.p99),
              fmtRatio(ratio(a.connect.ms.p99, b.connect.ms.p99)),
            ],
            [
              'time to connect all (s)',
              fmt(a.connect.seconds),
              fmt(b.connect.seconds),
              fmtRatio(ratio(a.connect.seconds, b.connect.seconds)),
            ],
            [
              'server CPU per connection (ms)',
              fmt(a.serverCpuMsPerConnect, 2),
              fmt(b.serverCpuMsPerConnect, 2),
              fmtRatio(ratio(a.serverCpuMsPerConnect, b.serverCpuMsPerConnect)),
            ],
            [
              'server CPU while connecting',
              fmtPercent(a.server.cpuPercent, 0),
              fmtPercent(b.server.cpuPercent, 0),
              fmtRatio(ratio(a.server.cpuPercent, b.server.cpuPercent)),
            ],
          ],
        ),
    );
  }
  if (report.verdicts.length > 0) {
    sections.push(
      'TARGETS (issue 7)\n' +
        renderTable(
          ['target', 'supchat', 'baseline', 'ratio', 'asked', 'met'],
          report.verdicts.map((verdict) => [
            verdict.metric,
            fmt(verdict.supchat, 2),
            fmt(verdict.baseline, 2),
            fmtRatio(verdict.ratio),
            verdict.target,
            verdict.met === null ? 'n/a (not measured in this run)' : verdict.met ? 'MET' : 'MISSED',
          ]),
        ),
    );
  }
  if (report.warnings.length > 0) sections.push(report.warnings.join('\n'));
  return `\n${sections.join('\n\n')}\n`;
}

/** The scenario's chart, or null when it has none. */
export function renderChart(report: LoadReport): string | null {
  const subtitle = `${report.machine.nproc} cores, ${report.machine.node}, ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`;
  switch (report.scenario) {
    case 'fanout': {
      const series: ChartSeries[] = [];
      const colors = { p50: '#2ca02c', p95: '#ff7f0e', p99: '#d62728' } as const;
      for (const run of report.runs) {
        if (!run.fanout) continue;
        for (const key of ['p50', 'p95', 'p99'] as const) {
          series.push({
            name: `${run.kind === 'supchat' ? 'SUPCHAT' : 'baseline'} ${key}`,
            points: run.fanout.steps.map((step) => [step.offeredRate, step.delivery[key]]),
            color: colors[key],
            dashed: run.kind === 'baseline',
          });
        }
      }
      const roomSize = report.runs.find((run) => run.fanout)?.fanout?.roomSize ?? 0;
      return lineChart({
        title: `Fan-out: delivery latency against offered rate (rooms of ${roomSize})`,
        subtitle,
        xLabel: 'offered rate (messages/s, all senders)',
        yLabel: 'delivery latency (ms)',
        yLog: true,
        series,
        thresholds: [
          {
            y: report.options['p99LimitMs'] as number,
            label: `${report.options['p99LimitMs'] as number} ms`,
          },
        ],
      });
    }
    case 'idle':
      return lineChart({
        title: 'Idle sockets: server RSS while connecting',
        subtitle,
        xLabel: 'sockets connected',
        yLabel: 'server RSS (MiB)',
        series: report.runs
          .filter((run) => run.idle)
          .map((run) => ({
            name: run.kind === 'supchat' ? 'SUPCHAT' : 'baseline',
            points: (run.idle?.rssCurve ?? []).map(([sockets, rss]): [number, number] => [
              sockets,
              rss / 1024 / 1024,
            ]),
            dashed: run.kind === 'baseline',
          })),
      });
    case 'storm': {
      const storm = byKind(report, 'supchat')?.storm;
      if (!storm) return null;
      return lineChart({
        title: `Reconnect storm: ${storm.clients} clients dropped at once`,
        subtitle,
        xLabel: 'seconds after every socket was dropped',
        yLabel: 'clients',
        series: [
          { name: 'reconnected (ready)', points: storm.reconnectCurve },
          { name: 'caught up (sync done)', points: storm.catchUpCurve },
        ],
        thresholds: [{ y: storm.clients, label: `${storm.clients} clients` }],
      });
    }
    case 'history':
      return null;
  }
}

/**
 * SUPCHAT's load generator (issue 7): `npm run bench -- <scenario> [options]`. Drives a running
 * SUPCHAT only through its public contract (REST to register users and make channels, Socket.IO
 * clients for the rest), and/or the built-in bare Socket.IO baseline, then prints a table and writes
 * JSON and SVG. See tools/load/README.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadOptions } from './lib/options';
import { OptionsError, parseOptions, USAGE } from './lib/options';
import { machineInfo, openFilesLimit } from './lib/proc';
import { note, ProgressBar } from './lib/progress';
import { renderChart, renderReport, verdicts } from './lib/render';
import type { LoadReport, TargetReport } from './lib/report';
import { newRunTag } from './lib/stamp';
import { markdownTable, summarizeReports } from './lib/summary';
import { fmt, renderTable } from './lib/format';
import type { CpuProfile, PositionMapper } from './lib/cpuprofile';
import { lastSeconds, summarizeProfile } from './lib/cpuprofile';
import type { Target, TargetKind } from './lib/targets';
import { startBaseline, supchatTarget } from './lib/targets';
import type { RunContext } from './scenarios/common';
import { runFanout } from './scenarios/fanout';
import { runHistory } from './scenarios/history';
import { runIdle } from './scenarios/idle';
import { runStorm } from './scenarios/storm';

const distDir = dirname(fileURLToPath(import.meta.url));

function scenarioRunner(options: LoadOptions) {
  switch (options.scenario) {
    case 'idle':
      return runIdle;
    case 'fanout':
      return runFanout;
    case 'history':
      return runHistory;
    case 'storm':
      return runStorm;
  }
}

/** Checks the open-files limit against the sockets each process will hold. */
function fileLimitWarnings(options: LoadOptions, serverPid: number | null): string[] {
  const warnings: string[] = [];
  const perWorker = Math.ceil(
    (options.clients + (options.scenario === 'storm' ? options.senders : 0)) / options.workers,
  );
  const own = openFilesLimit();
  if (own !== null && perWorker + 100 > own) {
    warnings.push(
      `WARNING: each worker will hold about ${perWorker} sockets but the open-files limit is ${own}: ` +
        'raise it (ulimit -n) or add --workers',
    );
  }
  if (serverPid !== null) {
    const server = openFilesLimit(serverPid);
    if (server !== null && options.clients + 100 > server) {
      warnings.push(
        `WARNING: the server's open-files limit is ${server}, below ${options.clients} sockets: start it after ulimit -n`,
      );
    }
  }
  return warnings;
}

/** `summarize [--markdown] a.json b.json ...`: medians over repeated runs. */
function summarize(argv: readonly string[]): number {
  const markdown = argv.includes('--markdown');
  const files = argv.filter((arg) => arg !== '--markdown');
  if (files.length === 0) {
    process.stderr.write('usage: npm run bench -- summarize [--markdown] <report.json>...\n');
    return 2;
  }
  const reports = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as LoadReport);
  for (const table of summarizeReports(reports)) {
    const body = markdown ? markdownTable(table.headers, table.rows) : renderTable(table.headers, table.rows);
    process.stdout.write(`${markdown ? `**${table.title}**` : table.title}\n\n${body}\n\n`);
  }
  return 0;
}

/** Source positions for frames of bundles that have a .map next to them (dist/apps/api/main.mjs). */
function sourceMapper(): PositionMapper {
  const maps = new Map<string, SourceMap | null>();
  return (url, line, column) => {
    if (!url.startsWith('file://')) return null;
    let map = maps.get(url);
    if (map === undefined) {
      const file = `${fileURLToPath(url)}.map`;
      map = existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8')) as never) : null;
      maps.set(url, map);
    }
    const entry = map?.findEntry(line, column);
    if (!entry || !('originalSource' in entry)) return null;
    const source = entry.originalSource
      .replace(/^.*?\/((apps|libs|tools)\/)/, '$1')
      .replace(/^.*node_modules\//, '');
    return { source, line: entry.originalLine };
  };
}

/** `profile [--top N] [--last s] [--markdown] file.cpuprofile`: the costliest functions and packages. */
function profile(argv: readonly string[]): number {
  const markdown = argv.includes('--markdown');
  const valueOf = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? Number(argv[index + 1]) : null;
  };
  const top = valueOf('--top') ?? 30;
  const last = valueOf('--last');
  const file = argv.filter(
    (arg, index) => !arg.startsWith('--') && !['--top', '--last'].includes(argv[index - 1]),
  )[0];
  if (!file) {
    process.stderr.write(
      'usage: npm run bench -- profile [--top N] [--last seconds] [--markdown] <file.cpuprofile>\n',
    );
    return 2;
  }
  const loaded = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const summary = summarizeProfile(last === null ? loaded : lastSeconds(loaded, last), sourceMapper());
  const table = (headers: string[], rows: (string | number)[][]) =>
    markdown ? markdownTable(headers, rows) : renderTable(headers, rows);
  process.stdout.write(
    `${file}: ${fmt(summary.sampledMs / 1000, 1)} s sampled, busy ${fmt(summary.busyPercent, 1)} %\n\n` +
      `Self time by package\n\n${table(
        ['package', 'self ms', 'self %'],
        summary.groups
          .slice(0, 15)
          .map((group) => [group.group, fmt(group.selfMs, 0), fmt(group.selfPercent, 1)]),
      )}\n\nTop ${top} functions by self time\n\n${table(
        ['function', 'package', 'self %', 'total %'],
        summary.functions
          .slice(0, top)
          .map((entry) => [entry.name, entry.group, fmt(entry.selfPercent, 1), fmt(entry.totalPercent, 1)]),
      )}\n\nTop ${top} SUPCHAT functions by total (inclusive) time\n\n${table(
        ['function', 'self %', 'total %'],
        [...summary.functions]
          .filter((entry) => entry.group === 'supchat')
          .sort((a, b) => b.totalMs - a.totalMs)
          .slice(0, top)
          .map((entry) => [entry.name, fmt(entry.selfPercent, 1), fmt(entry.totalPercent, 1)]),
      )}\n`,
  );
  return 0;
}

async function main(): Promise<number> {
  if (process.argv[2] === 'summarize') return summarize(process.argv.slice(3));
  if (process.argv[2] === 'profile') return profile(process.argv.slice(3));
  let options: LoadOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof OptionsError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }

  const progress = new ProgressBar();
  const machine = machineInfo();
  const notes: string[] = [];
  const ctx: RunContext = {
    options,
    progress,
    runTag: newRunTag(),
    distDir,
    nproc: machine.nproc,
    note: (message) => {
      notes.push(message);
      note(progress, message);
    },
  };
  const startedAt = new Date().toISOString();
  const kinds: TargetKind[] =
    options.targets === 'both'
      ? ['supchat', 'baseline']
      : [options.targets === 'baseline' ? 'baseline' : 'supchat'];
  const runs: TargetReport[] = [];
  const warnings: string[] = [];

  for (const kind of kinds) {
    let target: Target;
    if (kind === 'supchat') {
      target = supchatTarget(options.url, options.serverPid);
      if (target.pid === null) {
        ctx.note(
          `note: no --server-pid and nothing found listening on ${options.url}: the server's RSS and CPU are not measured`,
        );
      }
    } else {
      target = await startBaseline(join(distDir, 'baseline-server.mjs'));
      ctx.note(`baseline: bare Socket.IO server on ${target.url} (pid ${target.pid})`);
    }
    for (const warning of fileLimitWarnings(options, target.pid)) {
      warnings.push(warning);
      ctx.note(warning);
    }
    try {
      const run = await scenarioRunner(options)(ctx, target);
      runs.push(run);
      warnings.push(...run.warnings);
    } finally {
      await target.stop();
    }
  }
  progress.clear();

  const report: LoadReport = {
    tool: 'supchat-load',
    scenario: options.scenario,
    startedAt,
    finishedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
    machine,
    options: { ...options, metricsToken: options.metricsToken ? '(set)' : null },
    runs,
    verdicts: [],
    warnings,
    notes,
  };
  report.verdicts = verdicts(report);
  process.stdout.write(renderReport(report));

  if (options.jsonPath) {
    mkdirSync(dirname(options.jsonPath), { recursive: true });
    writeFileSync(options.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    ctx.note(`report written to ${options.jsonPath}`);
  }
  if (options.svgPath) {
    const svg = renderChart(report);
    if (svg) {
      mkdirSync(dirname(options.svgPath), { recursive: true });
      writeFileSync(options.svgPath, svg);
      ctx.note(`chart written to ${options.svgPath}`);
    } else {
      ctx.note(`the ${options.scenario} scenario has no chart; nothing written to ${options.svgPath}`);
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);

/**
 * SUPCHAT's load generator (issue 7): `npm run bench -- <scenario> [options]`. Drives a running
 * SUPCHAT only through its public contract (REST to register users and make channels, Socket.IO
 * clients for the rest), and/or the built-in bare Socket.IO baseline, then prints a table and writes
 * JSON and SVG. See tools/load/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadOptions } from './lib/options';
import { OptionsError, parseOptions, USAGE } from './lib/options';
import { machineInfo, openFilesLimit } from './lib/proc';
import { note, ProgressBar } from './lib/progress';
import { renderChart, renderReport, verdicts } from './lib/render';
import type { LoadReport, TargetReport } from './lib/report';
import { newRunTag } from './lib/stamp';
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

async function main(): Promise<number> {
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

import { parseArgs } from 'node:util';

export const SCENARIOS = ['idle', 'fanout', 'history', 'storm'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Which servers a run measures: SUPCHAT at --url, the built-in baseline, or both (ratios). */
export type Targets = 'supchat' | 'baseline' | 'both';

export interface LoadOptions {
  scenario: Scenario;
  url: string;
  targets: Targets;
  clients: number;
  rooms: number;
  /** fanout: clients that send; storm: extra writer clients (one per room by default). */
  senders: number;
  /** A single rate (messages/s over all senders); null: the fanout sweep over `steps`. */
  rate: number | null;
  steps: number[];
  /** Seconds measured per step (fanout), held (idle), paged (history) or after the storm (storm). */
  durationSeconds: number;
  /** Seconds of the same load before measuring. */
  warmupSeconds: number;
  workers: number;
  serverPid: number | null;
  jsonPath: string | null;
  svgPath: string | null;
  /** Characters of each message's content (stamp + filler). */
  messageSize: number;
  connectConcurrency: number;
  setupConcurrency: number;
  /** Seconds to wait for deliveries after a fanout step's last send. */
  drainSeconds: number;
  /** idle: seconds to let the server settle before reading its RSS. */
  settleSeconds: number;
  ackTimeoutMs: number;
  /** fanout: p99 delivery latency a step must stay under to count as sustainable. */
  p99LimitMs: number;
  /** fanout: keep stepping after a step failed (default: stop at the first failure). */
  keepGoing: boolean;
  /** history: channel name to page through (made by seed-history). */
  channel: string;
  metricsToken: string | null;
  /** storm: seconds the reconnecting clients get to catch up before the run counts as failed. */
  catchUpTimeoutSeconds: number;
  /** Before each measurement, wait up to this long for other processes to leave the CPU (0: don't). */
  waitQuietSeconds: number;
}

export const DEFAULT_STEPS = [100, 200, 400, 500, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000];

interface ScenarioDefaults {
  clients: number;
  roomSize: number;
  durationSeconds: number;
  warmupSeconds: number;
  workers: number;
  rate: number | null;
}

const SCENARIO_DEFAULTS: Record<Scenario, ScenarioDefaults> = {
  idle: { clients: 10_000, roomSize: 50, durationSeconds: 10, warmupSeconds: 0, workers: 4, rate: 0 },
  fanout: { clients: 1000, roomSize: 50, durationSeconds: 10, warmupSeconds: 3, workers: 2, rate: null },
  history: { clients: 2, roomSize: 1, durationSeconds: 20, warmupSeconds: 2, workers: 1, rate: 0 },
  storm: { clients: 5000, roomSize: 50, durationSeconds: 5, warmupSeconds: 5, workers: 4, rate: 100 },
};

export const USAGE = `Usage: npm run bench -- <scenario> [options]
       npm run bench -- summarize [--markdown] <report.json>...   (medians over repeated --json runs)
       npm run bench -- profile [--top N] [--last s] [--markdown] <file.cpuprofile>   (a --cpu-prof's top costs)

Scenarios:
  idle      hold N authenticated sockets; RSS per socket
  fanout    senders into rooms at rising rates until p99 delivery passes the limit (sustainable rate)
  history   page back through a seeded channel of 1,000,000 messages (see seed-history)
  storm     every client disconnects and reconnects at once, then catches up with sync

Options:
  --url <url>                 SUPCHAT to drive (default http://localhost:3000)
  --baseline                  run against the built-in bare Socket.IO server instead of SUPCHAT
  --compare-baseline          run against SUPCHAT, then the baseline, and print ratios
  --clients <n>               sockets (idle 10000, fanout 1000, storm 5000; history: parallel pagers, 2)
  --rooms <n>                 channels the clients are spread over (default: rooms of 50)
  --senders <n>               fanout: sending clients (default half the clients);
                              storm: writer clients besides --clients (default one per room)
  --rate <m>                  messages/s over all senders (fanout: one step instead of the sweep;
                              storm: background traffic, default 100)
  --steps <a,b,...>           fanout sweep rates (default ${DEFAULT_STEPS.join(',')})
  --duration <s>              seconds measured per step / held / paged / after the storm
  --warmup <s>                seconds of load before measuring (fanout 3, history 2, storm 5)
  --workers <n>               client worker processes (idle 4, fanout 2, storm 4)
  --server-pid <pid>          SUPCHAT's process, for RSS/CPU (default: found from the port of --url)
  --json <file>               write the full report as JSON
  --svg <file>                write the chart as SVG
  --size <chars>              message content length (default 100)
  --p99-limit <ms>            fanout: p99 delivery a sustainable step stays under (default 100)
  --keep-going                fanout: run every step even after one failed
  --drain <s>                 fanout: wait this long for late deliveries after a step (default 5)
  --settle <s>                idle: wait before reading RSS (default 5)
  --ack-timeout <ms>          an unanswered send counts as ACK_TIMEOUT after this (default 10000)
  --connect-concurrency <n>   handshakes in flight per worker (default 50)
  --setup-concurrency <n>     REST requests in flight while registering users (default 8)
  --channel <name>            history: the seeded channel (default history-1m)
  --metrics-token <token>     history: bearer token for /metrics (METRICS_TOKEN)
  --catch-up-timeout <s>      storm: give up waiting for catch-up after this (default 60)
  --wait-quiet <s>            on a shared machine: before each measurement wait up to <s> seconds
                              until other processes use under 25 % of a core (default 0: don't wait)
  --help                      this text
`;

export class OptionsError extends Error {
  override name = 'OptionsError';
}

function integer(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new OptionsError(`--${name} must be a whole number >= ${min}, got "${raw}"`);
  }
  return value;
}

function seconds(name: string, raw: string | undefined, fallback: number, min = 0): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min) {
    throw new OptionsError(`--${name} must be a number of seconds >= ${min}, got "${raw}"`);
  }
  return value;
}

/** Parses `argv` (without node and the script); throws OptionsError with a readable message. */
export function parseOptions(argv: readonly string[]): LoadOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        baseline: { type: 'boolean' },
        'compare-baseline': { type: 'boolean' },
        clients: { type: 'string' },
        rooms: { type: 'string' },
        senders: { type: 'string' },
        rate: { type: 'string' },
        steps: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        workers: { type: 'string' },
        'server-pid': { type: 'string' },
        json: { type: 'string' },
        svg: { type: 'string' },
        size: { type: 'string' },
        'p99-limit': { type: 'string' },
        'keep-going': { type: 'boolean' },
        drain: { type: 'string' },
        settle: { type: 'string' },
        'ack-timeout': { type: 'string' },
        'connect-concurrency': { type: 'string' },
        'setup-concurrency': { type: 'string' },
        channel: { type: 'string' },
        'metrics-token': { type: 'string' },
        'catch-up-timeout': { type: 'string' },
        'wait-quiet': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new OptionsError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) {
    throw new OptionsError(
      positionals.length === 0
        ? `name a scenario: ${SCENARIOS.join(', ')}`
        : `one scenario at a time, got ${positionals.join(' ')}`,
    );
  }
  const scenario = positionals[0] as Scenario;
  if (!SCENARIOS.includes(scenario)) {
    throw new OptionsError(`unknown scenario "${positionals[0]}": use one of ${SCENARIOS.join(', ')}`);
  }
  const defaults = SCENARIO_DEFAULTS[scenario];

  if (values.baseline && values['compare-baseline']) {
    throw new OptionsError('--baseline and --compare-baseline exclude each other');
  }
  const targets: Targets = values.baseline ? 'baseline' : values['compare-baseline'] ? 'both' : 'supchat';
  if (scenario === 'history' && targets !== 'supchat') {
    throw new OptionsError('history has no baseline: the bare Socket.IO server stores nothing');
  }
  if (scenario === 'storm' && targets !== 'supchat') {
    throw new OptionsError('storm has no baseline: catching up needs stored messages (sync)');
  }

  const url = values.url ?? 'http://localhost:3000';
  try {
    const parsedUrl = new URL(url);
    if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new OptionsError(`--url must be an http(s) URL, got "${url}"`);
  }

  const clients = integer('clients', values.clients, defaults.clients);
  const rooms = integer('rooms', values.rooms, Math.max(1, Math.round(clients / defaults.roomSize)));
  if (scenario !== 'history' && rooms > clients) {
    throw new OptionsError(`--rooms (${rooms}) cannot exceed --clients (${clients})`);
  }
  const defaultSenders = scenario === 'fanout' ? Math.max(1, Math.floor(clients / 2)) : rooms;
  const senders = integer('senders', values.senders, defaultSenders);
  if (scenario === 'fanout' && senders > clients) {
    throw new OptionsError(`--senders (${senders}) cannot exceed --clients (${clients})`);
  }
  if (scenario === 'storm' && senders < rooms) {
    throw new OptionsError(`storm needs at least one writer per room: --senders >= --rooms (${rooms})`);
  }

  let steps = DEFAULT_STEPS;
  if (values.steps !== undefined) {
    steps = values.steps.split(',').map((step) => integer('steps', step.trim(), 0, 1));
    if (steps.some((step, index) => index > 0 && step <= steps[index - 1])) {
      throw new OptionsError('--steps must be increasing rates, e.g. 100,200,400');
    }
  }
  const rate = values.rate === undefined ? defaults.rate : integer('rate', values.rate, 0);
  if (values.rate !== undefined && values.steps !== undefined) {
    throw new OptionsError('give --rate (one step) or --steps (a sweep), not both');
  }

  const workers = integer('workers', values.workers, Math.min(defaults.workers, clients));
  const messageSize = integer('size', values.size, 100);
  if (messageSize > 4000) throw new OptionsError('--size must be at most 4000 (the content limit)');

  return {
    scenario,
    url: url.replace(/\/+$/, ''),
    targets,
    clients,
    rooms,
    senders,
    rate,
    steps,
    durationSeconds: seconds('duration', values.duration, defaults.durationSeconds, 0.1),
    warmupSeconds: seconds('warmup', values.warmup, defaults.warmupSeconds),
    workers,
    serverPid: values['server-pid'] === undefined ? null : integer('server-pid', values['server-pid'], 0),
    jsonPath: values.json ?? null,
    svgPath: values.svg ?? null,
    messageSize,
    connectConcurrency: integer('connect-concurrency', values['connect-concurrency'], 50),
    setupConcurrency: integer('setup-concurrency', values['setup-concurrency'], 8),
    drainSeconds: seconds('drain', values.drain, 5),
    settleSeconds: seconds('settle', values.settle, 5),
    ackTimeoutMs: integer('ack-timeout', values['ack-timeout'], 10_000),
    p99LimitMs: seconds('p99-limit', values['p99-limit'], 100, 0.001),
    keepGoing: values['keep-going'] ?? false,
    channel: values.channel ?? 'history-1m',
    metricsToken: values['metrics-token'] ?? null,
    catchUpTimeoutSeconds: seconds('catch-up-timeout', values['catch-up-timeout'], 60, 1),
    waitQuietSeconds: seconds('wait-quiet', values['wait-quiet'], 0),
  };
}

/** How many members each room gets: `clients` spread over `rooms` as evenly as possible. */
export function roomSizes(clients: number, rooms: number): number[] {
  const base = Math.floor(clients / rooms);
  const extra = clients % rooms;
  return Array.from({ length: rooms }, (_, room) => base + (room < extra ? 1 : 0));
}

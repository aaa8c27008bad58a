/**
 * What a run drives: SUPCHAT at --url (users registered and channels made over REST) or the baseline
 * server started here (synthetic users, tokens that just name the rooms). Both hand the workers the
 * same ClientSpecs, so the client code path is the same.
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { encodeBaselineToken, syntheticId } from './baseline-token';
import type { ProcessSample } from './proc';
import { findListeningPid, sampleProcess } from './proc';
import type { ClientSpec } from './protocol';
import { mapConcurrent, RestClient } from './rest';

export type TargetKind = 'supchat' | 'baseline';

export interface Target {
  kind: TargetKind;
  url: string;
  pid: number | null;
  stop(): Promise<void>;
}

export interface ClientPlan {
  /** Clients that take part in the scenario (receivers and senders). */
  clients: number;
  rooms: number;
  /** The first `senders` clients send (spread over the rooms: client i is in room i % rooms). */
  senders: number;
  /** Extra writer clients (storm), writer k in room k % rooms. */
  writers: number;
}

export interface SetupResult {
  clients: ClientSpec[];
  channelIds: string[];
  seconds: number;
  /** Access-token lifetime the server gave (SUPCHAT), to warn before sockets expire. */
  tokenTtlSeconds: number | null;
}

export const LOAD_PASSWORD = 'load-test-password';

/** Room, role and sender number of every client of the plan (ids and tokens filled in later). */
export function planClients(plan: ClientPlan): Omit<ClientSpec, 'userId' | 'token' | 'channelId'>[] {
  const total = plan.clients + plan.writers;
  return Array.from({ length: total }, (_, index) => {
    const writer = index >= plan.clients;
    const room = writer ? (index - plan.clients) % plan.rooms : index % plan.rooms;
    const role = writer ? 'writer' : index < plan.senders ? 'sender' : 'receiver';
    return { index, room, role, senderNumber: role === 'receiver' ? -1 : index };
  });
}

export function supchatTarget(url: string, pid: number | null): Target {
  let resolved = pid;
  if (resolved === null) {
    const parsed = new URL(url);
    if (['localhost', '127.0.0.1', '[::1]', '0.0.0.0'].includes(parsed.hostname)) {
      resolved = findListeningPid(Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)));
    }
  }
  return { kind: 'supchat', url, pid: resolved, stop: async () => undefined };
}

/** Starts the baseline server (dist/tools/load/baseline-server.mjs) on a free loopback port. */
export async function startBaseline(script: string): Promise<Target> {
  const child: ChildProcess = fork(script, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the baseline server did not start within 10 s')),
      10_000,
    );
    child.once('message', (message: { kind?: string; port?: number }) => {
      clearTimeout(timer);
      if (message.kind === 'listening' && message.port) resolve(message.port);
      else reject(new Error('unexpected message from the baseline server'));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the baseline server exited (code ${code})`));
    });
  });
  return {
    kind: 'baseline',
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? null,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Registers one user per client, then one private channel per room made by its first member with
 * the others invited. `onProgress(done, total)` follows the registrations.
 */
export async function setupSupchat(
  url: string,
  plan: ClientPlan,
  runTag: string,
  concurrency: number,
  onProgress: (done: number, total: number) => void,
): Promise<SetupResult> {
  const started = performance.now();
  const rest = new RestClient(url);
  const planned = planClients(plan);
  let done = 0;
  const users = await mapConcurrent(planned, concurrency, async (client) => {
    const auth = await rest.register(`lt${runTag}${client.index.toString(36)}`, LOAD_PASSWORD);
    done += 1;
    if (done % 20 === 0 || done === planned.length) onProgress(done, planned.length);
    return auth;
  });
  const channelIds = await mapConcurrent(
    Array.from({ length: plan.rooms }, (_, room) => room),
    Math.min(concurrency, 4),
    async (room) => {
      const members = planned.filter((client) => client.room === room).map((client) => users[client.index]);
      const [owner, ...others] = members;
      const invited = others.map((member) => member.user.id);
      const channel = await rest.createChannel(
        owner.accessToken,
        `load-${runTag}-${room}`,
        invited.slice(0, 100),
      );
      for (const userId of invited.slice(100)) await rest.addMember(owner.accessToken, channel.id, userId);
      return channel.id;
    },
  );
  return {
    clients: planned.map((client) => ({
      ...client,
      userId: users[client.index].user.id,
      token: users[client.index].accessToken,
      channelId: channelIds[client.room],
    })),
    channelIds,
    seconds: (performance.now() - started) / 1000,
    tokenTtlSeconds: users[0]?.expiresIn ?? null,
  };
}

/** The baseline needs no setup: synthetic ids, and tokens that name each client's room. */
export function setupBaseline(plan: ClientPlan): SetupResult {
  const channelIds = Array.from({ length: plan.rooms }, (_, room) => syntheticId('channel', room));
  return {
    clients: planClients(plan).map((client) => {
      const userId = syntheticId('user', client.index);
      const channelId = channelIds[client.room];
      return {
        ...client,
        userId,
        channelId,
        token: encodeBaselineToken({ userId, channelIds: [channelId] }),
      };
    }),
    channelIds,
    seconds: 0,
    tokenTtlSeconds: null,
  };
}

/** Samples the server process every second in the background, and on demand. */
export class ServerSampler {
  readonly samples: ProcessSample[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly pid: number | null) {}

  sample(): ProcessSample | null {
    if (this.pid === null) return null;
    try {
      const sample = sampleProcess(this.pid);
      this.samples.push(sample);
      return sample;
    } catch {
      return null;
    }
  }

  start(intervalMs = 1000): void {
    this.stop();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The highest RSS sampled at or after `since` (performance.now()). */
  maxRssSince(since: number): number | null {
    const values = this.samples.filter((sample) => sample.at >= since).map((sample) => sample.rssBytes);
    return values.length > 0 ? Math.max(...values) : null;
  }
}

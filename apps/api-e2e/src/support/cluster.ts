import type { Ack, Message, MessageDeleted, ReadyEvent, SyncResult } from '@supchat/contracts';
import type { ApiServer, MongoTestServer, RedisTestServer } from '@supchat/testing';
import { startApiServer, startMongoTestServer, startRedisServer } from '@supchat/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import type { EngineName } from './engines';
import type { ClientSocket } from './sockets';

export interface Cluster {
  redis: RedisTestServer;
  instances: ApiServer[];
  /** Starts one more instance on the same database and Redis. */
  add(env?: Record<string, string>): Promise<ApiServer>;
  stop(): Promise<void>;
}

/**
 * Several real API processes sharing one database (the MongoDB test server, or one SQLite file in
 * WAL mode: same-host instances) and one real redis-server.
 */
export async function startCluster(
  engine: EngineName,
  count: number,
  env: Record<string, string> = {},
): Promise<Cluster> {
  const redis = await startRedisServer();
  let mongo: MongoTestServer | undefined;
  let directory: string | undefined;
  let database: Record<string, string>;
  if (engine === 'mongo') {
    mongo = await startMongoTestServer();
    database = { MONGODB_URI: mongo.databaseUri(`cluster_${process.pid}_${Date.now()}`) };
  } else {
    directory = mkdtempSync(join(tmpdir(), 'supchat-cluster-'));
    database = { SQLITE_PATH: join(directory, 'supchat.db') };
  }
  const instances: ApiServer[] = [];
  const add = async (extra: Record<string, string> = {}) => {
    const instance = await startApiServer({
      env: { REDIS_URL: redis.url, LOG_LEVEL: 'warn', ...database, ...env, ...extra },
    });
    instances.push(instance);
    return instance;
  };
  // The first instance applies the migrations; the others then start side by side.
  await add();
  await Promise.all(Array.from({ length: count - 1 }, () => add()));
  return {
    redis,
    instances,
    add,
    stop: async () => {
      await Promise.all(instances.map((instance) => instance.stop('SIGKILL')));
      await redis.stop();
      await mongo?.stop();
      if (directory) rmSync(directory, { recursive: true, force: true });
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client as the SPA behaves: websocket only, reconnecting by itself (through whatever balancer
 * `url` is), catching up with `sync` from the last rev it holds after every `ready`, and merging every
 * event by id keeping the higher rev. `messages` is what a person would see.
 */
export class ResilientClient {
  readonly socket: ClientSocket;
  readonly messages = new Map<string, Message>();
  readonly acksFailed: Ack<unknown>[] = [];
  readys = 0;
  /** Whether `ready` came since the socket last connected (false while a reconnect sets up). */
  private readySinceConnect = false;
  private readonly revs = new Map<string, number>();
  private catchingUp: Promise<void> = Promise.resolve();

  constructor(
    url: string,
    private readonly token: () => string,
    private readonly channelIds: readonly string[],
  ) {
    for (const channelId of channelIds) this.revs.set(channelId, 0);
    this.socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      randomizationFactor: 0.2,
      auth: (callback) => callback({ token: this.token() }),
    });
    this.socket.on('connect', () => {
      this.readySinceConnect = false;
    });
    this.socket.on('ready', (ready: ReadyEvent) => {
      this.readys += 1;
      this.readySinceConnect = true;
      this.catchingUp = this.catchingUp.then(() => this.catchUp(ready)).catch(() => undefined);
    });
    const merge = (message: Message) => this.merge(message);
    this.socket.on('new-message', merge);
    this.socket.on('message-sent', merge);
    this.socket.on('message-updated', merge);
    this.socket.on('message-deleted', (event: MessageDeleted) => {
      const known = this.messages.get(event.id);
      if (known && known.rev < event.rev)
        this.merge({ ...known, rev: event.rev, content: '', deletedAt: 'deleted' });
    });
  }

  /** Resolves once the socket has had its first `ready` and caught up. */
  async ready(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.readys === 0) {
      if (Date.now() > deadline) throw new Error('no ready');
      await sleep(20);
    }
    await this.catchingUp;
  }

  /** Sends until acknowledged (same clientMessageId every time, as the SPA's outbox does). */
  async sendUntilAcked(channelId: string, content: string, clientMessageId: string): Promise<Message> {
    for (;;) {
      try {
        const ack = (await this.socket
          .timeout(5_000)
          .emitWithAck('send-message', { channelId, content, clientMessageId })) as Ack<Message>;
        if (ack.ok) return ack.data;
        this.acksFailed.push(ack);
        const retryAfter = ack.error.details?.['retryAfterMs'];
        await sleep(typeof retryAfter === 'number' ? retryAfter : 200);
      } catch {
        // No ack in time (the instance died, the transport closed): the same send again.
        await sleep(100);
      }
    }
  }

  /**
   * Waits until the socket is connected and has caught up after its latest connect: its `ready`
   * came (a socket can be connected while the server still sets it up) and the sync it started is done.
   */
  async settle(): Promise<void> {
    for (let attempt = 0; attempt < 200 && !(this.socket.connected && this.readySinceConnect); attempt += 1)
      await sleep(50);
    await this.catchingUp;
  }

  close(): void {
    this.socket.disconnect();
  }

  private merge(message: Message): void {
    const known = this.messages.get(message.id);
    if (!known || known.rev < message.rev) this.messages.set(message.id, message);
    const rev = this.revs.get(message.channelId);
    // The horizon only moves with catch-up: live events may arrive with gaps before it runs.
    if (rev === undefined) this.revs.set(message.channelId, 0);
  }

  private async catchUp(ready: ReadyEvent): Promise<void> {
    for (;;) {
      const channels = this.channelIds
        .filter((channelId) => ready.channelIds.includes(channelId))
        .map((channelId) => ({ channelId, sinceRev: this.revs.get(channelId) ?? 0 }));
      if (channels.length === 0) return;
      const ack = (await this.socket.timeout(10_000).emitWithAck('sync', { channels })) as Ack<SyncResult>;
      if (!ack.ok) throw new Error(`sync failed: ${ack.error.code}`);
      let more = false;
      for (const page of ack.data.channels) {
        for (const message of page.messages) this.merge(message);
        this.revs.set(page.channelId, page.lastRev);
        more ||= page.hasMore;
      }
      if (!more) return;
    }
  }
}

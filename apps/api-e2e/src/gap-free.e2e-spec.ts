import type { Message, MessageDeleted, SyncResult } from '@supchat/contracts';
import type { Session } from './support/chat';
import { allMessages, channel, users } from './support/chat';
import { describeEachEngine } from './support/engines';
import type { ConnectedClient } from './support/sockets';
import { closeAllSockets, connectClient, emitWithAck, expectOk } from './support/sockets';

/** A small seeded PRNG (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Known {
  rev: number;
  content: string;
  deleted: boolean;
}

/**
 * A client as DESIGN section 3 describes it: subscribe (connect, `ready`), then catch up with
 * `sync` from the last rev it holds, merging everything by id and keeping the higher rev.
 */
class Observer {
  readonly messages = new Map<string, Known>();
  private lastRev = 0;
  private client: ConnectedClient | null = null;
  reconnects = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly session: Session,
    private readonly channelId: string,
  ) {}

  merge(id: string, next: Known): void {
    const current = this.messages.get(id);
    if (!current || next.rev > current.rev) this.messages.set(id, next);
    this.lastRev = Math.max(this.lastRev, next.rev);
  }

  async connect(): Promise<void> {
    const client = await connectClient(this.baseUrl, this.session.accessToken);
    this.client = client;
    const onMessage = (message: Message) => {
      if (message.channelId === this.channelId) {
        this.merge(message.id, {
          rev: message.rev,
          content: message.content,
          deleted: message.deletedAt !== null,
        });
      }
    };
    client.socket.on('new-message', onMessage);
    client.socket.on('message-updated', onMessage);
    client.socket.on('message-deleted', (event: MessageDeleted) => {
      if (event.channelId === this.channelId)
        this.merge(event.id, { rev: event.rev, content: '', deleted: true });
    });
    await this.catchUp();
  }

  async catchUp(): Promise<void> {
    if (!this.client) return;
    for (;;) {
      const sinceRev = this.lastRev;
      const result = expectOk(
        await emitWithAck<SyncResult>(this.client.socket, 'sync', {
          channels: [{ channelId: this.channelId, sinceRev }],
        }),
      ).channels[0];
      for (const message of result.messages) {
        this.merge(message.id, {
          rev: message.rev,
          content: message.content,
          deleted: message.deletedAt !== null,
        });
      }
      this.lastRev = Math.max(this.lastRev, result.lastRev);
      if (!result.hasMore) return;
    }
  }

  disconnect(): void {
    this.client?.socket.disconnect();
    this.client = null;
  }

  /** Drops off and comes back at random moments until `until`. */
  async churn(rng: () => number, until: number): Promise<void> {
    await this.connect();
    while (Date.now() < until) {
      await sleep(20 + rng() * 250);
      this.disconnect();
      await sleep(rng() * 150);
      await this.connect();
      this.reconnects += 1;
    }
  }
}

describeEachEngine(
  'gap-free catch-up under concurrent writes',
  (subject) => {
    afterEach(() => closeAllSockets());

    it('leaves every observer with exactly the server’s messages: none missing, none twice, every edit and delete applied', async () => {
      const seed = Number(process.env['GAP_SEED'] ?? Date.now() % 1_000_000);
      const rng = random(seed);
      const baseUrl = subject.server().baseUrl;
      const senders = await users(baseUrl, 6);
      const watchers = await users(baseUrl, 4);
      const room = await channel(baseUrl, senders[0], [...senders.slice(1), ...watchers]);
      const durationMs = 4_000;
      const until = Date.now() + durationMs;

      const observers = watchers.map((watcher) => new Observer(baseUrl, watcher, room.id));
      const churning = observers.map((observer) => observer.churn(random(Math.floor(rng() * 1e9)), until));

      let sent = 0;
      let edits = 0;
      let deletes = 0;
      const writing = senders.map(async (sender, index) => {
        const client = await connectClient(baseUrl, sender.accessToken);
        const mine: string[] = [];
        const writerRng = random(seed + index + 1);
        let counter = 0;
        while (Date.now() < until) {
          const roll = writerRng();
          if (roll < 0.15 && mine.length > 0) {
            const target = mine[Math.floor(writerRng() * mine.length)];
            const ack = await emitWithAck(client.socket, 'edit-message', {
              messageId: target,
              content: `edit ${counter}`,
            });
            if (ack.ok) edits += 1;
          } else if (roll < 0.25 && mine.length > 0) {
            const target = mine.splice(Math.floor(writerRng() * mine.length), 1)[0];
            expectOk(await emitWithAck(client.socket, 'delete-message', { messageId: target }));
            deletes += 1;
          } else {
            counter += 1;
            const clientMessageId = `s${index}-${counter}`;
            const message = expectOk(
              await emitWithAck<Message>(client.socket, 'send-message', {
                channelId: room.id,
                content: `sender ${index} message ${counter}`,
                clientMessageId,
              }),
            );
            mine.push(message.id);
            sent += 1;
          }
          await sleep(writerRng() * 10);
        }
      });

      await Promise.all([...writing, ...churning]);
      // Everyone is connected now; a last catch-up picks up whatever arrived while reconnecting.
      await Promise.all(observers.map((observer) => observer.catchUp()));

      const server = await allMessages(baseUrl, senders[0], room.id);
      const expected = new Map(
        server.map((message) => [
          message.id,
          { rev: message.rev, content: message.content, deleted: message.deletedAt !== null },
        ]),
      );
      expect(sent).toBeGreaterThan(20);
      expect(server).toHaveLength(sent);
      for (const [index, observer] of observers.entries()) {
        expect({ observer: index, seed, messages: Object.fromEntries(observer.messages) }).toEqual({
          observer: index,
          seed,
          messages: Object.fromEntries(expected),
        });
        expect(observer.reconnects).toBeGreaterThan(0);
      }
      expect(edits + deletes).toBeGreaterThan(0);
      // Seqs are increasing and unique; revs are unique.
      expect(new Set(server.map((message) => message.seq)).size).toBe(server.length);
      expect(new Set(server.map((message) => message.rev)).size).toBe(server.length);
    }, 60_000);
  },
  { env: { MESSAGE_RATE_PER_SECOND: '1000', MESSAGE_RATE_BURST: '1000' } },
);

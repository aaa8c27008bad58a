/**
 * Seeds a SUPCHAT SQLite file with one public channel holding N messages (1,000,000 by default) for
 * the `history` scenario, in one transaction with node:sqlite: posting a million messages through
 * the API would take hours.
 *
 *   npm run bench:seed-history -- --sqlite tmp/history.db [--messages 1000000] [--channel history-1m]
 *
 * Then start the server on that file (SQLITE_PATH=tmp/history.db) and run `npm run bench -- history`.
 *
 * The rows follow the server's schema exactly (apps/api/src/app/database/sqlite/migrations/*.sql and
 * the SQLite repositories): the migrations are applied here the way the server applies them when the
 * file is new; ids have the ObjectId shape; each message takes the channel's next rev as its seq, so
 * seqs are 1..N and the channel's last_rev/last_seq/member_count counters say so; the author is the
 * channel's owner (a member, read marker at the end). The author's password hash is not a hash, so
 * nobody can sign in as them.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';

/** The same claim as the server's users repository: the first user to register becomes admin. */
const FIRST_ADMIN_FLAG = 'first-user-admin';
const MIGRATION_FILE = /^(\d{4})_([\w-]+)\.sql$/;

const processRandom = randomBytes(5);
let counter = randomBytes(3).readUIntBE(0, 3);

/** An id in the ObjectId shape, like the server's newId(), for a given creation time. */
function objectId(seconds: number): string {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(seconds, 0);
  processRandom.copy(bytes, 4);
  counter = (counter + 1) % 0xffffff;
  bytes.writeUIntBE(counter, 9, 3);
  return bytes.toString('hex');
}

/** Applies the numbered migrations not yet recorded, as SqliteDatabase.migrate() does. */
function migrate(db: DatabaseSync, migrationsDir: string): void {
  db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version INTEGER PRIMARY KEY,
       name TEXT NOT NULL,
       applied_at TEXT NOT NULL
     ) STRICT`,
  );
  const files = readdirSync(migrationsDir)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({ file, version: Number(match[1]), name: match[2] }))
    .sort((a, b) => a.version - b.version);
  const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of files) {
    if (applied.get(migration.version)) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(readFileSync(join(migrationsDir, migration.file), 'utf8'));
      record.run(migration.version, migration.name, new Date().toISOString());
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    console.log(`applied migration ${migration.file}`);
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sqlite: { type: 'string' },
      messages: { type: 'string', default: '1000000' },
      channel: { type: 'string', default: 'history-1m' },
      size: { type: 'string', default: '100' },
      migrations: { type: 'string', default: 'apps/api/src/app/database/sqlite/migrations' },
    },
  });
  if (!values.sqlite) {
    console.error(
      'usage: npm run bench:seed-history -- --sqlite <file> [--messages 1000000] [--channel history-1m]',
    );
    process.exit(2);
  }
  const count = Number(values.messages);
  const size = Number(values.size);
  if (!Number.isSafeInteger(count) || count < 1)
    throw new Error('--messages must be a positive whole number');
  const migrationsDir = resolve(values.migrations);
  if (!existsSync(migrationsDir))
    throw new Error(`no migrations at ${migrationsDir} (run from the repository root)`);

  const path = resolve(values.sqlite);
  mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path, { enableForeignKeyConstraints: true });
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  migrate(db, migrationsDir);

  const channelName = values.channel.toLowerCase();
  if (db.prepare(`SELECT 1 FROM channels WHERE name = ? AND type <> 'direct'`).get(channelName)) {
    throw new Error(`a channel named "${channelName}" already exists in ${path}`);
  }

  const started = performance.now();
  const nowSeconds = Math.floor(Date.now() / 1000);
  // One message a second, the newest a second ago.
  const firstSeconds = nowSeconds - count - 1;
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
  const tag = randomBytes(3).toString('hex');
  const username = `history-author-${tag}`;
  const authorId = objectId(firstSeconds);
  const channelId = objectId(firstSeconds);
  const created = iso(firstSeconds);

  db.exec('BEGIN IMMEDIATE');
  try {
    const firstUser =
      Number(
        db
          .prepare(
            `INSERT INTO system_flags (key, value, created_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING`,
          )
          .run(FIRST_ADMIN_FLAG, authorId, created).changes,
      ) === 1;
    db.prepare(
      `INSERT INTO users (id, email, email_lower, username, display_name, display_name_lower, avatar_url,
                          role, password_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
    ).run(
      authorId,
      `${username}@load.test`,
      `${username}@load.test`,
      username,
      'History Author',
      'history author',
      firstUser ? 'admin' : 'member',
      '!seeded: no password',
      created,
    );
    db.prepare(
      `INSERT INTO channels (id, name, topic, type, direct_key, created_by, created_at, archived_at,
                             last_rev, last_seq, member_count)
       VALUES (?, ?, ?, 'public', NULL, ?, ?, NULL, ?, ?, 1)`,
    ).run(
      channelId,
      channelName,
      `${count} seeded messages (tools/load seed-history)`,
      authorId,
      created,
      count,
      count,
    );
    db.prepare(
      `INSERT INTO channel_members (channel_id, user_id, role, joined_at, last_read_seq) VALUES (?, ?, 'owner', ?, ?)`,
    ).run(channelId, authorId, created, count);

    const insert = db.prepare(
      `INSERT INTO messages (id, channel_id, seq, rev, author_id, content, mentions, mentions_channel, parent_id,
                             reply_count, last_reply_at, reactions, client_message_id, created_at, edited_at, deleted_at)
       VALUES (?, ?, ?, ?, ?, ?, '[]', 0, NULL, 0, NULL, '[]', NULL, ?, NULL, NULL)`,
    );
    const filler = 'lorem ipsum dolor sit amet '.repeat(Math.ceil(size / 27));
    for (let seq = 1; seq <= count; seq++) {
      const seconds = firstSeconds + seq;
      const head = `history message ${seq} `;
      insert.run(
        objectId(seconds),
        channelId,
        seq,
        seq,
        authorId,
        (head + filler).slice(0, Math.max(head.length, size)).trim(),
        iso(seconds),
      );
      if (seq % 100_000 === 0) console.log(`${seq} messages`);
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  console.log(
    `seeded ${count} messages into public channel "${channelName}" (${channelId}) in ${path} in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

main();

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MIGRATIONS_DIR, SqliteDatabase } from './sqlite-database';

describe('SqliteDatabase', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'supchat-sqlite-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a file in WAL mode with foreign keys on and records the applied migrations', () => {
    const database = SqliteDatabase.open(join(dir, 'nested', 'supchat.db'));
    expect(database.get<{ journal_mode: string }>('PRAGMA journal_mode')?.journal_mode).toBe('wal');
    expect(database.get<{ foreign_keys: number }>('PRAGMA foreign_keys')?.foreign_keys).toBe(1);
    expect(database.appliedMigrations()[0]).toEqual({ version: 1, name: 'users_and_sessions' });
    database.close();
  });

  it('keeps its data and does not re-apply migrations when reopened', () => {
    const path = join(dir, 'supchat.db');
    const first = SqliteDatabase.open(path);
    first.run(`INSERT INTO system_flags (key, value, created_at) VALUES ('k', 'v', 'now')`);
    const applied = first.appliedMigrations();
    first.close();

    const second = SqliteDatabase.open(path);
    expect(second.appliedMigrations()).toEqual(applied);
    expect(second.get<{ value: string }>(`SELECT value FROM system_flags WHERE key = 'k'`)?.value).toBe('v');
    second.close();
  });

  it('applies a failing migration not at all (it runs inside a transaction)', () => {
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '0001_ok.sql'), 'CREATE TABLE a (id INTEGER PRIMARY KEY);');
    writeFileSync(
      join(migrations, '0002_broken.sql'),
      'CREATE TABLE b (id INTEGER PRIMARY KEY); INSERT INTO missing_table VALUES (1);',
    );
    expect(() => SqliteDatabase.open(join(dir, 'broken.db'), migrations)).toThrow(/missing_table/);

    writeFileSync(join(migrations, '0002_broken.sql'), 'CREATE TABLE b (id INTEGER PRIMARY KEY);');
    const database = SqliteDatabase.open(join(dir, 'broken.db'), migrations);
    expect(database.appliedMigrations().map((migration) => migration.version)).toEqual([1, 2]);
    database.close();
  });

  it('rolls back a transaction that throws', () => {
    const database = SqliteDatabase.open(':memory:');
    expect(() =>
      database.transaction(() => {
        database.run(`INSERT INTO system_flags (key, value, created_at) VALUES ('k', 'v', 'now')`);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(database.get('SELECT 1 FROM system_flags')).toBeUndefined();
    database.close();
  });

  it('ships its migrations next to this file', () => {
    expect(DEFAULT_MIGRATIONS_DIR.endsWith(join('sqlite', 'migrations'))).toBe(true);
  });
});

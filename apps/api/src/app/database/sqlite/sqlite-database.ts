import { Logger } from '@nestjs/common';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SQLInputValue, StatementSync } from 'node:sqlite';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';

/**
 * Numbered SQL files (`0001_name.sql`). In the bundled server they are copied next to main.mjs,
 * which is also `import.meta.url`'s folder there; in tests this file sits next to them.
 */
export const DEFAULT_MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

const MIGRATION_FILE = /^(\d{4})_([\w-]+)\.sql$/;

export type SqlParams = Record<string, SQLInputValue>;

/**
 * The embedded engine: Node's built-in `node:sqlite`, a file in WAL mode (or `:memory:` for
 * tests), foreign keys on, migrations applied at boot. Only repository classes use it.
 */
export class SqliteDatabase {
  private readonly logger = new Logger('SqliteDatabase');
  private readonly statements = new Map<string, StatementSync>();
  private inTransaction = false;
  /** Statements executed so far (tests use it to show a query count does not grow). */
  executedStatements = 0;

  private constructor(
    readonly path: string,
    private readonly db: DatabaseSync,
  ) {}

  static open(path: string, migrationsDir = DEFAULT_MIGRATIONS_DIR): SqliteDatabase {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new DatabaseSync(path, { enableForeignKeyConstraints: true });
    const database = new SqliteDatabase(path, db);
    db.exec('PRAGMA busy_timeout = 5000');
    if (path !== ':memory:') {
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
    }
    db.exec('PRAGMA foreign_keys = ON');
    database.migrate(migrationsDir);
    return database;
  }

  /** Runs a statement that changes rows; returns how many changed. */
  run(sql: string, params: SqlParams = {}): number {
    return Number(this.statement(sql).run(params).changes);
  }

  get<T>(sql: string, params: SqlParams = {}): T | undefined {
    return this.statement(sql).get(params) as T | undefined;
  }

  all<T>(sql: string, params: SqlParams = {}): T[] {
    return this.statement(sql).all(params) as T[];
  }

  /**
   * Runs `work` in one write transaction (BEGIN IMMEDIATE takes the write lock up front, so
   * several processes sharing the file serialise instead of failing halfway).
   */
  transaction<T>(work: () => T): T {
    if (this.inTransaction) return work();
    this.db.exec('BEGIN IMMEDIATE');
    this.inTransaction = true;
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  ping(): void {
    this.get('SELECT 1 AS ok');
  }

  appliedMigrations(): { version: number; name: string }[] {
    return this.all('SELECT version, name FROM schema_migrations ORDER BY version');
  }

  close(): void {
    if (!this.db.isOpen) return;
    this.statements.clear();
    this.db.close();
  }

  private statement(sql: string): StatementSync {
    this.executedStatements += 1;
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Applies every migration file newer than the last recorded one, each in its own transaction. */
  private migrate(migrationsDir: string): void {
    this.db.exec(
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

    for (const migration of files) {
      const applied = this.transaction(() => {
        // Checked inside the write lock: another instance on the same file may have just applied it.
        const done = this.get('SELECT 1 FROM schema_migrations WHERE version = $version', {
          version: migration.version,
        });
        if (done) return false;
        this.db.exec(readFileSync(join(migrationsDir, migration.file), 'utf8'));
        this.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)', {
          version: migration.version,
          name: migration.name,
          at: new Date().toISOString(),
        });
        return true;
      });
      if (applied) this.logger.log(`Applied migration ${migration.file}`);
    }
  }
}

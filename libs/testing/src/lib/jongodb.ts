import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ProcessOutput, stopProcess } from './process-output';

export interface MongoTestServer {
  /** Connection string of the server; pick a fresh database name per suite with `databaseUri`. */
  uri: string;
  databaseUri(name: string): string;
  stop(): Promise<void>;
}

function jongodbBinary(): string {
  const require = createRequire(join(process.cwd(), 'package.json'));
  const packageJson = require.resolve('@jongodb/memory-server-bin-linux-x64-gnu/package.json');
  return join(dirname(packageJson), 'bin', 'jongodb');
}

/**
 * A MongoDB server for tests: the real one named by MONGODB_URI when the environment sets it,
 * otherwise the in-memory emulator from npm (DESIGN section 4), as a single-node replica set so
 * that transactions work.
 */
export async function startMongoTestServer(): Promise<MongoTestServer> {
  const external = process.env['MONGODB_URI'];
  if (external) {
    return {
      uri: external,
      databaseUri: (name) => withDatabase(external, name),
      stop: async () => undefined,
    };
  }
  const child = spawn(
    jongodbBinary(),
    ['--port=0', '--topology-profile=singlenodereplicaset', '--replica-set-name=rs0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = new ProcessOutput(child);
  const match = await output.waitFor(/JONGODB_URI=(\S+)/, 30_000, 'the MongoDB emulator address');
  const uri = match[1];
  return {
    uri,
    databaseUri: (name) => withDatabase(uri, name),
    stop: () => stopProcess(child, 'SIGTERM', 5_000),
  };
}

/** Replaces the database name in a MongoDB URI, keeping its options. */
export function withDatabase(uri: string, database: string): string {
  const url = new URL(uri);
  url.pathname = `/${database}`;
  return url.toString();
}

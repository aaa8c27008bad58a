import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';
import { ProcessOutput, stopProcess } from './process-output';

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-bytes-long!!';

export interface ApiServer {
  baseUrl: string;
  port: number;
  /** The extra environment it was started with (to start it again the same way). */
  env: Record<string, string | undefined>;
  process: ChildProcess;
  output: ProcessOutput;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartApiServerOptions {
  /** Extra environment; the defaults are an in-memory SQLite database and a fixed test secret. */
  env?: Record<string, string | undefined>;
  port?: number;
  timeoutMs?: number;
}

/** The bundled server, built by `nx build api` (the e2e targets depend on it). */
export function builtServerEntry(): string {
  const entry = join(process.cwd(), 'dist/apps/api/main.mjs');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npx nx build api" first`);
  return entry;
}

/** Starts the real server process on a free port and waits until it answers /health/live. */
export async function startApiServer(options: StartApiServerOptions = {}): Promise<ApiServer> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [builtServerEntry()], {
    cwd: process.cwd(),
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      SQLITE_PATH: ':memory:',
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = new ProcessOutput(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`server exited (code ${code}, signal ${signal}) before it was ready:\n${output.all}`)),
    );
  });
  await Promise.race([waitUntilLive(baseUrl, options.timeoutMs ?? 30_000), exited]);
  exited.catch(() => undefined);
  return {
    baseUrl,
    port,
    env: options.env ?? {},
    process: child,
    output,
    stop: (signal: NodeJS.Signals = 'SIGTERM') => stopProcess(child, signal),
  };
}

async function waitUntilLive(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/health/live`);
      if (response.ok) return;
      lastError = new Error(`status ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server at ${baseUrl} was not live within ${timeoutMs} ms: ${String(lastError)}`);
}

/** Runs the server to completion (for boots that must fail) and returns its exit code and output. */
export async function runApiServerToExit(
  env: Record<string, string | undefined>,
  timeoutMs = 20_000,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [builtServerEntry()], {
    cwd: process.cwd(),
    env: { PATH: process.env['PATH'], ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = new ProcessOutput(child);
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not exit within ${timeoutMs} ms:\n${output.all}`));
    }, timeoutMs);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, output: output.all };
}

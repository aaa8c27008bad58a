import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from './free-port';
import { ProcessOutput, stopProcess } from './process-output';

/** Debian's redis-server (apt package `redis-server`); REDIS_SERVER_PATH overrides. */
export const REDIS_SERVER_PATH = process.env['REDIS_SERVER_PATH'] ?? '/usr/bin/redis-server';

export interface RedisTestServer {
  url: string;
  port: number;
  /** Stops the server (SIGKILL for a crash, SIGTERM for a clean stop). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port, empty (nothing is persisted). */
  restart(): Promise<void>;
}

/** A real redis-server on a free loopback port, keeping nothing on disk. */
export async function startRedisServer(): Promise<RedisTestServer> {
  if (!existsSync(REDIS_SERVER_PATH)) {
    throw new Error(
      `No redis-server at ${REDIS_SERVER_PATH}: install Debian's (apt-get install -y redis-server) or set REDIS_SERVER_PATH.`,
    );
  }
  const port = await freePort();
  const launch = async () => {
    const child = spawn(
      REDIS_SERVER_PATH,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output = new ProcessOutput(child);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output.all}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([waitForPort(port, 10_000), exited]);
    return child;
  };
  let child = await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: (signal: NodeJS.Signals = 'SIGTERM') => stopProcess(child, signal, 5_000),
    restart: async () => {
      await stopProcess(child, 'SIGTERM', 5_000);
      child = await launch();
    },
  };
}

/** Resolves once something accepts connections on the port and answers PING. */
async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`redis-server did not answer on port ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server as HttpServer } from 'node:http';
import type { Server } from 'socket.io';
import { Lifecycle } from './lifecycle';

/**
 * SIGTERM / SIGINT: stop taking connections, let the work in flight finish (stores and acks), close
 * the sockets' transports so clients reconnect to another instance and catch up (the close is a
 * recoverable one: with Redis they get what they missed replayed), then close the application (the
 * database, Redis, timers) and exit. Whatever is left after `timeoutMs`, the process exits anyway.
 */
export async function shutDownGracefully(
  app: INestApplication,
  io: Server | null,
  logger: LoggerService,
  signal: string,
  timeoutMs: number,
): Promise<void> {
  const started = Date.now();
  const deadline = setTimeout(() => {
    logger.error(`shutdown took longer than ${timeoutMs} ms: exiting now`, 'Shutdown');
    process.exit(1);
  }, timeoutMs);
  deadline.unref();
  const remaining = () => Math.max(0, timeoutMs - (Date.now() - started));

  const lifecycle = app.get(Lifecycle);
  lifecycle.startDraining();
  logger.log(`${signal}: draining (${lifecycle.inFlight} requests and events in flight)`, 'Shutdown');
  const http = app.getHttpServer() as HttpServer;
  // No new connections; idle keep-alive ones go now, busy ones when their response is sent.
  http.close();
  http.closeIdleConnections();
  await lifecycle.waitIdle(remaining() / 3);
  // Clients see their transport close and reconnect elsewhere; events already received still finish.
  io?.engine.close();
  await lifecycle.waitIdle(remaining() / 2);
  await app.close();
  clearTimeout(deadline);
  logger.log(`stopped in ${Date.now() - started} ms`, 'Shutdown');
}

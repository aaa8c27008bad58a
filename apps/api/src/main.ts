import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './app/create-app';
import { ConfigError, loadConfig } from './app/config/config.schema';
import { Logger } from 'nestjs-pino';
import { shutDownGracefully } from './app/lifecycle/graceful-shutdown';
import { createRootLogger } from './app/logger';
import { RealtimeEmitter } from './app/realtime/realtime-emitter';

/** Pending connections the kernel may queue for us (it caps this at net.core.somaxconn). */
const LISTEN_BACKLOG = 4096;

async function main(): Promise<void> {
  let loaded;
  try {
    loaded = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`SUPCHAT cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const { config, warnings } = loaded;
  const logger = createRootLogger(config);
  for (const warning of warnings) logger.warn({ context: 'Config' }, warning);

  // A promise some library left without a handler (say, a Redis command during an outage) is a
  // fault to log, not a reason to drop every connected client.
  process.on('unhandledRejection', (reason: unknown) => {
    logger.error({ context: 'Process', err: reason }, 'unhandled promise rejection');
  });
  const app = await createApp(config, logger);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const nest = app.get(Logger);
    shutDownGracefully(app, app.get(RealtimeEmitter).attached, nest, signal, config.shutdownTimeoutMs)
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        nest.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`, 'Shutdown');
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Node's default listen backlog (511) is too short when thousands of clients reconnect at once
  // (a server restart, a network coming back): the kernel drops the extra SYNs and those clients
  // wait for TCP's retransmits (1 s, 3 s, 7 s, ...). The kernel caps this at net.core.somaxconn.
  // Nest passes extra arguments on to http.Server#listen(port, host, backlog); its type omits that form.
  const listen = app.listen.bind(app) as unknown as (
    port: number,
    host: string,
    backlog: number,
  ) => Promise<unknown>;
  await listen(config.port, config.host, LISTEN_BACKLOG);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const storage = config.database.engine === 'sqlite' ? `SQLite at ${config.database.sqlitePath}` : 'MongoDB';
  logger.info(
    { context: 'Bootstrap' },
    `SUPCHAT listening on port ${port} (${config.publicUrl}), storage: ${storage}`,
  );
}

main().catch((error: unknown) => {
  // Never print the error object whole: a driver error may carry a connection string.
  console.error(`SUPCHAT failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

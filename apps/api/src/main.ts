import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './app/create-app';
import { ConfigError, loadConfig } from './app/config/config.schema';
import { createRootLogger } from './app/logger';

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

  const app = await createApp(config, logger);
  await app.listen(config.port, config.host);
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

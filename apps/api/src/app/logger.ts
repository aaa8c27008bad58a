import type { LogLevel as NestLogLevel } from '@nestjs/common';
import { ConsoleLogger } from '@nestjs/common';
import type { AppConfig, LogLevel } from './config/app-config';

const LEVELS: Record<LogLevel, NestLogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** JSON lines in production, readable colour output in development; LOG_LEVEL decides what shows. */
export function createLogger(config: Pick<AppConfig, 'nodeEnv' | 'logLevel'>): ConsoleLogger {
  const json = config.nodeEnv === 'production';
  return new ConsoleLogger({
    prefix: 'SUPCHAT',
    json,
    colors: !json && Boolean(process.stdout.isTTY),
    logLevels: LEVELS[config.logLevel],
  });
}

import type { Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { Logger as Pino, LoggerOptions } from 'pino';
import { pino } from 'pino';
import type { AppConfig } from './config/app-config';

/**
 * Paths pino replaces with "[redacted]" wherever they appear in a log entry: credentials and
 * message contents never reach the logs, even if a future log call passes a request or a payload.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-metrics-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.content',
  '*.auth',
];

/** Routes too frequent or too boring to log each request of. */
const QUIET_ROUTES = /^\/(health(\/|$)|metrics$|assets\/|favicon)/;

function pinoOptions(config: Pick<AppConfig, 'nodeEnv' | 'logLevel'>): LoggerOptions {
  const pretty = config.nodeEnv === 'development';
  return {
    name: 'supchat',
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Human-readable in development; JSON lines otherwise (production, tests).
    // JSON lines say `"level":"info"`, not pino's numbers, for whoever reads or greps them.
    ...(pretty ? {} : { formatters: { level: (label: string) => ({ level: label }) } }),
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: {
              colorize: Boolean(process.stdout.isTTY),
              singleLine: true,
              translateTime: 'SYS:HH:MM:ss.l',
              ignore: 'pid,hostname',
            },
          },
        }
      : {}),
  };
}

/** The process's root logger: used before Nest starts, then by Nest and every request. */
export function createRootLogger(config: Pick<AppConfig, 'nodeEnv' | 'logLevel'>): Pino {
  return pino(pinoOptions(config));
}

/**
 * nestjs-pino's settings: one line per HTTP request (request id, user id, route, status, time; no
 * bodies, no credentials), and the same root logger for everything Nest logs.
 */
export function loggerParams(root: Pino): Params {
  return {
    pinoHttp: {
      logger: root,
      genReqId: (request: IncomingMessage) => (request as Request).requestId ?? randomUUID(),
      quietReqLogger: true,
      autoLogging: {
        ignore: (request: IncomingMessage) => QUIET_ROUTES.test((request as Request).path ?? ''),
      },
      customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
        error || response.statusCode >= 500 ? 'error' : 'info',
      customProps: (request: IncomingMessage) => {
        const user = (request as Request).user;
        return user ? { userId: user.id } : {};
      },
      serializers: {
        // Method, path without the query (a search may be personal), remote address: nothing else.
        req: (request: { method?: string; url?: string; remoteAddress?: string }) => ({
          method: request.method,
          path: request.url?.split('?')[0],
          remoteAddress: request.remoteAddress,
        }),
        res: (response: Response | { statusCode?: number }) => ({ statusCode: response.statusCode }),
      },
    },
  };
}

import { randomBytes } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { AppConfig } from './app-config';
import { FAILPOINTS } from './app-config';
import { parseByteSize, parseDurationSeconds } from './duration';

/** A configuration that cannot be used; the message names every variable and rule that failed. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const MIN_JWT_SECRET_BYTES = 32;

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const seconds = parseDurationSeconds(value);
      if (seconds === null) {
        ctx.addIssue({ code: 'custom', message: 'must be a duration such as 90s, 15m, 12h or 30d' });
        return z.NEVER;
      }
      return seconds;
    });

const byteSize = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const bytes = parseByteSize(value);
      if (bytes === null) {
        ctx.addIssue({ code: 'custom', message: 'must be a size such as 1mb, 512kb or 65536' });
        return z.NEVER;
      }
      return bytes;
    });

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(1, { error: 'must be at least 1' })
    .default(fallback);

const httpOrigin = z.string().transform((value, ctx) => {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url.origin;
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not an http(s) origin` });
    return z.NEVER;
  }
});

const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(0, { error: 'must be between 0 and 65535' })
    .max(65535, { error: 'must be between 0 and 65535' })
    .default(3000),
  PUBLIC_URL: httpOrigin.optional(),
  CORS_ORIGINS: commaList.pipe(z.array(httpOrigin)),
  JWT_SECRET: z.string().optional(),
  JWT_ACCESS_TTL: duration('15m'),
  JWT_REFRESH_TTL: duration('30d'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, { error: 'must be a mongodb:// or mongodb+srv:// URI' })
    .optional(),
  SQLITE_PATH: z.string().min(1).default('data/supchat.db'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, { error: 'must be a redis:// or rediss:// URL' })
    .optional(),
  REDIS_CONNECT_TIMEOUT: duration('20s'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  ADMIN_EMAILS: commaList.pipe(z.array(z.email({ error: 'must be a comma-separated list of emails' }))),
  WEB_DIST_PATH: z.string().min(1).default('dist/apps/web/browser'),
  HTTP_BODY_LIMIT: byteSize('1mb'),
  HEALTH_MAX_HEAP: byteSize('1536mb'),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx) => {
      if (value === 'true') return true;
      if (value === 'false') return false;
      if (/^\d{1,2}$/.test(value)) return Number(value);
      ctx.addIssue({ code: 'custom', message: 'must be true, false or a number of proxy hops' });
      return z.NEVER;
    }),
  PRESENCE_OFFLINE_GRACE: duration('10s'),
  TYPING_THROTTLE: duration('2s'),
  TYPING_TIMEOUT: duration('5s'),
  MESSAGE_RATE_PER_SECOND: positiveInt(10),
  MESSAGE_RATE_BURST: positiveInt(20),
  LOGIN_MAX_FAILURES_PER_EMAIL: positiveInt(5),
  LOGIN_MAX_FAILURES_PER_IP: positiveInt(20),
  LOGIN_FAILURE_WINDOW: duration('1m'),
  SHUTDOWN_TIMEOUT: duration('10s'),
  METRICS_TOKEN: z
    .string()
    .min(16, { error: 'must be at least 16 characters' })
    .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' })
    .optional(),
  TEST_FAILPOINTS: commaList.pipe(
    z.array(z.enum(FAILPOINTS, { error: `must be a comma-separated list of: ${FAILPOINTS.join(', ')}` })),
  ),
});

export interface LoadedConfig {
  config: AppConfig;
  warnings: string[];
}

/**
 * Validates the environment into an `AppConfig`. Empty variables count as unset (the usual meaning
 * of `NAME=` in an env file). Throws `ConfigError` naming every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): LoadedConfig {
  const input = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = EnvSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const values = parsed.data;
  const warnings: string[] = [];

  let secret = values.JWT_SECRET;
  let generatedSecret = false;
  if (secret !== undefined && Buffer.byteLength(secret, 'utf8') < MIN_JWT_SECRET_BYTES) {
    throw new ConfigError([`JWT_SECRET: must be at least ${MIN_JWT_SECRET_BYTES} bytes long`]);
  }
  if (secret === undefined) {
    if (values.NODE_ENV === 'production') {
      throw new ConfigError([
        `JWT_SECRET: is required when NODE_ENV=production (a random string of at least ${MIN_JWT_SECRET_BYTES} bytes)`,
      ]);
    }
    secret = randomBytes(48).toString('base64url');
    generatedSecret = true;
    warnings.push(
      'JWT_SECRET is not set: using a random secret for this process, so access tokens stop working when ' +
        'it restarts (clients renew them) and other instances cannot check them. ' +
        'Set JWT_SECRET (at least 32 bytes) in production and for several instances.',
    );
  }

  if (values.TEST_FAILPOINTS.length > 0 && values.NODE_ENV !== 'test') {
    throw new ConfigError(['TEST_FAILPOINTS: only allowed when NODE_ENV=test']);
  }

  const publicUrl = values.PUBLIC_URL ?? `http://localhost:${values.PORT || 3000}`;
  const resolvePath = (path: string) => (path === ':memory:' || isAbsolute(path) ? path : resolve(cwd, path));

  return {
    warnings,
    config: {
      nodeEnv: values.NODE_ENV,
      host: values.HOST,
      port: values.PORT,
      publicUrl,
      corsOrigins: [...new Set([publicUrl, ...values.CORS_ORIGINS])],
      jwt: {
        secret,
        generatedSecret,
        accessTtlSeconds: values.JWT_ACCESS_TTL,
        refreshTtlSeconds: values.JWT_REFRESH_TTL,
      },
      database: values.MONGODB_URI
        ? { engine: 'mongo', mongodbUri: values.MONGODB_URI }
        : { engine: 'sqlite', sqlitePath: resolvePath(values.SQLITE_PATH) },
      redisUrl: values.REDIS_URL ?? null,
      redisConnectTimeoutMs: values.REDIS_CONNECT_TIMEOUT * 1000,
      logLevel: values.LOG_LEVEL,
      adminEmails: values.ADMIN_EMAILS.map((email) => email.toLowerCase()),
      webDistPath: resolvePath(values.WEB_DIST_PATH),
      httpBodyLimitBytes: values.HTTP_BODY_LIMIT,
      healthMaxHeapBytes: values.HEALTH_MAX_HEAP,
      trustProxy: values.TRUST_PROXY,
      presence: { offlineGraceMs: values.PRESENCE_OFFLINE_GRACE * 1000 },
      typing: { throttleMs: values.TYPING_THROTTLE * 1000, timeoutMs: values.TYPING_TIMEOUT * 1000 },
      messageRate: { perSecond: values.MESSAGE_RATE_PER_SECOND, burst: values.MESSAGE_RATE_BURST },
      loginThrottle: {
        maxFailuresPerEmail: values.LOGIN_MAX_FAILURES_PER_EMAIL,
        maxFailuresPerIp: values.LOGIN_MAX_FAILURES_PER_IP,
        windowSeconds: values.LOGIN_FAILURE_WINDOW,
      },
      shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT * 1000,
      metricsToken: values.METRICS_TOKEN ?? null,
      failpoints: new Set(values.TEST_FAILPOINTS),
    },
  };
}

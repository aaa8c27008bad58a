import { Inject } from '@nestjs/common';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Faults the failover tests make happen on purpose, at a point no outside signal can hit reliably.
 * Only NODE_ENV=test accepts them.
 * - `crash-after-commit`: the process kills itself (SIGKILL) right after it stores a new message,
 *   before broadcasting it.
 */
export const FAILPOINTS = ['crash-after-commit'] as const;
export type Failpoint = (typeof FAILPOINTS)[number];

/** The validated configuration of one server process, read once from the environment at boot. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  publicUrl: string;
  /** Origins allowed to call the API from a browser and to open sockets (PUBLIC_URL included). */
  corsOrigins: string[];
  jwt: {
    secret: string;
    /** True when no JWT_SECRET was given and a random one was generated for this process. */
    generatedSecret: boolean;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
  };
  database: { engine: 'mongo'; mongodbUri: string } | { engine: 'sqlite'; sqlitePath: string };
  redisUrl: string | null;
  /** How long the boot waits for Redis before giving up. */
  redisConnectTimeoutMs: number;
  logLevel: LogLevel;
  adminEmails: string[];
  webDistPath: string;
  httpBodyLimitBytes: number;
  /** /health/live reports down above this heap size. */
  healthMaxHeapBytes: number;
  trustProxy: boolean | number;
  presence: {
    /** How long a user with no socket left stays online (a reload must not flap). */
    offlineGraceMs: number;
  };
  typing: {
    /** At most one `typing: true` per user and channel is forwarded in this window. */
    throttleMs: number;
    /** An indicator stops by itself this long after its last refresh. */
    timeoutMs: number;
  };
  /** Per-user token bucket for sending messages. */
  messageRate: { perSecond: number; burst: number };
  loginThrottle: {
    maxFailuresPerEmail: number;
    maxFailuresPerIp: number;
    windowSeconds: number;
  };
  /** The most a graceful shutdown (SIGTERM, SIGINT) may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** Bearer token /metrics requires; null: /metrics is open (keep it off the public network). */
  metricsToken: string | null;
  /** TEST_FAILPOINTS: empty outside tests. */
  failpoints: ReadonlySet<Failpoint>;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Injects the typed `AppConfig`. */
export const InjectConfig = (): ParameterDecorator => Inject(APP_CONFIG);

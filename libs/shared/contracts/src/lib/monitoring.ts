import { ERROR_CODES, LIMITS } from '@supchat/constants';
import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common';

/**
 * `client-stats`: what a browser measured since its previous report (about every 30 s). The ack
 * round-trips of its sends, in milliseconds: all of them, or a uniform sample when there were more.
 */
export const ClientStatsPayloadSchema = z.strictObject({
  ackRttMs: z
    .array(
      z
        .number({ error: 'must be a number of milliseconds' })
        .finite({ error: 'must be a finite number' })
        .min(0, { error: 'must not be negative' })
        .max(LIMITS.clientStats.maxRttMs, {
          error: `must be at most ${LIMITS.clientStats.maxRttMs} ms`,
        }),
      { error: 'must be an array of round-trip times' },
    )
    .max(LIMITS.clientStats.samples, {
      error: `must hold at most ${LIMITS.clientStats.samples} samples`,
    }),
});
export type ClientStatsPayload = z.input<typeof ClientStatsPayloadSchema>;

/** Percentiles of a latency over the snapshot's window, in milliseconds (null: no sample). */
export const LatencySummarySchema = z.object({
  count: z.number().int().nonnegative(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  max: z.number().nullable(),
});
export type LatencySummary = z.infer<typeof LatencySummarySchema>;

/** One second of the whole deployment, for the 15-minute charts. */
export const MonitorPointSchema = z.object({
  at: IsoDateTimeSchema,
  sockets: z.number().int().nonnegative(),
  users: z.number().int().nonnegative(),
  messagesPerSecond: z.number().nonnegative(),
  deliveryP99Ms: z.number().nullable(),
  clientRttP99Ms: z.number().nullable(),
  errorsPerSecond: z.number().nonnegative(),
});
export type MonitorPoint = z.infer<typeof MonitorPointSchema>;

/** One server process. */
export const MonitorInstanceSchema = z.object({
  id: z.string(),
  hostname: z.string(),
  pid: z.number().int(),
  startedAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  sockets: z.number().int().nonnegative(),
  users: z.number().int().nonnegative(),
  messagesPerSecond: z.number().nonnegative(),
  deliveryP99Ms: z.number().nullable(),
  rssBytes: z.number().nonnegative(),
  heapUsedBytes: z.number().nonnegative(),
  /** Of one core: 100 means one core fully busy. */
  cpuPercent: z.number().nonnegative(),
  eventLoopLagP99Ms: z.number().nonnegative(),
});
export type MonitorInstance = z.infer<typeof MonitorInstanceSchema>;

export const MONITOR_ACTIVITY_KINDS = ['connect', 'disconnect', 'error', 'rate-limited'] as const;

/** A line of the recent-activity log: never message contents, tokens or emails. */
export const MonitorActivitySchema = z.object({
  at: IsoDateTimeSchema,
  instanceId: z.string(),
  kind: z.enum(MONITOR_ACTIVITY_KINDS),
  userId: IdSchema.nullable(),
  username: z.string().nullable(),
  /** The socket event or the HTTP route template involved, if any. */
  operation: z.string().nullable(),
  code: z.enum(ERROR_CODES).nullable(),
});
export type MonitorActivity = z.infer<typeof MonitorActivitySchema>;

/** Pushed every second on the `/monitor` namespace. Latencies and errors cover `windowSeconds`. */
export const MonitorSnapshotSchema = z.object({
  at: IsoDateTimeSchema,
  windowSeconds: z.number().int().positive(),
  sockets: z.number().int().nonnegative(),
  users: z.number().int().nonnegative(),
  messagesPerSecond: z.number().nonnegative(),
  messagesStored: z.number().int().nonnegative().nullable(),
  persistMs: LatencySummarySchema,
  deliveryMs: LatencySummarySchema,
  clientRttMs: LatencySummarySchema,
  errors: z.array(z.object({ code: z.enum(ERROR_CODES), count: z.number().int().positive() })),
  errorsPerSecond: z.number().nonnegative(),
  rateLimited: z.number().int().nonnegative(),
  instances: z.array(MonitorInstanceSchema),
  point: MonitorPointSchema,
  /** Activity since the previous snapshot, oldest first. */
  activity: z.array(MonitorActivitySchema),
});
export type MonitorSnapshot = z.infer<typeof MonitorSnapshotSchema>;

/** Sent once on connecting to `/monitor`: the last 15 minutes and the recent activity. */
export const MonitorHistorySchema = z.object({
  points: z.array(MonitorPointSchema),
  activity: z.array(MonitorActivitySchema),
});
export type MonitorHistory = z.infer<typeof MonitorHistorySchema>;

/** The Socket.IO namespace of the live dashboard (admins only, checked in its handshake). */
export const MONITOR_NAMESPACE = '/monitor';

export interface MonitorServerToClientEvents {
  history: (history: MonitorHistory) => void;
  snapshot: (snapshot: MonitorSnapshot) => void;
}

/** The dashboard only listens. */
export type MonitorClientToServerEvents = Record<string, never>;

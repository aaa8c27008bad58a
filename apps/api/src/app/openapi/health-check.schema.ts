import { z } from 'zod';

/** One entry per check (`database`, `redis`, `memory_heap`), with whatever the indicator adds. */
const HealthIndicatorResultsSchema = z.record(
  z.string(),
  z.looseObject({ status: z.enum(['up', 'degraded', 'down']) }),
);

/** The terminus body of /health, /health/live and /health/ready (the same on 200 and 503). */
export const HealthCheckResultSchema = z.object({
  status: z.enum(['ok', 'degraded', 'error', 'shutting_down']),
  /** The checks that are up. */
  info: HealthIndicatorResultsSchema.optional(),
  /** The checks that are down. */
  error: HealthIndicatorResultsSchema.optional(),
  /** Every check. */
  details: HealthIndicatorResultsSchema,
});

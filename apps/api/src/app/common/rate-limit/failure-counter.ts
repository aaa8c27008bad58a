/** Outcome of looking at a key's recent failures. */
export interface FailureWindowStatus {
  blocked: boolean;
  /** How long until the key may try again (0 when not blocked). */
  retryAfterMs: number;
}

/**
 * Counts failures per key over a sliding window (login attempts per email and per IP).
 * In memory now; a Redis implementation shares the counts between instances (scale-out issue).
 */
export interface FailureCounter {
  status(key: string, limit: number, windowMs: number): Promise<FailureWindowStatus>;
  record(key: string, windowMs: number): Promise<void>;
  reset(key: string): Promise<void>;
}

export const FAILURE_COUNTER = Symbol('FAILURE_COUNTER');

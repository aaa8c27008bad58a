/** Outcome of asking to make an attempt under a key's failure limit. */
export interface AttemptDecision {
  allowed: boolean;
  /** How long until the key may try again (0 when allowed). */
  retryAfterMs: number;
  /** The attempt as counted (to withdraw it if it succeeds); null when refused. */
  attemptId: string | null;
}

/**
 * Counts failures per key over a sliding window (login attempts per email and per IP). An attempt
 * counts as a failure from the moment it is allowed, atomically with the check, so parallel
 * attempts cannot all slip under the limit; a successful one is withdrawn afterwards.
 * In memory now; a Redis implementation shares the counts between instances.
 */
export interface FailureCounter {
  attempt(key: string, limit: number, windowMs: number): Promise<AttemptDecision>;
  withdraw(key: string, attemptId: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export const FAILURE_COUNTER = Symbol('FAILURE_COUNTER');

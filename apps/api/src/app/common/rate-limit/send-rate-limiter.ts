/** Result of taking one token. */
export interface RateDecision {
  allowed: boolean;
  /** When not allowed: how long until a token is available. */
  retryAfterMs: number;
}

/**
 * Per-user token bucket for sends (default 10 per second with bursts of 20). In memory now; the
 * scale-out issue shares the buckets between instances through Redis.
 */
export interface SendRateLimiter {
  take(key: string): Promise<RateDecision>;
}

export const SEND_RATE_LIMITER = Symbol('SEND_RATE_LIMITER');

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const IDLE_SWEEP_MS = 60_000;

export class InMemoryTokenBucket implements SendRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweep = now();
  }

  async take(key: string): Promise<RateDecision> {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.ratePerSecond,
    );
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterMs: 0 };
    }
    return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / this.ratePerSecond) * 1000) };
  }

  /** Forgets buckets that have refilled completely (they hold no information). */
  private sweep(now: number): void {
    if (now - this.lastSweep < IDLE_SWEEP_MS) return;
    this.lastSweep = now;
    const fullAfterMs = (this.burst / this.ratePerSecond) * 1000;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt >= fullAfterMs) this.buckets.delete(key);
    }
  }
}

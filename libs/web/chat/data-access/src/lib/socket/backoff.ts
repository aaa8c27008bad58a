export interface BackoffOptions {
  minMs: number;
  maxMs: number;
  /** 0..1: each delay is moved randomly by up to this share, so clients do not retry in step. */
  jitter: number;
}

/** Exponential backoff with jitter, capped: min, 2*min, 4*min... up to max. */
export class Backoff {
  private attempts = 0;

  constructor(
    private readonly options: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  nextDelayMs(): number {
    const base = Math.min(this.options.maxMs, this.options.minMs * 2 ** this.attempts);
    this.attempts = Math.min(this.attempts + 1, 30);
    const spread = base * this.options.jitter;
    const delay = base - spread + this.random() * 2 * spread;
    return Math.round(Math.min(this.options.maxMs, Math.max(0, delay)));
  }

  reset(): void {
    this.attempts = 0;
  }
}

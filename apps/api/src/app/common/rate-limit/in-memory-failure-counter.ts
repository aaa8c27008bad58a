import type { OnModuleDestroy } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { FailureCounter, FailureWindowStatus } from './failure-counter';

const SWEEP_INTERVAL_MS = 60_000;
/** Failures kept per key: enough for any sane limit, and bounded so one key cannot grow forever. */
const MAX_FAILURES_KEPT = 1_000;

/** Sliding-window failure log per key, for one process. */
@Injectable()
export class InMemoryFailureCounter implements FailureCounter, OnModuleDestroy {
  private readonly failures = new Map<string, { times: number[]; windowMs: number }>();
  private readonly sweeper = setInterval(() => this.sweep(Date.now()), SWEEP_INTERVAL_MS).unref();

  constructor(private readonly now: () => number = Date.now) {}

  async status(key: string, limit: number, windowMs: number): Promise<FailureWindowStatus> {
    const times = this.recent(key, windowMs);
    if (times.length < limit) return { blocked: false, retryAfterMs: 0 };
    // Blocked until enough of the oldest failures leave the window.
    const unblockAt = times[times.length - limit] + windowMs;
    return { blocked: true, retryAfterMs: Math.max(1, unblockAt - this.now()) };
  }

  async record(key: string, windowMs: number): Promise<void> {
    const times = this.recent(key, windowMs);
    times.push(this.now());
    if (times.length > MAX_FAILURES_KEPT) times.splice(0, times.length - MAX_FAILURES_KEPT);
    this.failures.set(key, { times, windowMs });
  }

  async reset(key: string): Promise<void> {
    this.failures.delete(key);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private recent(key: string, windowMs: number): number[] {
    const since = this.now() - windowMs;
    return (this.failures.get(key)?.times ?? []).filter((time) => time > since);
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.failures) {
      if (entry.times.every((time) => time <= now - entry.windowMs)) this.failures.delete(key);
    }
  }
}

import type { OnModuleDestroy } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { AttemptDecision, FailureCounter } from './failure-counter';

const SWEEP_INTERVAL_MS = 60_000;
/** Failures kept per key: enough for any sane limit, and bounded so one key cannot grow forever. */
const MAX_FAILURES_KEPT = 1_000;

interface Failure {
  at: number;
  id: string;
}

/** Sliding-window failure log per key, for one process (check and count happen in one step). */
@Injectable()
export class InMemoryFailureCounter implements FailureCounter, OnModuleDestroy {
  private readonly failures = new Map<string, { entries: Failure[]; windowMs: number }>();
  private readonly sweeper = setInterval(() => this.sweep(this.now()), SWEEP_INTERVAL_MS).unref();
  private sequence = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async attempt(key: string, limit: number, windowMs: number): Promise<AttemptDecision> {
    const entries = this.recent(key, windowMs);
    if (entries.length >= limit) {
      // Blocked until enough of the oldest failures leave the window.
      const unblockAt = entries[entries.length - limit].at + windowMs;
      this.failures.set(key, { entries, windowMs });
      return { allowed: false, retryAfterMs: Math.max(1, unblockAt - this.now()), attemptId: null };
    }
    this.sequence += 1;
    const id = String(this.sequence);
    entries.push({ at: this.now(), id });
    if (entries.length > MAX_FAILURES_KEPT) entries.splice(0, entries.length - MAX_FAILURES_KEPT);
    this.failures.set(key, { entries, windowMs });
    return { allowed: true, retryAfterMs: 0, attemptId: id };
  }

  async withdraw(key: string, attemptId: string): Promise<void> {
    const state = this.failures.get(key);
    if (state) state.entries = state.entries.filter((entry) => entry.id !== attemptId);
  }

  async reset(key: string): Promise<void> {
    this.failures.delete(key);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private recent(key: string, windowMs: number): Failure[] {
    const since = this.now() - windowMs;
    return (this.failures.get(key)?.entries ?? []).filter((entry) => entry.at > since);
  }

  private sweep(now: number): void {
    for (const [key, state] of this.failures) {
      if (state.entries.every((entry) => entry.at <= now - state.windowMs)) this.failures.delete(key);
    }
  }
}

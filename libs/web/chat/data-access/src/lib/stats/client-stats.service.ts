import { DestroyRef, Injectable, InjectionToken, effect, inject, untracked } from '@angular/core';
import { LIMITS } from '@supchat/constants';
import { AuthService } from '@supchat/web/auth/data-access';
import { ChatSocketService } from '../socket/chat-socket.service';
import { Reservoir } from './reservoir';

/** How often the round-trips are reported (DESIGN: `client-stats` about every 30 s). */
export const CLIENT_STATS_INTERVAL_MS = LIMITS.clientStats.intervalMs;
/**
 * Round-trips that missed this many reports in a row (the socket was down) are dropped: the dashboard
 * shows the last minute, and a report that late would tell about the wrong one.
 */
export const CLIENT_STATS_MAX_MISSED_REPORTS = 2;

/** The random source of the uniform sample (tests pin it). */
export const CLIENT_STATS_RANDOM = new InjectionToken<() => number>('CLIENT_STATS_RANDOM', {
  providedIn: 'root',
  factory: () => Math.random,
});

/**
 * The latency people experience: the ack round-trip of each acknowledged `send-message`, reported to
 * the server with `client-stats` every 30 s while connected (all of them, or a uniform sample of
 * `LIMITS.clientStats.samples`), nothing when nothing was sent. Best effort by design: it never
 * throws, never queues and never delays a send; samples of a previous user are forgotten.
 */
@Injectable({ providedIn: 'root' })
export class ClientStatsService {
  private readonly socket = inject(ChatSocketService);
  private readonly samples = new Reservoir<number>(LIMITS.clientStats.samples, inject(CLIENT_STATS_RANDOM));
  /** Reports the current samples missed because the socket was down. */
  private missedReports = 0;

  constructor() {
    const auth = inject(AuthService);
    let userId: string | null = null;
    effect(() => {
      const current = auth.user()?.id ?? null;
      untracked(() => {
        // Another user (or nobody): the samples taken so far are not theirs.
        if (current !== userId) this.forget();
        userId = current;
      });
    });
    const timer = setInterval(() => this.report(), CLIENT_STATS_INTERVAL_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  /** Unreported samples (for tests and diagnostics). */
  get pending(): number {
    return this.samples.size;
  }

  /** One acknowledged send took `rttMs` from its emit to its ack. */
  recordAckRtt(rttMs: number): void {
    if (!Number.isFinite(rttMs)) return;
    const clamped = Math.min(Math.max(rttMs, 0), LIMITS.clientStats.maxRttMs);
    this.samples.offer(Math.round(clamped * 10) / 10);
  }

  /** Sends what was measured since the last report, if connected and there is anything. */
  report(): void {
    try {
      if (this.samples.size === 0) return;
      if (!this.socket.connected()) {
        this.missedReports++;
        if (this.missedReports >= CLIENT_STATS_MAX_MISSED_REPORTS) this.forget();
        return;
      }
      const ackRttMs = this.samples.sample();
      if (this.socket.notify('client-stats', { ackRttMs })) this.forget();
    } catch {
      // Statistics are never worth disturbing the chat; this window is dropped.
      this.forget();
    }
  }

  private forget(): void {
    this.samples.clear();
    this.missedReports = 0;
  }
}

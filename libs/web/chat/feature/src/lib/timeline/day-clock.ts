import { DOCUMENT, DestroyRef, Injectable, inject, signal } from '@angular/core';

/** Checked this long after midnight, so the new day has begun whatever the timer's precision. */
const AFTER_MIDNIGHT_MS = 1_000;

/**
 * The current local day, as a signal that changes at midnight: day separators read it, so "Today"
 * becomes "Yesterday" without a reload. Also checked when the page becomes visible again (timers of
 * hidden tabs and sleeping computers run late).
 */
@Injectable({ providedIn: 'root' })
export class DayClock {
  private readonly document = inject(DOCUMENT);
  private readonly day = signal(startOfDay(new Date()));
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Midnight (local time) at the start of the current day. */
  readonly today = this.day.asReadonly();

  constructor() {
    const onVisibility = () => {
      if (this.document.visibilityState !== 'hidden') this.check();
    };
    this.document.addEventListener('visibilitychange', onVisibility);
    this.arm();
    inject(DestroyRef).onDestroy(() => {
      this.document.removeEventListener('visibilitychange', onVisibility);
      if (this.timer !== null) clearTimeout(this.timer);
    });
  }

  private check(): void {
    const today = startOfDay(new Date());
    if (today.getTime() !== this.day().getTime()) this.day.set(today);
    this.arm();
  }

  private arm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    const now = new Date();
    const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    this.timer = setTimeout(() => this.check(), tomorrow.getTime() - now.getTime() + AFTER_MIDNIGHT_MS);
  }
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/**
 * Per channel, the rev up to which this client holds every change it cares about: where the next
 * `sync` starts (DESIGN section 3). It only moves when that is certain:
 * - a live event, while subscribed (after `ready`) and the channel is not being caught up: a
 *   connected client receives a channel's events in rev order;
 * - a catch-up page: pages are contiguous from the horizon; at the end of a catch-up the live events
 *   received meanwhile count too (the subscription was made before the catch-up started);
 * - the first snapshot (REST page) of a channel not tracked yet.
 * A disconnect freezes every horizon until the next catch-up.
 */
export class RevHorizon {
  private readonly horizons = new Map<string, number>();
  private readonly catchingUp = new Map<string, number>();
  private subscribedEpoch: number | null = null;
  private currentEpoch = 0;

  get epoch(): number {
    return this.currentEpoch;
  }

  /** Live events are arriving (after `ready`, until a disconnect). */
  get subscribed(): boolean {
    return this.subscribedEpoch === this.currentEpoch;
  }

  onReady(): number {
    this.currentEpoch++;
    this.subscribedEpoch = this.currentEpoch;
    this.catchingUp.clear();
    return this.currentEpoch;
  }

  onDisconnect(): void {
    this.subscribedEpoch = null;
    this.catchingUp.clear();
  }

  /** Forgets everything (another user signed in). */
  reset(): void {
    this.horizons.clear();
    this.catchingUp.clear();
    this.subscribedEpoch = null;
  }

  tracked(): string[] {
    return [...this.horizons.keys()];
  }

  isTracked(channelId: string): boolean {
    return this.horizons.has(channelId);
  }

  get(channelId: string): number {
    return this.horizons.get(channelId) ?? 0;
  }

  forget(channelId: string): void {
    this.horizons.delete(channelId);
    this.catchingUp.delete(channelId);
  }

  noteLive(channelId: string, rev: number): void {
    if (!this.subscribed || !this.horizons.has(channelId)) return;
    const during = this.catchingUp.get(channelId);
    if (during !== undefined) this.catchingUp.set(channelId, Math.max(during, rev));
    else this.raise(channelId, rev);
  }

  /**
   * A REST snapshot of the channel (a history or replies page) taken between `epochAtStart` and now.
   * Returns true when the channel needs a catch-up of its own (first snapshot taken without a live
   * subscription all along).
   */
  noteSnapshot(channelId: string, rev: number, epochAtStart: number, subscribedAtStart: boolean): boolean {
    if (this.horizons.has(channelId)) return false;
    this.horizons.set(channelId, rev);
    return !(subscribedAtStart && epochAtStart === this.currentEpoch && this.subscribed);
  }

  beginCatchUp(channelId: string): void {
    if (this.horizons.has(channelId)) this.catchingUp.set(channelId, 0);
  }

  /** A catch-up page reached `lastRev` (contiguously from the horizon). */
  progress(channelId: string, lastRev: number): void {
    if (this.horizons.has(channelId)) this.raise(channelId, lastRev);
  }

  /** The catch-up of this channel is complete: the live events of the meantime count now. */
  finishCatchUp(channelId: string): void {
    const during = this.catchingUp.get(channelId);
    this.catchingUp.delete(channelId);
    if (during !== undefined) this.raise(channelId, during);
  }

  /** The catch-up stopped short: the next one starts from the last page reached. */
  abortCatchUp(channelId: string): void {
    this.catchingUp.delete(channelId);
  }

  private raise(channelId: string, rev: number): void {
    const current = this.horizons.get(channelId);
    if (current !== undefined && rev > current) this.horizons.set(channelId, rev);
  }
}

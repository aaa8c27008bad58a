/** What a `typing: true` did. */
export interface TypingRefresh {
  /** Nobody saw this user typing in the channel before: an indicator starts. */
  started: boolean;
  /** Forward it to the channel (outside the throttle window). */
  forward: boolean;
}

/**
 * Who is typing where, with the throttle and timeout clocks: in memory, or shared through Redis so
 * a user typing in two tabs on two instances is throttled as one.
 */
export interface TypingStore {
  refresh(userId: string, channelId: string, throttleMs: number, timeoutMs: number): Promise<TypingRefresh>;
  /** Ends the indicator if it saw no refresh for `timeoutMs`; true when this call ended it. */
  expireIfIdle(userId: string, channelId: string, timeoutMs: number): Promise<boolean>;
  /** Ends the indicator; true when there was one. */
  stop(userId: string, channelId: string): Promise<boolean>;
}

export const TYPING_STORE = Symbol('TYPING_STORE');

export class InMemoryTypingStore implements TypingStore {
  private readonly states = new Map<string, { forwardedAt: number; refreshedAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async refresh(userId: string, channelId: string, throttleMs: number): Promise<TypingRefresh> {
    const key = `${userId}:${channelId}`;
    const now = this.now();
    const state = this.states.get(key);
    if (!state) {
      this.states.set(key, { forwardedAt: now, refreshedAt: now });
      return { started: true, forward: true };
    }
    state.refreshedAt = now;
    if (now - state.forwardedAt < throttleMs) return { started: false, forward: false };
    state.forwardedAt = now;
    return { started: false, forward: true };
  }

  async expireIfIdle(userId: string, channelId: string, timeoutMs: number): Promise<boolean> {
    const key = `${userId}:${channelId}`;
    const state = this.states.get(key);
    if (!state || this.now() - state.refreshedAt < timeoutMs) return false;
    this.states.delete(key);
    return true;
  }

  async stop(userId: string, channelId: string): Promise<boolean> {
    return this.states.delete(`${userId}:${channelId}`);
  }
}

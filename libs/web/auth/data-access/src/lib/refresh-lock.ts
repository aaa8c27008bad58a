import { DOCUMENT, Injectable, inject } from '@angular/core';

/** Name of the Web Lock every tab of the origin takes before it touches the refresh token. */
export const AUTH_REFRESH_LOCK_NAME = 'supchat-auth-refresh';

/**
 * Serialises refresh-token work across tabs. Refresh tokens rotate and presenting a used one revokes
 * the session, so two tabs must never refresh with the same token at once: the Web Locks API gives
 * one holder per origin. Without it (jsdom, insecure origins) the work is serialised within this tab only.
 */
@Injectable({ providedIn: 'root' })
export class RefreshLock {
  private readonly locks: LockManager | null = inject(DOCUMENT).defaultView?.navigator?.locks ?? null;
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.locks) {
      return this.locks.request(AUTH_REFRESH_LOCK_NAME, { mode: 'exclusive' }, task);
    }
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

import { DOCUMENT, DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { Subject } from 'rxjs';

/**
 * What the browser says about the page: visible or hidden, online or offline, and the moments either
 * changes. One listener each for the whole library.
 */
@Injectable({ providedIn: 'root' })
export class BrowserState {
  private readonly document = inject(DOCUMENT);
  private readonly isVisible = signal(this.document.visibilityState !== 'hidden');
  private readonly isOnline = signal(this.document.defaultView?.navigator.onLine ?? true);
  private readonly cameOnline = new Subject<void>();
  private readonly visibilityChanged = new Subject<boolean>();

  /** The page is shown (not a background tab, not minimised). */
  readonly visible = this.isVisible.asReadonly();
  /** The browser believes it has a network. */
  readonly online = this.isOnline.asReadonly();
  /** Emits when the browser comes back online. */
  readonly online$: Observable<void> = this.cameOnline.asObservable();
  /** Emits the new visibility each time it changes. */
  readonly visibility$: Observable<boolean> = this.visibilityChanged.asObservable();

  constructor() {
    const view = this.document.defaultView;
    const destroyRef = inject(DestroyRef);
    const onVisibility = () => {
      const visible = this.document.visibilityState !== 'hidden';
      if (visible === this.isVisible()) return;
      this.isVisible.set(visible);
      this.visibilityChanged.next(visible);
    };
    const onOnline = () => {
      this.isOnline.set(true);
      this.cameOnline.next();
    };
    const onOffline = () => this.isOnline.set(false);
    this.document.addEventListener('visibilitychange', onVisibility);
    view?.addEventListener('online', onOnline);
    view?.addEventListener('offline', onOffline);
    destroyRef.onDestroy(() => {
      this.document.removeEventListener('visibilitychange', onVisibility);
      view?.removeEventListener('online', onOnline);
      view?.removeEventListener('offline', onOffline);
    });
  }
}

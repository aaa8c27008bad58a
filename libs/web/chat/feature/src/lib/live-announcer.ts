import { Injectable, signal } from '@angular/core';

/** Text for the shell's polite live region (new messages for screen readers). */
@Injectable({ providedIn: 'root' })
export class LiveAnnouncer {
  private readonly text = signal('');
  readonly message = this.text.asReadonly();

  announce(message: string): void {
    // Clearing first makes a repeated text be read again.
    this.text.set('');
    queueMicrotask(() => this.text.set(message));
  }
}

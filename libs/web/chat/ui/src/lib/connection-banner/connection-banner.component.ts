import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '@supchat/web/shared/i18n';

/** The socket's state as the UI shows it (the chat data-access exposes the same four values). */
export type ConnectionState = 'connected' | 'connecting' | 'reconnecting' | 'offline';

/**
 * A status line while the live connection is not up; empty (and invisible) when connected. The
 * element itself stays, as a polite live region, so changes are announced.
 */
@Component({
  selector: 'sc-connection-banner',
  imports: [TranslatePipe],
  template: `
    @switch (state()) {
      @case ('connecting') {
        <span class="spinner" aria-hidden="true"></span>
        <span>{{ 'connection.connecting' | t }}</span>
      }
      @case ('reconnecting') {
        <span class="spinner" aria-hidden="true"></span>
        <span>{{ 'connection.reconnecting' | t }}</span>
      }
      @case ('offline') {
        <span>{{ 'connection.offline' | t }}</span>
      }
    }
    @if (canRetry() && state() !== 'connected' && state() !== 'connecting') {
      <button type="button" class="retry" (click)="retry.emit()">{{ 'connection.retry' | t }}</button>
    }
  `,
  host: {
    class: 'sc-connection-banner',
    role: 'status',
    '[attr.data-state]': 'state()',
    '[class.hidden]': "state() === 'connected'",
  },
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: center;
      gap: var(--space-2) var(--space-3);
      padding: var(--space-2) var(--space-4);
      font-size: var(--text-sm);
      font-weight: 500;
      text-align: center;
      color: var(--color-warning-text);
      background: var(--color-warning-surface);
      border-bottom: 1px solid var(--color-warning-border);
    }
    :host([data-state='offline']) {
      color: var(--color-danger);
      background: var(--color-danger-surface);
      border-color: var(--color-danger-border);
    }
    :host(.hidden) {
      display: block;
      height: 0;
      padding: 0;
      overflow: hidden;
      border: 0;
    }
    .spinner {
      width: 0.9rem;
      height: 0.9rem;
      border: 2px solid currentColor;
      border-right-color: transparent;
      border-radius: 50%;
      animation: spin 0.8s linear infinite;
    }
    .retry {
      min-height: 2rem;
      padding: 0 var(--space-3);
      font: inherit;
      font-weight: 600;
      color: inherit;
      background: transparent;
      border: 1px solid currentColor;
      border-radius: var(--radius-md);
      cursor: pointer;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .spinner {
        animation: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionBannerComponent {
  readonly state = input.required<ConnectionState>();
  /** Offer "Retry now" while reconnecting or offline. */
  readonly canRetry = input(false);
  readonly retry = output<void>();
}

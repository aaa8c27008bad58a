import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { UserSummary } from '@supchat/contracts';
import { I18nService } from '@supchat/web/shared/i18n';

/**
 * "Alice is typing…", "Alice and Bob are typing…", "Several people are typing…". A polite live region
 * that stays in the page while empty, so screen readers announce who starts typing.
 */
@Component({
  selector: 'sc-typing-indicator',
  template: `
    @if (text(); as text) {
      <span class="dots" aria-hidden="true"><span></span><span></span><span></span></span>
      <span class="text">{{ text }}</span>
    }
  `,
  host: { class: 'sc-typing-indicator', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' },
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: var(--space-2);
      min-height: 1.25rem;
      font-size: var(--text-xs);
      color: var(--color-text-muted);
    }
    .text {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .dots {
      display: inline-flex;
      gap: 3px;
    }
    .dots span {
      width: 5px;
      height: 5px;
      border-radius: 50%;
      background: currentColor;
      animation: typing-bounce 1.2s infinite ease-in-out;
    }
    .dots span:nth-child(2) {
      animation-delay: 0.15s;
    }
    .dots span:nth-child(3) {
      animation-delay: 0.3s;
    }
    @keyframes typing-bounce {
      0%,
      60%,
      100% {
        opacity: 0.35;
        transform: translateY(0);
      }
      30% {
        opacity: 1;
        transform: translateY(-3px);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .dots span {
        animation: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TypingIndicatorComponent {
  private readonly i18n = inject(I18nService);

  /** Who is typing now (the reader excluded). */
  readonly users = input<readonly UserSummary[]>([]);

  protected readonly text = computed(() => {
    const users = this.users();
    const name = (user: UserSummary) => user.displayName || user.username;
    if (users.length === 0) return null;
    if (users.length === 1) return this.i18n.t('typing.single', { name: name(users[0]) });
    if (users.length === 2) {
      return this.i18n.t('typing.pair', { first: name(users[0]), second: name(users[1]) });
    }
    return this.i18n.t('typing.several');
  });
}

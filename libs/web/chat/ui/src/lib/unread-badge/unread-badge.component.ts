import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18nService } from '@supchat/web/shared/i18n';

/** "99+" above 99. */
export function badgeCount(count: number, formatNumber: (n: number) => string = String): string {
  return count > 99 ? `${formatNumber(99)}+` : formatNumber(count);
}

/**
 * A channel's unread count; when some of them mention the reader, the mention count instead, emphasised.
 * Renders nothing when there is nothing unread. Screen readers hear "3 unread messages, 1 mention".
 */
@Component({
  selector: 'sc-unread-badge',
  template: `
    @if (visible()) {
      <span class="badge" [class.mention]="mentions() > 0" aria-hidden="true">{{ shown() }}</span>
      <span class="visually-hidden">{{ spoken() }}</span>
    }
  `,
  host: { class: 'sc-unread-badge' },
  styles: `
    :host {
      display: inline-flex;
    }
    .badge {
      display: inline-grid;
      place-items: center;
      min-width: 1.25rem;
      height: 1.25rem;
      padding: 0 0.375rem;
      font-size: var(--text-xs);
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      line-height: 1;
      color: var(--color-badge-text);
      background: var(--color-badge-bg);
      border-radius: 999px;
    }
    .badge.mention {
      color: var(--color-badge-mention-text);
      background: var(--color-badge-mention-bg);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UnreadBadgeComponent {
  private readonly i18n = inject(I18nService);

  readonly unread = input(0);
  readonly mentions = input(0);

  protected readonly visible = computed(() => this.unread() > 0 || this.mentions() > 0);
  protected readonly shown = computed(() => {
    const count = this.mentions() > 0 ? this.mentions() : this.unread();
    return badgeCount(count, (n) => this.i18n.formatNumber(n));
  });
  protected readonly spoken = computed(() => {
    const parts: string[] = [];
    if (this.unread() > 0) parts.push(this.i18n.t('unread.messages', { count: this.unread() }));
    if (this.mentions() > 0) parts.push(this.i18n.t('unread.mentions', { count: this.mentions() }));
    return parts.join(', ');
  });
}

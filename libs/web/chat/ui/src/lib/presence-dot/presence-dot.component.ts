import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { PresenceStatus } from '@supchat/contracts';
import { I18nService } from '@supchat/web/shared/i18n';

/**
 * Online / away / offline, told apart by shape as well as colour (filled, ring, hollow). Labelled
 * ("Offline · Last seen 5 minutes ago" when `lastSeenAt` is given) unless `decorative`.
 */
@Component({
  selector: 'sc-presence-dot',
  template: '',
  host: {
    class: 'sc-presence-dot',
    '[attr.data-status]': 'status()',
    '[style.--dot-size]': 'size() + "px"',
    '[attr.role]': 'decorative() ? null : "img"',
    '[attr.aria-label]': 'decorative() ? null : label()',
    '[attr.aria-hidden]': 'decorative() ? "true" : null',
    '[attr.title]': 'label()',
  },
  styles: `
    :host {
      display: inline-block;
      flex: none;
      width: var(--dot-size);
      height: var(--dot-size);
      border-radius: 50%;
      box-shadow: 0 0 0 2px var(--color-surface);
    }
    :host([data-status='online']) {
      background: var(--color-presence-online);
    }
    :host([data-status='away']) {
      background: transparent;
      border: calc(var(--dot-size) * 0.3) solid var(--color-presence-away);
    }
    :host([data-status='offline']) {
      background: transparent;
      border: 2px solid var(--color-presence-offline);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PresenceDotComponent {
  private readonly i18n = inject(I18nService);

  readonly status = input.required<PresenceStatus>();
  /** When an offline user was last connected (ISO); adds "Last seen …" to the label. */
  readonly lastSeenAt = input<string | null>(null);
  readonly size = input(10);
  /** Hidden from assistive technology, when the status is said in text nearby. */
  readonly decorative = input(false);

  protected readonly label = computed(() => {
    const status = this.i18n.t(`presence.${this.status()}`);
    const lastSeenAt = this.lastSeenAt();
    if (this.status() !== 'offline' || !lastSeenAt) return status;
    return `${status} · ${this.i18n.formatLastSeen(lastSeenAt)}`;
  });
}

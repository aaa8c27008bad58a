import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { I18nService } from '@supchat/web/shared/i18n';

/** The line above the first unread message. */
@Component({
  selector: 'sc-new-messages-divider',
  template: `<span class="label">{{ label() }}</span>`,
  host: { class: 'sc-new-messages-divider', role: 'separator', '[attr.aria-label]': 'label()' },
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: var(--space-2);
      margin: var(--space-2) 0;
      padding: 0 var(--space-4);
      font-size: var(--text-xs);
      font-weight: 700;
      color: var(--color-new-divider);
    }
    :host::before {
      content: '';
      flex: 1;
      border-top: 1px solid var(--color-new-divider);
    }
    .label {
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewMessagesDividerComponent {
  private readonly i18n = inject(I18nService);
  protected readonly label = computed(() => this.i18n.t('dividers.newMessages'));
}

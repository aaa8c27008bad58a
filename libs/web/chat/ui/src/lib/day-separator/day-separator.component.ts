import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { DateInput } from '@supchat/web/shared/i18n';
import { I18nService, toDateString } from '@supchat/web/shared/i18n';

/** "Today", "Yesterday", "Monday", "Tuesday, March 3": the line between two days of a timeline. */
@Component({
  selector: 'sc-day-separator',
  template: `<time [attr.datetime]="isoDate()" [title]="fullDate()">{{ label() }}</time>`,
  host: { class: 'sc-day-separator', role: 'separator', '[attr.aria-label]': 'label()' },
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: var(--space-3);
      margin: var(--space-3) 0;
      padding: 0 var(--space-4);
      font-size: var(--text-xs);
      font-weight: 700;
      color: var(--color-text-muted);
    }
    :host::before,
    :host::after {
      content: '';
      flex: 1;
      border-top: 1px solid var(--color-border);
    }
    time {
      padding: 0.125rem var(--space-3);
      border: 1px solid var(--color-border);
      border-radius: 999px;
      background: var(--color-surface);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DaySeparatorComponent {
  private readonly i18n = inject(I18nService);

  /** Any moment of the day (a message's `createdAt`). */
  readonly date = input.required<DateInput>();
  /** "Now", to tell today from yesterday; pass a ticking value to relabel after midnight. */
  readonly now = input<DateInput | null>(null);

  protected readonly label = computed(() => this.i18n.formatDay(this.date(), this.now() ?? new Date()));
  protected readonly fullDate = computed(() => this.i18n.formatLongDate(this.date()));
  protected readonly isoDate = computed(() => toDateString(this.date()));
}

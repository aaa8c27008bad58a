import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { I18nService } from '../i18n.service';
import { TranslatePipe } from '../translate.pipe';
import type { Locale } from '../types';
import { LOCALES, LOCALE_NAMES } from '../types';

/** A compact language menu (a native select: keyboard and screen-reader friendly as it is). */
@Component({
  selector: 'sc-language-switcher',
  imports: [TranslatePipe],
  template: `
    <label class="switcher">
      <span class="visually-hidden">{{ 'language.label' | t }}</span>
      <svg class="globe" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />
      </svg>
      <select (change)="choose($event)">
        @for (locale of locales; track locale) {
          <!-- [selected] per option: a [value] on the select is set before its options exist. -->
          <option [value]="locale" [attr.lang]="locale" [selected]="locale === i18n.locale()">
            {{ names[locale] }}
          </option>
        }
      </select>
    </label>
  `,
  styles: `
    .switcher {
      position: relative;
      display: inline-flex;
      align-items: center;
      color: var(--color-text-muted);
    }
    .globe {
      position: absolute;
      left: 0.6rem;
      fill: none;
      stroke: currentColor;
      stroke-width: 1.6;
      pointer-events: none;
    }
    select {
      min-height: 2.25rem;
      padding: 0.25rem 0.6rem 0.25rem 2rem;
      font: inherit;
      font-size: var(--text-sm);
      color: var(--color-text);
      background: var(--color-surface);
      border: 1px solid var(--color-border-strong);
      border-radius: var(--radius-md);
      cursor: pointer;
    }
    select:focus-visible {
      outline: 2px solid var(--color-focus);
      outline-offset: 2px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LanguageSwitcherComponent {
  protected readonly i18n = inject(I18nService);
  protected readonly locales = LOCALES;
  protected readonly names = LOCALE_NAMES;

  protected choose(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if ((LOCALES as readonly string[]).includes(value)) this.i18n.setLocale(value as Locale);
  }
}

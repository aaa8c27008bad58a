import type { PipeTransform } from '@angular/core';
import { Pipe, inject } from '@angular/core';
import { I18nService } from './i18n.service';
import type { TranslationKey, TranslationParams } from './types';

/**
 * `{{ 'auth.login.submit' | t }}`, `{{ 'message.replies' | t: { count: n } }}`.
 *
 * Impure on purpose: it reads the locale signal, so the view that uses it is refreshed on a language
 * switch (OnPush and zoneless included), and it must then run again even though its arguments did not
 * change. It remembers its last answer, so a refresh that changes nothing costs a comparison.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);
  private last: { locale: string; key: string; params?: TranslationParams; text: string } | null = null;

  transform(key: TranslationKey, params?: TranslationParams): string {
    const locale = this.i18n.locale();
    const last = this.last;
    if (last && last.locale === locale && last.key === key && sameParams(last.params, params))
      return last.text;
    const text = this.i18n.t(key, params);
    this.last = { locale, key, params, text };
    return text;
  }
}

function sameParams(a: TranslationParams | undefined, b: TranslationParams | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

import type { EnvironmentProviders } from '@angular/core';
import {
  Injectable,
  effect,
  inject,
  makeEnvironmentProviders,
  provideAppInitializer,
  untracked,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import type { RouterStateSnapshot } from '@angular/router';
import { TitleStrategy } from '@angular/router';
import { I18nService } from './i18n.service';
import type { TranslationKey } from './types';

/** The document title when a route names none. */
export const DEFAULT_TITLE = 'SUPCHAT';

/**
 * Route titles are translation keys (`title: 'titles.signIn'`): the document title is their text in
 * the current language, and follows a language switch. A title that is not a key is used as it is.
 */
@Injectable()
export class I18nTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18nService);
  private routeTitle: string | undefined;

  constructor() {
    super();
    effect(() => {
      this.i18n.locale();
      untracked(() => this.apply());
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.routeTitle = this.buildTitle(snapshot);
    this.apply();
  }

  private apply(): void {
    const key = this.routeTitle;
    if (key === undefined) return;
    this.title.setTitle(this.i18n.has(key) ? this.i18n.t(key) : key || DEFAULT_TITLE);
  }
}

/** Marks a route title as a translation key (checked at compile time). */
export function titleKey(key: TranslationKey): string {
  return key;
}

/**
 * App-wide i18n: translated route titles, and the language applied to `<html lang>` at start-up
 * (before the first route renders).
 */
export function provideI18n(): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: TitleStrategy, useClass: I18nTitleStrategy },
    provideAppInitializer(() => {
      inject(I18nService);
    }),
  ]);
}

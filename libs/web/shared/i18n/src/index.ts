export type { Dictionary } from './lib/dictionaries/en';
export type { DateInput } from './lib/format';
export {
  calendarDaysAgo,
  formatDayLabel,
  formatFullTimestamp,
  formatLongDate,
  formatRelativeTime,
  formatShortDate,
  formatTimeOfDay,
  isJustNow,
  toDate,
  toDateString,
} from './lib/format';
export { I18nService, LOCALE_STORAGE_KEY, localeFromLanguageTag } from './lib/i18n.service';
export { DEFAULT_TITLE, I18nTitleStrategy, provideI18n, titleKey } from './lib/i18n-title.strategy';
export { LanguageSwitcherComponent } from './lib/language-switcher/language-switcher.component';
export { TranslatePipe } from './lib/translate.pipe';
export { translate } from './lib/translate';
export type { Locale, PluralForms, TranslationKey, TranslationParams } from './lib/types';
export { LOCALES, LOCALE_NAMES } from './lib/types';

import type { Dictionary } from './dictionaries/en';

/** The UI languages. English is the source of every text; French must cover exactly the same keys. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's name in itself, for the language switcher. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', fr: 'Français' };

/** Plural forms of one text, by Intl.PluralRules category; `other` is the fallback. */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

type KeysOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${K}`
    : T[K] extends { other: string }
      ? `${Prefix}${K}`
      : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A dotted path to a text in the dictionaries: 'auth.login.submit', 'message.replies'. */
export type TranslationKey = KeysOf<Dictionary>;

/** Values for `{name}` placeholders; numbers are formatted for the locale. Plural texts use `count`. */
export type TranslationParams = Readonly<Record<string, string | number>>;

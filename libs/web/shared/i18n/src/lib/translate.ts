import type { Dictionary } from './dictionaries/en';
import { en } from './dictionaries/en';
import { fr } from './dictionaries/fr';
import type { Locale, PluralForms, TranslationParams } from './types';

export const DICTIONARIES: Readonly<Record<Locale, Dictionary>> = { en, fr };

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function isPluralForms(value: unknown): value is PluralForms {
  return typeof value === 'object' && value !== null && typeof (value as PluralForms).other === 'string';
}

/** The text (or plural forms) at a dotted path, or undefined. Own properties only. */
export function lookup(dictionary: Dictionary, key: string): string | PluralForms | undefined {
  let node: unknown = dictionary;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node === 'string' || isPluralForms(node)) return node;
  return undefined;
}

export function formatNumber(value: number, locale: Locale): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/** Picks the plural form for `count` (missing categories fall back to `other`). */
export function selectPlural(forms: PluralForms, count: number, locale: Locale): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return forms[rules.select(count)] ?? forms.other;
}

/** Replaces `{name}` with `params.name`; unknown placeholders stay as they are. */
export function interpolate(template: string, params: TranslationParams | undefined, locale: Locale): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    if (!Object.hasOwn(params, name)) return placeholder;
    const value = params[name];
    return typeof value === 'number' ? formatNumber(value, locale) : value;
  });
}

/**
 * The text for `key` in `locale` (falling back to English, then to the key itself), with plural
 * forms chosen by `params.count` and placeholders filled in.
 */
export function translate(locale: Locale, key: string, params?: TranslationParams): string {
  const entry = lookup(DICTIONARIES[locale], key) ?? lookup(en, key);
  if (entry === undefined) return key;
  const count = params?.['count'];
  const template =
    typeof entry === 'string' ? entry : selectPlural(entry, typeof count === 'number' ? count : 0, locale);
  return interpolate(template, params, locale);
}

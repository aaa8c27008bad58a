import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { DateInput } from './format';
import {
  calendarDaysAgo,
  formatDayLabel,
  formatFullTimestamp,
  formatLongDate,
  formatRelativeTime,
  formatShortDate,
  formatTimeOfDay,
  isJustNow,
} from './format';
import { DICTIONARIES, formatNumber, lookup, translate } from './translate';
import type { Locale, TranslationKey, TranslationParams } from './types';
import { LOCALES } from './types';

/** Where the chosen language is kept (localStorage), so it survives reloads and reaches other tabs. */
export const LOCALE_STORAGE_KEY = 'supchat.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** 'fr', 'fr-CA', 'FR' -> 'fr'; anything else -> 'en'. */
export function localeFromLanguageTag(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/**
 * The UI language: a signal, switchable at runtime (everything that reads `t()` or the formatters in a
 * template or `computed` follows), persisted in localStorage, reflected in `<html lang>`. The first
 * value is the stored choice, else the browser's language (French for fr*, else English).
 *
 * Every method reads `locale()`, so calling them from a template or a `computed` re-renders on a switch.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Locale>(this.initialLocale());

  /** 'en' or 'fr'. */
  readonly locale = this.current.asReadonly();

  constructor() {
    this.applyToDocument(this.current());
    // Another tab switched language: follow it.
    const window = this.document.defaultView;
    if (window) {
      const onStorage = (event: StorageEvent) => {
        if (event.key === LOCALE_STORAGE_KEY && isLocale(event.newValue)) this.apply(event.newValue);
      };
      window.addEventListener('storage', onStorage);
      inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', onStorage));
    }
  }

  setLocale(locale: Locale): void {
    this.apply(locale);
    try {
      this.document.defaultView?.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // Storage may be unavailable (privacy mode); the choice then lasts for this page only.
    }
  }

  /** The text for `key` in the current language, with `{name}` placeholders and plural forms (`count`). */
  t(key: TranslationKey, params?: TranslationParams): string {
    return translate(this.current(), key, params);
  }

  /** Whether `key` names a text (for values that may or may not be keys, such as route titles). */
  has(key: string): key is TranslationKey {
    return lookup(DICTIONARIES.en, key) !== undefined;
  }

  formatNumber(value: number): string {
    return formatNumber(value, this.current());
  }

  /** "3:05 PM" / "15:05". */
  formatTime(value: DateInput): string {
    return formatTimeOfDay(value, this.current());
  }

  /** "Today", "Yesterday", "Monday", "Tuesday, March 3" (+ year): day separators. */
  formatDay(value: DateInput, now: DateInput = new Date()): string {
    return formatDayLabel(value, this.current(), now);
  }

  /** "Tuesday, March 3" (+ the year when it is not this year). */
  formatLongDate(value: DateInput, now: DateInput = new Date()): string {
    return formatLongDate(value, this.current(), now);
  }

  /** "Tuesday, March 3, 2026 at 3:05 PM": tooltips on times. */
  formatTimestamp(value: DateInput): string {
    return formatFullTimestamp(value, this.current());
  }

  /** "just now", "5 minutes ago", "yesterday", "il y a 3 heures". */
  formatRelative(value: DateInput, now: DateInput = new Date()): string {
    if (isJustNow(value, now)) return this.t('time.justNow');
    return formatRelativeTime(value, this.current(), now);
  }

  /**
   * For an offline member: "Last seen just now", "Last seen 3 hours ago", "Last seen yesterday",
   * then "Last seen on March 3" after a week. Null when the time is unknown.
   */
  formatLastSeen(value: DateInput | null, now: DateInput = new Date()): string | null {
    if (value === null) return null;
    if (isJustNow(value, now)) return this.t('presence.lastSeenJustNow');
    if (calendarDaysAgo(value, now) < 7) {
      return this.t('presence.lastSeen', { time: formatRelativeTime(value, this.current(), now) });
    }
    return this.t('presence.lastSeenOn', { date: formatShortDate(value, this.current(), now) });
  }

  private apply(locale: Locale): void {
    this.current.set(locale);
    this.applyToDocument(locale);
  }

  private applyToDocument(locale: Locale): void {
    this.document.documentElement.lang = locale;
  }

  private initialLocale(): Locale {
    const window = this.document.defaultView;
    try {
      const stored = window?.localStorage.getItem(LOCALE_STORAGE_KEY);
      if (isLocale(stored)) return stored;
    } catch {
      // No storage: fall through to the browser's language.
    }
    return localeFromLanguageTag(window?.navigator.language);
  }
}

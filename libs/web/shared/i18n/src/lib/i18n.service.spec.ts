import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18nService, LOCALE_STORAGE_KEY, localeFromLanguageTag } from './i18n.service';
import { TranslatePipe } from './translate.pipe';

function setBrowserLanguage(language: string): void {
  Object.defineProperty(window.navigator, 'language', { value: language, configurable: true });
}

describe('I18nService', () => {
  beforeEach(() => {
    localStorage.clear();
    setBrowserLanguage('en-US');
    document.documentElement.lang = '';
  });

  it('maps browser language tags: fr* is French, anything else English', () => {
    expect(localeFromLanguageTag('fr')).toBe('fr');
    expect(localeFromLanguageTag('fr-CA')).toBe('fr');
    expect(localeFromLanguageTag('FR-be')).toBe('fr');
    expect(localeFromLanguageTag('en-GB')).toBe('en');
    expect(localeFromLanguageTag('de')).toBe('en');
    expect(localeFromLanguageTag(undefined)).toBe('en');
  });

  it('starts in the browser’s language when nothing is stored, and sets <html lang>', () => {
    setBrowserLanguage('fr-FR');
    const i18n = TestBed.inject(I18nService);
    expect(i18n.locale()).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
    expect(i18n.t('auth.login.heading')).toBe('Connexion');
  });

  it('prefers the stored choice over the browser’s language', () => {
    setBrowserLanguage('fr-FR');
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    expect(TestBed.inject(I18nService).locale()).toBe('en');
  });

  it('ignores a stored value that is not a supported locale', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'klingon');
    expect(TestBed.inject(I18nService).locale()).toBe('en');
  });

  it('switches at runtime, stores the choice and updates <html lang>', () => {
    const i18n = TestBed.inject(I18nService);
    expect(i18n.t('auth.register.submit')).toBe('Create account');

    i18n.setLocale('fr');

    expect(i18n.locale()).toBe('fr');
    expect(i18n.t('auth.register.submit')).toBe('Créer le compte');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
  });

  it('follows a language switch made in another tab', () => {
    const i18n = TestBed.inject(I18nService);
    window.dispatchEvent(new StorageEvent('storage', { key: LOCALE_STORAGE_KEY, newValue: 'fr' }));
    expect(i18n.locale()).toBe('fr');
  });

  it('knows which strings are keys', () => {
    const i18n = TestBed.inject(I18nService);
    expect(i18n.has('titles.signIn')).toBe(true);
    expect(i18n.has('titles')).toBe(false);
    expect(i18n.has('SUPCHAT')).toBe(false);
  });

  it('formats relative times and "last seen" in the current language', () => {
    const i18n = TestBed.inject(I18nService);
    const now = new Date(2026, 2, 11, 15, 5);
    const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);

    expect(i18n.formatRelative(new Date(now.getTime() - 10_000), now)).toBe('just now');
    expect(i18n.formatLastSeen(minutesAgo(0.2), now)).toBe('Last seen just now');
    expect(i18n.formatLastSeen(minutesAgo(5), now)).toBe('Last seen 5 minutes ago');
    expect(i18n.formatLastSeen(new Date(2026, 2, 10, 9), now)).toBe('Last seen yesterday');
    expect(i18n.formatLastSeen(new Date(2026, 1, 2, 9), now)).toBe('Last seen on February 2');
    expect(i18n.formatLastSeen(null, now)).toBeNull();

    i18n.setLocale('fr');
    expect(i18n.formatRelative(new Date(now.getTime() - 10_000), now)).toBe('à l’instant');
    expect(i18n.formatLastSeen(minutesAgo(5), now)).toBe('Dernière connexion il y a 5 minutes');
    expect(i18n.formatLastSeen(new Date(2026, 1, 2, 9), now)).toBe('Dernière connexion le 2 février');
    expect(i18n.formatDay(new Date(2026, 2, 10, 9), now)).toBe('Hier');
  });
});

@Component({
  selector: 'sc-test-host',
  imports: [TranslatePipe],
  template: `<p>{{ 'typing.single' | t: { name: name() } }}</p>
    <span>{{ 'message.replies' | t: { count: count() } }}</span>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class HostComponent {
  readonly name = signal('Alice');
  readonly count = signal(1);
}

describe('TranslatePipe', () => {
  beforeEach(() => localStorage.clear());

  it('re-renders an OnPush view when the language changes, and when its parameters change', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const text = (selector: string) => fixture.nativeElement.querySelector(selector).textContent.trim();
    expect(text('p')).toBe('Alice is typing…');
    expect(text('span')).toBe('1 reply');

    TestBed.inject(I18nService).setLocale('fr');
    await fixture.whenStable();
    expect(text('p')).toBe('Alice est en train d’écrire…');
    expect(text('span')).toBe('1 réponse');

    fixture.componentInstance.name.set('Bob');
    fixture.componentInstance.count.set(3);
    await fixture.whenStable();
    expect(text('p')).toBe('Bob est en train d’écrire…');
    expect(text('span')).toBe('3 réponses');
  });
});

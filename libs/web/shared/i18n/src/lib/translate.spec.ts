import type { Dictionary } from './dictionaries/en';
import { en } from './dictionaries/en';
import { fr } from './dictionaries/fr';
import { translate } from './translate';

/** Every dotted path of a dictionary, plural forms counted as one leaf. */
function leafPaths(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' || 'other' in (value as object)
      ? [`${prefix}${key}`]
      : leafPaths(value as object, `${prefix}${key}.`),
  );
}

describe('dictionaries', () => {
  it('French has exactly the English keys', () => {
    expect(leafPaths(fr)).toEqual(leafPaths(en));
  });

  it('French translates every text (only names and symbols may stay the same)', () => {
    const allowedSame = new Set([
      'titles.home',
      'home.adminBadge',
      'composer.label',
      'unread.mentions',
      'chat.roles.admin',
      // Symbols, units and technical names that French writes the same way.
      'monitoring.none',
      'monitoring.latency.p50',
      'monitoring.latency.p95',
      'monitoring.latency.p99',
      'monitoring.instances.instance',
      'monitoring.instances.sockets',
      'monitoring.instances.messagesPerSecond',
      'monitoring.instances.rss',
      'monitoring.tester.result.messages',
    ]);
    const same = leafPaths(en).filter(
      (path) => !allowedSame.has(path) && translate('fr', path) === translate('en', path),
    );
    expect(same).toEqual([]);
  });

  it('French keeps every placeholder of the English text', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const path of leafPaths(en)) {
      expect([path, placeholders(translate('fr', path))]).toEqual([
        path,
        placeholders(translate('en', path)),
      ]);
    }
  });

  it('a dictionary with a missing or an extra key does not compile', () => {
    const { common: _common, ...withoutCommon } = fr;
    // @ts-expect-error the `common` namespace is missing
    const incomplete: Dictionary = withoutCommon;
    // @ts-expect-error `bogus` is not an English key
    const extra: Dictionary = { ...fr, language: { label: 'Langue', bogus: 'x' } };
    expect([incomplete, extra]).toHaveLength(2);
  });
});

describe('translate', () => {
  it('looks up dotted keys in the locale', () => {
    expect(translate('en', 'auth.login.submit')).toBe('Sign in');
    expect(translate('fr', 'auth.login.submit')).toBe('Se connecter');
    expect(translate('fr', 'dividers.newMessages')).toBe('Nouveaux messages');
  });

  it('fills in {placeholders}, formats numbers for the locale, and leaves unknown ones', () => {
    expect(translate('en', 'typing.single', { name: 'Alice' })).toBe('Alice is typing…');
    expect(translate('fr', 'typing.single', { name: 'Alice' })).toBe('Alice est en train d’écrire…');
    expect(translate('en', 'composer.remaining', { count: 1234 })).toBe('1,234 characters left');
    expect(translate('fr', 'composer.remaining', { count: 1234 })).toBe('1\u202f234 caractères restants');
    expect(translate('en', 'typing.pair', { first: 'A' })).toBe('A and {second} are typing…');
  });

  it('chooses plural forms with the locale’s rules (French 0 and 1 are singular)', () => {
    expect(translate('en', 'message.replies', { count: 1 })).toBe('1 reply');
    expect(translate('en', 'message.replies', { count: 0 })).toBe('0 replies');
    expect(translate('en', 'message.replies', { count: 2 })).toBe('2 replies');
    expect(translate('fr', 'message.replies', { count: 0 })).toBe('0 réponse');
    expect(translate('fr', 'message.replies', { count: 1 })).toBe('1 réponse');
    expect(translate('fr', 'message.replies', { count: 2 })).toBe('2 réponses');
    // French "many" (1 000 000) has no form of its own here: "other" is used.
    expect(translate('fr', 'message.replies', { count: 1_000_000 })).toBe('1\u202f000\u202f000 réponses');
  });

  it('answers the key itself for an unknown key, and never reads inherited properties', () => {
    expect(translate('fr', 'no.such.key')).toBe('no.such.key');
    expect(translate('en', 'common.constructor')).toBe('common.constructor');
    expect(translate('en', 'common')).toBe('common');
  });
});

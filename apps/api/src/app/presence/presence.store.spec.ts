import { InMemoryPresenceStore } from './presence.store';

describe('InMemoryPresenceStore', () => {
  it('is online while any socket is online and away when every socket is away', async () => {
    const store = new InMemoryPresenceStore();
    expect(await store.addSocket('u', 's1')).toEqual({ previous: 'offline', current: 'online' });
    expect(await store.addSocket('u', 's2')).toEqual({ previous: 'online', current: 'online' });
    expect(await store.setSocketStatus('u', 's1', 'away')).toEqual({ previous: 'online', current: 'online' });
    expect(await store.setSocketStatus('u', 's2', 'away')).toEqual({ previous: 'online', current: 'away' });
    expect(await store.setSocketStatus('u', 's2', 'online')).toEqual({ previous: 'away', current: 'online' });
  });

  it('keeps the last status after the last socket closes until the user expires', async () => {
    const store = new InMemoryPresenceStore();
    await store.addSocket('u', 's1');
    await store.setSocketStatus('u', 's1', 'away');
    expect(await store.removeSocket('u', 's1')).toBe(0);
    expect((await store.statuses(['u'])).get('u')).toBe('away');
    // A reload within the grace period: back online, never offline in between.
    expect(await store.addSocket('u', 's2')).toEqual({ previous: 'away', current: 'online' });
    await store.removeSocket('u', 's2');
    expect(await store.expireIfIdle('u')).toBe(true);
    expect((await store.statuses(['u', 'other'])).get('u')).toBe('offline');
    expect(await store.expireIfIdle('u')).toBe(false);
  });

  it('does not expire a user who reconnected', async () => {
    const store = new InMemoryPresenceStore();
    await store.addSocket('u', 's1');
    await store.removeSocket('u', 's1');
    await store.addSocket('u', 's2');
    expect(await store.expireIfIdle('u')).toBe(false);
    expect((await store.statuses(['u'])).get('u')).toBe('online');
  });
});

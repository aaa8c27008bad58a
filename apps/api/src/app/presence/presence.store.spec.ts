import { describeEachBackend } from '../../testing/shared-state';
import type { PresenceStore } from './presence.store';
import { InMemoryPresenceStore } from './presence.store';
import { RedisPresenceStore } from './presence.store.redis';

describeEachBackend('PresenceStore', (backend) => {
  let store: PresenceStore;

  beforeEach(() => {
    const redis = backend.redis();
    store = redis ? new RedisPresenceStore(redis, 'instance-a') : new InMemoryPresenceStore();
  });

  it('is online while any socket is online and away when every socket is away', async () => {
    expect(await store.addSocket('u', 's1')).toEqual({ previous: 'offline', current: 'online' });
    expect(await store.addSocket('u', 's2')).toEqual({ previous: 'online', current: 'online' });
    expect(await store.setSocketStatus('u', 's1', 'away')).toEqual({ previous: 'online', current: 'online' });
    expect(await store.setSocketStatus('u', 's2', 'away')).toEqual({ previous: 'online', current: 'away' });
    expect(await store.setSocketStatus('u', 's2', 'online')).toEqual({ previous: 'away', current: 'online' });
    // A socket the store does not know changes nothing.
    expect(await store.setSocketStatus('u', 'ghost', 'away')).toEqual({
      previous: 'online',
      current: 'online',
    });
  });

  it('keeps the last status after the last socket closes until the user expires', async () => {
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
    await store.addSocket('u', 's1');
    await store.removeSocket('u', 's1');
    await store.addSocket('u', 's2');
    expect(await store.expireIfIdle('u')).toBe(false);
    expect((await store.statuses(['u'])).get('u')).toBe('online');
  });

  it('hands each due offline to one taker, and a reconnect cancels it', async () => {
    await store.scheduleOffline('u', 1_000);
    await store.scheduleOffline('v', 5_000);
    await store.scheduleOffline('w', 1_500);
    await store.addSocket('w', 's1');
    expect(await store.takeDue(2_000)).toEqual([{ userId: 'u', dueAt: 1_000 }]);
    expect(await store.takeDue(2_000)).toEqual([]);
    await store.cancelOffline('v');
    expect(await store.takeDue(10_000)).toEqual([]);
  });

  it('resyncs to exactly the sockets it is given: missing ones back with their status, stale ones gone', async () => {
    await store.addSocket('u', 'stale'); // closed while the shared state could not hear it
    await store.addSocket('w', 'kept');
    const changes = await store.resync([
      { userId: 'w', socketId: 'kept', status: 'online' },
      { userId: 'v', socketId: 'back', status: 'away' }, // lost with the shared state
    ]);
    expect(new Map(changes.map((change) => [change.userId, [change.previous, change.current]]))).toEqual(
      new Map([
        ['u', ['online', 'online']], // no socket left: lingering, due offline now
        ['w', ['online', 'online']],
        ['v', ['offline', 'away']],
      ]),
    );
    expect(await store.statuses(['u', 'v', 'w'])).toEqual(
      new Map([
        ['u', 'online'],
        ['v', 'away'],
        ['w', 'online'],
      ]),
    );
    expect((await store.takeDue(Date.now() + 1)).map((entry) => entry.userId)).toEqual(['u']);
    expect(await store.removeSocket('v', 'back')).toBe(0);
  });

  if (backend.name === 'redis') {
    it('is shared by instances; the sockets of an instance whose heartbeat lapsed are reaped', async () => {
      const a = store;
      const b = new RedisPresenceStore(backend.connect(), 'instance-b');
      await a.heartbeat();
      await b.heartbeat();
      await a.addSocket('u', 'on-a');
      await b.addSocket('u', 'on-b');
      await b.addSocket('v', 'only-on-b');
      await b.setSocketStatus('v', 'only-on-b', 'away');
      expect(await a.statuses(['u', 'v'])).toEqual(
        new Map([
          ['u', 'online'],
          ['v', 'away'],
        ]),
      );
      // B crashes: its heartbeat lapses (here: removed at once); A reaps what B left.
      await backend.connect().del('supchat:presence:alive:instance-b');
      await a.reapDeadInstances();
      expect(await a.statuses(['u', 'v'])).toEqual(
        new Map([
          ['u', 'online'],
          ['v', 'away'],
        ]),
      );
      // v had no socket left: due to go offline now, showing its last status until then.
      const due = await a.takeDue(Date.now() + 1);
      expect(due.map((entry) => entry.userId)).toEqual(['v']);
      expect(await a.expireIfIdle('v')).toBe(true);
      expect((await a.statuses(['v'])).get('v')).toBe('offline');
      // u still has A's socket.
      expect(await a.removeSocket('u', 'on-a')).toBe(0);
      // Reaping twice is harmless.
      await a.reapDeadInstances();
      expect(await a.takeDue(Date.now() + 1)).toEqual([]);
    });
  }
});

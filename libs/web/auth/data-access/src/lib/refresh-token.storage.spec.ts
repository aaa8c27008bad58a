import { TestBed } from '@angular/core/testing';
import { REFRESH_TOKEN_STORAGE_KEY, RefreshTokenStorage } from './refresh-token.storage';

/**
 * Just enough of IndexedDB for RefreshTokenStorage: one database, one object store, get/put in
 * transactions that complete asynchronously. jsdom has no IndexedDB of its own.
 */
class FakeIndexedDb {
  readonly records = new Map<string, unknown>();
  opened = 0;

  open(): IDBOpenDBRequest {
    this.opened++;
    const records = this.records;
    const database = {
      createObjectStore: () => ({}),
      transaction: () => {
        const transaction: Pick<IDBTransaction, 'oncomplete'> & { objectStore: () => unknown } = {
          oncomplete: null,
          objectStore: () => ({
            get: (key: string) => settleLater(transaction, records.get(key)),
            put: (value: unknown, key: string) => {
              records.set(key, value);
              return settleLater(transaction, key);
            },
          }),
        };
        return transaction;
      },
    };
    const opening = { result: database } as unknown as IDBOpenDBRequest;
    setTimeout(() => {
      opening.onupgradeneeded?.call(opening, new Event('upgradeneeded') as IDBVersionChangeEvent);
      opening.onsuccess?.call(opening, new Event('success'));
    });
    return opening;
  }
}

function settleLater(transaction: Pick<IDBTransaction, 'oncomplete'>, result: unknown): IDBRequest {
  setTimeout(() => transaction.oncomplete?.call(transaction as IDBTransaction, new Event('complete')));
  return { result } as IDBRequest;
}

describe('RefreshTokenStorage', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    delete (window as { indexedDB?: IDBFactory }).indexedDB;
  });

  describe('without IndexedDB (localStorage only)', () => {
    it('writes, reads and clears the token under supchat.refreshToken', async () => {
      const storage = TestBed.inject(RefreshTokenStorage);
      await expect(storage.read()).resolves.toBeNull();

      await storage.write('rt-1');
      expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBe('rt-1');
      await expect(storage.read()).resolves.toBe('rt-1');

      await storage.clear();
      expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBeNull();
      await expect(storage.read()).resolves.toBeNull();
    });
  });

  describe('with IndexedDB', () => {
    let fake: FakeIndexedDb;
    let storage: RefreshTokenStorage;

    beforeEach(() => {
      fake = new FakeIndexedDb();
      Object.defineProperty(window, 'indexedDB', { value: fake, configurable: true });
      storage = TestBed.inject(RefreshTokenStorage);
    });

    it('keeps the authoritative copy in IndexedDB and mirrors it to localStorage', async () => {
      await storage.write('rt-1');
      expect(fake.records.get('refreshToken')).toBe('rt-1');
      expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBe('rt-1');
      expect(fake.opened).toBe(1);
    });

    it('reads IndexedDB, not a localStorage mirror that has not caught up with another tab', async () => {
      await storage.write('rt-1');
      fake.records.set('refreshToken', 'rt-2'); // another tab rotated it; its localStorage write lags
      expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBe('rt-1');

      await expect(storage.read()).resolves.toBe('rt-2');
    });

    it('a cleared token stays cleared even if a stale mirror still has it', async () => {
      await storage.write('rt-1');
      await storage.clear();
      expect(fake.records.get('refreshToken')).toBeNull();
      localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-1'); // the lagging mirror

      await expect(storage.read()).resolves.toBeNull();
    });

    it('uses the localStorage copy when IndexedDB has never held one', async () => {
      localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-from-before');
      await expect(storage.read()).resolves.toBe('rt-from-before');
    });
  });
});

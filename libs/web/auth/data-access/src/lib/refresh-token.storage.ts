import { DOCUMENT, Injectable, inject } from '@angular/core';

/** localStorage key of the refresh token. The access token is never written anywhere: it lives in memory. */
export const REFRESH_TOKEN_STORAGE_KEY = 'supchat.refreshToken';

const DATABASE_NAME = 'supchat-auth';
const STORE_NAME = 'session';
const RECORD_KEY = 'refreshToken';

/**
 * The refresh token between page loads, shared by every tab of the origin.
 *
 * localStorage (key `supchat.refreshToken`) holds it and its `storage` event tells the other tabs
 * when it is removed (sign-out). But Chrome propagates localStorage writes to other tabs
 * asynchronously, so a tab that takes the refresh lock right after another tab released it can still
 * read the token the other tab has just used, and presenting a used token revokes the session
 * (measured in Chromium: two tabs each incrementing a localStorage counter 300 times under a Web Lock
 * ended at 507-525 instead of 600; the same test on IndexedDB ended at 600).
 * IndexedDB transactions do not have that gap, so when IndexedDB is available it is the authoritative
 * copy, written before the lock is released; localStorage mirrors it. Without IndexedDB (jsdom,
 * some private modes) localStorage alone is used.
 */
@Injectable({ providedIn: 'root' })
export class RefreshTokenStorage {
  private readonly view = inject(DOCUMENT).defaultView;
  private readonly local = localStorageOf(this.view);
  private database: Promise<IDBDatabase | null> | null = null;

  /** The current refresh token, or null. */
  async read(): Promise<string | null> {
    const database = await this.openDatabase();
    if (database) {
      try {
        const stored = await request<unknown>(database, 'readonly', (store) => store.get(RECORD_KEY));
        // `undefined`: never written through IndexedDB (first run of this version): use the mirror.
        if (stored !== undefined) return typeof stored === 'string' ? stored : null;
      } catch {
        // Fall back on the mirror.
      }
    }
    return this.readMirror();
  }

  async write(refreshToken: string): Promise<void> {
    await this.store(refreshToken);
    this.writeMirror(refreshToken);
  }

  /** Removes the token; other tabs see the `storage` event and sign out. */
  async clear(): Promise<void> {
    // An explicit null, so that a stale mirror cannot bring the token back.
    await this.store(null);
    this.writeMirror(null);
  }

  private async store(value: string | null): Promise<void> {
    const database = await this.openDatabase();
    if (!database) return;
    try {
      await request(database, 'readwrite', (store) => store.put(value, RECORD_KEY));
    } catch {
      // The mirror still has it.
    }
  }

  private readMirror(): string | null {
    try {
      return this.local?.getItem(REFRESH_TOKEN_STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  }

  private writeMirror(value: string | null): void {
    try {
      if (value === null) this.local?.removeItem(REFRESH_TOKEN_STORAGE_KEY);
      else this.local?.setItem(REFRESH_TOKEN_STORAGE_KEY, value);
    } catch {
      // Not persisted: this tab keeps working until it is reloaded.
    }
  }

  private openDatabase(): Promise<IDBDatabase | null> {
    this.database ??= new Promise<IDBDatabase | null>((resolve) => {
      let factory: IDBFactory | undefined;
      try {
        factory = this.view?.indexedDB;
      } catch {
        factory = undefined;
      }
      if (!factory) {
        resolve(null);
        return;
      }
      try {
        const opening = factory.open(DATABASE_NAME, 1);
        opening.onupgradeneeded = () => opening.result.createObjectStore(STORE_NAME);
        opening.onsuccess = () => {
          // Let a future version of the app (in another tab) upgrade the database.
          opening.result.onversionchange = () => opening.result.close();
          resolve(opening.result);
        };
        opening.onerror = () => resolve(null);
        opening.onblocked = () => resolve(null);
      } catch {
        resolve(null);
      }
    });
    return this.database;
  }
}

/** Runs one request in its own transaction and resolves once the transaction has committed. */
function request<T>(
  database: IDBDatabase,
  mode: IDBTransactionMode,
  operation: (store: IDBObjectStore) => IDBRequest,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const transaction = database.transaction(STORE_NAME, mode);
    const pending = operation(transaction.objectStore(STORE_NAME));
    transaction.oncomplete = () => resolve(pending.result as T);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

function localStorageOf(view: Window | null): Storage | null {
  try {
    return view?.localStorage ?? null;
  } catch {
    return null;
  }
}

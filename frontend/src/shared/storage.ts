// Namespaced key-value storage with an in-memory fallback when localStorage is blocked.

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function createStore(namespace: string, backend?: Storage | null): KeyValueStore {
  const memory = new Map<string, string>();
  let storage: Storage | null = null;
  try {
    storage = backend === undefined ? window.localStorage : backend;
    if (storage) {
      const probe = `${namespace}:__probe`;
      storage.setItem(probe, '1');
      storage.removeItem(probe);
    }
  } catch {
    storage = null;
  }
  const full = (key: string) => `${namespace}:${key}`;
  return {
    get(key) {
      const k = full(key);
      try {
        if (storage) return storage.getItem(k);
      } catch {
        /* fall through to memory */
      }
      return memory.get(k) ?? null;
    },
    set(key, value) {
      const k = full(key);
      memory.set(k, value);
      try {
        storage?.setItem(k, value);
      } catch {
        /* memory copy kept */
      }
    },
    remove(key) {
      const k = full(key);
      memory.delete(k);
      try {
        storage?.removeItem(k);
      } catch {
        /* ignore */
      }
    },
  };
}

export function readJson<T>(store: KeyValueStore, key: string, fallback: T): T {
  const raw = store.get(key);
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

import { useSyncExternalStore } from 'react';
import type { AdminState, AdminStore } from './store';
import type { Translate } from './strings';

export function useAdmin(store: AdminStore): AdminState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** The current language's strings; re-renders the caller when the language changes. */
export function useT(store: AdminStore): Translate {
  useAdmin(store);
  return store.t;
}

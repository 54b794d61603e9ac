import { useSyncExternalStore } from 'react';
import type { AdminState, AdminStore } from './store';

export function useAdmin(store: AdminStore): AdminState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

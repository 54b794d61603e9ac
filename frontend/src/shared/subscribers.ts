// The subscribe half of React's useSyncExternalStore, shared by the widget's and the panel's state.
export class Subscribers {
  private fns = new Set<() => void>();

  subscribe = (fn: () => void): (() => void) => {
    this.fns.add(fn);
    return () => {
      this.fns.delete(fn);
    };
  };

  notify(): void {
    this.fns.forEach((fn) => fn());
  }
}

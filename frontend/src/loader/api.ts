// The JavaScript API: `Parley('open')`, `Parley('on', 'message', fn)`, ... Calls made before the
// script ran wait in `Parley.q` (the snippet's stub); the loader replays them, then answers live.
import type { Attributes, ChatCall, Identity, ParleyEvent } from './bridge';

export interface ParleyFn {
  (command?: unknown, ...args: unknown[]): void;
  q?: ArrayLike<unknown>[];
}

/** What the API drives: the loader's own state (open, listeners) and the chat's calls. */
export interface ApiTarget {
  setOpen(open: boolean | 'toggle'): void;
  on(event: ParleyEvent, fn: (payload: unknown) => void): void;
  chat(call: ChatCall): void;
}

const EVENTS: readonly ParleyEvent[] = ['message', 'open', 'close', 'unread'];
const MAX_ATTRIBUTES = 50;

type Parsed = { ok: true; run: (t: ApiTarget) => void } | { ok: false; why: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalText(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function parseIdentity(v: unknown): Identity | string {
  if (!isPlainObject(v)) return 'identify takes {id, hash, name?, email?}';
  const id = typeof v.id === 'number' && Number.isFinite(v.id) ? String(v.id) : optionalText(v.id);
  const hash = optionalText(v.hash);
  if (!id || !hash) return 'identify needs an id and its hash (HMAC-SHA256 of the id with IDENTITY_SECRET)';
  return { id, hash, name: optionalText(v.name), email: optionalText(v.email) };
}

function parseAttributes(v: unknown): Attributes | string {
  if (!isPlainObject(v)) return 'setAttributes takes an object of {key: string | number | boolean | null}';
  const out: Attributes = {};
  const keys = Object.keys(v);
  if (keys.length > MAX_ATTRIBUTES) return `setAttributes takes at most ${MAX_ATTRIBUTES} keys`;
  for (const k of keys) {
    const value = v[k];
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) return `setAttributes: "${k}" must be a string, number, boolean or null`;
    out[k] = value as Attributes[string];
  }
  return out;
}

/** One call of the API, checked; never throws. */
export function parseCall(command: unknown, args: readonly unknown[]): Parsed {
  switch (command) {
    case 'open':
      return { ok: true, run: (t) => t.setOpen(true) };
    case 'close':
      return { ok: true, run: (t) => t.setOpen(false) };
    case 'toggle':
      return { ok: true, run: (t) => t.setOpen('toggle') };
    case 'logout':
      return { ok: true, run: (t) => t.chat({ name: 'logout' }) };
    case 'identify': {
      const identity = parseIdentity(args[0]);
      if (typeof identity === 'string') return { ok: false, why: identity };
      return { ok: true, run: (t) => t.chat({ name: 'identify', identity }) };
    }
    case 'setAttributes': {
      const attributes = parseAttributes(args[0]);
      if (typeof attributes === 'string') return { ok: false, why: attributes };
      return { ok: true, run: (t) => t.chat({ name: 'setAttributes', attributes }) };
    }
    case 'on': {
      const [event, fn] = args;
      if (!EVENTS.includes(event as ParleyEvent) || typeof fn !== 'function') {
        return { ok: false, why: `on takes one of ${EVENTS.join(', ')} and a function` };
      }
      return { ok: true, run: (t) => t.on(event as ParleyEvent, fn as (payload: unknown) => void) };
    }
    default:
      return { ok: false, why: `unknown command ${JSON.stringify(String(command))}` };
  }
}

/** The real `Parley` function: checks each call, warns about a bad one, never throws. */
export function createParley(target: ApiTarget, warn: (text: string) => void): ParleyFn {
  return function Parley(command?: unknown, ...args: unknown[]): void {
    try {
      const parsed = parseCall(command, args);
      if (parsed.ok) parsed.run(target);
      else warn(`Parley(): ${parsed.why}`);
    } catch (err) {
      warn(`Parley(${JSON.stringify(String(command))}) failed: ${String(err)}`);
    }
  };
}

/** Replays the stub's queued calls (each an `arguments` object) through `parley`, in order. */
export function drain(queue: ArrayLike<unknown>[] | undefined, parley: ParleyFn): void {
  if (!queue || typeof queue.length !== 'number') return;
  for (const args of Array.from(queue)) {
    if (args && typeof args === 'object' && typeof (args as ArrayLike<unknown>).length === 'number') {
      const list = Array.from(args as ArrayLike<unknown>);
      parley(list[0], ...list.slice(1));
    }
  }
}

/** Event listeners of the host page; one that throws is logged and the others still run. */
export class Listeners {
  private map = new Map<ParleyEvent, Set<(payload: unknown) => void>>();

  constructor(private readonly report: (text: string) => void) {}

  add(event: ParleyEvent, fn: (payload: unknown) => void): void {
    let set = this.map.get(event);
    if (!set) this.map.set(event, (set = new Set()));
    set.add(fn);
  }

  emit(event: ParleyEvent, payload: unknown): void {
    for (const fn of this.map.get(event) ?? []) {
      try {
        fn(payload);
      } catch (err) {
        this.report(`a Parley('on', '${event}') callback threw: ${String(err)}`);
      }
    }
  }
}

// The reports page's arithmetic: calendar dates in a time zone, the presets, human durations.
// Dates are plain `YYYY-MM-DD` strings (what the API takes), never Date objects, so no browser
// time zone leaks into a range picked for another.
import type { Lang } from './strings';

export type Preset = 'today' | '7d' | '30d';
export const PRESETS: readonly Preset[] = ['today', '7d', '30d'];
const PRESET_DAYS: Record<Preset, number> = { today: 1, '7d': 7, '30d': 30 };

export interface Range {
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar date it is at `now` in `tz` (an IANA name). */
export function todayIn(tz: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD; formatToParts keeps it independent of that habit anyway.
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `date` moved by `days` calendar days (DST cannot shift a calendar date: the sum is done in UTC). */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A preset as an inclusive range ending today in `tz`: "7 days" is today and the six before it. */
export function presetRange(preset: Preset, tz: string, now: Date = new Date()): Range {
  const to = todayIn(tz, now);
  return { from: shiftDate(to, 1 - PRESET_DAYS[preset]), to };
}

export function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  return shiftDate(s, 0) === s;
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every zone this browser knows, with the given ones (the browser's, UTC) surely among them. */
export function timeZones(...extra: string[]): string[] {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    all = [];
  }
  return [...new Set([...all, 'UTC', ...extra])].sort();
}

/** `?from=&to=&tz=` for /admin/reports and its CSV. */
export function reportQuery(range: Range, tz: string): string {
  return new URLSearchParams({ from: range.from, to: range.to, tz }).toString();
}

/** Seconds as a person reads them: "45s", "12m 5s", "3h 20m", "2d 4h" (Russian units in Russian). */
export function humanDuration(seconds: number, lang: Lang): string {
  const u = lang === 'ru' ? { s: 'с', m: 'мин', h: 'ч', d: 'д' } : { s: 's', m: 'm', h: 'h', d: 'd' };
  const sep = lang === 'ru' ? '\u00a0' : '';
  const part = (n: number, unit: string) => `${n}${sep}${unit}`;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return part(s, u.s);
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${part(m, u.m)} ${part(s % 60, u.s)}` : part(m, u.m);
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${part(h, u.h)} ${part(m % 60, u.m)}` : part(h, u.h);
  const d = Math.floor(h / 24);
  return h % 24 ? `${part(d, u.d)} ${part(h % 24, u.h)}` : part(d, u.d);
}

/** Shade 0..4 of a heat-map cell: 0 for none, then quarters of the busiest hour. */
export function heatLevel(n: number, max: number): number {
  if (n <= 0 || max <= 0) return 0;
  return Math.min(4, Math.ceil((n / max) * 4));
}

/** Monday-first weekday names in `lang` (2024-01-01 was a Monday). */
export function weekdayNames(lang: Lang, style: 'short' | 'long' = 'short'): string[] {
  const f = new Intl.DateTimeFormat(lang, { weekday: style, timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/** A report date for people: "Mon 3 Mar" style in the panel's language. */
export function shortDate(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

// Reads the widget's settings from its own <script> tag. The loader imports this module, so it
// stays tiny: no strings, no React.
import { pickLang } from '../shared/i18n';

export const LANGS = ['en', 'ru'] as const;
export type Lang = (typeof LANGS)[number];

export interface WidgetConfig {
  origin: string;
  title: string | null;
  color: string;
  position: 'left' | 'right';
  lang: Lang;
  /** 'none': no bubble; the host page opens the chat through `Parley('open')`. */
  launcher: 'default' | 'none';
  /** 'none': fetch the chat only when the visitor opens it, never at idle. */
  preload: 'idle' | 'none';
  userId: string | null;
  userName: string | null;
  userHash: string | null;
  guestName: string | null;
  email: string | null;
}

const DEFAULT_COLOR = '#4f46e5';

function safeColor(value: string | null | undefined): string {
  if (!value) return DEFAULT_COLOR;
  const v = value.trim();
  // Only plain colour values: hex, rgb()/hsl(), or a keyword. Nothing that could close the CSS rule.
  if (/^#[0-9a-f]{3,8}$/i.test(v) || /^(rgb|rgba|hsl|hsla)\([\d\s.,%/]+\)$/i.test(v) || /^[a-z]{3,20}$/i.test(v)) return v;
  return DEFAULT_COLOR;
}

export function findScript(doc: Document = document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  const all = doc.querySelectorAll<HTMLScriptElement>('script[src$="widget.js"], script[src*="widget.js?"]');
  return all.length ? all[all.length - 1] : null;
}

export function readConfig(script: HTMLScriptElement | null, pageHref: string = location.href): WidgetConfig {
  const d = script?.dataset ?? {};
  const origin = script?.src ? new URL(script.src, pageHref).origin : new URL(pageHref).origin;
  return {
    origin,
    title: d.title?.trim() || null,
    color: safeColor(d.color),
    position: d.position === 'left' ? 'left' : 'right',
    lang: pickLang(d.lang, LANGS, 'en'),
    launcher: d.launcher === 'none' ? 'none' : 'default',
    preload: d.preload === 'none' ? 'none' : 'idle',
    userId: d.userId || null,
    userName: d.userName || null,
    userHash: d.userHash || null,
    guestName: d.guestName || null,
    email: null,
  };
}

/** Where the chat keeps its session in the page's localStorage (see shared/storage.ts). */
export function storageKey(origin: string, key: string): string {
  return `parley:${origin}:${key}`;
}

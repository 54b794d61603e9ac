// Pure helpers for attachments: on-screen sizes, absolute URLs, one-line summaries.
import type { Attachment } from '../shared/types';

const BOX = 240;

/** The thumbnail's on-screen size: the image's aspect ratio fitted into a 240 px box. */
export function thumbSize(a: Pick<Attachment, 'width' | 'height'>, box = BOX): { width: number; height: number } {
  if (!a.width || !a.height) return { width: box, height: Math.round((box * 3) / 4) };
  const scale = Math.min(1, box / a.width, box / a.height);
  return { width: Math.max(1, Math.round(a.width * scale)), height: Math.max(1, Math.round(a.height * scale)) };
}

/** Attachment paths are on this server; the panel may be served from it or proxied to it. */
export function absolute(origin: string, path: string): string {
  return /^https?:\/\//.test(path) ? path : `${origin}${path}`;
}

/** A message in one line (list previews, alerts, announcements): its text, or the names of its files. */
export function summary(m: { body: string; attachments?: Attachment[] }): string {
  const names = (m.attachments ?? []).map((a) => a.name).join(', ');
  if (!names) return m.body;
  return m.body ? `${m.body} 📎 ${names}` : `📎 ${names}`;
}

export function isImage(a: Attachment): boolean {
  return a.kind === 'image' && Boolean(a.thumbnail_url);
}

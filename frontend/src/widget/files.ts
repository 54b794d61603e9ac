// The visitor's files: each one picked, pasted or dropped uploads at once (so Send only has ids to
// hand over), shows its progress, and can be cancelled or retried. A finished upload keeps its
// server id until it is sent, so a resent message never uploads or attaches anything twice.
// (The panel has its own copy of this idea in src/admin/drafts.ts; widget and admin share no code
// but src/shared.)
import type { Attachment } from '../shared/types';
import { UploadError, type UploadErrorKind, type UploadOptions, type UploadResult } from '../shared/uploads';

/** The contract's limit of `attachment_ids` per message. */
export const MAX_FILES = 10;

export type UploadFn = (file: File, opts: UploadOptions) => Promise<UploadResult>;

export interface FileDraft {
  key: string;
  name: string;
  size: number;
  loaded: number;
  state: 'uploading' | 'done' | 'failed';
  error: UploadErrorKind | null;
  retryAfter: number | null;
  result: UploadResult | null;
}

let seq = 0;

export class FileDrafts {
  items: FileDraft[] = [];
  private files = new Map<string, File>();
  private controllers = new Map<string, AbortController>();

  constructor(
    private readonly uploadFn: UploadFn,
    private readonly onChange: (items: FileDraft[]) => void,
  ) {}

  /** Adds files to the composer; returns how many were left out over the limit. */
  add(files: File[]): number {
    const room = Math.max(0, MAX_FILES - this.items.length);
    const taken = files.slice(0, room);
    const added = taken.map((file): FileDraft => {
      seq += 1;
      const key = `f${Date.now().toString(36)}-${seq}`;
      this.files.set(key, file);
      return { key, name: file.name || 'file', size: file.size, loaded: 0, state: 'uploading', error: null, retryAfter: null, result: null };
    });
    if (added.length) {
      this.items = [...this.items, ...added];
      this.changed();
      for (const d of added) this.start(d.key);
    }
    return files.length - taken.length;
  }

  /** Stops an upload in flight, or takes a file out of the composer. */
  remove(key: string): void {
    this.controllers.get(key)?.abort();
    this.controllers.delete(key);
    this.files.delete(key);
    this.items = this.items.filter((d) => d.key !== key);
    this.changed();
  }

  retry(key: string): void {
    const d = this.items.find((x) => x.key === key);
    if (!d || d.state !== 'failed') return;
    this.patch(key, { state: 'uploading', loaded: 0, error: null, retryAfter: null });
    this.start(key);
  }

  /** Every upload, when all have finished; null while one is busy or failed. */
  ready(): UploadResult[] | null {
    if (this.items.some((d) => d.state !== 'done' || !d.result)) return null;
    return this.items.map((d) => d.result as UploadResult);
  }

  /** After the send went to the outbox: the composer starts empty again. */
  clear(): void {
    this.files.clear();
    this.items = [];
    this.changed();
  }

  /** Sign-out: nothing of this visitor's stays behind, and nothing keeps uploading. */
  reset(): void {
    for (const c of this.controllers.values()) c.abort();
    this.controllers.clear();
    this.clear();
  }

  private start(key: string): void {
    const file = this.files.get(key);
    if (!file) return;
    const ctl = new AbortController();
    this.controllers.set(key, ctl);
    this.uploadFn(file, {
      signal: ctl.signal,
      onProgress: ({ loaded }) => {
        if (this.controllers.get(key) === ctl) this.patch(key, { loaded });
      },
    }).then(
      (result) => {
        if (this.controllers.get(key) !== ctl) return;
        this.controllers.delete(key);
        this.patch(key, { state: 'done', loaded: file.size, result });
      },
      (err: unknown) => {
        if (this.controllers.get(key) !== ctl) return;
        this.controllers.delete(key);
        const e = err instanceof UploadError ? err : null;
        if (e?.kind === 'aborted') return;
        this.patch(key, { state: 'failed', error: e?.kind ?? 'network', retryAfter: e?.retryAfter ?? null });
      },
    );
  }

  private patch(key: string, patch: Partial<FileDraft>): void {
    if (!this.items.some((d) => d.key === key)) return;
    this.items = this.items.map((d) => (d.key === key ? { ...d, ...patch } : d));
    this.changed();
  }

  private changed(): void {
    this.onChange(this.items);
  }
}

/** Worth sending the same bytes again: the connection, the server or the rate limit, not the file. */
export const RETRYABLE: ReadonlySet<UploadErrorKind> = new Set(['network', 'rate', 'other']);

/** Files carried by a paste or a drop (a screenshot pasted from the clipboard is a File too). */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  if (data.files && data.files.length) return Array.from(data.files);
  const out: File[] = [];
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind !== 'file') continue;
    const f = item.getAsFile();
    if (f) out.push(f);
  }
  return out;
}

export function hasFiles(data: DataTransfer | null): boolean {
  return Boolean(data && Array.from(data.types ?? []).includes('Files'));
}

/** Thumbnails in the widget's narrow bubbles fit this box. */
const BOX = 220;

/** A thumbnail's on-screen size from the message's width and height, so nothing moves when it loads. */
export function thumbSize(a: Pick<Attachment, 'width' | 'height'>, box = BOX): { width: number; height: number } {
  if (!a.width || !a.height) return { width: box, height: Math.round((box * 3) / 4) };
  const scale = Math.min(1, box / a.width, box / a.height);
  return { width: Math.max(1, Math.round(a.width * scale)), height: Math.max(1, Math.round(a.height * scale)) };
}

/** Attachment paths are on the chat server, never on the host page's origin. */
export function absolute(origin: string, path: string): string {
  return /^https?:\/\//.test(path) ? path : `${origin}${path}`;
}

export function isImage(a: Attachment): boolean {
  return a.kind === 'image' && Boolean(a.thumbnail_url);
}

/** A message in one line (the unread preview, announcements): its text, or the names of its files. */
export function summary(m: { body: string; attachments?: Attachment[] }): string {
  const names = (m.attachments ?? []).map((a) => a.name).join(', ');
  if (!names) return m.body;
  return m.body ? `${m.body} 📎 ${names}` : `📎 ${names}`;
}

// Files picked, pasted or dropped into a chat's composer: each uploads at once (so Send only has
// ids to hand over), shows its progress, and can be cancelled or retried. A finished upload keeps
// its server id until it is sent, so a retried send never uploads or attaches twice.
import type { UploadErrorKind, UploadOptions, UploadResult } from '../shared/uploads';
import { UploadError } from '../shared/uploads';

export const MAX_FILES = 10;

export type UploadFn = (file: File, opts: UploadOptions) => Promise<UploadResult>;

export interface Draft {
  key: string;
  chatId: number;
  name: string;
  size: number;
  isImage: boolean;
  loaded: number;
  state: 'uploading' | 'done' | 'failed';
  error: UploadErrorKind | null;
  retryAfter: number | null;
  result: UploadResult | null;
  /** A local preview of an image, while it is in the composer. */
  preview: string | null;
}

let seq = 0;

const PREVIEW_PX = 64;

/**
 * A small preview of an image as a data: URL: the panel's Content-Security-Policy allows data:
 * images but not blob: ones, and a 64 px copy is cheap to keep. Null where the browser cannot
 * decode it (SVG, a broken file, or no canvas at all, as in tests).
 */
async function previewOf(file: File): Promise<string | null> {
  if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function' || typeof document === 'undefined') return null;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, PREVIEW_PX / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return canvas.toDataURL('image/png');
  } catch {
    return null;
  }
}

export class Drafts {
  items: Draft[] = [];
  private files = new Map<string, File>();
  private controllers = new Map<string, AbortController>();

  constructor(
    private readonly uploadFn: UploadFn,
    private readonly onChange: (items: Draft[]) => void,
  ) {}

  forChat(chatId: number): Draft[] {
    return this.items.filter((d) => d.chatId === chatId);
  }

  /** Adds files to a chat's composer; returns how many were left out over the limit of ten. */
  add(chatId: number, files: File[]): number {
    const room = Math.max(0, MAX_FILES - this.forChat(chatId).length);
    const taken = files.slice(0, room);
    const added = taken.map((file): Draft => {
      seq += 1;
      const key = `d${Date.now().toString(36)}-${seq}`;
      this.files.set(key, file);
      return {
        key,
        chatId,
        name: file.name || 'file',
        size: file.size,
        isImage: file.type.startsWith('image/'),
        loaded: 0,
        state: 'uploading',
        error: null,
        retryAfter: null,
        result: null,
        preview: null,
      };
    });
    if (added.length) {
      this.items = [...this.items, ...added];
      this.changed();
      added.forEach((d) => {
        this.start(d.key);
        const file = this.files.get(d.key);
        if (file) void previewOf(file).then((preview) => preview && this.items.some((x) => x.key === d.key) && this.patch(d.key, { preview }));
      });
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

  /** The uploads of a chat, when every one of them has finished; null while any is busy or failed. */
  ready(chatId: number): UploadResult[] | null {
    const list = this.forChat(chatId);
    if (list.some((d) => d.state !== 'done' || !d.result)) return null;
    return list.map((d) => d.result as UploadResult);
  }

  /** After the send went to the outbox: the composer starts empty again. */
  clear(chatId: number): void {
    for (const d of this.forChat(chatId)) this.files.delete(d.key);
    this.items = this.items.filter((d) => d.chatId !== chatId);
    this.changed();
  }

  /** Sign-out: nothing of this account's stays behind. */
  reset(): void {
    for (const c of this.controllers.values()) c.abort();
    this.controllers.clear();
    this.files.clear();
    this.items = [];
    this.changed();
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

  private patch(key: string, patch: Partial<Draft>): void {
    this.items = this.items.map((d) => (d.key === key ? { ...d, ...patch } : d));
    this.changed();
  }

  private changed(): void {
    this.onChange(this.items);
  }
}

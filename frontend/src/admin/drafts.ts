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

function previewOf(file: File): string | null {
  if (!file.type.startsWith('image/') || typeof URL.createObjectURL !== 'function') return null;
  return URL.createObjectURL(file);
}

function dropPreview(d: Draft): void {
  if (d.preview && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(d.preview);
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
        preview: previewOf(file),
      };
    });
    if (added.length) {
      this.items = [...this.items, ...added];
      this.changed();
      added.forEach((d) => this.start(d.key));
    }
    return files.length - taken.length;
  }

  /** Stops an upload in flight, or takes a file out of the composer. */
  remove(key: string): void {
    this.controllers.get(key)?.abort();
    this.controllers.delete(key);
    this.files.delete(key);
    const gone = this.items.find((d) => d.key === key);
    if (gone) dropPreview(gone);
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
    for (const d of this.forChat(chatId)) {
      dropPreview(d);
      this.files.delete(d.key);
    }
    this.items = this.items.filter((d) => d.chatId !== chatId);
    this.changed();
  }

  /** Sign-out: nothing of this account's stays behind. */
  reset(): void {
    for (const c of this.controllers.values()) c.abort();
    this.controllers.clear();
    this.items.forEach(dropPreview);
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

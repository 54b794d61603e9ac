// One file up to POST /api/v1/uploads, shared by the widget's paperclip and the panel's composer.
// XHR rather than fetch because only XHR reports upload progress; the body is the raw File (the
// server decides the type from the bytes, so no multipart wrapper and no trust in the name).

export interface UploadResult {
  id: string;
  name: string;
  size: number;
  content_type: string;
  kind: 'image' | 'file';
  width: number | null;
  height: number | null;
}

/**
 * too_big 413, not_allowed 415, invalid 422, rate 429, forbidden 403 (a blocked customer),
 * auth 401, network (the connection dropped or the server failed: try again), aborted (cancelled).
 */
export type UploadErrorKind =
  | 'too_big'
  | 'not_allowed'
  | 'invalid'
  | 'rate'
  | 'forbidden'
  | 'auth'
  | 'network'
  | 'aborted'
  | 'other';

export class UploadError extends Error {
  constructor(
    readonly kind: UploadErrorKind,
    readonly status: number,
    message: string,
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'UploadError';
  }

  /** Worth sending the same file again as it is (not a verdict on the file itself). */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'rate';
  }
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** The part of XMLHttpRequest used here, so tests can hand in a fake. */
export interface UploadXhr {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  getResponseHeader(name: string): string | null;
  readonly status: number;
  readonly responseText: string;
  responseType: XMLHttpRequestResponseType;
  onload: ((ev: ProgressEvent) => void) | null;
  onerror: ((ev: ProgressEvent) => void) | null;
  onabort: ((ev: ProgressEvent) => void) | null;
  ontimeout: ((ev: ProgressEvent) => void) | null;
  readonly upload: { onprogress: ((ev: ProgressEvent) => void) | null };
}

export interface UploadOptions {
  onProgress?: (p: UploadProgress) => void;
  signal?: AbortSignal;
  createXhr?: () => UploadXhr;
}

const KIND_BY_STATUS: Record<number, UploadErrorKind> = {
  401: 'auth',
  403: 'forbidden',
  413: 'too_big',
  415: 'not_allowed',
  422: 'invalid',
  429: 'rate',
};

function errorKind(status: number): UploadErrorKind {
  if (status === 0 || status >= 500) return 'network';
  return KIND_BY_STATUS[status] ?? 'other';
}

function detailOf(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && 'detail' in body) {
      const d = (body as { detail: unknown }).detail;
      if (typeof d === 'string') return d;
    }
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return '';
}

function retryAfterOf(xhr: UploadXhr): number | null {
  const raw = xhr.getResponseHeader('Retry-After');
  return raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw) : null;
}

export function uploadUrl(origin: string, name: string): string {
  return `${origin}/api/v1/uploads?${new URLSearchParams({ name }).toString()}`;
}

export function upload(origin: string, token: string | null, file: File, opts: UploadOptions = {}): Promise<UploadResult> {
  return new Promise<UploadResult>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new UploadError('aborted', 0, 'cancelled'));
      return;
    }
    const xhr: UploadXhr = opts.createXhr ? opts.createXhr() : new XMLHttpRequest();
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbortSignal);
      fn();
    };
    const onAbortSignal = () => {
      xhr.abort();
      finish(() => reject(new UploadError('aborted', 0, 'cancelled')));
    };
    opts.signal?.addEventListener('abort', onAbortSignal);

    xhr.open('POST', uploadUrl(origin, file.name));
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    // The server ignores it; a neutral type keeps the request from claiming anything about the bytes.
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (ev) => {
      const total = ev.lengthComputable ? ev.total : file.size;
      opts.onProgress?.({ loaded: ev.loaded, total });
    };
    xhr.onload = () => {
      const status = xhr.status;
      if (status === 200 || status === 201) {
        try {
          const result = JSON.parse(xhr.responseText) as UploadResult;
          opts.onProgress?.({ loaded: file.size, total: file.size });
          finish(() => resolve(result));
        } catch {
          finish(() => reject(new UploadError('network', status, 'unreadable reply')));
        }
        return;
      }
      const kind = errorKind(status);
      const detail = detailOf(xhr.responseText) || `HTTP ${status}`;
      finish(() => reject(new UploadError(kind, status, detail, kind === 'rate' ? retryAfterOf(xhr) : null)));
    };
    xhr.onerror = () => finish(() => reject(new UploadError('network', 0, 'connection lost')));
    xhr.ontimeout = () => finish(() => reject(new UploadError('network', 0, 'timed out')));
    xhr.onabort = () => finish(() => reject(new UploadError('aborted', 0, 'cancelled')));
    xhr.send(file);
  });
}

const UNITS: Record<'en' | 'ru', string[]> = {
  en: ['B', 'KB', 'MB', 'GB'],
  ru: ['Б', 'КБ', 'МБ', 'ГБ'],
};

/** A human size for a file chip or a download link: "740 B", "1.5 MB" / "1,5 МБ". */
export function formatFileSize(bytes: number, lang: 'en' | 'ru' = 'en'): string {
  const units = UNITS[lang];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const text = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(value);
  return `${text} ${units[unit]}`;
}

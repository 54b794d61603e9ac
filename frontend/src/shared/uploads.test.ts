import { describe, expect, it } from 'vitest';
import { formatFileSize, upload, UploadError, type UploadProgress, type UploadXhr } from './uploads';

type Handler = ((ev: ProgressEvent) => void) | null;

/** Records what the upload asked for; the test plays the server by calling respond/fail/progress. */
class FakeXhr implements UploadXhr {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: Blob | null = null;
  aborted = false;
  status = 0;
  responseText = '';
  responseType: XMLHttpRequestResponseType = '';
  responseHeaders: Record<string, string> = {};
  onload: Handler = null;
  onerror: Handler = null;
  onabort: Handler = null;
  ontimeout: Handler = null;
  upload: { onprogress: Handler } = { onprogress: null };

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: Blob) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.(new ProgressEvent('abort'));
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name] ?? null;
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.(new ProgressEvent('progress', { loaded, total, lengthComputable: true }));
  }
  respond(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.responseHeaders = headers;
    this.onload?.(new ProgressEvent('load'));
  }
  drop() {
    this.onerror?.(new ProgressEvent('error'));
  }
}

const png = () => new File([new Uint8Array(2048)], 'screen shot & co.png', { type: 'image/png' });
const reply = { id: 'att1', name: 'screen shot & co.png', size: 2048, content_type: 'image/png', kind: 'image', width: 8, height: 8 };

function start(file = png(), signal?: AbortSignal) {
  const xhr = new FakeXhr();
  const progress: UploadProgress[] = [];
  const promise = upload('http://chat.test', 'tok', file, { createXhr: () => xhr, signal, onProgress: (p) => progress.push(p) });
  return { xhr, progress, promise };
}

async function failure(promise: Promise<unknown>): Promise<UploadError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof UploadError) return err;
    throw err;
  }
  throw new Error('the upload succeeded');
}

describe('upload', () => {
  it('sends the raw file with its name in the query and the bearer token', async () => {
    const file = png();
    const { xhr, promise } = start(file);
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('http://chat.test/api/v1/uploads?name=screen+shot+%26+co.png');
    expect(xhr.headers.Authorization).toBe('Bearer tok');
    expect(xhr.body).toBe(file);
    xhr.respond(201, reply);
    await expect(promise).resolves.toEqual(reply);
  });

  it('reports progress as the bytes go, and the whole file at the end', async () => {
    const { xhr, progress, promise } = start();
    xhr.progress(512, 2048);
    xhr.progress(1536, 2048);
    xhr.respond(201, reply);
    await promise;
    expect(progress).toEqual([
      { loaded: 512, total: 2048 },
      { loaded: 1536, total: 2048 },
      { loaded: 2048, total: 2048 },
    ]);
  });

  it('cancels through the AbortSignal: the request is aborted and the promise says so', async () => {
    const ctl = new AbortController();
    const { xhr, promise } = start(png(), ctl.signal);
    xhr.progress(100, 2048);
    ctl.abort();
    const err = await failure(promise);
    expect(xhr.aborted).toBe(true);
    expect(err.kind).toBe('aborted');
    expect(err.retryable).toBe(false);
  });

  it('never starts when the signal is already aborted', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const { xhr, promise } = start(png(), ctl.signal);
    expect((await failure(promise)).kind).toBe('aborted');
    expect(xhr.method).toBe('');
  });

  it.each([
    [413, 'too_big', false],
    [415, 'not_allowed', false],
    [422, 'invalid', false],
    [403, 'forbidden', false],
    [401, 'auth', false],
    [502, 'network', true],
    [418, 'other', false],
  ] as const)('maps HTTP %i to %s (retryable: %s) with the server reason', async (status, kind, retryable) => {
    const { xhr, promise } = start();
    xhr.respond(status, { detail: `reason ${status}` });
    const err = await failure(promise);
    expect(err.kind).toBe(kind);
    expect(err.status).toBe(status);
    expect(err.retryable).toBe(retryable);
    expect(err.message).toBe(`reason ${status}`);
  });

  it('keeps Retry-After for a 429', async () => {
    const { xhr, promise } = start();
    xhr.respond(429, { detail: 'slow down' }, { 'Retry-After': '7' });
    const err = await failure(promise);
    expect(err.kind).toBe('rate');
    expect(err.retryAfter).toBe(7);
    expect(err.retryable).toBe(true);
  });

  it('treats a dropped connection as retryable', async () => {
    const { xhr, promise } = start();
    xhr.progress(1000, 2048);
    xhr.drop();
    const err = await failure(promise);
    expect(err.kind).toBe('network');
    expect(err.retryable).toBe(true);
  });

  it('says HTTP status when the error page is not JSON', async () => {
    const { xhr, promise } = start();
    xhr.respond(413, '<html>too large</html>');
    const err = await failure(promise);
    expect(err.kind).toBe('too_big');
    expect(err.message).toBe('HTTP 413');
  });
});

describe('formatFileSize', () => {
  it('writes sizes for people, in English and Russian', () => {
    expect(formatFileSize(740)).toBe('740 B');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(1536, 'ru')).toBe('1,5 КБ');
    expect(formatFileSize(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatFileSize(3 * 1024 * 1024 + 300 * 1024, 'ru')).toBe('3,3 МБ');
  });
});

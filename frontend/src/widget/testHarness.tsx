// Shared set-up for the widget's Vitest suites: a controller on a fake fetch and a fake socket,
// rendered, with the server's side played by the test. Imported by *.test.tsx only.
import { act, render, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { chat, FakeWebSocket, fakeFetch, message, user } from '../test-utils';
import { upload, type UploadXhr } from '../shared/uploads';
import type { Chat, Message, User } from '../shared/types';
import type { WidgetConfig } from './config';
import { WidgetController, type ControllerDeps } from './controller';
import { Widget } from './Widget';

export const ORIGIN = 'http://chat.test';
export const guest: User = { ...user(50), display_name: 'Guest 50' };
export const admin: User = user(1, 'admin', 'Alice');

export function config(extra: Partial<WidgetConfig> = {}): WidgetConfig {
  return {
    origin: ORIGIN,
    title: 'Fern & Clay',
    color: '#0f766e',
    position: 'right',
    lang: 'en',
    launcher: 'default',
    preload: 'idle',
    userId: null,
    userName: null,
    userHash: null,
    guestName: null,
    email: null,
    ...extra,
  };
}

export type Routes = Parameters<typeof fakeFetch>[0];

export function setup(cfg = config(), routes: Routes = {}, deps: ControllerDeps = {}) {
  const api = fakeFetch({
    'POST /auth/guest': () => ({ status: 201, body: { access_token: 'guest-token', token_type: 'bearer', expires_in: 3600, user: guest } }),
    'GET /widget/session': () => ({ status: 200, body: { user: guest, chat: null } }),
    ...routes,
  });
  const controller = new WidgetController(cfg, {
    fetchImpl: api.impl,
    createSocket: FakeWebSocket.factory,
    storage: window.localStorage,
    isVisible: () => true,
    win: null,
    ...deps,
  });
  render(<Widget controller={controller} />);
  return { controller, api };
}

/** A returning visitor: a stored token, the session's chat and its history. */
export function returning(c: Chat = chat(9, guest, admin), items: Message[] = [message(100, 9, guest, 'hi')], extra: Record<string, unknown> = {}): Routes {
  window.localStorage.setItem(`parley:${ORIGIN}:token`, 'saved');
  return {
    'GET /widget/session': () => ({ status: 200, body: { user: guest, chat: c, ...extra } }),
    'GET /chats/9/messages': () => ({ status: 200, body: { items, has_more: false } }),
  };
}

export async function serverAccepts(u: User = guest, adminsOnline = 1): Promise<FakeWebSocket> {
  await waitFor(() => expect(FakeWebSocket.instances.length).toBeGreaterThan(0));
  const ws = FakeWebSocket.last;
  await act(async () => {
    ws.open();
    ws.acceptAuth(u, adminsOnline);
    await Promise.resolve();
  });
  return ws;
}

type Handler = ((ev: ProgressEvent) => void) | null;

/** An XMLHttpRequest double for POST /uploads: the test answers, reports progress or drops it. */
export class FakeXhr implements UploadXhr {
  static all: FakeXhr[] = [];
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

  constructor() {
    FakeXhr.all.push(this);
  }
  static reset(): void {
    FakeXhr.all = [];
  }
  static get last(): FakeXhr {
    const x = FakeXhr.all[FakeXhr.all.length - 1];
    if (!x) throw new Error('no upload was started');
    return x;
  }
  open(_method: string, url: string) {
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
    this.responseText = JSON.stringify(body);
    this.responseHeaders = headers;
    this.onload?.(new ProgressEvent('load'));
  }
  drop() {
    this.onerror?.(new ProgressEvent('error'));
  }
}

/** The real upload (shared/uploads.ts) over the fake XHR. */
export const fakeUploads: ControllerDeps['uploadFn'] = (token, file, opts) => upload(ORIGIN, token, file, { ...opts, createXhr: () => new FakeXhr() });

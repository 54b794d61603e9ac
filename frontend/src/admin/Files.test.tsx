// Files in the panel (issue 13): the composer's uploads and the timeline's thumbnails, links and lightbox.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { chat, FakeWebSocket, fakeFetch, message, user } from '../test-utils';
import type { Attachment, Chat, Message } from '../shared/types';
import { UploadError, type UploadOptions, type UploadResult } from '../shared/uploads';
import { App } from './App';
import { summary, thumbSize } from './files';
import { AdminStore } from './store';

const ORIGIN = 'http://admin.test';
const me = { ...user(1, 'admin', 'Alice'), username: 'admin' };
const mina = { ...user(102), display_name: 'Mina' };

function mineChat(): Chat {
  const c = chat(12, mina, me, { updated_at: new Date().toISOString() });
  c.last_message = message(300, 12, mina, 'thanks!');
  return c;
}

/** Plays the upload endpoint: each call waits until the test settles it. */
class FakeUploads {
  calls: { file: File; opts: UploadOptions; resolve: (r: UploadResult) => void; reject: (e: unknown) => void }[] = [];
  fn = (file: File, opts: UploadOptions) =>
    new Promise<UploadResult>((resolve, reject) => {
      opts.signal?.addEventListener('abort', () => reject(new UploadError('aborted', 0, 'cancelled')));
      this.calls.push({ file, opts, resolve, reject });
    });
  progress(i: number, loaded: number) {
    act(() => this.calls[i].opts.onProgress?.({ loaded, total: this.calls[i].file.size }));
  }
  async finish(i: number, id: string) {
    const f = this.calls[i].file;
    await act(async () =>
      this.calls[i].resolve({ id, name: f.name, size: f.size, content_type: f.type, kind: f.type.startsWith('image/') ? 'image' : 'file', width: null, height: null }),
    );
  }
  async fail(i: number, err: UploadError) {
    await act(async () => this.calls[i].reject(err));
  }
}

function image(id: string, name: string, width = 800, height = 600): Attachment {
  return {
    id,
    name,
    size: 123_456,
    content_type: 'image/png',
    kind: 'image',
    width,
    height,
    url: `/api/v1/attachments/${id}?sig=s`,
    thumbnail_url: `/api/v1/attachments/${id}/thumbnail?sig=s`,
  };
}

const invoice: Attachment = {
  id: 'f1',
  name: 'invoice <March>.pdf',
  size: 1536,
  content_type: 'application/pdf',
  kind: 'file',
  width: null,
  height: null,
  url: '/api/v1/attachments/f1?sig=x',
  thumbnail_url: null,
};

function setup(history: Message[] = [message(299, 12, mina, 'hello')]) {
  const uploads = new FakeUploads();
  const api = fakeFetch({
    'GET /me': () => ({ status: 200, body: me }),
    'GET /me/availability': () => ({ status: 200, body: { status: 'online' } }),
    'GET /chats': (call) => {
      const scope = new URLSearchParams(call.path.split('?')[1]).get('scope');
      return { status: 200, body: { items: scope === 'mine' || scope === 'all' ? [mineChat()] : [], next_before: null } };
    },
    'POST /chats/12/open': () => ({ status: 200, body: mineChat() }),
    'GET /chats/12/messages': () => ({ status: 200, body: { items: history, has_more: false } }),
  });
  window.localStorage.setItem(`parley:${ORIGIN}:admin:token`, 'admin-token');
  const store = new AdminStore({
    origin: ORIGIN,
    fetchImpl: api.impl,
    createSocket: FakeWebSocket.factory,
    storage: window.localStorage,
    alerts: { beep: () => undefined, notify: () => undefined },
    upload: uploads.fn,
  });
  render(<App store={store} />);
  return { store, uploads, api };
}

async function openMina(store: AdminStore) {
  await act(() => store.init());
  const ws = FakeWebSocket.last;
  act(() => {
    ws.open();
    ws.acceptAuth(me, 1);
  });
  await userEvent.click(within(screen.getByRole('region', { name: /Mine/ })).getByRole('link', { name: /Mina/ }));
  await within(await screen.findByRole('log', { name: 'Messages' })).findByText('hello');
  return ws;
}

const png = (name = 'screenshot.png') => new File([new Uint8Array(4000)], name, { type: 'image/png' });
const pdf = () => new File([new Uint8Array(2000)], 'report.pdf', { type: 'application/pdf' });

beforeEach(() => {
  FakeWebSocket.reset();
  window.localStorage.clear();
  window.history.replaceState(null, '', '/admin');
});

describe('composer files', () => {
  it('attaches from the paperclip, shows progress, and sends the upload ids with an empty body', async () => {
    const { store, uploads } = setup();
    const ws = await openMina(store);
    const clip = screen.getByRole('button', { name: 'Attach files' });
    expect(clip.tagName).toBe('BUTTON');
    await userEvent.upload(screen.getByTestId('file-input'), pdf());
    expect(uploads.calls).toHaveLength(1);
    const chips = screen.getByRole('list', { name: 'Files to send' });
    expect(within(chips).getByText('report.pdf')).toBeInTheDocument();
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toBeDisabled();
    uploads.progress(0, 1000);
    expect(within(chips).getByRole('progressbar', { name: 'Uploading report.pdf' })).toHaveAttribute('value', '50');
    await uploads.finish(0, 'up-1');
    expect(within(chips).getByText(/Ready/)).toBeInTheDocument();
    expect(send).toBeEnabled();
    await userEvent.click(send);
    const frame = ws.lastRequest('message.send');
    expect(frame.params).toMatchObject({ chat_id: 12, body: '', attachment_ids: ['up-1'] });
    expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull();
    // The pending row names the file until the server confirms.
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(within(log).getByText('report.pdf').closest('.msg')).toHaveClass('pending');
  });

  it('takes a pasted screenshot and a drop onto the chat as files, leaving pasted text alone', async () => {
    const { store, uploads } = setup();
    await openMina(store);
    const box = screen.getByRole('textbox', { name: 'Reply' });
    fireEvent.paste(box, { clipboardData: { files: [png()], items: [], types: ['Files'] } });
    expect(uploads.calls.map((c) => c.file.name)).toEqual(['screenshot.png']);
    const plain = fireEvent.paste(box, { clipboardData: { files: [], items: [], types: ['text/plain'] } });
    expect(plain).toBe(true); // not prevented: the text goes into the box
    const view = screen.getByRole('region', { name: 'Chat with Mina' });
    const dt = { files: [pdf()], items: [], types: ['Files'], dropEffect: 'none' };
    fireEvent.dragEnter(view, { dataTransfer: dt });
    expect(screen.getByText('Drop files to attach them')).toBeInTheDocument();
    fireEvent.drop(view, { dataTransfer: dt });
    expect(screen.queryByText('Drop files to attach them')).toBeNull();
    expect(uploads.calls.map((c) => c.file.name)).toEqual(['screenshot.png', 'report.pdf']);
    expect(within(screen.getByRole('list', { name: 'Files to send' })).getAllByRole('listitem')).toHaveLength(2);
  });

  it('says plainly when a file is too big or not allowed, and offers no retry for those', async () => {
    const { store, uploads } = setup();
    await openMina(store);
    await userEvent.upload(screen.getByTestId('file-input'), [pdf(), png('page.svg')]);
    await uploads.fail(0, new UploadError('too_big', 413, 'too large'));
    await uploads.fail(1, new UploadError('not_allowed', 415, 'type'));
    const chips = screen.getByRole('list', { name: 'Files to send' });
    expect(within(chips).getByText('Too big to send')).toBeInTheDocument();
    expect(within(chips).getByText('This type of file cannot be sent')).toBeInTheDocument();
    expect(within(chips).queryByRole('button', { name: /Retry/ })).toBeNull();
    await userEvent.type(screen.getByRole('textbox', { name: 'Reply' }), 'see attached');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    await userEvent.click(within(chips).getByRole('button', { name: 'Remove report.pdf' }));
    await userEvent.click(within(chips).getByRole('button', { name: 'Remove page.svg' }));
    expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled();
  });

  it('retries an upload cut by a dropped connection, and cancels one in flight', async () => {
    const { store, uploads } = setup();
    await openMina(store);
    await userEvent.upload(screen.getByTestId('file-input'), [pdf(), png()]);
    await uploads.fail(0, new UploadError('network', 0, 'connection lost'));
    const chips = screen.getByRole('list', { name: 'Files to send' });
    expect(within(chips).getByText('Connection lost')).toBeInTheDocument();
    await userEvent.click(within(chips).getByRole('button', { name: 'Retry upload of report.pdf' }));
    expect(uploads.calls).toHaveLength(3);
    expect(uploads.calls[2].file.name).toBe('report.pdf');
    await userEvent.click(within(chips).getByRole('button', { name: 'Cancel upload of screenshot.png' }));
    expect(uploads.calls[1].opts.signal?.aborted).toBe(true);
    expect(within(chips).queryByText('screenshot.png')).toBeNull();
    await uploads.finish(2, 'up-9');
    expect(within(chips).getByText(/Ready/)).toBeInTheDocument();
  });

  it('resends text and files after a dropped socket with the same client_msg_id and upload ids', async () => {
    const { store, uploads } = setup();
    const ws = await openMina(store);
    await userEvent.upload(screen.getByTestId('file-input'), pdf());
    await uploads.finish(0, 'up-1');
    await userEvent.type(screen.getByRole('textbox', { name: 'Reply' }), 'here it is{Enter}');
    const first = ws.lastRequest('message.send').params;
    act(() => ws.serverClose(1006));
    await act(async () => {
      await new Promise((r) => setTimeout(r, 1100));
    });
    const ws2 = FakeWebSocket.last;
    expect(ws2).not.toBe(ws);
    act(() => {
      ws2.open();
      ws2.acceptAuth(me, 1);
    });
    await waitFor(() => expect(ws2.requests('message.send')).toHaveLength(1));
    expect(ws2.lastRequest('message.send').params).toEqual(first);
    expect(first).toMatchObject({ body: 'here it is', attachment_ids: ['up-1'] });
    expect(uploads.calls).toHaveLength(1);
  });

  it('attaches files to a note the same way', async () => {
    const { store, uploads } = setup();
    const ws = await openMina(store);
    await userEvent.click(screen.getByRole('button', { name: /Note/ }));
    await userEvent.upload(screen.getByTestId('file-input'), png());
    await uploads.finish(0, 'up-2');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(ws.lastRequest('message.send').params).toMatchObject({ kind: 'note', body: '', attachment_ids: ['up-2'] });
  });
});

describe('timeline files', () => {
  const withFiles = [
    message(299, 12, mina, 'hello'),
    { ...message(300, 12, mina, ''), attachments: [image('a1', 'error <1>.png', 1600, 900), invoice] },
    { ...message(301, 12, me, 'and this one'), attachments: [image('a2', 'second.png', 300, 500)] },
  ];

  it('shows images as sized thumbnails with the file name as alt, and files as download links with a size', async () => {
    const { store } = setup(withFiles);
    await openMina(store);
    const log = screen.getByRole('log', { name: 'Messages' });
    const img = within(log).getByRole('img', { name: 'error <1>.png' });
    expect(img).toHaveAttribute('src', `${ORIGIN}/api/v1/attachments/a1/thumbnail?sig=s`);
    expect(img).toHaveAttribute('width', '240');
    expect(img).toHaveAttribute('height', '135');
    const link = within(log).getByRole('link', { name: /invoice <March>\.pdf/ });
    expect(link).toHaveAttribute('href', `${ORIGIN}/api/v1/attachments/f1?sig=x`);
    expect(link).toHaveTextContent('1.5 KB');
    expect(link.innerHTML).toContain('invoice &lt;March&gt;.pdf');
  });

  it('opens an image full size in a dialog, moves with the arrows, closes on Esc and gives focus back', async () => {
    const { store } = setup(withFiles);
    await openMina(store);
    const open = screen.getByRole('button', { name: 'Open image error <1>.png full size' });
    await userEvent.click(open);
    const dialog = screen.getByRole('dialog', { name: /error <1>\.png/ });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(within(dialog).getByRole('img', { name: 'error <1>.png' })).toHaveAttribute('src', `${ORIGIN}/api/v1/attachments/a1?sig=s`);
    expect(within(dialog).getByText('1 of 2')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('dialog', { name: /second\.png/ })).toBeInTheDocument();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('dialog', { name: /error <1>\.png/ })).toBeInTheDocument();
    // Tab stays inside the dialog.
    for (let i = 0; i < 6; i++) {
      await userEvent.tab();
      expect(screen.getByRole('dialog').contains(document.activeElement)).toBe(true);
    }
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(open).toHaveFocus();
  });
});

describe('thumbSize', () => {
  it('fits the aspect ratio into 240 px and never enlarges', () => {
    expect(thumbSize({ width: 1600, height: 900 })).toEqual({ width: 240, height: 135 });
    expect(thumbSize({ width: 300, height: 600 })).toEqual({ width: 120, height: 240 });
    expect(thumbSize({ width: 100, height: 50 })).toEqual({ width: 100, height: 50 });
    expect(thumbSize({ width: null, height: null })).toEqual({ width: 240, height: 180 });
  });
});

describe('summary', () => {
  it('names the files of a message without text, for list previews and alerts', () => {
    expect(summary({ body: '', attachments: [image('a', 'a.png'), invoice] })).toBe('📎 a.png, invoice <March>.pdf');
    expect(summary({ body: 'see', attachments: [invoice] })).toBe('see 📎 invoice <March>.pdf');
    expect(summary({ body: 'plain' })).toBe('plain');
  });
});

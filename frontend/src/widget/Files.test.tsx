import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { chat, FakeWebSocket, message } from '../test-utils';
import type { Attachment, Message } from '../shared/types';
import { admin, config, fakeUploads, FakeXhr, guest, ORIGIN, returning, serverAccepts, setup } from './testHarness';

const png = (name = 'screenshot.png', size = 4096) => new File([new Uint8Array(size)], name, { type: 'image/png' });
const pdf = () => new File([new Uint8Array(1536)], 'invoice.pdf', { type: 'application/pdf' });
const uploadReply = (id: string, file: File, kind: 'image' | 'file' = 'image') => ({
  id,
  name: file.name,
  size: file.size,
  content_type: file.type,
  kind,
  width: kind === 'image' ? 1200 : null,
  height: kind === 'image' ? 800 : null,
});
const attachment = (id: string, extra: Partial<Attachment> = {}): Attachment => ({
  id,
  name: 'screenshot.png',
  size: 4096,
  content_type: 'image/png',
  kind: 'image',
  width: 1200,
  height: 800,
  url: `/api/v1/attachments/${id}?sig=s1`,
  thumbnail_url: `/api/v1/attachments/${id}/thumbnail?sig=s2`,
  ...extra,
});
const withFiles = (m: Message, attachments: Attachment[]): Message => ({ ...m, attachments });

beforeEach(() => {
  FakeWebSocket.reset();
  FakeXhr.reset();
  window.localStorage.clear();
});

async function openPanel() {
  await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
  return screen.getByRole('dialog');
}

describe('widget files', () => {
  it('the paperclip picks a file, shows its progress, and sends its id with the message once', async () => {
    const { api } = setup(config(), {}, { uploadFn: fakeUploads });
    const dialog = await openPanel();
    const clip = within(dialog).getByRole('button', { name: 'Attach files' });
    clip.focus();
    expect(clip).toHaveFocus();
    const file = png();
    await userEvent.upload(screen.getByTestId('pw-file-input'), file);
    // The visitor becomes a guest first: uploads need a session.
    await waitFor(() => expect(FakeXhr.all).toHaveLength(1));
    expect(api.calls.filter((c) => c.path === '/auth/guest')).toHaveLength(1);
    const xhr = FakeXhr.last;
    expect(xhr.url).toBe(`${ORIGIN}/api/v1/uploads?name=screenshot.png`);
    expect(xhr.headers.Authorization).toBe('Bearer guest-token');
    act(() => xhr.progress(1024, 4096));
    const chips = within(dialog).getByRole('list', { name: 'Files to send' });
    expect(within(chips).getByRole('progressbar', { name: 'Uploading screenshot.png' })).toHaveAttribute('value', '25');
    expect(chips).toHaveTextContent('25%');
    await act(async () => xhr.respond(201, uploadReply('att-1', file)));
    expect(chips).toHaveTextContent('4 KB · ready');

    const ws = await serverAccepts();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Message' }), 'Here it is{Enter}');
    const frame = ws.lastRequest('message.send');
    expect(frame.params).toMatchObject({ body: 'Here it is', attachment_ids: ['att-1'] });
    expect(within(dialog).queryByRole('list', { name: 'Files to send' })).toBeNull();
    // Pending, the message names its file.
    expect(within(dialog).getByText('screenshot.png')).toBeInTheDocument();

    await act(async () =>
      ws.reply(frame.id, { message: withFiles(message(100, 9, guest, 'Here it is', String(frame.params?.client_msg_id)), [attachment('att-1')]) }),
    );
    const img = within(screen.getByRole('log')).getByRole('img', { name: 'screenshot.png' });
    // Sized from the message's width and height before it loads: 1200x800 fits 220x147.
    expect(img).toHaveAttribute('width', '220');
    expect(img).toHaveAttribute('height', '147');
    expect(img).toHaveAttribute('src', `${ORIGIN}/api/v1/attachments/att-1/thumbnail?sig=s2`);
    expect(ws.requests('message.send')).toHaveLength(1);
  });

  it('a file can be sent alone, and the send button says so', async () => {
    setup(config(), {}, { uploadFn: fakeUploads });
    const dialog = await openPanel();
    const send = within(dialog).getByRole('button', { name: 'Send' });
    expect(send).toBeDisabled();
    const file = pdf();
    await userEvent.upload(screen.getByTestId('pw-file-input'), file);
    await waitFor(() => expect(FakeXhr.all).toHaveLength(1));
    await act(async () => FakeXhr.last.respond(201, uploadReply('att-2', file, 'file')));
    const ws = await serverAccepts();
    expect(send).toBeEnabled();
    await userEvent.click(send);
    expect(ws.lastRequest('message.send').params).toMatchObject({ body: '', attachment_ids: ['att-2'] });
  });

  it('does not send while a file is still uploading, and says why', async () => {
    setup(config(), {}, { uploadFn: fakeUploads });
    const dialog = await openPanel();
    await userEvent.upload(screen.getByTestId('pw-file-input'), png());
    await waitFor(() => expect(FakeXhr.all).toHaveLength(1));
    const ws = await serverAccepts();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Message' }), 'too early{Enter}');
    expect(await within(dialog).findByText(/Wait for the files to finish uploading/)).toBeInTheDocument();
    expect(ws.requests('message.send')).toHaveLength(0);
    expect(within(dialog).getByRole('textbox', { name: 'Message' })).toHaveValue('too early');
  });

  it('explains too big, not allowed and too many in plain words; only the last offers Retry', async () => {
    setup(config(), {}, { uploadFn: fakeUploads });
    const dialog = await openPanel();
    await userEvent.upload(screen.getByTestId('pw-file-input'), [png('huge.png'), pdf(), png('third.png')]);
    await waitFor(() => expect(FakeXhr.all).toHaveLength(3));
    const [big, svg, many] = FakeXhr.all;
    await act(async () => {
      big.respond(413, { detail: 'too large' });
      svg.respond(415, { detail: 'type not allowed' });
      many.respond(429, { detail: 'slow down' }, { 'Retry-After': '30' });
    });
    const chips = within(dialog).getByRole('list', { name: 'Files to send' });
    const items = within(chips).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('This file is too big to send.');
    expect(items[1]).toHaveTextContent('This type of file cannot be sent.');
    expect(items[2]).toHaveTextContent('Too many files at once. Try again in 30 s.');
    expect(within(items[0]).queryByRole('button', { name: /Upload .* again/ })).toBeNull();
    expect(within(items[1]).queryByRole('button', { name: /Upload .* again/ })).toBeNull();
    expect(within(items[2]).getByRole('button', { name: 'Upload third.png again' })).toBeInTheDocument();
    await userEvent.click(within(items[0]).getByRole('button', { name: 'Remove huge.png' }));
    expect(within(chips).getAllByRole('listitem')).toHaveLength(2);
  });

  it('Cancel stops an upload in flight', async () => {
    setup(config(), {}, { uploadFn: fakeUploads });
    const dialog = await openPanel();
    await userEvent.upload(screen.getByTestId('pw-file-input'), png());
    await waitFor(() => expect(FakeXhr.all).toHaveLength(1));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel the upload of screenshot.png' }));
    expect(FakeXhr.last.aborted).toBe(true);
    expect(within(dialog).queryByRole('list', { name: 'Files to send' })).toBeNull();
  });

  it('after a dropped connection: Retry uploads again, and the resent message attaches its file once', async () => {
    setup(config(), {}, { uploadFn: fakeUploads });
    const dialog = await openPanel();
    const file = png();
    await userEvent.upload(screen.getByTestId('pw-file-input'), file);
    await waitFor(() => expect(FakeXhr.all).toHaveLength(1));
    await act(async () => FakeXhr.last.drop());
    expect(within(dialog).getByRole('alert')).toHaveTextContent('The connection dropped during the upload.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Upload screenshot.png again' }));
    expect(FakeXhr.all).toHaveLength(2);
    await act(async () => FakeXhr.last.respond(201, uploadReply('att-3', file)));

    const ws = await serverAccepts();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Message' }), 'look{Enter}');
    const first = ws.lastRequest('message.send');
    // The socket drops before the reply: the outbox sends the same message again after reconnecting.
    act(() => ws.serverClose(1006));
    await waitFor(() => expect(FakeWebSocket.instances.length).toBe(2), { timeout: 5000 });
    const again = await serverAccepts();
    const second = again.lastRequest('message.send');
    expect(second.params).toEqual(first.params);
    expect(second.params).toMatchObject({ attachment_ids: ['att-3'] });
    expect(FakeXhr.all).toHaveLength(2);
  });

  it('a pasted screenshot and a file dropped onto the panel are attached', async () => {
    setup(config(), {}, { uploadFn: fakeUploads });
    const dialog = await openPanel();
    const box = within(dialog).getByRole('textbox', { name: 'Message' });
    const shot = png('image.png');
    fireEvent.paste(box, { clipboardData: { files: [shot], items: [], types: ['Files'], getData: () => '' } });
    await waitFor(() => expect(FakeXhr.all).toHaveLength(1));
    expect(box).toHaveValue('');
    const dropped = pdf();
    const data = { files: [dropped], items: [], types: ['Files'], dropEffect: 'none' };
    fireEvent.dragOver(dialog, { dataTransfer: data });
    expect(within(dialog).getByText('Drop files to attach them')).toBeInTheDocument();
    fireEvent.drop(dialog, { dataTransfer: data });
    await waitFor(() => expect(FakeXhr.all).toHaveLength(2));
    expect(within(dialog).queryByText('Drop files to attach them')).toBeNull();
    const chips = within(dialog).getByRole('list', { name: 'Files to send' });
    expect(chips).toHaveTextContent('image.png');
    expect(chips).toHaveTextContent('invoice.pdf');
  });

  it("support's image opens full size; Esc closes the viewer, not the chat, and focus goes back", async () => {
    const reply = withFiles(message(101, 9, admin, ''), [attachment('att-9', { name: 'label.jpg', content_type: 'image/jpeg' })]);
    const { controller } = setup(config(), returning(chat(9, guest, admin), [message(100, 9, guest, 'hi'), reply]));
    await act(() => controller.init());
    const dialog = await openPanel();
    const thumb = within(dialog).getByRole('button', { name: 'Open label.jpg full size' });
    await userEvent.click(thumb);
    const viewer = screen.getByRole('dialog', { name: 'Image: label.jpg' });
    expect(viewer).toHaveAttribute('aria-modal', 'true');
    expect(within(viewer).getByRole('img', { name: 'label.jpg' })).toHaveAttribute('src', `${ORIGIN}/api/v1/attachments/att-9?sig=s1`);
    expect(within(viewer).getByRole('button', { name: 'Close image' })).toHaveFocus();
    await userEvent.tab();
    await userEvent.tab();
    expect(within(viewer).getByRole('button', { name: 'Close image' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Image: label.jpg' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Fern & Clay' })).toBeInTheDocument();
    expect(thumb).toHaveFocus();
  });

  it('a file shows its name, human size and a download link', async () => {
    const doc = attachment('att-5', { name: 'invoice.pdf', content_type: 'application/pdf', kind: 'file', size: 1_572_864, width: null, height: null, thumbnail_url: null });
    const { controller } = setup(config({ lang: 'ru' }), returning(chat(9, guest, admin), [withFiles(message(100, 9, admin, 'Ваш счёт'), [doc])]));
    await act(() => controller.init());
    await userEvent.click(screen.getByRole('button', { name: 'Открыть чат' }));
    const link = within(screen.getByRole('log')).getByRole('link', { name: /invoice\.pdf/ });
    expect(link).toHaveAttribute('href', `${ORIGIN}/api/v1/attachments/att-5?sig=s1`);
    expect(link).toHaveTextContent('1,5 МБ');
  });

  it("a reply with only files shows their names in the launcher's preview and the announcement", async () => {
    const { controller } = setup(config(), returning(chat(9, guest, admin), []));
    await act(() => controller.init());
    const ws = await serverAccepts();
    const doc = attachment('att-6', { name: 'invoice.pdf', kind: 'file', thumbnail_url: null });
    act(() => ws.emit('message.new', { message: withFiles(message(102, 9, admin, ''), [doc]) }));
    const preview = screen.getByRole('button', { name: 'New message from Alice: 📎 invoice.pdf. Open chat' });
    // What it shows, word for word, is inside its name (axe: label-content-name-mismatch).
    expect(preview).toHaveTextContent('Alice invoice.pdf');
    expect(document.querySelector('[aria-live="polite"]')).toHaveTextContent('New message from Alice: 📎 invoice.pdf');
    await userEvent.click(preview);
    expect(screen.getByRole('dialog', { name: 'Fern & Clay' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Open chat$/ })).toBeNull();
  });
});

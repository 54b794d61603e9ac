// Issue 15 in the panel: the reports page, ratings in the chat and the lists, export and erase.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chat, FakeWebSocket, fakeFetch, message, user } from '../test-utils';
import type { Chat, Message, Report, Visitor } from '../shared/types';
import { App } from './App';
import { daySplits } from './DayChart';
import { dispositionName } from './download';
import { heatLevel, humanDuration, presetRange, shiftDate, todayIn, validDate, weekdayNames } from './reportRange';
import { AdminStore } from './store';

// uPlot draws on a canvas, which jsdom has not: a stand-in keeps what the page asked it to draw.
const charts = vi.hoisted(() => ({ made: [] as { data: unknown; destroyed: boolean }[] }));
vi.mock('uplot', () => {
  class FakePlot {
    static paths = { bars: () => () => null };
    width = 600;
    private entry: { data: unknown; destroyed: boolean };
    constructor(_opts: unknown, data: unknown) {
      this.entry = { data, destroyed: false };
      charts.made.push(this.entry);
    }
    setSize() {}
    destroy() {
      this.entry.destroyed = true;
    }
  }
  return { default: FakePlot };
});

const ORIGIN = 'http://admin.test';
const me = { ...user(1, 'admin', 'Alice'), username: 'admin' };
const bob = { ...user(2, 'admin', 'Bob'), username: 'bob' };
const mina = { ...user(102), display_name: 'Mina' };
const TOKEN_KEY = `parley:${ORIGIN}:admin:token`;

function mineChat(extra: Partial<Chat> = {}): Chat {
  const c = chat(12, mina, me, { updated_at: new Date().toISOString(), ...extra });
  c.last_message = message(300, 12, mina, 'thanks!');
  return c;
}

function visitor(): Visitor {
  return {
    customer: mina,
    email: 'mina@example.com',
    online: false,
    current_page: null,
    pages: [],
    user_agent: null,
    browser: null,
    os: null,
    language: null,
    timezone: null,
    attributes: {},
    first_seen_at: '2026-01-01T09:50:00Z',
    last_seen_at: '2026-01-01T10:00:00Z',
  };
}

const hours = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
hours[0][9] = 8; // Monday 09:00
hours[6][23] = 2; // Sunday 23:00

const REPORT: Report = {
  from: '2026-03-23',
  to: '2026-03-29',
  tz: 'Europe/Berlin',
  chats_started: 12,
  chats_resolved: 9,
  messages_from_customers: 40,
  messages_from_admins: 35,
  first_response_seconds: { p50: 90, p90: 300 },
  resolution_seconds: null,
  csat: { average: 4.29, count: 7, by_score: { '1': 0, '2': 0, '3': 1, '4': 3, '5': 3 } },
  days: [
    { date: '2026-03-23', chats_started: 5, chats_resolved: 4, messages: 30 },
    { date: '2026-03-24', chats_started: 0, chats_resolved: 0, messages: 0 },
    { date: '2026-03-25', chats_started: 2, chats_resolved: 1, messages: 10 },
    { date: '2026-03-26', chats_started: 1, chats_resolved: 1, messages: 9 },
    { date: '2026-03-27', chats_started: 1, chats_resolved: 1, messages: 6 },
    { date: '2026-03-28', chats_started: 0, chats_resolved: 0, messages: 0 },
    { date: '2026-03-29', chats_started: 3, chats_resolved: 2, messages: 20 },
  ],
  admins: [
    { admin: me, chats_resolved: 6, messages: 25, first_response_p50: 75 },
    { admin: bob, chats_resolved: 3, messages: 10, first_response_p50: null },
  ],
  hours,
};

type Routes = Parameters<typeof fakeFetch>[0];

function setup(opts: { routes?: Routes; lists?: Record<string, Chat[]>; history?: Message[]; path?: string; lang?: string } = {}) {
  const data = opts.lists ?? { waiting: [], mine: [mineChat()], resolved: [], all: [mineChat()] };
  const api = fakeFetch({
    'GET /me': () => ({ status: 200, body: me }),
    'GET /me/availability': () => ({ status: 200, body: { status: 'online' } }),
    'GET /admin/mail': () => ({ status: 200, body: { enabled: true, mail_from: null, team_email: null, dev_inbox: null } }),
    'GET /chats': (call) => {
      const scope = new URLSearchParams(call.path.split('?')[1]).get('scope') ?? 'all';
      return { status: 200, body: { items: data[scope] ?? [], next_before: null } };
    },
    'POST /chats/12/open': () => ({ status: 200, body: Object.values(data).flat().find((c) => c.id === 12) ?? mineChat() }),
    'GET /chats/12': () => ({ status: 200, body: mineChat() }),
    'GET /chats/12/messages': () => ({ status: 200, body: { items: opts.history ?? [message(300, 12, mina, 'thanks!')], has_more: false } }),
    'GET /chats/12/visitor': () => ({ status: 200, body: visitor() }),
    'GET /admin/reports': () => ({ status: 200, body: REPORT }),
    ...opts.routes,
  });
  window.localStorage.setItem(TOKEN_KEY, 'admin-token');
  if (opts.lang) window.localStorage.setItem(`parley:${ORIGIN}:admin:lang`, opts.lang);
  window.history.replaceState(null, '', opts.path ?? '/admin');
  const store = new AdminStore({
    origin: ORIGIN,
    fetchImpl: api.impl,
    createSocket: FakeWebSocket.factory,
    storage: window.localStorage,
    alerts: { beep: vi.fn(), notify: vi.fn() },
  });
  render(<App store={store} />);
  return { store, api };
}

async function online(store: AdminStore) {
  await act(() => store.init());
  const ws = FakeWebSocket.last;
  act(() => {
    ws.open();
    ws.acceptAuth(me, 1);
  });
  return ws;
}

/** The zone list holds every zone the browser knows: a change event, not a pointer walk over 400 options. */
function pickZone(select: HTMLElement | Promise<HTMLElement>, zone: string) {
  return Promise.resolve(select).then((el) => act(() => void fireEvent.change(el, { target: { value: zone } })));
}

/** What saveBlob hands the browser: the blob behind the link and the name it is saved under. */
function captureDownloads() {
  const saved: { blob: Blob; name: string }[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  Object.assign(URL, {
    createObjectURL: vi.fn((b: Blob) => {
      const url = `blob:${ORIGIN}/${++n}`;
      blobs.set(url, b);
      return url;
    }),
    revokeObjectURL: vi.fn(),
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ blob: blobs.get(this.href) as Blob, name: this.download });
  });
  return saved;
}

beforeEach(() => {
  FakeWebSocket.reset();
  window.localStorage.clear();
  charts.made = [];
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('report ranges', () => {
  it('takes today in the chosen zone, not the browser’s', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(todayIn('UTC', now)).toBe('2026-03-01');
    expect(todayIn('Pacific/Auckland', now)).toBe('2026-03-02'); // UTC+13 in March
    expect(todayIn('America/Los_Angeles', new Date('2026-03-01T05:00:00Z'))).toBe('2026-02-28');
  });

  it('makes the presets inclusive ranges that end today in the zone', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(presetRange('today', 'Pacific/Auckland', now)).toEqual({ from: '2026-03-02', to: '2026-03-02' });
    expect(presetRange('7d', 'Pacific/Auckland', now)).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    expect(presetRange('7d', 'America/Los_Angeles', new Date('2026-03-01T05:00:00Z'))).toEqual({ from: '2026-02-22', to: '2026-02-28' });
    // Across the spring-forward night in Berlin (29 March 2026) the day count stays exact.
    expect(presetRange('30d', 'Europe/Berlin', new Date('2026-04-05T21:59:00Z'))).toEqual({ from: '2026-03-07', to: '2026-04-05' });
    expect(presetRange('30d', 'Europe/Berlin', new Date('2026-04-05T22:00:00Z'))).toEqual({ from: '2026-03-08', to: '2026-04-06' });
    expect(shiftDate('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('knows a real date from a typed one', () => {
    expect(validDate('2026-02-28')).toBe(true);
    expect(validDate('2026-02-30')).toBe(false);
    expect(validDate('')).toBe(false);
  });

  it('says durations as people do, in both languages', () => {
    expect(humanDuration(45, 'en')).toBe('45s');
    expect(humanDuration(90, 'en')).toBe('1m 30s');
    expect(humanDuration(3600 * 3 + 60 * 20 + 10, 'en')).toBe('3h 20m');
    expect(humanDuration(86400 * 2 + 3600 * 4, 'en')).toBe('2d 4h');
    expect(humanDuration(120, 'ru')).toBe('2\u00a0мин');
  });

  it('shades heat-map cells by quarters of the busiest hour, Monday first', () => {
    expect([0, 1, 2, 5, 6, 8].map((n) => heatLevel(n, 8))).toEqual([0, 1, 1, 3, 3, 4]);
    expect(heatLevel(3, 0)).toBe(0);
    expect(weekdayNames('en')[0]).toBe('Mon');
    expect(weekdayNames('en')[6]).toBe('Sun');
    expect(daySplits(30, 300)).toEqual([0, 8, 16, 24]);
    expect(daySplits(7, 1000)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('takes the saved file name from Content-Disposition', () => {
    expect(dispositionName('attachment; filename="chats-2026-03.csv"')).toBe('chats-2026-03.csv');
    expect(dispositionName("attachment; filename*=UTF-8''%D0%B0.json")).toBe('а.json');
    expect(dispositionName(null)).toBeNull();
  });
});

// The page holds every time zone and a 7 × 24 table: role queries over it are slow in jsdom on a busy machine.
const PAGE_TEST = { timeout: 20_000 };

describe('reports page', () => {
  it('is in the menu and shows the cards, the day table, the heat map and the team from a report', PAGE_TEST, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-29T10:00:00Z'));
    const { store, api } = setup();
    await online(store);
    await userEvent.click(screen.getByRole('button', { name: 'Reports' }));
    expect(window.location.pathname).toBe('/admin/reports');
    await screen.findByRole('heading', { name: 'Reports', level: 1 });
    // Pick a zone so that the query is known whatever zone the test machine is in.
    await pickZone(screen.getByRole('combobox', { name: 'Time zone' }), 'Europe/Berlin');
    await waitFor(() =>
      expect(api.calls.some((c) => c.path === '/admin/reports?from=2026-03-23&to=2026-03-29&tz=Europe%2FBerlin')).toBe(true),
    );
    expect(screen.getByRole('button', { name: '7 days' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByLabelText('From')).toHaveValue('2026-03-23');
    expect(screen.getByLabelText('To')).toHaveValue('2026-03-29');

    const cards = await screen.findByRole('region', { name: 'Summary' });
    const card = (label: string) => within(cards).getByText(label).closest('.card') as HTMLElement;
    expect(card('Chats started')).toHaveTextContent('12');
    expect(card('Chats resolved')).toHaveTextContent('9');
    expect(card('First response')).toHaveTextContent('1m 30s median');
    expect(card('First response')).toHaveTextContent('90% within 5m');
    expect(card('Time to resolve')).toHaveTextContent('—no data');
    expect(card('Average rating')).toHaveTextContent('4.3 / 5');
    expect(card('Average rating')).toHaveTextContent('ratings: 7');
    expect(card('Messages')).toHaveTextContent('75');
    expect(card('Messages')).toHaveTextContent('40 from visitors, 35 from the team');

    // The chart got the days; its numbers are a table that is always there for screen readers.
    const chart = charts.made[charts.made.length - 1];
    expect(chart.data).toEqual([[0, 1, 2, 3, 4, 5, 6], [5, 0, 2, 1, 1, 0, 3], [4, 0, 1, 1, 1, 0, 2]]);
    const days = screen.getByRole('table', { name: 'Chats per day' });
    const rows = within(days).getAllByRole('row');
    expect(rows).toHaveLength(1 + 7 + 1);
    expect(rows[1]).toHaveTextContent(/Mar 23, 2026\s*5\s*4\s*30/);
    expect(rows[8]).toHaveTextContent(/Total\s*12\s*9\s*75/);
    expect(days.parentElement).toHaveClass('sr-only');
    await userEvent.click(screen.getByRole('button', { name: 'Show the numbers' }));
    expect(days.parentElement).not.toHaveClass('sr-only');
    expect(screen.getByRole('button', { name: 'Hide the numbers' })).toHaveAttribute('aria-expanded', 'true');

    const heat = screen.getByRole('table', { name: 'Visitor messages by weekday and hour' });
    const heatRows = within(heat).getAllByRole('row');
    expect(heatRows).toHaveLength(8);
    expect(within(heatRows[1]).getByRole('rowheader')).toHaveTextContent('Mon');
    const monday = within(heatRows[1]).getAllByRole('cell');
    expect(monday).toHaveLength(24);
    expect(monday[9]).toHaveTextContent('8');
    expect(monday[9]).toHaveClass('heat-4');
    expect(within(heatRows[7]).getAllByRole('cell')[23]).toHaveClass('heat-1');
    expect(monday[0]).toHaveTextContent('0');

    const team = within(screen.getByRole('region', { name: 'By admin' })).getByRole('table');
    const alice = within(team).getByRole('row', { name: /Alice/ });
    expect(alice).toHaveTextContent(/Alice\s*6\s*25\s*1m 15s/);
    expect(within(team).getByRole('row', { name: /Bob/ })).toHaveTextContent(/Bob\s*3\s*10\s*—no data/);

    const scores = within(screen.getByRole('region', { name: 'Ratings by score' })).getAllByRole('row');
    expect(scores[0]).toHaveTextContent('5 of 5');
    expect(scores[0]).toHaveTextContent('3');
  });

  it('asks again for a preset and for custom dates, and refuses a start after the end', PAGE_TEST, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-29T10:00:00Z'));
    const { store, api } = setup({ path: '/admin/reports' });
    await online(store);
    await pickZone(screen.findByRole('combobox', { name: 'Time zone' }), 'UTC');
    await userEvent.click(screen.getByRole('button', { name: 'Today' }));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/admin/reports?from=2026-03-29&to=2026-03-29&tz=UTC')).toBe(true));
    await userEvent.click(screen.getByRole('button', { name: '30 days' }));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/admin/reports?from=2026-02-28&to=2026-03-29&tz=UTC')).toBe(true));

    const from = screen.getByLabelText('From');
    await act(() => void fireEvent.change(from, { target: { value: '2026-03-10' } }));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/admin/reports?from=2026-03-10&to=2026-03-29&tz=UTC')).toBe(true));
    expect(screen.getByRole('button', { name: '30 days' })).toHaveAttribute('aria-pressed', 'false');

    const asked = api.calls.length;
    await act(() => void fireEvent.change(from, { target: { value: '2026-04-10' } }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Pick a start and an end date');
    expect(screen.getByRole('button', { name: /Download CSV/ })).toBeDisabled();
    expect(api.calls.slice(asked).some((c) => c.path.includes('from=2026-04-10'))).toBe(false);
  });

  it('shows "no data" for an empty period and says why a report failed', PAGE_TEST, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-29T10:00:00Z'));
    let fail = false;
    const empty: Report = {
      ...REPORT,
      chats_started: 0,
      chats_resolved: 0,
      messages_from_customers: 0,
      messages_from_admins: 0,
      first_response_seconds: { p50: null, p90: null },
      resolution_seconds: null,
      csat: { average: null, count: 0, by_score: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } },
      days: REPORT.days.map((d) => ({ ...d, chats_started: 0, chats_resolved: 0, messages: 0 })),
      admins: [],
      hours: Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0)),
    };
    const { store } = setup({
      path: '/admin/reports',
      routes: {
        'GET /admin/reports': () => (fail ? { status: 422, body: { detail: 'unknown time zone' } } : { status: 200, body: empty }),
      },
    });
    await online(store);
    const cards = await screen.findByRole('region', { name: 'Summary' });
    const card = (label: string) => within(cards).getByText(label).closest('.card') as HTMLElement;
    expect(card('Chats started')).toHaveTextContent('0');
    expect(card('First response')).toHaveTextContent('—no data');
    expect(card('First response')).not.toHaveTextContent('90%');
    expect(card('Average rating')).toHaveTextContent('—no data');
    expect(screen.getByText('No admin activity in this period.')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Ratings by score' })).getByText('no data')).toBeInTheDocument();
    fail = true;
    await userEvent.click(screen.getByRole('button', { name: 'Today' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the report: unknown time zone');
  });

  it('downloads the CSV of the range with the bearer token and saves it as a file', PAGE_TEST, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-29T10:00:00Z'));
    const saved = captureDownloads();
    const csv = 'chat_id,started_at\n12,2026-03-29T09:00:00Z\n';
    const { store, api } = setup({
      path: '/admin/reports',
      routes: {
        'GET /admin/reports/chats.csv': () => ({ status: 200, body: csv, headers: { 'Content-Type': 'text/csv' } }),
      },
    });
    await online(store);
    await pickZone(screen.findByRole('combobox', { name: 'Time zone' }), 'Asia/Tokyo');
    await userEvent.click(screen.getByRole('button', { name: /Download CSV/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const call = api.calls.find((c) => c.path.startsWith('/admin/reports/chats.csv'));
    expect(call?.path).toBe('/admin/reports/chats.csv?from=2026-03-23&to=2026-03-29&tz=Asia%2FTokyo');
    expect(call?.auth).toBe('Bearer admin-token');
    expect(saved[0].name).toBe('parley-chats-2026-03-23_2026-03-29.csv');
    // fakeFetch sends bodies as JSON: the file holds exactly what the server sent.
    expect(JSON.parse(await saved[0].blob.text())).toBe(csv);
  });

  it('speaks Russian', PAGE_TEST, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-29T10:00:00Z'));
    const { store } = setup({ path: '/admin/reports', lang: 'ru' });
    await online(store);
    await screen.findByRole('heading', { name: 'Отчёты', level: 1 });
    const cards = await screen.findByRole('region', { name: 'Сводка' });
    expect(within(cards).getByText('Средняя оценка').closest('.card')).toHaveTextContent('4,3 из 5');
    expect(within(cards).getByText('Первый ответ').closest('.card')).toHaveTextContent('1 мин 30 с медиана');
    expect(screen.getByRole('button', { name: '7 дней' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Сообщения посетителей по дням недели и часам' })).toHaveTextContent('пн');
  });
});

describe('ratings', () => {
  it('shows the score and comment in the chat and a mark in the list, and follows chat.rated live', async () => {
    const resolved = mineChat({ status: 'resolved' });
    const rated = mineChat({ id: 13, status: 'resolved', rating: { score: 2, comment: null, created_at: '2026-01-01T11:00:00Z' } });
    rated.customer = { ...user(103), display_name: 'Oleg' };
    const { store } = setup({ lists: { waiting: [], mine: [], resolved: [resolved, rated], all: [] } });
    const ws = await online(store);
    const list = screen.getByRole('region', { name: /Resolved/ });
    expect(within(within(list).getByRole('link', { name: /Oleg/ })).getByRole('img', { name: 'Rated 2 out of 5' })).toBeInTheDocument();
    expect(within(within(list).getByRole('link', { name: /Mina/ })).queryByRole('img')).toBeNull();

    await userEvent.click(within(list).getByRole('link', { name: /Mina/ }));
    const view = await screen.findByRole('region', { name: 'Chat with Mina' });
    await within(view).findByText('thanks!');
    expect(within(view).queryByText('Visitor’s rating')).toBeNull();

    act(() => ws.emit('chat.rated', { chat_id: 12, rating: { score: 4, comment: 'Quick and kind', created_at: '2026-01-01T11:05:00Z' } }));
    expect(within(view).getByRole('img', { name: 'Rated 4 out of 5' })).toBeInTheDocument();
    expect(within(view).getByText('Quick and kind')).toBeInTheDocument();
    expect(within(view).getByText('4/5')).toBeInTheDocument();
    expect(within(within(list).getByRole('link', { name: /Mina/ })).getByRole('img', { name: 'Rated 4 out of 5' })).toBeInTheDocument();
    expect(document.querySelector('[aria-live="polite"][aria-atomic="true"]')).toHaveTextContent('Mina rated the conversation 4 out of 5');

    // A rating of a chat the panel does not show changes nothing and does not throw.
    act(() => ws.emit('chat.rated', { chat_id: 999, rating: { score: 5, comment: null, created_at: '2026-01-01T11:06:00Z' } }));
    expect(screen.queryByRole('img', { name: 'Rated 5 out of 5' })).toBeNull();
  });
});

describe('export and erase', () => {
  async function openPanel(store: AdminStore) {
    await online(store);
    await userEvent.click(within(screen.getByRole('region', { name: /Mine/ })).getByRole('link', { name: /Mina/ }));
    await within(await screen.findByRole('log', { name: 'Messages' })).findByText('thanks!');
    return screen.getByRole('complementary', { name: 'Visitor' });
  }

  it('exports the customer’s data as the JSON the server sends', async () => {
    const saved = captureDownloads();
    const body = { customer: mina, email: 'mina@example.com', chat: null, messages: [], visitor: visitor(), ratings: [] };
    const { store, api } = setup({
      routes: {
        'GET /admin/customers/102/export': () => ({ status: 200, body, headers: { 'Content-Disposition': 'attachment; filename="customer-102.json"' } }),
      },
    });
    const panel = await openPanel(store);
    await userEvent.click(within(panel).getByRole('button', { name: /Export data/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const call = api.calls.find((c) => c.path === '/admin/customers/102/export');
    expect(call?.auth).toBe('Bearer admin-token');
    expect(saved[0].name).toBe('customer-102.json');
    expect(JSON.parse(await saved[0].blob.text())).toEqual(body);
  });

  it('asks for the customer’s name before erasing, then the chat leaves the lists', async () => {
    const { store, api } = setup({ routes: { 'DELETE /admin/customers/102': () => ({ status: 204 }) } });
    const panel = await openPanel(store);
    const erase = within(panel).getByRole('button', { name: 'Erase customer' });

    // Cancel erases nothing and gives focus back.
    await userEvent.click(erase);
    let dialog = screen.getByRole('alertdialog', { name: 'Erase Mina?' });
    expect(dialog).toHaveTextContent('Guest visitor #102');
    expect(dialog).toHaveAccessibleDescription(/everything Parley holds about Mina.*cannot be undone/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(erase).toHaveFocus();
    await userEvent.click(erase);
    dialog = screen.getByRole('alertdialog', { name: 'Erase Mina?' });
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.calls.some((c) => c.method === 'DELETE')).toBe(false);

    await userEvent.click(erase);
    dialog = screen.getByRole('alertdialog', { name: 'Erase Mina?' });
    const box = within(dialog).getByRole('textbox', { name: 'Type Mina to confirm' });
    expect(box).toHaveFocus();
    const confirm = within(dialog).getByRole('button', { name: 'Erase for good' });
    expect(confirm).toBeDisabled();
    await userEvent.type(box, 'Min');
    expect(confirm).toBeDisabled();
    await userEvent.keyboard('{Enter}');
    expect(api.calls.some((c) => c.method === 'DELETE')).toBe(false);
    await userEvent.type(box, 'a');
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);

    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(api.calls.filter((c) => c.method === 'DELETE' && c.path === '/admin/customers/102')).toHaveLength(1);
    expect(within(screen.getByRole('navigation', { name: 'Chats' })).queryByRole('link', { name: /Mina/ })).toBeNull();
    expect(window.location.pathname).toBe('/admin');
    expect(store.state.threads[12]).toBeUndefined();
    expect(document.querySelector('[aria-live="polite"][aria-atomic="true"]')).toHaveTextContent('Mina and their data were erased');
  });

  it('drops a chat a colleague erased meanwhile when it is opened', async () => {
    const { store } = setup({ routes: { 'POST /chats/12/open': () => ({ status: 404, body: { detail: 'Not Found' } }) } });
    await online(store);
    await userEvent.click(within(screen.getByRole('region', { name: /Mine/ })).getByRole('link', { name: /Mina/ }));
    expect(await screen.findByText('This chat does not exist')).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Chats' })).queryByRole('link', { name: /Mina/ })).toBeNull();
  });

  it('keeps the chat and says why when the erase fails', async () => {
    const { store } = setup({ routes: { 'DELETE /admin/customers/102': () => ({ status: 500, body: { detail: 'database is down' } }) } });
    const panel = await openPanel(store);
    await userEvent.click(within(panel).getByRole('button', { name: 'Erase customer' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Erase Mina?' });
    await userEvent.type(within(dialog).getByRole('textbox'), 'mina');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Erase for good' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Could not erase: database is down');
    expect(within(screen.getByRole('region', { name: /Mine/ })).getByRole('link', { name: /Mina/ })).toBeInTheDocument();
  });
});

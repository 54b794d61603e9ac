// Real-browser end-to-end checks: Chromium (through playwright-core) against a running Parley server.
// PARLEY_URL (default http://127.0.0.1:8000) must serve the built frontend, with demo users
// admin/password and user/password, and rate limits off. Prints "e2e: N passed, M failed".
// E2E_ONLY=files,widget-files runs only those suites (by module name; "core" is the scenarios in
// this file), skipping the rest; unset, everything runs.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = (process.env.PARLEY_URL ?? 'http://127.0.0.1:8000').replace(/\/$/, '');
const API = `${BASE}/api/v1`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const T = 15_000;
const run = Date.now().toString(36);
const XSS_IMG = '<img src=x onerror=alert(1)>';
const XSS_SCRIPT = '<script>alert(1)</script>';

mkdirSync(SHOTS, { recursive: true });

const ONLY = process.env.E2E_ONLY ? new Set(process.env.E2E_ONLY.split(',').map((s) => s.trim()).filter(Boolean)) : null;
let suite = 'core';
let passed = 0;
let failed = 0;
let skipped = 0;
async function scenario(name, fn) {
  if (ONLY && !ONLY.has(suite)) {
    skipped += 1;
    return;
  }
  const started = Date.now();
  try {
    await fn();
    passed += 1;
    console.log(`  ok   ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    failed += 1;
    console.log(`  FAIL ${name}\n       ${String(err?.stack ?? err).split('\n').slice(0, 6).join('\n       ')}`);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

async function api(method, path, body, token) {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
  return data;
}

/** A page that records every dialog (none should ever open) and page error. */
async function newPage(context, label, dialogs) {
  const page = await context.newPage();
  page.on('dialog', async (d) => {
    dialogs.push(`${label}: ${d.type()} ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => console.log(`       [${label} page error] ${e.message}`));
  return page;
}

async function signInAdmin(page, username, password) {
  await page.goto(`${BASE}/admin`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Waiting/ }).waitFor({ timeout: T });
  await page.getByRole('status', { name: 'Connection: Connected' }).waitFor({ timeout: T });
}

/** Elements that user text must never become, inside the page and inside the widget's shadow root. */
async function injectedElements(page) {
  return page.evaluate(() => {
    const roots = [document];
    const host = document.querySelector('parley-widget');
    if (host?.shadowRoot) roots.push(host.shadowRoot);
    let n = 0;
    for (const r of roots) {
      n += r.querySelectorAll('img').length;
      n += [...r.querySelectorAll('script')].filter((s) => !s.src).length;
    }
    return n;
  });
}

/** Proxies the page's WebSocket so a test can cut the network and restore it. */
async function flakySocket(page) {
  let offline = false;
  const live = [];
  const auths = [];
  await page.routeWebSocket(/\/api\/v1\/ws$/, (ws) => {
    if (offline) {
      ws.close({ code: 4000, reason: 'network down (test)' });
      return;
    }
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      if (String(m).includes('"auth"')) auths.push(JSON.parse(String(m)));
      server.send(m);
    });
    live.push({ ws, server });
  });
  return {
    auths,
    drop() {
      offline = true;
      for (const { ws, server } of live.splice(0)) {
        ws.close({ code: 4000, reason: 'network down (test)' });
        server.close();
      }
    },
    restore() {
      offline = false;
    },
  };
}

const profile = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
let browser;
try {
  browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // A page fulfilled by page.route() counts as "public" for Chromium's Local Network Access checks,
    // which would then block its socket to 127.0.0.1; a real host page is served over the network.
    '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests',
    `--disk-cache-dir=${join(profile, 'cache')}`,
  ],
  });
} catch (err) {
  console.log(`  FAIL cannot start Chromium at ${CHROMIUM}: ${err?.message ?? err}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

const dialogs = [];
const ctx = {};
try {
  console.log(`e2e against ${BASE}`);
  const adminLogin = await api('POST', '/auth/login', { username: 'admin', password: 'password' });
  const admin2Name = `e2e_${run}`;
  const admin2 = await api(
    'POST',
    '/admin/users',
    { username: admin2Name, password: 'password123', display_name: `Second Admin ${run}`, role: 'admin' },
    adminLogin.access_token,
  );

  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const guestContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const adminPage = await newPage(adminContext, 'admin', dialogs);
  const guestPage = await newPage(guestContext, 'guest', dialogs);
  const hello = `Hello from the shop ${run}, do you ship to Lisbon? https://example.com/order/${run}`;
  const reply = `Yes we do! Delivery takes 2 days (${run}).`;

  await scenario('(b1) admin signs in at /admin and sees the live sections', async () => {
    await signInAdmin(adminPage, 'admin', 'password');
    await adminPage.getByRole('heading', { name: /Mine/ }).waitFor();
    await adminPage.getByRole('heading', { name: /Others/ }).waitFor();
  });

  await scenario('(a) a guest on the shop page opens the widget and writes', async () => {
    await guestPage.goto(`${BASE}/`);
    const launcher = guestPage.getByRole('button', { name: 'Open chat' });
    await launcher.waitFor({ timeout: T });
    await launcher.click();
    const box = guestPage.getByRole('textbox', { name: 'Message' });
    await box.fill(hello);
    await box.press('Enter');
    const dialog = guestPage.getByRole('dialog');
    await dialog.getByText(hello.slice(0, 30)).waitFor({ timeout: T });
    await dialog.getByText(/Sent|Read/).first().waitFor({ timeout: T });
    const token = await guestPage.evaluate((k) => localStorage.getItem(k), `parley:${BASE}:token`);
    assert(token, 'the guest token is stored under parley:<origin>:token');
  });

  await scenario('(b2) the chat appears under Waiting without a reload; the admin opens it and replies', async () => {
    const waiting = adminPage.getByRole('region', { name: /Waiting/ });
    const row = waiting.getByRole('link').filter({ hasText: hello.slice(0, 30) });
    await row.waitFor({ timeout: T });
    await row.getByText(/waiting \d/).waitFor();
    await row.click();
    await adminPage.waitForURL(/\/admin\/chats\/\d+$/);
    ctx.chatUrl = adminPage.url();
    const log = adminPage.getByRole('log', { name: 'Messages' });
    await log.getByText(hello.slice(0, 30)).waitFor({ timeout: T });
    const link = log.getByRole('link', { name: `https://example.com/order/${run}` });
    assert((await link.getAttribute('rel')) === 'noopener noreferrer', 'links open safely');
    await adminPage.getByRole('region', { name: /Mine/ }).getByRole('link').filter({ hasText: hello.slice(0, 30) }).waitFor({ timeout: T });
    const box = adminPage.getByRole('textbox', { name: 'Reply' });
    await box.fill(reply);
    await box.press('Enter');
    await log.locator('.msg.mine').filter({ hasText: reply }).getByText(/Sent|Read/).waitFor({ timeout: T });
  });

  await scenario("(c) the guest sees the reply and the admin's name", async () => {
    const dialog = guestPage.getByRole('dialog');
    await dialog.getByText(reply).waitFor({ timeout: T });
    await dialog.getByText(`${adminLogin.user.display_name} is answering`).waitFor({ timeout: T });
    // The admin's panel shows the guest has read the reply.
    await adminPage.getByRole('log', { name: 'Messages' }).locator('.msg.mine').filter({ hasText: reply }).getByText(/Read/).waitFor({ timeout: T });
    await guestPage.waitForTimeout(300);
    await guestPage.screenshot({ path: join(SHOTS, 'widget-conversation.png') });
    await adminPage.screenshot({ path: join(SHOTS, 'admin-chat.png') });
  });

  await scenario('(d) after a reload the guest sees the whole history', async () => {
    await guestPage.reload();
    await guestPage.getByRole('button', { name: 'Open chat' }).click();
    const dialog = guestPage.getByRole('dialog');
    await dialog.getByText(hello.slice(0, 30)).waitFor({ timeout: T });
    await dialog.getByText(reply).waitFor({ timeout: T });
    // A new tab continues the same chat too.
    const tab = await newPage(guestContext, 'guest-tab', dialogs);
    await tab.goto(`${BASE}/`);
    await tab.getByRole('button', { name: 'Open chat' }).click();
    await tab.getByRole('dialog').getByText(reply).waitFor({ timeout: T });
    await tab.close();
  });

  await scenario('(e) a second admin opens the chat; the first admin sees it was taken and cannot reply', async () => {
    assert(ctx.chatUrl, 'needs the chat from (b2)');
    const c2 = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page2 = await newPage(c2, 'admin2', dialogs);
    await signInAdmin(page2, admin2Name, 'password123');
    await page2.goto(ctx.chatUrl); // deep link after a full load
    await page2.getByRole('log', { name: 'Messages' }).getByText(reply).waitFor({ timeout: T });
    await page2.getByRole('textbox', { name: 'Reply' }).and(page2.locator(':not([readonly])')).waitFor({ timeout: T });
    const banner = adminPage.getByRole('alert').filter({ hasText: `Taken by ${admin2.display_name}` });
    await banner.waitFor({ timeout: T });
    const box = adminPage.getByRole('textbox', { name: 'Reply' });
    assert((await box.getAttribute('readonly')) !== null, 'the composer is read-only');
    await adminPage.getByRole('region', { name: /Others/ }).getByText(`with ${admin2.display_name}`).first().waitFor({ timeout: T });
    await adminPage.screenshot({ path: join(SHOTS, 'admin-taken.png') });
    // The guest's header follows the new admin.
    await guestPage.getByRole('dialog').getByText(`${admin2.display_name} is answering`).waitFor({ timeout: T });
    await c2.close();
  });

  await scenario('(f) XSS payloads in a message and a display name render as text', async () => {
    const before = dialogs.length;
    // As a message from the widget.
    const box = guestPage.getByRole('textbox', { name: 'Message' });
    await box.fill(`${XSS_IMG} ${XSS_SCRIPT}`);
    await box.press('Enter');
    const dialog = guestPage.getByRole('dialog');
    await dialog.getByText(`${XSS_IMG} ${XSS_SCRIPT}`).waitFor({ timeout: T });
    // As a guest display name, through the guest API.
    const evil = await api('POST', '/auth/guest', { display_name: `${XSS_IMG}${XSS_SCRIPT}` });
    await api('POST', '/me/chat/messages', { body: `${XSS_SCRIPT} from ${run}`, client_msg_id: `xss-${run}` }, evil.access_token);
    const row = adminPage.getByRole('region', { name: /Waiting/ }).getByRole('link').filter({ hasText: `from ${run}` });
    await row.waitFor({ timeout: T });
    const rowText = await row.textContent();
    assert(rowText.includes(XSS_IMG), `the display name shows as text, got ${rowText}`);
    await row.click();
    await adminPage.getByRole('heading', { name: `${XSS_IMG}${XSS_SCRIPT}` }).waitFor({ timeout: T });
    await adminPage.getByRole('log', { name: 'Messages' }).getByText(`${XSS_SCRIPT} from ${run}`).waitFor({ timeout: T });
    await adminPage.waitForTimeout(500);
    assert((await injectedElements(adminPage)) === 0, 'no img/inline script in the admin page');
    assert((await injectedElements(guestPage)) === 0, 'no img/inline script in the widget');
    assert(dialogs.length === before, `no dialog may open, got ${dialogs.slice(before).join('; ')}`);
  });

  await scenario('(g) hostile host-page CSS cannot restyle the widget', async () => {
    const hostile = await guestContext.newPage();
    const url = `${BASE}/__e2e/hostile`;
    await hostile.route(url, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: `<!doctype html><html><head><style>
          * { color: red !important; background: yellow !important; font: 30px "Comic Sans MS" !important;
              border: 4px dashed green !important; padding: 13px !important; margin: 7px !important;
              box-sizing: content-box !important; transform: rotate(3deg) !important; opacity: .9 !important; }
          div { display: inline !important; position: static !important; width: 5px !important; }
          button { all: unset !important; width: 3px !important; height: 3px !important; background: blue !important; }
          parley-widget { display: none !important; }
          html, body { transform: none !important; }
        </style></head><body><div>Hostile page</div><button>host button</button>
        <script src="${BASE}/widget.js" async data-color="#0f766e" data-title="Hostile test"></script>
        <script src="${BASE}/widget.js" async data-color="#0f766e" data-title="Hostile test"></script>
        </body></html>`,
      }),
    );
    // The snippet pasted twice (identically: async scripts run in either order).
    await hostile.goto(url);
    const launcher = hostile.getByRole('button', { name: 'Open chat' });
    await launcher.waitFor({ timeout: T });
    await hostile.waitForTimeout(300);
    const hosts = await hostile.evaluate(() => document.querySelectorAll('parley-widget').length);
    assert(hosts === 1, `the snippet twice mounts one widget, got ${hosts}`);
    const style = await launcher.evaluate((el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return { w: s.width, h: s.height, bg: s.backgroundColor, pos: s.position, radius: s.borderTopLeftRadius, border: s.borderTopStyle, color: s.color, transform: s.transform, right: window.innerWidth - r.right, bottom: window.innerHeight - r.bottom };
    });
    assert(style.w === '60px' && style.h === '60px', `launcher size ${style.w}x${style.h}`);
    assert(style.bg === 'rgb(15, 118, 110)', `launcher colour ${style.bg}`);
    assert(style.pos === 'fixed' && style.radius === '50%', `launcher position/shape ${style.pos} ${style.radius}`);
    assert(style.border === 'none' && style.color === 'rgb(255, 255, 255)' && style.transform === 'none', `launcher restyled: ${JSON.stringify(style)}`);
    assert(Math.abs(style.right - 20) <= 1 && Math.abs(style.bottom - 20) <= 1, `launcher placement ${style.right},${style.bottom}`);
    await launcher.click();
    const panel = hostile.getByRole('dialog', { name: 'Hostile test' });
    await panel.waitFor({ timeout: T });
    const panelStyle = await panel.evaluate((el) => {
      const s = getComputedStyle(el);
      return { w: s.width, font: s.fontFamily, bg: s.backgroundColor };
    });
    assert(panelStyle.w === '370px', `panel width ${panelStyle.w}`);
    assert(panelStyle.bg === 'rgb(255, 255, 255)', `panel background ${panelStyle.bg}`);
    assert(!/comic/i.test(panelStyle.font), `panel font ${panelStyle.font}`);
    const hostText = await hostile.evaluate(() => getComputedStyle(document.querySelector('body > div')).color);
    assert(hostText === 'rgb(255, 0, 0)', 'the host page keeps its own styles');
    // The widget still works there: it catches up on the conversation over its socket.
    await panel.getByText(reply).waitFor({ timeout: T });
    await hostile.waitForTimeout(400);
    assert((await panel.getByText('Reconnecting…').count()) === 0, 'the widget is connected');
    await hostile.screenshot({ path: join(SHOTS, 'widget-hostile.png') });
    await hostile.close();
  });

  await scenario('(h) on a phone the panel fills the screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await newPage(phone, 'phone', dialogs);
    await page.goto(`${BASE}/`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const box = await page.getByRole('dialog').boundingBox();
    assert(box && box.width >= 374 && box.height >= 739, `panel ${JSON.stringify(box)}`);
    await page.getByRole('button', { name: 'Close chat' }).first().click();
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SHOTS, 'widget-phone.png') });
    await phone.close();
  });

  await scenario('(j) the admin scrolls a long history back to the first message', async () => {
    const g = await api('POST', '/auth/guest', { display_name: `Long talker ${run}` });
    let chatId = null;
    for (let i = 1; i <= 60; i++) {
      const m = await api('POST', '/me/chat/messages', { body: `hist-${run}-${String(i).padStart(2, '0')}` }, g.access_token);
      chatId = m.chat_id;
    }
    await adminPage.goto(`${BASE}/admin/chats/${chatId}`);
    const log = adminPage.getByRole('log', { name: 'Messages' });
    await log.getByText(`hist-${run}-60`, { exact: true }).waitFor({ timeout: T });
    assert((await log.getByText(`hist-${run}-01`, { exact: true }).count()) === 0, 'only the latest page is loaded first');
    await log.evaluate((el) => {
      el.scrollTop = 0;
      el.dispatchEvent(new Event('scroll'));
    });
    await log.getByText(`hist-${run}-01`, { exact: true }).waitFor({ timeout: T });
    const ids = await log.locator('[data-message-id]').evaluateAll((els) => els.map((e) => Number(e.dataset.messageId)));
    assert(ids.length === 60 && ids.every((id, i) => i === 0 || id > ids[i - 1]), `60 messages in id order, got ${ids.length}`);
  });

  await scenario('(k) a registered customer signs in from the widget and sees their chat on another device', async () => {
    const me = await api('POST', '/auth/login', { username: 'user', password: 'password' });
    const text = `Registered customer here (${run})`;
    const devices = [];
    for (let d = 0; d < 2; d++) {
      const c = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      devices.push(c);
      const page = await newPage(c, `customer-${d}`, dialogs);
      await page.goto(`${BASE}/`);
      await page.getByRole('button', { name: 'Open chat' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Sign in' }).click();
      await dialog.getByLabel('Username').fill('user');
      await dialog.getByLabel('Password').fill('password');
      await dialog.getByRole('button', { name: 'Sign in' }).click();
      await dialog.getByText(`Signed in as ${me.user.display_name}`).waitFor({ timeout: T });
      if (d === 0) {
        const box = dialog.getByRole('textbox', { name: 'Message' });
        await box.fill(text);
        await box.press('Enter');
        await dialog.locator('.pw-mine').filter({ hasText: text }).getByText(/Sent|Read/).waitFor({ timeout: T });
      } else {
        await dialog.getByText(text).waitFor({ timeout: T });
      }
    }
    for (const c of devices) await c.close();
  });

  await scenario('(l) after a dropped connection the widget catches up and sends what was typed offline, once', async () => {
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await newPage(c, 'flaky', dialogs);
    const net = await flakySocket(page);
    await page.goto(`${BASE}/`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const dialog = page.getByRole('dialog');
    const box = dialog.getByRole('textbox', { name: 'Message' });
    await box.fill(`before the drop ${run}`);
    await box.press('Enter');
    await dialog.locator('.pw-mine').filter({ hasText: `before the drop ${run}` }).getByText(/Sent|Read/).waitFor({ timeout: T });
    const guestToken = await page.evaluate((k) => localStorage.getItem(k), `parley:${BASE}:token`);
    const chat = await api('GET', '/me/chat', undefined, guestToken);
    await api('POST', `/chats/${chat.id}/open`, undefined, adminLogin.access_token);

    net.drop();
    await dialog.getByText('Reconnecting…').waitFor({ timeout: T });
    const missed = await api('POST', `/chats/${chat.id}/messages`, { body: `sent while you were away ${run}` }, adminLogin.access_token);
    await box.fill(`typed while offline ${run}`);
    await box.press('Enter');
    await dialog.locator('.pw-pending').filter({ hasText: `typed while offline ${run}` }).waitFor({ timeout: T });

    net.restore();
    await dialog.getByText(`sent while you were away ${run}`).waitFor({ timeout: 20_000 });
    await dialog.locator('.pw-mine').filter({ hasText: `typed while offline ${run}` }).getByText(/Sent|Read/).waitFor({ timeout: T });
    assert((await dialog.getByText('Reconnecting…').count()) === 0, 'the banner goes away');
    const lastAuth = net.auths[net.auths.length - 1];
    assert(typeof lastAuth.params.since === 'number' && lastAuth.params.since > 0 && lastAuth.params.since < missed.id, `re-auth since the last seen id, got ${JSON.stringify(lastAuth.params.since)}`);
    const history = await api('GET', `/chats/${chat.id}/messages?limit=100`, undefined, adminLogin.access_token);
    const copies = history.items.filter((m) => m.body === `typed while offline ${run}`);
    assert(copies.length === 1, `the offline message exists once, found ${copies.length}`);
    await c.close();
  });

  await scenario('(m) after a dropped connection the admin panel catches up without a reload', async () => {
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await newPage(c, 'flaky-admin', dialogs);
    const net = await flakySocket(page);
    await signInAdmin(page, 'admin', 'password');
    net.drop();
    await page.getByRole('status', { name: 'Connection: Reconnecting…' }).waitFor({ timeout: T });
    const g = await api('POST', '/auth/guest', { display_name: `Night owl ${run}` });
    await api('POST', '/me/chat/messages', { body: `anyone awake? ${run}` }, g.access_token);
    net.restore();
    await page.getByRole('status', { name: 'Connection: Connected' }).waitFor({ timeout: 20_000 });
    await page.getByRole('region', { name: /Waiting/ }).getByRole('link').filter({ hasText: `anyone awake? ${run}` }).waitFor({ timeout: T });
    const since = net.auths[net.auths.length - 1].params.since;
    assert(since && typeof since === 'object' && Object.keys(since).length > 0, `admins re-auth with since per chat, got ${JSON.stringify(since)}`);
    await c.close();
  });

  await scenario('(n) the admin panel refuses a customer and explains a wrong password', async () => {
    const c = await browser.newContext();
    const page = await newPage(c, 'signin', dialogs);
    await page.goto(`${BASE}/admin`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor({ timeout: T });
    await page.getByLabel('Password').fill('password');
    await page.getByLabel('Username').fill('user');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'This panel is for support staff' }).waitFor({ timeout: T });
    await page.screenshot({ path: join(SHOTS, 'admin-signin.png') });
    await c.close();
  });

  // Feature suites in modules of their own: each exports `default async (ctx) => {...}` and runs its
  // scenarios with the same helpers.
  for (const file of ['./loader.mjs', './desk.mjs', './widget-offline.mjs', './files.mjs', './widget-files.mjs', './widget-rating.mjs', './reports.mjs']) {
    suite = file.replace(/^\.\/|\.mjs$/g, '');
    if (ONLY && !ONLY.has(suite)) continue;
    if (!existsSync(fileURLToPath(new URL(file, import.meta.url)))) continue;
    const mod = await import(file);
    await mod.default({ browser, scenario, assert, api, newPage, signInAdmin, dialogs, BASE, API, SHOTS, T, run, adminLogin });
  }
} catch (err) {
  failed += 1;
  console.log(`  FAIL setup: ${err?.stack ?? err}`);
} finally {
  await browser.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}

if (ONLY) console.log(`E2E_ONLY=${[...ONLY].join(',')}: other suites skipped${skipped ? ` (${skipped} scenarios of core)` : ''}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

// The widget on other sites: host pages of a second (allowed) origin and a third (refused) one,
// served here by small node servers on their own loopback ports (tests/e2e/run.sh puts the
// second into ALLOWED_ORIGINS). Run by run.mjs with its helpers.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEMO = readFileSync(fileURLToPath(new URL('../demo/index.html', import.meta.url)), 'utf8');
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const STUB = 'window.Parley=window.Parley||function(){(Parley.q=Parley.q||[]).push(arguments)};';

/** A static server for host pages: `pages` maps a path to {body, type?, headers?}. */
function hostServer(port) {
  const pages = new Map();
  const server = createServer((req, res) => {
    const page = pages.get(new URL(req.url, 'http://x').pathname);
    if (!page) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': page.type ?? 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...(page.headers ?? {}) });
    res.end(page.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${port}`, pages, close: () => server.close() }));
  });
}

/** The demo shop with its snippet pointing at the Parley server, `attrs` added to the tag. */
function shop(BASE, { attrs = '', head = '' } = {}) {
  return DEMO.replace('<script src="/widget.js" async></script>', `<script src="${BASE}/widget.js" async ${attrs}></script>`).replace('</head>', `${head}</head>`);
}

/** Everything a page asks of the Parley server, every console message and every failed response. */
function watch(page, BASE) {
  const seen = { requests: [], console: [], failed: [], frames: [] };
  page.on('request', (r) => {
    if (r.url().startsWith(BASE)) seen.requests.push(r.url().slice(BASE.length));
  });
  page.on('console', (m) => seen.console.push({ type: m.type(), text: m.text() }));
  page.on('response', (r) => {
    if (r.status() >= 400) seen.failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('websocket', (ws) => ws.on('framesent', (f) => seen.frames.push(String(f.payload))));
  return {
    ...seen,
    /** Parley paths requested, without query strings. */
    paths: () => seen.requests.map((u) => u.split('?')[0]),
    errors: () => seen.console.filter((m) => m.type === 'error'),
    warnings: () => seen.console.filter((m) => m.type === 'warning'),
    sent: (method) => seen.frames.map((f) => JSON.parse(f)).filter((f) => f.method === method),
  };
}

const isChat = (path) => /^\/widget\/assets\/chat-[\w-]+\.js$/.test(path);

export default async function loaderSuite({ browser, scenario, assert, api, newPage, dialogs, BASE, SHOTS, T, run, adminLogin }) {
  const hostPort = Number(process.env.E2E_HOST_PORT);
  const refusedPort = Number(process.env.E2E_REFUSED_PORT);
  const secret = process.env.E2E_IDENTITY_SECRET;
  if (!hostPort || !refusedPort || !secret) {
    await scenario('(L) the loader suite has its host origins', async () => {
      throw new Error('E2E_HOST_PORT, E2E_REFUSED_PORT and E2E_IDENTITY_SECRET come from tests/e2e/run.sh');
    });
    return;
  }
  const host = await hostServer(hostPort);
  const refused = await hostServer(refusedPort);
  const WS = BASE.replace(/^http/, 'ws');
  const admin = adminLogin.access_token;
  const ctx = {};
  const fresh = () => browser.newContext({ viewport: { width: 1280, height: 800 } });

  try {
    host.pages.set('/shop', { body: shop(BASE) });
    host.pages.set('/shop-lazy', { body: shop(BASE, { attrs: 'data-preload="none"' }) });

    await scenario('(L1) first paint on another origin fetches only the loader and the config call', async () => {
      const c = await fresh();
      const page = await newPage(c, 'host-first', dialogs);
      const w = watch(page, BASE);
      await page.goto(`${host.origin}/shop-lazy`);
      await page.getByRole('button', { name: 'Open chat' }).waitFor({ timeout: T });
      await page.waitForTimeout(2500); // past load and idle: nothing more may come
      assert(JSON.stringify(w.paths()) === JSON.stringify(['/widget.js', '/api/v1/widget/config']), `requests before opening: ${JSON.stringify(w.paths())}`);
      // Opening fetches the chat and nothing else: a new visitor has no session to look up.
      await page.getByRole('button', { name: 'Open chat' }).click();
      await page.getByRole('dialog').getByRole('textbox', { name: 'Message' }).waitFor({ timeout: T });
      const after = w.paths().slice(2);
      assert(after.length === 1 && isChat(after[0]), `requests on opening: ${JSON.stringify(after)}`);
      assert(w.errors().length === 0 && w.failed.length === 0, `no red console errors, no 4xx: ${JSON.stringify([...w.errors(), ...w.failed])}`);
      await c.close();
    });

    await scenario('(L2) by default the chat loads at browser idle after the load event, not before', async () => {
      const c = await fresh();
      const page = await newPage(c, 'host-idle', dialogs);
      const w = watch(page, BASE);
      // What the page had fetched when its load event fired (this listener runs before the loader's).
      await page.addInitScript(() => {
        window.addEventListener('load', () => {
          document.documentElement.dataset.atLoad = JSON.stringify(performance.getEntriesByType('resource').map((e) => e.name));
        });
      });
      await page.goto(`${host.origin}/shop`);
      const atLoad = JSON.parse(await page.evaluate(() => document.documentElement.dataset.atLoad));
      assert(!atLoad.some((u) => u.includes('/widget/assets/')), `the chat was fetched before load: ${atLoad.join(', ')}`);
      await page.waitForResponse((r) => isChat(new URL(r.url()).pathname), { timeout: T });
      assert(w.paths().filter(isChat).length === 1, 'the chat bundle is fetched once');
      await page.getByRole('button', { name: 'Open chat' }).click();
      await page.getByRole('dialog').waitFor({ timeout: T });
      assert(w.errors().length === 0 && w.failed.length === 0, `no console errors: ${JSON.stringify([...w.errors(), ...w.failed])}`);
      await c.close();
    });

    await scenario("(L3) a visitor writes from another origin; back later, their chat loads at once with the unread reply", async () => {
      const c = await fresh();
      ctx.visitor = c;
      const page = await newPage(c, 'host-visitor', dialogs);
      await page.goto(`${host.origin}/shop-lazy`);
      await page.getByRole('button', { name: 'Open chat' }).click();
      const dialog = page.getByRole('dialog');
      const text = `Hello from another origin ${run}`;
      await dialog.getByRole('textbox', { name: 'Message' }).fill(text);
      await dialog.getByRole('textbox', { name: 'Message' }).press('Enter');
      await dialog.locator('.pw-mine').filter({ hasText: text }).getByText(/Sent|Read/).waitFor({ timeout: T });
      // The admin of run.mjs is signed in: the new visitor's socket hears that support is online.
      await dialog.getByText('Support is online').waitFor({ timeout: T });
      const token = await page.evaluate((k) => localStorage.getItem(k), `parley:${BASE}:token`);
      const chat = await api('GET', '/me/chat', undefined, token);
      ctx.chat = chat;
      ctx.token = token;
      assert(chat.last_message.body === text, 'the message reached the server');
      await page.close();

      await api('POST', `/chats/${chat.id}/open`, undefined, admin);
      await api('POST', `/chats/${chat.id}/messages`, { body: `We are here (${run})` }, admin);
      const back = await newPage(c, 'host-returning', dialogs);
      const w = watch(back, BASE);
      await back.goto(`${host.origin}/shop-lazy`);
      // data-preload="none", yet a stored session loads the chat without a click.
      await back.getByRole('button', { name: 'Open chat' }).getByText('1').waitFor({ timeout: T });
      assert(w.paths().some(isChat), 'the chat loaded at once for a returning visitor');
      await back.getByRole('button', { name: 'Open chat' }).click();
      await back.getByRole('dialog').getByText(`We are here (${run})`).waitFor({ timeout: T });
      assert(w.errors().length === 0 && w.failed.length === 0, `no console errors: ${JSON.stringify([...w.errors(), ...w.failed])}`);
      ctx.page = back;
    });

    await scenario('(L4) API calls queued before the script loads take effect: on, identify with email, setAttributes, open', async () => {
      const id = `e2e-${run}`;
      const hash = createHmac('sha256', secret).update(id).digest('hex');
      const calls = [
        STUB,
        `Parley('on','open',function(){document.body.dataset.parleyOpened='yes'});`,
        `Parley('on','message',function(m){document.body.dataset.parleyMessages=(Number(document.body.dataset.parleyMessages||0)+1)});`,
        `Parley('identify',{id:${JSON.stringify(id)},name:'Ida Queue',hash:${JSON.stringify(hash)},email:'ida@example.com'});`,
        `Parley('setAttributes',{plan:'pro',seats:3});`,
        `Parley('open');`,
      ].join('\n');
      host.pages.set('/queued', { body: shop(BASE, { attrs: 'data-preload="none"', head: `<script>${calls}</script>` }) });
      const c = await fresh();
      const page = await newPage(c, 'host-queued', dialogs);
      const w = watch(page, BASE);
      await page.goto(`${host.origin}/queued`);
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: T });
      await page.waitForFunction(() => document.body.dataset.parleyOpened === 'yes', undefined, { timeout: T });
      await page.waitForFunction((k) => localStorage.getItem(k), `parley:${BASE}:token`, { timeout: T });
      const token = await page.evaluate((k) => localStorage.getItem(k), `parley:${BASE}:token`);
      const me = await api('GET', '/me', undefined, token);
      assert(me.display_name === 'Ida Queue' && !me.is_guest, `identified as the site's user, got ${JSON.stringify(me)}`);
      await page.waitForFunction(() => true);
      const deadline = Date.now() + T;
      while (!w.sent('visitor.attributes').length && Date.now() < deadline) await page.waitForTimeout(100);
      const attrs = w.sent('visitor.attributes');
      assert(attrs.length === 1 && attrs[0].params.attributes.plan === 'pro' && attrs[0].params.attributes.seats === 3, `attributes sent once: ${JSON.stringify(attrs)}`);
      const box = dialog.getByRole('textbox', { name: 'Message' });
      await box.fill(`queued hello ${run}`);
      await box.press('Enter');
      await dialog.locator('.pw-mine').filter({ hasText: `queued hello ${run}` }).getByText(/Sent|Read/).waitFor({ timeout: T });
      await page.waitForFunction(() => Number(document.body.dataset.parleyMessages) >= 1, undefined, { timeout: T });
      // The host page's sign-out forgets the visitor.
      await page.evaluate(() => window.Parley('logout'));
      assert((await page.evaluate((k) => localStorage.getItem(k), `parley:${BASE}:token`)) === null, 'logout drops the stored token');
      await c.close();
    });

    await scenario('(L5) on a refused origin the loader draws nothing, warns once, and asks nothing more', async () => {
      refused.pages.set('/shop', { body: shop(BASE) });
      const c = await fresh();
      const page = await newPage(c, 'refused', dialogs);
      const w = watch(page, BASE);
      await page.goto(`${refused.origin}/shop`);
      await page.waitForTimeout(2500);
      assert((await page.locator('parley-widget').count()) === 0, 'no widget element');
      assert(JSON.stringify(w.paths()) === JSON.stringify(['/widget.js', '/api/v1/widget/config']), `requests: ${JSON.stringify(w.paths())}`);
      const warns = w.warnings().filter((m) => m.text.includes('[parley]'));
      assert(warns.length === 1, `one warning, got ${JSON.stringify(w.warnings())}`);
      assert(warns[0].text.includes(refused.origin) && warns[0].text.includes('ALLOWED_ORIGINS'), `the warning names the origin and the setting: ${warns[0].text}`);
      assert(w.errors().length === 0, `no red errors: ${JSON.stringify(w.errors())}`);
      const globals = await page.evaluate(() => typeof window.Parley);
      assert(globals === 'function', 'Parley() stays callable (and does nothing)');
      await page.evaluate(() => window.Parley('open'));
      await page.waitForTimeout(300);
      assert(w.paths().length === 2, 'Parley("open") on a refused origin fetches nothing');
      await c.close();
    });

    await scenario('(L6) under a strict CSP and CSS that hides everything of the host, the chat works', async () => {
      const csp = [
        "default-src 'none'",
        `script-src ${BASE}`,
        `connect-src ${BASE} ${WS}`,
        "style-src 'self'",
        "img-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; ');
      host.pages.set('/hostile.css', { type: 'text/css', body: 'body * { display: none !important; } body { background: #300 !important; }' });
      host.pages.set('/strict', {
        headers: { 'Content-Security-Policy': csp },
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict shop</title>
          <link rel="stylesheet" href="/hostile.css"></head>
          <body><main><h1>Strict shop</h1><p>Everything here is hidden.</p></main>
          <script src="${BASE}/widget.js" async data-title="Strict shop" data-preload="none"></script></body></html>`,
      });
      const c = await fresh();
      const page = await newPage(c, 'strict', dialogs);
      const w = watch(page, BASE);
      await page.goto(`${host.origin}/strict`);
      const launcher = page.getByRole('button', { name: 'Open chat' });
      await launcher.waitFor({ timeout: T });
      assert((await page.getByRole('heading', { name: 'Strict shop' }).isVisible()) === false, "the host's CSS hides its own content");
      await launcher.click();
      const dialog = page.getByRole('dialog', { name: 'Strict shop' });
      const box = dialog.getByRole('textbox', { name: 'Message' });
      await box.fill(`under a strict CSP ${run}`);
      await box.press('Enter');
      await dialog.locator('.pw-mine').filter({ hasText: `under a strict CSP ${run}` }).getByText(/Sent|Read/).waitFor({ timeout: T });
      const token = await page.evaluate((k) => localStorage.getItem(k), `parley:${BASE}:token`);
      const chat = await api('GET', '/me/chat', undefined, token);
      await api('POST', `/chats/${chat.id}/open`, undefined, admin);
      await api('POST', `/chats/${chat.id}/messages`, { body: `CSP reply ${run}` }, admin);
      await dialog.getByText(`CSP reply ${run}`).waitFor({ timeout: T });
      const style = await dialog.evaluate((el) => ({ w: getComputedStyle(el).width, bg: getComputedStyle(el).backgroundColor }));
      assert(style.w === '370px' && style.bg === 'rgb(255, 255, 255)', `the panel keeps its own styles: ${JSON.stringify(style)}`);
      const blocked = w.console.filter((m) => /Content Security Policy|Refused to/i.test(m.text));
      assert(blocked.length === 0, `nothing refused by the CSP: ${JSON.stringify(blocked)}`);
      assert(w.errors().length === 0, `no console errors: ${JSON.stringify(w.errors())}`);
      await page.screenshot({ path: join(SHOTS, 'widget-strict-csp.png') });
      await c.close();
    });

    await scenario('(L7) axe-core finds nothing caused by the widget on the shop page, closed and open', async () => {
      const c = await fresh();
      const page = await newPage(c, 'axe', dialogs);
      await page.goto(`${host.origin}/shop-lazy`);
      await page.getByRole('button', { name: 'Open chat' }).waitFor({ timeout: T });
      await page.addScriptTag({ path: AXE });
      const audit = () =>
        page.evaluate(async () => {
          const result = await window.axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
        });
      const byWidget = (list) =>
        list
          .map((v) => ({ ...v, targets: v.targets.filter((t) => t.includes('parley-widget')) }))
          // Rules about the page's landmarks as a whole name the html element, not the widget.
          .filter((v) => v.targets.length > 0 || ['landmark-no-duplicate-banner', 'landmark-unique', 'page-has-heading-one'].includes(v.id));
      const closed = byWidget(await audit());
      await page.getByRole('button', { name: 'Open chat' }).click();
      await page.getByRole('dialog').getByRole('textbox', { name: 'Message' }).waitFor({ timeout: T });
      await page.waitForTimeout(300);
      const open = byWidget(await audit());
      assert(closed.length === 0 && open.length === 0, `axe violations caused by the widget: ${JSON.stringify({ closed, open })}`);
      await c.close();
    });

    await scenario('(L8) on a 390 px phone the panel fills the screen of the host page', async () => {
      const c = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const page = await newPage(c, 'phone-390', dialogs);
      await page.goto(`${host.origin}/shop-lazy`);
      await page.screenshot({ path: join(SHOTS, 'widget-phone-390-closed.png') });
      await page.getByRole('button', { name: 'Open chat' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: T });
      const box = await dialog.boundingBox();
      assert(box && box.width === 390 && box.height >= 843, `panel ${JSON.stringify(box)}`);
      const scrollW = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(scrollW <= 390, `no sideways scroll: ${scrollW}`);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SHOTS, 'widget-phone-390.png') });
      await c.close();
    });

    await scenario('(D1) the widget shows a resolved conversation, and writing again reopens it', async () => {
      assert(ctx.page && ctx.chat, 'needs the visitor of (L3)');
      const page = ctx.page;
      const dialog = page.getByRole('dialog');
      await api('POST', `/chats/${ctx.chat.id}/resolve`, undefined, admin);
      await dialog.getByText(/marked as resolved/).waitFor({ timeout: T });
      await page.screenshot({ path: join(SHOTS, 'widget-resolved.png') });
      const box = dialog.getByRole('textbox', { name: 'Message' });
      await box.fill(`one more thing ${run}`);
      await box.press('Enter');
      await dialog.locator('.pw-mine').filter({ hasText: `one more thing ${run}` }).getByText(/Sent|Read/).waitFor({ timeout: T });
      await dialog.getByText(/marked as resolved/).waitFor({ state: 'detached', timeout: T });
      const chat = await api('GET', '/me/chat', undefined, ctx.token);
      assert(chat.status === 'waiting' && chat.admin === null, `the chat is waiting again: ${chat.status}`);
    });

    await scenario('(D2) the widget reports the page on load and on single-page-app navigation, throttled', async () => {
      assert(ctx.visitor && ctx.chat, 'needs the visitor of (L3)');
      const page = await newPage(ctx.visitor, 'host-spa', dialogs);
      const w = watch(page, BASE);
      await page.goto(`${host.origin}/shop`);
      const deadline = Date.now() + T;
      while (!w.sent('visitor.page').length && Date.now() < deadline) await page.waitForTimeout(100);
      const first = w.sent('visitor.page');
      assert(first.length === 1 && first[0].params.url === `${host.origin}/shop`, `page on load: ${JSON.stringify(first)}`);
      assert(first[0].params.title.startsWith('Fern & Clay') && first[0].params.language && first[0].params.timezone, `title, language, time zone: ${JSON.stringify(first[0].params)}`);
      await page.evaluate(() => {
        history.pushState({}, '', '/shop/mugs');
        document.title = 'Mugs — Fern & Clay';
        history.pushState({}, '', '/shop/mugs?colour=sage');
        location.hash = 'reviews';
      });
      await page.waitForTimeout(3000);
      const pages = w.sent('visitor.page');
      assert(pages.length === 2, `three navigations within the throttle make one report, got ${pages.length}`);
      assert(pages[1].params.url === `${host.origin}/shop/mugs?colour=sage#reviews` && pages[1].params.title === 'Mugs — Fern & Clay', `the latest page: ${JSON.stringify(pages[1].params)}`);
      const res = await fetch(`${BASE}/api/v1/chats/${ctx.chat.id}/visitor`, { headers: { Authorization: `Bearer ${admin}` } });
      if (res.status === 404 && (await res.clone().json()).detail === 'Not Found') {
        console.log('       (the visitor endpoint is not served yet: checked what the widget sends)');
      } else {
        const visitor = await res.json();
        assert(res.ok && visitor.current_page?.url === pages[1].params.url, `the admin sees the current page: ${JSON.stringify(visitor.current_page)}`);
        assert(visitor.pages.some((p) => p.url === `${host.origin}/shop`), 'and the page before it in the trail');
      }
      await page.close();
    });

    await scenario('(D3) a blocked visitor is told plainly that they can no longer send messages', async () => {
      assert(ctx.page && ctx.chat, 'needs the visitor of (L3)');
      const page = ctx.page;
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Message' }).fill(`half-typed ${run}`);
      await api('POST', `/chats/${ctx.chat.id}/block`, undefined, admin);
      // The chat's state event says so at once, in place of the composer.
      await dialog.getByText('You can no longer send messages here.').waitFor({ timeout: T });
      assert((await dialog.getByRole('textbox', { name: 'Message' }).count()) === 0, 'no composer for a blocked visitor');
      await page.screenshot({ path: join(SHOTS, 'widget-blocked.png') });
      await page.reload();
      await page.getByRole('button', { name: 'Open chat' }).click();
      await page.getByRole('dialog').getByText('You can no longer send messages here.').waitFor({ timeout: T });
      await api('POST', `/chats/${ctx.chat.id}/unblock`, undefined, admin);
      await ctx.visitor.close();
    });
  } finally {
    host.close();
    refused.close();
  }
}

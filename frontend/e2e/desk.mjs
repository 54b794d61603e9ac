// The support desk in a real browser (issue 12): resolve and reopen, notes, canned replies, the visitor
// panel, search, away, blocking, Russian, a phone-sized panel and axe-core on every panel page.
// Run from run.mjs, which passes its browser and helpers.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));

/** Checks every panel suite runs: axe-core, no sideways scroll, a control within the screen. */
export function panelChecks(assert) {
  /** No serious or critical axe-core violation on what the page shows now. */
  async function axe(page, label) {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
    const bad = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    assert(bad.length === 0, `axe on ${label}: ${bad.join('; ')}`);
  }

  /** Nothing runs off the right edge: no sideways scroll. */
  async function fits(page, label) {
    const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: innerWidth, bw: document.body.scrollWidth }));
    assert(m.sw <= m.w && m.bw <= m.w, `${label}: page is ${m.sw}px (body ${m.bw}px) wide in a ${m.w}px window`);
  }

  async function inView(page, locator, label) {
    const box = await locator.boundingBox();
    const w = await page.evaluate(() => innerWidth);
    assert(box && box.x >= 0 && box.x + box.width <= w + 0.5, `${label} is off screen: ${JSON.stringify(box)} in ${w}px`);
  }

  return { axe, fits, inView };
}

export default async function desk({ browser, scenario, assert, api, newPage, signInAdmin, dialogs, BASE, SHOTS, T, run, adminLogin }) {
  const admin = adminLogin.access_token;
  // bypassCSP: axe is injected as an inline script, which the panel's Content-Security-Policy forbids.
  const deskContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const desk = await newPage(deskContext, 'desk', dialogs);
  const ctx = {};

  const { axe, fits, inView } = panelChecks(assert);

  async function guest(name, body) {
    const g = await api('POST', '/auth/guest', { display_name: name });
    const m = await api('POST', '/me/chat/messages', { body }, g.access_token);
    return { token: g.access_token, user: g.user, chatId: m.chat_id };
  }

  /** A visitor on the shop page who has opened the widget and written `text`. */
  async function shopper(label, text) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await newPage(context, label, dialogs);
    await page.goto(`${BASE}/`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const dialog = page.getByRole('dialog');
    const box = dialog.getByRole('textbox', { name: 'Message' });
    await box.fill(text);
    await box.press('Enter');
    await dialog.getByText(/Sent|Read/).first().waitFor({ timeout: T });
    const token = await page.evaluate((k) => localStorage.getItem(k), `parley:${BASE}:token`);
    const chat = await api('GET', '/me/chat', undefined, token);
    return { context, page, dialog, token, chatId: chat.id };
  }

  const region = (page, name) => page.getByRole('region', { name });
  const rowFor = (page, section, text) => region(page, section).getByRole('link').filter({ hasText: text });
  const log = (page) => page.getByRole('log', { name: 'Messages' });

  async function openFromList(page, section, text) {
    const row = rowFor(page, section, text);
    await row.waitFor({ timeout: T });
    await row.click();
    await log(page).getByText(text).first().waitFor({ timeout: T });
  }

  await scenario('(desk a) an admin resolves a chat (Alt+R), it comes back reopened when the visitor writes', async () => {
    await signInAdmin(desk, 'admin', 'password');
    await region(desk, /Resolved/).waitFor();
    const g = await guest(`Resolver ${run}`, `first question ${run}`);
    await openFromList(desk, /Waiting/, `first question ${run}`);
    const resolve = desk.getByRole('button', { name: /Resolve/ });
    assert((await resolve.getAttribute('aria-keyshortcuts')) === 'Alt+R', 'the shortcut is announced');
    assert((await resolve.getAttribute('title')).includes('Alt+R'), 'the shortcut is in the tooltip');
    await desk.getByRole('textbox', { name: 'Reply' }).focus();
    await desk.keyboard.press('Alt+KeyR');
    await rowFor(desk, /Resolved/, `first question ${run}`).waitFor({ timeout: T });
    await desk.getByText('This conversation is resolved. Writing here reopens it.').waitFor({ timeout: T });
    assert((await desk.getByRole('textbox', { name: 'Reply' }).inputValue()) === '', 'Alt+R typed nothing');
    assert((await api('GET', `/chats/${g.chatId}`, undefined, admin)).status === 'resolved', 'the server has it resolved');

    await api('POST', '/me/chat/messages', { body: `it broke again ${run}` }, g.token);
    const back = rowFor(desk, /Waiting/, `it broke again ${run}`);
    await back.waitFor({ timeout: T });
    await back.getByText('Reopened').waitFor({ timeout: T });
    assert((await rowFor(desk, /Resolved/, `Resolver ${run}`).count()) === 0, 'it left the Resolved list');
    await desk.screenshot({ path: join(SHOTS, 'desk-reopened.png') });
    // Resolved again with the button this time.
    await back.click();
    await log(desk).getByText(`it broke again ${run}`).waitFor({ timeout: T });
    await desk.getByRole('button', { name: /Resolve/ }).click();
    await rowFor(desk, /Resolved/, `it broke again ${run}`).waitFor({ timeout: T });
    assert((await api('GET', `/chats/${g.chatId}`, undefined, admin)).status === 'resolved', 'resolved again');
  });

  await scenario('(desk b) a note stays in the panel and never reaches the widget', async () => {
    const s = await shopper('note-guest', `Can you check my order? ${run}`);
    ctx.shopper = s;
    await openFromList(desk, /Waiting/, `Can you check my order? ${run}`);
    await desk.getByRole('button', { name: /Note/ }).click();
    const noteBox = desk.getByRole('textbox', { name: 'Internal note' });
    await noteBox.fill(`secret: refund approved by finance ${run}`);
    await noteBox.press('Enter');
    const note = log(desk).locator('.msg.note').filter({ hasText: `secret: refund approved by finance ${run}` });
    await note.waitFor({ timeout: T });
    await note.getByText('Internal note').waitFor();
    await desk.getByRole('button', { name: 'Reply', exact: true }).click();
    const box = desk.getByRole('textbox', { name: 'Reply' });
    await box.fill(`Checking it now ${run}`);
    await box.press('Enter');
    await log(desk).locator('.msg.mine').filter({ hasText: `Checking it now ${run}` }).getByText(/Sent|Read/).waitFor({ timeout: T });
    await desk.screenshot({ path: join(SHOTS, 'desk-note.png') });

    await s.dialog.getByText(`Checking it now ${run}`).waitFor({ timeout: T });
    assert((await s.dialog.getByText(`refund approved by finance ${run}`).count()) === 0, 'the widget shows no note');
    await s.page.reload();
    await s.page.getByRole('button', { name: 'Open chat' }).click();
    await s.page.getByRole('dialog').getByText(`Checking it now ${run}`).waitFor({ timeout: T });
    assert((await s.page.getByRole('dialog').getByText(`refund approved by finance ${run}`).count()) === 0, 'nor after a reload');
    const history = await api('GET', `/chats/${s.chatId}/messages?limit=100`, undefined, s.token);
    assert(!history.items.some((m) => m.kind === 'note' || m.body.includes('refund approved')), 'REST history has no note for the customer');
    const mine = await api('GET', '/me/chat', undefined, s.token);
    assert(mine.last_message?.body === `Checking it now ${run}`, `the customer's last message is the reply, got ${mine.last_message?.body}`);
    // The panel keeps the note after a reload.
    await desk.reload();
    await log(desk).locator('.msg.note').filter({ hasText: `refund approved by finance ${run}` }).waitFor({ timeout: T });
  });

  await scenario('(desk c) typing / opens the canned replies picker; the names are filled in before sending', async () => {
    assert(ctx.shopper, 'needs the chat from (desk b)');
    const shortcut = `ship-${run}`;
    await api('POST', '/canned', { shortcut, title: `Shipping ${run}`, body: 'Hi {customer}, your order ships today. {admin}' }, admin);
    await api('POST', '/canned', { shortcut: `zz-${run}`, title: null, body: `We ship-${run} on weekends too` }, admin);
    const box = desk.getByRole('textbox', { name: 'Reply' });
    await box.fill('');
    await box.pressSequentially(`/ship-${run}`);
    const list = desk.getByRole('listbox', { name: 'Canned replies' });
    await list.waitFor({ timeout: T });
    const options = list.getByRole('option');
    await options.first().getByText(`/ship-${run}`).waitFor({ timeout: T });
    assert((await options.first().getAttribute('aria-selected')) === 'true', 'the first option is selected');
    assert((await box.getAttribute('aria-activedescendant')) === (await options.first().getAttribute('id')), 'the textbox points at it');
    await desk.screenshot({ path: join(SHOTS, 'desk-canned-picker.png') });
    await axe(desk, 'the chat with the canned picker open');
    await box.press('Escape');
    await list.waitFor({ state: 'detached', timeout: T });
    await box.fill('');
    await box.pressSequentially(`/ship-${run}`);
    await list.getByRole('option').first().waitFor({ timeout: T });
    await box.press('Enter');
    const customer = (await api('GET', `/chats/${ctx.shopper.chatId}`, undefined, admin)).customer.display_name;
    const value = await box.inputValue();
    assert(value === `Hi ${customer}, your order ships today. ${adminLogin.user.display_name}`, `placeholders filled, got ${value}`);
    await box.press('Enter');
    await log(desk).locator('.msg.mine').filter({ hasText: value }).getByText(/Sent|Read/).waitFor({ timeout: T });
    await ctx.shopper.page.getByRole('dialog').getByText(value).waitFor({ timeout: T });

    // The page that manages them: listed, and a taken shortcut explained.
    const nav = desk.getByRole('button', { name: 'Canned replies' });
    if (!(await nav.isVisible())) await desk.getByRole('button', { name: 'Menu' }).click();
    await nav.click();
    await desk.getByRole('heading', { name: 'Canned replies', level: 1 }).waitFor({ timeout: T });
    await desk.getByText(`/${shortcut}`).first().waitFor({ timeout: T });
    const form = desk.locator('form.canned-form').first();
    await form.getByLabel('Shortcut').fill(shortcut);
    await form.getByLabel('Text').fill('duplicate');
    await form.getByRole('button', { name: 'Add reply' }).click();
    await form.getByRole('alert').filter({ hasText: `The shortcut /${shortcut} is taken` }).waitFor({ timeout: T });
    await axe(desk, 'the canned replies page');
    await desk.screenshot({ path: join(SHOTS, 'desk-canned-page.png') });
  });

  await scenario('(desk d) the visitor panel shows the page the visitor is on, live', async () => {
    const s = await shopper('visitor-guest', `Which size fits? ${run}`);
    ctx.visitor = s;
    await desk.goto(`${BASE}/admin`);
    await openFromList(desk, /Waiting/, `Which size fits? ${run}`);
    const panel = desk.getByRole('complementary', { name: 'Visitor' });
    const current = panel.getByRole('region', { name: 'Current page' });
    await current.getByText(`${BASE}/`, { exact: true }).waitFor({ timeout: T });
    await panel.getByText('Online').waitFor({ timeout: T });
    await panel.getByText(/Chrome/).first().waitFor({ timeout: T });
    await panel.getByText(/Linux/).first().waitFor({ timeout: T });
    await s.page.evaluate(() => {
      history.pushState({}, '', '/products/teapot');
      document.title = 'Teapot';
    });
    await current.getByText(`${BASE}/products/teapot`).waitFor({ timeout: T });
    await panel.getByRole('region', { name: 'Pages visited' }).getByText(`${BASE}/`, { exact: true }).waitFor({ timeout: T });
    await desk.screenshot({ path: join(SHOTS, 'desk-visitor.png') });
    await axe(desk, 'the chat with its visitor panel');
  });

  await scenario('(desk e) search finds a word, highlights it, and jumps to the message in its chat', async () => {
    const word = `zebrafish${run}`;
    const g = await api('POST', '/auth/guest', { display_name: `Searcher ${run}` });
    for (let i = 1; i <= 70; i++) {
      const body = i === 5 ? `my ${word} arrived broken` : i === 6 ? `Где мой заказ${run}?` : `line ${i} of a long story ${run}`;
      await api('POST', '/me/chat/messages', { body }, g.access_token);
    }
    await desk.goto(`${BASE}/admin/search`);
    const input = desk.getByRole('searchbox', { name: 'Words to find' });
    // Upper case and only the start of the word: matching is case-insensitive and by prefix.
    await input.fill(`ZEBRAFISH${run.slice(0, -2).toUpperCase()}`);
    await input.press('Enter');
    const results = desk.getByRole('list', { name: 'Results' });
    await results.waitFor({ timeout: T });
    const mark = results.locator('mark');
    await mark.first().waitFor({ timeout: T });
    assert((await mark.first().textContent()) === word, `the word is marked, got ${await mark.first().textContent()}`);
    assert((await results.locator('li').count()) === 1, 'one hit');
    await axe(desk, 'the search page with results');
    await desk.screenshot({ path: join(SHOTS, 'desk-search.png') });
    await input.fill(`заказ${run}`);
    await input.press('Enter');
    await results.locator('mark').filter({ hasText: `заказ${run}` }).waitFor({ timeout: T });
    await input.fill(word);
    await input.press('Enter');
    await results.locator('mark').filter({ hasText: word }).waitFor({ timeout: T });
    await results.getByRole('link', { name: /Open in chat/ }).click();
    const target = log(desk).locator('.msg.focused').filter({ hasText: word });
    await target.waitFor({ timeout: T });
    await desk.waitForTimeout(300);
    const seen = await target.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const l = el.closest('[role=log]').getBoundingClientRect();
      return r.top >= l.top && r.bottom <= l.bottom;
    });
    assert(seen, 'the message is scrolled into view');
    // Only the history around it is loaded; the rest comes on demand.
    assert((await log(desk).getByText(`line 70 of a long story ${run}`).count()) === 0, 'the latest page is not loaded yet');
    // Scrolling the button into view can load the next page by itself (the log loads newer
    // messages near its bottom edge), and the button is then busy or gone; a click that waited
    // for it could time out although the messages came. Either way they come on demand.
    const newer = log(desk).getByRole('button', { name: 'Load newer messages' });
    const latest = log(desk).getByText(`line 70 of a long story ${run}`);
    const until = Date.now() + T;
    while ((await latest.count()) === 0 && Date.now() < until) {
      if ((await newer.count()) > 0) await newer.click({ timeout: 2000 }).catch(() => {});
      await desk.waitForTimeout(200);
    }
    await latest.waitFor({ timeout: T });
    await desk.screenshot({ path: join(SHOTS, 'desk-search-jump.png') });
  });

  await scenario("(desk f) an away admin counts as offline in the widget, and back", async () => {
    // A visitor nobody has answered yet: the widget's header says whether support is online.
    const s = await shopper('away-guest', `Is anyone there? ${run}`);
    ctx.away = s;
    await s.dialog.getByText('Support is online').waitFor({ timeout: T });
    await desk.goto(`${BASE}/admin`);
    await desk.getByRole('status', { name: 'Connection: Connected' }).waitFor({ timeout: T });
    const status = desk.getByRole('combobox', { name: 'Status' });
    if (!(await status.isVisible())) await desk.getByRole('button', { name: 'Menu' }).click();
    await status.selectOption('away');
    await s.dialog.getByText('Nobody is online right now', { exact: true }).first().waitFor({ timeout: T });
    assert((await api('GET', '/me/availability', undefined, admin)).status === 'away', 'kept on the server');
    await desk.reload();
    await desk.getByRole('status', { name: 'Connection: Connected' }).waitFor({ timeout: T });
    await desk.waitForFunction(() => document.querySelector('select.availability')?.value === 'away', null, { timeout: T });
    assert((await s.dialog.getByText('Support is online').count()) === 0, 'a reconnecting away admin stays away');
    await desk.screenshot({ path: join(SHOTS, 'desk-away.png') });
    if (!(await status.isVisible())) await desk.getByRole('button', { name: 'Menu' }).click();
    await status.selectOption('online');
    await s.dialog.getByText('Support is online').waitFor({ timeout: T });
  });

  await scenario('(desk g) blocking from the side panel stops the visitor; unblocking lets them write', async () => {
    const s = ctx.away;
    assert(s, 'needs the visitor from (desk f)');
    await desk.goto(`${BASE}/admin/chats/${s.chatId}`);
    const panel = desk.getByRole('complementary', { name: 'Visitor' });
    await panel.getByRole('button', { name: 'Block visitor' }).click();
    await panel.getByRole('button', { name: 'Unblock visitor' }).waitFor({ timeout: T });
    await desk.getByText('This visitor is blocked and can no longer send messages.').first().waitFor({ timeout: T });
    // The widget hears of it at once (the chat's state event) and says so in place of its composer.
    await s.dialog.getByText('You can no longer send messages here.').first().waitFor({ timeout: T });
    const refused = await fetch(`${BASE}/api/v1/me/chat/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}` },
      body: JSON.stringify({ body: `still blocked ${run}` }),
    });
    assert(refused.status === 403, `a blocked send is refused, got ${refused.status}`);
    await desk.screenshot({ path: join(SHOTS, 'desk-blocked.png') });
    await panel.getByRole('button', { name: 'Unblock visitor' }).click();
    await panel.getByRole('button', { name: 'Block visitor' }).waitFor({ timeout: T });
    const ok = await api('POST', '/me/chat/messages', { body: `thanks for unblocking ${run}` }, s.token);
    assert(ok.id > 0, 'an unblocked visitor writes again');
  });

  await scenario('(desk h) the panel speaks Russian after the switch, and keeps it after a reload', async () => {
    await desk.goto(`${BASE}/admin`);
    const lang = desk.getByRole('combobox', { name: 'Language' });
    if (!(await lang.isVisible())) await desk.getByRole('button', { name: 'Menu' }).click();
    await lang.selectOption('ru');
    await desk.getByRole('heading', { name: /Ожидают/ }).waitFor({ timeout: T });
    await desk.reload();
    await desk.getByRole('heading', { name: /Ожидают/ }).waitFor({ timeout: T });
    await desk.getByRole('heading', { name: /Решённые/ }).waitFor();
    await desk.getByRole('status', { name: 'Соединение: Подключено' }).waitFor({ timeout: T });
    assert((await desk.evaluate(() => document.documentElement.lang)) === 'ru', 'html lang follows');
    const text = await desk.locator('body').innerText();
    for (const english of ['Waiting', 'Mine', 'Resolved', 'Sign out', 'Search', 'Connected']) {
      assert(!new RegExp(`\\b${english}\\b`).test(text), `"${english}" is left in English`);
    }
    await desk.screenshot({ path: join(SHOTS, 'desk-russian.png') });
    await axe(desk, 'the panel in Russian');
    const ru = desk.getByRole('combobox', { name: 'Язык' });
    if (!(await ru.isVisible())) await desk.getByRole('button', { name: 'Меню' }).click();
    await ru.selectOption('en');
    await desk.getByRole('heading', { name: /Waiting/ }).waitFor({ timeout: T });
  });

  await scenario('(desk i) at 390 px and 360 px nothing runs off the screen; list, chat and visitor one at a time', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
    const page = await newPage(phone, 'desk-phone', dialogs);
    await signInAdmin(page, 'admin', 'password');
    await fits(page, 'the list at 390');
    await page.screenshot({ path: join(SHOTS, 'desk-phone-list.png') });
    await page.getByRole('button', { name: 'Menu' }).click();
    const signOut = page.getByRole('button', { name: 'Sign out' });
    await signOut.waitFor({ timeout: T });
    await inView(page, signOut, 'Sign out');
    await inView(page, page.getByRole('button', { name: 'Users' }), 'Users');
    await fits(page, 'the open menu');
    await axe(page, 'the phone menu');
    await page.screenshot({ path: join(SHOTS, 'desk-phone-menu.png') });
    await page.keyboard.press('Escape');
    const waited = page.getByRole('region', { name: /Waiting/ }).locator('.waited').first();
    if (await waited.count()) await inView(page, waited, 'the waiting time');
    const row = page.getByRole('region', { name: /Mine/ }).getByRole('link').first();
    await row.click();
    await page.getByRole('log', { name: 'Messages' }).waitFor({ timeout: T });
    assert(!(await page.getByRole('navigation', { name: 'Chats' }).isVisible()), 'the list gives way to the chat');
    await fits(page, 'the chat at 390');
    await inView(page, page.getByRole('button', { name: 'Send', exact: true }), 'Send');
    await page.screenshot({ path: join(SHOTS, 'desk-phone-chat.png') });
    await page.getByRole('button', { name: 'Visitor info' }).click();
    await page.getByRole('complementary', { name: 'Visitor' }).waitFor({ timeout: T });
    assert(!(await page.getByRole('log', { name: 'Messages' }).isVisible()), 'the visitor panel takes the chat\'s place');
    await fits(page, 'the visitor panel at 390');
    await page.screenshot({ path: join(SHOTS, 'desk-phone-visitor.png') });
    await page.getByRole('button', { name: 'Back to chat' }).click();
    await page.getByRole('log', { name: 'Messages' }).waitFor({ timeout: T });
    await page.getByRole('button', { name: 'Back to chat list' }).click();
    await page.getByRole('navigation', { name: 'Chats' }).waitFor({ timeout: T });
    for (const [path, label, shot] of [['/admin/canned', 'canned replies', 'canned'], [`/admin/search?q=zebrafish${run}`, 'search', 'search'], ['/admin/users', 'users', 'users']]) {
      await page.goto(`${BASE}${path}`);
      await page.locator('section.page h1').waitFor({ timeout: T });
      await page.waitForTimeout(300);
      await fits(page, `${label} at 390`);
      await page.screenshot({ path: join(SHOTS, `desk-phone-${shot}.png`) });
    }
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${BASE}/admin`);
    await page.getByRole('heading', { name: /Waiting/ }).waitFor({ timeout: T });
    await fits(page, 'the list at 360');
    await page.getByRole('region', { name: /Mine/ }).getByRole('link').first().click();
    await page.getByRole('log', { name: 'Messages' }).waitFor({ timeout: T });
    await fits(page, 'the chat at 360');
    await inView(page, page.getByRole('button', { name: 'Send', exact: true }), 'Send at 360');
    await phone.close();
  });

  await scenario('(desk j) axe-core: no serious or critical violation on any panel page', async () => {
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const page = await newPage(c, 'axe', dialogs);
    await page.goto(`${BASE}/admin`);
    await page.getByLabel('Username').waitFor({ timeout: T });
    await axe(page, 'sign-in');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor({ timeout: T });
    await axe(page, 'sign-in with an error');
    await signInAdmin(page, 'admin', 'password');
    await page.waitForTimeout(300);
    await axe(page, 'the chat lists');
    for (const [path, wait, label] of [
      ['/admin/users', 'section.page h1', 'users'],
      ['/admin/canned', '.canned-item', 'canned replies'],
      ['/admin/search', 'input[type=search]', 'search (empty)'],
      [`/admin/search?q=zebrafish${run}`, '.search-results mark', 'search results'],
    ]) {
      await page.goto(`${BASE}${path}`);
      await page.locator(wait).first().waitFor({ timeout: T });
      await page.waitForTimeout(200);
      await axe(page, label);
    }
    if (ctx.shopper) {
      await page.goto(`${BASE}/admin/chats/${ctx.shopper.chatId}`);
      await page.locator('.msg.note').first().waitFor({ timeout: T });
      await page.getByRole('complementary', { name: 'Visitor' }).getByRole('region', { name: 'Current page' }).waitFor({ timeout: T });
      await axe(page, 'a chat with a note and the visitor panel');
      await page.getByRole('button', { name: /Note/ }).click();
      await axe(page, 'the composer in note mode');
    }
    await page.setViewportSize({ width: 900, height: 800 });
    await page.getByRole('button', { name: 'Menu' }).click();
    await axe(page, 'the header menu at 900 px');
    await c.close();
  });

  for (const c of [ctx.shopper, ctx.visitor, ctx.away]) await c?.context.close();
  await deskContext.close();
}

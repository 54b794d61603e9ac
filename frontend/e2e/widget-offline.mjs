// Offline mode and email in the widget, in a real browser (issue 14): with nobody online the
// widget says so, takes an optional email (refusing a bad one) and the message as usual, and says
// the answer will come by email; the email survives a reload with a way to change it; "Send me the
// transcript"; the quiet prompt after a minute's wait for a first reply; the link back from an
// email (`?parley=open`) opens the chat and leaves the address clean; 390 px and axe-core.
// Run from run.mjs with its helpers.
import { join } from 'node:path';
import { panelChecks } from './desk.mjs';

export default async function widgetOffline({ browser, scenario, assert, api, newPage, dialogs, BASE, SHOTS, T, run, adminLogin }) {
  const admin = adminLogin.access_token;
  const { axe, fits } = panelChecks(assert);
  const ctx = {};
  const fresh = (opts = {}) => browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true, ...opts });

  /** A new visitor on the shop page with the chat open; returns the page and the panel. */
  async function visitor(context, label) {
    const page = await newPage(context, label, dialogs);
    await page.goto(`${BASE}/`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: T });
    return { page, dialog };
  }

  /** An admin's socket, held open from a page of its own, so that admins_online counts one. */
  async function adminSocket() {
    const c = await fresh();
    contexts.push(c);
    const page = await newPage(c, 'admin-socket', dialogs);
    await page.goto(`${BASE}/api/v1/health`);
    await page.evaluate(
      ({ url, token }) =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(url);
          window.__adminSocket = ws;
          ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'auth', params: { token } }));
          ws.onmessage = (m) => (JSON.parse(m.data).id === 1 ? resolve() : undefined);
          ws.onerror = () => reject(new Error('the admin socket failed'));
        }),
      { url: `${BASE.replace(/^http/, 'ws')}/api/v1/ws`, token: admin },
    );
  }

  const contexts = [];
  // The email half needs a server that sends mail (SMTP_URL, or MAIL_DEV=1 as tests/e2e/run.sh may
  // set); without it the widget must offer nothing about email, and that is what is checked then.
  const remote = await (await fetch(`${BASE}/api/v1/widget/config`)).json();
  const mail = remote.email_enabled !== false;
  if (!mail) console.log('       (this server sends no email: checking that the widget offers none; MAIL_DEV=1 runs the email scenarios)');

  // Every admin of this run is put away, so that admins_online is 0; the finally puts them back.
  await api('POST', '/me/availability', { status: 'away' }, admin);
  try {
    if (!mail) {
      await scenario('(wo a) nobody online and no mail: the widget says so plainly and promises nothing by email', async () => {
        const c = await fresh();
        contexts.push(c);
        const { page, dialog } = await visitor(c, 'offline-nomail');
        ctx.page = page;
        const box = dialog.getByRole('textbox', { name: 'Message' });
        await box.fill(`Are you open on Sunday? ${run}`);
        await box.press('Enter');
        await dialog.locator('.pw-mine').filter({ hasText: `Are you open on Sunday? ${run}` }).getByText(/Sent|Read/).waitFor({ timeout: T });
        await dialog.getByText('Nobody is online right now', { exact: true }).waitFor({ timeout: T });
        await dialog.getByText('Nobody is online right now. Write anyway: we will answer here as soon as we are back.').waitFor({ timeout: T });
        assert((await dialog.getByRole('textbox', { name: 'Email (optional)' }).count()) === 0, 'no email field');
        assert((await dialog.getByRole('button', { name: 'Send me the transcript' }).count()) === 0, 'no transcript');
        await page.screenshot({ path: join(SHOTS, 'widget-offline-nomail.png') });
        await axe(page, 'the widget offline without mail');
      });
    } else {
      await scenario('(wo a) nobody online: the widget says so, takes an optional email and the message, and says the answer comes by email', async () => {
        const c = await fresh();
        contexts.push(c);
        const { page, dialog } = await visitor(c, 'offline');
        ctx.page = page;
        const box = dialog.getByRole('textbox', { name: 'Message' });
        await box.fill(`Are you open on Sunday? ${run}`);
        await box.press('Enter');
        await dialog.locator('.pw-mine').filter({ hasText: `Are you open on Sunday? ${run}` }).getByText(/Sent|Read/).waitFor({ timeout: T });
        // Whether the config said so at once (offline) or the socket did (admins_online 0).
        await dialog.getByText('Nobody is online right now', { exact: true }).waitFor({ timeout: T });
        await dialog.getByText(/Nobody is online right now\. Leave your email/).waitFor({ timeout: T });
        const field = dialog.getByRole('textbox', { name: 'Email (optional)' });
        await page.screenshot({ path: join(SHOTS, 'widget-offline-prompt.png') });
        await axe(page, 'the widget offline, asking for an email');
        await field.fill('not an email');
        await dialog.getByRole('button', { name: 'Save' }).click();
        await dialog.getByRole('alert').filter({ hasText: 'That does not look like an email address.' }).waitFor({ timeout: T });
        await field.fill(`night-owl-${run}@example.com`);
        await field.press('Enter');
        await dialog.getByText(`Nobody is online: we will answer by email at night-owl-${run}@example.com.`).waitFor({ timeout: T });
        const token = await page.evaluate((k) => localStorage.getItem(k), `parley:${BASE}:token`);
        const chat = await api('GET', '/me/chat', undefined, token);
        ctx.chat = chat;
        const seen = await api('GET', `/chats/${chat.id}/visitor`, undefined, admin);
        assert(seen.email === `night-owl-${run}@example.com`, `support sees the email: ${seen.email}`);
        await page.screenshot({ path: join(SHOTS, 'widget-offline-email.png') });
        await axe(page, 'the widget offline with an email');
      });

      await scenario('(wo b) the email is still there after a reload, can be changed, and the transcript is sent', async () => {
        assert(ctx.page, 'needs the visitor of (wo a)');
        const page = ctx.page;
        await page.reload();
        await page.getByRole('button', { name: 'Open chat' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByText(new RegExp(`night-owl-${run}@example\\.com`)).waitFor({ timeout: T });
        await dialog.getByRole('button', { name: 'Change' }).click();
        const field = dialog.getByRole('textbox', { name: 'Email (optional)' });
        assert((await field.inputValue()) === `night-owl-${run}@example.com`, 'the form starts from the known email');
        await field.fill(`early-bird-${run}@example.com`);
        await dialog.getByRole('button', { name: 'Save' }).click();
        await dialog.getByText(new RegExp(`early-bird-${run}@example\\.com`)).waitFor({ timeout: T });
        await dialog.getByRole('button', { name: 'Send me the transcript' }).click();
        await dialog.getByText(`The transcript is on its way to early-bird-${run}@example.com.`).waitFor({ timeout: T });
        const seen = await api('GET', `/chats/${ctx.chat.id}/visitor`, undefined, admin);
        assert(seen.email === `early-bird-${run}@example.com`, `the change reached the server: ${seen.email}`);
      });

      await scenario('(wo c) on a 390 px phone the offline prompt fits and the composer stays usable', async () => {
        const c = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
        contexts.push(c);
        const { page, dialog } = await visitor(c, 'offline-390');
        const box = dialog.getByRole('textbox', { name: 'Message' });
        await box.fill(`from my phone ${run}`);
        await box.press('Enter');
        await dialog.getByRole('textbox', { name: 'Email (optional)' }).waitFor({ timeout: T });
        await page.waitForTimeout(300);
        await fits(page, 'the offline widget at 390');
        const composer = await box.boundingBox();
        assert(composer && composer.y + composer.height <= 844, `the composer is on screen: ${JSON.stringify(composer)}`);
        await page.screenshot({ path: join(SHOTS, 'widget-offline-phone-390.png') });
        await axe(page, 'the offline widget at 390');
      });
    }
  } finally {
    await api('POST', '/me/availability', { status: 'online' }, admin);
  }

  try {
    await scenario(`(wo d) a visitor who has waited over a minute for a first reply is ${mail ? 'offered the email prompt, quietly' : 'offered no email prompt: this server sends no mail'}`, async () => {
      await adminSocket(); // run.mjs's panel may be gone by now: someone is online for this one
      const c = await fresh();
      contexts.push(c);
      const page = await newPage(c, 'slow-reply', dialogs);
      await page.clock.install();
      await page.goto(`${BASE}/`);
      await page.getByRole('button', { name: 'Open chat' }).click();
      const dialog = page.getByRole('dialog');
      const box = dialog.getByRole('textbox', { name: 'Message' });
      await box.fill(`is anyone there? ${run}`);
      await box.press('Enter');
      await dialog.locator('.pw-mine').filter({ hasText: `is anyone there? ${run}` }).getByText(/Sent|Read/).waitFor({ timeout: T });
      await dialog.getByText('Support is online').waitFor({ timeout: T });
      assert((await dialog.getByRole('textbox', { name: 'Email (optional)' }).count()) === 0, 'no prompt before the minute is up');
      await page.clock.fastForward('01:05');
      if (!mail) {
        await page.waitForTimeout(1000);
        assert((await dialog.getByRole('textbox', { name: 'Email (optional)' }).count()) === 0, 'no email prompt from a server that sends no mail');
        return;
      }
      await dialog.getByText('Taking a while? Leave your email and we will answer there too.').waitFor({ timeout: T });
      assert(await box.evaluate((el) => el.getRootNode().activeElement === el), 'the prompt does not take the focus from the composer');
      await page.screenshot({ path: join(SHOTS, 'widget-offline-wait.png') });
      await dialog.getByRole('button', { name: 'Not now' }).click();
      await dialog.getByRole('textbox', { name: 'Email (optional)' }).waitFor({ state: 'detached', timeout: T });
    });

    await scenario('(wo e) the link back from an email opens the chat at once and takes parley=open out of the address', async () => {
      assert(ctx.page, 'needs the visitor of (wo a)');
      const page = ctx.page;
      await page.goto(`${BASE}/?from=email&parley=open#order`);
      const dialog = page.getByRole('dialog');
      await dialog.getByText(`Are you open on Sunday? ${run}`).waitFor({ timeout: T });
      const url = page.url();
      assert(url === `${BASE}/?from=email#order`, `the address is clean: ${url}`);
      await page.reload();
      await page.waitForTimeout(1500);
      assert((await page.getByRole('dialog').count()) === 0, 'a reload does not open it again');
    });
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
  }
}

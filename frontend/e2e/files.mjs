// Files, webhooks and email in the panel, in a real browser (issues 13 and 14): a screenshot pasted
// and a file dropped into the composer, upload progress under a throttled network, the lightbox,
// download links, refusals; a webhook endpoint added in the panel whose Test ping reaches a loopback
// receiver signed and shows as delivered; the Email page. Run from run.mjs with its helpers.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { panelChecks } from './desk.mjs';

/**
 * Pastes a PNG drawn on a canvas into the element, as a browser does for a screenshot on the
 * clipboard. `noise` makes it big (random pixels do not compress); otherwise it is a label.
 */
async function pastePng(page, selector, name, opts) {
  return page.evaluate(
    async ({ selector, name, opts }) => {
      const c = document.createElement('canvas');
      c.width = opts.width;
      c.height = opts.height;
      const g = c.getContext('2d');
      if (opts.noise) {
        const img = g.createImageData(opts.width, opts.height);
        for (let i = 0; i < img.data.length; i++) img.data[i] = (Math.random() * 256) | 0;
        g.putImageData(img, 0, 0);
      } else {
        g.fillStyle = '#0f766e';
        g.fillRect(0, 0, opts.width, opts.height);
        g.fillStyle = '#fff';
        g.font = `bold ${Math.round(opts.height / 4)}px sans-serif`;
        g.fillText(opts.label, 20, opts.height / 2);
      }
      const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
      const dt = new DataTransfer();
      dt.items.add(new File([blob], name, { type: 'image/png' }));
      const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
      document.querySelector(selector).dispatchEvent(ev);
      return { size: blob.size, prevented: ev.defaultPrevented };
    },
    { selector, name, opts },
  );
}

/** Drags a file over the element with the events a browser fires (the drop zone shows by the next frame), then drops it. */
async function dropFile(page, selector, name, type, text) {
  return page.evaluate(
    async ({ selector, name, type, text }) => {
      const el = document.querySelector(selector);
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type }));
      for (const kind of ['dragenter', 'dragover']) el.dispatchEvent(new DragEvent(kind, { dataTransfer: dt, bubbles: true, cancelable: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
      const overlay = Boolean(document.querySelector('.drop-overlay'));
      const drop = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
      el.dispatchEvent(drop);
      return { overlay, prevented: drop.defaultPrevented };
    },
    { selector, name, type, text },
  );
}

const PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

/** A loopback HTTP receiver that records what it is sent. */
function receiver() {
  const hits = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      hits.push({ path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ hits, port: server.address().port, close: () => new Promise((r) => server.close(r)) }));
  });
}

function signatureOk(secret, hit) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const id = hit.headers['webhook-id'];
  const ts = hit.headers['webhook-timestamp'];
  const expected = createHmac('sha256', key).update(`${id}.${ts}.${hit.body}`).digest('base64');
  return String(hit.headers['webhook-signature'] ?? '')
    .split(' ')
    .some((s) => s === `v1,${expected}`);
}

export default async function files({ browser, scenario, assert, api, newPage, signInAdmin, dialogs, BASE, SHOTS, T, run, adminLogin }) {
  const admin = adminLogin.access_token;
  const { axe, fits } = panelChecks(assert);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  const page = await newPage(context, 'files', dialogs);
  const log = () => page.getByRole('log', { name: 'Messages' });
  const ctx = {};

  await scenario('(files a) a pasted screenshot uploads with visible progress and shows as a thumbnail; the lightbox opens and closes', async () => {
    const g = await api('POST', '/auth/guest', { display_name: `Screenshot ${run}` });
    const first = await api('POST', '/me/chat/messages', { body: `my cart is broken ${run}` }, g.access_token);
    ctx.guest = { token: g.access_token, chatId: first.chat_id };
    await signInAdmin(page, 'admin', 'password');
    await page.goto(`${BASE}/admin/chats/${first.chat_id}`);
    await log().getByText(`my cart is broken ${run}`).waitFor({ timeout: T });
    const box = page.getByRole('textbox', { name: 'Reply' });
    await box.and(page.locator(':not([readonly])')).waitFor({ timeout: T });

    // A slow uplink, so the progress bar is there to be seen.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
    const big = `noise-${run}.png`;
    const pasted = await pastePng(page, '.composer textarea', big, { width: 700, height: 700, noise: true, label: '' });
    assert(pasted.prevented && pasted.size > 1_000_000, `the paste became a file of ${pasted.size} bytes`);
    const bar = page.getByRole('progressbar', { name: `Uploading ${big}` });
    await bar.waitFor({ timeout: T });
    await page.waitForFunction((name) => {
      const p = document.querySelector(`progress[aria-label="Uploading ${name}"]`);
      return p && Number(p.value) > 0 && Number(p.value) < 100;
    }, big, { timeout: T });
    const mid = Number(await bar.getAttribute('value'));
    assert(mid > 0 && mid < 100, `progress part-way, got ${mid}`);
    assert(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled(), 'Send waits for the upload');
    await page.screenshot({ path: join(SHOTS, 'files-progress.png') });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const chips = page.getByRole('list', { name: 'Files to send' });
    await chips.getByText(/Ready/).waitFor({ timeout: 60_000 });

    const small = `label-${run}.png`;
    await pastePng(page, '.composer textarea', small, { width: 480, height: 240, noise: false, label: 'Parley' });
    await chips.getByText(/Ready/).nth(1).waitFor({ timeout: T });
    await box.fill(`two screenshots ${run}`);
    await box.press('Enter');
    const thumb = log().getByRole('img', { name: big });
    await thumb.waitFor({ timeout: T });
    await log().getByRole('img', { name: small }).waitFor({ timeout: T });
    assert((await thumb.getAttribute('width')) === '240' && (await thumb.getAttribute('height')) === '240', 'the thumbnail is sized before it loads');
    await page.waitForFunction((name) => [...document.querySelectorAll('.log img')].some((i) => i.alt === name && i.complete && i.naturalWidth > 0), big, { timeout: T });
    const customer = await api('GET', `/chats/${first.chat_id}/messages?limit=10`, undefined, ctx.guest.token);
    const sent = customer.items.find((m) => m.body === `two screenshots ${run}`);
    assert(sent && sent.attachments.length === 2 && sent.attachments[0].name === big, 'the customer gets both files, in order');

    await page.getByRole('button', { name: `Open image ${big} full size` }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(big.replace('.', '\\.')) });
    await dialog.waitFor({ timeout: T });
    await dialog.getByText('1 of 2').waitFor();
    await page.waitForFunction(() => {
      const i = document.querySelector('.lightbox img');
      return i && i.complete && i.naturalWidth === 700;
    }, undefined, { timeout: T });
    await page.screenshot({ path: join(SHOTS, 'files-lightbox.png') });
    await axe(page, 'the lightbox');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: new RegExp(small.replace('.', '\\.')) }).waitFor({ timeout: T });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert(await page.evaluate(() => document.querySelector('.lightbox').contains(document.activeElement)), 'focus stays in the lightbox');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: T });
    assert(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.startsWith('Open image')), 'focus goes back to the thumbnail');
  });

  await scenario('(files b) a dropped PDF becomes a download link with its size; too big and not allowed are explained', async () => {
    assert(ctx.guest, 'needs the chat from (files a)');
    const name = `invoice <${run}>.pdf`;
    const dropped = await dropFile(page, '.chat-view', name, 'application/pdf', PDF);
    assert(dropped.overlay && dropped.prevented, `the drop was taken: ${JSON.stringify(dropped)}`);
    const chips = page.getByRole('list', { name: 'Files to send' });
    await chips.getByText(/Ready/).waitFor({ timeout: T });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const link = log().getByRole('link', { name: new RegExp(`invoice <${run}>\\.pdf`) });
    await link.waitFor({ timeout: T });
    assert((await link.textContent()).includes(`${PDF.length} B`), `the size is shown: ${await link.textContent()}`);
    const href = await link.getAttribute('href');
    const res = await fetch(new URL(href, BASE));
    assert(res.status === 200, `the link works without a token: ${res.status}`);
    assert(/attachment/.test(res.headers.get('content-disposition') ?? ''), 'a PDF downloads, never inline');
    assert(await page.evaluate(() => ![...document.querySelectorAll('.log img')].some((i) => i.alt.includes('<'))), 'names stay text');

    const input = page.getByTestId('file-input');
    await input.setInputFiles([
      { name: `huge-${run}.png`, mimeType: 'image/png', buffer: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(11 * 1024 * 1024)]) },
      { name: `cat-${run}.png`, mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
    ]);
    await chips.getByText('Too big to send').waitFor({ timeout: 60_000 });
    await chips.getByText('This type of file cannot be sent').waitFor({ timeout: T });
    assert((await chips.getByRole('button', { name: /^Retry/ }).count()) === 0, 'no retry for a refused file');
    await page.screenshot({ path: join(SHOTS, 'files-refused.png') });
    await axe(page, 'the chat with files and refused uploads');
    await chips.getByRole('button', { name: `Remove huge-${run}.png` }).click();
    await chips.getByRole('button', { name: `Remove cat-${run}.png` }).click();
    await page.getByRole('list', { name: 'Files to send' }).waitFor({ state: 'detached', timeout: T });
    await page.screenshot({ path: join(SHOTS, 'files-timeline.png') });
  });

  await scenario('(files c) a webhook endpoint added in the panel gets the Test ping, signed, and the log says delivered', async () => {
    const rx = await receiver();
    try {
      await page.goto(`${BASE}/admin/webhooks`);
      await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor({ timeout: T });
      const url = `http://127.0.0.1:${rx.port}/hook-${run}`;
      await page.getByLabel('Endpoint URL').fill(url);
      await page.getByRole('checkbox', { name: 'chat.resolved' }).check();
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const box = page.getByRole('region', { name: `Signing secret for ${url}` });
      await box.waitFor({ timeout: T });
      const secret = await box.getByLabel('Signing secret').inputValue();
      assert(/^whsec_/.test(secret), `a secret is shown once: ${secret}`);
      await box.getByRole('button', { name: 'Copy' }).click();
      await box.getByText(/Copied|Select the text/).waitFor({ timeout: T });
      await page.screenshot({ path: join(SHOTS, 'webhooks-secret.png') });
      await axe(page, 'the webhooks page with a new secret');
      await box.getByRole('button', { name: 'Done' }).click();
      assert((await page.getByText(secret).count()) === 0, 'the secret is gone from the page');

      const item = page.locator('li.hook').filter({ hasText: url });
      await item.getByRole('button', { name: 'Send a test' }).click();
      const deadline = Date.now() + T * 2;
      while (!rx.hits.some((h) => h.path === `/hook-${run}`) && Date.now() < deadline) await page.waitForTimeout(100);
      const hit = rx.hits.find((h) => h.path === `/hook-${run}`);
      assert(hit, 'the receiver got the ping');
      assert(JSON.parse(hit.body).type === 'ping', `a ping, got ${hit.body.slice(0, 80)}`);
      assert(signatureOk(secret, hit), 'the signature checks out with the secret the panel showed');
      await item.locator('.delivery').filter({ hasText: 'ping' }).getByText('Delivered').waitFor({ timeout: T * 2 });
      await item.locator('.delivery').filter({ hasText: 'ping' }).getByText(/^2\d\d$/).waitFor({ timeout: T });
      await page.screenshot({ path: join(SHOTS, 'webhooks-delivered.png') });
      await axe(page, 'the webhooks page with a delivery log');

      await item.getByRole('checkbox', { name: 'Enabled' }).uncheck();
      await page.waitForFunction(() => document.querySelector('li.hook.hook-disabled'), undefined, { timeout: T });
      const saved = await api('GET', '/admin/webhooks', undefined, admin);
      assert(saved.items.some((h) => h.url === url && h.enabled === false), 'switched off on the server');
      await item.getByRole('button', { name: 'Delete' }).click();
      await item.getByRole('button', { name: 'Yes, delete' }).click();
      await item.waitFor({ state: 'detached', timeout: T });
      const after = await api('GET', '/admin/webhooks', undefined, admin);
      assert(!after.items.some((h) => h.url === url), 'deleted on the server');
    } finally {
      await rx.close();
    }
  });

  await scenario('(files d) the Email page says whether mail is on, lists delivery problems; it and Webhooks fit 360 px', async () => {
    await page.goto(`${BASE}/admin/mail`);
    await page.getByRole('heading', { name: 'Email', level: 1 }).waitFor({ timeout: T });
    const mail = await api('GET', '/admin/mail', undefined, admin);
    await page.getByText(mail.enabled ? 'Email is on.' : 'Email is off: set SMTP_URL, MAIL_FROM and PUBLIC_URL').waitFor({ timeout: T });
    await page.getByRole('heading', { name: 'Delivery problems' }).waitFor();
    await page.locator('.problems').getByText(/Nothing here\.|Retry/).first().waitFor({ timeout: T });
    await axe(page, 'the email page');
    await page.screenshot({ path: join(SHOTS, 'mail-page.png') });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(200);
    await fits(page, 'the email page at 360');
    await page.screenshot({ path: join(SHOTS, 'mail-phone.png') });
    await page.goto(`${BASE}/admin/webhooks`);
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor({ timeout: T });
    await page.waitForTimeout(200);
    await fits(page, 'the webhooks page at 360');
    if (ctx.guest) {
      await page.goto(`${BASE}/admin/chats/${ctx.guest.chatId}`);
      await log().getByRole('img').first().waitFor({ timeout: T });
      await page.waitForTimeout(200);
      await fits(page, 'a chat with files at 360');
      await page.screenshot({ path: join(SHOTS, 'files-phone.png') });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await context.close();
}

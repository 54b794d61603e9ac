// The visitor's files in the widget, in a real browser (issue 13): a screenshot pasted into the
// composer uploads with visible progress under a slow uplink and shows as a thumbnail sized before
// it loads; the in-panel viewer (Esc, focus back); a PDF dropped onto the panel becomes a download
// link with its size; too big and not allowed are explained; a dropped upload is retried and the
// message exists once; support's file-only reply is named in the launcher's preview; 390 px.
// Run from run.mjs with its helpers.
import { join } from 'node:path';
import { panelChecks } from './desk.mjs';

const PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

/** Pastes a PNG drawn on a canvas into the widget's composer, as a browser does for a screenshot. */
async function pastePng(page, name, opts) {
  return page.evaluate(
    async ({ name, opts }) => {
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
      document.querySelector('parley-widget').shadowRoot.querySelector('.pw-composer textarea').dispatchEvent(ev);
      return { size: blob.size, prevented: ev.defaultPrevented };
    },
    { name, opts },
  );
}

/** Drags a file over the chat panel (the drop zone shows), then drops it. */
async function dropFile(page, name, type, text) {
  return page.evaluate(
    async ({ name, type, text }) => {
      const shadow = document.querySelector('parley-widget').shadowRoot;
      const el = shadow.querySelector('.pw-log');
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type }));
      for (const kind of ['dragenter', 'dragover']) el.dispatchEvent(new DragEvent(kind, { dataTransfer: dt, bubbles: true, cancelable: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
      const overlay = Boolean(shadow.querySelector('.pw-drop'));
      const drop = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
      el.dispatchEvent(drop);
      return { overlay, prevented: drop.defaultPrevented };
    },
    { name, type, text },
  );
}

export default async function widgetFiles({ browser, scenario, assert, api, newPage, dialogs, BASE, API, SHOTS, T, run, adminLogin }) {
  const admin = adminLogin.access_token;
  const { axe, fits } = panelChecks(assert);
  // bypassCSP: axe is injected as a script tag.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const page = await newPage(context, 'widget-files', dialogs);
  const dialog = page.getByRole('dialog', { name: /Chat with us|Fern/ });
  const log = () => dialog.getByRole('log');
  const chips = () => dialog.getByRole('list', { name: 'Files to send' });
  const ctx = {};

  try {
    await scenario('(wf a) a pasted screenshot uploads with progress, shows as a thumbnail sized before load, and opens full size', async () => {
      await page.goto(`${BASE}/`);
      await page.getByRole('button', { name: 'Open chat' }).click();
      const box = dialog.getByRole('textbox', { name: 'Message' });
      await box.fill(`my basket shows an error ${run}`);
      await box.press('Enter');
      await dialog.locator('.pw-mine').filter({ hasText: `my basket shows an error ${run}` }).getByText(/Sent|Read/).waitFor({ timeout: T });
      ctx.token = await page.evaluate((k) => localStorage.getItem(k), `parley:${BASE}:token`);
      ctx.chat = await api('GET', '/me/chat', undefined, ctx.token);

      const clip = dialog.getByRole('button', { name: 'Attach files' });
      await clip.focus();
      assert(await clip.evaluate((el) => el.matches(':focus-visible') || el.getRootNode().activeElement === el), 'the paperclip takes keyboard focus');

      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
      const big = `error-${run}.png`;
      const pasted = await pastePng(page, big, { width: 700, height: 700, noise: true });
      assert(pasted.prevented && pasted.size > 1_000_000, `the paste became a file of ${pasted.size} bytes`);
      const bar = dialog.getByRole('progressbar', { name: `Uploading ${big}` });
      await bar.waitFor({ timeout: T });
      const deadline = Date.now() + T;
      let mid = 0;
      while (Date.now() < deadline) {
        mid = Number((await bar.getAttribute('value').catch(() => '0')) ?? 0);
        if (mid > 0 && mid < 100) break;
        await page.waitForTimeout(50);
      }
      assert(mid > 0 && mid < 100, `progress part-way, got ${mid}`);
      await page.screenshot({ path: join(SHOTS, 'widget-files-progress.png') });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await chips().getByText(/ready/).waitFor({ timeout: 60_000 });

      await box.fill(`here is what I see ${run}`);
      await box.press('Enter');
      const thumb = log().getByRole('img', { name: big });
      await thumb.waitFor({ timeout: T });
      assert((await thumb.getAttribute('width')) === '220' && (await thumb.getAttribute('height')) === '220', 'the thumbnail is sized before it loads');
      await page.waitForFunction(
        (name) => [...document.querySelector('parley-widget').shadowRoot.querySelectorAll('.pw-log img')].some((i) => i.alt === name && i.complete && i.naturalWidth > 0),
        big,
        { timeout: T },
      );
      const history = await api('GET', `/chats/${ctx.chat.id}/messages?limit=20`, undefined, admin);
      const sent = history.items.filter((m) => m.body === `here is what I see ${run}`);
      assert(sent.length === 1 && sent[0].attachments.length === 1 && sent[0].attachments[0].name === big, `support gets one message with the file: ${JSON.stringify(sent.map((m) => m.attachments))}`);
      await page.screenshot({ path: join(SHOTS, 'widget-files-thumbnail.png') });

      await dialog.getByRole('button', { name: `Open ${big} full size` }).click();
      const viewer = page.getByRole('dialog', { name: `Image: ${big}` });
      await viewer.waitFor({ timeout: T });
      await page.waitForFunction(() => {
        const i = document.querySelector('parley-widget').shadowRoot.querySelector('.pw-viewer img');
        return i && i.complete && i.naturalWidth === 700;
      }, undefined, { timeout: T });
      await page.screenshot({ path: join(SHOTS, 'widget-files-viewer.png') });
      await axe(page, 'the widget image viewer');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
      assert(await page.evaluate(() => {
        const shadow = document.querySelector('parley-widget').shadowRoot;
        return shadow.querySelector('.pw-viewer').contains(shadow.activeElement);
      }), 'focus stays in the viewer');
      await page.keyboard.press('Escape');
      await viewer.waitFor({ state: 'detached', timeout: T });
      await dialog.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: T });
      const focused = await page.evaluate(() => document.querySelector('parley-widget').shadowRoot.activeElement?.getAttribute('aria-label'));
      assert(focused === `Open ${big} full size`, `focus goes back to the thumbnail, got ${focused}`);
    });

    await scenario('(wf b) a PDF dropped onto the panel becomes a download link with its size; too big and not allowed are explained', async () => {
      assert(ctx.chat, 'needs the chat of (wf a)');
      const name = `order <${run}>.pdf`;
      const dropped = await dropFile(page, name, 'application/pdf', PDF);
      assert(dropped.overlay && dropped.prevented, `the drop was taken: ${JSON.stringify(dropped)}`);
      await chips().getByText(/ready/).waitFor({ timeout: T });
      await dialog.getByRole('button', { name: 'Send', exact: true }).click();
      const link = log().getByRole('link', { name: new RegExp(`order <${run}>\\.pdf`) });
      await link.waitFor({ timeout: T });
      assert((await link.textContent()).includes(`${PDF.length} B`), `the size is shown: ${await link.textContent()}`);
      const res = await fetch(new URL(await link.getAttribute('href'), BASE));
      assert(res.status === 200 && /attachment/.test(res.headers.get('content-disposition') ?? ''), `the link downloads without a token: ${res.status}`);

      await page.getByTestId('pw-file-input').setInputFiles([
        { name: `huge-${run}.png`, mimeType: 'image/png', buffer: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(11 * 1024 * 1024)]) },
        { name: `cat-${run}.png`, mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
      ]);
      await chips().getByText('This file is too big to send.').waitFor({ timeout: 60_000 });
      await chips().getByText(/This type of file cannot be sent/).waitFor({ timeout: T });
      assert((await chips().getByRole('button', { name: /again$/ }).count()) === 0, 'no retry for a refused file');
      await page.screenshot({ path: join(SHOTS, 'widget-files-refused.png') });
      await axe(page, 'the widget with files and refused uploads');
      await chips().getByRole('button', { name: `Remove huge-${run}.png` }).click();
      await chips().getByRole('button', { name: `Remove cat-${run}.png` }).click();
      await chips().waitFor({ state: 'detached', timeout: T });
    });

    await scenario('(wf c) an upload cut off by the network is retried, and the message with it exists once', async () => {
      assert(ctx.chat, 'needs the chat of (wf a)');
      let cut = 1;
      await page.route(/\/api\/v1\/uploads\?/, (route) => (cut-- > 0 ? route.abort('connectionreset') : route.continue()));
      const name = `notes-${run}.txt`;
      await page.getByTestId('pw-file-input').setInputFiles([{ name, mimeType: 'text/plain', buffer: Buffer.from(`line one\nline two ${run}\n`) }]);
      await chips().getByText('The connection dropped during the upload.').waitFor({ timeout: T });
      await chips().getByRole('button', { name: `Upload ${name} again` }).click();
      await chips().getByText(/ready/).waitFor({ timeout: T });
      await page.unroute(/\/api\/v1\/uploads\?/);
      const box = dialog.getByRole('textbox', { name: 'Message' });
      await box.fill(`retried file ${run}`);
      await box.press('Enter');
      await log().getByRole('link', { name: new RegExp(name.replace('.', '\\.')) }).waitFor({ timeout: T });
      const history = await api('GET', `/chats/${ctx.chat.id}/messages?limit=50`, undefined, admin);
      const copies = history.items.filter((m) => m.body === `retried file ${run}`);
      assert(copies.length === 1 && copies[0].attachments.length === 1, `one message with one file, got ${copies.length}`);
    });

    await scenario("(wf d) support's file-only reply is named in the launcher's preview; the phone layout fits 390 px", async () => {
      assert(ctx.chat, 'needs the chat of (wf a)');
      await api('POST', `/chats/${ctx.chat.id}/open`, undefined, admin);
      const up = await fetch(`${API}/uploads?name=${encodeURIComponent(`invoice-${run}.pdf`)}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/octet-stream' },
        body: PDF,
      });
      assert(up.status === 201, `the admin's upload: ${up.status}`);
      const file = await up.json();
      await dialog.getByRole('button', { name: 'Close chat' }).first().click();
      await api('POST', `/chats/${ctx.chat.id}/messages`, { body: '', attachment_ids: [file.id] }, admin);
      const preview = page.getByRole('button', { name: new RegExp(`📎 invoice-${run}\\.pdf\\. Open chat`) });
      await preview.waitFor({ timeout: T });
      await page.screenshot({ path: join(SHOTS, 'widget-files-preview.png') });
      await axe(page, 'the launcher with an unread preview');
      await preview.click();
      await log().getByRole('link', { name: new RegExp(`invoice-${run}\\.pdf`) }).waitFor({ timeout: T });

      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
      try {
        await phone.addInitScript(([k, v]) => localStorage.setItem(k, v), [`parley:${BASE}:token`, ctx.token]);
        const p = await newPage(phone, 'widget-files-390', dialogs);
        await p.goto(`${BASE}/`);
        await p.getByRole('button', { name: 'Open chat' }).click();
        const d = p.getByRole('dialog');
        await d.getByRole('img', { name: `error-${run}.png` }).waitFor({ timeout: T });
        await d.getByRole('link', { name: new RegExp(`invoice-${run}\\.pdf`) }).waitFor({ timeout: T });
        await d.getByRole('img', { name: `error-${run}.png` }).scrollIntoViewIfNeeded();
        await p.waitForTimeout(300);
        await fits(p, 'the widget with files at 390');
        await p.screenshot({ path: join(SHOTS, 'widget-files-phone-390.png') });
        await d.getByRole('button', { name: `Open error-${run}.png full size` }).click();
        await p.getByRole('dialog', { name: `Image: error-${run}.png` }).waitFor({ timeout: T });
        await p.waitForTimeout(300);
        await p.screenshot({ path: join(SHOTS, 'widget-files-viewer-390.png') });
        await axe(p, 'the widget viewer at 390');
      } finally {
        await phone.close();
      }
    });
  } finally {
    await context.close();
  }
}

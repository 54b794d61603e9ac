// Issue 15 in the panel, in a real browser: a visitor's rating shows live in the chat and the list;
// the reports page (presets in the browser's time zone, cards, chart, heat map, team table) agrees
// with GET /admin/reports, its CSV downloads; a customer's export downloads and an erase after the
// typed confirmation removes them everywhere; axe-core, 390 and 360 px. Run from run.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { panelChecks } from './desk.mjs';

const ZONE = 'Europe/Berlin';

export default async function reports({ browser, scenario, assert, api, newPage, signInAdmin, dialogs, SHOTS, T, run, adminLogin }) {
  const admin = adminLogin.access_token;
  const { axe, fits } = panelChecks(assert);
  // bypassCSP: axe is injected as an inline script, which the panel's CSP forbids.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, timezoneId: ZONE, acceptDownloads: true });
  const page = await newPage(context, 'reports', dialogs);
  const ctx = {};
  const region = (name) => page.getByRole('region', { name });
  const rowFor = (section, text) => region(section).getByRole('link').filter({ hasText: text });

  async function readDownload(click) {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: T }), click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
  }

  try {
    await scenario('(rep a) a visitor rates a resolved chat and the panel shows it live, in the chat and the list', async () => {
      const name = `Rater ${run}`;
      const g = await api('POST', '/auth/guest', { display_name: name });
      const first = await api('POST', '/me/chat/messages', { body: `my order is late ${run}` }, g.access_token);
      ctx.guest = { token: g.access_token, user: g.user, chatId: first.chat_id, name };
      await api('POST', `/chats/${first.chat_id}/open`, undefined, admin);
      await api('POST', `/chats/${first.chat_id}/messages`, { body: `It leaves today (${run})` }, admin);
      await api('POST', `/chats/${first.chat_id}/resolve`, undefined, admin);

      await signInAdmin(page, 'admin', 'password');
      const row = rowFor(/Resolved/, name);
      await row.waitFor({ timeout: T });
      await row.click();
      await page.getByRole('log', { name: 'Messages' }).getByText(`It leaves today (${run})`).waitFor({ timeout: T });
      assert((await page.getByText('Visitor’s rating').count()) === 0, 'no rating before the visitor gives one');

      await api('POST', '/me/chat/rating', { score: 4, comment: `Quick and kind ${run}` }, g.access_token);
      const view = page.getByRole('region', { name: `Chat with ${name}` });
      await view.getByRole('img', { name: 'Rated 4 out of 5' }).waitFor({ timeout: T });
      await view.getByText(`Quick and kind ${run}`).waitFor({ timeout: T });
      await rowFor(/Resolved/, name).getByRole('img', { name: 'Rated 4 out of 5' }).waitFor({ timeout: T });
      const chat = await api('GET', `/chats/${first.chat_id}`, undefined, admin);
      assert(chat.rating?.score === 4, `the server has the rating: ${JSON.stringify(chat.rating)}`);
      await page.screenshot({ path: join(SHOTS, 'reports-rating.png') });
      await axe(page, 'a rated chat');
      // After a reload the list's copy of the chat carries the rating too.
      await page.reload();
      await rowFor(/Resolved/, name).getByRole('img', { name: 'Rated 4 out of 5' }).waitFor({ timeout: T });
    });

    await scenario('(rep b) the reports page agrees with the API, draws its chart and heat map, and downloads the CSV', async () => {
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('button', { name: 'Reports' }).click();
      await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor({ timeout: T });
      const zone = page.getByRole('combobox', { name: 'Time zone', exact: true });
      assert((await zone.inputValue()) === ZONE, `the zone defaults to the browser's: ${await zone.inputValue()}`);
      await page.getByRole('button', { name: 'Today' }).click();
      assert((await page.getByRole('button', { name: 'Today' }).getAttribute('aria-pressed')) === 'true', 'Today is pressed');
      const from = await page.getByLabel('From', { exact: true }).inputValue();
      const to = await page.getByLabel('To', { exact: true }).inputValue();
      assert(from === to, `today is one day: ${from}..${to}`);
      const q = new URLSearchParams({ from, to, tz: ZONE }).toString();
      const summary = region('Summary');
      await summary.waitFor({ timeout: T });
      await page.getByText(new RegExp(`, ${ZONE}$`)).waitFor({ timeout: T });
      const expected = await api('GET', `/admin/reports?${q}`, undefined, admin);
      const card = (label) => summary.locator('.card').filter({ has: page.getByText(label, { exact: true }) });
      const started = (await card('Chats started').locator('.card-value').innerText()).replace(/\D/g, '');
      assert(Number(started) === expected.chats_started, `Chats started shows ${started}, the API says ${expected.chats_started}`);
      assert(expected.chats_started >= 1 && expected.csat.count >= 1, `today's report has this run's chat: ${JSON.stringify(expected.csat)}`);
      const resolved = (await card('Chats resolved').locator('.card-value').innerText()).replace(/\D/g, '');
      assert(Number(resolved) === expected.chats_resolved, `Chats resolved shows ${resolved}, the API says ${expected.chats_resolved}`);
      assert(/median/.test(await card('First response').innerText()), 'a first response time is shown');
      assert(/ \/ 5/.test(await card('Average rating').innerText()), 'an average rating is shown');
      assert(await card('Average rating').getByText(`ratings: ${expected.csat.count}`).isVisible(), 'the rating count');

      // The chart is a canvas hidden from screen readers; its numbers are a table they always reach.
      assert((await page.locator('.day-chart canvas').count()) >= 1, 'uPlot drew the chart');
      const days = page.getByRole('table', { name: 'Chats per day' });
      assert((await days.getByRole('row').count()) === 1 + expected.days.length + 1, 'a row per day, a head and a total');
      await page.getByRole('button', { name: 'Show the numbers' }).click();
      await days.getByRole('row', { name: /Total/ }).waitFor({ timeout: T });
      const heat = page.getByRole('table', { name: 'Visitor messages by weekday and hour' });
      assert((await heat.getByRole('row').count()) === 8, 'seven weekdays and a head');
      const heatSum = expected.hours.flat().reduce((a, b) => a + b, 0);
      assert(heatSum >= 1, 'this run wrote customer messages today');
      assert((await page.locator('.heat td:not(.heat-0)').count()) >= 1, 'the heat map shades the hour');
      await region('By admin').getByRole('row', { name: new RegExp(adminLogin.user.display_name) }).waitFor({ timeout: T });
      // The page scrolls inside the panel's detail pane: one shot of the top, one of the heat map and the team.
      await page.screenshot({ path: join(SHOTS, 'reports-page.png') });
      await heat.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'reports-page-2.png') });
      await axe(page, 'the reports page');

      const csv = await readDownload(() => page.getByRole('button', { name: /Download CSV/ }).click());
      const lines = csv.text.trim().split(/\r?\n/);
      assert(/^chat_id,/.test(lines[0]), `a CSV header row: ${lines[0]}`);
      assert(lines.some((l) => l.startsWith(`${ctx.guest.chatId},`)), `this run's chat ${ctx.guest.chatId} is a row of the CSV`);
      assert(lines.length - 1 === expected.chats_started, `a row per chat started: ${lines.length - 1} vs ${expected.chats_started}`);
      assert(csv.name.endsWith('.csv'), `saved as a .csv: ${csv.name}`);

      await page.getByRole('button', { name: '30 days' }).click();
      await page.getByText(/to .*, Europe\/Berlin$/).waitFor({ timeout: T });
      for (const width of [390, 360]) {
        await page.setViewportSize({ width, height: 800 });
        await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor({ timeout: T });
        await page.waitForTimeout(300); // the chart follows its box's new width
        await fits(page, `the reports page at ${width} px`);
        await page.screenshot({ path: join(SHOTS, `reports-${width}.png`) });
      }
      await axe(page, 'the reports page at 360 px');
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    await scenario('(rep c) the customer’s data exports as JSON and, once the name is typed, is erased everywhere', async () => {
      const g = ctx.guest;
      assert(g, 'needs (rep a)');
      await page.goto(page.url().replace(/\/admin\/.*$/, `/admin/chats/${g.chatId}`));
      await page.getByRole('log', { name: 'Messages' }).getByText(`It leaves today (${run})`).waitFor({ timeout: T });
      const panel = page.getByRole('complementary', { name: 'Visitor' });
      const exported = await readDownload(() => panel.getByRole('button', { name: /Export data/ }).click());
      const data = JSON.parse(exported.text);
      assert(data.customer?.id === g.user.id, `the export is this customer's: ${JSON.stringify(data.customer)}`);
      assert(data.messages.some((m) => m.body === `my order is late ${run}`), 'the export has their messages');
      assert(data.ratings.some((r) => r.score === 4), 'the export has their rating');
      assert(exported.name.endsWith('.json'), `saved as .json: ${exported.name}`);

      await panel.getByRole('button', { name: 'Erase customer' }).click();
      const dialog = page.getByRole('alertdialog', { name: `Erase ${g.name}?` });
      await dialog.waitFor({ timeout: T });
      const confirm = dialog.getByRole('button', { name: 'Erase for good' });
      assert(await confirm.isDisabled(), 'nothing is erased before the name is typed');
      await dialog.getByRole('textbox', { name: `Type ${g.name} to confirm` }).fill(g.name.slice(0, -1));
      assert(await confirm.isDisabled(), 'a part of the name is not enough');
      await dialog.getByRole('textbox').fill(g.name);
      await page.screenshot({ path: join(SHOTS, 'reports-erase.png') });
      await axe(page, 'the erase confirmation');
      await confirm.click();
      await dialog.waitFor({ state: 'detached', timeout: T });
      await page.getByRole('heading', { name: 'Pick a conversation' }).waitFor({ timeout: T });
      assert((await page.getByRole('navigation', { name: 'Chats' }).getByRole('link').filter({ hasText: g.name }).count()) === 0, 'the chat left the lists');
      const gone = await fetch(`${new URL(page.url()).origin}/api/v1/chats/${g.chatId}`, { headers: { Authorization: `Bearer ${admin}` } });
      assert(gone.status === 404, `the chat is gone: ${gone.status}`);
      const me = await fetch(`${new URL(page.url()).origin}/api/v1/me`, { headers: { Authorization: `Bearer ${g.token}` } });
      assert(me.status === 401, `their token stopped working: ${me.status}`);
    });
  } finally {
    await context.close();
  }
}

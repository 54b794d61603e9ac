// The rating in the widget, in a real browser (issue 15): support resolves the chat and the
// visitor is asked "How was this conversation?" with five labelled choices (keyboard too) and an
// optional comment; the score reaches the server and the panel's chat; a second rating of the
// same resolution is a 409; writing again reopens as before, and the next resolution is asked
// about again; 390 px and axe-core. Run from run.mjs with its helpers.
import { join } from 'node:path';
import { panelChecks } from './desk.mjs';

export default async function widgetRating({ browser, scenario, assert, api, newPage, dialogs, BASE, API, SHOTS, T, run, adminLogin }) {
  const admin = adminLogin.access_token;
  const { axe, fits } = panelChecks(assert);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const page = await newPage(context, 'widget-rating', dialogs);
  const dialog = page.getByRole('dialog');
  const question = () => dialog.getByRole('group', { name: 'How was this conversation?' });
  const ctx = {};

  try {
    await scenario('(wr a) a resolved chat asks for a rating; keyboard, comment, and the score reaches the server', async () => {
      await page.goto(`${BASE}/`);
      await page.getByRole('button', { name: 'Open chat' }).click();
      const box = dialog.getByRole('textbox', { name: 'Message' });
      await box.fill(`where is my parcel? ${run}`);
      await box.press('Enter');
      await dialog.locator('.pw-mine').filter({ hasText: `where is my parcel? ${run}` }).getByText(/Sent|Read/).waitFor({ timeout: T });
      ctx.token = await page.evaluate((k) => localStorage.getItem(k), `parley:${BASE}:token`);
      const chat = await api('GET', '/me/chat', undefined, ctx.token);
      ctx.chat = chat;
      await api('POST', `/chats/${chat.id}/open`, undefined, admin);
      await api('POST', `/chats/${chat.id}/messages`, { body: `It arrives tomorrow (${run})` }, admin);
      await dialog.getByText(`It arrives tomorrow (${run})`).waitFor({ timeout: T });
      await api('POST', `/chats/${chat.id}/resolve`, undefined, admin);
      await question().waitFor({ timeout: T });
      for (const [n, label] of [[1, 'Very bad'], [2, 'Bad'], [3, 'Okay'], [4, 'Good'], [5, 'Excellent']]) {
        await question().getByRole('radio', { name: `${n} of 5: ${label}` }).waitFor({ timeout: T });
      }
      await page.screenshot({ path: join(SHOTS, 'widget-rating-ask.png') });
      await axe(page, 'the widget asking for a rating');
      // Keyboard only: focus the first choice, arrow to the fourth, Space is not needed (arrows select).
      await question().getByRole('radio', { name: '1 of 5: Very bad' }).focus();
      await page.keyboard.press('Space');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      assert(await question().getByRole('radio', { name: '4 of 5: Good' }).isChecked(), 'the arrow keys choose a score');
      await dialog.getByRole('textbox', { name: 'Anything to add? (optional)' }).fill(`Clear answer, thanks ${run}`);
      await page.screenshot({ path: join(SHOTS, 'widget-rating-chosen.png') });
      await dialog.getByRole('button', { name: 'Send rating' }).click();
      await dialog.getByText('Thank you for your feedback!').waitFor({ timeout: T });
      const seen = await api('GET', `/chats/${chat.id}`, undefined, admin);
      assert(seen.rating && seen.rating.score === 4 && seen.rating.comment === `Clear answer, thanks ${run}`, `the rating is on the chat: ${JSON.stringify(seen.rating)}`);
      await page.screenshot({ path: join(SHOTS, 'widget-rating-thanks.png') });
    });

    await scenario('(wr b) once per resolution: a second rating is refused (409), a reload thanks rather than asks', async () => {
      assert(ctx.chat, 'needs the chat of (wr a)');
      const res = await fetch(`${API}/me/chat/rating`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ctx.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ score: 1 }),
      });
      assert(res.status === 409, `a second rating of one resolution: ${res.status}`);
      await page.reload();
      await page.getByRole('button', { name: 'Open chat' }).click();
      await dialog.getByText('Thank you for your feedback!').waitFor({ timeout: T });
      assert((await question().count()) === 0, 'no second question');
    });

    await scenario('(wr c) writing again reopens the chat; the next resolution is asked about again', async () => {
      assert(ctx.chat, 'needs the chat of (wr a)');
      const box = dialog.getByRole('textbox', { name: 'Message' });
      await box.fill(`one more question ${run}`);
      await box.press('Enter');
      await dialog.locator('.pw-mine').filter({ hasText: `one more question ${run}` }).getByText(/Sent|Read/).waitFor({ timeout: T });
      await dialog.getByText('Thank you for your feedback!').waitFor({ state: 'detached', timeout: T });
      await api('POST', `/chats/${ctx.chat.id}/resolve`, undefined, admin);
      await question().waitFor({ timeout: T });
      await question().getByRole('radio', { name: '5 of 5: Excellent' }).check();
      await dialog.getByRole('button', { name: 'Send rating' }).click();
      await dialog.getByText('Thank you for your feedback!').waitFor({ timeout: T });
      const seen = await api('GET', `/chats/${ctx.chat.id}`, undefined, admin);
      assert(seen.rating?.score === 5 && seen.rating.comment === null, `the latest resolution's rating: ${JSON.stringify(seen.rating)}`);
    });

    await scenario('(wr d) the rating fits a 390 px phone, in Russian too', async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true, locale: 'ru-RU' });
      try {
        const p = await newPage(phone, 'widget-rating-390', dialogs);
        await p.goto(`${BASE}/`);
        await p.getByRole('button', { name: 'Открыть чат' }).click();
        const d = p.getByRole('dialog');
        const box = d.getByRole('textbox', { name: 'Сообщение' });
        await box.fill(`вопрос с телефона ${run}`);
        await box.press('Enter');
        await d.locator('.pw-mine').filter({ hasText: `вопрос с телефона ${run}` }).getByText(/Отправлено|Прочитано/).waitFor({ timeout: T });
        const token = await p.evaluate((k) => localStorage.getItem(k), `parley:${BASE}:token`);
        const chat = await api('GET', '/me/chat', undefined, token);
        await api('POST', `/chats/${chat.id}/resolve`, undefined, admin);
        const group = d.getByRole('group', { name: 'Как прошёл разговор?' });
        await group.waitFor({ timeout: T });
        await group.getByRole('radio', { name: '3 из 5: Нормально' }).check();
        await d.getByRole('textbox', { name: 'Хотите что-то добавить? (необязательно)' }).waitFor({ timeout: T });
        await p.waitForTimeout(300);
        await fits(p, 'the rating at 390');
        await p.screenshot({ path: join(SHOTS, 'widget-rating-phone-390.png') });
        await axe(p, 'the rating at 390 in Russian');
      } finally {
        await phone.close();
      }
    });
  } finally {
    await context.close();
  }
}

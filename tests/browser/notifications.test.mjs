// Notifications as people meet them in Chromium: Ana asks a question; Ben answers it in his
// own browser; Ana reloads, sees the bell's count go up, opens her notifications, follows the
// one about Ben's answer and lands on the answer itself; the thread is now read, the bell
// empty. Ana changes the thread's follow level with the form on the thread page (no script
// needed). Screenshots: the notifications page and the thread with its follow control.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { backends, screenshot, signIn, startBrowserEnv } from './lib.mjs';

const PW = 'a long and private passphrase';

for (const backend of backends()) {
  let env;
  let threadPath;
  before(async () => {
    env = await startBrowserEnv({ backend });
    await env.srv.addUser('ana', { password: PW, admin: true });
    await env.srv.addUser('ben', { password: PW });
    const a = env.srv.client();
    await a.signin('ana', PW);
    await a.get('/');
    let r = await a.postJSON('/api/v1/communities', {
      name: 'Field Geologists', slug: 'geo', visibility: 'public',
      charter_md: 'Rocks, maps and boots.', tags: 'mapping, samples',
    });
    assert.equal(r.status, 201, r.text);
    const b = env.srv.client();
    await b.signin('ben', PW);
    await b.get('/');
    assert.equal((await b.postJSON('/api/v1/communities/geo/join', {})).status, 200);
    r = await a.postJSON('/api/v1/communities/geo/threads', {
      kind: 'question', title: 'How do you label rock samples in the rain?',
      body: 'My marker ink runs off every bag.', tags: ['samples'],
    });
    assert.equal(r.status, 201, r.text);
    threadPath = `/c/geo/t/${r.json.id}`;
  });
  after(async () => { await env?.close(); });


  test(`[${backend}] an answer rings the bell; the notification lands on the answer`, async () => {
    const { newContext } = env;
    const ana = await (await newContext()).newPage();
    const errors = [];
    ana.on('pageerror', (e) => errors.push(e.message));
    ana.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await signIn(ana, 'ana', PW);
    await ana.goto('/communities');
    const bell = ana.getByRole('link', { name: /^Notifications/ });
    assert.equal(await bell.getAttribute('aria-label'), 'Notifications');
    assert.equal(await ana.locator('.bell .unread-count').count(), 0);

    // Ben answers in his own browser.
    const ben = await (await newContext()).newPage();
    await signIn(ben, 'ben', PW);
    await ben.goto(threadPath);
    await ben.getByRole('textbox', { name: 'Your answer' }).fill('Scratch the number into the bag with a nail, then tape over it.');
    await ben.getByRole('button', { name: 'Post your answer' }).click();
    await ben.waitForLoadState();
    const answerId = await ben.locator('.answers article.post').first().getAttribute('id');
    assert.match(answerId, /^p\d+$/);

    // Ana reloads: the bell counts one.
    await ana.reload();
    assert.equal(await bell.getAttribute('aria-label'), 'Notifications, 1 unread');
    assert.equal(await ana.locator('.bell .unread-count').innerText(), '1');
    await bell.click();
    await ana.waitForLoadState();
    assert.equal(new URL(ana.url()).pathname, '/notifications');
    const item = ana.getByRole('link', { name: 'ben answered your question “How do you label rock samples in the rain?”' });
    await item.waitFor();
    await screenshot(ana, `${backend}-notifications-page`);
    await item.click();
    await ana.waitForLoadState();
    const url = new URL(ana.url());
    assert.equal(url.pathname, threadPath);
    assert.equal(url.hash, `#${answerId}`, 'lands on the answer');
    assert.match(await ana.locator(`#${answerId}`).innerText(), /Scratch the number into the bag/);
    // Viewing the thread read the notification: the bell is empty again.
    assert.equal(await ana.locator('.bell .unread-count').count(), 0);

    // The follow control: Ana asked, so she watches; she switches to tracking.
    const level = ana.getByLabel('Notifications for this thread');
    assert.equal(await level.inputValue(), 'watching');
    await screenshot(ana, `${backend}-thread-follow-control`);
    await level.selectOption('tracking');
    await ana.locator('.follow-control').getByRole('button', { name: 'Save' }).click();
    await ana.waitForLoadState();
    assert.equal(new URL(ana.url()).pathname, threadPath);
    assert.equal(await ana.getByLabel('Notifications for this thread').inputValue(), 'tracking');
    assert.deepEqual(errors, []);
  });
}

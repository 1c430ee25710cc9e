// Moderation as people meet it in Chromium: Nia, who signed up minutes ago, starts a discussion
// with three links; it is held (she sees why, nobody else sees it). Mo, a moderator, opens the
// community's review queue (accessible at desktop and phone widths), sees the held post with
// its reason and Nia's history, and approves it with the queue's form (no script needed): the
// thread is public, and Nia's notifications tell her. Then a member flags a post from the
// thread page's Flag link and sees it under "Your flags". Screenshots: the held thread as its
// author sees it, the queue at both widths, the flag form and "Your flags".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { backends, checkA11y, checkNoSideScroll, DESKTOP, PHONE, screenshot, signIn, startBrowserEnv } from './lib.mjs';

const PW = 'a long and private passphrase';

for (const backend of backends()) {
  let env;
  before(async () => {
    env = await startBrowserEnv({ backend });
    await env.srv.addUser('mo', { password: PW, admin: true });
    await env.srv.addUser('pat', { password: PW });
    const m = env.srv.client();
    await m.signin('mo', PW);
    await m.get('/');
    let r = await m.postJSON('/api/v1/communities', {
      name: 'Home Roasters', slug: 'roast', visibility: 'public', charter_md: 'Beans and heat.',
    });
    assert.equal(r.status, 201, r.text);
    // Nia signs up now: a new account under the default thresholds.
    const n = env.srv.client();
    r = await n.signup('nia', PW);
    assert.equal(r.status, 303, r.text);
    await n.get('/');
    assert.equal((await n.postJSON('/api/v1/communities/roast/join', {})).status, 200);
    const p = env.srv.client();
    await p.signin('pat', PW);
    await p.get('/');
    assert.equal((await p.postJSON('/api/v1/communities/roast/join', {})).status, 200);
  });
  after(async () => { await env?.close(); });


  test(`[${backend}] a newcomer's post with three links is held, approved from the queue, and she is told`, async () => {
    const { newContext } = env;
    const nia = await (await newContext()).newPage();
    const errors = [];
    nia.on('pageerror', (e) => errors.push(e.message));
    await signIn(nia, 'nia', PW);
    await nia.goto('/c/roast/t/new?kind=discussion');
    await nia.getByLabel('Title').fill('Where I buy green coffee beans');
    await nia.getByRole('textbox', { name: 'Message' }).fill(
      'I like https://one.example/beans and https://two.example/beans and https://three.example/beans');
    await nia.getByRole('button', { name: 'Start the discussion' }).click();
    await nia.waitForLoadState();
    const threadPath = new URL(nia.url()).pathname;
    assert.match(threadPath, /^\/c\/roast\/t\/\d+$/);
    const notice = nia.locator('.post-held');
    await notice.waitFor();
    assert.match(await notice.innerText(), /Held for review: new accounts may post at most 2 links/);
    await screenshot(nia, 'moderation-held-author');

    // Nobody else sees it.
    const anon = await (await newContext()).newPage();
    const resp = await anon.goto(threadPath);
    assert.equal(resp.status(), 404);
    await anon.goto('/c/roast');
    assert.equal(await anon.getByText('Where I buy green coffee beans').count(), 0);

    // Mo reviews it, at both widths.
    const moCtx = await newContext();
    const mo = await moCtx.newPage();
    await signIn(mo, 'mo', PW);
    await mo.goto('/c/roast/review');
    await mo.getByRole('heading', { name: 'Review queue' }).waitFor();
    const item = mo.locator('article.review-held');
    await item.waitFor();
    assert.match(await item.innerText(), /Where I buy green coffee beans/);
    assert.match(await item.innerText(), /new account/);
    await checkA11y(mo);
    await screenshot(mo, 'moderation-queue-desktop');
    const phone = await (await newContext({ viewport: PHONE })).newPage();
    await signIn(phone, 'mo', PW);
    await phone.goto('/c/roast/review');
    await checkA11y(phone);
    await checkNoSideScroll(phone);
    await screenshot(phone, 'moderation-queue-phone');
    await mo.setViewportSize(DESKTOP);
    await item.getByRole('button', { name: 'Approve and publish' }).click();
    await mo.waitForLoadState();
    await mo.getByText('Done: approve.').waitFor();
    assert.equal(await mo.locator('article.review-held').count(), 0);

    // Public now, and Nia is told.
    const again = await anon.goto(threadPath);
    assert.equal(again.status(), 200);
    await nia.goto('/notifications');
    await nia.getByRole('link', { name: /Your post in “Where I buy green coffee beans” was approved/ }).waitFor();
    assert.deepEqual(errors, []);

    // Pat flags Mo's reply from the thread page (a plain link and form).
    const m = env.srv.client();
    await m.signin('mo', PW);
    await m.get('/');
    const tid = Number(threadPath.split('/').pop());
    const r = await m.postJSON(`/api/v1/threads/${tid}/posts`, { body: 'Buy mine instead, cheap cheap cheap.' });
    assert.equal(r.status, 201, r.text);
    const pat = await (await newContext()).newPage();
    await signIn(pat, 'pat', PW);
    await pat.goto(threadPath);
    await pat.locator(`#p${r.json.id}`).getByRole('link', { name: 'Flag' }).click();
    await pat.waitForLoadState();
    await pat.getByRole('heading', { name: 'Flag this post' }).waitFor();
    await checkA11y(pat);
    await pat.getByLabel('Spam').check();
    await pat.getByLabel('Note for the moderators').fill('Advertising.');
    await screenshot(pat, 'moderation-flag-form');
    await pat.getByRole('button', { name: 'Send the flag' }).click();
    await pat.waitForLoadState();
    assert.equal(new URL(pat.url()).pathname, '/settings/flags');
    await pat.getByText('Thank you: your flag was sent to the moderators.').waitFor();
    assert.match(await pat.locator('table.flags-table').innerText(), /Spam\s+Waiting for review/);
    await checkA11y(pat);
    await screenshot(pat, 'moderation-your-flags');
  });
}

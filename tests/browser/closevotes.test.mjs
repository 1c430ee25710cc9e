// Trust privileges as people meet them in Chromium: three regulars (trust level 3) close a
// question as a duplicate from the thread page's "Vote to close" form (no script needed); the
// votes and the original are shown to everyone, and the third vote closes it. Then the
// administrator opens /admin/moderation, makes two mistakes, sees both reported next to their
// fields, fixes them and saves. Accessible and without sideways scrolling at desktop and phone
// widths. Screenshots: the votes on the thread, the closed thread, the settings form with its
// errors, at both widths.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DESKTOP, PHONE, backends, checkA11y, checkNoSideScroll, screenshot, signIn as libSignIn, startBrowserEnv } from './lib.mjs';

const PW = 'a long and private passphrase';

for (const backend of backends()) {
  let env, orig, dup;
  before(async () => {
    env = await startBrowserEnv({ backend });
    await env.srv.addUser('ada', { password: PW, admin: true });
    for (const n of ['rea', 'reb', 'rec', 'asker']) await env.srv.addUser(n, { password: PW });
    const a = env.srv.client();
    await a.signin('ada', PW);
    await a.get('/');
    let r = await a.postJSON('/api/v1/communities', {
      name: 'Sourdough Bakers', slug: 'dough', visibility: 'public', charter_md: 'Flour, water, time.',
    });
    assert.equal(r.status, 201, r.text);
    for (const n of ['rea', 'reb', 'rec']) {
      r = await a.putJSON(`/api/v1/admin/users/${n}/trust`, { level: 3, locked: true });
      assert.equal(r.status, 200, r.text);
    }
    for (const n of ['rea', 'reb', 'rec', 'asker']) {
      const c = env.srv.client();
      await c.signin(n, PW);
      await c.get('/');
      assert.equal((await c.postJSON('/api/v1/communities/dough/join', {})).status, 200);
      if (n === 'asker') {
        r = await c.postJSON('/api/v1/communities/dough/threads', { kind: 'question', title: 'How warm should a starter be kept?', body: 'Mine is slow.' });
        orig = r.json;
        r = await c.postJSON('/api/v1/communities/dough/threads', { kind: 'question', title: 'What temperature for my starter?', body: 'It is sluggish.' });
        dup = r.json;
      }
    }
  });
  after(async () => { await env?.close(); });

  const signIn = (page, name) => libSignIn(page, name, PW);

  async function voteToClose(page, reason, original) {
    await page.goto(`/c/dough/t/${dup.id}`);
    await page.getByText('Vote to close', { exact: true }).first().click(); // the <summary>
    await page.getByRole('radio', { name: new RegExp(`^${reason}`) }).check();
    if (original) await page.getByLabel('Original thread number (for a duplicate)').fill(String(original));
    await page.getByRole('button', { name: 'Vote to close' }).click();
    await page.waitForLoadState();
  }

  test(`[${backend}] three regulars close a duplicate from the thread page`, async () => {
    const errors = [];
    const ctxs = [];
    for (const [i, n] of ['rea', 'reb', 'rec'].entries()) {
      const ctx = await env.newContext({ viewport: i === 1 ? PHONE : DESKTOP });
      ctxs.push(ctx);
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await signIn(page, n);
      await voteToClose(page, i === 2 ? 'Off-topic' : 'A duplicate', i === 2 ? null : orig.id);
      const votes = page.locator('.close-votes');
      if (i < 2) {
        assert.match(await votes.innerText(), new RegExp(`${i + 1} of 3 votes to close`));
        assert.match(await votes.innerText(), /duplicate of How warm should a starter be kept\?/);
        await page.getByRole('button', { name: 'Retract your vote' }).waitFor();
        await checkA11y(page);
        await checkNoSideScroll(page);
        await screenshot(page, `closevotes-${i === 1 ? 'phone' : 'desktop'}`);
      } else {
        const notice = page.locator('.notice-closed');
        await notice.waitFor();
        assert.match(await notice.innerText(), /Closed by members' vote as a duplicate of “How warm should a starter be kept\?”/);
        assert.match(await votes.innerText(), /Closed by the votes of rea \(duplicate of .*\), reb \(duplicate of .*\) and rec \(off-topic\)/);
        await page.getByRole('button', { name: 'Vote to reopen' }).waitFor();
        await checkA11y(page);
        await screenshot(page, 'closevotes-closed-desktop');
      }
    }
    // A visitor sees the votes and the link to the original.
    const anon = await (await env.newContext({ viewport: PHONE })).newPage();
    await anon.goto(`/c/dough/t/${dup.id}`);
    await anon.getByRole('link', { name: 'How warm should a starter be kept?' }).first().waitFor();
    await checkNoSideScroll(anon);
    await screenshot(anon, 'closevotes-closed-phone');
    assert.deepEqual(errors, []);
  });

  test(`[${backend}] the administrator tunes moderation on /admin/moderation`, async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await (await env.newContext({ viewport })).newPage();
      await signIn(page, 'ada');
      await page.goto('/admin/moderation');
      await page.getByRole('heading', { name: 'Moderation and trust levels' }).waitFor();
      await page.getByRole('group', { name: 'Privileges' }).waitFor();
      await checkA11y(page);
      await checkNoSideScroll(page);
      const wide = viewport === DESKTOP ? 'desktop' : 'phone';
      await page.getByLabel('Links a new account may put in one post').fill('4');
      await page.getByLabel('Level that votes to close and reopen').fill('9');
      await page.getByLabel('Spam-flag weight that hides a post').fill('-1');
      await page.getByRole('button', { name: 'Save moderation settings' }).click();
      await page.waitForLoadState();
      const summary = page.locator('.form-errors, .notice-error').first();
      await summary.waitFor();
      assert.equal(await page.locator('.field-invalid').count(), 2, 'both mistakes are marked');
      await checkA11y(page);
      await screenshot(page, `admin-moderation-errors-${wide}`);
      await page.getByLabel('Level that votes to close and reopen').fill('3');
      await page.getByLabel('Spam-flag weight that hides a post').fill('300');
      await page.getByRole('button', { name: 'Save moderation settings' }).click();
      await page.waitForLoadState();
      await page.getByText('The moderation settings were saved.').waitFor();
      assert.equal(await page.getByLabel('Links a new account may put in one post').inputValue(), '4');
      if (viewport === DESKTOP) await screenshot(page, 'admin-moderation-desktop');
    }
  });
}

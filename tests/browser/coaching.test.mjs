// Coaching as people meet it in Chromium: Nia, who signed up minutes ago, asks her first
// question in a community that coaches first questions; she sees the coaching banner and
// "Publish now", and nobody else sees the question. Cora, a coach, finds it in the coaching
// queue (accessible at desktop and phone widths), adds a note and suggests a clearer title and
// text with the panel's forms (no script needed). Nia accepts the suggestion and publishes:
// the question is public with "Coached by Cora". Mo, an administrator, changes the community's
// coaching settings from the queue page. Screenshots: the author's view (also dark) and the
// queue at 1280 and 390 px, the published question, the settings.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DESKTOP, PHONE, backends, checkA11y, checkNoSideScroll, screenshot, signIn as libSignIn, startBrowserEnv } from './lib.mjs';

const PW = 'a long and private passphrase';

for (const backend of backends()) {
  let env;
  before(async () => {
    env = await startBrowserEnv({ backend });
    await env.srv.addUser('mo', { password: PW, admin: true });
    await env.srv.addUser('cora', { password: PW });
    const m = env.srv.client();
    await m.signin('mo', PW);
    await m.get('/');
    let r = await m.postJSON('/api/v1/communities', {
      name: 'Home Roasters', slug: 'roast', visibility: 'public', charter_md: 'Beans and heat.',
    });
    assert.equal(r.status, 201, r.text);
    r = await m.patchJSON('/api/v1/communities/roast/coaching', { enabled: true });
    assert.equal(r.status, 200, r.text);
    r = await m.putJSON('/api/v1/admin/users/cora/trust', { level: 2, locked: true });
    assert.equal(r.status, 200, r.text);
    const c = env.srv.client();
    await c.signin('cora', PW);
    await c.get('/');
    assert.equal((await c.postJSON('/api/v1/communities/roast/join', {})).status, 200);
    const n = env.srv.client();
    r = await n.signup('nia', PW);
    assert.equal(r.status, 303, r.text);
    await n.get('/');
    assert.equal((await n.postJSON('/api/v1/communities/roast/join', {})).status, 200);
  });
  after(async () => { await env?.close(); });

  const signIn = (page, name) => libSignIn(page, name, PW);

  test(`[${backend}] a newcomer asks, a coach suggests, the newcomer accepts and publishes`, async () => {
    const { newContext } = env;
    const nia = await (await newContext()).newPage();
    const errors = [];
    nia.on('pageerror', (e) => errors.push(e.message));
    await signIn(nia, 'nia');
    await nia.goto('/c/roast/t/new?kind=question');
    await nia.getByLabel('Title').fill('roasting help');
    await nia.getByLabel('Your question').fill('my beans are bad');
    await nia.getByRole('button', { name: 'Post your question' }).click();
    await nia.waitForLoadState();
    const threadPath = new URL(nia.url()).pathname;
    assert.match(threadPath, /^\/c\/roast\/t\/\d+$/);
    const panel = nia.locator('#coaching');
    await panel.waitFor();
    assert.match(await panel.innerText(), /Only you, the coaches and the moderators can read it/);
    await panel.getByRole('button', { name: 'Publish now' }).waitFor();
    await checkA11y(nia);
    await screenshot(nia, `${backend}-coaching-author-desktop`);

    // Nobody else sees it.
    const anon = await (await newContext()).newPage();
    assert.equal((await anon.goto(threadPath)).status(), 404);

    // Cora coaches it from the queue, at both widths.
    const cora = await (await newContext()).newPage();
    await signIn(cora, 'cora');
    await cora.goto('/c/roast/coaching');
    await cora.getByRole('heading', { name: 'Coaching queue' }).waitFor();
    await checkA11y(cora);
    await screenshot(cora, `${backend}-coaching-queue-desktop`);
    const phone = await (await newContext({ viewport: PHONE })).newPage();
    await signIn(phone, 'cora');
    await phone.goto('/c/roast/coaching');
    await checkA11y(phone);
    await checkNoSideScroll(phone);
    await screenshot(phone, `${backend}-coaching-queue-phone`);
    await cora.getByRole('link', { name: 'roasting help' }).click();
    await cora.waitForLoadState();
    await cora.getByLabel('Add a note').fill('Welcome! Say which roaster and beans you use, and what "bad" tastes like.');
    await cora.getByRole('button', { name: 'Add the note' }).click();
    await cora.waitForLoadState();
    await cora.locator('summary', { hasText: 'Suggest an edit' }).click();
    await cora.locator('#suggest-title').fill('Light roast tastes sour on a popcorn popper: what should I change?');
    await cora.locator('#suggest-body').fill('I roast Ethiopian beans in a popcorn popper for 5 minutes and they taste **sour**.');
    await cora.getByRole('button', { name: 'Suggest this edit' }).click();
    await cora.waitForLoadState();
    await cora.locator('.coaching-suggestion').waitFor();
    await checkA11y(cora);
    await screenshot(cora, `${backend}-coaching-coach-desktop`);

    // Nia accepts it and publishes.
    await nia.goto(threadPath);
    await nia.getByText('Welcome! Say which roaster').waitFor();
    await nia.setViewportSize(PHONE);
    await checkNoSideScroll(nia);
    await screenshot(nia, `${backend}-coaching-author-phone`);
    await nia.setViewportSize(DESKTOP);
    const dark = await (await newContext({ colorScheme: 'dark' })).newPage();
    await signIn(dark, 'nia');
    await dark.goto(threadPath);
    await checkA11y(dark);
    await screenshot(dark, `${backend}-coaching-author-dark`);
    await nia.getByRole('button', { name: 'Accept this edit' }).click();
    await nia.waitForLoadState();
    assert.equal(await nia.getByRole('heading', { level: 1 }).innerText(),
      'Light roast tastes sour on a popcorn popper: what should I change?');
    await nia.getByRole('button', { name: 'Publish now' }).click();
    await nia.waitForLoadState();
    assert.equal(await nia.locator('#coaching').count(), 0);

    // Public now, with the coach credited.
    assert.equal((await anon.goto(threadPath)).status(), 200);
    await anon.getByText('Coached by').waitFor();
    assert.match(await anon.locator('.coached-by').innerText(), /cora/);
    assert.equal(await anon.locator('.post-body strong', { hasText: 'sour' }).count(), 1);
    await screenshot(anon, `${backend}-coaching-published`);
    assert.deepEqual(errors, []);

    // The coordinators' side: the queue with its settings, from the community's tabs.
    const mo = await (await newContext()).newPage();
    await signIn(mo, 'mo');
    await mo.goto('/c/roast');
    await mo.getByRole('navigation', { name: 'Community' }).getByRole('link', { name: 'Coaching' }).click();
    await mo.waitForLoadState();
    await mo.getByLabel('Publish by itself after (hours, 0 = never)').fill('48');
    await mo.getByRole('button', { name: 'Save' }).click();
    await mo.waitForLoadState();
    await mo.getByText('Saved.').waitFor();
    assert.equal(await mo.getByLabel('Publish by itself after (hours, 0 = never)').inputValue(), '48');
    await checkA11y(mo);
    await screenshot(mo, `${backend}-coaching-settings-desktop`);
    await mo.setViewportSize(PHONE);
    await checkNoSideScroll(mo);
    await screenshot(mo, `${backend}-coaching-settings-phone`);
  });
}

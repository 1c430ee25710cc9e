// The last gaps of the newcomer's walk (issue 15) in Chromium, at desktop and phone widths,
// with axe-core and the no-side-scroll check on every page visited: tags are links with
// counts on the thread lists (instance-wide and per community) and in search; a comment
// typed with block Markdown comes out as Stack Overflow's one-line Markdown-lite; the
// comment composer has the upload button (files go in as links); past comments_per_hour the
// composer says when to try again, with the text kept; the one-date event form reports
// every mistake at once next to its field; the profile and charter composers have the
// upload button. Screenshots of each.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { checkA11y, checkNoSideScroll, DESKTOP, PHONE, screenshot, signIn, startBrowserEnv } from './lib.mjs';

const PW = 'a long and private passphrase';

let env;
let tid;
let aid;
let qpid;
let occEdit;
// The thread page's hidden question heading trips axe heading-order (comments.test.mjs).
const threadA11y = (page) => checkA11y(page, { exclude: [`#p${qpid}-h`] });

before(async () => {
  env = await startBrowserEnv({});
  await env.srv.addUser('maria', { password: PW, admin: true });
  await env.srv.addUser('tom', { password: PW });
  const m = env.srv.client();
  await m.signin('maria', PW);
  await m.get('/');
  let r = await m.postJSON('/api/v1/communities', {
    name: 'Night Shift Nurses', slug: 'nsn', visibility: 'public',
    charter_md: 'We share what works on night shifts.', tags: 'sleep, handover, rota',
  });
  assert.equal(r.status, 201, r.text);
  const t = env.srv.client();
  await t.signin('tom', PW);
  await t.get('/');
  assert.equal((await t.postJSON('/api/v1/communities/nsn/join', {})).status, 200);
  r = await m.postJSON('/api/v1/communities/nsn/threads', {
    kind: 'question', title: 'How do you hand over at 7 in the morning?', body: 'Ours takes an hour.', tags: ['handover', 'rota'],
  });
  assert.equal(r.status, 201, r.text);
  tid = r.json.id;
  qpid = (await m.get(`/api/v1/threads/${tid}`)).json.posts[0].id;
  r = await m.postJSON('/api/v1/communities/nsn/threads', {
    kind: 'discussion', title: 'Sleeping after the last night', body: 'Blackout blinds?', tags: ['sleep', 'rota'],
  });
  assert.equal(r.status, 201, r.text);
  r = await m.postJSON(`/api/v1/threads/${tid}/posts`, { body: 'Use a written SBAR sheet per patient.' });
  assert.equal(r.status, 201, r.text);
  aid = r.json.id;
  const y = new Date().getUTCFullYear() + 1;
  r = await m.postJSON('/api/v1/communities/nsn/events', {
    title: 'Handover clinic', start: `${y}-03-03T08:00`, end: `${y}-03-03T09:00`, timezone: 'Europe/Berlin',
    freq: 'weekly', count: 4, location: 'Ward 3',
  });
  assert.equal(r.status, 201, r.text);
  occEdit = `/events/${r.json.id}/o/${r.json.occurrences[1].key}/edit`;
});
after(async () => { await env?.close(); });

async function check(page, name, { thread = false } = {}) {
  if (thread) await threadA11y(page); else await checkA11y(page);
  await checkNoSideScroll(page);
  await screenshot(page, `newcomer-${name}`);
}

for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`${label}: tags are links with their thread counts on lists and in search`, async () => {
    const page = await (await env.newContext({ viewport })).newPage();
    for (const [path, shot] of [['/latest', 'latest'], ['/c/nsn/latest', 'community-latest'], ['/search?q=morning', 'search']]) {
      await page.goto(path);
      const chip = page.locator('.thread-row a.tag[href="/c/nsn/tags/rota"], .search-hit a.tag[href="/c/nsn/tags/rota"]').first();
      await chip.waitFor();
      assert.equal(await chip.textContent(), 'rota 2 threads', `${path}: rota with its count`);
      assert.equal(await chip.locator('.tag-count').isVisible(), true);
      await check(page, `${label}-${shot}`);
    }
  });

  test(`${label}: a comment is one line of Markdown-lite; the composer uploads files as links`, async () => {
    const page = await (await env.newContext({ viewport })).newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'tom', PW);
    await page.goto(`/c/nsn/t/${tid}`);
    const composer = page.locator(`#comment-form-${aid}`);
    await composer.locator('summary').click();
    // the upload tools are there, as a button (JavaScript) that takes a file
    const upload = composer.getByRole('button', { name: 'Add a file' });
    await upload.waitFor();
    assert.match(await composer.locator('.upload-hint').innerText(), /goes in as a link/);
    await composer.getByLabel('Your comment').fill(`# Not a heading\n- nor a list, but *this* is ${label}`);
    await composer.getByRole('button', { name: 'Add comment' }).click();
    await page.waitForLoadState();
    const body = page.locator('.comment-body').filter({ hasText: `is ${label}` });
    await body.waitFor();
    assert.equal((await body.innerText()).trim(), `# Not a heading - nor a list, but this is ${label}`);
    assert.equal(await body.locator('em').innerText(), 'this');
    assert.equal(await body.locator('h1, ul, p').count(), 0, 'no blocks in a comment');
    await check(page, `${label}-comment`, { thread: true });
    assert.deepEqual(errors, []);
  });
}

test('past comments_per_hour the composer says when to comment again, and keeps the text', async () => {
  const admin = env.srv.client();
  await admin.signin('maria', PW);
  await admin.get('/');
  assert.equal((await admin.patchJSON('/api/v1/admin/settings', { comments_per_hour: '2' })).status, 200);
  try {
    for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      const page = await (await env.newContext({ viewport })).newPage();
      await signIn(page, 'tom', PW);
      await page.goto(`/c/nsn/t/${tid}`);
      const composer = page.locator(`#comment-form-${aid}`);
      await composer.locator('summary').click();
      await composer.getByLabel('Your comment').fill(`One more thought, ${label}`);
      await composer.getByRole('button', { name: 'Add comment' }).click();
      await page.waitForLoadState();
      const again = page.locator(`#comment-form-${aid}`);
      assert.equal(await again.getAttribute('open'), '', 'the composer is open');
      assert.match(await again.locator('.field-error').innerText(), /You have written 2 comments in the last hour.*comment again in \d+ minutes?/);
      assert.equal(await again.getByLabel('Your comment').inputValue(), `One more thought, ${label}`);
      await check(page, `${label}-comment-rate`, { thread: true });
    }
  } finally {
    await admin.patchJSON('/api/v1/admin/settings', { comments_per_hour: '30' });
  }
});

for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`${label}: the one-date form reports every mistake at once; composers have the upload button`, async () => {
    const page = await (await env.newContext({ viewport })).newPage();
    await signIn(page, 'maria', PW);
    await page.goto(occEdit);
    await page.locator('form.occ-form').evaluate((f) => { // the server must say it too
      f.noValidate = true;
      for (const el of f.querySelectorAll('[maxlength]')) el.removeAttribute('maxlength');
    });
    await page.getByLabel('Title').fill('T'.repeat(121));
    await page.getByLabel('Starts').fill('');
    await page.getByLabel('Place').fill('P'.repeat(201));
    await page.getByRole('button', { name: 'Save this date' }).click();
    await page.waitForLoadState();
    const summary = page.locator('.error-summary, [role=alert]').first();
    await summary.waitFor();
    for (const field of ['title', 'start', 'location']) {
      assert.equal(await page.locator(`#${field}`).getAttribute('aria-invalid'), 'true', field);
      assert.equal(await summary.locator(`a[href="#${field}"]`).count(), 1, `summary links ${field}`);
    }
    await check(page, `${label}-occ-errors`);
    for (const [path, field, shot] of [['/settings/profile', 'bio', 'profile'], ['/c/nsn/edit', 'charter_md', 'charter']]) {
      await page.goto(path);
      const tools = page.locator(`.upload-tools[data-upload-for="${field}"]`);
      await tools.getByRole('button', { name: 'Add an image or file' }).waitFor();
      await check(page, `${label}-${shot}-upload`);
    }
  });
}

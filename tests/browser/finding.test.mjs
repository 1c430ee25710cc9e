// Reading and finding your way (issue 15) in Chromium, at desktop and phone widths: the home
// page a visitor lands on, a tag page, grouped search results, the member directory, a
// profile, and a members-only community that asks a visitor to sign in and brings them back.
// Every page visited is checked with axe-core (checkA11y) and for sideways scrolling, and
// screenshotted to build/screenshots/finding-*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DESKTOP, PHONE, backends, checkA11y, checkNoSideScroll, screenshot, startBrowserEnv } from './lib.mjs';

const PW = 'a long and private passphrase';

for (const backend of backends()) {
  let env;
  before(async () => {
    env = await startBrowserEnv({ backend });
    await env.srv.addUser('maria', { password: PW, admin: true });
    await env.srv.addUser('tom', { password: PW });
    for (const n of ['beer-10', 'beer-2', 'beer-1']) await env.srv.addUser(n, { password: PW });
    const m = env.srv.client();
    await m.signin('maria', PW);
    await m.get('/');
    await m.patchJSON('/api/v1/me', { display_name: 'Maria Brauer', skills: ['yeast'] });
    let r = await m.postJSON('/api/v1/communities', {
      name: 'Homebrewers', slug: 'brew', visibility: 'public',
      charter_md: 'Beer, cider and mead brewed at home. We share **recipes** and [notes](https://example.com/notes).',
      tags: 'yeast, hops, bottling',
    });
    assert.equal(r.status, 201, r.text);
    r = await m.postJSON('/api/v1/communities', {
      name: 'Cellar Club', slug: 'cellar', visibility: 'members', charter_md: 'For the members only.', tags: 'aging',
    });
    assert.equal(r.status, 201, r.text);
    const t = env.srv.client();
    await t.signin('tom', PW);
    await t.get('/');
    await t.patchJSON('/api/v1/me', { display_name: 'Tom Hopper' });
    assert.equal((await t.postJSON('/api/v1/communities/brew/join', {})).status, 200);
    for (const n of ['beer-10', 'beer-2', 'beer-1']) {
      const b = env.srv.client();
      await b.signin(n, PW);
      await b.get('/');
      assert.equal((await b.postJSON('/api/v1/communities/brew/join', {})).status, 200);
    }
    r = await t.postJSON('/api/v1/communities/brew/threads', {
      kind: 'question', title: 'Which yeast for a dry saison?',
      body: 'I want a dry finish with this yeast; see [my log](https://example.com/log) of the yeast.', tags: ['yeast'],
    });
    const q = r.json;
    for (const body of ['Belle Saison yeast ferments very dry.', 'Keep the yeast warm, 26 °C.', 'Pitch more yeast.']) {
      const a = await m.postJSON(`/api/v1/threads/${q.id}/posts`, { body });
      assert.equal(a.status, 201, a.text);
      if (body.startsWith('Belle')) await t.putJSON(`/api/v1/threads/${q.id}/accepted`, { post_id: a.json.id });
    }
    await m.patchJSON('/api/v1/communities/brew/tags/yeast', { description: 'Strains, starters and pitching rates.' });
    r = await m.postJSON('/api/v1/communities/brew/articles', { title: 'Choosing a saison yeast', body_md: 'Warm and dry.', tags: ['yeast'] });
    assert.equal(r.status, 201, r.text);
    await m.patchJSON(`/api/v1/communities/brew/articles/${r.json.slug}`, { status: 'best_practice' });
    const nextYear = new Date().getUTCFullYear() + 1;
    r = await m.postJSON('/api/v1/communities/brew/events', {
      title: 'Brew day', start: `${nextYear}-06-02T10:00`, end: `${nextYear}-06-02T16:00`,
      timezone: 'Europe/Berlin', location: 'The Garage', description: 'Bring a mash paddle.',
    });
    assert.equal(r.status, 201, r.text);
  });
  after(async () => { await env?.close(); });

  // Visit path at both widths: axe, no sideways scroll, a screenshot; check(page) for content.
  async function visit(path, name, check, { context } = {}) {
    for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      const ctx = context || await env.newContext({ viewport });
      if (context) await (await ctx.pages()[0] || await ctx.newPage()).setViewportSize(viewport);
      const page = ctx.pages()[0] || await ctx.newPage();
      await page.setViewportSize(viewport);
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const res = await page.goto(path);
      assert.ok(res.status() < 500, `${path}: ${res.status()}`);
      if (check) await check(page, label);
      await checkA11y(page);
      await checkNoSideScroll(page);
      await screenshot(page, `finding-${backend}-${name}-${label}`);
      assert.deepEqual(errors, [], `no script errors on ${path}`);
      if (!context) await ctx.close();
    }
  }

  test(`[${backend}] a visitor's home page shows what is worth reading`, async () => {
    await visit('/', 'home', async (page) => {
      await page.getByRole('heading', { name: 'Recently solved' }).waitFor();
      assert.ok(await page.getByText('Beer, cider and mead brewed at home.', { exact: true }).isVisible());
      assert.equal(await page.getByText('recipes').count(), 0, 'only the first sentence');
      assert.ok(await page.getByRole('link', { name: 'Which yeast for a dry saison?' }).first().isVisible());
      assert.ok(await page.getByRole('link', { name: 'Choosing a saison yeast' }).isVisible());
      assert.ok(await page.getByRole('link', { name: /Brew day/ }).first().isVisible());
      assert.equal(await page.getByText('Cellar Club').count(), 0, 'no members-only community to a visitor');
    });
  });

  test(`[${backend}] a tag page: description, threads, articles, who knows it`, async () => {
    await visit('/c/brew/tags/yeast', 'tag', async (page) => {
      assert.ok(await page.getByText('Strains, starters and pitching rates.').isVisible());
      assert.ok(await page.getByRole('link', { name: 'Which yeast for a dry saison?' }).isVisible());
      assert.ok(await page.getByRole('link', { name: 'Choosing a saison yeast' }).isVisible());
      await page.getByRole('heading', { name: 'Who knows yeast' }).waitFor();
      assert.ok(await page.getByRole('link', { name: 'Maria Brauer' }).first().isVisible());
    });
    await visit('/c/brew', 'community', async (page) => {
      const tag = page.getByRole('link', { name: /^yeast 1 thread$/ }).first();
      assert.ok(await tag.isVisible(), 'the tag links with its count');
    });
  });

  test(`[${backend}] search: one result per thread with its figures, plain snippets`, async () => {
    await visit('/search?q=yeast', 'search', async (page) => {
      const hits = page.locator('.search-hit');
      const forQ = hits.filter({ hasText: 'Which yeast for a dry saison?' });
      assert.equal(await forQ.count(), 1, 'the question and its three answers are one result');
      assert.match(await forQ.innerText(), /3 matching replies/);
      assert.match(await forQ.innerText(), /3 answers/);
      assert.match(await forQ.innerText(), /Solved/);
      assert.doesNotMatch(await page.locator('.search-results').innerText(), /\]\(|https:\/\/example/);
    });
  });

  test(`[${backend}] the member directory and a profile`, async () => {
    await visit('/c/brew/members?q=beer&sort=name', 'directory', async (page) => {
      const names = await page.locator('table.members tbody tr td:first-child a').allInnerTexts();
      assert.deepEqual(names, ['beer-1', 'beer-2', 'beer-10'], 'natural order');
    });
    await visit('/u/maria', 'profile', async (page) => {
      await page.getByRole('heading', { name: 'Recent contributions' }).waitFor();
      assert.ok(await page.getByRole('heading', { name: 'Answers' }).isVisible());
      assert.ok(await page.getByRole('link', { name: 'Choosing a saison yeast' }).isVisible());
    });
  });

  test(`[${backend}] a members-only community asks a visitor to sign in and brings them back`, async () => {
    for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      const ctx = await env.newContext({ viewport });
      const page = await ctx.newPage();
      const res = await page.goto('/c/cellar');
      assert.equal(res.status(), 401);
      assert.ok(await page.getByText(/sign in to read it/).isVisible());
      await checkA11y(page);
      await checkNoSideScroll(page);
      await screenshot(page, `finding-${backend}-members-only-${label}`);
      await page.locator('.error-page').getByRole('link', { name: 'Sign in' }).click();
      await page.waitForLoadState();
      await page.getByLabel('User name').fill('tom');
      await page.getByLabel('Password').fill(PW);
      await page.locator('main').getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/c\/cellar$/);
      await page.getByRole('heading', { name: 'Cellar Club' }).first().waitFor();
      await checkA11y(page);
      await ctx.close();
    }
  });
}

// The knowledge base as people use it in Chromium: Ana (coordinator) turns a solved question
// into a draft article and edits it; Ben (moderator) and Ana then edit the same revision in two
// browsers; Ben saves first, Ana gets the conflict page with both texts and conflict markers,
// resolves them and saves; Ana publishes the article, marks it best practice and looks at the
// history diff. Screenshots: the article page, the conflict page and the history diff.
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
    await env.srv.addUser('cara', { password: PW });
    const a = env.srv.client();
    await a.signin('ana', PW);
    await a.get('/');
    let r = await a.postJSON('/api/v1/communities', {
      name: 'Coffee Roasters', slug: 'roast', visibility: 'public',
      charter_md: 'We roast and share what works.', tags: 'brewing, roasting',
    });
    assert.equal(r.status, 201, r.text);
    const b = env.srv.client();
    await b.signin('ben', PW);
    await b.get('/');
    const c = env.srv.client();
    await c.signin('cara', PW);
    await c.get('/');
    for (const x of [b, c]) assert.equal((await x.postJSON('/api/v1/communities/roast/join', {})).status, 200);
    assert.equal((await a.putJSON('/api/v1/communities/roast/members/ben', { role: 'moderator' })).status, 200);
    r = await c.postJSON('/api/v1/communities/roast/threads', {
      kind: 'question', title: 'Why does my cold brew taste bitter?',
      body: 'I steep **24 hours** with a fine grind. It comes out bitter.', tags: ['brewing'],
    });
    assert.equal(r.status, 201, r.text);
    const tid = r.json.id;
    threadPath = `/c/roast/t/${tid}`;
    r = await b.postJSON(`/api/v1/threads/${tid}/posts`, { body: 'Use a **coarse** grind and steep 12 to 16 hours.' });
    assert.equal(r.status, 201, r.text);
    assert.equal((await c.putJSON(`/api/v1/threads/${tid}/accepted`, { post_id: r.json.id })).status, 200);
  });
  after(async () => { await env?.close(); });


  test(`[${backend}] promote a solved thread, edit, conflict, resolve, publish, best practice, history`, async () => {
    const { newContext } = env;
    const ana = await (await newContext()).newPage();
    const errors = [];
    ana.on('pageerror', (e) => errors.push(e.message));
    await signIn(ana, 'ana', PW);

    // Promote the solved question.
    await ana.goto(threadPath);
    await ana.getByRole('button', { name: 'Turn into article' }).click();
    await ana.waitForLoadState();
    assert.match(ana.url(), /\/c\/roast\/a\/why-does-my-cold-brew-taste-bitter\/edit$/);
    const editor = ana.getByRole('textbox', { name: 'Text' });
    let text = await editor.inputValue();
    assert.match(text, /## Accepted answer/);
    assert.match(text, /Answer by \[ben\]\(\/u\/ben\)/);

    // Ana edits: a better title and a summary section on top.
    await ana.getByLabel('Title').fill('Cold brew without bitterness');
    text = text.replace('## The question', '## Summary\n\nGrind coarse, steep 12 to 16 hours, filter twice.\n\n## The question');
    await editor.fill(text);
    await ana.getByLabel('Edit summary').fill('A summary and a better title');
    await ana.getByRole('button', { name: 'Save changes' }).click();
    await ana.waitForLoadState();
    assert.match(ana.url(), /\/c\/roast\/a\/cold-brew-without-bitterness$/);
    const articleUrl = new URL(ana.url()).pathname;

    // Both open the editor on the same revision.
    const ben = await (await newContext()).newPage();
    await signIn(ben, 'ben', PW);
    await ben.goto(`${articleUrl}/edit`);
    await ana.goto(`${articleUrl}/edit`);
    const benText = (await ben.getByRole('textbox', { name: 'Text' }).inputValue())
      .replace('filter twice.', 'filter twice through paper.');
    await ben.getByRole('textbox', { name: 'Text' }).fill(benText);
    await ben.getByRole('button', { name: 'Save changes' }).click();
    await ben.waitForLoadState();
    assert.equal(new URL(ben.url()).pathname, articleUrl);

    // Ana saves her change to the same line: the conflict page.
    const anaText = (await ana.getByRole('textbox', { name: 'Text' }).inputValue())
      .replace('filter twice.', 'filter once through metal.');
    await ana.getByRole('textbox', { name: 'Text' }).fill(anaText);
    await ana.getByRole('button', { name: 'Save changes' }).click();
    await ana.waitForLoadState();
    await ana.getByText('Someone else saved this article while you were editing it.').waitFor();
    const merged = await ana.getByRole('textbox', { name: 'Text' }).inputValue();
    assert.match(merged, /<<<<<<< your version\n.*filter once through metal\.\n=======\n.*filter twice through paper\.\n>>>>>>> revision 3\n/);
    assert.equal(await ana.locator('section.conflict-sides .conflict-side').count(), 2);
    assert.equal(await ana.locator('#conflict-resolver .conflict-block').count(), 1); // the per-overlap view
    await screenshot(ana, `${backend}-article-conflict`);

    // Resolve: keep both ideas, drop the markers.
    const resolved = merged.replace(/<<<<<<< your version\n[^\n]*\n=======\n[^\n]*\n>>>>>>> revision 3\n/,
      'Grind coarse, steep 12 to 16 hours, filter twice through paper (or once through metal).\n');
    assert.doesNotMatch(resolved, /<<<<<<<|>>>>>>>/);
    await ana.getByRole('textbox', { name: 'Text' }).fill(resolved);
    await ana.getByLabel('Edit summary').fill('Merged with Ben\'s edit');
    await ana.getByRole('button', { name: 'Save my resolution' }).click();
    await ana.waitForLoadState();
    assert.equal(new URL(ana.url()).pathname, articleUrl);
    await ana.getByText('filter twice through paper (or once through metal)').waitFor();

    // Publish, then mark best practice.
    await ana.getByRole('button', { name: 'Publish' }).click();
    await ana.waitForLoadState();
    assert.equal(await ana.locator('.badge-published').count(), 1);
    await ana.getByRole('button', { name: 'Mark best practice' }).click();
    await ana.waitForLoadState();
    assert.equal(await ana.locator('.article-head .badge-best_practice').innerText(), 'Best practice');
    assert.equal(await ana.locator('nav.toc a', { hasText: 'Summary' }).count(), 1);
    await screenshot(ana, `${backend}-article-page`);

    // The thread now points to the article.
    await ana.goto(threadPath);
    await ana.locator('.thread-article a', { hasText: 'Cold brew without bitterness' }).waitFor();

    // History: compare revision 2 with 4, line by line.
    await ana.goto(`${articleUrl}/history`);
    assert.match(await ana.locator('.lead').innerText(), /4 revisions/);
    await ana.getByLabel('Compare').selectOption('2');
    await ana.getByLabel('with').selectOption('4');
    await ana.getByRole('button', { name: 'Compare' }).click();
    await ana.waitForLoadState();
    await ana.locator('table.diff tr.diff-add', { hasText: 'once through metal' }).waitFor();
    assert.ok(await ana.locator('table.diff tr.diff-del').count() >= 1);
    await screenshot(ana, `${backend}-article-history`);
    assert.deepEqual(errors, []);
  });
}

// Search as a person does it in Chromium: type words into the header's search box, open the
// filters on the results page, narrow to solved questions with a tag, switch kind tabs, and
// see the matches highlighted (<mark>) in titles and snippets. Screenshots of the results
// go to build/screenshots/search-*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PHONE, backends, checkA11y, checkNoSideScroll, screenshot, startBrowserEnv } from './lib.mjs';

const PW = 'a long and private passphrase';

for (const backend of backends()) {
  let env;
  before(async () => {
    env = await startBrowserEnv({ backend });
    await env.srv.addUser('maria', { password: PW, admin: true });
    await env.srv.addUser('tom', { password: PW });
    const m = env.srv.client();
    await m.signin('maria', PW);
    await m.get('/');
    let r = await m.postJSON('/api/v1/communities', {
      name: 'Homebrewers', slug: 'brew', visibility: 'public',
      charter_md: 'Beer, cider and mead at home.', tags: 'yeast, hops, bottling',
    });
    assert.equal(r.status, 201, r.text);
    const t = env.srv.client();
    await t.signin('tom', PW);
    await t.get('/');
    assert.equal((await t.postJSON('/api/v1/communities/brew/join', {})).status, 200);
    const threads = [
      ['question', 'Which yeast for a dry saison?', 'I want a crisp, dry finish; my last batch brewed sweet.', ['yeast']],
      ['question', 'Bottle conditioning takes forever', 'The yeast seems asleep after two weeks at 16 °C.', ['bottling', 'yeast']],
      ['discussion', 'Show your brewing setup', 'Kettles, fermenters and the odd yeast starter.', []],
      ['question', 'Hop schedule for a pale ale', 'When do I add the aroma hops?', ['hops']],
    ];
    for (const [kind, title, body, tags] of threads) {
      r = await t.postJSON('/api/v1/communities/brew/threads', { kind, title, body, tags });
      assert.equal(r.status, 201, r.text);
      if (title.startsWith('Which yeast')) {
        const a = await m.postJSON(`/api/v1/threads/${r.json.id}/posts`, { body: 'Belle Saison yeast ferments very dry; keep it warm.' });
        assert.equal((await t.putJSON(`/api/v1/threads/${r.json.id}/accepted`, { post_id: a.json.id })).status, 200);
      }
    }
  });
  after(async () => { await env?.close(); });

  test(`[${backend}] search from the header, filter with the form, see highlights`, async () => {
    const page = await (await env.newContext()).newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/');
    const box = page.getByRole('search').first().getByRole('searchbox');
    await box.fill('yeast');
    await box.press('Enter');
    await page.waitForLoadState();
    assert.match(page.url(), /\/search\?q=yeast/);
    const hits = page.locator('.search-hit');
    // four threads mention yeast; the accepted answer joins its question's result
    assert.ok((await hits.count()) >= 3, `hits: ${await hits.count()}`);
    assert.ok((await page.locator('.search-hit mark').count()) >= 3, 'matches are marked');

    // Narrow: solved questions tagged yeast, from the filter form.
    await page.getByText('Filters', { exact: true }).click();
    await page.getByLabel('Tag', { exact: true }).fill('yeast'); // results have "Tags" lists too
    await page.getByLabel('State').selectOption('solved');
    await page.getByLabel('Kind of thread').selectOption('question');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForLoadState();
    assert.match(page.url(), /tag=yeast/);
    assert.match(page.url(), /state=solved/);
    const titles = await page.locator('.search-hit .hit-title').allTextContents();
    assert.ok(titles.every((x) => /Which yeast for a dry saison\?/.test(x)), titles.join(' | '));
    assert.equal(await page.locator('.search-hit .badge-solved').count(), titles.length);
    assert.equal(await page.locator('.hit-title mark').first().textContent(), 'yeast');
    await screenshot(page, `search-filtered-${backend}`);

    // The Replies tab keeps the filters.
    await page.getByRole('link', { name: /^Replies/ }).click();
    await page.waitForLoadState();
    assert.match(page.url(), /kind=post/);
    assert.match(page.url(), /tag=yeast/);
    assert.match(await page.locator('.hit-snippet').first().innerHTML(), /<mark>(yeast|Saison)<\/mark>/i);

    // Stemming: "brewing" also finds "brewed".
    await page.goto('/search?q=brewing');
    const all = await page.locator('.search-hit .hit-title').allTextContents();
    assert.ok(all.some((x) => /dry saison/.test(x)), all.join(' | '));
    await page.goto('/search?q=yeast');
    await screenshot(page, `search-results-${backend}`);
    // A malformed query says what is wrong.
    await page.goto('/search?q=%22unclosed');
    assert.match(await page.locator('main').textContent(), /closing quote/);
    assert.deepEqual(errors, []);
  });

  test(`[${backend}] a question typed as a sentence, and a misspelt word, on a phone`, async () => {
    const page = await (await env.newContext({ viewport: PHONE })).newPage();
    const box = () => page.getByRole('search').first().getByRole('searchbox');
    await page.goto('/');
    await box().fill('why does my beer take two weeks to carbonate in the bottle');
    await box().press('Enter');
    await page.waitForLoadState();
    await assert.doesNotReject(page.getByRole('status').filter({ hasText: 'some of your words' }).waitFor());
    const titles = await page.locator('.search-hit .hit-title').allTextContents();
    assert.match(titles[0], /Bottle conditioning takes forever/, titles.join(' | '));
    await checkA11y(page);
    await checkNoSideScroll(page);
    await screenshot(page, `search-natural-${backend}`);
    // did you mean: a link that searches for the corrected words
    await page.goto('/search?q=dry+saison+yaest');
    const fix = page.locator('.search-suggest a');
    assert.equal(await fix.textContent(), 'dry saison yeast');
    await fix.click();
    await page.waitForLoadState();
    assert.match(await page.locator('.search-hit .hit-title').first().textContent(), /Which yeast for a dry saison\?/);
    await checkA11y(page);
  });
}

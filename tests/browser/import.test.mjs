// An imported Stack Exchange question in chromium: the conlang dump imported by the real
// binary, the question page with its accepted answer, comments, attribution line and
// "Duplicate of" notice, in light and dark colour schemes (screenshots import-question*.png).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { repoRoot, screenshot, startBrowserEnv } from './lib.mjs';

let env;
before(async () => {
  env = await startBrowserEnv();
  const r = await env.srv.cli(['import', 'stackexchange',
    path.join(repoRoot, 'tests/data/stackexchange/conlang'), '--community', 'conlang']);
  assert.equal(r.code, 0, r.stderr);
});
after(async () => { await env?.close(); });

test('an imported question shows its source, comments and accepted answer', async () => {
  const { page } = env;
  // Question 1 of the dump: an accepted answer and comments.
  await page.goto('/c/conlang/latest?kind=question');
  await page.goto('/c/conlang');
  const links = await page.locator('a[href^="/c/conlang/t/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.length > 0);
  let found = false;
  for (const href of links) {
    await page.goto(href);
    if (await page.locator('a[href="https://conlang.stackexchange.com/q/1"]').count()) { found = true; break; }
  }
  if (!found) {
    // Not on the first list page: find it through the thread pages by id.
    for (let id = 1; id < 80 && !found; id++) {
      const res = await page.goto(`/c/conlang/t/${id}`);
      if (res.status() === 200 && await page.locator('a[href="https://conlang.stackexchange.com/q/1"]').count()) found = true;
    }
  }
  assert.ok(found, 'the question imported from /q/1 is shown');
  await assert.doesNotReject(page.locator('.accepted-mark').first().waitFor());
  assert.ok(await page.locator('.comment').count() > 0, 'comments under posts');
  const attribution = page.locator('.attribution').first();
  assert.match(await attribution.innerText(), /Originally posted by .+ on conlang\.stackexchange\.com · CC BY-SA 3\.0/);
  await screenshot(page, 'import-question');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'import-question-dark');
});

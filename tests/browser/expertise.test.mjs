// Expertise as people use it in Chromium, on the real beer.stackexchange dump (the copy kept
// in the repository, data/demo/beer.stackexchange.tar.xz, unpacked into a temporary
// directory; $PRAXIS_SE_BEER names an unpacked dump instead): a visitor asks "who knows" for a community's tag and for
// a free-text question, opens an expert's profile (claimed skills apart from demonstrated
// expertise), sees "people who may be able to answer" on an unanswered question, and a
// member hides their expertise from the profile settings. Screenshots of each page go to
// build/screenshots/expertise-*.png.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { backends, repoRoot, screenshot, signedInPage, startBrowserEnv } from './lib.mjs';

function beerDump() {
  if (process.env.PRAXIS_SE_BEER) return process.env.PRAXIS_SE_BEER;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-beer-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const r = spawnSync('tar', ['-xJf', path.join(repoRoot, 'data/demo/beer.stackexchange.tar.xz'), '-C', dir]);
  return r.status === 0 ? path.join(dir, 'beer') : dir;
}
const DUMP = beerDump();
const PW = 'a long and private passphrase';
const have = fs.existsSync(`${DUMP}/Posts.xml`);

for (const backend of backends()) {
  let env;
  before(async () => {
    if (!have) return;
    env = await startBrowserEnv({ backend });
    const r = await env.srv.cli(['import', 'stackexchange', DUMP, '--community', 'beer']);
    assert.equal(r.code, 0, r.stderr);
    await env.srv.addUser('maria', { password: PW });
  });
  after(async () => { await env?.close(); });

  test(`[${backend}] who knows, profiles, suggestions, hiding`, { skip: !have && 'no beer dump' }, async () => {
    const { page } = env;
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // A community's who-knows page lists its tags; a tag ranks members with evidence.
    await page.goto('/c/beer/who-knows');
    await page.getByRole('link', { name: 'Who knows' }).first().waitFor();
    await page.locator('a.tag', { hasText: /^storage$/ }).first().click();
    await page.waitForLoadState();
    assert.match(page.url(), /\/c\/beer\/who-knows\?tag=storage$/);
    const first = page.locator('.expert-list .expert').first();
    await first.waitFor();
    assert.match(await first.locator('.expert-evidence').innerText(), /in #storage/);
    assert.ok(await page.locator('.expert-list .expert').count() >= 5);
    await screenshot(page, 'expertise-community-tag');

    // A free-text question across the instance.
    await page.goto('/who-knows');
    await page.getByLabel('or a question').fill('How long can I keep an IPA in the fridge before the hops fade?');
    await page.getByRole('button', { name: 'Find people' }).click();
    await page.waitForLoadState();
    await page.locator('.expert-list .expert').first().waitFor();
    assert.match(await page.locator('.expert-list').innerText(), /similar question/);
    await screenshot(page, 'expertise-question');

    // The first expert's profile shows demonstrated expertise.
    await page.locator('.expert-list .expert-name').first().click();
    await page.waitForLoadState();
    await page.getByRole('heading', { name: 'Demonstrated expertise' }).waitFor();
    assert.ok(await page.locator('.expertise-tags li').count() >= 1);
    await screenshot(page, 'expertise-profile');

    // An unanswered question suggests people.
    const list = await (await fetch(`${env.srv.url}/api/v1/communities/beer/threads?filter=unanswered&kind=question`)).json();
    const open = list.threads.find((t) => !t.closed_at && t.answer_count === 0);
    assert.ok(open, 'an unanswered question');
    await page.goto(`/c/beer/t/${open.id}`);
    const box = page.getByRole('complementary', { name: 'People who may be able to answer' });
    await box.waitFor();
    assert.ok(await box.locator('li').count() >= 1);
    await screenshot(page, 'expertise-suggestions');

    // Maria hides her expertise from the profile settings.
    const maria = await signedInPage(await env.newContext(), 'maria', PW);
    await maria.goto('/settings/profile');
    await maria.getByLabel('Hide my expertise').check();
    await screenshot(maria, 'expertise-settings');
    await maria.getByRole('button', { name: 'Save profile' }).click();
    await maria.waitForLoadState();
    await maria.goto('/u/maria');
    await maria.getByText('Only you see this').waitFor();
    await screenshot(maria, 'expertise-own-profile-hidden');
    assert.deepEqual(errors, []);
  });
}

// The community health page in Chromium, on the real beer.stackexchange dump (the copy kept
// in the repository, data/demo/beer.stackexchange.tar.xz; $PRAXIS_SE_BEER names an unpacked
// dump instead): an administrator opens /c/beer/health for the dump's first years, at the
// desktop and the phone width, in the light and the dark theme: four SVG charts that fit
// the width (no sideways scroll), drawn in the theme's colours, with no axe-core violation;
// the data table opens from its <details>; and /admin/health lists the community.
// Screenshots go to ${PRAXIS_SCREENSHOTS:-build/screenshots}/health-*.png.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  backends, checkA11y, checkNoSideScroll, DESKTOP, PHONE, repoRoot, screenshot, startBrowserEnv,
} from './lib.mjs';

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
const RANGE = 'from=2014-01-01&to=2015-12-31';

// The import without the harness's 60 s limit for CLI runs (PostgreSQL on a busy machine).
function importBeer(srv) {
  return new Promise((resolve) => {
    const p = spawn(srv.bin, ['import', 'stackexchange', DUMP, '--community', 'beer', '--db', srv.dbUrl],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
    p.stderr.setEncoding('utf8').on('data', (d) => { out += d; });
    p.on('close', (code) => resolve({ code, out }));
  });
}

for (const backend of backends()) {
  let env;
  before(async () => {
    if (!have) return;
    env = await startBrowserEnv({ backend });
    const r = await importBeer(env.srv);
    assert.equal(r.code, 0, r.out);
    await env.srv.addUser('admin1', { password: PW, admin: true });
  });
  after(async () => { await env?.close(); });

  async function signIn(page) {
    await page.goto('/signin');
    await page.getByLabel('User name').fill('admin1');
    await page.getByLabel('Password').fill(PW);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    await page.getByRole('button', { name: 'Sign out', includeHidden: true }).waitFor({ state: 'attached' });
  }

  test(`[${backend}] the beer community's health at both widths, light and dark`, { skip: !have && 'no beer dump' }, async () => {
    for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      for (const colorScheme of ['light', 'dark']) {
        const ctx = await env.newContext({ viewport, colorScheme });
        const page = await ctx.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await signIn(page);
        await page.goto(`/c/beer/health?${RANGE}`);
        assert.equal(await page.locator('svg.chart-svg[role="img"]').count(), 4);
        // the charts take the width they are given, and their lines use the theme's colours
        const box = await page.locator('#chart-questions svg.chart-svg').boundingBox();
        assert.ok(box.width > 200 && box.width <= viewport.width, `chart width ${box.width}`);
        const fill = await page.locator('#chart-questions .chart-s0 rect').first()
          .evaluate((el) => getComputedStyle(el).fill);
        const want = colorScheme === 'dark' ? 'rgb(138, 184, 234)' : 'rgb(43, 91, 140)';
        assert.equal(fill, want, `bars in the ${colorScheme} theme's --chart-0`);
        await page.locator('#chart-questions details summary').click();
        assert.ok(await page.locator('#chart-questions table tbody tr').count() >= 12);
        await checkNoSideScroll(page);
        await checkA11y(page);
        await screenshot(page, `health-beer-${label}-${colorScheme}`);
        assert.deepEqual(errors, []);
        await ctx.close();
      }
    }
  });

  test(`[${backend}] the instance page lists the community`, { skip: !have && 'no beer dump' }, async () => {
    const ctx = await env.newContext({ viewport: PHONE });
    const page = await ctx.newPage();
    await signIn(page);
    await page.goto(`/admin/health?${RANGE}`);
    await page.getByRole('link', { name: /beer/i }).first().waitFor();
    await checkNoSideScroll(page);
    await checkA11y(page);
    await screenshot(page, 'health-admin-phone');
    await ctx.close();
  });
}

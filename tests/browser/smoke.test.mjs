// Browser smoke test: chromium loads the home page, whose title names Praxis.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { screenshot, startBrowserEnv } from './lib.mjs';

let env;
before(async () => { env = await startBrowserEnv(); });
after(async () => { await env?.close(); });

test('home page loads in chromium with a Praxis title', async () => {
  const res = await env.page.goto('/');
  assert.equal(res.status(), 200);
  assert.match(await env.page.title(), /Praxis/);
  await screenshot(env.page, 'smoke-home');
});

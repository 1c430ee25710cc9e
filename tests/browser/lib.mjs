// Harness for Praxis browser tests: Debian's chromium (/usr/bin/chromium) driven by
// playwright-core (no browser download), against a server from tests/http/lib.mjs.
//
// API
//   await launchBrowser({headless = true, args = []}) -> playwright Browser
//       chromium.launch with executablePath PRAXIS_CHROMIUM or /usr/bin/chromium and flags
//       for a quiet, offline, root-friendly run (CHROMIUM_ARGS: --no-sandbox ...). Each
//       launch gets a fresh temporary user data dir (removed by browser.close()).
//   await startBrowserEnv({backend = 'sqlite', env, args})
//       -> {srv, browser, context, page, newContext(opts), close()}
//       startServer (tests/http/lib.mjs) + launchBrowser + a context whose baseURL is srv.url
//       (page.goto('/signup') works) and one page in it. newContext() makes another context
//       with the same baseURL (separate cookies: a second user). close() closes the browser
//       and stops the server.
//   await screenshot(page, name) -> path of ${PRAXIS_SCREENSHOTS:-build/screenshots}/NAME.png
//       (full page; the directory is created; relative paths are from the repo root).
//   Re-exported from tests/http/lib.mjs: startServer, backends, randomName, repoRoot.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { backends, randomName, repoRoot, startServer } from '../http/lib.mjs';

export { backends, randomName, repoRoot, startServer };

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

// A Browser (playwright's own object). Playwright gives every launch a fresh temporary
// user data dir and removes it at close; browser.newContext() isolates cookies per user.
export async function launchBrowser({ headless = true, args = [] } = {}) {
  return chromium.launch({
    executablePath: process.env.PRAXIS_CHROMIUM || '/usr/bin/chromium',
    headless,
    args: [...CHROMIUM_ARGS, ...args],
  });
}

export async function startBrowserEnv({ backend = 'sqlite', env, args } = {}) {
  const srv = await startServer({ backend, env, args });
  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await srv.stop();
    throw e;
  }
  const newContext = (opts = {}) => browser.newContext({ baseURL: srv.url, viewport: { width: 1280, height: 800 }, ...opts });
  const context = await newContext();
  const page = await context.newPage();
  return {
    srv,
    browser,
    context,
    page,
    newContext,
    async close() {
      try { await browser.close(); } finally { await srv.stop(); }
    },
  };
}

export async function screenshot(page, name) {
  const dir = path.resolve(repoRoot, process.env.PRAXIS_SCREENSHOTS || 'build/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

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
//   await checkA11y(page, {exclude = []}) -> [] of violations (throws an assertion error
//       listing them): axe-core (npm @axe-core/playwright) on the current page; fails on any
//       violation of impact serious or critical and on the moderate rules heading-order and
//       landmark-unique. `exclude` takes CSS selectors to leave out (say why at the call).
//   await checkNoSideScroll(page) -> throws unless the document is no wider than the
//       viewport (a phone page must never scroll sideways); names the widest elements.
//   PHONE = {width: 390, height: 844}, DESKTOP = {width: 1280, height: 800}: the two widths
//       every page is checked at (newContext({viewport: PHONE})).
//   Re-exported from tests/http/lib.mjs: startServer, backends, randomName, repoRoot.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

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

// Sign page in as name through the real sign-in form and wait until the header shows the
// signed-in state: "Sign out" exists (on a phone it sits in the closed menu, so it is
// attached but not visible). The one sign-in helper of the browser tests.
export async function signIn(page, name, password) {
  await page.goto('/signin');
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState();
  await page.getByRole('button', { name: 'Sign out', includeHidden: true }).waitFor({ state: 'attached' });
}

// A new page of context ctx, signed in as name (signIn).
export async function signedInPage(ctx, name, password) {
  const page = await ctx.newPage();
  await signIn(page, name, password);
  return page;
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

// The moderate rules that walkthroughs found on Praxis pages; they are held to like the
// serious ones so they cannot come back.
const A11Y_MODERATE_RULES = new Set(['heading-order', 'landmark-unique']);

export async function checkA11y(page, { exclude = [] } = {}) {
  let builder = new AxeBuilder({ page });
  for (const sel of exclude) builder = builder.exclude(sel);
  const result = await builder.analyze();
  const bad = result.violations.filter((v) =>
    v.impact === 'serious' || v.impact === 'critical' || A11Y_MODERATE_RULES.has(v.id));
  if (bad.length) {
    const lines = bad.map((v) => `${v.impact} ${v.id}: ${v.help} -- ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
    throw new Error(`axe on ${page.url()}:\n  ${lines.join('\n  ')}`);
  }
  return bad;
}

export async function checkNoSideScroll(page) {
  const r = await page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const dw = document.documentElement.scrollWidth;
    const wide = [];
    if (dw > vw) {
      for (const el of document.body.querySelectorAll('*')) {
        const b = el.getBoundingClientRect();
        if (b.right > vw + 1) wide.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} (${Math.round(b.right)}px)`);
        if (wide.length >= 5) break;
      }
    }
    return { vw, dw, wide };
  });
  if (r.dw > r.vw) throw new Error(`${page.url()} scrolls sideways: document ${r.dw}px, viewport ${r.vw}px; widest: ${r.wide.join(', ')}`);
}

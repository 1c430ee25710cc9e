// Phone layout, theme, event form and edit-conflict resolution in a real browser:
// - the header is one row on a 390-px phone: the menu button opens the navigation, with
//   and without JavaScript; on 1280 px the navigation is inline and the button hidden;
// - a member picks the dark theme in settings and every page is dark at once, whatever the
//   browser prefers;
// - the event form starts in the browser's zone and shows only the chosen repetition's
//   fields;
// - two editors save the same lines of an article: the second picks, per overlap, theirs or
//   both in the side-by-side view and saves the merged text.
// Screenshots (build/screenshots/phone-*.png) at both widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, checkNoSideScroll, DESKTOP, PHONE, screenshot, signedInPage, startBrowserEnv } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

const signin = (ctx, name) => signedInPage(ctx, name, PW);

test('phone header, theme, event form and conflict resolution', async () => {
  const env = await startBrowserEnv({});
  try {
    const { srv } = env;
    await srv.addUser('admin1', { password: PW, admin: true });
    await srv.addUser('ana', { password: PW });
    const admin = srv.client();
    await admin.signin('admin1', PW);
    await admin.get('/');
    let r = await admin.postJSON('/api/v1/communities', { name: 'Sourdough Bakers', slug: 'bakers', visibility: 'public' });
    assert.equal(r.status, 201, r.text);
    r = await admin.postJSON('/api/v1/communities/bakers/articles', {
      title: 'Feeding a starter', publish: true,
      body_md: 'Intro.\n\nFeed it twice a day.\n\nMiddle.\n\nKeep it at 24 degrees.\n\nEnd.\n',
    });
    assert.equal(r.status, 201, r.text);
    const art = `/c/bakers/a/${r.json.slug}`;

    // ---- header at both widths, with and without script
    for (const js of [true, false]) {
      const ctx = await env.newContext({ viewport: PHONE, javaScriptEnabled: js });
      const page = await signin(ctx, 'ana');
      await page.goto('/c/bakers');
      const head = await page.locator('.site-header').boundingBox();
      assert.ok(head.height < 70, `phone header is one row (${head.height}px, js ${js})`);
      assert.ok(await page.locator('#site-q').isVisible());
      const menu = page.locator('summary.menu-button');
      assert.ok(await menu.isVisible());
      assert.equal(await page.locator('.site-header').getByRole('link', { name: 'Communities', exact: true }).isVisible(), false);
      await menu.click();
      await page.locator('.site-header').getByRole('link', { name: 'Communities', exact: true }).waitFor();
      assert.ok(await page.getByRole('button', { name: 'Sign out' }).isVisible());
      await checkNoSideScroll(page);
      if (js) {
        await screenshot(page, 'phone-menu-open');
        await checkA11y(page);
        await page.keyboard.press('Escape');
        await page.waitForFunction(() => !document.querySelector('details.site-menu').open);
        // tabs scroll sideways inside their strip rather than wrap
        const tabs = await page.locator('nav.subnav ul').evaluate((ul) => ({ sw: ul.scrollWidth, cw: ul.clientWidth, h: ul.clientHeight }));
        assert.ok(tabs.sw > tabs.cw, 'the community tabs overflow their strip on a phone');
        assert.ok(tabs.h < 60, `the tabs are one line (${tabs.h}px)`);
      }
      await ctx.close();
      const wide = await env.newContext({ viewport: DESKTOP, javaScriptEnabled: js });
      const wp = await signin(wide, 'ana');
      assert.equal(await wp.locator('summary.menu-button').isVisible(), false);
      assert.ok(await wp.locator('.site-header').getByRole('link', { name: 'Communities', exact: true }).isVisible(), `inline nav (js ${js})`);
      const wh = await wp.locator('.site-header').boundingBox();
      assert.ok(wh.height < 70, `desktop header is one row (${wh.height}px)`);
      await wide.close();
    }

    // ---- theme: dark chosen in settings, on a browser that prefers light
    for (const [wname, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
      const ctx = await env.newContext({ viewport, colorScheme: 'light' });
      const page = await signin(ctx, 'ana');
      await page.goto('/settings/appearance');
      await page.check('#theme-dark');
      await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
      assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, 'rgb(19, 22, 25)');
      // the current tab is scrolled into its strip
      assert.ok(await page.evaluate(() => {
        const ul = document.querySelector('.subnav ul');
        const u = ul.getBoundingClientRect();
        const b = ul.querySelector('[aria-current="page"]').getBoundingClientRect();
        return b.left >= u.left - 1 && b.right <= u.right + 1;
      }), 'the Appearance tab is in view');
      await screenshot(page, `phone-${wname}-settings-appearance-dark`);
      await checkA11y(page);
      await page.check('#theme-system');
      await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
      assert.equal(await page.getAttribute('html', 'data-theme'), null);
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(247, 246, 243)');
      await ctx.close();
    }

    // ---- event form: browser zone, repetition fields
    for (const [wname, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
      const ctx = await env.newContext({ viewport, timezoneId: 'Europe/Berlin' });
      const page = await signin(ctx, 'admin1');
      await page.goto('/c/bakers/events/new');
      assert.equal(await page.inputValue('#timezone'), 'Europe/Berlin');
      const shown = async () => page.evaluate(() => [...document.querySelectorAll('.repeat-part')].filter((p) => !p.hidden).map((p) => p.dataset.freq));
      assert.deepEqual(await shown(), []);
      await page.selectOption('#freq-select', 'weekly');
      assert.deepEqual(await shown(), ['daily weekly monthly', 'weekly', 'daily weekly monthly']);
      await page.selectOption('#freq-select', 'monthly');
      assert.deepEqual(await shown(), ['daily weekly monthly', 'monthly', 'daily weekly monthly']);
      await screenshot(page, `phone-${wname}-event-form-monthly`);
      await checkNoSideScroll(page);
      await checkA11y(page);
      await ctx.close();
    }
    {
      const ctx = await env.newContext({ javaScriptEnabled: false });
      const page = await signin(ctx, 'admin1');
      await page.goto('/c/bakers/events/new');
      assert.equal(await page.locator('.repeat-part:visible').count(), 4, 'without script every part shows');
      await ctx.close();
    }

    // ---- edit conflict resolved per overlap
    for (const [wname, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
      r = await admin.get(`/api/v1/communities/bakers/articles/${art.split('/').pop()}`);
      const base = r.json.rev;
      const ctx = await env.newContext({ viewport });
      const page = await signin(ctx, 'admin1');
      await page.goto(`${art}/edit`);
      // someone else saves both paragraphs meanwhile
      r = await admin.patchJSON(`/api/v1/communities/bakers/articles/${art.split('/').pop()}`, {
        base_rev: base, body_md: `Intro.\n\nFeed it three times a day (${wname}).\n\nMiddle.\n\nKeep it at 26 degrees (${wname}).\n\nEnd.\n`,
      });
      assert.equal(r.status, 200, r.text);
      await page.fill('#body', `Intro.\n\nFeed it once a day (${wname}).\n\nMiddle.\n\nKeep it cool (${wname}).\n\nEnd.\n`);
      await Promise.all([page.waitForNavigation(), page.click('form.compose button[type=submit]')]);
      await page.locator('#conflict-resolver').waitFor();
      assert.equal(await page.locator('.conflict-block').count(), 2);
      assert.match(await page.inputValue('#body'), /<<<<<<< your version/);
      await screenshot(page, `phone-${wname}-article-conflict`);
      await checkNoSideScroll(page);
      await checkA11y(page);
      assert.equal(await page.locator('textarea.conflict-edit:visible').count(), 0);
      await page.check('#conflict-0-theirs');
      await page.check('#conflict-1-both');
      const text = await page.inputValue('#body');
      assert.doesNotMatch(text, /<<<<<<<|=======|>>>>>>>/);
      assert.match(await page.textContent('.conflict-status'), /Every overlap is resolved/);
      await page.check('#conflict-1-edit');
      await page.fill('#conflict-resolver textarea.conflict-edit >> nth=1', `Keep it at 25 degrees (${wname}).\n`);
      assert.match(await page.inputValue('#body'), /25 degrees/);
      await Promise.all([page.waitForNavigation(), page.click('form.compose button[type=submit]')]);
      r = await admin.get(`/api/v1/communities/bakers/articles/${art.split('/').pop()}`);
      assert.equal(r.json.body_md, `Intro.\n\nFeed it three times a day (${wname}).\n\nMiddle.\n\nKeep it at 25 degrees (${wname}).\n\nEnd.\n`);
      await ctx.close();
    }
  } finally {
    await env.close();
  }
});

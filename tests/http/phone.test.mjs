// Phone, theme, events and articles fixes of issue 15 (server side), on both backends: the
// member's colour theme (settings page and PATCH /api/v1/me) reaches <html data-theme>; the
// header is one <details> menu with a named search landmark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  test(`${backend}: theme choice is stored per member and set on <html>`, async () => {
    const srv = await startServer({ backend });
    try {
      await srv.addUser('ana', { password: PW });
      await srv.addUser('bob', { password: PW });
      const ana = srv.client();
      await ana.signin('ana', PW);
      let r = await ana.get('/');
      assert.match(r.text, /^<!doctype html>\n<html lang="en">/);
      assert.match(r.text, /<meta name="color-scheme" content="light dark">/);
      assert.match(r.text, /<details class="site-menu"><summary class="menu-button">/);
      assert.match(r.text, /<form class="site-search"[^>]* role="search" aria-label="Site">/);
      r = await ana.get('/settings/appearance');
      assert.equal(r.status, 200);
      assert.match(r.text, /id="theme-system" name="theme" value="system" checked/);
      r = await ana.post('/settings/appearance', { theme: 'dark' });
      assert.equal(r.status, 303, r.text);
      r = await ana.get('/settings/appearance?saved=1');
      assert.match(r.text, /^<!doctype html>\n<html lang="en" data-theme="dark">/);
      assert.match(r.text, /<meta name="color-scheme" content="dark">/);
      assert.match(r.text, /value="dark" checked/);
      r = await ana.post('/settings/appearance', { theme: 'purple' });
      assert.equal(r.status, 422);
      assert.match(r.text, /Choose system, light or dark/);
      // the API: read, set, refuse (nothing else saved with a bad theme)
      r = await ana.get('/api/v1/me');
      assert.equal(r.json.user.theme, 'dark');
      r = await ana.patchJSON('/api/v1/me', { theme: 'light' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.user.theme, 'light');
      r = await ana.get('/c/none');
      assert.match(r.text, /<html lang="en" data-theme="light">/); // error pages too
      r = await ana.patchJSON('/api/v1/me', { theme: 'sepia', display_name: 'Changed' });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'theme');
      r = await ana.get('/api/v1/me');
      assert.notEqual(r.json.user.display_name, 'Changed');
      // another member keeps the default
      const bob = srv.client();
      await bob.signin('bob', PW);
      r = await bob.get('/');
      assert.match(r.text, /<html lang="en">/);
      // anonymous pages (cached on SQLite) never carry a member's theme
      r = await srv.client().get('/');
      assert.match(r.text, /<html lang="en">/);
    } finally {
      await srv.stop();
    }
  });
}

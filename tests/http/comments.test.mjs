// Comments under posts (issue 15, "Writing"), Markdown preview and composers that come back
// with every error, on every backend: create, list, edit and delete by the author, a
// moderator (audited) and a stranger (refused); CSRF and sign-in; length limits; locked
// threads; private communities invisible to outsiders (API, page, search); comments do
// not bump the thread; the post's author and @mentioned members are told; search finds
// comments; export and `import praxis` carry them; the page cache shows a new comment at
// once; the no-JS composer (error keeps the text and lands on the composer, Preview renders
// without saving); POST /api/v1/preview.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

for (const backend of backends()) {
  describe(`comments (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6);
    const C = {
      pub: { slug: `cp-${tag}`, name: `Commentpub ${tag}`, visibility: 'public' },
      priv: { slug: `cx-${tag}`, name: `Commentpriv ${tag}`, visibility: 'private' },
    };
    let q; let ans; let pq;

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status}`);
      await c.get('/');
      return c;
    }
    async function notes(c) {
      for (let i = 0; i < 200; i++) {
        const left = sql(srv, "SELECT COUNT(*) FROM jobs WHERE kind = 'notify_fanout' AND state IN ('queued', 'running')");
        if (left === '0') break;
        await sleep(50);
      }
      const r = await c.get('/api/v1/notifications');
      assert.equal(r.status, 200, r.text);
      return r.json.notifications;
    }

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      const names = ['coord', 'moder', 'memb', 'memb2', 'outsider'];
      for (const n of names) await srv.addUser(n, { password: PW });
      u.anon = srv.client();
      u.admin = await login('admin1');
      for (const n of names) u[n] = await login(n);
      await u.admin.get('/admin');
      await u.admin.post('/admin', { community_creation: 'members' });
      for (const k of Object.keys(C)) {
        const r = await u.coord.postJSON('/api/v1/communities', {
          name: C[k].name, slug: C[k].slug, visibility: C[k].visibility, tags: 'alpha, beta',
        });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${C.priv.slug}/invites`, { days: 7, max_uses: 0 });
      for (const n of ['memb', 'memb2', 'moder']) {
        let r = await u[n].postJSON(`/api/v1/communities/${C.pub.slug}/join`, {});
        assert.equal(r.status, 200, r.text);
        r = await u[n].postJSON(`/api/v1/communities/${C.priv.slug}/join`, { invite: inv.json.token });
        assert.equal(r.status, 200, r.text);
      }
      for (const k of ['pub', 'priv']) {
        const r = await u.coord.putJSON(`/api/v1/communities/${C[k].slug}/members/moder`, { role: 'moderator' });
        assert.equal(r.status, 200, r.text);
      }
      let r = await u.memb.postJSON(`/api/v1/communities/${C.pub.slug}/threads`, {
        kind: 'question', title: `How long should a starter rest ${tag}?`, body: 'My starter is sluggish.', tags: ['alpha'],
      });
      assert.equal(r.status, 201, r.text);
      q = r.json;
      r = await u.memb2.postJSON(`/api/v1/threads/${q.id}/posts`, { body: 'Feed it twice a day.' });
      assert.equal(r.status, 201, r.text);
      ans = r.json;
      r = await u.memb.postJSON(`/api/v1/communities/${C.priv.slug}/threads`, {
        kind: 'question', title: `A private question about rye ${tag}`, body: 'Secret rye.', tags: ['alpha'],
      });
      assert.equal(r.status, 201, r.text);
      pq = r.json;
    });

    after(async () => { await srv?.stop(); });

    test('create and list; no bump; anonymous, outsiders and missing CSRF refused', async () => {
      const before = (await u.anon.get(`/api/v1/threads/${q.id}`)).json;
      await sleep(1100); // a bump would move last_activity_at by at least a second
      let r = await u.memb.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'Which **flour** do you use?' });
      assert.equal(r.status, 201, r.text);
      assert.match(r.headers.get('location'), /^\/api\/v1\/comments\/\d+$/);
      const cm = r.json;
      assert.equal(cm.post_id, ans.id);
      assert.equal(cm.thread_id, q.id);
      assert.equal(cm.author.name, 'memb');
      assert.match(cm.body_html, /<strong>flour<\/strong>/);
      assert.equal(cm.edited_at, null);
      r = await u.anon.get(`/api/v1/posts/${ans.id}/comments`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.comments.length, 1);
      assert.equal(r.json.comments[0].id, cm.id);
      assert.equal(r.json.comments[0].can.edit, false);
      r = await u.anon.get(`/api/v1/comments/${cm.id}`);
      assert.equal(r.status, 200);
      const after = (await u.anon.get(`/api/v1/threads/${q.id}`)).json;
      const inThread = after.posts.find((p) => p.id === ans.id).comments;
      assert.deepEqual(inThread.map((x) => x.id), [cm.id], 'the thread JSON carries each post\'s comments');
      assert.equal(inThread[0].url, `/comments/${cm.id}`);
      assert.equal(after.last_activity_at, before.last_activity_at, 'a comment does not bump the thread');
      assert.equal(after.reply_count, before.reply_count);
      assert.equal(after.post_count, before.post_count);

      r = await u.anon.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'anonymous remark' });
      assert.ok([401, 403].includes(r.status), `anon: ${r.status}`);
      r = await u.outsider.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'drive-by remark' });
      assert.equal(r.status, 403, r.text);
      r = await u.memb2.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'no token here' }, { csrf: false });
      assert.equal(r.status, 403, 'CSRF');
      r = await u.memb2.post(`/p/${ans.id}/comments`, { body: 'no token form' }, { csrf: false });
      assert.equal(r.status, 403, 'CSRF (form)');
      r = await u.anon.get('/api/v1/posts/999999/comments');
      assert.equal(r.status, 404);
    });

    test('limits: too short, too long, not a string', async () => {
      let r = await u.memb.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: ' x ' });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'body');
      r = await u.memb.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'é'.repeat(601) });
      assert.equal(r.status, 400, r.text);
      assert.match(r.json.error.message, /600/);
      r = await u.memb.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'é'.repeat(600) });
      assert.equal(r.status, 201, r.text);
      r = await u.memb.del(`/api/v1/comments/${r.json.id}`);
      assert.equal(r.status, 200);
      r = await u.memb.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: '<script>alert(1)</script> hi' });
      assert.equal(r.status, 201, r.text);
      assert.doesNotMatch(r.json.body_html, /<script/);
      await u.memb.del(`/api/v1/comments/${r.json.id}`);
    });

    test('edit and delete: author, moderator (audited), stranger refused', async () => {
      let r = await u.memb2.postJSON(`/api/v1/posts/${q.posts?.[0]?.id ?? ans.id}/comments`, { body: 'Edit me later' });
      assert.equal(r.status, 201, r.text);
      const cm = r.json;
      r = await u.memb.patchJSON(`/api/v1/comments/${cm.id}`, { body: 'Not mine to edit' });
      assert.equal(r.status, 403, r.text);
      r = await u.anon.patchJSON(`/api/v1/comments/${cm.id}`, { body: 'anonymous edit' });
      assert.ok([401, 403].includes(r.status));
      r = await u.memb2.patchJSON(`/api/v1/comments/${cm.id}`, { body: 'Edited by its author' });
      assert.equal(r.status, 200, r.text);
      assert.match(r.json.body_html, /Edited by its author/);
      assert.ok(r.json.edited_at);
      r = await u.moder.patchJSON(`/api/v1/comments/${cm.id}`, { body: 'Edited by a moderator' });
      assert.equal(r.status, 200, r.text);
      r = await u.memb.del(`/api/v1/comments/${cm.id}`);
      assert.equal(r.status, 403, r.text);
      r = await u.moder.del(`/api/v1/comments/${cm.id}`);
      assert.equal(r.status, 200, r.text);
      r = await u.anon.get(`/api/v1/comments/${cm.id}`);
      assert.equal(r.status, 404, 'a deleted comment is gone');
      r = await u.coord.get(`/api/v1/communities/${C.pub.slug}/audit`);
      const e = r.json.entries.find((x) => x.action === 'delete_comment');
      assert.ok(e, 'the moderator\'s delete is audited');
      assert.equal(e.detail, `comment ${cm.id}`);
      // the author's own delete is not audited
      r = await u.memb2.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'Gone soon' });
      const own = r.json;
      r = await u.memb2.del(`/api/v1/comments/${own.id}`);
      assert.equal(r.status, 200);
      r = await u.coord.get(`/api/v1/communities/${C.pub.slug}/audit`);
      assert.equal(r.json.entries.filter((x) => x.action === 'delete_comment').length, 1);
    });

    test('locked thread: only moderators comment', async () => {
      let r = await u.moder.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'lock' });
      assert.equal(r.status, 200, r.text);
      r = await u.memb2.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'Locked out remark' });
      assert.equal(r.status, 403, r.text);
      r = await u.moder.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'Moderator remark while locked' });
      assert.equal(r.status, 201, r.text);
      await u.moder.del(`/api/v1/comments/${r.json.id}`);
      r = await u.moder.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'unlock' });
      assert.equal(r.status, 200, r.text);
    });

    test('private community: invisible to outsiders everywhere, searchable by members', async () => {
      const op = (await u.memb.get(`/api/v1/threads/${pq.id}`)).json.posts[0];
      let r = await u.memb2.postJSON(`/api/v1/posts/${op.id}/comments`, { body: `Quixotic pumpernickel ${tag}` });
      assert.equal(r.status, 201, r.text);
      const cm = r.json;
      for (const c of [u.anon, u.outsider]) {
        r = await c.get(`/api/v1/posts/${op.id}/comments`);
        assert.equal(r.status, 404);
        r = await c.get(`/api/v1/comments/${cm.id}`);
        assert.equal(r.status, 404);
        r = await c.get(`/comments/${cm.id}`);
        assert.equal(r.status, 404);
        r = await c.get(`/api/v1/search?q=pumpernickel`);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.results.length, 0, 'not found by outsiders');
        r = await c.postJSON(`/api/v1/posts/${op.id}/comments`, { body: 'let me in' });
        assert.ok([401, 403, 404].includes(r.status));
      }
      r = await u.memb.get('/api/v1/search?q=pumpernickel');
      assert.equal(r.json.results.length, 1, r.text);
      assert.equal(r.json.results[0].kind, 'comment');
      assert.equal(r.json.results[0].url, `/comments/${cm.id}`);
      r = await u.memb.get(`/comments/${cm.id}`);
      assert.equal(r.status, 303);
      assert.match(r.location, new RegExp(`/c/${C.priv.slug}/t/${pq.id}#comment-${cm.id}$`));
      // a public comment is found by anyone, and leaves the index when deleted
      r = await u.memb.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: `Zythophile remark ${tag}` });
      const pc = r.json;
      r = await u.anon.get('/api/v1/search?q=zythophile&kind=comment');
      assert.equal(r.json.results.length, 1, r.text);
      await u.memb.del(`/api/v1/comments/${pc.id}`);
      r = await u.anon.get('/api/v1/search?q=zythophile');
      assert.equal(r.json.results.length, 0);
    });

    test('notifications: the post author and @mentioned members', async () => {
      await u.memb.postJSON('/api/v1/notifications/read', {});
      await u.memb2.postJSON('/api/v1/notifications/read', {});
      let r = await u.moder.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'Good point, @memb, see this.' });
      assert.equal(r.status, 201, r.text);
      assert.match(r.json.body_html, /<a class="mention" href="\/u\/memb">@memb<\/a>/);
      let n = (await notes(u.memb2)).filter((x) => !x.read);
      assert.equal(n.length, 1, JSON.stringify(n));
      assert.equal(n[0].kind, 'comment');
      assert.match(n[0].text, /moder commented on your post/);
      n = (await notes(u.memb)).filter((x) => !x.read);
      assert.equal(n.length, 1, JSON.stringify(n));
      assert.equal(n[0].kind, 'mention');
      // an edit tells a newly mentioned member, once
      await u.coord.postJSON('/api/v1/notifications/read', {});
      r = await u.moder.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'No mention yet here.' });
      const ed = r.json;
      r = await u.moder.patchJSON(`/api/v1/comments/${ed.id}`, { body: 'Now asking @coord about it.' });
      assert.equal(r.status, 200, r.text);
      r = await u.moder.patchJSON(`/api/v1/comments/${ed.id}`, { body: 'Still asking @coord about it.' });
      n = (await notes(u.coord)).filter((x) => !x.read);
      assert.equal(n.length, 1, JSON.stringify(n));
      assert.equal(n[0].kind, 'mention');
            // nobody is told about their own comment
      await u.memb2.postJSON('/api/v1/notifications/read', {});
      r = await u.memb2.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'Talking to myself here' });
      n = (await notes(u.memb2)).filter((x) => !x.read);
      assert.equal(n.length, 0);
    });

    test('thread page: comments, the no-JS composer, errors and preview', async () => {
      const page = `/c/${C.pub.slug}/t/${q.id}`;
      let r = await u.anon.get(page);
      assert.equal(r.status, 200);
      assert.match(r.text, /class="comments"/);
      assert.doesNotMatch(r.text, /Add a comment/, 'no composer for visitors');
      r = await u.memb.get(page);
      assert.match(r.text, new RegExp(`action="/p/${ans.id}/comments#comment-form-${ans.id}"`));
      // page cache: a visitor's cached page shows a new comment at once
      await u.anon.get(page);
      r = await u.memb.post(`/p/${ans.id}/comments`, { body: `Fresh web comment ${tag}` });
      assert.equal(r.status, 303, r.text);
      assert.match(r.location, new RegExp(`/c/${C.pub.slug}/t/${q.id}#comment-\\d+$`));
      r = await u.anon.get(page);
      assert.match(r.text, new RegExp(`Fresh web comment ${tag}`));
      // an error: the text is kept, the composer is open, the field is marked
      r = await u.memb.post(`/p/${ans.id}/comments`, { body: 'y' });
      assert.equal(r.status, 422, r.text.slice(0, 300));
      assert.match(r.text, new RegExp(`<details class="comment-add" id="comment-form-${ans.id}" open>`));
      assert.match(r.text, /aria-invalid="true"/);
      assert.match(r.text, new RegExp(`aria-describedby="comment-error-${ans.id} comment-hint-${ans.id}"`));
      assert.match(r.text, /at least 2 characters/);
      assert.match(r.text, new RegExp(`<a href="#comment-body-${ans.id}">`));
      // preview: rendered, kept, not saved
      const count = (await u.anon.get(`/api/v1/posts/${ans.id}/comments`)).json.comments.length;
      r = await u.memb.post(`/p/${ans.id}/comments`, { body: 'Preview **this** @memb2', preview: '1' });
      assert.equal(r.status, 200);
      assert.match(r.text, /<section class="preview"/);
      assert.match(r.text, /<strong>this<\/strong>/);
      assert.match(r.text, /Preview \*\*this\*\* @memb2<\/textarea>/);
      assert.equal((await u.anon.get(`/api/v1/posts/${ans.id}/comments`)).json.comments.length, count);
      // a failed answer comes back to the composer with its text
      r = await u.memb.post(`${page}/reply`, { body: '   ' });
      assert.equal(r.status, 422);
      assert.match(r.text, new RegExp(`action="${page}/reply#reply"`));
      // preview of an answer
      r = await u.memb2.post(`${page}/reply`, { body: 'An _answer_ draft', preview: '1' });
      assert.equal(r.status, 200);
      assert.match(r.text, /<em>answer<\/em>/);
      assert.match(r.text, />An _answer_ draft<\/textarea>/);
      // edit and delete through the pages
      const mine = (await u.anon.get(`/api/v1/posts/${ans.id}/comments`)).json.comments.find((x) => x.author.name === 'memb');
      r = await u.memb.get(`/comments/${mine.id}/edit`);
      assert.equal(r.status, 200);
      r = await u.memb2.get(`/comments/${mine.id}/edit`);
      assert.equal(r.status, 403);
      r = await u.memb.post(`/comments/${mine.id}/edit`, { body: 'z' });
      assert.equal(r.status, 422);
      assert.match(r.text, /aria-invalid="true"/);
      r = await u.memb.post(`/comments/${mine.id}/edit`, { body: 'Changed on the page' });
      assert.equal(r.status, 303);
      r = await u.memb.post(`/comments/${mine.id}/delete`, {});
      assert.equal(r.status, 303);
      assert.equal((await u.anon.get(`/api/v1/comments/${mine.id}`)).status, 404);
    });

    test('forms report every error at once, next to each field, with a linked summary', async () => {
      const check = (r, fields) => {
        assert.equal(r.status, 422, r.text.slice(0, 400));
        assert.match(r.text, new RegExp(`There are ${fields.length} problems`));
        for (const f of fields) {
          assert.match(r.text, new RegExp(`<a href="#${f}">`), `summary links ${f}`);
          assert.match(r.text, new RegExp(`id="${f}-error"`), `message next to ${f}`);
          assert.match(r.text, new RegExp(`id="${f}"[^>]*aria-describedby="${f}-error[^"]*"[^>]*aria-invalid="true"`), `${f} marked`);
        }
      };
      await u.memb.get(`/c/${C.pub.slug}/t/new?kind=question`);
      let r = await u.memb.post(`/c/${C.pub.slug}/t/new`, { kind: 'question', title: 'short', body: ' ', tags: 'Bad Tag!' });
      check(r, ['title', 'body', 'tags']);
      assert.match(r.text, /value="short"/, 'the text is kept');
      r = await u.coord.post('/c/new', { name: 'x', slug: '-bad-', visibility: 'public', tags: 'ok' });
      check(r, ['name', 'slug']);
      r = await u.coord.post(`/c/${C.pub.slug}/events/new`, { title: '', start: '2026-02-30T10:00', end: '', timezone: 'Mars/Olympus' });
      check(r, ['title', 'start', 'end', 'timezone']);
      r = await u.memb.post('/settings/profile', { display_name: '', bio: 'hi', skills: '', timezone: 'Nowhere/Land' });
      check(r, ['display_name', 'timezone']);
      r = await u.coord.post(`/c/${C.pub.slug}/a/new`, { title: 'x', tags: 'NOT OK!', body: 'text' });
      check(r, ['title', 'tags']);
      const op = (await u.anon.get(`/api/v1/threads/${q.id}`)).json.posts[0];
      r = await u.memb.post(`/p/${op.id}/edit`, { title: 'tiny', tags: 'NO WAY!', body: '' });
      check(r, ['title', 'tags', 'body']);
      r = await u.memb.post('/settings/password', { current: '', password: 'short', password2: 'other' });
      check(r, ['current', 'password', 'password2']);
      await u.admin.get('/admin');
      r = await u.admin.post('/admin', { instance_name: 'Still Praxis', signup_limit: 'many', expertise_half_life_days: '0' });
      check(r, ['signup_limit', 'expertise_half_life_days']);
      assert.doesNotMatch((await u.anon.get('/')).text, /Still Praxis/, 'nothing saved when a field is wrong');
      const fresh = srv.client();
      await fresh.get('/signin');
      r = await fresh.post('/signin', { name: '', password: '' });
      check(r, ['name', 'password']);
      r = await u.anon.get('/signup');
      r = await u.anon.post('/signup', { name: '-', display_name: '', password: 'short', password2: 'other' });
      check(r, ['name', 'password', 'password2']);
    });

    test('no-JS preview on every composer: rendered, text kept, nothing saved', async () => {
      const pv = (r, html, kept) => {
        assert.equal(r.status, 200, r.text.slice(0, 300));
        assert.match(r.text, /<section class="preview" aria-label="Preview">/);
        assert.match(r.text, html);
        assert.ok(r.text.includes(kept), 'the text is kept');
      };
      let r = await u.memb.post(`/c/${C.pub.slug}/t/new`, { kind: 'question', title: 'A title long enough', body: 'Q **bold**', preview: '1' });
      pv(r, /<strong>bold<\/strong>/, 'Q **bold**');
      r = await u.coord.post(`/c/${C.pub.slug}/a/new`, { title: 'Preview article', body: 'See [[Nothing here]]', preview: '1' });
      pv(r, /class="wikilink missing"/, 'See [[Nothing here]]');
      r = await u.coord.post(`/c/${C.pub.slug}/events/new`, { title: 'Meetup', start: '2030-01-01T10:00', end: '2030-01-01T11:00', timezone: 'UTC', description_md: 'Bring _cake_', preview: '1' });
      pv(r, /<em>cake<\/em>/, 'Bring _cake_');
      r = await u.coord.post(`/c/${C.pub.slug}/edit`, { name: C.pub.name, visibility: 'public', charter_md: 'We *bake*', tags: 'alpha, beta', preview: '1' });
      pv(r, /<em>bake<\/em>/, 'We *bake*');
      r = await u.memb.post('/settings/profile', { display_name: 'Memb', bio: 'I **knead**', skills: '', timezone: '', preview: '1' });
      pv(r, /<strong>knead<\/strong>/, 'I **knead**');
      const op = (await u.anon.get(`/api/v1/threads/${q.id}`)).json.posts[0];
      r = await u.memb.post(`/p/${op.id}/edit`, { title: q.title, tags: 'alpha', body: 'Edited ~~text~~', preview: '1' });
      pv(r, /<del>text<\/del>/, 'Edited ~~text~~');
      r = await u.memb2.post(`/p/${op.id}/edit`, { title: q.title, tags: 'alpha', body: 'Not mine', preview: '1' });
      assert.equal(r.status, 403);
      r = await u.anon.get(`/c/${C.pub.slug}`);
      assert.doesNotMatch(r.text, /We \*bake\*|We <em>bake/, 'the charter was not saved');
      r = await u.anon.get(`/api/v1/search?q=${encodeURIComponent('"A title long enough"')}`);
      assert.equal(r.json.results.length, 0, 'no thread was created');
    });

    test('preview API: the post renderer, CSRF, sign-in and size limits', async () => {
      let r = await u.memb.postJSON('/api/v1/preview', { body: 'Hello **world** @memb2 [x](javascript:alert(1))' });
      assert.equal(r.status, 200, r.text);
      assert.match(r.json.html, /<strong>world<\/strong>/);
      assert.match(r.json.html, /href="\/u\/memb2"/);
      assert.doesNotMatch(r.json.html, /javascript:/);
      r = await u.memb.postJSON('/api/v1/preview', { body: '' });
      assert.equal(r.json.html, '');
      r = await u.memb.postJSON('/api/v1/preview', { body: 'x' }, { csrf: false });
      assert.equal(r.status, 403);
      r = await u.anon.postJSON('/api/v1/preview', { body: 'x' });
      assert.ok([401, 403].includes(r.status));
      r = await u.memb.postJSON('/api/v1/preview', { body: 'a'.repeat(70 * 1024) });
      assert.equal(r.status, 413, r.text.slice(0, 200));
      r = await u.memb.postJSON('/api/v1/preview', { body: 'See [[Some article]]', kind: 'article', community: C.pub.slug });
      assert.equal(r.status, 200, r.text);
      assert.match(r.json.html, /class="wikilink missing"/);
      r = await u.outsider.postJSON('/api/v1/preview', { body: 'x', kind: 'article', community: C.priv.slug });
      assert.equal(r.status, 404);
    });

    test('comments render the inline subset: emphasis, code, links; no headings, lists, images', async () => {
      const body = '# Not a heading\n- not a list **bold** `code` [link](https://example.com/x)\n\n' +
        '![pic](https://example.com/p.png) > no quote @memb';
      let r = await u.memb2.postJSON(`/api/v1/posts/${ans.id}/comments`, { body });
      assert.equal(r.status, 201, r.text);
      const html = r.json.body_html;
      assert.match(html, /^# Not a heading - not a list <strong>bold<\/strong> <code>code<\/code> /);
      assert.match(html, /<a href="https:\/\/example.com\/x" rel="nofollow ugc noopener">link<\/a>/);
      assert.match(html, /<a href="https:\/\/example.com\/p.png"[^>]*>pic<\/a>/, 'an image is a link');
      assert.match(html, /&gt; no quote <a class="mention" href="\/u\/memb">@memb<\/a>$/);
      for (const tagName of ['h1', 'ul', 'li', 'p', 'img', 'blockquote', 'pre'])
        assert.ok(!html.includes(`<${tagName}`), `no <${tagName}> in ${html}`);
      // the page shows it as stored; the preview renders comments the same way
      r = await u.anon.get(`/c/${C.pub.slug}/t/${q.id}`);
      assert.ok(r.text.includes(`<div class="comment-body">${html}</div>`));
      r = await u.memb2.postJSON('/api/v1/preview', { body, kind: 'comment' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.html, html);
      r = await u.memb2.postJSON('/api/v1/preview', { body: '# Heading' });
      assert.match(r.json.html, /<h1>Heading<\/h1>/, 'posts keep full Markdown');
      r = await u.memb2.post(`/p/${ans.id}/comments`, { body: '# Not *big*', preview: '1' });
      assert.equal(r.status, 200);
      assert.match(r.text, /<div class="post-body"># Not <em>big<\/em><\/div>/, 'the no-JS preview too');
      // edits render the same way
      r = await u.memb2.patchJSON(`/api/v1/comments/${(await u.anon.get(`/api/v1/posts/${ans.id}/comments`)).json.comments.at(-1).id}`, { body: '## Still *text*' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.body_html, '## Still <em>text</em>');
    });

    test('a member may write comments_per_hour comments in an hour: 429 with Retry-After, then the composer says so', async () => {
      await srv.addUser('chatty', { password: PW });
      u.chatty = await login('chatty');
      assert.equal((await u.chatty.postJSON(`/api/v1/communities/${C.pub.slug}/join`, {})).status, 200);
      let r = await u.admin.patchJSON('/api/v1/admin/settings', { comments_per_hour: '2' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.settings.comments_per_hour, '2');
      r = await u.admin.patchJSON('/api/v1/admin/settings', { comments_per_hour: 'lots' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'comments_per_hour');
      try {
        for (let i = 1; i <= 2; i++) {
          r = await u.chatty.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: `Chatty remark ${i}` });
          assert.equal(r.status, 201, r.text);
        }
        // deleting one does not give it back
        assert.equal((await u.chatty.del(`/api/v1/comments/${r.json.id}`)).status, 200);
        r = await u.chatty.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'Chatty remark 3' });
        assert.equal(r.status, 429, r.text);
        assert.equal(r.json.error.code, 'rate_limited');
        assert.match(r.json.error.message, /2 comments in the last hour.*comment again in (60|59) minutes/);
        const wait = Number(r.headers.get('retry-after'));
        assert.ok(wait > 3500 && wait <= 3600, `Retry-After ${wait}`);
        // the page: 429, the composer open with the message next to it and the text kept
        r = await u.chatty.post(`/p/${ans.id}/comments`, { body: 'Chatty web remark' });
        assert.equal(r.status, 429, r.text.slice(0, 300));
        assert.ok(r.headers.get('retry-after'));
        assert.match(r.text, new RegExp(`<details class="comment-add" id="comment-form-${ans.id}" open>`));
        assert.match(r.text, new RegExp(`<p class="field-error" id="comment-error-${ans.id}">You have written 2 comments in the last hour`));
        assert.match(r.text, />Chatty web remark<\/textarea>/);
        // replies are not comments; moderators are not limited
        r = await u.chatty.postJSON(`/api/v1/threads/${q.id}/posts`, { body: 'A reply is not a comment.' });
        assert.equal(r.status, 201, r.text);
        for (let i = 1; i <= 3; i++) {
          r = await u.moder.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: `Moderator remark ${i}` });
          assert.equal(r.status, 201, r.text);
        }
        // an hour later the allowance is back
        sql(srv, `UPDATE comments SET created_at = created_at - 3601 WHERE author_id = (SELECT id FROM users WHERE name = 'chatty')`);
        r = await u.chatty.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: 'Chatty remark 4' });
        assert.equal(r.status, 201, r.text);
        // 0 = no limit
        await u.admin.patchJSON('/api/v1/admin/settings', { comments_per_hour: '0' });
        for (let i = 5; i <= 7; i++)
          assert.equal((await u.chatty.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: `Chatty remark ${i}` })).status, 201);
      } finally {
        await u.admin.patchJSON('/api/v1/admin/settings', { comments_per_hour: '30' });
      }
    });

    test('export and import praxis carry comments', async () => {
      let r = await u.memb.postJSON(`/api/v1/posts/${ans.id}/comments`, { body: `Exported remark ${tag}` });
      const cm = r.json;
      r = await u.memb.patchJSON(`/api/v1/comments/${cm.id}`, { body: `Exported remark, **edited** ${tag}` });
      assert.equal(r.status, 200);
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-comments-'));
      const file = path.join(tmp, 'all.jsonl');
      let x = await srv.cli(['export', '--output', file]);
      assert.equal(x.code, 0, x.stderr);
      const recs = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const rec = recs.find((o) => o.type === 'comment' && o.data?.id === cm.id) ||
        recs.find((o) => o.type === 'comment' && (o.id === cm.id || o.record?.id === cm.id));
      assert.ok(rec, 'the comment is exported');
      const B = await startServer({ backend });
      try {
        x = await B.cli(['import', 'praxis', file]);
        assert.equal(x.code, 0, x.stderr);
        r = await B.client().get(`/api/v1/comments/${cm.id}`);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.body_md, `Exported remark, **edited** ${tag}`);
        assert.equal(r.json.body_html, `Exported remark, <strong>edited</strong> ${tag}`, 'rendered as comments are');
        assert.ok(r.json.edited_at);
        r = await B.client().get(`/api/v1/search?q=exported&kind=comment`);
        assert.ok(r.json.results.length >= 1, 'imported comments are searchable');
      } finally {
        await B.stop();
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  });
}

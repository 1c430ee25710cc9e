// The anonymous page cache invalidates per thread and per community (src/web/pagecache.c,
// the page_stamps migration's change stamps): each kind of write that changes what a cached page shows
// makes that page render afresh (and shows the change), writes elsewhere and bookkeeping
// writes (visits, notification reads, jobs) leave it cached. On PostgreSQL nothing is cached
// yet: the same writes must show on the next request all the same.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, sql, startServer } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`page cache scopes (${backend})`, () => {
    let srv, coord, memb, other;
    const cached = backend === 'sqlite';
    const T = {}; // threads by name

    async function login(name) {
      const c = srv.client();
      assert.equal((await c.signin(name, PW)).status, 303);
      await c.get('/');
      return c;
    }
    const cache = (r) => r.headers.get('x-cache');
    // Anonymous requests until one comes from the cache (a precondition, not what is tested:
    // a write the server's own jobs make between the two requests, e.g. under the slow
    // sanitizer build, may legitimately invalidate the first rendering).
    async function warm(path) {
      let b;
      for (let i = 0; i < 5; i++) {
        const a = await srv.client().get(path);
        assert.equal(a.status, 200, path);
        b = await srv.client().get(path);
        assert.equal(b.status, 200, path);
        if (!cached || cache(b) === 'hit') return b;
      }
      assert.equal(cache(b), 'hit', `${path} should be cached`);
      return b;
    }
    // The next anonymous request renders afresh.
    async function fresh(path, status = 200) {
      const r = await srv.client().get(path);
      assert.equal(r.status, status, path);
      if (cached && status === 200) assert.equal(cache(r), 'miss', `${path} should render afresh`);
      return r;
    }
    async function stillCached(path) {
      const r = await srv.client().get(path);
      assert.equal(r.status, 200, path);
      if (cached) assert.equal(cache(r), 'hit', `${path} should still be cached`);
      return r;
    }
    async function newThread(slug, kind, title, tags) {
      const r = await coord.postJSON(`/api/v1/communities/${slug}/threads`, {
        kind, title, body: `Opening post of ${title}.`, ...(tags ? { tags } : {}),
      });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function reply(c, t, body) {
      const r = await c.postJSON(`/api/v1/threads/${t.id}/posts`, { body });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    const tpath = (slug, t) => `/c/${slug}/t/${t.id}`;

    before(async () => {
      // One worker thread: the test must know which worker's cache a request uses.
      srv = await startServer({ backend, args: ['--threads', '1'] });
      await srv.addUser('admin1', { password: PW, admin: true });
      await srv.addUser('coord', { password: PW });
      await srv.addUser('memb', { password: PW });
      await srv.addUser('other', { password: PW });
      const admin = await login('admin1');
      await admin.post('/admin', { community_creation: 'members' });
      coord = await login('coord');
      memb = await login('memb');
      other = await login('other');
      for (const slug of ['scopea', 'scopeb']) {
        const r = await coord.postJSON('/api/v1/communities', {
          name: `Scope ${slug}`, slug, visibility: 'public', tags: 'yeast, hops',
        });
        assert.equal(r.status, 201, r.text);
        for (const c of [memb, other])
          assert.equal((await c.postJSON(`/api/v1/communities/${slug}/join`, {})).status, 200);
      }
      T.q = await newThread('scopea', 'question', 'Which yeast for a saison', ['yeast']);
      T.d = await newThread('scopea', 'discussion', 'Our autumn brew day notes');
      T.e = await newThread('scopea', 'discussion', 'Elsewhere in the same community');
      T.b = await newThread('scopeb', 'discussion', 'A thread in the other community');
      T.mv = await newThread('scopea', 'discussion', 'A thread that will move away');
      T.ans = await reply(memb, T.q, 'Try a Belgian saison strain, ferment warm.');
      T.dr = await reply(memb, T.d, 'We brewed a brown ale.');
    });

    after(async () => { await srv?.stop(); });

    test('a reply invalidates its thread and its community, not other threads', async () => {
      await warm(tpath('scopea', T.d));
      await warm(tpath('scopea', T.e));
      await warm(tpath('scopeb', T.b));
      await warm('/c/scopeb');
      await warm('/c/scopea/latest');
      await reply(other, T.d, 'A reply about sparging');
      assert.match((await fresh(tpath('scopea', T.d))).text, /A reply about sparging/);
      assert.match((await fresh('/c/scopea/latest')).text, /Our autumn brew day notes/);
      await stillCached(tpath('scopea', T.e));
      await stillCached(tpath('scopeb', T.b));
      await stillCached('/c/scopeb');
    });

    test('bookkeeping writes leave cached pages alone', async () => {
      const pages = [tpath('scopea', T.d), '/c/scopea', '/c/scopea/latest', '/latest', '/', '/communities'];
      for (const p of pages) await warm(p);
      // A member's visit (user_days, sessions' last_seen_at, thread_reads), a notification
      // read, a draft, and a job row: none is shown on an anonymous page.
      assert.equal((await memb.get(tpath('scopea', T.e))).status, 200);
      assert.equal((await memb.postJSON('/api/v1/notifications/read', {})).status, 200);
      sql(srv, `UPDATE sessions SET last_seen_at = last_seen_at + 1`);
      sql(srv, `UPDATE users SET digest_last_at = 1 WHERE name = 'memb'`);
      sql(srv, `DELETE FROM jobs WHERE 1 = 0`);
      sql(srv, `INSERT INTO login_attempts (key, at) SELECT 'pagecache-test', 1 WHERE 1 = 0`);
      for (const p of pages) await stillCached(p);
    });

    test('an edit, a vote and an accepted answer show at once', async () => {
      const path = tpath('scopea', T.q);
      await warm(path);
      let r = await memb.patchJSON(`/api/v1/posts/${T.ans.id}`, { body: 'Try a French saison strain instead.' });
      assert.equal(r.status, 200, r.text);
      assert.match((await fresh(path)).text, /French saison strain/);
      await warm(path);
      r = await other.putJSON(`/api/v1/posts/${T.ans.id}/vote`, { value: 1 });
      assert.equal(r.status, 200, r.text);
      await fresh(path);
      await warm(path);
      r = await coord.putJSON(`/api/v1/threads/${T.q.id}/accepted`, { post_id: T.ans.id });
      assert.equal(r.status, 200, r.text);
      const after1 = await fresh(path);
      assert.match(after1.text, /[Aa]ccepted/);
    });

    test('a comment and a hidden post show at once', async () => {
      const path = tpath('scopea', T.d);
      await warm(path);
      let r = await other.postJSON(`/api/v1/posts/${T.dr.id}/comments`, { body: 'Which malt did you use?' });
      assert.equal(r.status, 201, r.text);
      assert.match((await fresh(path)).text, /Which malt did you use\?/);
      await warm(path);
      r = await coord.postJSON(`/api/v1/posts/${T.dr.id}/hide`, { reason: 'testing the cache' });
      assert.equal(r.status, 200, r.text);
      assert.doesNotMatch((await fresh(path)).text, /We brewed a brown ale/);
    });

    test('moving a thread invalidates both communities', async () => {
      for (const p of ['/c/scopea', '/c/scopea/latest', '/c/scopeb', '/c/scopeb/latest', tpath('scopea', T.mv)])
        await warm(p);
      const r = await coord.postJSON(`/api/v1/threads/${T.mv.id}/moderation`, { action: 'move', to: 'scopeb' });
      assert.equal(r.status, 200, r.text);
      assert.doesNotMatch((await fresh('/c/scopea/latest')).text, /A thread that will move away/);
      assert.doesNotMatch((await fresh('/c/scopea')).text, /A thread that will move away/);
      assert.match((await fresh('/c/scopeb/latest')).text, /A thread that will move away/);
      assert.match((await fresh('/c/scopeb')).text, /A thread that will move away/);
      // The old address now redirects to the new one.
      const old = await srv.client().get(tpath('scopea', T.mv), { redirect: 'manual' });
      assert.notEqual(old.status, 200);
      assert.notEqual(cache(old), 'hit');
    });

    test('community name, charter, tags and visibility show at once', async () => {
      const path = tpath('scopea', T.e);
      await warm(path);
      await warm('/c/scopea');
      await warm('/communities');
      let r = await coord.patchJSON('/api/v1/communities/scopea', {
        name: 'Scope Renamed', charter_md: 'We talk about **farmhouse** ales.',
      });
      assert.equal(r.status, 200, r.text);
      assert.match((await fresh(path)).text, /Scope Renamed/);
      const cp = (await fresh('/c/scopea')).text;
      assert.match(cp, /Scope Renamed/);
      assert.match(cp, /farmhouse/);
      assert.match((await fresh('/communities')).text, /Scope Renamed/);
      // A tag's description on the tag page; the vocabulary on the community page.
      await warm('/c/scopea/tags/yeast');
      r = await coord.patchJSON('/api/v1/communities/scopea/tags/yeast', { description: 'Strains and starters' });
      assert.equal(r.status, 200, r.text);
      assert.match((await fresh('/c/scopea/tags/yeast')).text, /Strains and starters/);
      await warm('/c/scopea');
      r = await coord.patchJSON('/api/v1/communities/scopea', { tags: 'yeast, hops, water' });
      assert.equal(r.status, 200, r.text);
      await fresh('/c/scopea');
      // Private: anonymous visitors get nothing more from any of its pages.
      await warm(path);
      await warm('/c/scopea/latest');
      r = await coord.patchJSON('/api/v1/communities/scopea', { visibility: 'private' });
      assert.equal(r.status, 200, r.text);
      for (const p of [path, '/c/scopea/latest', '/c/scopea']) {
        const rr = await srv.client().get(p);
        assert.notEqual(rr.status, 200, p);
        assert.doesNotMatch(rr.text, /Elsewhere in the same community|farmhouse/, p);
      }
      r = await coord.patchJSON('/api/v1/communities/scopea', { visibility: 'public' });
      assert.equal(r.status, 200, r.text);
      assert.equal((await srv.client().get(path)).status, 200);
    });

    test('a display name shows at once on every page that names its owner', async () => {
      const path = tpath('scopea', T.d);
      await warm(path);
      await warm(tpath('scopeb', T.b));
      const r = await other.patchJSON('/api/v1/me', { display_name: 'Olga the Brewer' });
      assert.equal(r.status, 200, r.text);
      assert.match((await fresh(path)).text, /Olga the Brewer/);
      await fresh(tpath('scopeb', T.b)); // names are instance-wide: every page renders again
    });

    test('an article change shows on its tag page, an event on the community page', async () => {
      await warm('/c/scopeb/tags/hops');
      let r = await coord.postJSON('/api/v1/communities/scopeb/articles', {
        title: 'Dry hopping basics', body_md: 'Text.', tags: ['hops'], publish: true,
      });
      assert.equal(r.status, 201, r.text);
      const art = r.json;
      assert.match((await fresh('/c/scopeb/tags/hops')).text, /Dry hopping basics/);
      await warm('/c/scopeb/tags/hops');
      r = await coord.patchJSON(`/api/v1/communities/scopeb/articles/${art.slug}`, {
        title: 'Dry hopping in depth', base_rev: art.rev,
      });
      assert.equal(r.status, 200, r.text);
      assert.match((await fresh('/c/scopeb/tags/hops')).text, /Dry hopping in depth/);
      await warm('/c/scopeb');
      await warm(tpath('scopeb', T.b));
      const day = new Date(Date.now() + 2 * 86400 * 1000).toISOString().slice(0, 10);
      r = await coord.postJSON('/api/v1/communities/scopeb/events', {
        title: 'Bottling evening', start: `${day}T18:00`, end: `${day}T20:00`, timezone: 'UTC',
      });
      assert.equal(r.status, 201, r.text);
      assert.match((await fresh('/c/scopeb')).text, /Bottling evening/);
      await stillCached(tpath('scopeb', T.b)); // events are not on thread pages
    });

    test('a write by another process invalidates the same way', async () => {
      const path = tpath('scopeb', T.b);
      await warm(path);
      await warm(tpath('scopea', T.e));
      sql(srv, `UPDATE posts SET body_md = 'Rewritten outside', body_html = '<p>Rewritten outside</p>' WHERE id = (SELECT min(id) FROM posts WHERE thread_id = ${T.b.id})`);
      assert.match((await fresh(path)).text, /Rewritten outside/);
      await stillCached(tpath('scopea', T.e));
    });
  });
}

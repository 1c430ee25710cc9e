// The anonymous page cache (src/web/pagecache.c) on thread pages: a page rendered for one
// visitor who is not signed in is served again to the next, with that visitor's own CSRF
// token; a write that changes the page (through the server, or by another process on the
// database file) makes the next request render afresh (pagecache_scope.test.mjs covers which
// writes invalidate which pages); signed-in members and private communities never go through it;
// PostgreSQL has no cheap change stamp, so nothing is cached there.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, sql, startServer } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

function csrfMeta(text) {
  const m = text.match(/<meta name="csrf-token" content="([0-9a-f]*)">/);
  return m ? m[1] : null;
}

for (const backend of backends()) {
  describe(`anonymous page cache (${backend})`, () => {
    let srv, memb, coord, pub, priv;
    const cached = backend === 'sqlite';

    async function login(name) {
      const c = srv.client();
      assert.equal((await c.signin(name, PW)).status, 303);
      await c.get('/');
      return c;
    }

    before(async () => {
      // One worker thread: each worker keeps its own cache, and the test must know which
      // request fills it.
      srv = await startServer({ backend, args: ['--threads', '1'] });
      await srv.addUser('admin1', { password: PW, admin: true });
      await srv.addUser('coord', { password: PW });
      await srv.addUser('memb', { password: PW });
      const admin = await login('admin1');
      await admin.post('/admin', { community_creation: 'members' });
      coord = await login('coord');
      memb = await login('memb');
      for (const [slug, visibility] of [['pcpub', 'public'], ['pcpriv', 'private']]) {
        const r = await coord.postJSON('/api/v1/communities', { name: `Cache ${slug}`, slug, visibility });
        assert.equal(r.status, 201, r.text);
      }
      assert.equal((await memb.postJSON('/api/v1/communities/pcpub/join', {})).status, 200);
      let r = await coord.postJSON('/api/v1/communities/pcpub/threads', {
        kind: 'discussion', title: 'Cache me if you can', body: 'First post.',
      });
      assert.equal(r.status, 201, r.text);
      pub = r.json;
      r = await coord.postJSON('/api/v1/communities/pcpriv/threads', {
        kind: 'discussion', title: 'Secret cellar notes', body: 'Members only.',
      });
      assert.equal(r.status, 201, r.text);
      priv = r.json;
    });

    after(async () => { await srv?.stop(); });

    test('a second anonymous visitor gets the cached page with their own token', async () => {
      const path = `/c/pcpub/t/${pub.id}`;
      const a = srv.client(), b = srv.client();
      const ra = await a.get(path);
      assert.equal(ra.status, 200);
      const rb = await b.get(path);
      assert.equal(rb.status, 200);
      const ra2 = await a.get(path);
      if (!cached) {
        for (const r of [ra, rb, ra2]) assert.equal(r.headers.get('x-cache'), null);
        return;
      }
      assert.equal(ra.headers.get('x-cache'), 'miss');
      assert.equal(rb.headers.get('x-cache'), 'hit');
      assert.equal(ra2.headers.get('x-cache'), 'hit');
      const ta = csrfMeta(ra.text), tb = csrfMeta(rb.text);
      assert.ok(ta && tb && ta !== tb, 'each visitor has a token of their own');
      assert.equal(csrfMeta(ra2.text), ta, 'the same visitor keeps the same token');
      assert.equal(rb.text.replaceAll(tb, ta), ra.text, 'otherwise the same bytes');
      // The token is the one the visitor's cookie earns: a sign-in form posted with it works.
      const rs = await b.post('/signin', { name: 'memb', password: PW });
      assert.equal(rs.status, 303, rs.text);
    });

    test('a write through the server shows on the next anonymous request', async () => {
      const path = `/c/pcpub/t/${pub.id}`;
      const anon = srv.client();
      await anon.get(path);
      const r = await memb.postJSON(`/api/v1/threads/${pub.id}/posts`, { body: 'A fresh reply about yeast' });
      assert.equal(r.status, 201, r.text);
      const after1 = await anon.get(path);
      assert.match(after1.text, /A fresh reply about yeast/);
      if (cached) assert.equal(after1.headers.get('x-cache'), 'miss');
    });

    test('a write by another process on the database shows too', async () => {
      const path = `/c/pcpub/t/${pub.id}`;
      const anon = srv.client();
      await anon.get(path);
      await anon.get(path);
      sql(srv, `UPDATE threads SET title = 'Renamed behind the server''s back' WHERE id = ${pub.id}`);
      const r = await anon.get(path);
      assert.match(r.text, /Renamed behind the server(&#39;|')s back/);
    });

    test('lists, the community page and the home page are cached the same way', async () => {
      for (const path of ['/', '/communities', '/c/pcpub', '/c/pcpub/latest', '/latest']) {
        // Background jobs (notification fan-out, live backlog, digests) write only
        // bookkeeping tables, which never invalidate a page: no retry is needed.
        const ra = await srv.client().get(path);
        const rb = await srv.client().get(path);
        assert.equal(ra.status, 200, path);
        assert.equal(rb.status, 200, path);
        if (cached) assert.equal(rb.headers.get('x-cache'), 'hit', path);
        assert.equal(rb.text.replaceAll(csrfMeta(rb.text), csrfMeta(ra.text)), ra.text, path);
      }
      // A new thread appears in the cached lists at once.
      const r = await coord.postJSON('/api/v1/communities/pcpub/threads', {
        kind: 'question', title: 'Which hops for a cold IPA', body: 'Asking.',
      });
      assert.equal(r.status, 201, r.text);
      for (const path of ['/c/pcpub', '/c/pcpub/latest', '/latest']) {
        const rr = await srv.client().get(path);
        assert.match(rr.text, /Which hops for a cold IPA/, path);
      }
    });

    test('signed-in members are never served from the cache', async () => {
      const path = `/c/pcpub/t/${pub.id}`;
      await srv.client().get(path);
      const r = await memb.get(path);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('x-cache'), null);
      assert.match(r.text, /Sign out/);
      assert.doesNotMatch(r.text, /href="\/signin"/);
    });

    test('reading is written in batches, not on every page view', async () => {
      // With one worker, every view of memb's lands in the same batch; nothing is written
      // until reading_flush_seconds (60 by default) has passed since the batch began.
      const path = `/c/pcpub/t/${pub.id}`;
      const uid = sql(srv, "SELECT id FROM users WHERE name = 'memb'");
      const topics = () => sql(srv, `SELECT COALESCE(sum(topics), 0) FROM user_days WHERE user_id = ${uid}`);
      const before = Number(topics());
      for (let i = 0; i < 3; i++) assert.equal((await memb.get(path)).status, 200);
      assert.equal(Number(topics()), before, 'not written yet');
      // Here at once, once the setting says 0: the whole batch, this view included.
      sql(srv, "INSERT INTO settings (key, value) VALUES ('reading_flush_seconds', '0')");
      await memb.get(path);
      assert.ok(Number(topics()) >= before + 4, `${topics()} >= ${before} + 4`);
      sql(srv, "DELETE FROM settings WHERE key = 'reading_flush_seconds'");
    });

    test('a private thread is not cached for anyone and stays hidden', async () => {
      const path = `/c/pcpriv/t/${priv.id}`;
      const seen = await coord.get(path);
      assert.equal(seen.status, 200);
      assert.match(seen.text, /Secret cellar notes/);
      for (let i = 0; i < 2; i++) {
        const r = await srv.client().get(path);
        assert.equal(r.status, 404);
        assert.doesNotMatch(r.text, /Secret cellar/);
        assert.notEqual(r.headers.get('x-cache'), 'hit');
      }
    });
  });
}

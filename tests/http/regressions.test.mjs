// Regression tests for bugs found in review, on every backend:
// - the API list endpoints read one row ahead to know whether there is a next page, so the
//   store must allow the largest page size plus one (limit=200 on /communities and
//   limit=500 on /members used to answer next_offset: null with more rows waiting);
// - a form posted by a visitor who has to sign in first is sent to sign in with next= a page
//   that answers GET (the post's own path would be 405 after signing in);
// - switching between the sign-in and sign-up pages keeps next= (an invitation link followed
//   by "Sign up" then "Already have an account? Sign in" must still come back to it);
// - the home page's title repeated the site name ("Praxis · Praxis");
// - member counts, kept on the community row by triggers since the benchmark found counting
//   them per request to dominate the home page, must follow joins, leaves and cascades.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, sql, startServer } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`regressions (${backend})`, () => {
    let srv;
    let admin;

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      admin = srv.client();
      assert.equal((await admin.signin('admin1', PW)).status, 303);
      await admin.get('/');
    });

    after(async () => { await srv?.stop(); });

    test('API pages of the largest size still report the next page', async () => {
      // 201 public communities, and one with 501 members (the seeded users cannot sign in).
      sql(srv, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 201)
                INSERT INTO communities (slug, name, visibility, created_at, updated_at)
                SELECT 'pg-' || i, 'Paged ' || (1000 + i), 'public', 1, 1 FROM n`);
      sql(srv, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 501)
                INSERT INTO users (name, name_key, display_name, created_at, updated_at, status)
                SELECT 'm' || (1000 + i), 'm' || (1000 + i), 'm' || (1000 + i), 1, 1, 'unclaimed' FROM n`);
      sql(srv, `INSERT INTO memberships (community_id, user_id, role, joined_at)
                SELECT c.id, u.id, 'member', 1 FROM communities c, users u
                WHERE c.slug = 'pg-1' AND u.name LIKE 'm1%'`);

      let r = await admin.get('/api/v1/communities?limit=200');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.communities.length, 200);
      assert.equal(r.json.next_offset, 200);
      r = await admin.get('/api/v1/communities?limit=200&offset=200');
      assert.equal(r.json.communities.length, 1);
      assert.equal(r.json.next_offset, null);

      r = await admin.get('/api/v1/communities/pg-1/members?limit=500');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.members.length, 500);
      assert.equal(r.json.next_offset, 500);
      r = await admin.get('/api/v1/communities/pg-1/members?limit=500&offset=500');
      assert.equal(r.json.members.length, 1);
      assert.equal(r.json.next_offset, null);
    });

    test('a form posted before signing in comes back to a page that answers GET', async () => {
      const r = await admin.postJSON('/api/v1/communities', { name: 'Return Trip', slug: 'return-trip' });
      assert.equal(r.status, 201, r.text);
      const anon = srv.client();
      await anon.get('/c/return-trip');
      const cases = [
        ['/c/return-trip/join', '/c/return-trip'],
        ['/c/return-trip/members/admin1', '/c/return-trip/members'],
        ['/settings/tokens/5/revoke', '/settings/tokens'],
        ['/c/new', '/c/new'],
      ];
      for (const [path, back] of cases) {
        const p = await anon.post(path, {});
        assert.equal(p.status, 303, path);
        assert.equal(p.location, `/signin?next=${encodeURIComponent(back)}`, path);
        const g = await admin.get(back);
        assert.equal(g.status, 200, `${back} answers GET`);
      }
    });

    test('the sign-in and sign-up pages keep next when linking to each other', async () => {
      const next = '/join/0123456789abcdef0123456789abcdef';
      const enc = encodeURIComponent(next);
      const c = srv.client();
      const up = await c.get(`/signup?next=${enc}`);
      assert.equal(up.status, 200);
      assert.ok(up.text.includes(`href="/signin?next=${enc}"`), 'sign-up links to sign-in with next');
      const inn = await c.get(`/signin?next=${enc}`);
      assert.equal(inn.status, 200);
      assert.ok(inn.text.includes(`href="/signup?next=${enc}"`), 'sign-in links to sign-up with next');
      // an unsafe next is not carried along
      const bad = await c.get(`/signin?next=${encodeURIComponent('//evil.example/')}`);
      assert.ok(bad.text.includes('href="/signup"'));
      assert.ok(!bad.text.includes('evil.example'));
      // and the whole trip: sign up from the link, land back on next
      const done = await c.signup('tripper', PW, { next: '/communities' });
      assert.equal(done.status, 303, done.text.slice(0, 300));
      assert.equal(done.location, '/communities');
    });

    test('the home page title is the site name once', async () => {
      for (const c of [srv.client(), admin]) {
        const r = await c.get('/');
        assert.equal(r.status, 200);
        assert.match(r.text, /<title>Praxis<\/title>/);
      }
    });

    test('member counts follow joins, leaves, SQL inserts and user deletion', async () => {
      const slug = 'counted';
      let r = await admin.postJSON('/api/v1/communities', { name: 'Counted', slug, visibility: 'public' });
      assert.equal(r.status, 201, r.text);
      const count = async () => (await admin.get(`/api/v1/communities/${slug}`)).json.community?.member_count
        ?? (await admin.get(`/api/v1/communities/${slug}`)).json.member_count;
      assert.equal(await count(), 1);
      await srv.addUser('joiner1', { password: PW });
      const j = srv.client();
      assert.equal((await j.signin('joiner1', PW)).status, 303);
      await j.get('/');
      assert.equal((await j.postJSON(`/api/v1/communities/${slug}/join`, {})).status < 300, true);
      assert.equal(await count(), 2);
      await srv.addUser('joiner2', { password: PW });
      const cid = sql(srv, `SELECT id FROM communities WHERE slug = '${slug}'`);
      const uid = sql(srv, "SELECT id FROM users WHERE name_key = 'joiner2'");
      sql(srv, `INSERT INTO memberships (community_id, user_id, role, joined_at) VALUES (${cid}, ${uid}, 'member', 0)`);
      assert.equal(await count(), 3);
      assert.equal((await j.postJSON(`/api/v1/communities/${slug}/leave`, {})).status < 300, true);
      assert.equal(await count(), 2);
      // the sqlite3 shell leaves foreign keys off unless asked; praxis turns them on
      sql(srv, `${backend === 'sqlite' ? 'PRAGMA foreign_keys = ON; ' : ''}DELETE FROM users WHERE id = ${uid}`);
      assert.equal(await count(), 1);
    });
  });
}

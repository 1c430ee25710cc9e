// Trust levels (issue 16, "Trust levels"), on every backend: promotion from a scripted history
// (rows written with sql(), the account's age moved back), the level in /me and on
// /api/v1/users/:name to the member and administrators only, the level-0 hourly limits on threads
// and replies (429 with Retry-After and a message saying what unlocks it), the refusal of uploads
// at level 0 (403), the administrator's set and lock, and demotion on suspension.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`trust levels (${backend})`, () => {
    let srv;
    const u = {};
    const slug = `tr-${randomName().slice(0, 6)}`;
    const uid = (name) => Number(sql(srv, `SELECT id FROM users WHERE name = '${name}'`));

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status} ${r.text}`);
      await c.get('/');
      return c;
    }
    async function me(c) {
      const r = await c.get('/api/v1/me');
      assert.equal(r.status, 200, r.text);
      return r.json.user;
    }

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of ['nova', 'vet', 'other']) await srv.addUser(n, { password: PW });
      sql(srv, "INSERT INTO settings (key, value) VALUES ('trust0_threads_per_hour', '2')");
      sql(srv, "INSERT INTO settings (key, value) VALUES ('trust0_replies_per_hour', '3')");
      u.admin = await login('admin1');
      for (const n of ['nova', 'vet', 'other']) u[n] = await login(n);
      let r = await u.admin.postJSON('/api/v1/communities', { name: `Trust ${slug}`, slug, visibility: 'public' });
      assert.equal(r.status, 201, r.text);
      for (const n of ['nova', 'vet', 'other'])
        assert.equal((await u[n].postJSON(`/api/v1/communities/${slug}/join`, {})).status, 200);
    });
    after(async () => {
      await srv?.stop();
    });

    test('a new account is level 0, visible to itself and admins only', async () => {
      const m = await me(u.nova);
      assert.equal(m.trust_level, 0);
      assert.equal(m.trust_name, 'new');
      assert.equal(m.trust_locked, false);
      let r = await u.other.get('/api/v1/users/nova');
      assert.equal(r.status, 200);
      assert.equal(r.json.user.trust_level, undefined);
      r = await u.admin.get('/api/v1/users/nova');
      assert.equal(r.json.user.trust_level, 0);
      assert.equal((await me(u.admin)).trust_level, 4);
    });

    test('level 0: hourly limits on threads and replies answer 429 with Retry-After', async () => {
      let r, tid;
      for (let i = 0; i < 2; i++) {
        r = await u.nova.postJSON(`/api/v1/communities/${slug}/threads`, { kind: 'discussion', title: `Nova thread ${i}`, body: 'Words.' });
        assert.equal(r.status, 201, r.text);
        tid = r.json.thread?.id ?? r.json.id;
      }
      r = await u.nova.postJSON(`/api/v1/communities/${slug}/threads`, { kind: 'discussion', title: 'One too many', body: 'Words.' });
      assert.equal(r.status, 429, r.text);
      assert.match(r.text, /trust level 1/);
      const ra = Number(r.headers.get('retry-after'));
      assert.ok(ra >= 1 && ra <= 3600, `Retry-After ${r.headers.get('retry-after')}`);
      for (let i = 0; i < 3; i++) {
        r = await u.nova.postJSON(`/api/v1/threads/${tid}/posts`, { body: `Reply ${i}` });
        assert.equal(r.status, 201, r.text);
      }
      r = await u.nova.postJSON(`/api/v1/threads/${tid}/posts`, { body: 'Reply too many' });
      assert.equal(r.status, 429, r.text);
      assert.ok(Number(r.headers.get('retry-after')) >= 1);
      // An hour later the limit has passed.
      sql(srv, `UPDATE posts SET created_at = created_at - 3700 WHERE author_id = ${uid('nova')}`);
      sql(srv, `UPDATE threads SET created_at = created_at - 3700 WHERE author_id = ${uid('nova')}`);
      r = await u.nova.postJSON(`/api/v1/threads/${tid}/posts`, { body: 'Later reply' });
      assert.equal(r.status, 201, r.text);
    });

    test('administrators read and change the trust settings', async () => {
      let r = await u.admin.get('/api/v1/admin/settings');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.settings.trust0_threads_per_hour, '2');
      assert.equal(r.json.settings.trust3_accepted, '2');
      r = await u.admin.patchJSON('/api/v1/admin/settings', { trust_edit_level: '3' });
      assert.equal(r.status, 200, r.text);
      r = await u.admin.patchJSON('/api/v1/admin/settings', { trust2_posts: 'many' });
      assert.equal(r.status, 400, r.text);
    });

    test('level 0 cannot upload (403 saying what unlocks it)', async () => {
      const fd = new FormData();
      fd.append('file', new Blob([Buffer.from('plain text file')], { type: 'text/plain' }), 'a.txt');
      const r = await u.nova.request('POST', '/api/v1/uploads', { body: fd, headers: { Accept: 'application/json', 'X-CSRF-Token': u.nova.csrf } });
      assert.equal(r.status, 403, r.text);
      assert.match(r.text, /trust level 1/);
    });

    test('promotion from a scripted history', async () => {
      const id = uid('vet');
      // Old account with a few posts: level 1 after the next post.
      sql(srv, `UPDATE users SET created_at = created_at - ${40 * 86400} WHERE id = ${id}`);
      const t = await u.vet.postJSON(`/api/v1/communities/${slug}/threads`, { kind: 'question', title: 'Vet question', body: 'Words.' });
      assert.equal(t.status, 201, t.text);
      const tid = t.json.thread?.id ?? t.json.id;
      for (let i = 0; i < 2; i++) assert.equal((await u.vet.postJSON(`/api/v1/threads/${tid}/posts`, { body: `vet ${i}` })).status, 201);
      assert.equal((await me(u.vet)).trust_level, 1);
      assert.equal(sql(srv, `SELECT trust_level FROM users WHERE id = ${id}`), '1');
      // Days visited and more posts, votes: level 2.
      // Days visited, with some reading on each (topics, posts read, minutes).
      for (let d = 1; d <= 60; d++) sql(srv, `INSERT INTO user_days (user_id, day, topics, posts_read, minutes) VALUES (${id}, ${d}, 1, 2, 1)`);
      for (let i = 0; i < 10; i++) assert.equal((await u.vet.postJSON(`/api/v1/threads/${tid}/posts`, { body: `more ${i}` })).status, 201);
      const pids = sql(srv, `SELECT id FROM posts WHERE author_id = ${id} ORDER BY id`).split('\n').map(Number);
      const voters = [uid('admin1'), uid('nova'), uid('other')];
      for (const v of voters) for (const p of pids.slice(0, 5)) sql(srv, `INSERT INTO votes (post_id, user_id, value, created_at) VALUES (${p}, ${v}, 1, 0)`);
      const others = sql(srv, `SELECT id FROM posts WHERE author_id <> ${id} ORDER BY id`).split('\n').map(Number);
      for (const p of others.slice(0, 5)) sql(srv, `INSERT INTO votes (post_id, user_id, value, created_at) VALUES (${p}, ${id}, 1, 0)`);
      const m2 = await me(u.vet);
      assert.equal(m2.trust_level, 2, sql(srv, `SELECT (SELECT count(*) FROM user_days WHERE user_id = ${id}), (SELECT count(*) FROM votes WHERE user_id = ${id}), (SELECT count(*) FROM votes v JOIN posts p ON p.id = v.post_id WHERE p.author_id = ${id}), (SELECT count(*) FROM posts WHERE author_id = ${id})`));
      // The daily sweep (here through the admin's unlock, which recomputes) stores it.
      const r = await u.admin.putJSON('/api/v1/admin/users/vet/trust', { level: 0, locked: false });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.user.trust_level, 2);
      assert.equal(sql(srv, `SELECT trust_level FROM users WHERE id = ${id}`), '2');
    });

    test('administrators set and lock a level; others cannot', async () => {
      let r = await u.other.putJSON('/api/v1/admin/users/nova/trust', { level: 4 });
      assert.equal(r.status, 403, r.text);
      r = await u.admin.putJSON('/api/v1/admin/users/nova/trust', { level: 9 });
      assert.equal(r.status, 400, r.text);
      r = await u.admin.putJSON('/api/v1/admin/users/nova/trust', { level: 3, locked: true });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.user.trust_level, 3);
      assert.equal(r.json.user.trust_locked, true);
      const m = await me(u.nova);
      assert.equal(m.trust_level, 3);
      assert.equal(m.trust_locked, true);
      // A locked level 3 is no newcomer: the hourly limit no longer applies.
      for (let i = 0; i < 3; i++) {
        r = await u.nova.postJSON(`/api/v1/communities/${slug}/threads`, { kind: 'discussion', title: `Locked thread ${i}`, body: 'Words.' });
        assert.equal(r.status, 201, r.text);
      }
    });

    test('editing others\' posts needs level 3; the profile shows the level to its owner', async () => {
      const pid = Number(sql(srv, `SELECT id FROM posts WHERE author_id = ${uid('vet')} ORDER BY id LIMIT 1`));
      let r = await u.other.patchJSON(`/api/v1/posts/${pid}`, { body: 'Edited by other, too early' });
      assert.equal(r.status, 403, r.text);
      assert.match(r.text, /trust level 3/);
      // nova is locked at 3 now (previous test).
      r = await u.nova.patchJSON(`/api/v1/posts/${pid}`, { body: 'Edited by a regular member' });
      assert.equal(r.status, 200, r.text);
      r = await u.nova.get('/u/nova');
      assert.equal(r.status, 200);
      assert.match(r.text, /Trust level<\/dt><dd>3 \(regular\), set by an administrator/);
      r = await u.other.get('/u/nova');
      assert.doesNotMatch(r.text, /Trust level/);
    });

    test('praxis trust recompute stores the levels the records earn', async () => {
      const id = uid('other');
      sql(srv, `UPDATE users SET created_at = created_at - ${40 * 86400}, trust_level = 0 WHERE id = ${id}`);
      const t = await u.other.postJSON(`/api/v1/communities/${slug}/threads`, { kind: 'discussion', title: 'Other thread here', body: 'Words.' });
      assert.equal(t.status, 201, t.text);
      sql(srv, `UPDATE posts SET created_at = created_at WHERE author_id = ${id}`);
      sql(srv, `UPDATE users SET trust_level = 4 WHERE id = ${id}`); // stale: its record earns less
      const r = await srv.cli(['trust', 'recompute']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /changed \d+ trust level/);
      assert.ok(Number(sql(srv, `SELECT trust_level FROM users WHERE id = ${id}`)) < 4);
    });

    test('the admin users page shows and sets levels', async () => {
      let r = await u.admin.get('/admin/users');
      assert.equal(r.status, 200);
      assert.match(r.text, /Trust level/);
      assert.match(r.text, /aria-label="Trust level of nova"/);
      r = await u.admin.post('/admin/users/other', { action: 'trust', level: '2' });
      assert.equal(r.status, 303, r.text);
      assert.equal(sql(srv, `SELECT trust_level || '/' || trust_locked FROM users WHERE name = 'other'`), '2/1');
      r = await u.admin.post('/admin/users/other', { action: 'trust', level: '7' });
      assert.equal(r.status, 422);
      r = await u.admin.post('/admin/users/other', { action: 'trust', level: 'auto' });
      assert.equal(r.status, 303, r.text);
      assert.equal(sql(srv, `SELECT trust_locked FROM users WHERE name = 'other'`), '0');
    });

    test('suspension demotes to level 0', async () => {
      const id = uid('vet');
      const pid = Number(sql(srv, `SELECT id FROM posts WHERE author_id = ${id} ORDER BY id LIMIT 1`));
      const r = await u.admin.postJSON(`/api/v1/review/posts/${pid}`, { action: 'suspend', days: 2, reason: 'Cool off.' });
      assert.equal(r.status, 200, r.text);
      assert.equal(sql(srv, `SELECT trust_level FROM users WHERE id = ${id}`), '0');
      const a = await u.admin.get('/api/v1/users/vet');
      assert.equal(a.json.user.trust_level, 0);
      // A locked level yields to a suspension too, and comes back when it ends.
      const nid = uid('nova');
      sql(srv, `UPDATE users SET suspended_until = ${Math.floor(Date.now() / 1000) + 86400} WHERE id = ${nid}`);
      assert.equal((await u.admin.get('/api/v1/users/nova')).json.user.trust_level, 0);
      sql(srv, `UPDATE users SET suspended_until = NULL WHERE id = ${nid}`);
      assert.equal((await u.admin.get('/api/v1/users/nova')).json.user.trust_level, 3);
    });
  });
}

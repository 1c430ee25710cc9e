// The rest of issue 16's trust and moderation, on every backend: reading recorded per member
// per day (thread pages opened, posts shown, minutes reading) and counted by the trust
// thresholds; suspension by an administrator demoting the trust level and lifting it restoring
// the level; flaggers told the outcome of their flags (notification kind flag_outcome, the
// "Your flags" page and the API); the author seeing why their post was hidden; level-based
// privileges (editing others' posts, retagging, close and reopen votes) with refusals that say
// which level unlocks them; the moderation and trust settings form on /admin/moderation.
// Time is moved by editing rows with sql().
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`trust privileges (${backend})`, () => {
    let srv;
    const u = {};
    const slug = `tp-${randomName().slice(0, 6)}`;
    const names = ['reader', 'vet', 'flagger', 'flagger2', 'author', 'v1', 'v2', 'v3', 'low', 'moder'];
    const uid = (name) => Number(sql(srv, `SELECT id FROM users WHERE name = '${name}'`));
    const today = () => Math.floor(Date.now() / 1000 / 86400);
    const reading = (name) =>
      sql(srv, `SELECT topics || '/' || posts_read || '/' || minutes FROM user_days WHERE user_id = ${uid(name)} AND day = ${today()}`);

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
    async function thread(c, title, body = 'Some words.', kind = 'discussion', tags) {
      const r = await c.postJSON(`/api/v1/communities/${slug}/threads`, { kind, title, body, ...(tags ? { tags } : {}) });
      assert.equal(r.status, 201, r.text);
      return r.json.thread ?? r.json;
    }
    const firstPost = (tid) => Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${tid} ORDER BY position LIMIT 1`));
    async function lock(name, level) {
      const r = await u.admin.putJSON(`/api/v1/admin/users/${name}/trust`, { level, locked: true });
      assert.equal(r.status, 200, r.text);
    }

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of names) await srv.addUser(n, { password: PW });
      sql(srv, `UPDATE users SET created_at = created_at - ${40 * 86400}`);
      // Reading is written at once here (the default batches it for a minute).
      sql(srv, "INSERT INTO settings (key, value) VALUES ('reading_flush_seconds', '0')");
      u.admin = await login('admin1');
      for (const n of names) u[n] = await login(n);
      const r = await u.admin.postJSON('/api/v1/communities', { name: `Privileges ${slug}`, slug, visibility: 'public' });
      assert.equal(r.status, 201, r.text);
      for (const n of names) assert.equal((await u[n].postJSON(`/api/v1/communities/${slug}/join`, {})).status, 200);
      assert.equal((await u.admin.putJSON(`/api/v1/communities/${slug}/members/moder`, { role: 'moderator' })).status, 200);
    });
    after(async () => {
      await srv?.stop();
    });

    test('reading is recorded per member per day, capped, and never for visitors', async () => {
      const t = await thread(u.vet, 'A thread to read');
      for (let i = 0; i < 3; i++) {
        const r = await u.vet.postJSON(`/api/v1/threads/${t.id}/posts`, { body: `Reply ${i}` });
        assert.equal(r.status, 201, r.text);
      }
      const before = Number(sql(srv, 'SELECT count(*) FROM user_days'));
      assert.equal((await srv.client().get(`/c/${slug}/t/${t.id}`)).status, 200);
      assert.equal(Number(sql(srv, 'SELECT count(*) FROM user_days')), before, 'visitors leave nothing');
      assert.equal(reading('reader'), '0/0/0'); // signing in counted the day, nothing read yet
      assert.equal((await u.reader.get(`/c/${slug}/t/${t.id}`)).status, 200);
      assert.equal(reading('reader'), '1/4/0');
      assert.equal((await u.reader.get(`/c/${slug}/t/${t.id}`)).status, 200);
      assert.equal(reading('reader'), '2/8/0');
      // One row per member per day, never per page.
      assert.equal(sql(srv, `SELECT count(*) FROM user_days WHERE user_id = ${uid('reader')}`), '1');
      // Time reading: a page view 2 minutes after the last counts 2 minutes; an hour away
      // counts nothing.
      const sid = uid('reader');
      const now = Math.floor(Date.now() / 1000);
      sql(srv, `UPDATE sessions SET last_seen_at = ${now - 125} WHERE user_id = ${sid}`);
      await u.reader.get('/');
      assert.equal(reading('reader'), '2/8/2');
      sql(srv, `UPDATE sessions SET last_seen_at = ${now - 3600} WHERE user_id = ${sid}`);
      await u.reader.get('/');
      assert.equal(reading('reader'), '2/8/2');
      // The day's caps.
      sql(srv, `UPDATE user_days SET topics = 200, posts_read = 1999 WHERE user_id = ${sid} AND day = ${today()}`);
      await u.reader.get(`/c/${slug}/t/${t.id}`);
      assert.equal(reading('reader'), '200/2000/2');
    });

    test('the trust thresholds count reading', async () => {
      const id = uid('vet');
      // Everything level 2 needs but reading: 60 days visited, posts, votes.
      for (let d = 1; d <= 60; d++) sql(srv, `INSERT INTO user_days (user_id, day) VALUES (${id}, ${d})`);
      const t = await thread(u.vet, 'Vet writes a lot here');
      for (let i = 0; i < 10; i++) assert.equal((await u.vet.postJSON(`/api/v1/threads/${t.id}/posts`, { body: `more ${i}` })).status, 201);
      const pids = sql(srv, `SELECT id FROM posts WHERE author_id = ${id} ORDER BY id`).split('\n').map(Number);
      for (const v of ['admin1', 'reader', 'flagger']) for (const p of pids.slice(0, 5)) sql(srv, `INSERT INTO votes (post_id, user_id, value, created_at) VALUES (${p}, ${uid(v)}, 1, 0)`);
      const ot = await thread(u.author, 'Someone else writes too');
      for (let i = 0; i < 4; i++) assert.equal((await u.author.postJSON(`/api/v1/threads/${ot.id}/posts`, { body: `other ${i}` })).status, 201);
      const others = sql(srv, `SELECT id FROM posts WHERE author_id <> ${id} ORDER BY id`).split('\n').map(Number);
      for (const p of others.slice(0, 5)) sql(srv, `INSERT INTO votes (post_id, user_id, value, created_at) VALUES (${p}, ${id}, 1, 0)`);
      assert.equal((await me(u.vet)).trust_level, 1, 'no reading yet: level 1');
      // Discourse's member: 20 topics entered, 100 posts read, 60 minutes.
      sql(srv, `UPDATE user_days SET topics = 1, posts_read = 2, minutes = 1 WHERE user_id = ${id} AND day <= 19`);
      assert.equal((await me(u.vet)).trust_level, 1, '19 topics are not enough');
      sql(srv, `UPDATE user_days SET topics = 1, posts_read = 2, minutes = 1 WHERE user_id = ${id}`);
      assert.equal((await me(u.vet)).trust_level, 2);
      // The thresholds are settings: asking for more reading takes level 2 away again.
      let r = await u.admin.patchJSON('/api/v1/admin/settings', { trust2_posts_read: '500' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.settings.trust2_posts_read, '500');
      assert.equal((await me(u.vet)).trust_level, 1);
      r = await u.admin.patchJSON('/api/v1/admin/settings', { trust2_posts_read: '100', trust2_minutes: 'lots' });
      assert.equal(r.status, 400, r.text);
      r = await u.admin.patchJSON('/api/v1/admin/settings', { trust2_posts_read: '100' });
      assert.equal(r.status, 200, r.text);
      assert.equal((await me(u.vet)).trust_level, 2);
    });

    test('an administrator\'s suspension demotes to level 0; reinstating restores the level', async () => {
      assert.equal((await me(u.vet)).trust_level, 2);
      // Store the level first (the admin's unlock recomputes).
      assert.equal((await u.admin.putJSON('/api/v1/admin/users/vet/trust', { level: 0, locked: false })).status, 200);
      assert.equal(sql(srv, `SELECT trust_level FROM users WHERE name = 'vet'`), '2');
      let r = await u.admin.post('/admin/users/vet', { action: 'suspend' });
      assert.equal(r.status, 303, r.text);
      assert.equal(sql(srv, `SELECT trust_level FROM users WHERE name = 'vet'`), '0');
      assert.equal((await u.admin.get('/api/v1/users/vet')).json.user.trust_level, 0);
      // The daily recompute does not give it back while suspended.
      assert.equal((await srv.cli(['trust', 'recompute'])).code, 0);
      assert.equal(sql(srv, `SELECT trust_level FROM users WHERE name = 'vet'`), '0');
      r = await u.admin.post('/admin/users/vet', { action: 'unsuspend' });
      assert.equal(r.status, 303, r.text);
      assert.equal(sql(srv, `SELECT trust_level FROM users WHERE name = 'vet'`), '2');
      // Through the API, with a locked level: kept, and back when reinstated.
      await lock('reader', 3);
      r = await u.admin.patchJSON('/api/v1/admin/users/reader', { status: 'suspended' });
      assert.equal(r.status, 200, r.text);
      assert.equal((await u.admin.get('/api/v1/users/reader')).json.user.trust_level, 0);
      r = await u.admin.patchJSON('/api/v1/admin/users/reader', { status: 'active' });
      assert.equal(r.status, 200, r.text);
      assert.equal((await u.admin.get('/api/v1/users/reader')).json.user.trust_level, 3);
      u.vet = await login('vet');
      u.reader = await login('reader');
    });

    test('a suspension from the review queue demotes; lifting it restores the level at once', async () => {
      const t = await thread(u.vet, 'Vet posts something flaggable');
      const pid = firstPost(t.id);
      let r = await u.moder.postJSON(`/api/v1/review/posts/${pid}`, { action: 'suspend', days: 3, reason: 'Cool off.' });
      assert.equal(r.status, 200, r.text);
      assert.equal(sql(srv, `SELECT trust_level FROM users WHERE name = 'vet'`), '0');
      r = await u.moder.postJSON(`/api/v1/review/posts/${pid}`, { action: 'lift' });
      assert.equal(r.status, 200, r.text);
      assert.equal(sql(srv, `SELECT trust_level FROM users WHERE name = 'vet'`), '2');
      u.vet = await login('vet');
    });

    test('flaggers are told the outcome, see it on their flags page and in the API', async () => {
      const mk = async (title) => {
        const t = await thread(u.author, title, `Text of ${title}.`);
        const pid = firstPost(t.id);
        for (const f of ['flagger', 'flagger2']) {
          const r = await u[f].postJSON(`/api/v1/posts/${pid}/flags`, { reason: 'rude' });
          assert.equal(r.status, 201, r.text);
        }
        return pid;
      };
      const a = await mk('Flag outcome agreed here');
      const d = await mk('Flag outcome declined here');
      const e = await mk('Flag outcome deferred here');
      const outcomes = async (c) => (await c.get('/api/v1/notifications')).json.notifications.filter((n) => n.kind === 'flag_outcome');
      assert.equal((await outcomes(u.flagger)).length, 0);
      assert.equal((await u.moder.postJSON(`/api/v1/review/posts/${a}`, { action: 'agree', outcome: 'hide', reason: 'Be kind to each other.' })).status, 200);
      assert.equal((await u.moder.postJSON(`/api/v1/review/posts/${d}`, { action: 'disagree' })).status, 200);
      assert.equal((await u.moder.postJSON(`/api/v1/review/posts/${e}`, { action: 'defer' })).status, 200);
      for (const f of ['flagger', 'flagger2']) {
        const got = await outcomes(u[f]);
        assert.equal(got.length, 3, JSON.stringify(got));
        const texts = got.map((n) => n.text).join('\n');
        assert.match(texts, /Your flag on a post in “Flag outcome agreed here” \(rude\) was agreed with: the post was hidden/);
        assert.match(texts, /“Flag outcome declined here” \(rude\) was declined/);
        assert.match(texts, /“Flag outcome deferred here” \(rude\) was set aside/);
        for (const n of got) assert.equal(n.link, '/settings/flags');
      }
      assert.equal((await outcomes(u.author)).length, 0, 'the author gets moderation notes, not these');
      // A deferred flag decided later tells its flagger again.
      assert.equal((await u.moder.postJSON(`/api/v1/review/posts/${e}`, { action: 'disagree' })).status, 200);
      assert.equal((await outcomes(u.flagger)).length, 4);
      // The page and the API.
      let r = await u.flagger.get('/settings/flags');
      assert.equal(r.status, 200);
      assert.match(r.text, /Flag outcome agreed here/);
      assert.match(r.text, /[Aa]greed/);
      r = await u.flagger.get('/api/v1/me/flags');
      assert.equal(r.status, 200, r.text);
      const st = Object.fromEntries(r.json.flags.map((f) => [f.post_id ?? f.item_id, f.status]));
      assert.equal(st[a], 'agreed');
      assert.equal(st[d], 'disagreed');
      // The preference exists: it can go by email.
      r = await u.flagger.get('/api/v1/notifications/preferences');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.kinds.flag_outcome, 'app');
      // The author sees why the post was hidden, on the post.
      const tid = Number(sql(srv, `SELECT thread_id FROM posts WHERE id = ${a}`));
      r = await u.author.get(`/c/${slug}/t/${tid}`);
      assert.match(r.text, /Hidden by a moderator: Be kind to each other\./);
      r = await u.reader.get(`/c/${slug}/t/${tid}`);
      assert.doesNotMatch(r.text, /Text of Flag outcome agreed here/);
    });
  });
}

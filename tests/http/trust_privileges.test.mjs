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
      const r = await u.admin.postJSON('/api/v1/communities', { name: `Privileges ${slug}`, slug, visibility: 'public', tags: ['brewing', 'yeast', 'hops', 'x'] });
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

    test('the Edit button and editing others\' posts follow trust_edit_level', async () => {
      const t = await thread(u.author, 'Editable by regulars only');
      const pid = firstPost(t.id);
      await lock('low', 2);
      let r = await u.low.get(`/c/${slug}/t/${t.id}`);
      assert.doesNotMatch(r.text, new RegExp(`href="/p/${pid}/edit">Edit<`));
      r = await u.low.get(`/p/${pid}/edit`); // level 2 may only retag
      assert.match(r.text, /<h1>Edit the tags<\/h1>/);
      r = await u.low.patchJSON(`/api/v1/posts/${pid}`, { body: 'Changed by a member' });
      assert.equal(r.status, 403);
      assert.match(r.json.error.message, /unlocks at trust level 3/);
      await lock('v1', 3);
      r = await u.v1.get(`/c/${slug}/t/${t.id}`);
      assert.match(r.text, new RegExp(`href="/p/${pid}/edit">Edit<`));
      r = await u.v1.get(`/p/${pid}/edit`);
      assert.equal(r.status, 200);
      r = await u.v1.post(`/p/${pid}/edit`, { title: 'Editable by regulars only', tags: '', body: 'Improved by a regular.', summary: 'clearer' });
      assert.equal(r.status, 303, r.text);
      assert.equal(sql(srv, `SELECT body_md FROM posts WHERE id = ${pid}`), 'Improved by a regular.');
      // The setting moves the privilege.
      assert.equal((await u.admin.patchJSON('/api/v1/admin/settings', { trust_edit_level: '4' })).status, 200);
      r = await u.v1.get(`/c/${slug}/t/${t.id}`);
      assert.doesNotMatch(r.text, new RegExp(`href="/p/${pid}/edit">Edit<`));
      r = await u.v1.patchJSON(`/api/v1/posts/${pid}`, { body: 'Again' });
      assert.equal(r.status, 403);
      assert.match(r.json.error.message, /trust level 4/);
      assert.equal((await u.admin.patchJSON('/api/v1/admin/settings', { trust_edit_level: '9' })).status, 400);
      assert.equal((await u.admin.patchJSON('/api/v1/admin/settings', { trust_edit_level: '3' })).status, 200);
    });

    test('members at trust_retag_level retag others\' threads, and only the tags', async () => {
      const t = await thread(u.author, 'A thread that needs better tags');
      const pid = firstPost(t.id);
      await lock('flagger2', 1);
      let r = await u.flagger2.patchJSON(`/api/v1/posts/${pid}`, { tags: ['brewing'] });
      assert.equal(r.status, 403, r.text);
      assert.match(r.json.error.message, /retagging others' threads unlocks at trust level 2/);
      r = await u.flagger2.get(`/c/${slug}/t/${t.id}`);
      assert.doesNotMatch(r.text, /Edit tags/);
      // low is level 2 (previous test): the tags, yes; the text, no.
      r = await u.low.get(`/c/${slug}/t/${t.id}`);
      assert.match(r.text, new RegExp(`href="/p/${pid}/edit">Edit tags<`));
      r = await u.low.get(`/api/v1/posts/${pid}`);
      assert.equal(r.json.can.retag, true);
      assert.equal(r.json.can.edit, false);
      assert.equal((await u.flagger2.get(`/api/v1/posts/${pid}`)).json.can.retag, false);
      r = await u.low.patchJSON(`/api/v1/posts/${pid}`, { tags: ['brewing', 'yeast'] });
      assert.equal(r.status, 200, r.text);
      assert.equal(sql(srv, `SELECT tags FROM threads WHERE id = ${t.id}`).replace(/,/g, ' ').trim().split(/\s+/).sort().join(' '), 'brewing yeast');
      r = await u.low.patchJSON(`/api/v1/posts/${pid}`, { tags: ['x'], body: 'Sneaky change' });
      assert.equal(r.status, 403, r.text);
      r = await u.flagger2.get(`/p/${pid}/edit`);
      assert.equal(r.status, 403, r.text);
      r = await u.low.patchJSON(`/api/v1/posts/${pid}`, { title: 'A retitled thread by a member' });
      assert.equal(r.status, 403, r.text);
      // The form: tags only.
      r = await u.low.get(`/p/${pid}/edit`);
      assert.equal(r.status, 200);
      assert.match(r.text, /<h1>Edit the tags<\/h1>/);
      assert.doesNotMatch(r.text, /name="body"/);
      r = await u.low.post(`/p/${pid}/edit`, { tags: 'bad_tag!!' });
      assert.equal(r.status, 422);
      r = await u.low.post(`/p/${pid}/edit`, { tags: 'hops', summary: 'better tag' });
      assert.equal(r.status, 303, r.text);
      assert.match(sql(srv, `SELECT tags FROM threads WHERE id = ${t.id}`), /hops/);
      assert.equal(sql(srv, `SELECT body_md FROM posts WHERE id = ${pid}`), 'Some words.');
      // A reply is not the opening post: nothing to retag.
      const rep = await u.author.postJSON(`/api/v1/threads/${t.id}/posts`, { body: 'A reply' });
      r = await u.low.patchJSON(`/api/v1/posts/${rep.json.id}`, { tags: ['x'] });
      assert.equal(r.status, 403);
    });

    test('close votes: the level, the reasons, N votes close, reopen votes the same way', async () => {
      const orig = await thread(u.author, 'The original question here', 'Asked first.', 'question');
      const t = await thread(u.author, 'The same question asked again', 'Asked again.', 'question');
      const votes = (id) => u.reader.get(`/api/v1/threads/${id}/close-votes`);
      // low is level 2: refused, saying what unlocks it.
      let r = await u.low.postJSON(`/api/v1/threads/${t.id}/close-votes`, { reason: 'off_topic' });
      assert.equal(r.status, 403, r.text);
      assert.match(r.json.error.message, /unlocks at trust level 3/);
      for (const n of ['v2', 'v3']) await lock(n, 3);
      // Bad input.
      r = await u.v1.postJSON(`/api/v1/threads/${t.id}/close-votes`, { reason: 'boring' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'reason');
      r = await u.v1.postJSON(`/api/v1/threads/${t.id}/close-votes`, { reason: 'duplicate' });
      assert.equal(r.json.error.field, 'original');
      r = await u.v1.postJSON(`/api/v1/threads/${t.id}/close-votes`, { reason: 'duplicate', original: t.id });
      assert.equal(r.json.error.field, 'original');
      r = await u.v1.postJSON(`/api/v1/threads/${t.id}/close-votes`, { reason: 'duplicate', original: 999999 });
      assert.equal(r.json.error.field, 'original');
      r = await srv.client().postJSON(`/api/v1/threads/${t.id}/close-votes`, { reason: 'off_topic' });
      assert.equal(r.status, 401);
      // Two votes: still open, visible to everyone.
      r = await u.v1.postJSON(`/api/v1/threads/${t.id}/close-votes`, { reason: 'duplicate', original: orig.id });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.decided, false);
      r = await u.v1.postJSON(`/api/v1/threads/${t.id}/close-votes`, { reason: 'off_topic' });
      assert.equal(r.status, 409, 'one vote per member');
      r = await u.v2.postJSON(`/api/v1/threads/${t.id}/close-votes`, { reason: 'duplicate', original: orig.id });
      assert.equal(r.status, 200, r.text);
      r = await votes(t.id);
      assert.equal(r.json.kind, 'close');
      assert.equal(r.json.needed, 3);
      assert.deepEqual(r.json.votes.map((v) => [v.user, v.reason, v.original_thread_id]), [['v1', 'duplicate', orig.id], ['v2', 'duplicate', orig.id]]);
      r = await srv.client().get(`/c/${slug}/t/${t.id}`);
      assert.match(r.text, /2 of 3 votes to close:/);
      assert.match(r.text, new RegExp(`duplicate of <a href="/c/${slug}/t/${orig.id}">The original question here</a>`));
      r = await u.low.get(`/c/${slug}/t/${t.id}`);
      assert.match(r.text, /Voting to close threads unlocks at trust level 3/);
      // Retract and vote again.
      r = await u.v2.del(`/api/v1/threads/${t.id}/close-votes`);
      assert.equal(r.status, 200, r.text);
      assert.equal((await votes(t.id)).json.votes.length, 1);
      r = await u.v2.del(`/api/v1/threads/${t.id}/close-votes`);
      assert.equal(r.status, 404);
      assert.equal((await u.v2.postJSON(`/api/v1/threads/${t.id}/close-votes`, { reason: 'duplicate', original: orig.id })).status, 200);
      // The third vote closes it, through the web form.
      r = await u.v3.get(`/c/${slug}/t/${t.id}`);
      assert.match(r.text, /Vote to close<\/summary>/);
      r = await u.v3.post(`/c/${slug}/t/${t.id}/close-vote`, { reason: 'off_topic', original: '' });
      assert.equal(r.status, 303, r.text);
      assert.notEqual(sql(srv, `SELECT COALESCE(closed_at, 0) FROM threads WHERE id = ${t.id}`), '0');
      assert.equal(sql(srv, `SELECT close_reason FROM threads WHERE id = ${t.id}`),
        `Closed by members' vote as a duplicate of “The original question here” (thread ${orig.id}).`);
      r = await u.reader.get(`/c/${slug}/t/${t.id}`);
      assert.match(r.text, /Closed by the votes of/);
      const told = (await u.author.get('/api/v1/notifications')).json.notifications;
      assert.ok(told.some((n) => n.kind === 'moderation' && /was closed: Closed by members' vote/.test(n.text)), JSON.stringify(told));
      const audit = (await u.moder.get(`/api/v1/communities/${slug}/audit?limit=50`)).json.entries;
      assert.ok(audit.some((e) => e.action === 'close'), 'audited');
      // Replies are closed to members now.
      r = await u.reader.postJSON(`/api/v1/threads/${t.id}/posts`, { body: 'Too late' });
      assert.equal(r.status, 403);
      // Reopen votes: the same way.
      r = await votes(t.id);
      assert.equal(r.json.kind, 'reopen');
      assert.equal(r.json.closed_by.length, 3);
      for (const n of ['v1', 'v2']) assert.equal((await u[n].postJSON(`/api/v1/threads/${t.id}/close-votes`, {})).status, 200);
      assert.notEqual(sql(srv, `SELECT COALESCE(closed_at, 0) FROM threads WHERE id = ${t.id}`), '0');
      r = await u.v3.post(`/c/${slug}/t/${t.id}/close-vote`, {});
      assert.equal(r.status, 303, r.text);
      assert.equal(sql(srv, `SELECT COALESCE(closed_at, 0) FROM threads WHERE id = ${t.id}`), '0');
      assert.equal(sql(srv, `SELECT count(*) FROM close_votes WHERE thread_id = ${t.id}`), '0', 'a new round starts empty');
      // Moderators close and reopen at once, whatever their level.
      r = await u.moder.postJSON(`/api/v1/threads/${t.id}/close-votes`, { reason: 'needs_details' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.decided, true);
      assert.equal(sql(srv, `SELECT close_reason FROM threads WHERE id = ${t.id}`), 'Closed by a moderator: it needs more details.');
      r = await u.moder.postJSON(`/api/v1/threads/${t.id}/close-votes`, {});
      assert.equal(r.json.decided, true);
      assert.equal(sql(srv, `SELECT COALESCE(closed_at, 0) FROM threads WHERE id = ${t.id}`), '0');
      // A moderator closing from the panel ends a round of votes: they did not decide it.
      assert.equal((await u.v1.postJSON(`/api/v1/threads/${t.id}/close-votes`, { reason: 'off_topic' })).status, 200);
      r = await u.moder.postJSON(`/api/v1/threads/${t.id}/moderation`, { action: 'close', reason: 'Answered elsewhere.' });
      assert.equal(r.status, 200, r.text);
      assert.equal(sql(srv, `SELECT count(*) FROM close_votes WHERE thread_id = ${t.id}`), '0');
      r = await u.reader.get(`/c/${slug}/t/${t.id}`);
      assert.doesNotMatch(r.text, /Closed by the votes of/);
    });

    test('close votes stay inside a private community', async () => {
      const ps = `${slug}-p`;
      let r = await u.admin.postJSON('/api/v1/communities', { name: `Private ${ps}`, slug: ps, visibility: 'private' });
      assert.equal(r.status, 201, r.text);
      r = await u.admin.postJSON(`/api/v1/communities/${ps}/threads`, { kind: 'discussion', title: 'A private matter here', body: 'Secret.' });
      const tid = (r.json.thread ?? r.json).id;
      r = await u.v1.get(`/api/v1/threads/${tid}/close-votes`);
      assert.equal(r.status, 404);
      r = await u.v1.postJSON(`/api/v1/threads/${tid}/close-votes`, { reason: 'off_topic' });
      assert.equal(r.status, 404);
      r = await srv.client().get(`/api/v1/threads/${tid}/close-votes`);
      assert.equal(r.status, 404);
      // A duplicate cannot point into it from elsewhere either.
      const t = await thread(u.author, 'Public thread pointing away');
      r = await u.v1.postJSON(`/api/v1/threads/${t.id}/close-votes`, { reason: 'duplicate', original: tid });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'original');
    });

    test('the moderation and trust settings form on /admin/moderation reports every error', async () => {
      let r = await u.reader.get('/admin/moderation');
      assert.equal(r.status, 403);
      r = await u.admin.get('/admin/moderation');
      assert.equal(r.status, 200);
      for (const g of ['Newcomers', 'Holds', 'Flags', 'Privileges', 'Level 2 (member)', 'Level 3 (regular)', 'Level 4 (leader)', 'Reading'])
        assert.match(r.text, new RegExp(`<legend>${g.replace(/[()]/g, '\\$&')}</legend>`));
      assert.match(r.text, /name="hold_max_links"[^>]*value="2"/);
      assert.match(r.text, /name="trust3_posts_read"[^>]*value="500"/);
      assert.match(r.text, /Default: 60\./);
      assert.match(r.text, /aria-current="page">Moderation</);
      // Two bad values: both reported, nothing saved.
      r = await u.admin.post('/admin/moderation', { hold_max_links: '5', trust_close_level: '7', flag_hide_weight: 'lots' });
      assert.equal(r.status, 422);
      assert.match(r.text, /Level that votes to close and reopen: give a trust level from 0 \(new\) to 4 \(leader\)/);
      assert.match(r.text, /Spam-flag weight that hides a post: give a whole number from 0 to 100000/);
      assert.match(r.text, /name="hold_max_links"[^>]*value="5"/, 'what was typed is shown again');
      assert.equal(sql(srv, "SELECT count(*) FROM settings WHERE key = 'hold_max_links'"), '0');
      // Good values are saved; unchanged ones are not stored.
      r = await u.admin.post('/admin/moderation', { hold_max_links: '5', trust_close_level: '3', flag_hide_weight: '300', close_votes_needed: '2' });
      assert.equal(r.status, 303, r.text);
      assert.equal(r.location, '/admin/moderation?saved=1');
      assert.equal(sql(srv, "SELECT value FROM settings WHERE key = 'hold_max_links'"), '5');
      assert.equal(sql(srv, "SELECT value FROM settings WHERE key = 'close_votes_needed'"), '2');
      assert.equal(sql(srv, "SELECT count(*) FROM settings WHERE key = 'flag_hide_weight'"), '0');
      r = await u.admin.get('/api/v1/admin/settings');
      assert.equal(r.json.settings.hold_max_links, '5');
      assert.equal(r.json.settings.close_votes_needed, '2');
      r = await u.admin.get('/admin/moderation?saved=1');
      assert.match(r.text, /The moderation settings were saved/);
      // Without the CSRF token: refused.
      r = await u.admin.post('/admin/moderation', { hold_max_links: '1' }, { csrf: false });
      assert.equal(r.status, 403);
    });
  });
}

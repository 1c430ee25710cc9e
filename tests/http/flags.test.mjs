// Flags, the review queue, holds and restrictions, on every backend: every flag reason and its
// validation, one flag per member per item, the member's own flags and their outcomes, the
// queue's contents and who may see it, every review action (agree with hide/delete/edit,
// disagree, defer, approve, reject, suspend, silence, lift) with its audit entry and the
// author's notification, auto-hide by spam weight, flagger accuracy changing the weight, the
// holds (links from a new account, the same text in several threads, posting too fast, first
// posts of a community that asks for it) that keep a post out of lists, search and
// notifications until it is approved, suspension and silence ending by themselves, flags on
// comments, and the private-community rules. Time is moved by editing rows with sql().
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function fanoutDone(srv) {
  for (let i = 0; i < 200; i++) {
    const left = sql(srv, "SELECT COUNT(*) FROM jobs WHERE kind = 'notify_fanout' AND state IN ('queued', 'running')");
    if (left === '0') return;
    await sleep(50);
  }
  throw new Error('the fan-out jobs did not finish');
}

for (const backend of backends()) {
  describe(`flags and review (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6);
    const pub = `fl-${tag}`;
    const priv = `fx-${tag}`;
    const veterans = ['alice', 'bob', 'f1', 'f2', 'f3', 'f4', 'moder', 'coord', 'outsider'];
    const uid = (name) => Number(sql(srv, `SELECT id FROM users WHERE name = '${name}'`));

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status} ${r.text}`);
      await c.get('/');
      return c;
    }
    async function thread(c, slug, title, body, status = 201) {
      const r = await c.postJSON(`/api/v1/communities/${slug}/threads`, { kind: 'discussion', title, body });
      assert.equal(r.status, status, r.text);
      return r.json;
    }
    async function reply(c, tid, body, status = 201) {
      const r = await c.postJSON(`/api/v1/threads/${tid}/posts`, { body });
      assert.equal(r.status, status, r.text);
      return r.json;
    }
    async function flag(c, pid, body, status = 201) {
      const r = await c.postJSON(`/api/v1/posts/${pid}/flags`, body);
      assert.equal(r.status, status, r.text);
      return r.json;
    }
    async function act(c, kind, id, body, status = 200) {
      const r = await c.postJSON(`/api/v1/review/${kind}/${id}`, body);
      assert.equal(r.status, status, r.text);
      return r.json;
    }
    async function queue(c, slug) {
      const r = await c.get(`/api/v1/communities/${slug}/review`);
      assert.equal(r.status, 200, r.text);
      return r.json;
    }
    async function notes(c) {
      await fanoutDone(srv);
      const r = await c.get('/api/v1/notifications');
      assert.equal(r.status, 200, r.text);
      return r.json.notifications;
    }
    async function audit(slug) {
      const r = await u.moder.get(`/api/v1/communities/${slug}/audit?limit=200`);
      assert.equal(r.status, 200, r.text);
      return r.json.entries.map((e) => e.action);
    }
    async function latest(c, slug) {
      const r = await c.get(`/api/v1/communities/${slug}/threads?list=latest&limit=100`);
      assert.equal(r.status, 200, r.text);
      return r.json.threads.map((t) => t.id);
    }
    // A fresh account that signed up just now: new under the default thresholds.
    async function newcomer(name, slugs = [pub]) {
      const c = srv.client();
      const r = await c.signup(name, PW);
      assert.equal(r.status, 303, r.text);
      await c.get('/');
      for (const s of slugs) assert.equal((await c.postJSON(`/api/v1/communities/${s}/join`, {})).status, 200);
      return c;
    }

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of veterans) await srv.addUser(n, { password: PW });
      // Veterans: accounts a month old; a published post count does not make anyone new here.
      sql(srv, `UPDATE users SET created_at = created_at - ${40 * 86400}`);
      sql(srv, "INSERT INTO settings (key, value) VALUES ('newcomer_posts', '0')");
      sql(srv, "INSERT INTO settings (key, value) VALUES ('hold_duplicate_threads', '2')");
      u.admin = await login('admin1');
      for (const n of veterans) u[n] = await login(n);
      await u.admin.post('/admin', { community_creation: 'members' });
      for (const [slug, visibility] of [[pub, 'public'], [priv, 'private']]) {
        const r = await u.coord.postJSON('/api/v1/communities', { name: `Flags ${slug}`, slug, visibility });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${priv}/invites`, { days: 7, max_uses: 0 });
      for (const n of ['alice', 'bob', 'f1', 'f2', 'f3', 'f4', 'moder']) {
        assert.equal((await u[n].postJSON(`/api/v1/communities/${pub}/join`, {})).status, 200);
      }
      for (const n of ['alice', 'f1', 'moder']) {
        const r = await u[n].postJSON(`/api/v1/communities/${priv}/join`, { invite: inv.json.token });
        assert.equal(r.status, 200, r.text);
      }
      for (const slug of [pub, priv]) {
        const r = await u.coord.putJSON(`/api/v1/communities/${slug}/members/moder`, { role: 'moderator' });
        assert.equal(r.status, 200, r.text);
      }
    });

    after(async () => { await srv?.stop(); });

    test('every reason is accepted once per member; bad input, own posts and visitors are refused', async () => {
      const t = await thread(u.alice, pub, 'A thread to flag in many ways', 'Plain words here.');
      const other = await thread(u.bob, pub, 'The original discussion thread', 'The first one.');
      const pid = t.posts ? t.posts[0].id : Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${t.id}`));
      let r = await u.f1.postJSON(`/api/v1/posts/${pid}/flags`, { reason: 'ugly' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'reason');
      r = await u.f1.postJSON(`/api/v1/posts/${pid}/flags`, { reason: 'other' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'note');
      r = await u.f1.postJSON(`/api/v1/posts/${pid}/flags`, { reason: 'duplicate' });
      assert.equal(r.json.error.field, 'original');
      r = await u.f1.postJSON(`/api/v1/posts/${pid}/flags`, { reason: 'duplicate', original: t.id });
      assert.equal(r.json.error.field, 'original', 'not a duplicate of itself');
      r = await u.f1.postJSON(`/api/v1/posts/${pid}/flags`, { reason: 'rude', note: 'x'.repeat(501) });
      assert.equal(r.json.error.field, 'note');
      r = await u.alice.postJSON(`/api/v1/posts/${pid}/flags`, { reason: 'rude' });
      assert.equal(r.status, 403, 'not your own post');
      r = await srv.client().postJSON(`/api/v1/posts/${pid}/flags`, { reason: 'rude' });
      assert.equal(r.status, 401);

      const made = [
        [u.f1, { reason: 'rude', note: 'Calls people names.' }],
        [u.f2, { reason: 'off_topic' }],
        [u.f3, { reason: 'needs_improvement' }],
        [u.f4, { reason: 'duplicate', original: other.id }],
        [u.bob, { reason: 'other', note: 'Something odd.' }],
      ];
      for (const [c, body] of made) {
        const f = await flag(c, pid, body);
        assert.equal(f.reason, body.reason);
        assert.equal(f.status, 'pending');
        assert.equal(f.weight, 1);
      }
      r = await u.f1.postJSON(`/api/v1/posts/${pid}/flags`, { reason: 'spam' });
      assert.equal(r.status, 409, 'one flag per member per post');
      // spam is the sixth reason: on another post
      const t2 = await thread(u.alice, pub, 'Another thread to flag as spam', 'Buy things.');
      const p2 = Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${t2.id}`));
      assert.equal((await flag(u.f1, p2, { reason: 'spam' })).reason, 'spam');

      r = await u.f1.get('/api/v1/me/flags');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.flags.map((f) => f.reason), ['spam', 'rude']);
      assert.equal(r.json.flags[1].thread_title, 'A thread to flag in many ways');
      const page = await u.f1.get('/settings/flags');
      assert.equal(page.status, 200);
      assert.match(page.text, /A thread to flag in many ways/);
      assert.match(page.text, /Waiting for review/);

      // the no-JS form
      const form = await u.f2.get(`/p/${p2}/flag`);
      assert.equal(form.status, 200);
      assert.match(form.text, /name="reason" id="reason-spam"/);
      const bad = await u.f2.post(`/p/${p2}/flag`, { reason: 'other' });
      assert.equal(bad.status, 422);
      const ok = await u.f2.post(`/p/${p2}/flag`, { reason: 'spam' });
      assert.equal(ok.status, 303);
      assert.equal(ok.location, '/settings/flags?flagged=1');
      const noCsrf = await u.f3.post(`/p/${p2}/flag`, { reason: 'spam' }, { csrf: false });
      assert.equal(noCsrf.status, 403);
      // and the thread page offers it to others, not to the author
      const tp = await u.f3.get(`/c/${pub}/t/${t2.id}`);
      assert.match(tp.text, new RegExp(`href="/p/${p2}/flag"`));
      const own = await u.alice.get(`/c/${pub}/t/${t2.id}`);
      assert.doesNotMatch(own.text, new RegExp(`href="/p/${p2}/flag"`));
    });

    test('the queue lists flagged items with their flags and the author; only staff see it', async () => {
      let r = await u.f1.get(`/api/v1/communities/${pub}/review`);
      assert.equal(r.status, 403);
      r = await u.f1.get(`/c/${pub}/review`);
      assert.equal(r.status, 403);
      r = await u.outsider.get(`/api/v1/communities/${priv}/review`);
      assert.equal(r.status, 404);
      const q = await queue(u.moder, pub);
      const item = q.items.find((x) => x.thread_title === 'A thread to flag in many ways');
      assert.ok(item, JSON.stringify(q));
      assert.equal(item.queue, 'flagged');
      assert.equal(item.flags.length, 5);
      assert.deepEqual(item.flags.map((f) => f.flagger.name), ['f1', 'f2', 'f3', 'f4', 'bob']);
      assert.equal(item.flags[0].note, 'Calls people names.');
      assert.equal(item.author.name, 'alice');
      assert.ok(item.author.recent_posts.length >= 2);
      assert.equal(item.author.new_account, false);
      const page = await u.moder.get(`/c/${pub}/review`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Calls people names\./);
      assert.match(page.text, /Flagged post/);
      assert.equal((await u.coord.get(`/c/${pub}/review`)).status, 200, 'coordinators too');
      assert.match((await u.moder.get(`/c/${pub}`)).text, new RegExp(`href="/c/${pub}/review"`), 'a Review tab for staff');
      assert.doesNotMatch((await u.f1.get(`/c/${pub}`)).text, /\/review"/, 'not for members');
      assert.equal((await u.admin.get(`/api/v1/communities/${pub}/review`)).status, 200, 'administrators too');
    });

    test('agree hides, deletes or edits; disagree and defer; each audited, the author told', async () => {
      const mk = async (title) => {
        const t = await thread(u.alice, pub, title, `Text of ${title}.`);
        const pid = Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${t.id}`));
        await flag(u.f1, pid, { reason: 'rude' });
        return { t, pid };
      };
      const a = await mk('Agree and hide this thread');
      const b = await mk('Agree and delete this thread');
      const c = await mk('Agree and edit this thread');
      const d = await mk('Disagree with this flag please');
      const e = await mk('Defer this flagged thread now');

      let r = await u.f2.postJSON(`/api/v1/review/posts/${a.pid}`, { action: 'agree' });
      assert.equal(r.status, 403, 'members cannot act');
      r = await u.moder.postJSON(`/api/v1/review/posts/${a.pid}`, { action: 'dance' });
      assert.equal(r.status, 400);
      await act(u.moder, 'posts', a.pid, { action: 'agree', outcome: 'hide', reason: 'Be kind.' });
      let p = (await u.f2.get(`/api/v1/posts/${a.pid}`)).json;
      assert.equal(p.hidden, true);
      assert.equal(p.hide_reason, 'Be kind.');
      assert.equal(p.body_html, null);
      const seen = await u.alice.get(`/c/${pub}/t/${a.t.id}`);
      assert.match(seen.text, /Hidden by a moderator: Be kind\./, 'the author sees why');

      await act(u.moder, 'posts', b.pid, { action: 'agree', outcome: 'delete' });
      assert.equal((await u.f2.get(`/api/v1/threads/${b.t.id}`)).status, 404);

      r = await u.moder.postJSON(`/api/v1/review/posts/${c.pid}`, { action: 'agree', outcome: 'edit' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'body');
      await act(u.moder, 'posts', c.pid, { action: 'agree', outcome: 'edit', body: 'Kinder words now.' });
      p = (await u.f2.get(`/api/v1/posts/${c.pid}`)).json;
      assert.match(p.body_html, /Kinder words now/);

      await act(u.moder, 'posts', d.pid, { action: 'disagree' });
      await act(u.moder, 'posts', e.pid, { action: 'defer' });
      r = await u.moder.postJSON(`/api/v1/review/posts/${d.pid}`, { action: 'agree' });
      assert.equal(r.status, 409, 'no open flags left');

      const mine = (await u.f1.get('/api/v1/me/flags')).json.flags;
      const st = (pid) => mine.find((f) => f.post_id === pid);
      assert.equal(st(a.pid).status, 'agreed');
      assert.equal(st(a.pid).outcome, 'hide');
      assert.equal(st(b.pid).outcome, 'delete');
      assert.equal(st(c.pid).outcome, 'edit');
      assert.equal(st(d.pid).status, 'disagreed');
      assert.equal(st(e.pid).status, 'deferred');
      const q = await queue(u.moder, pub);
      for (const x of [a, b, c, d, e]) assert.ok(!q.items.some((i) => i.post_id === x.pid), 'resolved items leave the queue');

      const acts = await audit(pub);
      for (const name of ['flag', 'flag_agree', 'flag_disagree', 'flag_defer']) assert.ok(acts.includes(name), name);
      const texts = (await notes(u.alice)).filter((n) => n.kind === 'moderation').map((n) => n.text);
      assert.ok(texts.some((t) => /hidden after review: Be kind\./.test(t)), texts.join('\n'));
      assert.ok(texts.some((t) => /edited your post/.test(t)), texts.join('\n'));
    });

    test('enough spam weight hides a post at once; disagreeing restores it; accuracy changes weight', async () => {
      const t = await thread(u.bob, pub, 'Another spammy discussion here', 'Cheap pens here.');
      const pid = Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${t.id}`));
      let f = await flag(u.f2, pid, { reason: 'spam' });
      assert.equal(f.hidden, false);
      f = await flag(u.f3, pid, { reason: 'spam' });
      f = await flag(u.f4, pid, { reason: 'spam' });
      assert.equal(f.hidden, true);
      let p = (await u.f1.get(`/api/v1/posts/${pid}`)).json;
      assert.equal(p.hidden, true);
      assert.match(p.hide_reason, /pending review: members flagged it as spam/);
      assert.equal(p.body_html, null);
      const told = (await notes(u.bob)).filter((n) => n.kind === 'moderation');
      const hid = told.find((x) => /hidden pending review/.test(x.text));
      assert.ok(hid, told.map((x) => x.text).join('\n'));
      assert.equal(hid.actor, null, 'the author is not told who flagged');
      assert.ok((await audit(pub)).includes('auto_hide'));
      await act(u.moder, 'posts', pid, { action: 'disagree' });
      p = (await u.f1.get(`/api/v1/posts/${pid}`)).json;
      assert.equal(p.hidden, false, 'a wrong auto-hide is undone');

      // f2, f3, f4 now each have one disagreed flag: their weight drops; f1 had one agreed
      // (hide), one agreed (delete), one agreed (edit), one disagreed, one deferred.
      const t3 = await thread(u.bob, pub, 'A third discussion for weights', 'Fine text.');
      const p3 = Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${t3.id}`));
      f = await flag(u.f2, p3, { reason: 'spam' });
      assert.ok(f.weight < 1, `an inaccurate flagger weighs less: ${f.weight}`);
      f = await flag(u.f1, p3, { reason: 'spam' });
      assert.ok(f.weight > 1, `an accurate flagger weighs more: ${f.weight}`);
      f = await flag(u.moder, p3, { reason: 'spam' });
      assert.equal(f.weight, 3, 'staff flags hide at once');
      assert.equal(f.hidden, true);
    });

    test('a new account posting many links is held: not listed, searched or told until approved', async () => {
      const t = await thread(u.alice, pub, 'Alice asks about brewing links', 'Where can I read more?');
      const newbie = await newcomer(`nb${tag}`);
      const body = 'See https://a.example/1 and https://b.example/2 and https://c.example/3 zymurgical';
      const held = await thread(newbie, pub, 'Newbie thread with three links', body);
      assert.equal(held.held, true);
      assert.ok(!(await latest(u.f1, pub)).includes(held.id), 'not in lists');
      assert.equal((await u.f1.get(`/api/v1/threads/${held.id}`)).status, 404, 'not for others');
      const mine = await newbie.get(`/c/${pub}/t/${held.id}`);
      assert.equal(mine.status, 200, 'the author sees it');
      assert.match(mine.text, /Held for review: new accounts may post at most 2 links/);
      assert.match(mine.text, /badge-warn">Held for review</);
      let s = await u.f1.get('/api/v1/search?q=zymurgical');
      assert.equal(s.json.results.length, 0, 'not in search');

      // a held reply tells nobody until approved
      const r = await reply(newbie, t.id, 'Links: https://x.example https://y.example https://z.example');
      assert.equal(r.held, true);
      const th = (await u.f1.get(`/api/v1/threads/${t.id}`)).json;
      assert.ok(!th.posts.some((p) => p.id === r.id), 'others do not see a held reply');
      assert.equal(th.reply_count, 0);
      assert.ok(!(await notes(u.alice)).some((n) => n.kind === 'reply' && n.thread_id === t.id), 'no reply notification yet');

      const q = await queue(u.moder, pub);
      const items = q.items.filter((i) => i.queue === 'held');
      assert.ok(items.some((i) => i.thread_id === held.id && i.position === 1));
      assert.ok(items.some((i) => i.post_id === r.id));
      assert.equal(items[0].author.new_account, true);

      const un = await u.moder.postJSON(`/api/v1/posts/${r.id}/unhide`, {});
      assert.equal(un.status, 409, 'a held post is approved, not unhidden');
      await act(u.moder, 'posts', r.id, { action: 'approve' });
      await act(u.moder, 'posts', Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${held.id}`)), { action: 'approve' });
      assert.ok((await latest(u.f1, pub)).includes(held.id), 'listed once approved');
      assert.equal((await u.f1.get(`/api/v1/threads/${held.id}`)).status, 200);
      s = await u.f1.get('/api/v1/search?q=zymurgical');
      assert.equal(s.json.results.length, 1, 'searchable once approved');
      const an = await notes(u.alice);
      assert.ok(an.some((n) => n.kind === 'reply' && n.thread_id === t.id), 'the reply is told once approved');
      const nn = await notes(newbie);
      assert.ok(nn.some((n) => n.kind === 'moderation' && /approved/.test(n.text)), 'the author is told');
      assert.ok((await audit(pub)).includes('approve'));
      assert.ok((await audit(pub)).includes('hold'));
    });

    test('the same text in several threads, posting too fast, and rejecting a held post', async () => {
      const ids = [];
      for (const n of [1, 2, 3]) ids.push((await thread(u.bob, pub, `Bob thread number ${n} for repeats`, `Text number ${n}.`)).id);
      const same = 'Visit my shop for the best deals on hops today.';
      await reply(u.f3, ids[0], same);
      await reply(u.f3, ids[1], same);
      const third = await reply(u.f3, ids[2], same);
      assert.equal(third.held, true, 'the same text in a third thread is held');
      assert.match(third.hide_reason, /same text/);
      await act(u.moder, 'posts', third.id, { action: 'reject' });
      assert.equal((await u.f3.get(`/api/v1/posts/${third.id}`)).json?.deleted ?? true, true);

      let sr = await u.f1.patchJSON('/api/v1/admin/settings', { hold_burst_posts: '3' });
      assert.equal(sr.status, 403, 'administrators set the thresholds');
      sr = await u.admin.patchJSON('/api/v1/admin/settings', { hold_burst_posts: 'many' });
      assert.equal(sr.status, 400);
      sr = await u.admin.patchJSON('/api/v1/admin/settings', { hold_burst_posts: '3' });
      assert.equal(sr.status, 200, sr.text);
      assert.equal(sr.json.settings.hold_burst_posts, '3');
      assert.equal(sr.json.settings.hold_max_links, '2', 'the default is shown');
      const fast = await newcomer(`fa${tag}`);
      for (const n of [1, 2, 3]) assert.equal((await reply(fast, ids[0], `Quick thought number ${n}.`)).held, false);
      const r = await reply(fast, ids[0], 'Quick thought number 4.');
      assert.equal(r.held, true);
      assert.match(r.hide_reason, /faster than a person reads/);
    });

    test('a community can send first posts of new accounts to review', async () => {
      let r = await u.moder.patchJSON(`/api/v1/communities/${pub}/review`, { first_posts_reviewed: true });
      assert.equal(r.status, 403, 'coordinators decide');
      r = await u.coord.patchJSON(`/api/v1/communities/${pub}/review`, { first_posts_reviewed: true });
      assert.equal(r.status, 200, r.text);
      assert.equal((await queue(u.moder, pub)).first_posts_reviewed, true);
      const nb = await newcomer(`fp${tag}`);
      const t = await thread(nb, pub, 'My very first thread here', 'Hello everyone.');
      assert.equal(t.held, true);
      const pid = Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${t.id}`));
      await act(u.moder, 'posts', pid, { action: 'approve' });
      const second = await thread(nb, pub, 'My second thread here now', 'Hello again.');
      assert.equal(second.held, false, 'only the first post waits');
      const vet = await thread(u.f4, pub, 'A veteran posts as usual here', 'Hi.');
      assert.equal(vet.held, false, 'older accounts are not held');
      r = await u.coord.patchJSON(`/api/v1/communities/${pub}/review`, { first_posts_reviewed: false });
      assert.equal(r.status, 200);
    });

    test('suspension: no sign-in or posting until it ends by itself; told and audited', async () => {
      const t = await thread(u.alice, pub, 'A thread by alice to suspend', 'Words.');
      const pid = Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${t.id}`));
      let r = await u.moder.postJSON(`/api/v1/review/posts/${pid}`, { action: 'suspend', days: 2 });
      assert.equal(r.status, 400, 'a reason is required');
      r = await u.moder.postJSON(`/api/v1/review/posts/${pid}`, { action: 'suspend', reason: 'Cool off.' });
      assert.equal(r.status, 400, 'days are required');
      await act(u.moder, 'posts', pid, { action: 'suspend', days: 2, reason: 'Cool off.' });
      r = await u.alice.get('/api/v1/me');
      assert.equal(r.status, 401, 'sessions end');
      const c = srv.client();
      r = await c.postJSON('/api/v1/session', { name: 'alice', password: PW });
      assert.equal(r.status, 403);
      assert.match(r.json.error.message, /suspended until \d{4}-\d\d-\d\d \d\d:\d\d UTC: Cool off\./);
      const w = await srv.client().signin('alice', PW);
      assert.equal(w.status, 403, 'the sign-in page says so too');
      assert.match(w.text, /This account is suspended until [^<]* UTC: Cool off\./);
      assert.ok((await audit(pub)).includes('suspend'));
      const text = sql(srv, `SELECT text FROM notifications WHERE user_id = ${uid('alice')} AND kind = 'moderation' ORDER BY id DESC LIMIT 1`);
      assert.match(text, /suspended until .*Cool off/);
      // moderators and coordinators cannot be suspended from the queue
      const mt = await thread(u.moder, pub, 'A moderator thread for safety', 'Words.');
      const mp = Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${mt.id}`));
      r = await u.coord.postJSON(`/api/v1/review/posts/${mp}`, { action: 'suspend', days: 1, reason: 'x' });
      assert.equal(r.status, 403);
      // time passes
      sql(srv, `UPDATE users SET suspended_until = ${Math.floor(Date.now() / 1000) - 1} WHERE name = 'alice'`);
      u.alice = await login('alice');
      await thread(u.alice, pub, 'Alice is back after a while', 'Hello.');
    });

    test('silence: reading yes, posting and flagging no, until it ends; lift ends it early', async () => {
      const t = await thread(u.bob, pub, 'A thread by bob to silence', 'Words.');
      const pid = Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${t.id}`));
      await act(u.moder, 'posts', pid, { action: 'silence', days: 1, reason: 'Too loud.' });
      assert.equal((await u.bob.get(`/api/v1/threads/${t.id}`)).status, 200, 'can read');
      let r = await u.bob.postJSON(`/api/v1/threads/${t.id}/posts`, { body: 'More!' });
      assert.equal(r.status, 403);
      assert.match(r.json.error.message, /silenced until .* Too loud\./);
      const other = await thread(u.f4, pub, 'Something bob might flag now', 'Words.');
      const op = Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${other.id}`));
      r = await u.bob.postJSON(`/api/v1/posts/${op}/flags`, { reason: 'rude' });
      assert.equal(r.status, 403);
      assert.ok((await audit(pub)).includes('silence'));
      sql(srv, `UPDATE users SET silenced_until = ${Math.floor(Date.now() / 1000) - 1} WHERE name = 'bob'`);
      await reply(u.bob, t.id, 'I am allowed again.');
      await act(u.moder, 'posts', pid, { action: 'silence', days: 1, reason: 'Again.' });
      await act(u.moder, 'posts', pid, { action: 'lift' });
      await reply(u.bob, t.id, 'Lifted early.');
      assert.ok((await audit(pub)).includes('lift'));
    });

    test('comments can be flagged and removed through the queue', async () => {
      const t = await thread(u.alice, pub, 'A thread with a comment on it', 'Words.');
      const pid = Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${t.id}`));
      sql(srv, `INSERT INTO comments (post_id, author_id, body_md, body_html, created_at) VALUES (${pid}, ${uid('f4')}, 'rude remark', '<p>rude remark</p>', 1)`);
      const cid = Number(sql(srv, `SELECT id FROM comments WHERE post_id = ${pid}`));
      let r = await u.f1.postJSON(`/api/v1/comments/${cid}/flags`, { reason: 'rude' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.item_kind, 'comment');
      r = await u.f1.postJSON(`/api/v1/comments/${cid}/flags`, { reason: 'rude' });
      assert.equal(r.status, 409);
      assert.equal((await u.f1.postJSON('/api/v1/comments/999999/flags', { reason: 'rude' })).status, 404);
      const q = await queue(u.moder, pub);
      const item = q.items.find((i) => i.item_kind === 'comment' && i.item_id === cid);
      assert.ok(item);
      assert.match(item.body_html, /rude remark/);
      assert.equal(item.author.name, 'f4');
      await act(u.moder, 'comments', cid, { action: 'agree' });
      // deleted softly, by the moderator, like a moderator's own delete (migration 0018)
      assert.equal(sql(srv, `SELECT COUNT(*) FROM comments WHERE id = ${cid} AND deleted_at IS NOT NULL AND deleted_by = ${uid('moder')}`), '1');
      assert.equal((await u.f1.get(`/api/v1/comments/${cid}`)).status, 404, 'the removed comment is gone for members');
      assert.equal((await u.f1.postJSON(`/api/v1/comments/${cid}/flags`, { reason: 'spam' })).status, 404);
    });

    test('private communities: flags and queues stay inside', async () => {
      const t = await thread(u.alice, priv, 'A private thread to flag here', 'Secret words.');
      const pid = Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${t.id}`));
      let r = await u.outsider.postJSON(`/api/v1/posts/${pid}/flags`, { reason: 'spam' });
      assert.equal(r.status, 404, 'a non-reader cannot flag');
      await flag(u.f1, pid, { reason: 'rude', note: 'private note' });
      const pq = await queue(u.moder, pub);
      assert.ok(!pq.items.some((i) => i.post_id === pid), 'not in another community\'s queue');
      const xq = await queue(u.moder, priv);
      assert.ok(xq.items.some((i) => i.post_id === pid));
      r = await u.f2.get(`/api/v1/communities/${priv}/review`);
      assert.equal(r.status, 404, 'a non-member does not even see the community');
      r = await u.outsider.postJSON(`/api/v1/review/posts/${pid}`, { action: 'agree' });
      assert.equal(r.status, 404);
    });
  });
}

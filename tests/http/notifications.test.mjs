// Notifications and following, on every backend: every kind built (answer, reply, reply_to,
// quote, mention with edits, accepted, up-vote milestones, watching (told by a queued job,
// which notes() waits for), new thread in a watched
// community or tag, moderation, event changed or cancelled, moved off a waitlist), never about one's own actions, grouping of repeated activity
// into one unread row, mark read when the thread is viewed, visibility checked when listing
// and counting (a member removed from a private community stops seeing its notifications),
// follow levels over the API and the pages (muted, watching, auto-watch and its setting), the
// header's bell and the notifications page with its filter.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Watchers are told by a queued job (notify_fanout): wait until none is pending.
async function fanoutDone(srv) {
  for (let i = 0; i < 200; i++) {
    const left = sql(srv, "SELECT COUNT(*) FROM jobs WHERE kind = 'notify_fanout' AND state IN ('queued', 'running')");
    if (left === '0') return;
    await sleep(50);
  }
  throw new Error('the fan-out jobs did not finish');
}

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`notifications (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6);
    const pub = `np-${tag}`;
    const priv = `nx-${tag}`;
    const names = ['asker', 'ans1', 'ans2', 'moder', 'coord', 'outsider', 'watcher'];

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status}`);
      await c.get('/');
      return c;
    }
    async function notes(c, filter) {
      await fanoutDone(srv);
      const r = await c.get(`/api/v1/notifications${filter ? `?filter=${filter}` : ''}`);
      assert.equal(r.status, 200, r.text);
      return r.json;
    }
    async function readAll(c) {
      const r = await c.postJSON('/api/v1/notifications/read', {});
      assert.equal(r.status, 200, r.text);
    }
    async function ask(c, community, title, extra = {}) {
      const r = await c.postJSON(`/api/v1/communities/${community}/threads`, {
        kind: 'question', title, body: `Body of ${title}`, tags: ['alpha'], ...extra,
      });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function post(c, tid, body, extra = {}) {
      const r = await c.postJSON(`/api/v1/threads/${tid}/posts`, { body, ...extra });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of names) await srv.addUser(n, { password: PW });
      // Past trust level 0, whose hourly posting limits these tests would hit (trust.test.mjs).
      sql(srv, 'UPDATE users SET trust_level = 1, trust_locked = 1');
      u.admin = await login('admin1');
      for (const n of names) u[n] = await login(n);
      await u.admin.get('/admin');
      await u.admin.post('/admin', { community_creation: 'members' });
      for (const [slug, visibility] of [[pub, 'public'], [priv, 'private']]) {
        const r = await u.coord.postJSON('/api/v1/communities', {
          name: `Notes ${slug}`, slug, visibility, tags: 'alpha, beta, gamma',
        });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${priv}/invites`, { days: 7, max_uses: 0 });
      for (const n of ['asker', 'ans1', 'ans2', 'moder', 'watcher']) {
        let r = await u[n].postJSON(`/api/v1/communities/${pub}/join`, {});
        assert.equal(r.status, 200, r.text);
        r = await u[n].postJSON(`/api/v1/communities/${priv}/join`, { invite: inv.json.token });
        assert.equal(r.status, 200, r.text);
      }
      for (const slug of [pub, priv]) {
        const r = await u.coord.putJSON(`/api/v1/communities/${slug}/members/moder`, { role: 'moderator' });
        assert.equal(r.status, 200, r.text);
      }
    });

    after(async () => { await srv?.stop(); });

    test('an answer tells the asker; more answers while unread group into one row; own posts tell nobody', async () => {
      await readAll(u.asker);
      const q = await ask(u.asker, pub, `Grouping question ${tag}`);
      let n = await notes(u.asker, 'unread');
      assert.equal(n.unread, 0, 'asking tells nobody, not even the asker');
      await post(u.asker, q.id, 'A note from the asker on their own question');
      assert.equal((await notes(u.asker, 'unread')).unread, 0, 'no self-notification');
      const a1 = await post(u.ans1, q.id, 'First answer');
      n = await notes(u.asker, 'unread');
      assert.equal(n.unread, 1);
      assert.equal(n.notifications[0].kind, 'answer');
      assert.equal(n.notifications[0].text, `ans1 answered your question “Grouping question ${tag}”`);
      assert.equal(n.notifications[0].link, `/p/${a1.id}`);
      assert.equal(n.notifications[0].read, false);
      assert.equal(n.notifications[0].count, 1);
      assert.equal(n.notifications[0].thread_id, q.id);
      assert.match(n.notifications[0].created_at, /^\d{4}-\d\d-\d\dT/);
      await post(u.ans2, q.id, 'Second answer');
      await post(u.moder, q.id, 'Third answer');
      n = await notes(u.asker, 'unread');
      assert.equal(n.unread, 1, 'grouped: still one unread row');
      assert.equal(n.notifications.length, 1);
      assert.equal(n.notifications[0].count, 3);
      assert.equal(n.notifications[0].text, `3 new answers on “Grouping question ${tag}”`);
      assert.equal(n.notifications[0].link, `/p/${a1.id}`, 'the group links to its first answer');
      // The answerers watch the thread now (auto-watch): they hear of later posts, not their own.
      n = await notes(u.ans1, 'unread');
      assert.equal(n.notifications.filter((x) => x.thread_id === q.id).length, 1);
      assert.equal(n.notifications.find((x) => x.thread_id === q.id).kind, 'watching');
      assert.equal(n.notifications.find((x) => x.thread_id === q.id).count, 2);
      n = await notes(u.ans2, 'unread');
      assert.equal(n.notifications.find((x) => x.thread_id === q.id).count, 1);
    });

    test('viewing the thread marks its notifications read; the next answer starts a new row', async () => {
      await readAll(u.asker);
      const q = await ask(u.asker, pub, `Mark read question ${tag}`);
      await post(u.ans1, q.id, 'An answer to be read');
      assert.equal((await notes(u.asker, 'unread')).unread, 1);
      let r = await u.asker.get(`/api/v1/threads/${q.id}`);
      assert.equal(r.status, 200);
      let n = await notes(u.asker);
      assert.equal(n.unread, 0);
      assert.equal(n.notifications[0].read, true);
      assert.ok(n.notifications[0].read_at);
      await post(u.ans2, q.id, 'A later answer');
      n = await notes(u.asker, 'unread');
      assert.equal(n.unread, 1);
      assert.equal(n.notifications[0].count, 1);
      assert.match(n.notifications[0].text, /^ans2 answered/);
      // The page marks read too, via the permalink's redirect target.
      r = await u.asker.get(`/c/${pub}/t/${q.id}`);
      assert.equal(r.status, 200);
      assert.equal((await notes(u.asker, 'unread')).unread, 0);
    });

    test('reply to a post and quote of a post tell its author; a discussion reply tells the starter', async () => {
      for (const n of ['asker', 'ans1', 'ans2']) await readAll(u[n]);
      let r = await u.asker.postJSON(`/api/v1/communities/${pub}/threads`, {
        kind: 'discussion', title: `Reply discussion ${tag}`, body: 'Let us talk', tags: ['beta'],
      });
      assert.equal(r.status, 201, r.text);
      const d = r.json;
      const p1 = await post(u.ans1, d.id, 'My view');
      let n = await notes(u.asker, 'unread');
      assert.equal(n.notifications[0].kind, 'reply');
      assert.equal(n.notifications[0].text, `ans1 replied to your thread “Reply discussion ${tag}”`);
      const p2 = await post(u.ans2, d.id, 'I disagree with you', { reply_to: p1.id });
      n = await notes(u.ans1, 'unread');
      const rt = n.notifications.find((x) => x.post_id === p2.id);
      assert.equal(rt.kind, 'reply_to', 'reply-to beats watching for the same post');
      assert.equal(rt.text, `ans2 replied to your post in “Reply discussion ${tag}”`);
      assert.equal(n.notifications.filter((x) => x.post_id === p2.id || x.last_post_id === p2.id).length, 1,
        'one notification per post and member');
      await readAll(u.ans2);
      const p3 = await post(u.moder, d.id, `[ans2 wrote](/p/${p2.id}):\n> I disagree with you\n\nWhy?`);
      n = await notes(u.ans2, 'unread');
      const qn = n.notifications.find((x) => x.post_id === p3.id);
      assert.equal(qn.kind, 'quote');
      assert.equal(qn.text, `moder quoted your post in “Reply discussion ${tag}”`);
    });

    test('mentions: once per post, edits tell only the newly mentioned, never someone who cannot read it', async () => {
      for (const n of names) await readAll(u[n]);
      const q = await ask(u.asker, pub, `Mention question ${tag}`);
      const p = await post(u.ans1, q.id, 'Ask @moder about this');
      let n = await notes(u.moder, 'unread');
      assert.equal(n.notifications.length, 1);
      assert.equal(n.notifications[0].kind, 'mention');
      assert.equal(n.notifications[0].text, `ans1 mentioned you in “Mention question ${tag}”`);
      assert.equal(n.notifications[0].link, `/p/${p.id}`);
      let r = await u.ans1.patchJSON(`/api/v1/posts/${p.id}`, { body: 'Ask @moder and @coord about this' });
      assert.equal(r.status, 200, r.text);
      assert.equal((await notes(u.moder, 'unread')).notifications.length, 1, 'moder is not told twice');
      n = await notes(u.coord, 'unread');
      assert.equal(n.notifications.length, 1);
      assert.equal(n.notifications[0].kind, 'mention');
      await readAll(u.coord);
      r = await u.ans1.patchJSON(`/api/v1/posts/${p.id}`, { body: 'Ask @moder and @coord, thanks' });
      assert.equal(r.status, 200, r.text);
      assert.equal((await notes(u.coord, 'unread')).unread, 0, 'read or not, a post mentions once');
      // The asker is mentioned in an answer: one notification (the mention), not two.
      await readAll(u.asker);
      const p2 = await post(u.ans2, q.id, 'Thanks @asker for asking');
      n = await notes(u.asker, 'unread');
      assert.equal(n.notifications.filter((x) => x.post_id === p2.id || x.last_post_id === p2.id).length, 1);
      assert.equal(n.notifications[0].kind, 'mention');
      // Private community: a mention of a non-member reaches nobody; self-mention neither.
      const pq = await ask(u.asker, priv, `Private mention ${tag}`);
      await post(u.ans1, pq.id, 'What does @outsider think? And me, @ans1?');
      assert.equal((await notes(u.outsider)).notifications.length, 0);
      assert.equal((await notes(u.ans1, 'unread')).notifications.filter((x) => x.thread_id === pq.id).length, 0);
    });

    test('accepted answer and up-vote milestones tell the answer\'s author', async () => {
      await readAll(u.ans1);
      const q = await ask(u.asker, pub, `Accept question ${tag}`);
      const a = await post(u.ans1, q.id, 'The accepted answer');
      await readAll(u.ans1);
      let r = await u.asker.putJSON(`/api/v1/threads/${q.id}/accepted`, { post_id: a.id });
      assert.equal(r.status, 200, r.text);
      let n = await notes(u.ans1, 'unread');
      assert.equal(n.notifications.length, 1);
      assert.equal(n.notifications[0].kind, 'accepted');
      assert.equal(n.notifications[0].text, `asker accepted your answer to “Accept question ${tag}”`);
      await readAll(u.ans1);
      r = await u.asker.del(`/api/v1/threads/${q.id}/accepted`);
      r = await u.asker.putJSON(`/api/v1/threads/${q.id}/accepted`, { post_id: a.id });
      assert.equal(r.status, 200, r.text);
      assert.equal((await notes(u.ans1, 'unread')).unread, 0, 'accepted once per answer');
      r = await u.asker.putJSON(`/api/v1/posts/${a.id}/vote`, { value: 1 });
      assert.equal(r.status, 200, r.text);
      n = await notes(u.ans1, 'unread');
      assert.equal(n.notifications.length, 1);
      assert.equal(n.notifications[0].kind, 'upvote');
      assert.equal(n.notifications[0].count, 1);
      assert.equal(n.notifications[0].text, `Your post in “Accept question ${tag}” got its first upvote`);
      assert.equal(n.notifications[0].actor, 'asker');
      await readAll(u.ans1);
      for (const v of ['ans2', 'moder']) {
        r = await u[v].putJSON(`/api/v1/posts/${a.id}/vote`, { value: 1 });
        assert.equal(r.status, 200, r.text);
      }
      r = await u.asker.putJSON(`/api/v1/posts/${a.id}/vote`, { value: 0 });
      r = await u.asker.putJSON(`/api/v1/posts/${a.id}/vote`, { value: 1 });
      assert.equal((await notes(u.ans1, 'unread')).unread, 0, 'not every vote; the first one once');
    });

    test('moderation: a hidden post and a closed or moved thread tell their author with the reason', async () => {
      await readAll(u.ans1);
      await readAll(u.asker);
      const q = await ask(u.asker, pub, `Moderated question ${tag}`);
      const a = await post(u.ans1, q.id, 'An answer that breaks the rules');
      let r = await u.moder.postJSON(`/api/v1/posts/${a.id}/hide`, { reason: 'off topic here' });
      assert.equal(r.status, 200, r.text);
      let n = await notes(u.ans1, 'unread');
      const m = n.notifications.find((x) => x.kind === 'moderation');
      assert.ok(m, JSON.stringify(n));
      assert.equal(m.text, `Your post in “Moderated question ${tag}” was hidden by a moderator: off topic here`);
      assert.equal(m.link, `/p/${a.id}`);
      // The asker's "answer" notification is about a post now hidden from them: it vanishes.
      n = await notes(u.asker, 'unread');
      assert.equal(n.notifications.filter((x) => x.thread_id === q.id).length, 0);
      assert.equal(n.unread, 0);
      r = await u.moder.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'close', reason: 'duplicate of another' });
      assert.equal(r.status, 200, r.text);
      n = await notes(u.asker, 'unread');
      assert.equal(n.notifications[0].kind, 'moderation');
      assert.equal(n.notifications[0].text, `Your thread “Moderated question ${tag}” was closed: duplicate of another`);
      assert.equal(n.notifications[0].link, `/c/${pub}/t/${q.id}`);
      await readAll(u.asker);
      r = await u.moder.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'move', to: priv });
      assert.equal(r.status, 200, r.text);
      n = await notes(u.asker, 'unread');
      assert.equal(n.notifications[0].text, `Your thread “Moderated question ${tag}” was moved to Notes ${priv}`);
      assert.equal(n.notifications[0].link, `/c/${priv}/t/${q.id}`);
    });

    test('follow levels over the API: default normal, validation, muted silences, watching tells every post', async () => {
      const q = await ask(u.asker, pub, `Levels question ${tag}`);
      let r = await u.watcher.get(`/api/v1/threads/${q.id}/notification-level`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { level: 'normal' });
      r = await u.watcher.putJSON(`/api/v1/threads/${q.id}/notification-level`, { level: 'loud' });
      assert.equal(r.status, 400, r.text);
      r = await u.outsider.putJSON(`/api/v1/threads/${q.id}/notification-level`, { level: 'watching' });
      assert.equal(r.status, 200, 'a public thread can be watched by any member of the instance');
      r = await u.watcher.putJSON(`/api/v1/threads/${q.id}/notification-level`, { level: 'watching' });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { level: 'watching' });
      assert.equal((await u.watcher.get(`/api/v1/threads/${q.id}/notification-level`)).json.level, 'watching');
      r = await u.asker.putJSON(`/api/v1/threads/${q.id}/notification-level`, { level: 'muted' });
      assert.equal(r.status, 200, r.text);
      await readAll(u.watcher);
      await readAll(u.asker);
      await post(u.ans1, q.id, 'First post for the watcher');
      await post(u.ans2, q.id, 'Second post for the watcher');
      let n = await notes(u.watcher, 'unread');
      assert.equal(n.notifications.length, 1);
      assert.equal(n.notifications[0].kind, 'watching');
      assert.equal(n.notifications[0].text, `2 new posts in “Levels question ${tag}”`);
      assert.equal((await notes(u.asker, 'unread')).unread, 0, 'muted: not even answers to one\'s own question');
      const m = await post(u.ans1, q.id, 'And @asker, are you there?');
      assert.equal((await notes(u.asker, 'unread')).unread, 0, 'muted: not even mentions');
      assert.ok(m.id);
      // The private community's thread: not for outsiders.
      const pq = await ask(u.asker, priv, `Private levels ${tag}`);
      r = await u.outsider.get(`/api/v1/threads/${pq.id}/notification-level`);
      assert.equal(r.status, 404);
      r = await u.outsider.putJSON(`/api/v1/threads/${pq.id}/notification-level`, { level: 'watching' });
      assert.equal(r.status, 404);
      r = await srv.client().get(`/api/v1/threads/${q.id}/notification-level`);
      assert.equal(r.status, 401);
    });

    test('watching a community or a tag: new threads notify (tagged ones only for a tag)', async () => {
      await readAll(u.watcher);
      let r = await u.watcher.putJSON(`/api/v1/communities/${pub}/tags/gamma/notification-level`, { level: 'watching' });
      assert.equal(r.status, 200, r.text);
      assert.equal((await u.watcher.get(`/api/v1/communities/${pub}/tags/gamma/notification-level`)).json.level, 'watching');
      r = await u.watcher.putJSON(`/api/v1/communities/${pub}/tags/nosuchtag/notification-level`, { level: 'watching' });
      assert.equal(r.status, 404);
      await ask(u.asker, pub, `Untagged for the watcher ${tag}`, { tags: ['beta'] });
      assert.equal((await notes(u.watcher, 'unread')).unread, 0);
      const g = await ask(u.asker, pub, `Gamma question ${tag}`, { tags: ['gamma'] });
      let n = await notes(u.watcher, 'unread');
      assert.equal(n.notifications.length, 1);
      assert.equal(n.notifications[0].kind, 'new_thread');
      assert.equal(n.notifications[0].text, `asker started “Gamma question ${tag}”`);
      assert.equal(n.notifications[0].thread_id, g.id);
      await readAll(u.watcher);
      r = await u.watcher.putJSON(`/api/v1/communities/${priv}/notification-level`, { level: 'watching' });
      assert.equal(r.status, 200, r.text);
      assert.equal((await u.watcher.get(`/api/v1/communities/${priv}/notification-level`)).json.level, 'watching');
      const pq = await ask(u.ans1, priv, `Private community news ${tag}`, { tags: ['beta'] });
      n = await notes(u.watcher, 'unread');
      assert.equal(n.notifications.length, 1);
      assert.equal(n.notifications[0].kind, 'new_thread');
      await post(u.ans2, pq.id, 'A post in a thread of a watched community');
      n = await notes(u.watcher, 'unread');
      assert.equal(n.notifications.length, 2, 'watching a community watches its threads');
      r = await u.outsider.get(`/api/v1/communities/${priv}/notification-level`);
      assert.equal(r.status, 404);
      r = await u.watcher.putJSON(`/api/v1/communities/${priv}/notification-level`, { level: 'normal' });
      assert.equal(r.status, 200);
    });

    test('auto-watch: replying watches the thread unless the member turned the setting off', async () => {
      const q = await ask(u.asker, pub, `Auto watch ${tag}`);
      assert.equal((await u.asker.get(`/api/v1/threads/${q.id}/notification-level`)).json.level, 'watching');
      let r = await u.ans2.get('/api/v1/notifications/settings');
      assert.deepEqual(r.json, { auto_watch: true });
      r = await u.ans2.putJSON('/api/v1/notifications/settings', { auto_watch: false });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { auto_watch: false });
      await post(u.ans2, q.id, 'Replying without watching');
      assert.equal((await u.ans2.get(`/api/v1/threads/${q.id}/notification-level`)).json.level, 'normal');
      await post(u.ans1, q.id, 'Replying and watching');
      assert.equal((await u.ans1.get(`/api/v1/threads/${q.id}/notification-level`)).json.level, 'watching');
      r = await u.ans2.putJSON('/api/v1/notifications/settings', { auto_watch: 'maybe' });
      assert.equal(r.status, 400);
      r = await u.ans2.putJSON('/api/v1/notifications/settings', { auto_watch: true });
      assert.equal(r.status, 200);
    });

    test('visibility is checked when listing: removed from a private community, its notifications vanish', async () => {
      await readAll(u.ans2);
      const pq = await ask(u.asker, priv, `Vanishing ${tag}`);
      await post(u.ans1, pq.id, 'Hello @ans2, a private mention');
      let n = await notes(u.ans2, 'unread');
      assert.equal(n.unread, 1);
      assert.equal(n.notifications[0].kind, 'mention');
      let r = await u.coord.del(`/api/v1/communities/${priv}/members/ans2`);
      assert.equal(r.status, 200, r.text);
      n = await notes(u.ans2);
      assert.equal(n.unread, 0);
      assert.equal(n.notifications.filter((x) => x.thread_id === pq.id).length, 0);
      assert.equal(n.notifications.filter((x) => x.community === priv).length, 0);
      r = await u.ans2.get('/notifications');
      assert.doesNotMatch(r.text, /Vanishing/);
      assert.doesNotMatch(r.text, /unread-count/);
      // And nothing new reaches them from there.
      await post(u.ans1, pq.id, 'Still there, @ans2?');
      assert.equal((await notes(u.ans2)).notifications.filter((x) => x.thread_id === pq.id).length, 0);
    });

    test('pages: the bell with its count, the page with its filter and mark all read, follow controls', async () => {
      await readAll(u.asker);
      const q = await ask(u.asker, pub, `Page question ${tag}`);
      const a = await post(u.ans1, q.id, 'An answer for the page');
      let r = await u.asker.get('/');
      assert.match(r.text, /<a class="bell" href="\/notifications" aria-label="Notifications, 1 unread">/);
      assert.match(r.text, /<span class="count unread-count">1<\/span>/);
      r = await u.asker.get('/notifications?filter=unread');
      assert.equal(r.status, 200);
      assert.match(r.text, new RegExp(`<a href="/p/${a.id}">ans1 answered your question “Page question ${tag}”</a>`));
      assert.match(r.text, /<a href="\/notifications\?filter=unread" aria-current="page">Unread<\/a>/);
      r = await u.asker.post('/notifications/read', {});
      assert.equal(r.status, 303);
      r = await u.asker.get('/notifications?filter=unread');
      assert.match(r.text, /Nothing unread\./);
      assert.doesNotMatch(r.text, /unread-count/);
      r = await u.asker.get('/notifications');
      assert.match(r.text, /class="read notification-answer"/);
      // The follow control on the thread page; posting it changes the level.
      r = await u.watcher.get(`/c/${pub}/t/${q.id}`);
      assert.match(r.text, new RegExp(`<form class="follow-control" method="post" action="/c/${pub}/t/${q.id}/notification-level">`));
      assert.match(r.text, /<option value="normal" selected>normal<\/option>/);
      r = await u.watcher.post(`/c/${pub}/t/${q.id}/notification-level`, { level: 'tracking' });
      assert.equal(r.status, 303, r.text);
      assert.equal(r.location, `/c/${pub}/t/${q.id}`);
      r = await u.watcher.get(`/c/${pub}/t/${q.id}`);
      assert.match(r.text, /<option value="tracking" selected>tracking<\/option>/);
      r = await u.watcher.post(`/c/${pub}/t/${q.id}/notification-level`, { level: 'tracking' }, { csrf: false });
      assert.equal(r.status, 403, 'CSRF checked');
      r = await u.watcher.post(`/c/${pub}/t/${q.id}/notification-level`, { level: 'bogus' });
      assert.ok(r.status >= 400 && r.status < 500);
      // Community and tag pages.
      r = await u.watcher.get(`/c/${pub}`);
      assert.match(r.text, new RegExp(`action="/c/${pub}/notification-level"`));
      r = await u.watcher.post(`/c/${pub}/notification-level`, { level: 'muted' });
      assert.equal(r.status, 303);
      assert.equal((await u.watcher.get(`/api/v1/communities/${pub}/notification-level`)).json.level, 'muted');
      r = await u.watcher.get(`/c/${pub}/tags/beta`);
      assert.match(r.text, new RegExp(`action="/c/${pub}/tags/beta/notification-level"`));
      r = await u.watcher.post(`/c/${pub}/tags/beta/notification-level`, { level: 'watching' });
      assert.equal(r.status, 303);
      assert.equal(r.location, `/c/${pub}/tags/beta`);
      r = await u.watcher.post(`/c/${pub}/notification-level`, { level: 'normal' });
      // Visitors see no control; the anonymous page is unchanged.
      r = await srv.client().get(`/c/${pub}/t/${q.id}`);
      assert.doesNotMatch(r.text, /follow-control/);
      // The auto-watch setting on the page.
      r = await u.ans2.get('/notifications');
      assert.match(r.text, /name="auto_watch" value="1" checked/);
      r = await u.ans2.post('/notifications/settings', {});
      assert.equal(r.status, 303);
      r = await u.ans2.get('/notifications');
      assert.match(r.text, /name="auto_watch" value="1">/);
      await u.ans2.post('/notifications/settings', { auto_watch: '1' });
    });

    test('events: a change or cancellation tells who answered; moving off the waitlist tells the member', async () => {
      for (const n of names) await readAll(u[n]);
      const year = new Date().getUTCFullYear() + 1;
      let r = await u.coord.postJSON(`/api/v1/communities/${pub}/events`, {
        title: `Rock walk ${tag}`, start: `${year}-05-05T18:00`, end: `${year}-05-05T19:30`,
        timezone: 'Europe/Berlin', freq: 'weekly', count: 3, capacity: 1, location: 'Quarry gate',
      });
      assert.equal(r.status, 201, r.text);
      const ev = r.json;
      const key = ev.occurrences[0].key;
      const occ = `/api/v1/events/${ev.id}/occurrences/${key}`;
      assert.equal((await u.ans1.putJSON(`${occ}/rsvp`, { status: 'going' })).json.my_rsvp, 'going');
      assert.equal((await u.ans2.putJSON(`${occ}/rsvp`, { status: 'going' })).json.my_rsvp, 'waitlist');
      assert.equal((await u.asker.putJSON(`${occ}/rsvp`, { status: 'no' })).status, 200);
      // ans1 withdraws: ans2 moves off the waitlist and is told; ans1 (who acted) is not.
      r = await u.ans1.putJSON(`${occ}/rsvp`, { status: 'no' });
      assert.equal(r.status, 200, r.text);
      let n = await notes(u.ans2, 'unread');
      assert.equal(n.notifications.length, 1, JSON.stringify(n));
      assert.equal(n.notifications[0].kind, 'waitlist');
      assert.match(n.notifications[0].text, new RegExp(`^You have a place at “Rock walk ${tag}” at 18:00 on 5 May ${year}: you moved off the waitlist$`));
      assert.equal(n.notifications[0].link, `/events/${ev.id}/o/${key}`);
      assert.equal((await notes(u.ans1, 'unread')).unread, 0);
      // The organiser changes the series: ans2 (going) is told; asker (no) and the organiser are not.
      r = await u.coord.patchJSON(`/api/v1/events/${ev.id}`, { location: 'Quarry car park' });
      assert.equal(r.status, 200, r.text);
      n = await notes(u.ans2, 'unread');
      assert.equal(n.notifications[0].kind, 'event_changed');
      assert.equal(n.notifications[0].text, `“Rock walk ${tag}” was changed: check its date, time and place`);
      assert.equal(n.notifications[0].link, `/events/${ev.id}`);
      assert.equal((await notes(u.asker, 'unread')).unread, 0);
      assert.equal((await notes(u.coord, 'unread')).unread, 0);
      // One date cancelled, then the whole series.
      r = await u.coord.patchJSON(occ, { cancelled: true });
      assert.equal(r.status, 200, r.text);
      n = await notes(u.ans2, 'unread');
      assert.equal(n.notifications[0].kind, 'event_cancelled');
      assert.equal(n.notifications[0].text, `“Rock walk ${tag}” at 18:00 on 5 May ${year} is cancelled`);
      r = await u.coord.putJSON(`/api/v1/events/${ev.id}/cancelled`, { cancelled: true });
      assert.equal(r.status, 200, r.text);
      n = await notes(u.ans2, 'unread');
      assert.equal(n.notifications[0].kind, 'event_cancelled');
      assert.equal(n.notifications[0].text, `“Rock walk ${tag}” is cancelled`);
      assert.equal(n.unread, 4);
      // Viewing the event reads its notifications.
      r = await u.ans2.get(`/events/${ev.id}`);
      assert.equal(r.status, 200);
      assert.equal((await notes(u.ans2, 'unread')).unread, 0);
    });

    test('new since your last visit: lists show how many posts a member has not seen in threads they opened', async () => {
      const q = await ask(u.asker, pub, `Visit marker ${tag}`);
      let r = await u.watcher.get(`/c/${pub}/t/${q.id}`);
      assert.equal(r.status, 200);
      await post(u.ans1, q.id, 'One more');
      await post(u.ans2, q.id, 'And another');
      const row = (text) => text.split('<li class="thread-row').find((x) => x.includes(`Visit marker ${tag}`)) || '';
      r = await u.watcher.get(`/c/${pub}/latest`);
      assert.match(row(r.text), /<span class="badge badge-new">2 new<\/span>/);
      r = await u.outsider.get(`/c/${pub}/latest`);
      assert.doesNotMatch(row(r.text), /badge-new/, 'never opened: no count');
      r = await srv.client().get(`/c/${pub}/latest`);
      assert.doesNotMatch(r.text, /badge-new/);
      await u.watcher.get(`/c/${pub}/t/${q.id}`);
      r = await u.watcher.get(`/c/${pub}/latest`);
      assert.doesNotMatch(row(r.text), /badge-new/, 'seen again: nothing new');
    });

    test('API: filter validation and the unauthenticated answer', async () => {
      let r = await u.asker.get('/api/v1/notifications?filter=bogus');
      assert.equal(r.status, 400);
      r = await u.asker.get('/api/v1/notifications?filter=all');
      assert.equal(r.status, 200);
      r = await srv.client().get('/api/v1/notifications');
      assert.equal(r.status, 401);
    });
  });
}

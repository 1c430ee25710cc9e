// Newcomer coaching (issue 16, "Newcomer coaching"), on every backend: the community settings
// and who may change them; a newcomer's first question kept from everyone but its author, the
// coaches and staff (thread, lists, search, the Atom feed, the review queue, notifications);
// the coaching queue and who sees it; a coach's note and suggested edit with the author told;
// accepting the suggestion as a revision credited to the coach; "Publish now" making it a fresh
// public question that tells the community's watchers then; "Ready" by a coach; auto-publish
// after the set hours with time moved back (rows edited with sql(), the job made due); the
// private-community rules; and the audit log. Coaches are credited on the published question.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function jobsDone(srv, kind) {
  for (let i = 0; i < 200; i++) {
    const left = sql(srv, `SELECT COUNT(*) FROM jobs WHERE kind = '${kind}' AND state IN ('queued', 'running') AND run_at <= ${Math.floor(Date.now() / 1000)}`);
    if (left === '0') return;
    await sleep(50);
  }
  throw new Error(`the ${kind} jobs did not finish`);
}

for (const backend of backends()) {
  describe(`coaching (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6);
    const pub = `co-${tag}`;
    const priv = `cx-${tag}`;
    const veterans = ['coach', 'coach2', 'other', 'coord', 'outsider'];

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status} ${r.text}`);
      await c.get('/');
      return c;
    }
    async function newcomer(name, slugs) {
      const c = srv.client();
      const r = await c.signup(name, PW);
      assert.equal(r.status, 303, r.text);
      await c.get('/');
      for (const s of slugs) {
        const j = await c.postJSON(`/api/v1/communities/${s}/join`, s === priv ? { invite: u.invite } : {});
        assert.equal(j.status, 200, j.text);
      }
      return c;
    }
    async function ask(c, slug, title, body, kind = 'question') {
      const r = await c.postJSON(`/api/v1/communities/${slug}/threads`, { kind, title, body });
      assert.equal(r.status, 201, r.text);
      return r.json.thread ?? r.json;
    }
    async function latest(c, slug) {
      const r = await c.get(`/api/v1/communities/${slug}/threads?list=latest&limit=100`);
      assert.equal(r.status, 200, r.text);
      return r.json.threads.map((t) => t.id);
    }
    async function notes(c) {
      await jobsDone(srv, 'notify_fanout');
      const r = await c.get('/api/v1/notifications');
      assert.equal(r.status, 200, r.text);
      return r.json.notifications;
    }
    async function audit(slug) {
      const r = await u.coord.get(`/api/v1/communities/${slug}/audit?limit=200`);
      assert.equal(r.status, 200, r.text);
      return r.json.entries.map((e) => e.action);
    }
    const hooked = (tid) => Number(sql(srv, `SELECT COUNT(*) FROM webhook_deliveries WHERE event_type = 'thread.created' AND payload LIKE '%/t/${tid}"%'`));
    const opening = (tid) => Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${tid} AND position = 1`));

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of veterans) await srv.addUser(n, { password: PW });
      sql(srv, `UPDATE users SET created_at = created_at - ${40 * 86400}`);
      u.admin = await login('admin1');
      for (const n of veterans) u[n] = await login(n);
      // coaches are members at trust level 2 (the default coaching level); "other" is level 1
      for (const [n, level] of [['coach', 2], ['coach2', 2], ['other', 1]]) {
        const r = await u.admin.putJSON(`/api/v1/admin/users/${n}/trust`, { level, locked: true });
        assert.equal(r.status, 200, r.text);
      }
      await u.admin.post('/admin', { community_creation: 'members' });
      for (const [slug, visibility] of [[pub, 'public'], [priv, 'private']]) {
        const r = await u.coord.postJSON('/api/v1/communities', { name: `Coaching ${slug}`, slug, visibility });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${priv}/invites`, { days: 7, max_uses: 0 });
      assert.equal(inv.status, 201, inv.text);
      u.invite = inv.json.token;
      for (const n of ['coach', 'coach2', 'other']) {
        assert.equal((await u[n].postJSON(`/api/v1/communities/${pub}/join`, {})).status, 200);
      }
      const j = await u.coach.postJSON(`/api/v1/communities/${priv}/join`, { invite: u.invite });
      assert.equal(j.status, 200, j.text);
      // "other" watches the public community: told of every new thread there
      const w = await u.other.putJSON(`/api/v1/communities/${pub}/notification-level`, { level: 'watching' });
      assert.equal(w.status, 200, w.text);
      // a webhook of the public community: its deliveries are queued when an event happens
      const h = await u.coord.postJSON(`/api/v1/communities/${pub}/webhooks`, { url: 'https://hooks.example.invalid/x', events: ['thread.created'] });
      assert.equal(h.status, 201, h.text);
    });
    after(async () => {
      await srv?.stop();
    });

    test('settings: coordinators change them, others may not, bad values are refused', async () => {
      let r = await u.coord.get(`/api/v1/communities/${pub}/coaching`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.settings, { enabled: false, coach_level: 2, hours: 72, first_question_only: true });
      assert.deepEqual(r.json.questions, []);
      r = await u.coach.patchJSON(`/api/v1/communities/${pub}/coaching`, { enabled: true });
      assert.equal(r.status, 403, r.text);
      r = await u.coord.patchJSON(`/api/v1/communities/${pub}/coaching`, { enabled: true, colour: 'red' });
      assert.equal(r.status, 400, r.text);
      assert.match(r.text, /colour/);
      r = await u.coord.patchJSON(`/api/v1/communities/${pub}/coaching`, { coach_level: 9 });
      assert.equal(r.status, 400, r.text);
      r = await u.coord.patchJSON(`/api/v1/communities/${pub}/coaching`, { hours: -1 });
      assert.equal(r.status, 400, r.text);
      r = await u.coord.patchJSON(`/api/v1/communities/${pub}/coaching`, { enabled: 'maybe' });
      assert.equal(r.status, 400, r.text);
      for (const slug of [pub, priv]) {
        r = await u.coord.patchJSON(`/api/v1/communities/${slug}/coaching`, { enabled: true });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.settings.enabled, true);
      }
      // the HTML form on the queue page, with CSRF
      const page = await u.coord.get(`/c/${pub}/coaching`);
      assert.equal(page.status, 200);
      assert.match(page.text, /name="coach_level"/);
      r = await u.coord.post(`/c/${pub}/coaching`, { enabled: '1', first_question_only: '1', coach_level: '2', hours: '48' });
      assert.equal(r.status, 303, r.text);
      r = await u.coord.post(`/c/${pub}/coaching`, { enabled: '1', coach_level: '2', hours: '48' }, { csrf: false });
      assert.equal(r.status, 403, 'no CSRF token, no change');
      r = await u.coord.get(`/api/v1/communities/${pub}/coaching`);
      assert.equal(r.json.settings.hours, 48);
      assert.equal(r.json.settings.first_question_only, true);
      r = await u.coord.patchJSON(`/api/v1/communities/${pub}/coaching`, { hours: 72 });
      assert.equal(r.status, 200);
    });

    let q1; // newbie's first question in pub
    test("a newcomer's first question is seen only by them, the coaches and staff", async () => {
      u.newbie = await newcomer(`newbie${tag}`, [pub, priv]);
      const before = await notes(u.other);
      q1 = await ask(u.newbie, pub, 'How do I calibrate a quuxometer?', 'My quuxometer drifts. Xylograph reading attached.');
      assert.equal(q1.coaching, true);
      // the author reads it, with the banner and Publish now
      const mine = await u.newbie.get(`/c/${pub}/t/${q1.id}`);
      assert.equal(mine.status, 200);
      assert.match(mine.text, /id="coaching"/);
      assert.match(mine.text, /Publish now/);
      assert.match(mine.text, /Only you, the coaches and the moderators can read it/);
      assert.doesNotMatch(mine.text, /This thread was deleted/);
      // coaches and staff read it
      for (const n of ['coach', 'coord', 'admin']) {
        const r = await u[n].get(`/api/v1/threads/${q1.id}`);
        assert.equal(r.status, 200, `${n}: ${r.text}`);
      }
      const cpage = await u.coach.get(`/c/${pub}/t/${q1.id}`);
      assert.equal(cpage.status, 200);
      assert.match(cpage.text, /Xylograph reading attached/);
      assert.match(cpage.text, /Suggest an edit/);
      assert.match(cpage.text, /Ready: publish it/);
      // nobody else: other member, outsider, visitor
      for (const c of [u.other, u.outsider, srv.client()]) {
        assert.equal((await c.get(`/api/v1/threads/${q1.id}`)).status, 404);
        assert.equal((await c.get(`/c/${pub}/t/${q1.id}`)).status, 404);
        assert.equal((await c.get(`/api/v1/posts/${opening(q1.id)}`)).status, 404);
      }
      assert.ok(!(await latest(u.other, pub)).includes(q1.id), 'not in lists');
      assert.ok(!(await latest(srv.client(), pub)).includes(q1.id), 'not in lists for visitors');
      const s = await u.other.get('/api/v1/search?q=xylograph');
      assert.equal(s.status, 200);
      assert.equal(s.json.results.length, 0, 'not in search');
      const feed = await srv.client().get(`/c/${pub}/latest.atom`);
      assert.equal(feed.status, 200);
      assert.doesNotMatch(feed.text, /quuxometer/, 'not in the feed');
      // not in the review queue (coaching is not a hold), and a moderator cannot approve it
      const rq = await u.coord.get(`/api/v1/communities/${pub}/review`);
      assert.equal(rq.status, 200);
      assert.ok(!rq.json.items.some((i) => i.thread_id === q1.id));
      const ap = await u.coord.postJSON(`/api/v1/review/posts/${opening(q1.id)}`, { action: 'approve' });
      assert.equal(ap.status, 409, ap.text);
      // the coaches are told; the watcher is not
      const cn = await notes(u.coach);
      assert.ok(cn.some((n) => n.kind === 'coaching' && /quuxometer/.test(n.text)), JSON.stringify(cn));
      const after = await notes(u.other);
      assert.equal(after.length, before.length, 'the watcher is told nothing yet');
      assert.equal(hooked(q1.id), 0, 'no webhook yet');
      // a discussion is not coached
      const d = await ask(u.newbie, pub, 'Hello from a newcomer here', 'Glad to be here.', 'discussion');
      assert.equal(d.coaching, false);
    });

    test('the coaching queue: coaches and staff only', async () => {
      let r = await u.coach.get(`/api/v1/communities/${pub}/coaching`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.questions.map((q) => q.thread_id), [q1.id]);
      assert.equal(r.json.questions[0].author, `newbie${tag}`);
      assert.equal(r.json.settings, undefined, 'coaches do not see the settings');
      for (const c of [u.other, u.newbie]) {
        r = await c.get(`/api/v1/communities/${pub}/coaching`);
        assert.equal(r.status, 403, r.text);
      }
      r = await u.outsider.get(`/api/v1/communities/${priv}/coaching`);
      assert.equal(r.status, 404, 'a private community does not exist for outsiders');
      const page = await u.coach.get(`/c/${pub}/coaching`);
      assert.equal(page.status, 200);
      assert.match(page.text, /How do I calibrate a quuxometer\?/);
      assert.doesNotMatch(page.text, /name="coach_level"/, 'no settings form for coaches');
    });

    test('a coach comments and suggests an edit; the author is told and accepts it', async () => {
      let r = await u.coach.postJSON(`/api/v1/threads/${q1.id}/coaching/comments`, { body: 'Which model is it? Say what you tried.' });
      assert.equal(r.status, 201, r.text);
      r = await u.coach.postJSON(`/api/v1/threads/${q1.id}/coaching/comments`, { body: '   ' });
      assert.equal(r.status, 400, r.text);
      // others cannot take part
      r = await u.other.postJSON(`/api/v1/threads/${q1.id}/coaching/comments`, { body: 'Me too' });
      assert.equal(r.status, 404, r.text);
      r = await u.other.postJSON(`/api/v1/threads/${q1.id}/coaching/ready`, {});
      assert.equal(r.status, 404, r.text);
      // the author cannot suggest to themselves; a suggestion must change something
      r = await u.newbie.postJSON(`/api/v1/threads/${q1.id}/coaching/suggestions`, { title: 'Another title' });
      assert.equal(r.status, 403, r.text);
      r = await u.coach.postJSON(`/api/v1/threads/${q1.id}/coaching/suggestions`, { title: 'How do I calibrate a quuxometer?' });
      assert.equal(r.status, 400, r.text);
      r = await u.coach.postJSON(`/api/v1/threads/${q1.id}/coaching/suggestions`, {
        title: 'Quuxometer QX-7 drifts after warm-up: how do I calibrate it?',
        body: 'My QX-7 quuxometer drifts by 2% after ten minutes. I tried zeroing it. Xylograph reading attached.',
      });
      assert.equal(r.status, 201, r.text);
      const sid = r.json.id;
      const an = await notes(u.newbie);
      assert.ok(an.some((n) => n.kind === 'coaching' && /commented/.test(n.text)), JSON.stringify(an));
      assert.ok(an.some((n) => n.kind === 'coaching' && /suggested an edit/.test(n.text)));
      // the panel shows notes to the author and coaches, not to others
      r = await u.newbie.get(`/api/v1/threads/${q1.id}/coaching`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.notes.map((n) => n.kind), ['comment', 'suggestion']);
      assert.equal(r.json.notes[1].status, 'pending');
      assert.equal(r.json.can.publish, true);
      assert.equal(r.json.can.coach, false);
      r = await u.other.get(`/api/v1/threads/${q1.id}/coaching`);
      assert.equal(r.status, 404);
      // only the author decides
      r = await u.coach.postJSON(`/api/v1/coaching/suggestions/${sid}`, { action: 'accept' });
      assert.equal(r.status, 403, r.text);
      r = await u.newbie.postJSON(`/api/v1/coaching/suggestions/${sid}`, { action: 'maybe' });
      assert.equal(r.status, 400, r.text);
      // accept through the HTML form (CSRF)
      const page = await u.newbie.get(`/c/${pub}/t/${q1.id}`);
      assert.match(page.text, /Accept this edit/);
      r = await u.newbie.post(`/coaching/suggestions/${sid}`, { action: 'accept' });
      assert.equal(r.status, 303, r.text);
      r = await u.newbie.postJSON(`/api/v1/coaching/suggestions/${sid}`, { action: 'reject' });
      assert.equal(r.status, 409, 'decided once');
      const t = await u.newbie.get(`/api/v1/threads/${q1.id}`);
      assert.equal((t.json.thread ?? t.json).title, 'Quuxometer QX-7 drifts after warm-up: how do I calibrate it?');
      const revs = await u.newbie.get(`/api/v1/posts/${opening(q1.id)}/revisions`);
      assert.equal(revs.status, 200, revs.text);
      const list = revs.json.revisions;
      const last = list.reduce((a, b) => (a.rev > b.rev ? a : b));
      assert.equal(last.rev, 2);
      assert.equal(last.author?.name ?? last.author, 'coach', JSON.stringify(last));
      const cn = await notes(u.coach);
      assert.ok(cn.some((n) => n.kind === 'coaching' && /was accepted/.test(n.text)));
      // the author's reply note tells the coach
      r = await u.newbie.postJSON(`/api/v1/threads/${q1.id}/coaching/comments`, { body: 'Thanks, updated!' });
      assert.equal(r.status, 201, r.text);
    });

    test('Publish now: a fresh public question, watchers told then, coaches credited', async () => {
      const before = Math.floor(Date.now() / 1000);
      sql(srv, `UPDATE threads SET created_at = created_at - 3600, coaching_at = coaching_at - 3600 WHERE id = ${q1.id}`);
      let r = await u.other.postJSON(`/api/v1/threads/${q1.id}/coaching/publish`, {});
      assert.equal(r.status, 404, 'others cannot publish it');
      r = await u.newbie.post(`/t/${q1.id}/coaching/publish`, {});
      assert.equal(r.status, 303, r.text);
      r = await u.other.get(`/api/v1/threads/${q1.id}`);
      assert.equal(r.status, 200, r.text);
      assert.equal((r.json.thread ?? r.json).coaching, false);
      assert.ok(Date.parse((r.json.thread ?? r.json).created_at) / 1000 >= before - 1, 'created as of publication');
      assert.ok((await latest(u.other, pub)).includes(q1.id));
      const s = await u.other.get('/api/v1/search?q=xylograph');
      assert.equal(s.json.results.length, 1, 'searchable once published');
      const on = await notes(u.other);
      assert.ok(on.some((n) => n.kind === 'new_thread' && n.thread_id === q1.id), JSON.stringify(on));
      assert.equal(hooked(q1.id), 1, 'the webhook fires on publication');
      // credits for everyone; the notes stay private
      r = await srv.client().get(`/api/v1/threads/${q1.id}/coaching`);
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.coaches.map((c) => c.name), ['coach']);
      assert.equal(r.json.notes, undefined);
      assert.equal(r.json.coached, true);
      const page = await srv.client().get(`/c/${pub}/t/${q1.id}`);
      assert.match(page.text, /Coached by/);
      assert.doesNotMatch(page.text, /Which model is it/);
      r = await u.newbie.postJSON(`/api/v1/threads/${q1.id}/coaching/publish`, {});
      assert.equal(r.status, 409, 'published once');
      r = await u.coach.get(`/api/v1/communities/${pub}/coaching`);
      assert.deepEqual(r.json.questions, []);
      const acts = await audit(pub);
      for (const a of ['coaching', 'coaching_suggest', 'coaching_accept', 'coaching_publish'])
        assert.ok(acts.includes(a), `${a} in ${acts}`);
      // the second question is not coached (first question only)
      const q2 = await ask(u.newbie, pub, 'A second question about quuxometers', 'Straight to the community.');
      assert.equal(q2.coaching, false);
    });

    test('a coach marks a question ready: it is published and they are credited', async () => {
      const nb = await newcomer(`nb2${tag}`, [pub]);
      const q = await ask(nb, pub, 'Is a ready question published at once?', 'Plain question text.');
      assert.equal(q.coaching, true);
      // the author edits it; a mention in it tells nobody while it is in coaching
      let r = await nb.patchJSON(`/api/v1/posts/${opening(q.id)}`, { body: 'Plain question text, for @other to see.' });
      assert.equal(r.status, 200, r.text);
      assert.ok(!(await notes(u.other)).some((n) => n.kind === 'mention'), 'no mention yet');
      const ed = await nb.get(`/p/${opening(q.id)}/edit`);
      assert.equal(ed.status, 200, 'the author has the edit page');
      assert.equal((await u.other.get(`/p/${opening(q.id)}/edit`)).status, 404);
      r = await u.coach2.post(`/t/${q.id}/coaching/ready`, {});
      assert.equal(r.status, 303, r.text);
      r = await u.other.get(`/api/v1/threads/${q.id}`);
      assert.equal(r.status, 200);
      r = await u.other.get(`/api/v1/threads/${q.id}/coaching`);
      assert.deepEqual(r.json.coaches.map((c) => c.name), ['coach2']);
      const an = await notes(nb);
      assert.ok(an.some((n) => n.kind === 'coaching' && /published/.test(n.text)));
      assert.ok((await notes(u.other)).some((n) => n.kind === 'mention' && n.thread_id === q.id), 'told on publication');
      // coaching counts as a review in participation levels: coach2 did nothing else here
      r = await u.coord.get(`/api/v1/communities/${pub}/participation`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.members.peripheral.some((m) => m.name === 'coach2'), JSON.stringify(r.json.members));
    });

    test('auto-publish after the set hours, with time moved forward', async () => {
      const nb = await newcomer(`nb3${tag}`, [pub]);
      const q = await ask(nb, pub, 'Waiting question that publishes itself', 'Nobody coached this one.');
      assert.equal(q.coaching, true);
      const due = Number(sql(srv, `SELECT run_at FROM jobs WHERE kind = 'coaching_publish' AND idempotency_key = 'coaching_publish:${q.id}'`));
      assert.ok(due >= Math.floor(Date.now() / 1000) + 72 * 3600 - 60, `due in 72 h (${due})`);
      // 73 hours later
      sql(srv, `UPDATE threads SET coaching_at = coaching_at - ${73 * 3600} WHERE id = ${q.id}`);
      sql(srv, `UPDATE jobs SET run_at = 0 WHERE idempotency_key = 'coaching_publish:${q.id}'`);
      let ok = false;
      for (let i = 0; i < 100 && !ok; i++) {
        ok = (await u.other.get(`/api/v1/threads/${q.id}`)).status === 200;
        if (!ok) await sleep(100);
      }
      assert.ok(ok, 'published by the job');
      assert.ok((await latest(u.other, pub)).includes(q.id));
      assert.ok((await audit(pub)).includes('coaching_publish'));
    });

    test('a job that comes early waits; 0 hours never publishes by itself', async () => {
      const nb = await newcomer(`nb4${tag}`, [pub]);
      const q = await ask(nb, pub, 'Early job question for coaching', 'Still waiting.');
      sql(srv, `UPDATE jobs SET run_at = 0 WHERE idempotency_key = 'coaching_publish:${q.id}'`);
      await jobsDone(srv, 'coaching_publish');
      assert.equal((await u.other.get(`/api/v1/threads/${q.id}`)).status, 404, 'not yet');
      const again = sql(srv, `SELECT COUNT(*) FROM jobs WHERE kind = 'coaching_publish' AND idempotency_key LIKE 'coaching_publish:${q.id}:%' AND state = 'queued'`);
      assert.equal(again, '1', 'queued again for its time');
      const r = await u.coord.patchJSON(`/api/v1/communities/${pub}/coaching`, { hours: 0 });
      assert.equal(r.status, 200);
      const nb5 = await newcomer(`nb5${tag}`, [pub]);
      const q5 = await ask(nb5, pub, 'Question with no auto-publish', 'Waits for its author.');
      assert.equal(q5.coaching, true);
      assert.equal(sql(srv, `SELECT COUNT(*) FROM jobs WHERE idempotency_key LIKE 'coaching_publish:${q5.id}%'`), '0');
      await u.coord.patchJSON(`/api/v1/communities/${pub}/coaching`, { hours: 72 });
    });

    test('private community: only its coaches see the question, outsiders never', async () => {
      const q = await ask(u.newbie, priv, 'A private quuxometer question', 'Private zanthoxylum text.');
      assert.equal(q.coaching, true);
      assert.equal((await u.coach.get(`/api/v1/threads/${q.id}`)).status, 200, 'a coach who is a member');
      for (const c of [u.coach2, u.outsider, u.other, srv.client()]) {
        assert.equal((await c.get(`/api/v1/threads/${q.id}`)).status, 404);
        assert.equal((await c.get(`/api/v1/threads/${q.id}/coaching`)).status, 404);
        const w = await c.postJSON(`/api/v1/threads/${q.id}/coaching/comments`, { body: 'hi' });
        assert.equal(w.status, c === u.coach2 || c === u.outsider || c === u.other ? 404 : 401, w.text);
      }
      const cn2 = await notes(u.coach2);
      assert.ok(!cn2.some((n) => /private quuxometer/.test(n.text)), 'non-members are not told');
      const cn = await notes(u.coach);
      assert.ok(cn.some((n) => /private quuxometer/.test(n.text)), 'member coaches are told');
      let r = await u.newbie.postJSON(`/api/v1/threads/${q.id}/coaching/publish`, {});
      assert.equal(r.status, 200, r.text);
      assert.equal((await u.outsider.get(`/api/v1/threads/${q.id}`)).status, 404, 'still private');
      assert.equal((await u.coach.get(`/api/v1/threads/${q.id}`)).status, 200);
      const s = await u.outsider.get('/api/v1/search?q=zanthoxylum');
      assert.equal(s.json.results.length, 0);
    });
  });
}

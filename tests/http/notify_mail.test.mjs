// Notification email, on every backend, against a real SMTP sink (tests/smtp_sink.py) with
// notify_mail_delay = 2 s: an answer is mailed once after the delay with its headers
// (Message-ID; In-Reply-To and References equal across two messages about one thread;
// List-Id; List-Unsubscribe with one-click List-Unsubscribe-Post; Reply-To with a reply key
// whose MAC is checked here against the instance secret; text and HTML parts; no images);
// a notification read in the app before the delay is not mailed; three notifications make one
// message; the one-click unsubscribe POST (no cookies) stops that kind, GET changes nothing,
// a forged token is refused; a member removed from a private community before the send gets
// nothing; an unverified address gets nothing; the preferences API round trip; the
// watcher fan-out as a queued job; and "event starts in 24 hours" (once per member and date). Messages are parsed with Python's email package.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { backends, randomName, sql, startServer } from './lib.mjs';
import { startSink } from './mail_lib.mjs';

const PW = 'correct-horse-battery-staple-7';
const DELAY = 2; // seconds (setting notify_mail_delay)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Headers and parts of a message, with Python's email package; and the reply key's MAC
// recomputed (BLAKE2b keyed with BLAKE2b(secret), as core/rand.c keyed_hash).
const PARSER = `
import email, json, sys, hashlib, re
from email import policy
raw = open(sys.argv[1], 'rb').read()
secret = sys.argv[2].encode()
m = email.message_from_bytes(raw, policy=policy.default)
def body(kind):
    p = m.get_body(preferencelist=(kind,))
    return p.get_content() if p is not None else None
h = {k: (str(m[k]) if m[k] is not None else None) for k in
     ['to', 'subject', 'message-id', 'in-reply-to', 'references', 'list-id', 'list-unsubscribe',
      'list-unsubscribe-post', 'reply-to']}
key_ok = None
rt = h['reply-to'] or ''
mm = re.search(r'\\+(r-(\\d+)-(\\d+)-(\\d+)-([0-9a-f]+))@', rt)
if mm:
    k = hashlib.blake2b(secret, digest_size=32).digest()
    msg = ('reply:%s:%s:%s' % (mm.group(2), mm.group(3), mm.group(4))).encode()
    key_ok = hashlib.blake2b(msg, key=k, digest_size=32).hexdigest()[:20] == mm.group(5)
print(json.dumps({'h': h, 'text': body('plain'), 'html': body('html'), 'key_ok': key_ok,
                  'reply_tid': int(mm.group(3)) if mm else None,
                  'defects': [type(d).__name__ for part in m.walk() for d in part.defects]}))
`;

for (const backend of backends()) {
  describe(`notification email (${backend})`, () => {
    let srv;
    let sink;
    let secret;
    const u = {};
    const tag = randomName().slice(0, 6);
    const pub = `nm-${tag}`;
    const priv = `nz-${tag}`;
    const names = ['asker', 'ans1', 'ans2', 'privy', 'unver', 'watcher', 'coord'];

    const parse = (file) => {
      const r = spawnSync('/usr/bin/python3', ['-c', PARSER, file, secret], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout);
    };
    const mailTo = (name) => sink.files().map(parse).filter((m) => m.h.to === `${name}@example.org`);
    async function waitMail(name, n, ms = 15000) {
      const end = Date.now() + ms;
      for (;;) {
        const got = mailTo(name);
        if (got.length >= n) return got;
        if (Date.now() > end) throw new Error(`${name}: expected ${n} messages, got ${got.length}`);
        await sleep(200);
      }
    }
    // Long enough for a scheduled notify_mail job (and its mail job) to have run.
    async function quiet() {
      await sleep((DELAY + 1) * 1000);
      for (let i = 0; i < 100; i++) {
        const left = sql(srv, "SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running') "
          + "AND kind IN ('notify_mail', 'notify_fanout', 'mail')");
        if (left === '0') return;
        await sleep(100);
      }
      throw new Error('jobs did not finish');
    }
    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303);
      await c.get('/');
      return c;
    }
    async function ask(c, community, title) {
      const r = await c.postJSON(`/api/v1/communities/${community}/threads`, {
        kind: 'question', title, body: `Body of ${title}`, tags: ['alpha'],
      });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function post(c, tid, body) {
      const r = await c.postJSON(`/api/v1/threads/${tid}/posts`, { body });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    const prefs = async (c) => (await c.get('/api/v1/notifications/preferences')).json;

    before(async () => {
      sink = await startSink();
      srv = await startServer({ backend, args: ['--smtp', sink.url, '--job-retry-base', '1'] });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of names) await srv.addUser(n, { password: PW });
      sql(srv, `INSERT INTO settings (key, value) VALUES ('notify_mail_delay', '${DELAY}')`);
      for (const n of names.filter((x) => x !== 'unver')) {
        sql(srv, `UPDATE users SET email = '${n}@example.org', email_key = '${n}@example.org', `
          + `email_verified_at = 1 WHERE name = '${n}'`);
      }
      sql(srv, "UPDATE users SET email = 'unver@example.org', email_key = 'unver@example.org' WHERE name = 'unver'");
      secret = sql(srv, "SELECT value FROM settings WHERE key = 'secret'");
      u.admin = await login('admin1');
      for (const n of names) u[n] = await login(n);
      await u.admin.get('/admin');
      await u.admin.post('/admin', { community_creation: 'members' });
      for (const [slug, visibility] of [[pub, 'public'], [priv, 'private']]) {
        const r = await u.coord.postJSON('/api/v1/communities', {
          name: `Mail ${slug}`, slug, visibility, tags: 'alpha, beta',
        });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${priv}/invites`, { days: 7, max_uses: 0 });
      for (const n of names.filter((x) => x !== 'coord')) {
        let r = await u[n].postJSON(`/api/v1/communities/${pub}/join`, {});
        assert.equal(r.status, 200, r.text);
        r = await u[n].postJSON(`/api/v1/communities/${priv}/join`, { invite: inv.json.token });
        assert.equal(r.status, 200, r.text);
        // joining writes "welcome" notifications (in the app only): read them so the counts
        // below are about what the tests post
        r = await u[n].postJSON('/api/v1/notifications/read', {});
        assert.equal(r.status, 200, r.text);
      }
    });
    after(async () => {
      await srv?.stop();
      await sink?.stop();
      sink?.cleanup();
    });

    test('preferences API: defaults, a round trip, validation leaves everything as it was', async () => {
      let p = await prefs(u.ans2);
      assert.equal(p.kinds.answer, 'email');
      assert.equal(p.kinds.mention, 'email');
      assert.equal(p.kinds.watching, 'app');
      assert.equal(p.kinds.upvote, 'app');
      assert.equal(p.all, 'on');
      assert.equal(p.digest, 'on');
      let r = await u.ans2.putJSON('/api/v1/notifications/preferences', { watching: 'digest', upvote: 'email' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.kinds.watching, 'digest');
      p = await prefs(u.ans2);
      assert.equal(p.kinds.watching, 'digest');
      assert.equal(p.kinds.upvote, 'email');
      r = await u.ans2.putJSON('/api/v1/notifications/preferences', { watching: 'app', upvote: 'loud' });
      assert.equal(r.status, 400, r.text);
      r = await u.ans2.putJSON('/api/v1/notifications/preferences', { nosuchkind: 'app' });
      assert.equal(r.status, 400, r.text);
      p = await prefs(u.ans2);
      assert.equal(p.kinds.watching, 'digest', 'all or nothing');
      r = await u.ans2.putJSON('/api/v1/notifications/preferences', { watching: 'app', upvote: 'app' });
      assert.equal(r.status, 200);
      assert.equal((await srv.client().get('/api/v1/notifications/preferences')).status, 401);
      // The settings page shows and saves the same choices.
      r = await u.ans2.get('/settings/notifications');
      assert.equal(r.status, 200);
      assert.match(r.text, /<select name="answer" id="pref-answer">/);
      r = await u.ans2.post('/settings/notifications', { answer: 'digest', all: 'on', digest: 'off' });
      assert.equal(r.status, 303, r.text);
      p = await prefs(u.ans2);
      assert.equal(p.kinds.answer, 'digest');
      assert.equal(p.digest, 'off');
      await u.ans2.putJSON('/api/v1/notifications/preferences', { answer: 'email', digest: 'on' });
    });

    let first;
    test('an answer is mailed once after the delay, with threading, list and reply headers', async () => {
      const q = await ask(u.asker, pub, `Mailed question ${tag}`);
      const before = mailTo('asker').length;
      await post(u.ans1, q.id, 'An answer worth a mail');
      await sleep(500);
      assert.equal(mailTo('asker').length, before, 'not before the delay');
      const got = await waitMail('asker', before + 1);
      const m = got[before];
      first = { m, q };
      assert.deepEqual(m.defects, []);
      assert.match(m.h.subject, new RegExp(`^\\[${pub}\\] ans1 answered your question`));
      assert.match(m.h['message-id'], /^<[0-9a-f]{32}@[^>]+>$/);
      const host = m.h['message-id'].split('@')[1].slice(0, -1);
      assert.equal(m.h['in-reply-to'], `<thread-${q.id}@${host}>`);
      assert.equal(m.h.references, m.h['in-reply-to']);
      assert.equal(m.h['list-id'], `<${pub}.${host}>`);
      assert.match(m.h['list-unsubscribe'], /^<http:\/\/[^>]+\/mail\/unsubscribe\?t=u-\d+-answer-[0-9a-f]+>$/);
      assert.equal(m.h['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
      assert.equal(m.key_ok, true, `Reply-To carries a valid reply key: ${m.h['reply-to']}`);
      assert.equal(m.reply_tid, q.id);
      assert.match(m.text, /ans1 answered your question/);
      assert.match(m.text, /\/mail\/unsubscribe\?t=u-\d+-all-/, 'a signed unsubscribe link in the body');
      assert.ok(m.html && m.html.includes('ans1 answered your question'), 'an HTML part');
      assert.doesNotMatch(m.html, /<img/i, 'no tracking pixels');
      await quiet();
      assert.equal(mailTo('asker').length, before + 1, 'sent once');
      // A second message about the same thread threads with the first.
      await post(u.ans2, q.id, `A mention for @asker in the same thread`);
      const got2 = await waitMail('asker', before + 2);
      const m2 = got2[before + 1];
      assert.notEqual(m2.h['message-id'], m.h['message-id']);
      assert.equal(m2.h['in-reply-to'], m.h['in-reply-to']);
      assert.equal(m2.h.references, m.h.references);
    });

    test('a notification read in the app before the delay is not mailed', async () => {
      const q = await ask(u.asker, pub, `Read in time ${tag}`);
      const before = mailTo('asker').length;
      await post(u.ans1, q.id, 'An answer read quickly');
      const r = await u.asker.postJSON('/api/v1/notifications/read', {});
      assert.equal(r.status, 200);
      await quiet();
      assert.equal(mailTo('asker').length, before);
    });

    test('three notifications within the delay make one message', async () => {
      const qs = [];
      for (let i = 0; i < 3; i++) qs.push(await ask(u.asker, pub, `Batch ${i} ${tag}`));
      await u.asker.postJSON('/api/v1/notifications/read', {});
      await quiet();
      const before = mailTo('asker').length;
      for (const q of qs) await post(u.ans1, q.id, `Answer to ${q.id}`);
      await quiet();
      const got = mailTo('asker');
      assert.equal(got.length, before + 1, 'one message');
      const m = got[before];
      assert.match(m.h.subject, /3 new notifications/);
      for (let i = 0; i < 3; i++) assert.match(m.text, new RegExp(`Batch ${i} ${tag}`));
      assert.equal(m.h['in-reply-to'], null, 'several threads: not threaded under one');
    });

    test('one-click unsubscribe: GET changes nothing, a POST without cookies stops that kind; a forged token is refused', async () => {
      const url = new URL(first.m.h['list-unsubscribe'].slice(1, -1));
      const path = url.pathname + url.search;
      const anon = srv.client();
      let r = await anon.get(path);
      assert.equal(r.status, 200);
      assert.match(r.text, /<form method="post"/);
      assert.equal((await prefs(u.asker)).kinds.answer, 'email', 'GET changes nothing');
      // Forged: another scope with the same MAC, and a bad MAC.
      const forged = path.replace('-answer-', '-all-');
      r = await anon.request('POST', forged, {
        body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(r.status, 404);
      r = await anon.request('POST', path.slice(0, -3) + (path.endsWith('000') ? '111' : '000'), {
        body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(r.status, 404);
      assert.equal((await anon.get('/mail/unsubscribe?t=nonsense')).status, 404);
      let p = await prefs(u.asker);
      assert.equal(p.kinds.answer, 'email');
      assert.equal(p.all, 'on');
      r = await anon.request('POST', path, {
        body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(r.status, 200, r.text);
      p = await prefs(u.asker);
      assert.equal(p.kinds.answer, 'app');
      assert.equal(p.all, 'on');
      await u.asker.postJSON('/api/v1/notifications/read', {});
      const before = mailTo('asker').length;
      const q = await ask(u.asker, pub, `After unsubscribing ${tag}`);
      await post(u.ans1, q.id, 'An answer that stays in the app');
      await quiet();
      assert.equal(mailTo('asker').length, before, 'no answer mail any more');
      assert.equal((await u.asker.get('/api/v1/notifications?filter=unread')).json.unread, 1, 'still in the app');
    });

    test('a member removed from a private community before the send gets no mail about it', async () => {
      const q = await ask(u.ans1, priv, `Private ${tag}`);
      const before = mailTo('privy').length;
      await post(u.ans2, q.id, `A private mention of @privy`);
      assert.equal((await u.privy.get('/api/v1/notifications?filter=unread')).json.unread, 1);
      const r = await u.coord.del(`/api/v1/communities/${priv}/members/privy`);
      assert.equal(r.status, 200, r.text);
      await quiet();
      assert.equal(mailTo('privy').length, before);
    });

    test('an unverified address gets no mail', async () => {
      const q = await ask(u.ans1, pub, `Unverified ${tag}`);
      await post(u.ans2, q.id, `Hello @unver`);
      assert.equal((await u.unver.get('/api/v1/notifications?filter=unread')).json.unread, 1);
      await quiet();
      assert.equal(mailTo('unver').length, 0);
    });

    test('the watcher fan-out is a job: the post returns, then watchers are told', async () => {
      const q = await ask(u.ans1, pub, `Watched ${tag}`);
      let r = await u.watcher.putJSON(`/api/v1/threads/${q.id}/notification-level`, { level: 'watching' });
      assert.equal(r.status, 200);
      await u.watcher.postJSON('/api/v1/notifications/read', {});
      const p = await post(u.ans2, q.id, 'Something for the watcher');
      const job = sql(srv, `SELECT kind FROM jobs WHERE idempotency_key = 'fanout:${p.id}'`);
      assert.equal(job, 'notify_fanout', 'queued with the post');
      let n;
      for (let i = 0; i < 100; i++) {
        n = (await u.watcher.get('/api/v1/notifications?filter=unread')).json;
        if (n.unread) break;
        await sleep(100);
      }
      assert.equal(n.unread, 1);
      assert.equal(n.notifications[0].kind, 'watching');
      assert.equal(n.notifications[0].thread_id, q.id);
    });

    test('"starts in 24 hours": told once per member and date when the job is due, mailed', async () => {
      const fmt = (t) => new Date(t).toISOString().slice(0, 16);
      const soon = Date.now() + 23 * 3600 * 1000;
      const later = Date.now() + 72 * 3600 * 1000;
      let r = await u.coord.postJSON(`/api/v1/communities/${pub}/events`, {
        title: `Soon ${tag}`, start: fmt(soon), end: fmt(soon + 3600 * 1000), timezone: 'UTC',
      });
      assert.equal(r.status, 201, r.text);
      const soonId = r.json.id;
      const soonKey = r.json.occurrences[0].key;
      r = await u.coord.postJSON(`/api/v1/communities/${pub}/events`, {
        title: `Later ${tag}`, start: fmt(later), end: fmt(later + 3600 * 1000), timezone: 'UTC',
      });
      assert.equal(r.status, 201, r.text);
      const laterId = r.json.id;
      const laterKey = r.json.occurrences[0].key;
      await u.watcher.postJSON('/api/v1/notifications/read', {});
      const before = mailTo('watcher').length;
      r = await u.watcher.putJSON(`/api/v1/events/${soonId}/occurrences/${soonKey}/rsvp`, { status: 'going' });
      assert.equal(r.status, 200, r.text);
      r = await u.watcher.putJSON(`/api/v1/events/${laterId}/occurrences/${laterKey}/rsvp`, { status: 'going' });
      assert.equal(r.status, 200, r.text);
      // The later date's job waits until 24 hours before it.
      const runAt = Number(sql(srv, `SELECT run_at FROM jobs WHERE kind = 'event_soon' AND payload LIKE '%"event":${laterId},%'`));
      assert.ok(Math.abs(runAt - (Math.floor(later / 60000) * 60 - 86400)) < 120, `run_at ${runAt}`);
      let n;
      for (let i = 0; i < 100; i++) {
        n = (await u.watcher.get('/api/v1/notifications?filter=unread')).json;
        if (n.unread) break;
        await sleep(100);
      }
      assert.equal(n.unread, 1);
      assert.equal(n.notifications[0].kind, 'event_soon');
      assert.match(n.notifications[0].text, new RegExp(`Soon ${tag}`));
      const got = await waitMail('watcher', before + 1);
      assert.match(got[before].h.subject, /starts within 24 hours/);
      // Answering again (or a second run of the job) does not tell twice.
      await u.watcher.putJSON(`/api/v1/events/${soonId}/occurrences/${soonKey}/rsvp`, { status: 'maybe' });
      await u.watcher.putJSON(`/api/v1/events/${soonId}/occurrences/${soonKey}/rsvp`, { status: 'going' });
      sql(srv, `UPDATE jobs SET state = 'queued', run_at = 0 WHERE kind = 'event_soon' AND payload LIKE '%"event":${soonId},%'`);
      await quiet();
      const all = (await u.watcher.get('/api/v1/notifications')).json.notifications;
      assert.equal(all.filter((x) => x.kind === 'event_soon').length, 1);
    });

    test('unsubscribe scope "all" stops every notification email', async () => {
      const r0 = await u.ans2.putJSON('/api/v1/notifications/preferences', { all: 'off' });
      assert.equal(r0.status, 200);
      const before = mailTo('ans2').length;
      const q = await ask(u.ans2, pub, `All off ${tag}`);
      await post(u.ans1, q.id, 'An answer that is not mailed');
      await quiet();
      assert.equal(mailTo('ans2').length, before);
    });
  });
}

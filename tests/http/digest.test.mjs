// Digests, on every backend, against a real SMTP sink (tests/smtp_sink.py; messages parsed
// with Python's email package): a member who has not visited gets one digest with the new
// threads of their community and of a tag they watch elsewhere, a "question you could
// answer" from a tag where their answer was accepted, an upcoming event and an article of
// theirs due for review; nothing from a private community they are not in or were removed
// from; a member who visited, and one whose frequency is off, get none; two sweeps for one
// period send one digest; List-Id and one-click List-Unsubscribe are present; the setting
// over the API and the settings page; `praxis digest run` rejects unknown options.
// Notifications a member left for the digest (kind "answer" set to "digest"): not mailed by
// the notify_mail job (notify_mail_delay = 1 s here), listed under "Your notifications" at the
// top of the next digest with their text and link, then marked mailed (the next period does
// not repeat them; a digest with only such a notification is sent), and one from a private
// community the member was removed from before the digest is left out.
//
// "Has not visited" is made by moving the member's session back in time with SQL (the
// server touches it on every request, so the member's client is not used after that).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { backends, randomName, sql, startServer } from './lib.mjs';
import { startSink } from './mail_lib.mjs';

const PW = 'quiet river stones';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const DAY = 86400;

for (const backend of backends()) {
  describe(`digest (${backend})`, () => {
    let srv;
    let sink;
    const u = {};
    const tag = randomName().slice(0, 6);
    const HOME = `dh-${tag}`;   // public, dana is a member
    const WATCH = `dw-${tag}`;  // public, dana watches its tag "hops"
    const FAR = `df-${tag}`;    // public, dana answers there (expertise "yeast")
    const PRIV = `dp-${tag}`;   // private, dana was a member, then removed
    const SECRET = `ds-${tag}`; // private, dana never a member
    const names = ['olga', 'dana', 'vic', 'offy', 'nora'];
    const QPRIV = `dq-${tag}`; // private, nora asks there, then is removed

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status}`);
      await c.get('/'); // a CSRF token for the JSON writes
      return c;
    }
    async function ask(c, community, title, tags, kind = 'question') {
      const r = await c.postJSON(`/api/v1/communities/${community}/threads`, {
        kind, title, body: `Body of ${title}`, tags,
      });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function post(c, tid, body) {
      const r = await c.postJSON(`/api/v1/threads/${tid}/posts`, { body });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    const uid = (name) => `(SELECT id FROM users WHERE name_key = '${name}')`;
    // The member has not visited for `days` days (their sessions were last seen then).
    function away(name, days) {
      const t = Math.floor(Date.now() / 1000) - days * DAY;
      sql(srv, `UPDATE sessions SET last_seen_at = ${t} WHERE user_id = ${uid(name)}`);
    }
    function verify(name) {
      sql(srv, `UPDATE users SET email = '${name}@example.org', email_key = '${name}@example.org', ` +
        `email_verified_at = 1 WHERE name_key = '${name}'`);
    }
    const digestsTo = (name) => sink.files().map((f) => sink.parse(f))
      .filter((m) => m.to.includes(`${name}@example.org`) && /digest/.test(m.subject));

    before(async () => {
      sink = await startSink();
      srv = await startServer({ backend, args: ['--smtp', sink.url, '--job-retry-base', '1'] });
      sql(srv, "INSERT INTO settings (key, value) VALUES ('notify_mail_delay', '1')");
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of names) await srv.addUser(n, { password: PW });
      u.admin = await login('admin1');
      for (const n of names) u[n] = await login(n);
      u.coord = u.admin; // the admin creates the communities, so coordinates them
      for (const [slug, visibility] of [[HOME, 'public'], [WATCH, 'public'], [FAR, 'public'],
        [PRIV, 'private'], [SECRET, 'private']]) {
        const r = await u.coord.postJSON('/api/v1/communities', {
          name: `Digest ${slug}`, slug, visibility, tags: 'hops, yeast, malt',
        });
        assert.equal(r.status, 201, r.text);
      }
      for (const n of ['olga', 'dana', 'vic', 'offy']) {
        const r = await u[n].postJSON(`/api/v1/communities/${HOME}/join`, {});
        assert.equal(r.status, 200, r.text);
      }
      for (const [n, slug] of [['olga', WATCH], ['olga', FAR], ['dana', FAR]]) {
        const r = await u[n].postJSON(`/api/v1/communities/${slug}/join`, {});
        assert.equal(r.status, 200, r.text);
      }
      for (const slug of [PRIV, SECRET]) {
        const inv = await u.coord.postJSON(`/api/v1/communities/${slug}/invites`, { days: 7, max_uses: 0 });
        const who = slug === PRIV ? ['olga', 'dana'] : ['olga'];
        for (const n of who) {
          const r = await u[n].postJSON(`/api/v1/communities/${slug}/join`, { invite: inv.json.token });
          assert.equal(r.status, 200, r.text);
        }
      }
    });
    after(async () => {
      await srv?.stop();
      await sink?.stop();
      sink?.cleanup();
    });

    test('the setting over the API: weekly by default, validated, off/daily/weekly', async () => {
      let r = await u.offy.get('/api/v1/me/digest');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { digest: { frequency: 'weekly', last_at: null } });
      r = await u.offy.putJSON('/api/v1/me/digest', { frequency: 'hourly' });
      assert.equal(r.status, 400, r.text);
      r = await u.offy.putJSON('/api/v1/me/digest', { frequency: 'daily' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.digest.frequency, 'daily');
      r = await u.offy.putJSON('/api/v1/me/digest', { frequency: 'off' });
      assert.equal((await u.offy.get('/api/v1/me/digest')).json.digest.frequency, 'off');
      assert.equal((await srv.client().get('/api/v1/me/digest')).status, 401);
    });

    test('the settings page has a Digest section that saves the frequency', async () => {
      let r = await u.vic.get('/settings/digest');
      assert.equal(r.status, 200, r.text.slice(0, 300));
      assert.match(r.text, /name="frequency"/);
      assert.match(r.text, /value="weekly"[^>]*checked/);
      r = await u.vic.post('/settings/digest', { frequency: 'daily' });
      assert.equal(r.status, 303, r.text.slice(0, 300));
      assert.equal((await u.vic.get('/api/v1/me/digest')).json.digest.frequency, 'daily');
      r = await u.vic.post('/settings/digest', { frequency: 'weekly' });
      assert.equal(r.status, 303);
    });

    test('praxis digest run rejects unknown options with a usage line', async () => {
      const r = await srv.cli(['digest', 'run', '--bogus']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /usage: praxis digest run/);
    });

    test('one digest with what the member may read now, and none for visitors or "off"', async () => {
      // Expertise: dana's answer on a "yeast" question in FAR is accepted.
      const solved = await ask(u.olga, FAR, `Solved yeast question ${tag}`, ['yeast']);
      const a = await post(u.dana, solved.id, 'Pitch more yeast.');
      let r = await u.olga.putJSON(`/api/v1/threads/${solved.id}/accepted`, { post_id: a.id });
      assert.equal(r.status, 200, r.text);
      await ask(u.dana, FAR, `Own yeast question ${tag}`, ['yeast']);
      // dana leaves FAR: it stays readable (public) but is not one of her communities.
      r = await u.coord.del(`/api/v1/communities/${FAR}/members/dana`);
      assert.equal(r.status, 200, r.text);
      // dana watches the tag "hops" in WATCH (not a member there).
      r = await u.dana.putJSON(`/api/v1/communities/${WATCH}/tags/hops/notification-level`, { level: 'watching' });
      assert.equal(r.status, 200, r.text);
      // Content of the period.
      await ask(u.olga, HOME, `Home news ${tag}`, ['malt'], 'discussion');
      await ask(u.olga, WATCH, `Watched hops ${tag}`, ['hops']);
      await ask(u.olga, WATCH, `Unwatched malt ${tag}`, ['malt']);
      await ask(u.olga, FAR, `Could answer yeast ${tag}`, ['yeast']);
      await ask(u.olga, FAR, `Not my tag ${tag}`, ['malt']);
      await ask(u.olga, SECRET, `SECRETX yeast ${tag}`, ['yeast']);
      await ask(u.olga, PRIV, `PRIVX while member ${tag}`, ['yeast']);
      // An event in HOME two days ahead, one in PRIV.
      const d = new Date(Date.now() + 2 * DAY * 1000);
      const day = d.toISOString().slice(0, 10);
      for (const [slug, title] of [[HOME, `Home meetup ${tag}`], [PRIV, `PRIVX meetup ${tag}`]]) {
        r = await u.coord.postJSON(`/api/v1/communities/${slug}/events`, {
          title, start: `${day}T18:00`, end: `${day}T20:00`, timezone: 'UTC',
        });
        assert.equal(r.status, 201, r.text);
      }
      // Articles owned by dana, due for review: in HOME and in PRIV.
      for (const [slug, title] of [[HOME, `Home article ${tag}`], [PRIV, `PRIVX article ${tag}`]]) {
        r = await u.coord.postJSON(`/api/v1/communities/${slug}/articles`, { title, body_md: 'Text.', publish: true });
        assert.equal(r.status, 201, r.text);
        r = await u.coord.patchJSON(`/api/v1/communities/${slug}/articles/${r.json.slug}`, {
          owner: 'dana', review_by: '2021-05-01',
        });
        assert.equal(r.status, 200, r.text);
      }
      // dana leaves PRIV (removed by its coordinator): none of its content may reach her.
      r = await u.coord.del(`/api/v1/communities/${PRIV}/members/dana`);
      assert.equal(r.status, 200, r.text);

      for (const n of ['dana', 'vic', 'offy']) verify(n);
      away('dana', 8);
      away('offy', 8);
      // vic visited a moment ago (signed in), so is not due.
      const now = Math.floor(Date.now() / 1000) + 60;
      const before = sink.files().length;
      r = await srv.cli(['digest', 'run', '--now', String(now)]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /queued 1 digest\b/);
      r = await srv.cli(['digest', 'run', '--now', String(now + 120)]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /queued 0 digests/, 'a second sweep for the period queues nothing');
      await sink.waitFor(before + 1);
      await sleep(1500); // any second digest would arrive by now
      r = await srv.cli(['digest', 'run', '--now', String(now + 3600)]);
      assert.match(r.stdout, /queued 0 digests/, 'the built digest moved the member on');
      await sleep(500);
      const mine = digestsTo('dana');
      assert.equal(mine.length, 1, 'exactly one digest');
      assert.equal(digestsTo('vic').length, 0, 'a member who visited gets none');
      assert.equal(digestsTo('offy').length, 0, 'frequency off gets none');
      const m = mine[0];
      assert.match(m.subject, /^\[[^\]]+\] Weekly digest: 2 new (threads|questions|discussions)/, m.subject);
      const t = m.text;
      assert.match(t, new RegExp(`Home news ${tag}`));
      assert.match(t, new RegExp(`Watched hops ${tag}`));
      assert.doesNotMatch(t, new RegExp(`Unwatched malt ${tag}`), 'a tag she does not watch, outside her communities');
      assert.match(t, /QUESTIONS YOU COULD ANSWER/);
      const could = t.slice(t.indexOf('QUESTIONS YOU COULD ANSWER'));
      assert.match(could, new RegExp(`Could answer yeast ${tag}`));
      assert.doesNotMatch(t, new RegExp(`Not my tag ${tag}`));
      assert.doesNotMatch(t, new RegExp(`Own yeast question ${tag}`));
      assert.doesNotMatch(t, new RegExp(`Solved yeast question ${tag}`), 'answered questions are not listed');
      assert.match(t, new RegExp(`UPCOMING EVENTS\\s+- Home meetup ${tag}, ${day}T18:00`));
      assert.match(t, new RegExp(`ARTICLES DUE FOR REVIEW\\s+- Home article ${tag}`));
      assert.doesNotMatch(t, /SECRETX/, 'a private community she is not in');
      assert.doesNotMatch(t, /PRIVX/, 'a private community she was removed from');
      assert.doesNotMatch(m.html, /SECRETX|PRIVX|<img/i, 'no private content, no tracking pixel');
      assert.match(m.html, new RegExp(`Home news ${tag}`));
      assert.match(t, /\/mail\/unsubscribe\?t=u-\d+-digest-[0-9a-f]+/);
      const raw = m.raw.replace(/\r\n[ \t]+/g, ' ');
      assert.match(raw, /\r\nList-Unsubscribe: <https?:\/\/[^>]+\/mail\/unsubscribe\?t=u-\d+-digest-[0-9a-f]+>\r\n/);
      assert.match(raw, /\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n/);
      assert.match(raw, /\r\nList-Id: <digest\.[^>]+>\r\n/);
      // The setting shows when the last digest was built.
      const last = sql(srv, `SELECT digest_last_at FROM users WHERE name_key = 'dana'`);
      assert.equal(Number(last), now);
    });

    test('notifications left for the digest: not mailed, listed once, nothing removed from view', async () => {
      const mailTo = (name) => sink.files().map((f) => sink.parse(f))
        .filter((m) => m.to.includes(`${name}@example.org`));
      verify('nora');
      let r = await u.nora.putJSON('/api/v1/notifications/preferences', { answer: 'digest' });
      assert.equal(r.status, 200, r.text);
      r = await u.nora.postJSON(`/api/v1/communities/${HOME}/join`, {});
      assert.equal(r.status, 200, r.text);
      r = await u.coord.postJSON('/api/v1/communities', {
        name: `Digest ${QPRIV}`, slug: QPRIV, visibility: 'private', tags: 'hops',
      });
      assert.equal(r.status, 201, r.text);
      const inv = await u.coord.postJSON(`/api/v1/communities/${QPRIV}/invites`, { days: 7, max_uses: 0 });
      for (const n of ['nora', 'olga']) {
        r = await u[n].postJSON(`/api/v1/communities/${QPRIV}/join`, { invite: inv.json.token });
        assert.equal(r.status, 200, r.text);
      }
      const q = await ask(u.nora, HOME, `Nora public question ${tag}`, ['malt']);
      const a = await post(u.olga, q.id, 'Use more malt.');
      const pq = await ask(u.nora, QPRIV, `QPRIVX nora question ${tag}`, ['hops']);
      const pa = await post(u.olga, pq.id, 'A private answer.');
      r = await u.coord.del(`/api/v1/communities/${QPRIV}/members/nora`);
      assert.equal(r.status, 200, r.text);
      // The notify_mail delay (1 s) passes: nothing is mailed for "digest" notifications.
      await sleep(3000);
      assert.equal(mailTo('nora').length, 0, 'no notification email for a kind set to digest');
      const unmailed = sql(srv, `SELECT COUNT(*) FROM notifications WHERE user_id = ${uid('nora')} ` +
        `AND kind = 'answer' AND mailed_at IS NULL AND post_id = ${a.id}`);
      assert.equal(unmailed, '1');

      away('nora', 8);
      const now = Math.floor(Date.now() / 1000) + 60;
      const before = sink.files().length;
      r = await srv.cli(['digest', 'run', '--now', String(now)]);
      assert.equal(r.code, 0, r.stderr);
      await sink.waitFor(before + 1);
      await sleep(1000);
      let mine = digestsTo('nora');
      assert.equal(mine.length, 1, 'one digest');
      let t = mine[0].text;
      assert.match(t, /^Here is what happened[^\n]*\r?\n\r?\nYOUR NOTIFICATIONS\r?\n/, 'the section is at the top');
      const notes = t.slice(t.indexOf('YOUR NOTIFICATIONS'), t.indexOf('NEW THREADS'));
      assert.match(notes, new RegExp(`olga answered your question “Nora public question ${tag}”`));
      assert.match(notes, new RegExp(`https?://[^\\s]+/p/${a.id}\\b`));
      assert.doesNotMatch(t, /QPRIVX/, 'a private community she was removed from');
      assert.doesNotMatch(t, new RegExp(`/p/${pa.id}\\b`));
      assert.match(mine[0].html, new RegExp(`/p/${a.id}`));
      const mailed = sql(srv, `SELECT COUNT(*) FROM notifications WHERE user_id = ${uid('nora')} ` +
        `AND kind = 'answer' AND mailed_at IS NOT NULL AND post_id = ${a.id}`);
      assert.equal(mailed, '1', 'marked mailed with the digest');

      // The next period: a new answer only. The digest lists it alone and is sent.
      const q2 = await ask(u.nora, HOME, `Nora second question ${tag}`, ['malt']);
      const a2 = await post(u.olga, q2.id, 'Try again.');
      await sleep(2500);
      assert.equal(mailTo('nora').length, 1, 'still only the digest');
      away('nora', 1);
      const later = now + 8 * DAY;
      const before2 = sink.files().length;
      r = await srv.cli(['digest', 'run', '--now', String(later)]);
      assert.equal(r.code, 0, r.stderr);
      await sink.waitFor(before2 + 1);
      for (let i = 0; i < 50 && digestsTo('nora').length < 2; i++) await sleep(200);
      mine = digestsTo('nora');
      assert.equal(mine.length, 2, 'a digest with only a notification is sent');
      t = mine[1].text.includes(`/p/${a2.id}`) ? mine[1].text : mine[0].text;
      assert.match(t, new RegExp(`/p/${a2.id}\\b`));
      assert.doesNotMatch(t, new RegExp(`/p/${a.id}\\b`), 'not repeated');
      assert.doesNotMatch(t, /NEW THREADS/);
    });
  });
}

// Reply by email, on every backend: `praxis mail-in` run against the database of a running
// server (as an MTA's pipe transport would), with refusal mail delivered by that server to
// the SMTP sink. A good key posts the reply as the member (thread page and API); a forged
// key, an auto-reply and malformed MIME are dropped (exit 0, nothing posted, nothing sent);
// an expired key, a member removed from a private community and a locked thread are refused
// with an explanatory mail; a From that is not the member's verified address is refused; a
// second delivery of the same Message-ID posts nothing; --help and unknown options.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { backends, randomName, sql, startServer } from './lib.mjs';
import { startSink } from './mail_lib.mjs';

const PW = 'quiet river stones';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One RFC 5322 message (CRLF line ends).
function message({ from, to, subject = 'Re: a thread', id, headers = [], body }) {
  const lines = [
    `From: ${from}`, `To: ${to}`, `Subject: ${subject}`,
    `Date: Mon, 07 Dec 2026 17:00:00 +0000`,
    ...(id ? [`Message-ID: <${id}>`] : []),
    ...headers,
    'MIME-Version: 1.0',
  ];
  return `${lines.join('\r\n')}\r\n${body}`;
}

function plain(text) {
  return `Content-Type: text/plain; charset=utf-8\r\n\r\n${text.replace(/\n/g, '\r\n')}\r\n`;
}

for (const backend of backends()) {
  describe(`mail-in (${backend})`, () => {
    let srv;
    let sink;
    const u = {};
    const tag = randomName().slice(0, 6);
    const pub = `mi-${tag}`;
    const priv = `mx-${tag}`;
    let tid; // a public thread
    let ptid; // a private thread
    let n = 0; // Message-ID counter

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status}`);
      await c.get('/');
      return c;
    }
    // The verified address of name, set directly (the verification flow is mail.test's).
    function verify(name, email) {
      sql(srv, `UPDATE users SET email = '${email}', email_key = '${email.toLowerCase()}', `
        + `email_verified_at = 1000 WHERE name = '${name}'`);
    }
    async function replyAddress(name, thread, extra = []) {
      const r = await srv.cli(['mail-in', '--reply-address', name, String(thread), ...extra]);
      assert.equal(r.code, 0, r.stderr);
      const addr = r.stdout.trim();
      assert.match(addr, /^[^+@]+\+r-\d+-\d+-\d+-[0-9a-f]+@/);
      return addr;
    }
    async function mailIn(msg, extra = []) {
      return srv.cli(['mail-in', ...extra], { input: msg });
    }
    async function posts(thread) {
      const r = await u.admin.get(`/api/v1/threads/${thread}`);
      assert.equal(r.status, 200, r.text);
      return r.json.posts;
    }
    const nextId = () => `m${++n}-${tag}@mail.example.com`;

    before(async () => {
      sink = await startSink();
      srv = await startServer({ backend, args: ['--smtp', sink.url, '--job-retry-base', '1'] });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const name of ['ann', 'bob', 'coord']) await srv.addUser(name, { password: PW });
      u.admin = await login('admin1');
      for (const name of ['ann', 'bob', 'coord']) u[name] = await login(name);
      await u.admin.get('/admin');
      await u.admin.post('/admin', { community_creation: 'members' });
      for (const [slug, visibility] of [[pub, 'public'], [priv, 'private']]) {
        const r = await u.coord.postJSON('/api/v1/communities', { name: `Mail ${slug}`, slug, visibility });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${priv}/invites`, { days: 7, max_uses: 0 });
      for (const name of ['ann', 'bob']) {
        let r = await u[name].postJSON(`/api/v1/communities/${pub}/join`, {});
        assert.equal(r.status, 200, r.text);
        r = await u[name].postJSON(`/api/v1/communities/${priv}/join`, { invite: inv.json.token });
        assert.equal(r.status, 200, r.text);
      }
      let r = await u.bob.postJSON(`/api/v1/communities/${pub}/threads`, {
        kind: 'discussion', title: 'Calibrating the spectrometer', body: 'How often do you calibrate?',
      });
      assert.equal(r.status, 201, r.text);
      tid = r.json.id;
      r = await u.bob.postJSON(`/api/v1/communities/${priv}/threads`, {
        kind: 'discussion', title: 'Private budget discussion', body: 'Numbers inside.',
      });
      assert.equal(r.status, 201, r.text);
      ptid = r.json.id;
      verify('ann', 'Ann@Example.org');
      verify('bob', 'bob@example.org');
    });

    after(async () => {
      await srv?.stop();
      await sink?.stop();
      sink?.cleanup();
    });

    test('--help documents it; unknown options are refused with the usage line', async () => {
      const h = await srv.cli(['mail-in', '--help']);
      assert.equal(h.code, 0);
      assert.match(h.stdout, /usage: praxis mail-in/);
      assert.match(h.stdout, /75/);
      const bad = await srv.cli(['mail-in', '--frobnicate']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /unknown option '--frobnicate'/);
      assert.match(bad.stderr, /usage: praxis mail-in/);
    });

    test('a good key posts the reply as the member, quotes and signature cut; once per Message-ID', async () => {
      const addr = await replyAddress('ann', tid);
      const id = nextId();
      const msg = message({
        from: 'Ann Example <ann@example.org>', to: `"Praxis" <${addr}>`, id,
        body: plain(`Every **month**, with the reference lamp.\n\nOn Mon, Dec 7, 2026 at 5:00 PM Praxis <${addr}> wrote:\n> How often do you calibrate?\n\n-- \nAnn`),
      });
      const before = (await posts(tid)).length;
      const r = await mailIn(msg);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /msg="mail-in" outcome=posted .*post=[1-9]/);
      const ps = await posts(tid);
      assert.equal(ps.length, before + 1);
      const p = ps[ps.length - 1];
      assert.equal(p.author.name, 'ann');
      assert.equal(p.body_md, 'Every **month**, with the reference lamp.');
      assert.match(p.body_html, /<strong>month<\/strong>/);
      const page = await u.bob.get(`/c/${pub}/t/${tid}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /with the reference lamp/);
      // The MTA delivers the same message again: nothing more is posted.
      const again = await mailIn(msg);
      assert.equal(again.code, 0);
      assert.match(again.stderr, /outcome=dropped.*handled before/);
      assert.equal((await posts(tid)).length, before + 1);
    });

    test('forged key, no key, auto-reply and malformed MIME: dropped, exit 0, nothing posted or sent', async () => {
      const addr = await replyAddress('ann', tid);
      const forged = addr.replace(/-([0-9a-f]+)@/, (m, mac) => `-${mac.slice(0, -1)}${mac.endsWith('0') ? '1' : '0'}@`);
      const mails = sink.files().length;
      const before = (await posts(tid)).length;
      const cases = [
        message({ from: 'ann@example.org', to: forged, id: nextId(), body: plain('forged') }),
        message({ from: 'ann@example.org', to: 'praxis@localhost', id: nextId(), body: plain('no key') }),
        message({ from: 'ann@example.org', to: addr, id: nextId(), headers: ['Auto-Submitted: auto-replied'], body: plain('I am away until Monday.') }),
        message({ from: 'ann@example.org', to: addr, id: nextId(), headers: ['Return-Path: <>'], body: plain('Delivery failed') }),
        'this is not\x00 a message at all \xff\xfe',
        message({ from: 'ann@example.org', to: addr, id: nextId(), headers: ['Content-Type: multipart/mixed; boundary=zz'], body: '\r\n--zz\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!garbage' }),
      ];
      const outcomes = [];
      for (const msg of cases) {
        const r = await mailIn(msg);
        assert.equal(r.code, 0, r.stderr);
        outcomes.push(r.stderr.match(/outcome=(\w+)/)?.[1]);
      }
      // The last one has a valid key but no text at all: refused (the member is told);
      // the others are dropped.
      assert.deepEqual(outcomes, ['dropped', 'dropped', 'dropped', 'dropped', 'dropped', 'refused']);
      assert.equal((await posts(tid)).length, before);
      const files = await sink.waitFor(mails + 1);
      assert.match(sink.parse(files[mails]).text, /no text/);
      await sleep(1500);
      assert.equal(sink.files().length, mails + 1, 'no mail for dropped messages');
    });

    test('an expired key is refused with an explanatory mail', async () => {
      const old = Math.floor(Date.now() / 1000) - 200 * 86400;
      const addr = await replyAddress('ann', tid, ['--now', String(old)]);
      const mails = sink.files().length;
      const before = (await posts(tid)).length;
      const r = await mailIn(message({ from: 'ann@example.org', to: addr, id: nextId(), body: plain('Late reply') }));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /outcome=refused/);
      assert.equal((await posts(tid)).length, before);
      const files = await sink.waitFor(mails + 1);
      const m = sink.parse(files[mails]);
      assert.equal(m.to, 'Ann@Example.org');
      assert.equal(m.subject, 'Your reply to “Calibrating the spectrometer” was not posted');
      assert.match(m.text, /expired/);
      assert.match(m.text, new RegExp(`/c/${pub}/t/${tid}`));
    });

    test('a From that is not the verified address is refused', async () => {
      const addr = await replyAddress('ann', tid);
      const mails = sink.files().length;
      const before = (await posts(tid)).length;
      const r = await mailIn(message({ from: 'mallory@evil.example', to: addr, id: nextId(), body: plain('Let me in') }));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /outcome=refused/);
      assert.equal((await posts(tid)).length, before);
      const files = await sink.waitFor(mails + 1);
      const m = sink.parse(files[mails]);
      assert.equal(m.to, 'Ann@Example.org');
      assert.match(m.text, /mallory@evil\.example/);
    });

    test('a locked thread refuses the reply and says so', async () => {
      const addr = await replyAddress('ann', tid);
      let r = await u.coord.postJSON(`/api/v1/threads/${tid}/moderation`, { action: 'lock' });
      assert.equal(r.status, 200, r.text);
      const mails = sink.files().length;
      const before = (await posts(tid)).length;
      r = await mailIn(message({ from: 'ann@example.org', to: addr, id: nextId(), body: plain('Locked?') }));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /outcome=refused/);
      assert.equal((await posts(tid)).length, before);
      const files = await sink.waitFor(mails + 1);
      const m = sink.parse(files[mails]);
      assert.match(m.subject, /was not posted/);
      assert.match(m.text, /locked/);
      r = await u.coord.postJSON(`/api/v1/threads/${tid}/moderation`, { action: 'unlock' });
      assert.equal(r.status, 200, r.text);
    });

    test('a member removed from a private community: refused, explained, nothing posted', async () => {
      const addr = await replyAddress('bob', ptid);
      // While a member the key works.
      let r = await mailIn(message({ from: 'bob@example.org', to: addr, id: nextId(), body: plain('First private reply') }));
      assert.match(r.stderr, /outcome=posted/);
      r = await u.coord.del(`/api/v1/communities/${priv}/members/bob`);
      assert.ok(r.status === 200 || r.status === 204, r.text);
      const mails = sink.files().length;
      const before = (await posts(ptid)).length;
      r = await mailIn(message({ from: 'bob@example.org', to: addr, id: nextId(), body: plain('Second private reply') }));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /outcome=refused/);
      assert.equal((await posts(ptid)).length, before);
      const files = await sink.waitFor(mails + 1);
      const m = sink.parse(files[mails]);
      assert.equal(m.to, 'bob@example.org');
      assert.match(m.text, /no longer/);
      assert.doesNotMatch(m.text, /Numbers inside/);
    });

    test('a message over 1 MiB is dropped with a clear log line, stdin read to its end', async () => {
      const addr = await replyAddress('ann', tid);
      const before = (await posts(tid)).length;
      const big = message({ from: 'ann@example.org', to: addr, id: nextId(), body: plain(`${'y'.repeat(76)}\n`.repeat(15000)) });
      const r = await mailIn(big);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /outcome=dropped .*over the 1048576 byte limit/);
      assert.equal((await posts(tid)).length, before);
    });

    test('an unreachable database: exit 75 so the MTA retries', async () => {
      const r = await srv.cli(['mail-in', '--db', 'postgres://nobody@127.0.0.1:1/none'], { input: 'From: a@b\r\n\r\nx\r\n' });
      assert.equal(r.code, 75);
    });
  });
}

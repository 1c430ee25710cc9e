// Mail, on every backend, against a real SMTP server (tests/smtp_sink.py on loopback): the
// verification link for a new address, re-verification when it changes, password reset end
// to end (request -> mail -> link -> new password; old password and sessions gone; link
// single use; expired link refused; unknown address answered the same), the API versions,
// the admin Mail section (off without a relay, test message, retry of a dead job), the
// `praxis mail test` CLI, and durability: a job queued while the relay is down survives a
// kill -9 of the server and is delivered exactly once when both are back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { spawn } from 'node:child_process';

import { backends, startServer, sql } from './lib.mjs';
import { idleSink, linkIn, startSink } from './mail_lib.mjs';

const PW = 'quiet river stones';
const PW2 = 'another calm evening';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A signed-in client for a new account made with the CLI.
async function member(srv, name, { admin = false } = {}) {
  await srv.addUser(name, { password: PW, admin });
  const c = srv.client();
  const r = await c.signin(name, PW);
  assert.equal(r.status, 303, r.text.slice(0, 300));
  return c;
}

// Set the address through the settings page; returns the response.
async function setEmail(c, email) {
  await c.get('/settings/email');
  return c.post('/settings/email', { email });
}

// The path (with query) of the first link to p in the message's text part.
function pathOf(msg, p) {
  const url = linkIn(msg.text, p);
  assert.ok(url, `a ${p} link in:\n${msg.text}`);
  assert.ok(msg.html.includes(url.replace(/&/g, '&amp;')), 'the HTML part has the same link');
  return new URL(url).pathname + new URL(url).search;
}

// Verify name's address: set it, wait for mail number n, open its link.
async function verified(srv, sink, c, email, n) {
  assert.equal((await setEmail(c, email)).status, 303);
  const files = await sink.waitFor(n);
  const r = await c.get(pathOf(sink.parse(files[n - 1]), '/verify-email?token='));
  assert.equal(r.status, 200, r.text);
}

// Response text without the per-request parts (CSRF tokens, nonces).
function stable(text) {
  return text.replace(/value="[0-9a-f]{20,}"/g, '').replace(/nonce-[^'"]+/g, '')
    .replace(/nonce="[^"]+"/g, '').replace(/content="[0-9a-f]{20,}"/g, '');
}

for (const backend of backends()) {
  describe(`mail (${backend})`, () => {
    let srv;
    let sink;
    before(async () => {
      sink = await startSink();
      srv = await startServer({ backend, args: ['--smtp', sink.url, '--job-retry-base', '1'] });
    });
    after(async () => {
      await srv?.stop();
      await sink?.stop();
      sink?.cleanup();
    });

    test('a new address gets a verification link that works once; GET /api/v1/me shows it', async () => {
      const c = await member(srv, 'ann');
      let me = await c.get('/api/v1/me');
      assert.equal(me.json.user.email, null);
      assert.equal(me.json.user.email_verified, false);
      const before = sink.files().length;
      const r = await setEmail(c, 'Ann@Example.org');
      assert.equal(r.status, 303);
      me = await c.get('/api/v1/me');
      assert.equal(me.json.user.email, 'Ann@Example.org');
      assert.equal(me.json.user.email_verified, false);
      const files = await sink.waitFor(before + 1);
      const m = sink.parse(files[before]);
      assert.equal(m.to, 'Ann@Example.org');
      assert.match(m.subject, /^Confirm your email address on /);
      assert.equal(m.content_type, 'multipart/alternative');
      assert.match(m.message_id, /^<[0-9a-f]{32}@localhost>$/);
      assert.deepEqual(m.defects, []);
      assert.ok(m.max_line <= 78, `lines at most 78, got ${m.max_line}`);
      assert.equal(m.bare_lf, false);
      const link = pathOf(m, '/verify-email?token=');
      const anon = srv.client();
      const ok = await anon.get(link); // works without a session (opened from a mail client)
      assert.equal(ok.status, 200, ok.text);
      assert.match(ok.text, /Address confirmed/);
      me = await c.get('/api/v1/me');
      assert.equal(me.json.user.email_verified, true);
      const again = await anon.get(link);
      assert.equal(again.status, 404);
      assert.match(again.text, /not valid/);
      const page = await c.get('/settings/email');
      assert.match(page.text, /Ann@Example.org<\/strong>: verified/);
      // the token is stored hashed, never as sent
      const token = new URL(`http://x${link}`).searchParams.get('token');
      assert.equal(sql(srv, `SELECT count(*) FROM email_tokens WHERE token_hash = '${token}'`), '0');
    });

    test('changing the address needs a new verification; older links stop working', async () => {
      const c = await member(srv, 'bea');
      let n = sink.files().length;
      await verified(srv, sink, c, 'bea@example.org', n + 1);
      n = sink.files().length;
      // PATCH /api/v1/me with a JSON body
      let r = await c.patchJSON('/api/v1/me', { email: 'bea@example.net' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.user.email, 'bea@example.net');
      assert.equal(r.json.user.email_verified, false);
      const first = sink.parse((await sink.waitFor(n + 1))[n]);
      assert.equal(first.to, 'bea@example.net');
      r = await c.patchJSON('/api/v1/me', { email: 'bea@example.com' });
      assert.equal(r.status, 200);
      const second = sink.parse((await sink.waitFor(n + 2))[n + 1]);
      assert.equal(second.to, 'bea@example.com');
      assert.equal((await c.get(pathOf(first, '/verify-email?token='))).status, 404);
      assert.equal((await c.get(pathOf(second, '/verify-email?token='))).status, 200);
      r = await c.get('/api/v1/me');
      assert.equal(r.json.user.email, 'bea@example.com');
      assert.equal(r.json.user.email_verified, true);
      // invalid and taken addresses are refused
      r = await c.patchJSON('/api/v1/me', { email: 'not an address', display_name: 'Changed' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'email');
      assert.notEqual((await c.get('/api/v1/me')).json.user.display_name, 'Changed', 'nothing changed');
      r = await c.patchJSON('/api/v1/me', { email: 'ANN@example.org' });
      assert.equal(r.status, 409);
    });

    test('password reset: mail, link, new password; old one and all sessions end; single use; same answer for unknown', async () => {
      const c = await member(srv, 'cid');
      await verified(srv, sink, c, 'cid@example.org', sink.files().length + 1);
      await c.get('/settings/tokens');
      const made = await c.post('/settings/tokens', { name: 'script' });
      const apiToken = (made.text.match(/pxt_[0-9a-f]{32}/) || [])[0];
      assert.ok(apiToken, 'an API token was made');
      const other = await member(srv, 'cid2');
      void other;
      const n = sink.files().length;
      const anon = srv.client();
      const signin = await anon.get('/signin');
      assert.match(signin.text, /href="\/password-reset"[^>]*>Forgot password\?/);
      await anon.get('/password-reset');
      const known = await anon.post('/password-reset', { email: 'CID@example.org' });
      assert.equal(known.status, 200);
      await anon.get('/password-reset');
      const unknown = await anon.post('/password-reset', { email: 'nobody@example.org' });
      assert.equal(unknown.status, 200);
      assert.equal(stable(unknown.text), stable(known.text));
      const byName = await anon.post('/password-reset', { email: 'nobody-at-all' });
      assert.equal(byName.status, 200);
      const files = await sink.waitFor(n + 1);
      await sleep(1500);
      assert.equal(sink.files().length, n + 1, 'no mail for unknown names and addresses');
      const m = sink.parse(files[n]);
      assert.equal(m.to, 'cid@example.org');
      assert.match(m.subject, /^Reset your password on /);
      const link = pathOf(m, '/password-reset/confirm?token=');
      const form = await anon.get(link);
      assert.equal(form.status, 200);
      assert.match(form.text, /Choose a new password/);
      const token = new URL(`http://x${link}`).searchParams.get('token');
      // a weak password is refused and the link still works
      let r = await anon.post('/password-reset/confirm', { token, password: 'short', password2: 'short' });
      assert.equal(r.status, 422, r.text.slice(0, 200));
      r = await anon.post('/password-reset/confirm', { token, password: PW2, password2: PW2 });
      assert.equal(r.status, 200, r.text.slice(0, 300));
      assert.match(r.text, /Password changed/);
      assert.equal((await c.get('/api/v1/me')).status, 401, 'the old session ended');
      const byToken = await srv.client({ token: apiToken }).get('/api/v1/me');
      assert.equal(byToken.status, 401, 'a reset revokes the API tokens too (whoever had the password may have made them)');
      assert.notEqual((await srv.client().signin('cid', PW)).status, 303);
      assert.equal((await srv.client().signin('cid', PW2)).status, 303);
      // single use
      assert.equal((await anon.get(link)).status, 404);
      await anon.get('/password-reset');
      r = await anon.post('/password-reset/confirm', { token, password: PW, password2: PW });
      assert.equal(r.status, 404);
    });

    test('an expired reset link is refused; the API asks and confirms', async () => {
      const c = await member(srv, 'dee');
      await verified(srv, sink, c, 'dee@example.org', sink.files().length + 1);
      let n = sink.files().length;
      const api = srv.client();
      let r = await api.postJSON('/api/v1/password-reset', { email: 'dee@example.org' });
      assert.equal(r.status, 202, r.text);
      assert.equal(r.json.status, 'sent');
      const u = await api.postJSON('/api/v1/password-reset', { email: 'nobody@example.org' });
      assert.equal(u.status, 202);
      assert.deepEqual(u.json, r.json);
      let m = sink.parse((await sink.waitFor(n + 1))[n]);
      let token = new URL(linkIn(m.text, '/password-reset/confirm?token=')).searchParams.get('token');
      sql(srv, 'UPDATE email_tokens SET expires_at = 1000 WHERE used_at IS NULL AND purpose = \'reset\'');
      assert.equal((await api.get(`/password-reset/confirm?token=${token}`)).status, 404);
      r = await api.postJSON('/api/v1/password-reset/confirm', { token, password: PW2 });
      assert.equal(r.status, 404);
      // a new link works through the API
      n = sink.files().length;
      r = await api.postJSON('/api/v1/password-reset', { email: 'dee' });
      assert.equal(r.status, 202);
      m = sink.parse((await sink.waitFor(n + 1))[n]);
      token = new URL(linkIn(m.text, '/password-reset/confirm?token=')).searchParams.get('token');
      r = await api.postJSON('/api/v1/password-reset/confirm', { token, password: 'short' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'password');
      r = await api.postJSON('/api/v1/password-reset/confirm', { token, password: PW2 });
      assert.equal(r.status, 200, r.text);
      assert.equal((await srv.client().signin('dee', PW2)).status, 303);
      r = await api.postJSON('/api/v1/password-reset/confirm', { token, password: PW });
      assert.equal(r.status, 404);
      // a form post without the CSRF token is refused
      r = await srv.client().request('POST', '/api/v1/password-reset', {
        body: 'email=dee', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      assert.equal(r.status, 403);
    });

    test('reset mail is limited per account, the same answer continues', async () => {
      const c = await member(srv, 'eve');
      await verified(srv, sink, c, 'eve@example.org', sink.files().length + 1);
      const n = sink.files().length;
      const api = srv.client();
      for (let i = 0; i < 5; i++) {
        const r = await api.postJSON('/api/v1/password-reset', { email: 'eve@example.org' });
        assert.equal(r.status, 202);
      }
      await sink.waitFor(n + 3);
      await sleep(1500);
      assert.equal(sink.files().length, n + 3, 'three reset mails an hour per account');
    });

    test('admin Mail section: relay shown without password, test message, retry of a dead job', async () => {
      const a = await member(srv, 'boss', { admin: true });
      let page = await a.get('/admin/mail');
      assert.equal(page.status, 200);
      assert.match(page.text, /Mail is on/);
      assert.ok(page.text.includes(sink.url));
      const n = sink.files().length;
      let r = await a.post('/admin/mail/test', { to: 'ops@example.org' });
      assert.equal(r.status, 303);
      const m = sink.parse((await sink.waitFor(n + 1))[n]);
      assert.equal(m.to, 'ops@example.org');
      assert.equal(m.subject, 'Praxis test message');
      r = await a.post('/admin/mail/test', { to: 'ops@example.org' }, { csrf: false });
      assert.equal(r.status, 403);
      // a job of a kind nobody runs is dead at once, listed, and can be retried
      sql(srv, "INSERT INTO jobs (kind, payload, run_at, idempotency_key, created_at, updated_at) VALUES ('bogus', '{}', 0, 'bogus-1', 0, 0)");
      for (let i = 0; i < 50 && sql(srv, "SELECT state FROM jobs WHERE idempotency_key = 'bogus-1'") !== 'dead'; i++) await sleep(100);
      page = await a.get('/admin/mail');
      assert.match(page.text, /unknown job kind/);
      const id = sql(srv, "SELECT id FROM jobs WHERE idempotency_key = 'bogus-1'");
      r = await a.post(`/admin/mail/jobs/${id}/retry`, {});
      assert.equal(r.status, 303);
      assert.equal(sql(srv, `SELECT attempts <= 1 FROM jobs WHERE id = ${id}`).replace('t', '1'), '1');
      const plain = await member(srv, 'plain');
      assert.equal((await plain.get('/admin/mail')).status, 403);
    });

    test('praxis mail test queues a message the server sends; options are checked', async () => {
      const n = sink.files().length;
      const r = await srv.cli(['mail', 'test', 'cli@example.org']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^queued <[0-9a-f]{32}@localhost> to cli@example.org/);
      const m = sink.parse((await sink.waitFor(n + 1))[n]);
      assert.equal(m.to, 'cli@example.org');
      const bad = await srv.cli(['mail', 'test', 'x@example.org', '--bogus']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /unknown option '--bogus'\nusage: praxis mail test/);
      const w = await srv.cli(['worker', '--nope']);
      assert.equal(w.code, 2);
      assert.match(w.stderr, /usage: praxis worker/);
    });
  });

  describe(`mail durability and mail off (${backend})`, () => {
    test('without a relay mail is off and stays queued; the admin turns it on in the settings', async () => {
      const srv = await startServer({ backend, args: ['--job-retry-base', '1'] });
      const sink = await startSink();
      try {
        const a = await member(srv, 'boss', { admin: true });
        let page = await a.get('/admin/mail');
        assert.match(page.text, /Mail is off/);
        assert.equal((await setEmail(a, 'boss@example.org')).status, 303);
        await sleep(1200);
        assert.equal(sql(srv, "SELECT state || ' ' || attempts FROM jobs WHERE kind = 'mail'"), 'queued 0');
        // a relay with a password: never shown again, kept when the masked form is saved
        let r = await a.post('/admin/mail/settings', { smtp_url: 'smtp://u:s3cret@127.0.0.1:1', mail_from: 'Ops <ops@example.org>', base_url: '' });
        assert.equal(r.status, 303, r.text.slice(0, 300));
        page = await a.get('/admin/mail');
        assert.ok(!page.text.includes('s3cret'), 'the password is not shown');
        assert.match(page.text, /smtp:\/\/u:\*\*\*@127\.0\.0\.1:1/);
        r = await a.post('/admin/mail/settings', { smtp_url: 'smtp://u:***@127.0.0.1:1', mail_from: 'Ops <ops@example.org>', base_url: '' });
        assert.equal(r.status, 303);
        assert.equal(sql(srv, "SELECT value FROM settings WHERE key = 'smtp_url'"), 'smtp://u:s3cret@127.0.0.1:1');
        r = await a.post('/admin/mail/settings', { smtp_url: 'http://nope', mail_from: '', base_url: '' });
        assert.equal(r.status, 422);
        // the real relay: the queued message goes out, from the new sender
        // (meanwhile the runner may have tried port 1 and failed: it retries within seconds)
        r = await a.post('/admin/mail/settings', { smtp_url: sink.url, mail_from: 'Ops <ops@example.org>', base_url: 'https://praxis.example.org' });
        assert.equal(r.status, 303);
        const m = sink.parse((await sink.waitFor(1))[0]);
        assert.equal(m.to, 'boss@example.org');
        assert.equal(m.from, 'Ops <ops@example.org>');
        assert.match(m.text, new RegExp(`${srv.url.replace(/[.:/]/g, '\\$&')}/verify-email\\?token=`), 'links made before the base_url changed keep theirs');
        assert.equal((await setEmail(a, 'boss@example.net')).status, 303);
        const m2 = sink.parse((await sink.waitFor(2))[1]);
        assert.ok(m2.text.includes('https://praxis.example.org/verify-email?token='), m2.text);
      } finally {
        await srv.stop();
        await sink.stop();
        sink.cleanup();
      }
    });

    test('a message queued while the relay is down survives kill -9 and arrives exactly once', async () => {
      const sink = await idleSink(); // its port is known, nothing listens yet
      const srv = await startServer({ backend, args: ['--smtp', sink.url, '--job-retry-base', '1'] });
      try {
        const c = await member(srv, 'kim');
        assert.equal((await setEmail(c, 'kim@example.org')).status, 303);
        // wait until the runner tried and failed (connection refused)
        for (let i = 0; i < 100 && sql(srv, "SELECT attempts FROM jobs WHERE kind = 'mail'") === '0'; i++) await sleep(100);
        assert.match(sql(srv, "SELECT state || ' ' || (attempts >= 1) || ' ' || (last_error <> '') FROM jobs WHERE kind = 'mail'"),
          /^queued (1|true) (1|true)$/);
        await srv.kill9();
        await sink.start();
        await srv.restart();
        const files = await sink.waitFor(1, 20000);
        await sleep(2500);
        assert.equal(sink.files().length, 1, 'delivered exactly once');
        const m = sink.parse(files[0]);
        assert.equal(m.to, 'kim@example.org');
        assert.equal(sql(srv, 'SELECT state FROM jobs WHERE kind = \'mail\''), 'done');
        // the link in it still works
        assert.equal((await c.get(pathOf(m, '/verify-email?token='))).status, 200);
      } finally {
        await srv.stop();
        await sink.stop();
        sink.cleanup();
      }
    });
    test('two praxis worker processes share the queue: every message once; SIGTERM stops them', async () => {
      const sink = await startSink();
      const srv = await startServer({ backend, args: ['--no-jobs'] });
      const workers = [];
      try {
        const a = await member(srv, 'boss', { admin: true });
        for (let i = 0; i < 30; i++) {
          await a.get('/admin/mail');
          assert.equal((await a.post('/admin/mail/test', { to: `w${i}@example.org` })).status, 303);
        }
        await sleep(700);
        assert.equal(sink.files().length, 0, 'serve --no-jobs sends nothing');
        for (let k = 0; k < 2; k++) {
          const p = spawn(srv.bin, ['worker', '--db', srv.dbUrl, '--smtp', sink.url], { stdio: ['ignore', 'ignore', 'pipe'] });
          p.stderr.setEncoding('utf8');
          p.log = '';
          p.stderr.on('data', (d) => { p.log += d; });
          p.done = new Promise((r) => p.on('exit', (code, sig) => r(code ?? sig)));
          workers.push(p);
        }
        const files = await sink.waitFor(30, 30000);
        await sleep(1500);
        assert.equal(sink.files().length, 30);
        const ids = new Set(files.map((f) => sink.parse(f).message_id));
        assert.equal(ids.size, 30, 'no message twice');
        const tos = new Set(files.map((f) => sink.parse(f).to));
        assert.equal(tos.size, 30);
        assert.equal(sql(srv, "SELECT count(*) FROM jobs WHERE state = 'done' AND kind = 'mail'"), '30');
        for (const p of workers) p.kill('SIGTERM');
        for (const p of workers) assert.equal(await p.done, 0, p.log);
        const both = workers.map((p) => (p.log.match(/msg="mail sent"/g) || []).length);
        assert.equal(both[0] + both[1], 30, `sent per worker: ${both}`);
      } finally {
        for (const p of workers) { try { p.kill('SIGKILL'); } catch { /* gone */ } }
        await srv.stop();
        await sink.stop();
        sink.cleanup();
      }
    });
  });
}

// Accounts, on every backend: sign-up (validation, preserved input, duplicate names in any
// case, reserved names), sign-in and sign-out, the same message for a wrong password and an
// unknown name, the rate limit, session cookie flags and rotation, CSRF on every POST form,
// registration modes (closed, invite), profile editing (XSS escaped, Markdown rendered),
// password change ending other sessions, API tokens (create, Bearer, revoke), the JSON API
// and its error shape, the admin pages and API, and the `praxis user` CLI.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { apiClient, backends, startServer } from './lib.mjs';

const PW = 'quiet river stones';
const PW2 = 'another calm evening';

// The Set-Cookie header for one cookie name, or undefined.
function setCookie(res, name) {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}

// A signed-in client for a new account made with the CLI.
async function member(srv, name, { admin = false, password = PW } = {}) {
  await srv.addUser(name, { password, admin });
  const c = srv.client();
  const r = await c.signin(name, password);
  assert.equal(r.status, 303, `sign in as ${name}: ${r.text.slice(0, 300)}`);
  return c;
}

function assertJsonError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type') || '', /^application\/json/);
  assert.ok(r.json && r.json.error, `JSON error body, got ${r.text}`);
  assert.equal(r.json.error.code, code);
  assert.equal(typeof r.json.error.message, 'string');
  assert.ok(r.json.error.message.length > 0);
}

for (const backend of backends()) {
  describe(`accounts (${backend})`, () => {
    let srv;
    let admin; // a signed-in administrator client

    before(async () => {
      srv = await startServer({ backend });
      admin = await member(srv, 'boss', { admin: true });
    });
    after(async () => {
      if (srv) assert.equal(await srv.stop(), 0, 'clean exit on SIGTERM');
    });

    test('sign-up page: labelled fields, landmarks, CSRF token, title', async () => {
      const c = srv.client();
      const r = await c.get('/signup');
      assert.equal(r.status, 200);
      assert.match(r.text, /<title>Sign up · Praxis<\/title>/);
      for (const f of ['name', 'display_name', 'password', 'password2']) {
        assert.match(r.text, new RegExp(`<label for="${f}">`), `label for ${f}`);
        assert.match(r.text, new RegExp(`<input id="${f}" name="${f}"`), `input ${f}`);
      }
      assert.match(r.text, /<a class="skip-link" href="#main">/);
      assert.match(r.text, /<header class="site-header">/);
      assert.match(r.text, /<nav class="nav-main" aria-label="Main">/);
      assert.match(r.text, /<main id="main"/);
      assert.match(r.text, /<footer/);
      assert.match(r.text, /<meta name="csrf-token" content="[0-9a-f]{32}">/);
      assert.ok(c.csrf, 'a CSRF token for anonymous forms');
      const anon = setCookie(r, 'px_anon');
      assert.ok(anon, 'px_anon cookie set for anonymous visitors');
      assert.match(anon, /HttpOnly/i);
    });

    test('sign-up validation: 422, errors inline, input kept, passwords not echoed', async () => {
      const c = srv.client();
      await c.get('/signup');
      let r = await c.post('/signup', { name: 'x', display_name: 'Keep Me', password: PW, password2: PW });
      assert.equal(r.status, 422);
      assert.match(r.text, /2 to 30 characters/);
      assert.match(r.text, /value="Keep Me"/);
      assert.match(r.text, /id="name-error"/);
      assert.match(r.text, /aria-describedby="name-error[^"]*" aria-invalid="true"/);
      assert.match(r.text, /role="alert"/);
      assert.ok(!r.text.includes(PW), 'the password is never sent back');

      r = await c.post('/signup', { name: 'newbie', password: PW, password2: `${PW}!` });
      assert.equal(r.status, 422);
      assert.match(r.text, /do not match/);
      assert.match(r.text, /value="newbie"/);

      r = await c.post('/signup', { name: 'newbie', password: 'short', password2: 'short' });
      assert.equal(r.status, 422);
      assert.match(r.text, /at least 10 characters/);

      r = await c.post('/signup', { name: 'newbie', password: 'Password123', password2: 'Password123' });
      assert.equal(r.status, 422);
      assert.match(r.text, /most commonly used/);

      r = await c.post('/signup', { name: 'newbie', password: 'iloveyou2026', password2: 'iloveyou2026' });
      assert.equal(r.status, 422);
      assert.match(r.text, /would be easy to guess/);

      r = await c.post('/signup', { name: 'newbie', password: 'newbie-2026-rules!', password2: 'newbie-2026-rules!' });
      assert.equal(r.status, 422);
      assert.match(r.text, /cannot contain your user name/);

      r = await c.post('/signup', { name: 'newbie', password: 'newbie', password2: 'newbie' });
      assert.equal(r.status, 422);

      r = await c.post('/signup', { name: 'Admin', password: PW, password2: PW });
      assert.equal(r.status, 422);
      assert.match(r.text, /reserved/);
    });

    test('sign-up signs in with a safe session cookie; the first web user is not an admin', async () => {
      const c = srv.client();
      const r = await c.signup('alice', PW, { display_name: 'Alice Liddell' });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/settings/profile?welcome=1');
      const sc = setCookie(r, 'px_session');
      assert.ok(sc, 'px_session set');
      assert.match(sc, /^px_session=[0-9a-f]{32};/);
      assert.match(sc, /HttpOnly/i);
      assert.match(sc, /SameSite=Lax/i);
      assert.match(sc, /Path=\//);
      assert.doesNotMatch(sc, /Secure/i, 'not Secure over plain http');
      const me = await c.get('/api/v1/me');
      assert.equal(me.status, 200);
      assert.equal(me.json.user.name, 'alice');
      assert.equal(me.json.user.display_name, 'Alice Liddell');
      assert.equal(me.json.user.is_admin, false);
      const w = await c.get('/settings/profile?welcome=1');
      assert.match(w.text, /Welcome/);
      assert.match(w.text, /<a href="\/u\/alice"[^>]*>alice<\/a>/, 'header shows the user');
      assert.match(w.text, /action="\/signout"/);
      assert.doesNotMatch(w.text, /href="\/admin"/, 'no Admin link for members');
    });

    test('duplicate names are refused in any case', async () => {
      const c = srv.client();
      const r = await c.signup('ALICE', PW);
      assert.equal(r.status, 409);
      assert.match(r.text, /taken/);
      assert.match(r.text, /value="ALICE"/);
      const api = await srv.client().postJSON('/api/v1/signup', { name: 'Alice', password: PW });
      assertJsonError(api, 409, 'conflict');
      assert.equal(api.json.error.field, 'name');
    });

    test('sign in, rotation, sign out', async () => {
      await srv.addUser('bob', { password: PW });
      const c = srv.client();
      await c.get('/signin');
      const anonCsrf = c.csrf;
      let r = await c.post('/signin', { name: 'BOB', password: PW });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/');
      const first = c.cookies.px_session;
      assert.ok(first);
      r = await c.get('/');
      assert.notEqual(c.csrf, anonCsrf, 'the CSRF token changes when signing in');
      // Signing in again rotates the session: the old token no longer works.
      r = await c.signin('bob', PW);
      assert.equal(r.status, 303);
      const second = c.cookies.px_session;
      assert.notEqual(second, first);
      const old = await srv.client().get('/api/v1/me', { headers: { Cookie: `px_session=${first}` } });
      assert.equal(old.status, 401);
      // Sign out.
      await c.get('/');
      r = await c.post('/signout', {});
      assert.equal(r.status, 303);
      assert.equal(r.location, '/');
      assert.equal(c.cookies.px_session, undefined, 'cookie deleted');
      r = await c.get('/settings/profile');
      assert.equal(r.status, 303);
      assert.equal(r.location, '/signin?next=%2Fsettings%2Fprofile');
      const stale = await srv.client().get('/api/v1/me', { headers: { Cookie: `px_session=${second}` } });
      assert.equal(stale.status, 401, 'the session ended on the server too');
    });

    test('sign-in honours next only for same-site paths', async () => {
      const cases = [
        ['/u/bob', '/u/bob'],
        ['//evil.example/', '/'],
        ['https://evil.example/', '/'],
        ['/\\evil.example', '/'],
      ];
      for (const [next, want] of cases) {
        const c = srv.client();
        const r = await c.signin('bob', PW, { next });
        assert.equal(r.status, 303);
        assert.equal(r.location, want, `next=${next}`);
      }
      const c = srv.client();
      const page = await c.get('/signin?next=%2Fsettings%2Ftokens');
      assert.match(page.text, /name="next" value="\/settings\/tokens"/);
    });

    test('wrong password and unknown user get the same message', async () => {
      const c = srv.client();
      const a = await c.signin('bob', 'wrong password here');
      const b = await c.signin('nobody-here', 'wrong password here');
      assert.equal(a.status, 401);
      assert.equal(b.status, 401);
      assert.match(a.text, /That name and password do not match\./);
      assert.match(b.text, /That name and password do not match\./);
      assert.match(a.text, /value="bob"/, 'the name is kept');
      const api = await srv.client().postJSON('/api/v1/session', { name: 'bob', password: 'nope nope nope' });
      assertJsonError(api, 401, 'unauthorized');
      assert.equal(api.json.error.message, 'That name and password do not match.');
    });

    test('rate limit: after 5 failures the account is refused for a while (429)', async () => {
      await srv.addUser('carol', { password: PW });
      const c = srv.client();
      for (let i = 0; i < 5; i++) {
        const r = await c.signin('carol', `not the password ${i}`);
        assert.equal(r.status, 401, `failure ${i + 1}`);
      }
      const r = await c.signin('carol', PW);
      assert.equal(r.status, 429);
      assert.match(r.text, /Too many failed sign-in attempts\. Please wait \d+ minutes?/);
      assert.ok(r.headers.get('retry-after'));
      const api = await srv.client().postJSON('/api/v1/session', { name: 'Carol', password: PW });
      assertJsonError(api, 429, 'rate_limited');
      // Other accounts are not affected.
      assert.equal((await srv.client().signin('bob', PW)).status, 303);
    });

    test('CSRF: every POST form refuses a missing or wrong token (403)', async () => {
      const anon = srv.client();
      await anon.get('/signin');
      const bobby = await member(srv, 'bobby');
      await bobby.get('/settings/tokens');
      await admin.get('/admin');
      const cases = [
        [anon, '/signin', { name: 'bob', password: PW }],
        [anon, '/signup', { name: 'csrfuser', password: PW, password2: PW }],
        [bobby, '/signout', {}],
        [bobby, '/settings/profile', { display_name: 'Hacked' }],
        [bobby, '/settings/password', { current: PW, password: PW2, password2: PW2 }],
        [bobby, '/settings/tokens', { name: 'stolen' }],
        [bobby, '/settings/tokens/1/revoke', {}],
        [admin, '/admin', { registration: 'closed' }],
        [admin, '/admin/users', { name: 'csrfmade' }],
        [admin, '/admin/users/bob', { action: 'suspend' }],
        [admin, '/admin/invites', { note: 'x' }],
      ];
      for (const [c, path, form] of cases) {
        let r = await c.post(path, form, { csrf: false });
        assert.equal(r.status, 403, `${path} without _csrf`);
        assert.match(r.text, /expired or came from another site/);
        r = await c.post(path, { ...form, _csrf: '0123456789abcdef0123456789abcdef' });
        assert.equal(r.status, 403, `${path} with a wrong _csrf`);
      }
      // Nothing happened.
      const me = await bobby.get('/api/v1/me');
      assert.equal(me.json.user.display_name, 'bobby');
      const s = await admin.get('/api/v1/admin/settings');
      assert.equal(s.json.settings.registration, 'open');
      // The API needs X-CSRF-Token with a cookie session.
      const p = await bobby.patchJSON('/api/v1/me', { display_name: 'Hacked' }, { csrf: false });
      assertJsonError(p, 403, 'csrf');
    });

    test('registration modes: closed refuses sign-up, invite needs a valid invite link', async () => {
      let r = await admin.post('/admin', { registration: 'closed', community_creation: 'admins', instance_name: 'Praxis' });
      assert.equal(r.status, 303);
      const c = srv.client();
      r = await c.get('/signup');
      assert.equal(r.status, 403);
      assert.match(r.text, /Sign-up is closed/);
      r = await c.post('/signup', { name: 'closedout', password: PW, password2: PW });
      assert.equal(r.status, 403);
      r = await srv.client().postJSON('/api/v1/signup', { name: 'closedout', password: PW });
      assertJsonError(r, 403, 'forbidden');
      // Admins still create accounts.
      await admin.get('/admin/users');
      r = await admin.post('/admin/users', { name: 'madebyadmin', display_name: 'Made' });
      assert.equal(r.status, 201);
      assert.match(r.text, /Created the account/);
      const pw = r.text.match(/<code class="secret">([^<]+)<\/code>/)[1];
      assert.equal((await srv.client().signin('madebyadmin', pw)).status, 303, 'generated password works');

      // Invite mode.
      r = await admin.post('/admin', { registration: 'invite' });
      assert.equal(r.status, 303);
      r = await c.get('/signup');
      assert.equal(r.status, 200);
      assert.match(r.text, /by invitation/);
      r = await c.post('/signup', { name: 'invitee', password: PW, password2: PW });
      assert.equal(r.status, 422);
      assert.match(r.text, /needs an invite link/);
      r = await c.post('/signup', { name: 'invitee', password: PW, password2: PW, invite: '0'.repeat(32) });
      assert.equal(r.status, 422);
      assert.match(r.text, /not valid, has been used or has expired/);

      await admin.get('/admin');
      r = await admin.post('/admin/invites', { note: 'for <Grace>', days: '7' });
      assert.equal(r.status, 201);
      const m = r.text.match(/\/signup\?invite=([0-9a-f]{32})/);
      assert.ok(m, 'the invite link is shown');
      assert.match(r.text, /for &lt;Grace&gt;/, 'note escaped');
      const token = m[1];
      const d = srv.client();
      r = await d.get(`/signup?invite=${token}`);
      assert.match(r.text, new RegExp(`name="invite" type="text" value="${token}"|id="invite"[^>]*value="${token}"`));
      r = await d.post('/signup', { name: 'invitee', password: PW, password2: PW, invite: token });
      assert.equal(r.status, 303, r.text.slice(0, 500));
      // Used once only.
      const e = srv.client();
      r = await e.signup('invitee2', PW, { invite: token });
      assert.equal(r.status, 422);
      assert.match(r.text, /not valid, has been used or has expired/);
      // The admin page lists it as used.
      r = await admin.get('/admin');
      assert.match(r.text, /Used by <a href="\/u\/invitee">invitee<\/a>/);

      r = await admin.post('/admin', { registration: 'open' });
      assert.equal(r.status, 303);
    });

    test('profile: XSS escaped, Markdown rendered, skills normalised, bad input kept', async () => {
      const c = await member(srv, 'dora');
      await c.get('/settings/profile');
      let r = await c.post('/settings/profile', {
        display_name: '<script>alert(1)</script> Dora',
        bio: '**Bold** claim.\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) and [site](https://example.org)',
        skills: 'Go, Machine Learning, go',
        timezone: 'Europe/Paris',
      });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/settings/profile?saved=1');
      r = await srv.client().get('/u/dora');
      assert.equal(r.status, 200);
      assert.ok(!r.text.includes('<script>alert(1)'), 'display name escaped');
      assert.match(r.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Dora/);
      assert.match(r.text, /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt; Dora · Praxis<\/title>/);
      assert.match(r.text, /<strong>Bold<\/strong>/);
      assert.ok(!/<img[^>]*onerror/i.test(r.text), 'raw HTML not passed through');
      assert.ok(!/href="javascript:/i.test(r.text), 'javascript: links dropped');
      assert.match(r.text, /href="https:\/\/example\.org"/);
      assert.match(r.text, /<li class="tag">go<\/li><li class="tag">machine-learning<\/li><\/ul>/);
      assert.match(r.text, /Europe\/Paris/);
      assert.match(r.text, /Member since/);
      // Case-insensitive profile address, API view.
      const api = await srv.client().get('/api/v1/users/DORA');
      assert.equal(api.status, 200);
      assert.deepEqual(api.json.user.skills, ['go', 'machine-learning']);
      assert.equal(api.json.user.timezone, 'Europe/Paris');
      assert.equal(api.json.user.bio, undefined, 'Markdown source only for the owner');

      await c.get('/settings/profile');
      r = await c.post('/settings/profile', { display_name: 'Dora', bio: 'kept bio', skills: 'c++', timezone: 'Europe/Paris' });
      assert.equal(r.status, 422);
      assert.match(r.text, /letters, digits and hyphens/);
      assert.match(r.text, />kept bio<\/textarea>/);
      r = await c.post('/settings/profile', { display_name: 'Dora', bio: '', skills: '', timezone: 'Mars/Olympus' });
      assert.equal(r.status, 422);
      assert.match(r.text, /not a time zone/);
      assert.match(r.text, /value="Mars\/Olympus"/);

      assert.equal((await srv.client().get('/u/nobody-at-all')).status, 404);
    });

    test('password change: needs the current one, ends the other sessions', async () => {
      const a = await member(srv, 'erin');
      const b = srv.client();
      assert.equal((await b.signin('erin', PW)).status, 303);
      await a.get('/settings/password');
      let r = await a.post('/settings/password', { current: 'not it at all', password: PW2, password2: PW2 });
      assert.equal(r.status, 422);
      assert.match(r.text, /current password is not right/);
      r = await a.post('/settings/password', { current: PW, password: PW2, password2: 'different one here' });
      assert.equal(r.status, 422);
      assert.match(r.text, /do not match/);
      r = await a.post('/settings/password', { current: PW, password: PW2, password2: PW2 });
      assert.equal(r.status, 303);
      assert.equal((await a.get('/api/v1/me')).status, 200, 'this session goes on');
      assert.equal((await b.get('/api/v1/me')).status, 401, 'the other session ended');
      assert.equal((await srv.client().signin('erin', PW)).status, 401);
      assert.equal((await srv.client().signin('erin', PW2)).status, 303);
    });

    test('password change keeps API tokens unless asked to revoke them', async () => {
      const a = await member(srv, 'gwen');
      const tokenOf = async () => {
        await a.get('/settings/tokens');
        const r = await a.post('/settings/tokens', { name: 'script' });
        return (r.text.match(/pxt_[0-9a-f]{32}/) || [])[0];
      };
      const first = await tokenOf();
      const second = await tokenOf();
      let r = await a.get('/settings/password');
      assert.match(r.text, /name="revoke_tokens"/);
      r = await a.post('/settings/password', { current: PW, password: PW2, password2: PW2 });
      assert.equal(r.status, 303);
      assert.equal((await apiClient(srv, first).get('/api/v1/me')).status, 200, 'kept by default');
      await a.get('/settings/password');
      r = await a.post('/settings/password', { current: PW2, password: PW, password2: PW, revoke_tokens: '1' });
      assert.equal(r.status, 303);
      assert.match(r.location, /tokens=1/);
      assert.match((await a.get(r.location)).text, /API tokens revoked/);
      for (const t of [first, second]) {
        assert.equal((await apiClient(srv, t).get('/api/v1/me')).status, 401, 'revoked');
      }
      assert.equal((await a.get('/api/v1/me')).status, 200, 'this session goes on');
    });

    test('API tokens: create (shown once), Bearer works, list, revoke -> 401', async () => {
      const c = await member(srv, 'frank');
      await c.get('/settings/tokens');
      let r = await c.post('/settings/tokens', { name: 'ci <script>' });
      assert.equal(r.status, 201);
      assert.match(r.headers.get('cache-control') || '', /no-store/);
      const token = (r.text.match(/pxt_[0-9a-f]{32}/) || [])[0];
      assert.ok(token, 'the token is shown');
      assert.match(r.text, /ci &lt;script&gt;/);

      const t = apiClient(srv, token);
      r = await t.get('/api/v1/me');
      assert.equal(r.status, 200);
      assert.equal(r.json.user.name, 'frank');
      // Writes with a token need no CSRF token.
      r = await t.patchJSON('/api/v1/me', { bio: 'From a *script*', skills: ['Ops', 'sre'] });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.user.bio_html.trim(), '<p>From a <em>script</em></p>');
      assert.deepEqual(r.json.user.skills, ['ops', 'sre']);

      r = await c.get('/settings/tokens');
      assert.ok(!r.text.includes(token), 'the secret is not shown again');
      assert.match(r.text, new RegExp(`<code>${token.slice(0, 8)}`));
      const id = r.text.match(/action="\/settings\/tokens\/(\d+)\/revoke"/)[1];
      r = await t.get('/api/v1/tokens');
      assert.equal(r.json.tokens[0].prefix, token.slice(0, 8));
      assert.ok(r.json.tokens[0].last_used_at, 'last use recorded');

      r = await c.post(`/settings/tokens/${id}/revoke`, {});
      assert.equal(r.status, 303);
      r = await t.get('/api/v1/me');
      assertJsonError(r, 401, 'unauthorized');
      assert.match(r.json.error.message, /revoked/);
      r = await apiClient(srv, 'pxt_nonsense').get('/api/v1/me');
      assertJsonError(r, 401, 'unauthorized');

      // The API way, with the cookie session and X-CSRF-Token.
      r = await c.postJSON('/api/v1/tokens', { name: 'api-made' });
      assert.equal(r.status, 201, r.text);
      assert.match(r.json.secret, /^pxt_[0-9a-f]{32}$/);
      assert.equal(r.json.token.name, 'api-made');
      const t2 = apiClient(srv, r.json.secret);
      assert.equal((await t2.get('/api/v1/me')).status, 200);
      r = await c.del(`/api/v1/tokens/${r.json.token.id}`);
      assert.equal(r.status, 204);
      assert.equal((await t2.get('/api/v1/me')).status, 401);
      r = await c.del('/api/v1/tokens/999999');
      assertJsonError(r, 404, 'not_found');
    });

    test('JSON API: sign up, session, me, errors', async () => {
      const c = srv.client();
      let r = await c.get('/api/v1/me');
      assertJsonError(r, 401, 'unauthorized');
      r = await c.postJSON('/api/v1/signup', { name: 'gina', password: 'short' });
      assertJsonError(r, 400, 'invalid');
      assert.equal(r.json.error.field, 'password');
      r = await c.postJSON('/api/v1/signup', { name: 'gina', display_name: 'Gina', password: PW });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.user.name, 'gina');
      assert.ok(c.cookies.px_session);
      c.csrf = r.json.csrf_token;
      r = await c.patchJSON('/api/v1/me', { skills: 'a,b', timezone: 'Nowhere/Land' });
      assertJsonError(r, 400, 'invalid');
      assert.equal(r.json.error.field, 'timezone');
      r = await c.patchJSON('/api/v1/me', { display_name: '' });
      assertJsonError(r, 400, 'invalid');
      assert.equal(r.json.error.field, 'display_name');
      r = await c.del('/api/v1/session');
      assert.equal(r.status, 204);
      assert.equal((await c.get('/api/v1/me')).status, 401);
      r = await c.postJSON('/api/v1/session', { name: 'GINA', password: PW });
      assert.equal(r.status, 200);
      assert.equal(r.json.user.name, 'gina');
      assert.match(r.json.csrf_token, /^[0-9a-f]{32}$/);
      r = await c.get('/api/v1/users/nobody-at-all');
      assertJsonError(r, 404, 'not_found');
      // A urlencoded sign-in without the anonymous CSRF token is refused.
      r = await srv.client().post('/api/v1/session', { name: 'gina', password: PW }, { csrf: false });
      assertJsonError(r, 403, 'csrf');
      r = await c.request('POST', '/api/v1/session', { body: '{bad json', headers: { 'Content-Type': 'application/json' } });
      assertJsonError(r, 400, 'invalid');
    });

    test('admin pages: redirect for anonymous, 403 for members, usable by admins', async () => {
      const anon = srv.client();
      let r = await anon.get('/admin');
      assert.equal(r.status, 303);
      assert.equal(r.location, '/signin?next=%2Fadmin');
      r = await anon.get('/admin/users');
      assert.equal(r.status, 303);
      const m = await member(srv, 'hank');
      for (const p of ['/admin', '/admin/users']) {
        r = await m.get(p);
        assert.equal(r.status, 403, p);
        assert.match(r.text, /Only administrators/);
      }
      r = await m.get('/api/v1/admin/settings');
      assertJsonError(r, 403, 'forbidden');
      r = await m.get('/api/v1/admin/users');
      assertJsonError(r, 403, 'forbidden');

      r = await admin.get('/admin');
      assert.equal(r.status, 200);
      assert.match(r.text, /<input type="radio" id="registration-open" name="registration" value="open" checked>/);
      assert.match(r.text, /href="\/admin"/, 'admin link in the header');
      r = await admin.get('/admin/users');
      assert.equal(r.status, 200);
      assert.match(r.text, /<a href="\/u\/hank">hank<\/a>/);
    });

    test('admin API: settings and users', async () => {
      const c = srv.client();
      let r = await c.postJSON('/api/v1/session', { name: 'boss', password: PW });
      assert.equal(r.status, 200);
      c.csrf = r.json.csrf_token;
      r = await c.patchJSON('/api/v1/admin/settings', { registration: 'invite', instance_name: 'Guild <Hall>' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.settings.registration, 'invite');
      r = await srv.client().get('/signin');
      assert.match(r.text, /<title>Sign in · Guild &lt;Hall&gt;<\/title>/);
      r = await c.patchJSON('/api/v1/admin/settings', { registration: 'sometimes' });
      assertJsonError(r, 400, 'invalid');
      assert.equal(r.json.error.field, 'registration');
      r = await c.patchJSON('/api/v1/admin/settings', { registraton: 'open' });
      assertJsonError(r, 400, 'invalid');
      r = await c.patchJSON('/api/v1/admin/settings', { registration: 'open', instance_name: 'Praxis' });
      assert.equal(r.status, 200);
      r = await c.get('/api/v1/admin/users?limit=500');
      assert.equal(r.status, 200);
      assert.ok(r.json.total >= 5);
      const boss = r.json.users.find((u) => u.name === 'boss');
      assert.equal(boss.is_admin, true);
      assert.equal(boss.status, 'active');
      r = await c.patchJSON('/api/v1/admin/users/boss', { is_admin: false });
      assertJsonError(r, 409, 'conflict'); // the last administrator
      r = await c.patchJSON('/api/v1/admin/users/boss', { status: 'suspended' });
      assertJsonError(r, 409, 'conflict'); // not yourself
    });

    test('sign-up limit per address: refused with 429 past the limit, 0 lifts it', async () => {
      const c = srv.client();
      let r = await c.postJSON('/api/v1/session', { name: 'boss', password: PW });
      c.csrf = r.json.csrf_token;
      r = await c.patchJSON('/api/v1/admin/settings', { signup_limit: 'many' });
      assertJsonError(r, 400, 'invalid');
      assert.equal(r.json.error.field, 'signup_limit');
      // Sign-ups earlier in this file count too: a limit of 1 is already used up.
      r = await c.patchJSON('/api/v1/admin/settings', { signup_limit: '1' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.settings.signup_limit, '1');
      r = await srv.client().signup('limited1', PW);
      assert.equal(r.status, 429, r.text.slice(0, 200));
      assert.match(r.text, /Too many accounts were created from your network/);
      r = await srv.client().postJSON('/api/v1/signup', { name: 'limited2', password: PW });
      assertJsonError(r, 429, 'rate_limited');
      // An administrator creating an account is not limited.
      r = await c.postJSON('/api/v1/admin/users', { name: 'limited3', password: PW });
      assert.equal(r.status, 201, r.text);
      r = await c.patchJSON('/api/v1/admin/settings', { signup_limit: '0' });
      assert.equal(r.status, 200, r.text);
      r = await srv.client().signup('limited4', PW);
      assert.equal(r.status, 303, r.text.slice(0, 200));
      r = await c.patchJSON('/api/v1/admin/settings', { signup_limit: '10' });
      assert.equal(r.status, 200, r.text);
    });

    test('admin actions: make admin, suspend ends sessions and blocks sign-in', async () => {
      const ivy = await member(srv, 'ivy');
      await admin.get('/admin/users');
      let r = await admin.post('/admin/users/ivy', { action: 'make_admin' });
      assert.equal(r.status, 303);
      assert.equal((await ivy.get('/admin')).status, 200, 'ivy is an admin now');
      r = await admin.post('/admin/users/ivy', { action: 'revoke_admin' });
      assert.equal(r.status, 303);
      assert.equal((await ivy.get('/admin')).status, 403);
      r = await admin.post('/admin/users/ivy', { action: 'suspend' });
      assert.equal(r.status, 303);
      assert.equal((await ivy.get('/api/v1/me')).status, 401, 'session ended');
      r = await srv.client().signin('ivy', PW);
      assert.equal(r.status, 403);
      assert.match(r.text, /suspended/);
      r = await admin.post('/admin/users/ivy', { action: 'unsuspend' });
      assert.equal(r.status, 303);
      assert.equal((await srv.client().signin('ivy', PW)).status, 303);
      r = await admin.post('/admin/users/nobody-at-all', { action: 'suspend' });
      assert.equal(r.status, 404);
    });

    test('CLI: user add, list, set-password, set-admin', async () => {
      let r = await srv.cli(['user', 'add', 'cliuser', '--display-name', 'Cli User'], { input: '' });
      assert.equal(r.code, 0, r.stderr);
      const m = r.stdout.match(/^Created user 'cliuser'\. Password: (\S{20})$/m);
      assert.ok(m, `generated password printed once: ${r.stdout}`);
      assert.equal((await srv.client().signin('cliuser', m[1])).status, 303);

      r = await srv.cli(['user', 'add', 'CliUser'], { input: `${PW}\n` });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /praxis user add: a user named 'CliUser' already exists/);
      r = await srv.cli(['user', 'add', 'clishort'], { input: 'short\n' });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /at least 10 characters/);
      r = await srv.cli(['user', 'add'], {});
      assert.equal(r.code, 2);
      r = await srv.cli(['user', 'add', '--help'], {});
      assert.equal(r.code, 0);
      assert.match(r.stdout, /usage: praxis user add NAME/);
      r = await srv.cli(['user', 'add', 'cliadmin', '--admin'], { input: `${PW}\n` });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), "Created admin 'cliadmin'.");

      r = await srv.cli(['user', 'list']);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.match(lines[0], /^NAME\s+DISPLAY NAME\s+ADMIN\s+STATUS\s+CREATED$/);
      assert.ok(lines.some((l) => /^cliuser\s+Cli User\s+no\s+active\s+\d{4}-\d\d-\d\d$/.test(l)), r.stdout);
      assert.ok(lines.some((l) => /^cliadmin\s+cliadmin\s+yes\s+active\s+/.test(l)), r.stdout);

      r = await srv.cli(['user', 'set-password', 'cliuser'], { input: `${PW2}\n` });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Password of 'cliuser' changed\./);
      assert.equal((await srv.client().signin('cliuser', PW2)).status, 303);
      r = await srv.cli(['user', 'set-password', 'nobody-at-all'], { input: `${PW2}\n` });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /no user called/);

      r = await srv.cli(['user', 'set-admin', 'cliuser', 'on']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /'cliuser' is now an administrator\./);
      r = await srv.cli(['user', 'set-admin', 'cliuser', 'maybe']);
      assert.equal(r.code, 2);
      r = await srv.cli(['user', 'frobnicate']);
      assert.equal(r.code, 2);
      r = await srv.cli(['user', '--help']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /set-password NAME/);
    });
  });
}

for (const backend of backends()) {
  describe(`accounts behind an HTTPS proxy (${backend})`, () => {
    let srv;
    before(async () => {
      srv = await startServer({ backend, args: ['--trusted-proxy', '127.0.0.1'] });
      await srv.addUser('proxied', { password: PW });
    });
    after(async () => {
      if (srv) assert.equal(await srv.stop(), 0);
    });

    test('the session cookie is Secure when the request came over https', async () => {
      const c = srv.client();
      const https = { 'X-Forwarded-Proto': 'https' };
      await c.get('/signin', { headers: https });
      const r = await c.post('/signin', { name: 'proxied', password: PW }, { headers: https });
      assert.equal(r.status, 303);
      const sc = setCookie(r, 'px_session');
      assert.match(sc, /; Secure/);
      assert.match(sc, /HttpOnly/);
      assert.match(sc, /SameSite=Lax/);
    });

    test("a stranger's failed guesses lock the account for the stranger's address only", async () => {
      await srv.addUser('victim', { password: PW });
      const from = (addr) => ({ 'X-Forwarded-For': addr });
      const stranger = srv.client();
      await stranger.get('/signin', { headers: from('203.0.113.9') });
      for (let i = 0; i < 5; i++) {
        const r = await stranger.post('/signin', { name: 'victim', password: `wrong-${i}-password-x` },
          { headers: from('203.0.113.9') });
        assert.equal(r.status, 401, `guess ${i}`);
      }
      let r = await stranger.post('/signin', { name: 'victim', password: PW }, { headers: from('203.0.113.9') });
      assert.equal(r.status, 429, 'the guessing address is refused, even with the right password');
      const owner = srv.client();
      await owner.get('/signin', { headers: from('198.51.100.7') });
      r = await owner.post('/signin', { name: 'victim', password: PW }, { headers: from('198.51.100.7') });
      assert.equal(r.status, 303, 'the owner elsewhere still signs in');
    });

    // 100 wrong passwords for one name from 20 addresses (5 each, under every per-address
    // limit) reach the name-wide limit. Strangers and unknown browsers must then wait, but
    // the owner's own browser (its known-device cookie, set when it signed in before) signs
    // in from any address, a forged device cookie does not help, and the owner is told.
    test('strangers guessing from many addresses cannot lock the owner out of their browser', async () => {
      await srv.addUser('besieged', { password: PW });
      const from = (addr) => ({ 'X-Forwarded-For': addr });
      const owner = srv.client();
      await owner.get('/signin', { headers: from('198.51.100.20') });
      let r = await owner.post('/signin', { name: 'besieged', password: PW }, { headers: from('198.51.100.20') });
      assert.equal(r.status, 303);
      const device = owner.cookies.px_device;
      assert.match(device ?? '', /^\d+\.[0-9a-f]{16}\.[0-9a-f]{32}$/);
      assert.match(setCookie(r, 'px_device'), /HttpOnly/);
      await owner.post('/signout', {});

      for (let a = 0; a < 20; a++) {
        const addr = `203.0.113.${100 + a}`;
        const stranger = srv.client();
        await stranger.get('/signin', { headers: from(addr) });
        for (let i = 0; i < 5; i++) {
          r = await stranger.post('/signin', { name: 'besieged', password: `guess-${a}-${i}-xx` },
            { headers: from(addr) });
          assert.equal(r.status, 401, `address ${a} guess ${i}`);
        }
      }
      const fresh = srv.client();
      await fresh.get('/signin', { headers: from('198.51.100.21') });
      r = await fresh.post('/signin', { name: 'besieged', password: PW }, { headers: from('198.51.100.21') });
      assert.equal(r.status, 429, 'an unknown browser waits while the name is under attack');
      assert.match(r.text, /Too many failed sign-in attempts/);

      const forged = srv.client();
      await forged.get('/signin', { headers: from('198.51.100.22') });
      forged.jar.set('px_device', device.replace(/.$/, (ch) => (ch === '0' ? '1' : '0')));
      r = await forged.post('/signin', { name: 'besieged', password: PW }, { headers: from('198.51.100.22') });
      assert.equal(r.status, 429, 'a forged device cookie is an unknown browser');

      await owner.get('/signin', { headers: from('198.51.100.23') });
      r = await owner.post('/signin', { name: 'besieged', password: PW }, { headers: from('198.51.100.23') });
      assert.equal(r.status, 303, "the owner's browser signs in from a new address");
      const n = await owner.get('/api/v1/notifications', { headers: from('198.51.100.23') });
      const sec = n.json.notifications.filter((x) => x.kind === 'security');
      assert.equal(sec.length, 1, 'told once');
      assert.match(sec[0].text, /100 wrong passwords were tried for your account/);
    });
  });
}

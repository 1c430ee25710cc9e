// Communities over HTTP, on every backend: the permission matrix (anonymous, signed-in
// non-member, member, moderator, coordinator, admin x public, members, private) on the
// community page, its member list, the edit and invitation pages, the JSON API, the directory
// and the home page; a private community must be invisible (404, absent from every list, its
// name nowhere in the HTML) to anyone who may not read it. Then create (per the
// community_creation setting), edit, archive, join/leave (the last coordinator stays),
// invitation links (used up, revoked, expired), role changes, validation, XSS and CSRF.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`communities (${backend})`, () => {
    let srv;
    const u = {}; // actor name -> client (anon has no session)
    const tag = randomName().slice(0, 6);
    // Names and slugs unique to this run, so "absent from the HTML" means something.
    const C = {
      pub: { slug: `pub-${tag}`, name: `Pubfinch Guild ${tag}`, visibility: 'public' },
      mem: { slug: `mem-${tag}`, name: `Memberwren Circle ${tag}`, visibility: 'members' },
      priv: { slug: `priv-${tag}`, name: `Zebrafish Cabal ${tag}`, visibility: 'private' },
    };
    const actors = ['anon', 'outsider', 'memb', 'moder', 'coord', 'admin'];

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status} ${r.text.slice(0, 300)}`);
      await c.get('/'); // a page, for the CSRF token of the new session
      return c;
    }

    async function setCreation(value) {
      await u.admin.get('/admin');
      const r = await u.admin.post('/admin', { community_creation: value });
      assert.equal(r.status, 303, r.text.slice(0, 500));
    }

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of ['coord', 'moder', 'memb', 'outsider', 'newbie', 'late', 'other']) {
        await srv.addUser(n, { password: PW });
      }
      u.anon = srv.client();
      u.admin = await login('admin1');
      for (const n of ['coord', 'moder', 'memb', 'outsider', 'newbie', 'late', 'other']) u[n] = await login(n);

      // coord creates the three communities (members may create), then the others join.
      await setCreation('members');
      for (const k of Object.keys(C)) {
        const r = await u.coord.postJSON('/api/v1/communities', {
          name: C[k].name, slug: C[k].slug, visibility: C[k].visibility,
          charter_md: `# ${k} charter\n\nWe meet *monthly*.`, tags: 'alpha, beta',
        });
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.my_role, 'coordinator');
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${C.priv.slug}/invites`, { days: 7, max_uses: 0 });
      assert.equal(inv.status, 201, inv.text);
      for (const n of ['memb', 'moder']) {
        for (const k of ['pub', 'mem']) {
          const r = await u[n].postJSON(`/api/v1/communities/${C[k].slug}/join`, {});
          assert.equal(r.status, 200, r.text);
        }
        const r = await u[n].postJSON(`/api/v1/communities/${C.priv.slug}/join`, { invite: inv.json.token });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.my_role, 'member');
      }
      for (const k of Object.keys(C)) {
        const r = await u.coord.putJSON(`/api/v1/communities/${C[k].slug}/members/moder`, { role: 'moderator' });
        assert.equal(r.status, 200, r.text);
      }
    });

    after(async () => { await srv?.stop(); });

    // Who may read what: 1 = readable, 0 = must be 404.
    const canRead = {
      pub: { anon: 1, outsider: 1, memb: 1, moder: 1, coord: 1, admin: 1 },
      mem: { anon: 0, outsider: 1, memb: 1, moder: 1, coord: 1, admin: 1 },
      priv: { anon: 0, outsider: 0, memb: 1, moder: 1, coord: 1, admin: 1 },
    };

    test('community page, member list and API follow the visibility matrix', async () => {
      for (const k of Object.keys(C)) {
        for (const a of actors) {
          // a visitor of a members-only community is asked to sign in (401), not told 404
          const want = canRead[k][a] ? 200 : k === 'mem' && a === 'anon' ? 401 : 404;
          const where = `${a} on ${k}`;
          const page = await u[a].get(`/c/${C[k].slug}`);
          assert.equal(page.status, want, `page ${where}`);
          const members = await u[a].get(`/c/${C[k].slug}/members`);
          assert.equal(members.status, want, `members page ${where}`);
          const api = await u[a].get(`/api/v1/communities/${C[k].slug}`);
          assert.equal(api.status, want, `api ${where}`);
          const apiMembers = await u[a].get(`/api/v1/communities/${C[k].slug}/members`);
          assert.equal(apiMembers.status, want, `api members ${where}`);
          if (want === 200) {
            assert.ok(page.text.includes(C[k].name.replace(/&/g, '&amp;')), `name shown ${where}`);
            assert.ok(page.text.includes('<em>monthly</em>'), `charter rendered ${where}`);
            assert.ok(page.text.includes('aria-current="page">About<'), `tab marked ${where}`);
            assert.ok(members.text.includes('aria-current="page">Members<'), `tab marked ${where}`);
            assert.ok(members.text.includes('/u/coord'), `coordinator listed ${where}`);
            assert.equal(api.json.slug, C[k].slug);
            assert.equal(api.json.visibility, C[k].visibility);
            assert.deepEqual(api.json.tags.map((t) => t.tag), ['alpha', 'beta']);
            const names = apiMembers.json.members.map((m) => m.name);
            assert.deepEqual(names.slice(0, 2), ['coord', 'moder'], `coordinators first ${where}`);
            assert.equal(apiMembers.json.members[1].role, 'moderator');
          } else if (want === 401) {
            // sign in, then come back: the error page links to /signin?next=<this page>
            assert.ok(page.text.includes(`/signin?next=%2Fc%2F${C[k].slug}`), `sign-in link ${where}`);
            assert.ok(!page.text.includes(C[k].name), `name hidden ${where}`);
            assert.ok(!api.text.includes(C[k].name), `name hidden (api) ${where}`);
          } else {
            // The 404 must not tell a hidden community from one that does not exist.
            const never = await u[a].get(`/c/never-${tag}`);
            assert.equal(never.status, 404);
            assert.ok(!page.text.includes(C[k].name), `name hidden ${where}`);
            assert.ok(!members.text.includes(C[k].name), `name hidden (members) ${where}`);
            assert.ok(!api.text.includes(C[k].name), `name hidden (api) ${where}`);
            assert.equal(api.json.error.code, 'not_found');
            const neverApi = await u[a].get(`/api/v1/communities/never-${tag}`);
            assert.equal(neverApi.json.error.message.replace(`never-${tag}`, 'X'),
              api.json.error.message.replace(C[k].slug, 'X'), `same 404 message ${where}`);
          }
        }
      }
    });

    test('edit and invitation pages: coordinators (and admins) only', async () => {
      const editWant = {
        pub: { outsider: 403, memb: 403, moder: 403, coord: 200, admin: 200 },
        mem: { outsider: 403, memb: 403, moder: 403, coord: 200, admin: 200 },
        priv: { outsider: 404, memb: 403, moder: 403, coord: 200, admin: 200 },
      };
      const inviteWant = {
        pub: { outsider: 403, memb: 403, moder: 200, coord: 200, admin: 200 },
        priv: { outsider: 404, memb: 403, moder: 200, coord: 200, admin: 200 },
      };
      for (const k of Object.keys(editWant)) {
        const anon = await u.anon.get(`/c/${C[k].slug}/edit`);
        assert.equal(anon.status, 303, `anonymous edit ${k} goes to sign in`);
        assert.match(anon.location, /^\/signin\?next=/);
        for (const [a, want] of Object.entries(editWant[k])) {
          const r = await u[a].get(`/c/${C[k].slug}/edit`);
          assert.equal(r.status, want, `edit page ${a} on ${k}`);
          if (want !== 200) assert.ok(!r.text.includes('name="charter_md"'));
        }
      }
      for (const k of Object.keys(inviteWant)) {
        for (const [a, want] of Object.entries(inviteWant[k])) {
          const r = await u[a].get(`/c/${C[k].slug}/invites`);
          assert.equal(r.status, want, `invites page ${a} on ${k}`);
          const api = await u[a].get(`/api/v1/communities/${C[k].slug}/invites`);
          assert.equal(api.status, want, `invites api ${a} on ${k}`);
        }
      }
      // The buttons on the community page match what each viewer may do.
      const pub = `/c/${C.pub.slug}`;
      const outsider = await u.outsider.get(pub);
      assert.ok(outsider.text.includes(`action="${pub}/join"`));
      assert.ok(!outsider.text.includes(`href="${pub}/edit"`));
      const memb = await u.memb.get(pub);
      assert.ok(memb.text.includes(`action="${pub}/leave"`));
      assert.ok(!memb.text.includes(`href="${pub}/edit"`));
      const coord = await u.coord.get(pub);
      assert.ok(coord.text.includes(`href="${pub}/edit"`));
      const anon = await u.anon.get(pub);
      assert.ok(anon.text.includes('/signin?next=%2Fc%2F'));
      const moderPriv = await u.moder.get(`/c/${C.priv.slug}`);
      assert.ok(moderPriv.text.includes(`href="/c/${C.priv.slug}/invites"`), 'moderators see Invite on private');
      const membPriv = await u.memb.get(`/c/${C.priv.slug}`);
      assert.ok(!membPriv.text.includes(`/c/${C.priv.slug}/invites`));
    });

    test('directory, home page and API lists never leak what the viewer may not read', async () => {
      const pages = ['/communities', `/communities?q=${encodeURIComponent(C.priv.name.slice(0, 8))}`, '/',
        '/api/v1/communities', `/api/v1/communities?q=${encodeURIComponent('Zebrafish')}`];
      for (const a of actors) {
        for (const p of pages) {
          const r = await u[a].get(p);
          assert.equal(r.status, 200, `${a} ${p}`);
          for (const k of Object.keys(C)) {
            const visible = canRead[k][a] === 1;
            const listed = r.text.includes(C[k].name) || r.text.includes(`/c/${C[k].slug}"`);
            if (!visible) {
              assert.ok(!r.text.includes(C[k].name), `${k} name leaked to ${a} on ${p}`);
              assert.ok(!r.text.includes(C[k].slug), `${k} slug leaked to ${a} on ${p}`);
            } else if (p === '/communities' || p === '/api/v1/communities') {
              assert.ok(listed, `${k} missing for ${a} on ${p}`);
            }
          }
        }
      }
      // mine=1 lists memberships only, with the viewer's role
      const mine = await u.moder.get('/api/v1/communities?mine=1');
      assert.deepEqual(mine.json.communities.map((c) => c.slug).sort(),
        [C.mem.slug, C.priv.slug, C.pub.slug].sort());
      assert.ok(mine.json.communities.every((c) => c.my_role === 'moderator'));
      assert.equal((await u.anon.get('/api/v1/communities?mine=1')).status, 401);
      // outsider's home: "might join" has pub and mem, never priv; memb's home lists priv as theirs
      const oh = await u.outsider.get('/');
      assert.ok(oh.text.includes('Communities you might join'));
      assert.ok(oh.text.includes(C.pub.name) && oh.text.includes(C.mem.name));
      const mh = await u.memb.get('/');
      assert.ok(mh.text.includes('Your communities') && mh.text.includes(C.priv.name));
      // anonymous home: welcome, public communities, sign up / sign in
      const ah = await u.anon.get('/');
      assert.ok(ah.text.includes('href="/signup"') && ah.text.includes('href="/signin"'));
      assert.ok(ah.text.includes(C.pub.name));
      // the directory marks joined communities and counts members
      const dir = await u.memb.get('/communities');
      assert.match(dir.text, /Joined/);
      assert.match(dir.text, /3 members/);
      const adminDir = await u.admin.get('/communities');
      assert.ok(adminDir.text.includes(C.priv.name), 'admins see private communities');
    });

    test('create follows the community_creation setting', async () => {
      await setCreation('admins');
      try {
        assert.equal((await u.outsider.get('/c/new')).status, 403);
        const post = await u.outsider.post('/c/new', { name: 'Nope Club', slug: `nope-${tag}` });
        assert.equal(post.status, 403);
        const api = await u.outsider.postJSON('/api/v1/communities', { name: 'Nope Club', slug: `nope-${tag}` });
        assert.equal(api.status, 403);
        assert.equal((await u.outsider.get(`/c/nope-${tag}`)).status, 404);
        const anon = await u.anon.get('/c/new');
        assert.equal(anon.status, 303);
        assert.match(anon.location, /^\/signin\?next=/);
        const anonApi = await srv.client().postJSON('/api/v1/communities', { name: 'Nope Club' });
        assert.equal(anonApi.status, 401);
        // admins may, and the directory offers the button only to those who may
        const ok = await u.admin.get('/c/new');
        assert.equal(ok.status, 200);
        assert.ok(!(await u.outsider.get('/communities')).text.includes('href="/c/new"'));
        assert.ok((await u.admin.get('/communities')).text.includes('href="/c/new"'));
      } finally {
        await setCreation('members');
      }
      await u.outsider.get('/c/new');
      const r = await u.outsider.post('/c/new', {
        name: 'Outsider Workshop', slug: '', visibility: 'members', charter_md: 'Hi', tags: 'x y',
      });
      assert.equal(r.status, 303, r.text.slice(0, 400));
      assert.equal(r.location, '/c/outsider-workshop');
      const page = await u.outsider.get('/c/outsider-workshop');
      assert.equal(page.status, 200);
      assert.match(page.text, /Coordinator/);
      // a second one with the same name gets a numbered slug
      await u.outsider.get('/c/new');
      const again = await u.outsider.post('/c/new', { name: 'Outsider Workshop', visibility: 'public' });
      assert.equal(again.location, '/c/outsider-workshop-2');
    });

    test('validation: slug rules, reserved words, duplicates, names, tags', async () => {
      const cases = [
        [{ name: 'Valid Name', slug: 'Bad Slug' }, 422, /A slug is 2 to 40/],
        [{ name: 'Valid Name', slug: '-dash' }, 422, /A slug is 2 to 40/],
        [{ name: 'Valid Name', slug: 'x' }, 422, /A slug is 2 to 40/],
        [{ name: 'Valid Name', slug: 'a'.repeat(41) }, 422, /A slug is 2 to 40/],
        // reserved words, a public community's slug and a private one's: the same answer
        [{ name: 'Valid Name', slug: 'admin' }, 409, /The slug &quot;admin&quot; is not available; choose another\./],
        [{ name: 'Valid Name', slug: 'new' }, 409, /is not available/],
        [{ name: 'Valid Name', slug: C.pub.slug }, 409, /is not available/],
        [{ name: 'Valid Name', slug: C.priv.slug }, 409, /is not available/],
        [{ name: 'V', slug: `v-${tag}` }, 422, /A name is 2 to 80/],
        [{ name: 'Valid Name', slug: `v-${tag}`, visibility: 'secret' }, 422, /public, members or private/],
        [{ name: 'Valid Name', slug: `v-${tag}`, tags: 'ok, c++' }, 422, /Tag &quot;c\+\+&quot; is not valid/],
      ];
      for (const [form, status, re] of cases) {
        await u.coord.get('/c/new');
        const r = await u.coord.post('/c/new', form);
        assert.equal(r.status, status, `${JSON.stringify(form)}: ${r.text.slice(0, 200)}`);
        assert.match(r.text, re);
        assert.match(r.text, /notice-error/);
        // the form comes back with what was typed
        assert.ok(r.text.includes('value="Valid Name"') || form.name !== 'Valid Name');
      }
      const api = await u.coord.postJSON('/api/v1/communities', { name: 'Valid Name', slug: 'Nope!' });
      assert.equal(api.status, 400);
      assert.equal(api.json.error.field, 'slug');
      const dup = await u.coord.postJSON('/api/v1/communities', { name: 'Valid Name', slug: C.pub.slug });
      assert.equal(dup.status, 409);
      assert.equal(dup.json.error.code, 'conflict');
      const [reserved, priv] = await Promise.all(['admin', C.priv.slug].map((slug) =>
        u.outsider.postJSON('/api/v1/communities', { name: 'Valid Name', slug })));
      assert.equal(reserved.status, priv.status);
      assert.deepEqual(
        { ...reserved.json.error, message: reserved.json.error.message.replace('admin', 'S') },
        { ...priv.json.error, message: priv.json.error.message.replace(C.priv.slug, 'S') },
        'a private slug answers exactly like a reserved word');
      const bigTags = await u.coord.postJSON('/api/v1/communities', {
        name: 'Valid Name', slug: `t-${tag}`, tags: Array.from({ length: 201 }, (_, i) => `t${i}`),
      });
      assert.equal(bigTags.status, 413);
      const bigCharter = await u.coord.postJSON('/api/v1/communities', {
        name: 'Valid Name', slug: `t-${tag}`, charter_md: 'x'.repeat(64 * 1024 + 1),
      });
      assert.equal(bigCharter.status, 413);
      const badJson = await u.coord.request('POST', '/api/v1/communities', {
        body: '{"name": ', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': u.coord.csrf },
      });
      assert.equal(badJson.status, 400);
    });

    test('XSS in name, charter and tags is escaped everywhere', async () => {
      const evil = {
        name: `<script>alert("n")</script> & <img src=x onerror=alert(2)> ${tag}`,
        slug: `xss-${tag}`,
        visibility: 'public',
        charter_md: '<script>alert("c")</script>\n\n<img src=x onerror=alert(3)>\n\n[click](javascript:alert(4))\n\n"><svg onload=alert(5)>',
        tags: [{ tag: 'safe', description: '"><script>alert(6)</script>' }],
      };
      const r = await u.coord.postJSON('/api/v1/communities', evil);
      assert.equal(r.status, 201, r.text);
      assert.ok(!r.json.charter_html.includes('<script'));
      assert.ok(!r.json.charter_html.includes('href="javascript'));
      for (const p of [`/c/${evil.slug}`, `/c/${evil.slug}/members`, `/c/${evil.slug}/edit`, '/communities', '/']) {
        const page = await u.coord.get(p);
        assert.equal(page.status, 200, p);
        assert.ok(!/<script>alert/.test(page.text), `raw script on ${p}`);
        assert.ok(!/<img src=x/.test(page.text), `raw img on ${p}`);
        assert.ok(!/<svg onload/.test(page.text), `raw svg on ${p}`);
        assert.ok(!/href="javascript:/i.test(page.text), `javascript: link on ${p}`);
        assert.ok(page.text.includes('&lt;script&gt;alert('), `escaped name on ${p}`);
      }
      // tags typed with markup are refused, and the message is escaped
      await u.coord.get('/c/new');
      const bad = await u.coord.post('/c/new', { name: 'Tag Test', slug: `tt-${tag}`, tags: '<b>bold</b>' });
      assert.equal(bad.status, 422);
      assert.ok(!bad.text.includes('<b>bold'));
      assert.ok(bad.text.includes('&lt;b&gt;bold'));
    });

    test('CSRF: form posts and cookie API writes need the token', async () => {
      const r = await u.outsider.post(`/c/${C.pub.slug}/join`, {}, { csrf: false });
      assert.equal(r.status, 403);
      const wrong = await u.outsider.post(`/c/${C.pub.slug}/join`, { _csrf: 'f'.repeat(64) });
      assert.equal(wrong.status, 403);
      const api = await u.outsider.postJSON(`/api/v1/communities/${C.pub.slug}/join`, {}, { csrf: false });
      assert.equal(api.status, 403);
      assert.equal(api.json.error.code, 'csrf');
      const still = await u.outsider.get(`/api/v1/communities/${C.pub.slug}`);
      assert.equal(still.json.my_role, null, 'the forged joins did nothing');
      const anon = await u.anon.post(`/c/${C.pub.slug}/join`, {});
      assert.ok([303, 401, 403].includes(anon.status), `anonymous join: ${anon.status}`);
    });

    test('join and leave; the last coordinator cannot leave', async () => {
      const pub = `/c/${C.pub.slug}`;
      await u.outsider.get(pub);
      let r = await u.outsider.post(`${pub}/join`);
      assert.equal(r.status, 303);
      assert.equal(r.location, pub);
      let page = await u.outsider.get(pub);
      assert.ok(page.text.includes(`action="${pub}/leave"`));
      assert.match(page.text, /4 members/);
      r = await u.outsider.post(`${pub}/leave`);
      assert.equal(r.status, 303);
      page = await u.outsider.get(pub);
      assert.match(page.text, /3 members/);
      // members-only: any signed-in user may join; private: not without a link
      r = await u.outsider.postJSON(`/api/v1/communities/${C.mem.slug}/join`, {});
      assert.equal(r.status, 200);
      assert.equal(r.json.my_role, 'member');
      r = await u.outsider.postJSON(`/api/v1/communities/${C.mem.slug}/leave`, {});
      assert.equal(r.status, 200);
      assert.equal((await u.outsider.post(`/c/${C.priv.slug}/join`)).status, 404);
      r = await u.outsider.postJSON(`/api/v1/communities/${C.priv.slug}/join`, {});
      assert.equal(r.status, 404);
      // the last coordinator: no Leave button, a note on how to hand over; Edit comes first
      r = await u.coord.get(pub);
      assert.ok(!r.text.includes(`action="${pub}/leave"`));
      assert.match(r.text, /<div class="community-actions"><a class="button button-secondary" href="[^"]+\/edit">Edit<\/a>/);
      assert.match(r.text, /only coordinator\. To leave it, first make another member a coordinator/);
      r = await u.coord.post(`${pub}/leave`);
      assert.equal(r.status, 409);
      assert.match(r.text, /appoint another coordinator/);
      r = await u.coord.postJSON(`/api/v1/communities/${C.pub.slug}/leave`, {});
      assert.equal(r.status, 409);
      assert.match(r.json.error.message, /appoint another coordinator/);
      // leaving a private community hides it again
      r = await u.memb.postJSON(`/api/v1/communities/${C.priv.slug}/leave`, {});
      assert.equal(r.status, 200);
      assert.equal((await u.memb.get(`/c/${C.priv.slug}`)).status, 404);
      assert.ok(!(await u.memb.get('/communities')).text.includes(C.priv.name));
    });

    test('invitation links: join, used up, revoked, expired', async () => {
      const priv = C.priv.slug;
      await u.coord.get(`/c/${priv}/invites`);
      const made = await u.coord.post(`/c/${priv}/invites`, { days: '7', max_uses: '1' });
      assert.equal(made.status, 201, made.text.slice(0, 300));
      const token = made.text.match(/\/join\/([0-9a-f]{32})/)[1];
      // anonymous visitors are sent to sign in with the link kept
      const anon = await u.anon.get(`/join/${token}`);
      assert.equal(anon.status, 200);
      assert.ok(anon.text.includes(`/signin?next=%2Fjoin%2F${token}`));
      const show = await u.newbie.get(`/join/${token}`);
      assert.equal(show.status, 200);
      assert.ok(show.text.includes(C.priv.name));
      let r = await u.newbie.post(`/join/${token}`);
      assert.equal(r.status, 303);
      assert.equal(r.location, `/c/${priv}`);
      assert.equal((await u.newbie.get(`/c/${priv}`)).status, 200);
      // the access log names the route, never the secret token
      await new Promise((res) => setTimeout(res, 50));
      assert.match(srv.logs(), /path="\/join\/:token"/);
      assert.ok(!srv.logs().includes(token), 'the invitation token is not in the log');
      // used up
      r = await u.late.get(`/join/${token}`);
      assert.equal(r.status, 400);
      assert.ok(!r.text.includes(C.priv.name));
      assert.match(r.text, /used as many times/);
      await u.late.get('/');
      r = await u.late.post(`/join/${token}`);
      assert.equal(r.status, 400);
      assert.equal((await u.late.get(`/c/${priv}`)).status, 404);
      // unknown
      assert.equal((await u.late.get(`/join/${'0'.repeat(32)}`)).status, 404);
      assert.equal((await u.late.get('/join/zzz')).status, 404);
      // revoked
      let inv = await u.moder.postJSON(`/api/v1/communities/${priv}/invites`, { days: 3 });
      assert.equal(inv.status, 201, inv.text);
      assert.equal(inv.json.state, 'active');
      r = await u.moder.del(`/api/v1/communities/${priv}/invites/${inv.json.id}`);
      assert.equal(r.status, 200);
      r = await u.late.postJSON(`/api/v1/communities/${priv}/join`, { invite: inv.json.token });
      assert.equal(r.status, 400);
      assert.match(r.json.error.message, /revoked/);
      // expired (moved into the past directly in the database)
      inv = await u.coord.postJSON(`/api/v1/communities/${priv}/invites`, { days: 1 });
      sql(srv, `UPDATE community_invites SET expires_at = 1000 WHERE id = ${Number(inv.json.id)}`);
      r = await u.late.get(`/join/${inv.json.token}`);
      assert.equal(r.status, 400);
      assert.match(r.text, /expired/);
      // a token for another community does not open this one
      const other = await u.coord.postJSON(`/api/v1/communities/${C.mem.slug}/invites`, {});
      r = await u.late.postJSON(`/api/v1/communities/${priv}/join`, { invite: other.json.token });
      assert.equal(r.status, 404);
      // the list shows states; members cannot create links
      const list = await u.coord.get(`/api/v1/communities/${priv}/invites`);
      const states = list.json.invites.map((i) => i.state);
      for (const s of ['used up', 'revoked', 'expired', 'active']) assert.ok(states.includes(s), s);
      assert.equal((await u.newbie.postJSON(`/api/v1/communities/${priv}/invites`, {})).status, 403);
      // the web page offers revoke forms
      const page = await u.coord.get(`/c/${priv}/invites`);
      assert.match(page.text, /name="revoke"/);
    });

    test('role changes and removal', async () => {
      const pub = C.pub.slug;
      await u.coord.get(`/c/${pub}/members`);
      let r = await u.coord.post(`/c/${pub}/members/memb`, { role: 'moderator' });
      assert.equal(r.status, 303);
      let m = await u.coord.get(`/api/v1/communities/${pub}/members`);
      assert.equal(m.json.members.find((x) => x.name === 'memb').role, 'moderator');
      // the coordinator sees manage forms; a member does not
      const cp = await u.coord.get(`/c/${pub}/members`);
      assert.ok(cp.text.includes(`action="/c/${pub}/members/memb"`));
      const mp = await u.moder.get(`/c/${pub}/members`);
      assert.ok(!mp.text.includes(`action="/c/${pub}/members/`));
      // non-coordinators cannot change roles
      await u.moder.get(`/c/${pub}/members`);
      r = await u.moder.post(`/c/${pub}/members/memb`, { role: 'member' });
      assert.equal(r.status, 403);
      r = await u.outsider.putJSON(`/api/v1/communities/${pub}/members/memb`, { role: 'coordinator' });
      assert.equal(r.status, 403);
      r = await u.outsider.putJSON(`/api/v1/communities/${C.priv.slug}/members/memb`, { role: 'coordinator' });
      assert.equal(r.status, 404);
      // bad role, unknown member
      r = await u.coord.putJSON(`/api/v1/communities/${pub}/members/memb`, { role: 'king' });
      assert.equal(r.status, 400);
      r = await u.coord.putJSON(`/api/v1/communities/${pub}/members/other`, { role: 'member' });
      assert.equal(r.status, 404);
      // demoting the last coordinator is refused; with a second one it works
      r = await u.coord.putJSON(`/api/v1/communities/${pub}/members/coord`, { role: 'member' });
      assert.equal(r.status, 409);
      await u.coord.get(`/c/${pub}/members`);
      r = await u.coord.post(`/c/${pub}/members/coord`, { remove: '1' });
      assert.equal(r.status, 409);
      assert.match(r.text, /last coordinator/);
      r = await u.coord.putJSON(`/api/v1/communities/${pub}/members/memb`, { role: 'coordinator' });
      assert.equal(r.status, 200);
      // memb (now coordinator) removes moder; admin (not a member) demotes memb back
      r = await u.memb.del(`/api/v1/communities/${pub}/members/moder`);
      assert.equal(r.status, 200);
      m = await u.coord.get(`/api/v1/communities/${pub}/members`);
      assert.ok(!m.json.members.some((x) => x.name === 'moder'));
      await u.admin.get(`/c/${pub}/members`);
      r = await u.admin.post(`/c/${pub}/members/memb`, { role: 'member' });
      assert.equal(r.status, 303);
      m = await u.coord.get(`/api/v1/communities/${pub}/members`);
      assert.equal(m.json.members.find((x) => x.name === 'memb').role, 'member');
      // moder rejoins for later tests
      assert.equal((await u.moder.postJSON(`/api/v1/communities/${pub}/join`, {})).status, 200);
    });

    test('edit and archive', async () => {
      const pub = `/c/${C.pub.slug}`;
      await u.memb.get(pub);
      let r = await u.memb.post(`${pub}/edit`, { name: 'Hijacked', visibility: 'public' });
      assert.equal(r.status, 403);
      r = await u.memb.patchJSON(`/api/v1/communities/${C.pub.slug}`, { name: 'Hijacked' });
      assert.equal(r.status, 403);
      await u.coord.get(`${pub}/edit`);
      r = await u.coord.post(`${pub}/edit`, {
        name: `${C.pub.name} Renamed`, visibility: 'public', charter_md: 'New **charter**', tags: 'gamma, alpha',
      });
      assert.equal(r.status, 303, r.text.slice(0, 300));
      let page = await u.anon.get(pub);
      assert.ok(page.text.includes(`${C.pub.name} Renamed`));
      assert.ok(page.text.includes('<strong>charter</strong>'));
      const j = await u.anon.get(`/api/v1/communities/${C.pub.slug}`);
      assert.deepEqual(j.json.tags.map((t) => t.tag), ['alpha', 'gamma']);
      // invalid edit re-renders the form
      await u.coord.get(`${pub}/edit`);
      r = await u.coord.post(`${pub}/edit`, { name: 'x', visibility: 'public' });
      assert.equal(r.status, 422);
      // the admin edits through the API; the slug cannot change
      r = await u.admin.patchJSON(`/api/v1/communities/${C.pub.slug}`, { slug: 'other-slug' });
      assert.equal(r.status, 400);
      r = await u.admin.patchJSON(`/api/v1/communities/${C.pub.slug}`, { name: C.pub.name });
      assert.equal(r.status, 200);
      assert.equal(r.json.name, C.pub.name);
      // visibility change: make mem private, outsider loses it, then back
      r = await u.coord.patchJSON(`/api/v1/communities/${C.mem.slug}`, { visibility: 'private' });
      assert.equal(r.status, 200);
      assert.equal((await u.outsider.get(`/c/${C.mem.slug}`)).status, 404);
      r = await u.coord.patchJSON(`/api/v1/communities/${C.mem.slug}`, { visibility: 'members' });
      assert.equal(r.status, 200);

      // archive: only coordinators; read-only after
      await u.memb.get(pub);
      assert.equal((await u.memb.post(`${pub}/archive`, { archived: '1' })).status, 403);
      await u.coord.get(pub);
      r = await u.coord.post(`${pub}/archive`, { archived: '1' });
      assert.equal(r.status, 303);
      page = await u.outsider.get(pub);
      assert.equal(page.status, 200);
      assert.match(page.text, /Archived/);
      assert.ok(!page.text.includes(`action="${pub}/join"`));
      await u.outsider.get(pub);
      assert.equal((await u.outsider.post(`${pub}/join`)).status, 409);
      r = await u.coord.patchJSON(`/api/v1/communities/${C.pub.slug}`, { name: 'Frozen' });
      assert.equal(r.status, 409);
      const dir = await u.outsider.get('/communities');
      assert.match(dir.text, /badge-archived/);
      r = await u.coord.postJSON(`/api/v1/communities/${C.pub.slug}/archive`, { archived: false });
      assert.equal(r.status, 200);
      assert.equal(r.json.archived, false);
      r = await u.outsider.postJSON(`/api/v1/communities/${C.pub.slug}/join`, {});
      assert.equal(r.status, 200);
    });

    test('healthz', async () => {
      const r = await u.anon.get('/healthz');
      assert.equal(r.status, 200);
      assert.equal(r.text, 'ok\n');
      assert.match(r.headers.get('content-type'), /^text\/plain/);
    });
  });
}

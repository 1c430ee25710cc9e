// Reading and finding your way (issue 15), over HTTP on every backend: the members-only
// sign-in prompt with its safe way back, search grouped by thread with plain-text snippets
// and thread figures, the anonymous home page, tag pages and tag counts, the member
// directory and profiles, claimed skills in who-knows, and display names.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`finding (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6).toLowerCase().replace(/[^a-z0-9]/g, 'x');
    const C = {
      pub: { slug: `fp-${tag}`, name: `Findpub ${tag}`, visibility: 'public' },
      mem: { slug: `fm-${tag}`, name: `Findmem ${tag}`, visibility: 'members' },
      priv: { slug: `fx-${tag}`, name: `Findpriv ${tag}`, visibility: 'private' },
    };
    const T = {};

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status}`);
      await c.get('/');
      return c;
    }
    async function thread(who, k, body) {
      const r = await u[who].postJSON(`/api/v1/communities/${C[k].slug}/threads`, body);
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function reply(who, tid, body) {
      const r = await u[who].postJSON(`/api/v1/threads/${tid}/posts`, { body });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of ['coord', 'memb', 'outsider']) await srv.addUser(n, { password: PW });
      u.anon = srv.client();
      u.admin = await login('admin1');
      for (const n of ['coord', 'memb', 'outsider']) u[n] = await login(n);
      await u.admin.post('/admin', { community_creation: 'members' });
      for (const k of Object.keys(C)) {
        const r = await u.coord.postJSON('/api/v1/communities', {
          name: C[k].name, slug: C[k].slug, visibility: C[k].visibility, tags: 'pastry, bread',
          charter_md: `We bake ${k} things together. Bring your **starter**; we share notes.`,
        });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${C.priv.slug}/invites`, { days: 7, max_uses: 0 });
      for (const k of ['pub', 'mem']) await u.memb.postJSON(`/api/v1/communities/${C[k].slug}/join`, {});
      await u.memb.postJSON(`/api/v1/communities/${C.priv.slug}/join`, { invite: inv.json.token });
      await u.coord.patchJSON('/api/v1/me', { display_name: 'Constance Baker' });
      await u.memb.patchJSON('/api/v1/me', { display_name: 'Mirabel Dough' });

      T.q = await thread('memb', 'pub', {
        kind: 'question', title: 'Why does my croissant dough tear?',
        body: 'The laminated croissant dough tears. See [the croissant guide](https://example.com/croissant-guide) for what I did.',
        tags: ['pastry'],
      });
      T.r1 = await reply('coord', T.q.id, 'Rest the croissant dough longer between folds.');
      T.r2 = await reply('coord', T.q.id, 'Colder butter: a croissant needs it **firm**.');
      T.r3 = await reply('memb', T.q.id, 'Thanks, the croissant worked.');
      T.other = await thread('memb', 'pub', { kind: 'discussion', title: 'Bread talk', body: 'One croissant mention here.', tags: ['bread'] });
      T.mem = await thread('memb', 'mem', { kind: 'question', title: 'Members only sourdough', body: 'Secret hydration.' });
      T.priv = await thread('memb', 'priv', { kind: 'question', title: 'Private pastry secret', body: 'Zanzibar croissant.' });
      T.memSolved = await thread('memb', 'mem', { kind: 'question', title: 'Members solved quandary', body: 'Hydration?' });
      let r = await u.memb.putJSON(`/api/v1/threads/${T.q.id}/accepted`, { post_id: T.r1.id });
      assert.equal(r.status, 200, r.text);
      const ans = await reply('coord', T.memSolved.id, 'Seventy percent.');
      r = await u.memb.putJSON(`/api/v1/threads/${T.memSolved.id}/accepted`, { post_id: ans.id });
      assert.equal(r.status, 200, r.text);
      // articles: best practice in the public and the members-only community, tagged pastry
      T.art = {};
      for (const k of ['pub', 'mem', 'priv']) {
        r = await u.coord.postJSON(`/api/v1/communities/${C[k].slug}/articles`, {
          title: `Lamination basics ${k}`, body_md: 'Fold, rest, fold.', tags: ['pastry'],
        });
        assert.equal(r.status, 201, r.text);
        T.art[k] = r.json;
        r = await u.coord.patchJSON(`/api/v1/communities/${C[k].slug}/articles/${r.json.slug}`, { status: 'best_practice' });
        assert.equal(r.status, 200, r.text);
      }
      const nextYear = new Date().getUTCFullYear() + 1;
      for (const k of ['pub', 'mem']) {
        r = await u.coord.postJSON(`/api/v1/communities/${C[k].slug}/events`, {
          title: `Bake-along ${k}`, start: `${nextYear}-06-02T18:00`, end: `${nextYear}-06-02T20:00`,
          timezone: 'Europe/Berlin', location: 'The Bakery', description: 'Bring flour.',
        });
        assert.equal(r.status, 201, r.text);
      }
    });

    after(async () => {
      await srv?.stop();
    });

    test('members-only: a visitor is asked to sign in and comes back; private stays 404', async () => {
      const anon = srv.client();
      let r = await anon.get(`/c/${C.mem.slug}`);
      assert.equal(r.status, 401);
      assert.match(r.text, /sign in to read it/);
      assert.ok(!r.text.includes(C.mem.name), 'the name is not shown');
      const next = `/c/${C.mem.slug}`;
      assert.ok(r.text.includes(`/signin?next=${encodeURIComponent(next)}`), 'sign-in link with the way back');
      r = await anon.get(`/c/${C.mem.slug}/t/${T.mem.id}`);
      assert.equal(r.status, 401, 'a thread of it too');
      assert.ok(!r.text.includes('Members only sourdough'));
      r = await anon.get(`/signin?next=${encodeURIComponent(next)}`);
      assert.ok(r.text.includes(`name="next" value="${next}"`));
      r = await anon.post('/signin', { name: 'outsider', password: PW, next });
      assert.equal(r.status, 303);
      assert.equal(r.location, next, 'back to the community after signing in');
      assert.equal((await anon.get(next)).status, 200);
      // unsafe next values go home
      for (const bad of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
        const c = srv.client();
        await c.get('/signin');
        r = await c.post('/signin', { name: 'outsider', password: PW, next: bad });
        assert.equal(r.location, '/', `unsafe next ${bad}`);
      }
      // private: 404 to outsiders, signed in or not, with no sign-in prompt
      for (const who of ['anon', 'outsider']) {
        r = await u[who].get(`/c/${C.priv.slug}`);
        assert.equal(r.status, 404, `${who} private`);
        assert.ok(!r.text.includes(C.priv.name));
        r = await u[who].get(`/c/${C.priv.slug}/t/${T.priv.id}`);
        assert.equal(r.status, 404, `${who} private thread`);
      }
      r = await u.anon.get(`/api/v1/communities/${C.mem.slug}`);
      assert.equal(r.status, 401);
    });

    test('home: communities with their first sentence, solved questions, best practice, events', async () => {
      let r = await u.anon.get('/');
      assert.equal(r.status, 200);
      assert.ok(r.text.includes(`href="/c/${C.pub.slug}"`), 'public community card');
      assert.ok(r.text.includes('We bake pub things together.'), 'charter first sentence');
      assert.ok(!r.text.includes('Bring your'), 'only the first sentence');
      assert.ok(!r.text.includes('**'), 'no Markdown syntax');
      assert.match(r.text, /<h2>Recently solved<\/h2>/);
      assert.ok(r.text.includes('Why does my croissant dough tear?'), 'solved public question');
      assert.match(r.text, /<h2>Best practice<\/h2>/);
      assert.ok(r.text.includes('Lamination basics pub'), 'best-practice article');
      assert.match(r.text, /Upcoming events/);
      assert.ok(r.text.includes('Bake-along pub'), 'public event');
      for (const hidden of [C.mem.name, C.priv.name, 'Members solved quandary', 'Lamination basics mem',
        'Lamination basics priv', 'Bake-along mem', 'Private pastry']) {
        assert.ok(!r.text.includes(hidden), `a visitor does not see ${hidden}`);
      }
      r = await u.memb.get('/');
      assert.match(r.text, /Your communities/);
      assert.ok(r.text.includes(C.mem.name) && r.text.includes(C.priv.name), 'their communities');
      assert.ok(r.text.includes('Members solved quandary'), 'solved in a members-only community');
      assert.ok(r.text.includes('Lamination basics priv'), 'their private community\'s article');
      r = await u.outsider.get('/');
      assert.ok(!r.text.includes('Lamination basics priv'), 'not a private article to an outsider');
      assert.ok(r.text.includes('Lamination basics mem'), 'members-only to a signed-in outsider');
    });

    test('tags: every thread list, article and search result shows them as links with counts', async () => {
      const chip = new RegExp(`<a class="tag" href="/c/${C.pub.slug}/tags/pastry"[^>]*>pastry <span class="tag-count">1<span class="visually-hidden"> thread</span></span></a>`);
      const pages = [`/c/${C.pub.slug}/latest`, `/c/${C.pub.slug}/top`, `/c/${C.pub.slug}/tags/pastry`,
        '/latest', '/top', `/c/${C.pub.slug}/a`, `/c/${C.pub.slug}/a/${T.art.pub.slug}`,
        '/search?q=croissant', `/c/${C.pub.slug}`, `/c/${C.pub.slug}/t/${T.q.id}`];
      for (const path of pages) {
        const r = await u.anon.get(path);
        assert.equal(r.status, 200, path);
        assert.match(r.text, chip, `${path}: the pastry tag with its count`);
        assert.ok(!/<a class="tag" href="[^"]*\/tags\/[^"]*">[a-z]+<\/a>/.test(r.text), `${path}: no tag without a count`);
      }
      // a member's own list, and instance-wide lists mixing communities
      let r = await u.memb.get('/mine');
      assert.equal(r.status, 200);
      assert.match(r.text, chip, '/mine');
      r = await u.memb.get('/latest');
      assert.match(r.text, new RegExp(`href="/c/${C.pub.slug}/tags/bread"[^>]*>bread <span class="tag-count">1<`), 'bread in /latest');
      // counts never reveal a private community to an outsider (its threads are not listed)
      r = await u.outsider.get('/latest');
      assert.ok(!r.text.includes(`/c/${C.priv.slug}/tags/`), 'no private tag links');
    });

    test('tags: links with counts, a tag page with description, articles and who knows it', async () => {
      // the community page: tags are links with counts
      let r = await u.anon.get(`/c/${C.pub.slug}`);
      assert.equal(r.status, 200);
      assert.match(r.text, new RegExp(`<a class="tag" href="/c/${C.pub.slug}/tags/pastry"[^>]*>pastry <span class="tag-count">`));
      assert.match(r.text, /tag-count">1<span class="visually-hidden"> thread<\/span>/);
      // the thread page too
      r = await u.anon.get(`/c/${C.pub.slug}/t/${T.q.id}`);
      assert.match(r.text, new RegExp(`href="/c/${C.pub.slug}/tags/pastry"[^>]*>pastry <span class="tag-count">`));
      // describe: coordinators only
      r = await u.memb.patchJSON(`/api/v1/communities/${C.pub.slug}/tags/pastry`, { description: 'Nope' });
      assert.equal(r.status, 403);
      r = await u.coord.patchJSON(`/api/v1/communities/${C.pub.slug}/tags/pastry`, { description: 'Laminated <doughs> & tarts' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.description, 'Laminated <doughs> & tarts');
      r = await u.coord.patchJSON(`/api/v1/communities/${C.pub.slug}/tags/pastry`, { description: 'x'.repeat(201) });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'description');
      r = await u.coord.patchJSON(`/api/v1/communities/${C.pub.slug}/tags/nosuch`, { description: 'x' });
      assert.equal(r.status, 404);
      // the page form
      await u.coord.get(`/c/${C.pub.slug}/tags/bread`);
      r = await u.coord.post(`/c/${C.pub.slug}/tags/bread/description`, { description: 'Loaves and crumb' });
      assert.equal(r.status, 303);
      assert.equal(r.location, `/c/${C.pub.slug}/tags/bread`);
      r = await u.memb.post(`/c/${C.pub.slug}/tags/bread/description`, { description: 'Mine' });
      assert.equal(r.status, 403);
      // the tag page
      r = await u.anon.get(`/c/${C.pub.slug}/tags/pastry`);
      assert.equal(r.status, 200);
      assert.ok(r.text.includes('Laminated &lt;doughs&gt; &amp; tarts'), 'description, escaped');
      assert.ok(r.text.includes('Why does my croissant dough tear?'), 'its threads');
      assert.ok(r.text.includes('Lamination basics pub'), 'its articles');
      assert.ok(!r.text.includes('Lamination basics mem'), 'only this community\'s');
      assert.match(r.text, /Who knows pastry/);
      assert.ok(r.text.includes('href="/u/coord"'), 'who knows it (answered and wrote the article)');
      assert.ok(r.text.includes('Constance Baker'), 'by display name');
      assert.ok(!r.text.includes('Describe this tag') && !r.text.includes('Edit the description'), 'no form for visitors');
      r = await u.coord.get(`/c/${C.pub.slug}/tags/pastry`);
      assert.ok(r.text.includes('Edit the description'), 'coordinators can edit');
      // API
      r = await u.anon.get(`/api/v1/communities/${C.pub.slug}/tags`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.tags.map((t) => [t.tag, t.threads]), [['bread', 1], ['pastry', 1]]);
      r = await u.anon.get(`/api/v1/communities/${C.pub.slug}/tags/pastry`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.threads, 1);
      assert.equal(r.json.description, 'Laminated <doughs> & tarts');
      assert.deepEqual(r.json.articles.map((a) => a.title), ['Lamination basics pub']);
      assert.equal(r.json.experts[0].name, 'coord');
      r = await u.anon.get(`/api/v1/communities/${C.priv.slug}/tags/pastry`);
      assert.equal(r.status, 404, 'private stays hidden');
      r = await u.anon.get(`/api/v1/communities/${C.pub.slug}`);
      assert.equal(r.json.tags.find((t) => t.tag === 'pastry').threads, 1);
    });

    test('member directory: search by name, skill and tag; natural, joined and activity order; pages', async () => {
      for (const n of ['beer-10', 'beer-2', 'beer-1']) {
        await srv.addUser(n, { password: PW });
        u[n] = await login(n);
        const r = await u[n].postJSON(`/api/v1/communities/${C.pub.slug}/join`, {});
        assert.equal(r.status, 200, r.text);
      }
      let r = await u['beer-2'].patchJSON('/api/v1/me', { skills: ['pastry', 'lager'] });
      assert.equal(r.status, 200, r.text);
      const M = (q) => u.anon.get(`/api/v1/communities/${C.pub.slug}/members?${q}`);
      r = await M('q=beer&sort=name');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.members.map((m) => m.name), ['beer-1', 'beer-2', 'beer-10'], 'natural order');
      assert.equal(r.json.total, 3);
      r = await M('q=beer&sort=joined');
      assert.deepEqual(r.json.members.map((m) => m.name), ['beer-1', 'beer-2', 'beer-10'], 'newest first');
      r = await M('q=DOUGH');
      assert.deepEqual(r.json.members.map((m) => m.name), ['memb'], 'display name, any case');
      r = await M('skill=pastry');
      assert.deepEqual(r.json.members.map((m) => m.name), ['beer-2'], 'claimed skill');
      r = await M('tag=pastry&sort=name');
      assert.deepEqual(r.json.members.map((m) => m.name), ['coord', 'memb'], 'posted under the tag');
      r = await M('sort=activity');
      assert.deepEqual(r.json.members.slice(0, 2).map((m) => m.name), ['memb', 'coord'], 'most active first');
      assert.ok(r.json.members[0].posts >= 3);
      r = await M('q=beer&sort=name&limit=2');
      assert.deepEqual(r.json.members.map((m) => m.name), ['beer-1', 'beer-2']);
      assert.equal(r.json.next_offset, 2);
      r = await M('q=beer&sort=name&limit=2&offset=2');
      assert.deepEqual(r.json.members.map((m) => m.name), ['beer-10']);
      assert.equal(r.json.next_offset, null);
      r = await M('sort=shoe-size');
      assert.equal(r.status, 400);
      r = await M('tag=No%20Such');
      assert.equal(r.status, 400);
      // the page
      r = await u.anon.get(`/c/${C.pub.slug}/members?q=beer&sort=name`);
      assert.equal(r.status, 200);
      const order = ['beer-1', 'beer-2', 'beer-10'].map((n) => r.text.indexOf(`href="/u/${n}"`));
      assert.ok(order[0] > 0 && order[0] < order[1] && order[1] < order[2], `natural order on the page ${order}`);
      assert.match(r.text, /3 members found/);
      assert.ok(r.text.includes('<option value="name" selected>'));
      r = await u.anon.get(`/c/${C.pub.slug}/members?skill=pastry`);
      assert.ok(r.text.includes('href="/u/beer-2"') && !r.text.includes('href="/u/beer-1"'));
      r = await u.anon.get(`/c/${C.mem.slug}/members?q=beer`);
      assert.equal(r.status, 401, 'members-only directory asks a visitor to sign in');
    });

    test('profiles: recent questions, answers, articles and events the viewer may read, and expertise', async () => {
      let r = await u.anon.get('/u/memb');
      assert.equal(r.status, 200);
      assert.match(r.text, /Recent contributions/);
      assert.ok(r.text.includes('Why does my croissant dough tear?'), 'a public question');
      assert.ok(!r.text.includes('Members only sourdough'), 'no members-only question to a visitor');
      assert.ok(!r.text.includes('Private pastry secret'), 'no private question to a visitor');
      r = await u.outsider.get('/u/memb');
      assert.ok(r.text.includes('Members only sourdough'), 'members-only to a signed-in member of the site');
      assert.ok(!r.text.includes('Private pastry secret'), 'no private question to an outsider');
      r = await u.coord.get('/u/memb');
      assert.ok(r.text.includes('Private pastry secret'), 'private to a member of it');
      r = await u.anon.get('/u/coord');
      assert.match(r.text, /<h3>Answers<\/h3>/);
      assert.match(r.text, /<h3>Articles<\/h3>/);
      assert.ok(r.text.includes('Lamination basics pub') && !r.text.includes('Lamination basics priv'));
      assert.match(r.text, /<h3>Events<\/h3>/);
      assert.ok(r.text.includes('Bake-along pub') && !r.text.includes('Bake-along mem'));
      assert.match(r.text, /Demonstrated expertise/i);
      r = await u.anon.get('/api/v1/users/coord');
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.recent.answers.some((a) => a.thread_id === T.q.id));
      assert.deepEqual(r.json.recent.articles.map((a) => a.title), ['Lamination basics pub']);
      assert.deepEqual(r.json.recent.events.map((e) => e.title), ['Bake-along pub']);
      r = await u.anon.get('/api/v1/users/memb');
      assert.ok(r.json.recent.questions.some((q) => q.id && q.thread_id === T.q.id));
      assert.ok(!r.json.recent.questions.some((q) => q.thread_id === T.priv.id || q.thread_id === T.mem.id));
    });

    test('who knows: claimed skills are weak evidence, ranked after evidence and shown apart', async () => {
      let r = await u.coord.patchJSON('/api/v1/me', { skills: ['pastry'] });
      assert.equal(r.status, 200, r.text);
      r = await u.anon.get(`/api/v1/experts?tag=pastry&community=${C.pub.slug}`);
      assert.equal(r.status, 200, r.text);
      const names = r.json.experts.map((e) => e.user.name);
      assert.ok(names.includes('coord') && names.includes('beer-2'), names.join());
      const claimOnly = r.json.experts.filter((e) => e.claim_only).map((e) => e.user.name);
      assert.deepEqual(claimOnly, ['beer-2'], 'beer-2 only claims pastry');
      assert.equal(names[names.length - 1], 'beer-2', 'ranked below everyone with evidence');
      assert.equal(r.json.experts.find((e) => e.user.name === 'coord').claimed, true);
      r = await u.anon.get(`/c/${C.pub.slug}/who-knows?tag=pastry`);
      assert.equal(r.status, 200);
      const ev = r.text.indexOf('href="/u/coord"');
      const apart = r.text.indexOf('Also say they know it');
      assert.ok(ev > 0 && apart > ev, 'claims listed apart, after the evidence');
      assert.ok(r.text.indexOf('href="/u/beer-2"') > apart);
      assert.match(r.text, /also claims it as a skill/);
      // a claim does not leak into a community the claimant is not in
      r = await u.anon.get(`/api/v1/experts?tag=pastry&community=${C.mem.slug}`);
      assert.ok([401, 404].includes(r.status) || !r.json.experts.some((e) => e.user.name === 'beer-2'));
      r = await u.memb.get(`/api/v1/experts?tag=pastry&community=${C.mem.slug}`);
      assert.ok(!r.json.experts.some((e) => e.user.name === 'beer-2'), 'not a member there');
      // hidden expertise hides the claim too
      await u['beer-2'].get('/settings/profile');
      r = await u.admin.patchJSON('/api/v1/admin/users/beer-2', { status: 'suspended' });
      r = await u.anon.get(`/api/v1/experts?tag=pastry&community=${C.pub.slug}`);
      assert.ok(!r.json.experts.some((e) => e.user.name === 'beer-2'), 'suspended: not listed');
      r = await u.admin.patchJSON('/api/v1/admin/users/beer-2', { status: 'active' });
    });

    test('display names wherever a person is shown, with the account name on hover', async () => {
      let r = await u.anon.get(`/c/${C.pub.slug}/t/${T.q.id}`);
      assert.match(r.text, /<h3 class="visually-hidden" id="p\d+-h">Answer by Constance Baker( \(accepted\))?<\/h3>/);
      assert.ok(r.text.includes('<a class="author" href="/u/coord" title="@coord">Constance Baker</a>'));
      r = await u.anon.get(`/c/${C.pub.slug}/latest`);
      assert.ok(r.text.includes('<a class="author" href="/u/memb" title="@memb">Mirabel Dough</a>'), 'thread lists');
      // organiser
      r = await u.anon.get(`/api/v1/communities/${C.pub.slug}/events`);
      const ev = (r.json.events || r.json.occurrences || [])[0];
      assert.ok(ev, r.text.slice(0, 300));
      r = await u.anon.get(`/events/${ev.id ?? ev.event_id}`);
      assert.match(r.text, /<dt>Organiser<\/dt><dd><a class="author" href="\/u\/coord" title="@coord">Constance Baker<\/a>/);
      // article credits and owner
      r = await u.coord.postJSON(`/api/v1/threads/${T.q.id}/article`, {});
      assert.ok([200, 201].includes(r.status), r.text);
      const slug = r.json.slug ?? r.json.article?.slug;
      r = await u.coord.get(`/api/v1/communities/${C.pub.slug}/articles/${slug}`);
      assert.match(r.json.body_md, /\[Constance Baker\]\(\/u\/coord "@coord"\)/);
      assert.match(r.json.body_md, /\[Mirabel Dough\]\(\/u\/memb "@memb"\)/);
      r = await u.coord.patchJSON(`/api/v1/communities/${C.pub.slug}/articles/${slug}`, { owner: 'memb' });
      assert.equal(r.status, 200, r.text);
      r = await u.coord.get(`/c/${C.pub.slug}/a/${slug}`); // a draft: its editors see it
      assert.ok(r.text.includes('title="@coord">Constance Baker</a>'), 'credit shows the display name');
      assert.ok(r.text.includes('owner <a class="author" href="/u/memb" title="@memb">Mirabel Dough</a>'), 'owner');
    });

    test('search: one result per thread, plain snippets, score, answers and solved', async () => {
      let r = await u.anon.get('/api/v1/search?q=croissant');
      assert.equal(r.status, 200, r.text);
      const j = r.json;
      const forQ = j.results.filter((x) => x.thread && x.thread.id === T.q.id);
      assert.equal(forQ.length, 1, 'the question and its replies are one result');
      assert.equal(forQ[0].kind, 'thread');
      assert.equal(forQ[0].thread.matching_replies, 3);
      assert.equal(forQ[0].thread.solved, true);
      assert.equal(forQ[0].thread.answer_count, 3);
      assert.equal(typeof forQ[0].thread.score, 'number');
      assert.deepEqual(forQ[0].tags, ['pastry']);
      assert.ok(j.results.some((x) => x.thread && x.thread.id === T.other.id), 'the other thread too');
      assert.ok(!j.results.some((x) => /Zanzibar|Private pastry/.test(x.title + x.snippet)), 'no private leak');
      for (const x of j.results) {
        assert.ok(!/\]\(|\*\*|https:\/\/example/.test(x.snippet), `plain snippet: ${x.snippet}`);
        assert.ok(!/\]\(|\*\*/.test(x.snippet_html), `plain snippet_html: ${x.snippet_html}`);
      }
      r = await u.anon.get('/search?q=croissant');
      assert.equal(r.status, 200);
      const hits = r.text.split('<li class="search-hit').slice(1);
      const qHits = hits.filter((h) => h.includes(`/t/${T.q.id}"`) || h.includes('Why does my croissant'));
      assert.equal(qHits.length, 1, 'one result on the page');
      assert.match(qHits[0], /3 matching replies/);
      assert.match(qHits[0], /3 answers/);
      assert.match(qHits[0], /Solved/);
      assert.match(qHits[0], /\d+ votes?/);
      assert.ok(qHits[0].includes(`href="/c/${C.pub.slug}/tags/pastry"`), 'tag link');
      assert.match(qHits[0], /tags\/pastry"[^>]*>pastry <span class="tag-count">1</, 'with its count');
      assert.ok(!/\]\(https/.test(r.text), 'no Markdown link syntax on the page');
    });
  });
}

// The knowledge base JSON API (/api/v1/communities/:slug/articles...) on every backend:
// create, read, update with the base revision, concurrent editors racing from one revision
// (exactly one wins, the others get 409 with the saved text and a merge; nothing is lost),
// statuses and review dates by role, revisions with diffs, revert, feedback and its notes,
// who-may-edit settings, old slugs answering 301, a thread turned into an article,
// notifications, and a private community's articles answering 404 to outsiders everywhere
// (list, article, revisions, feedback, backlinks).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`articles API (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6);
    const PUB = `kba-${tag}`;
    const PRIV = `kbq-${tag}`;
    const A = (slug) => `/api/v1/communities/${slug}/articles`;

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}`);
      await c.get('/');
      return c;
    }

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of ['coord', 'moder', 'memb', 'outsider']) await srv.addUser(n, { password: PW });
      u.anon = srv.client();
      u.admin = await login('admin1');
      for (const n of ['coord', 'moder', 'memb', 'outsider']) u[n] = await login(n);
      await u.admin.get('/admin');
      assert.equal((await u.admin.post('/admin', { community_creation: 'members' })).status, 303);
      for (const [slug, vis] of [[PUB, 'public'], [PRIV, 'private']]) {
        const r = await u.coord.postJSON('/api/v1/communities', { name: `Community ${slug}`, slug, visibility: vis, tags: 'tea, water' });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${PRIV}/invites`, { days: 7, max_uses: 0 });
      for (const n of ['moder', 'memb']) {
        assert.equal((await u[n].postJSON(`/api/v1/communities/${PUB}/join`, {})).status, 200);
        assert.equal((await u[n].postJSON(`/api/v1/communities/${PRIV}/join`, { invite: inv.json.token })).status, 200);
        // joining writes "welcome" notifications: read them so the counts below are the articles'
        assert.equal((await u[n].postJSON('/api/v1/notifications/read', {})).status, 200);
      }
      for (const slug of [PUB, PRIV])
        assert.equal((await u.coord.putJSON(`/api/v1/communities/${slug}/members/moder`, { role: 'moderator' })).status, 200);
    });

    after(async () => { await srv?.stop(); });

    test('create, read, update with base_rev, revisions with a diff, revert, rename with 301', async () => {
      let r = await u.coord.postJSON(A(PUB), { title: `Green tea ${tag}`, body_md: '## Temperature\n\n80 degrees\n', tags: ['tea'], publish: true });
      assert.equal(r.status, 201, r.text);
      const a = r.json;
      assert.equal(a.slug, `green-tea-${tag}`);
      assert.equal(a.status, 'published');
      assert.equal(a.rev, 1);
      assert.deepEqual(a.tags, ['tea']);
      assert.match(a.body_html, /<h2 id="h-temperature">Temperature<\/h2>/);
      assert.equal(a.can.edit, true);
      r = await u.anon.get(`${A(PUB)}/${a.slug}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.title, `Green tea ${tag}`);
      assert.equal(r.json.can.edit, false);
      // update requires base_rev
      r = await u.coord.patchJSON(`${A(PUB)}/${a.slug}`, { body_md: '## Temperature\n\n75 degrees\n' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'base_rev');
      r = await u.coord.patchJSON(`${A(PUB)}/${a.slug}`, { body_md: '## Temperature\n\n75 degrees\n', base_rev: 1, summary: 'cooler' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.rev, 2);
      r = await u.anon.get(`${A(PUB)}/${a.slug}/revisions`);
      assert.equal(r.json.revisions.length, 2);
      assert.equal(r.json.revisions[0].summary, 'cooler');
      r = await u.anon.get(`${A(PUB)}/${a.slug}/revisions?a=1&b=2`);
      assert.equal(r.json.a.body_md, '## Temperature\n\n80 degrees\n');
      assert.match(r.json.diff_html, /<table class="diff">/);
      r = await u.anon.get(`${A(PUB)}/${a.slug}/revisions?a=1&b=2&mode=words`);
      assert.match(r.json.diff_html, /<del>80<\/del><ins>75<\/ins>/);
      r = await u.coord.postJSON(`${A(PUB)}/${a.slug}/revert`, { rev: 1 });
      assert.equal(r.status, 200);
      assert.equal(r.json.rev, 3);
      assert.match(r.json.body_md, /80 degrees/);
      // rename: old slug answers 301 to the new one
      r = await u.coord.patchJSON(`${A(PUB)}/${a.slug}`, { title: `Green tea brewing ${tag}`, base_rev: 3 });
      assert.equal(r.status, 200);
      assert.equal(r.json.slug, `green-tea-brewing-${tag}`);
      r = await u.anon.get(`${A(PUB)}/${a.slug}`);
      assert.equal(r.status, 301);
      assert.equal(r.location, `${A(PUB)}/green-tea-brewing-${tag}`);
      // bad input
      r = await u.coord.postJSON(A(PUB), { title: 'x', body_md: '' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'title');
      r = await u.coord.postJSON(A(PUB), { title: `Tagged ${tag}`, body_md: '', tags: ['nope'] });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'tags');
      r = await u.coord.postJSON(A(PUB), { title: `Huge ${tag}`, body_md: 'x'.repeat(101 * 1024) });
      assert.equal(r.status, 413);
    });

    test('editors racing from the same revision: exactly one save wins, the rest get 409 with a merge', async () => {
      const base = 'one\n\ntwo\n\nthree\n\nfour\n\nfive\n\nsix\n\nseven\n\neight\n';
      let r = await u.coord.postJSON(A(PUB), { title: `Race ${tag}`, body_md: base, publish: true });
      const slug = r.json.slug;
      const lines = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
      const editors = [u.coord, u.moder, u.admin, u.coord, u.moder, u.admin];
      const results = await Promise.all(editors.map((c, i) =>
        c.patchJSON(`${A(PUB)}/${slug}`, { body_md: base.replace(lines[i], `${lines[i]} edited by ${i}`), base_rev: 1 })));
      const ok = results.filter((x) => x.status === 200);
      const lost = results.filter((x) => x.status === 409);
      assert.equal(ok.length, 1, results.map((x) => `${x.status} ${x.text.slice(0, 120)}`).join('\n'));
      assert.equal(lost.length, editors.length - 1);
      for (const x of lost) {
        assert.equal(x.json.error.code, 'conflict');
        assert.equal(x.json.conflict.current_rev, 2);
        assert.equal(x.json.conflict.clean, true);
        assert.match(x.json.conflict.merged_md, /edited by/);
        assert.equal((x.json.conflict.merged_md.match(/edited by/g) || []).length, 2);
      }
      r = await u.anon.get(`${A(PUB)}/${slug}`);
      assert.equal(r.json.rev, 2);
      r = await u.anon.get(`${A(PUB)}/${slug}/revisions`);
      assert.equal(r.json.revisions.length, 2, 'one revision per winning save, none lost silently');
      // a loser resubmits the merged text on the new base
      const m = lost[0].json.conflict.merged_md;
      r = await u.moder.patchJSON(`${A(PUB)}/${slug}`, { body_md: m, base_rev: 2 });
      assert.equal(r.status, 200);
      assert.equal(r.json.rev, 3);
      // overlapping edits ("seven": a line none of the racers touched): conflict markers
      r = await u.coord.patchJSON(`${A(PUB)}/${slug}`, { body_md: m.replace('seven', 'SEVEN (coord)'), base_rev: 3 });
      assert.equal(r.status, 200);
      r = await u.moder.patchJSON(`${A(PUB)}/${slug}`, { body_md: m.replace('seven', 'SEVEN (moder)'), base_rev: 3 });
      assert.equal(r.status, 409);
      assert.equal(r.json.conflict.clean, false);
      assert.equal(r.json.conflict.conflicts, 1);
      assert.match(r.json.conflict.merged_md, /<<<<<<< your version\nSEVEN \(moder\)\n=======\nSEVEN \(coord\)\n>>>>>>> revision 4\n/);
    });

    test('roles: statuses, review dates, settings, notes', async () => {
      let r = await u.coord.postJSON(A(PUB), { title: `Oolong ${tag}`, body_md: 'Rolled.', publish: false });
      const p = `${A(PUB)}/${r.json.slug}`;
      assert.equal((await u.anon.get(p)).status, 404);
      assert.equal((await u.memb.get(p)).status, 404);
      const list = await u.memb.get(A(PUB));
      assert.ok(!list.json.articles.some((x) => x.title.startsWith('Oolong')));
      assert.equal((await u.memb.patchJSON(p, { status: 'published' })).status, 404);
      r = await u.moder.patchJSON(p, { status: 'published' });
      assert.equal(r.status, 200, r.text);
      assert.equal((await u.moder.patchJSON(p, { status: 'best_practice' })).status, 403);
      assert.equal((await u.memb.patchJSON(p, { body_md: 'x', base_rev: 1 })).status, 403);
      assert.equal((await u.anon.patchJSON(p, { status: 'draft' })).status, 401);
      r = await u.coord.patchJSON(p, { status: 'best_practice', owner: 'memb', review_by: '2021-05-01' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.status, 'best_practice');
      assert.equal(r.json.owner, 'memb');
      assert.equal(r.json.review_by, '2021-05-01T00:00:00Z');
      r = await u.anon.get(`${A(PUB)}?due_days=0`);
      assert.ok(r.json.articles.some((x) => x.title.startsWith('Oolong')));
      assert.equal((await u.moder.patchJSON(p, { review_by: '2030-01-01' })).status, 403);
      assert.equal((await u.coord.patchJSON(p, { review_by: 'soon' })).status, 400);
      // the owner is told
      r = await u.memb.get('/api/v1/notifications');
      assert.equal(r.status, 200);
      assert.equal(r.json.unread, 1);
      assert.match(r.json.notifications[0].text, /Review due: Oolong/);
      r = await u.memb.postJSON('/api/v1/notifications/read', { id: r.json.notifications[0].id });
      assert.equal(r.json.unread, 0);
      assert.equal((await u.anon.get('/api/v1/notifications')).status, 401);
      // feedback and notes
      assert.equal((await u.outsider.postJSON(`${p}/feedback`, { kind: 'outdated', note: 'Old news', on: true })).status, 200);
      r = await u.memb.get('/api/v1/notifications');
      assert.equal(r.json.unread, 1, 'the owner hears of the flag');
      assert.match(r.json.notifications[0].text, /Flagged as outdated: Oolong/);
      r = await u.memb.postJSON(`${p}/feedback`, { kind: 'helped', on: true });
      assert.equal(r.json.helped, 1);
      assert.equal(r.json.my_feedback.helped, true);
      assert.equal((await u.memb.postJSON(`${p}/feedback`, { kind: 'meh' })).status, 400);
      assert.equal((await u.moder.get(`${p}/feedback`)).status, 403);
      r = await u.coord.get(`${p}/feedback`);
      assert.deepEqual(r.json.notes.map((x) => [x.user, x.note]), [['outsider', 'Old news']]);
      // settings
      r = await u.anon.get(`/api/v1/communities/${PUB}/article-settings`);
      assert.equal(r.json.editors, 'trusted');
      assert.equal((await u.moder.patchJSON(`/api/v1/communities/${PUB}/article-settings`, { editors: 'members' })).status, 403);
      r = await u.coord.patchJSON(`/api/v1/communities/${PUB}/article-settings`, { trust: 'memb' });
      assert.deepEqual(r.json.trusted, ['memb']);
      r = await u.memb.patchJSON(p, { body_md: 'Rolled leaves.', base_rev: 1 });
      assert.equal(r.status, 200, r.text);
      r = await u.coord.patchJSON(`/api/v1/communities/${PUB}/article-settings`, { untrust: 'memb', editors: 'coordinators' });
      assert.equal(r.json.editors, 'coordinators');
      assert.equal((await u.moder.patchJSON(p, { body_md: 'x', base_rev: 2 })).status, 403);
      assert.equal((await u.coord.patchJSON(`/api/v1/communities/${PUB}/article-settings`, { editors: 'all' })).status, 400);
      await u.coord.patchJSON(`/api/v1/communities/${PUB}/article-settings`, { editors: 'trusted' });
    });

    test('a thread becomes a draft article with attribution; wiki links and backlinks', async () => {
      let r = await u.memb.postJSON(`/api/v1/communities/${PUB}/threads`, { kind: 'question', title: `Which water for tea ${tag}?`, body: 'Tap or bottled?', tags: ['water'] });
      assert.equal(r.status, 201, r.text);
      const tid = r.json.id;
      r = await u.moder.postJSON(`/api/v1/threads/${tid}/posts`, { body: 'Filtered, soft water.' });
      const pid = r.json.id;
      await u.memb.putJSON(`/api/v1/threads/${tid}/accepted`, { post_id: pid });
      assert.equal((await u.moder.postJSON(`/api/v1/threads/${tid}/article`, {})).status, 403);
      r = await u.coord.postJSON(`/api/v1/threads/${tid}/article`, {});
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.status, 'draft');
      assert.deepEqual(r.json.tags, ['water']);
      assert.match(r.json.body_md, new RegExp(`\\[original post\\]\\(/p/${pid}\\)`));
      assert.match(r.json.body_md, /Answer by \[moder\]\(\/u\/moder\)/);
      assert.deepEqual(r.json.threads.map((x) => [x.id, x.kind]), [[tid, 'source']]);
      const slug = r.json.slug;
      // again: the thread's article, never a second one (200, not 201)
      r = await u.coord.postJSON(`/api/v1/threads/${tid}/article`, {});
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.slug, slug);
      // wiki links by title, with backlinks
      r = await u.coord.postJSON(A(PUB), { title: `Tea index ${tag}`, body_md: `[[Which water for tea ${tag}?|water]] and [[Nothing here ${tag}]]`, publish: true });
      assert.match(r.json.body_html, new RegExp(`<a class="wikilink" href="/c/${PUB}/a/${slug}">water</a>`));
      assert.match(r.json.body_html, /class="wikilink missing"/);
      // the draft's backlinks show to editors
      r = await u.coord.get(`${A(PUB)}/${slug}`);
      assert.deepEqual(r.json.backlinks.map((x) => x.title), [`Tea index ${tag}`]);
    });

    test('a private community\'s articles are 404 to outsiders everywhere', async () => {
      let r = await u.coord.postJSON(A(PRIV), { title: `Secret blend ${tag}`, body_md: 'Shh.', publish: true });
      assert.equal(r.status, 201);
      const p = `${A(PRIV)}/${r.json.slug}`;
      assert.equal((await u.memb.get(p)).status, 200);
      for (const c of [u.anon, u.outsider]) {
        for (const path of [A(PRIV), p, `${p}/revisions`, `/api/v1/communities/${PRIV}/article-settings`]) {
          r = await c.get(path);
          assert.equal(r.status, 404, `${path}: ${r.status}`);
          assert.doesNotMatch(r.text, /Secret blend/);
        }
      }
      assert.equal((await u.outsider.postJSON(`${p}/feedback`, { kind: 'helped', on: true })).status, 404);
      assert.equal((await u.outsider.patchJSON(p, { status: 'draft' })).status, 404);
      assert.equal((await u.outsider.postJSON(A(PRIV), { title: `Intruder ${tag}`, body_md: 'x' })).status, 404);
      void sql;
    });
  });
}

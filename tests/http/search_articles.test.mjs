// Articles in search, on every backend: the index follows create, edit, rename, status changes
// and delete (triggers), drafts are never found (not even by their editors or admins: drafts
// are not indexed), the filters (is:article, kind=article, tag:, in:, author:, after:/before:
// by the article's last update, is:question/is:solved/is:unanswered exclude articles),
// visibility of public, members-only and private communities for anonymous, non-member,
// member and admin, ranking (an article whose title matches above a post that mentions the
// word), the result page (link, status badge, community, Articles tab) and `praxis reindex`.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`search articles (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6).toLowerCase().replace(/[^a-z0-9]/g, 'x');
    const C = {
      pub: { slug: `ap-${tag}`, name: `Artpub ${tag}`, visibility: 'public' },
      mem: { slug: `am-${tag}`, name: `Artmem ${tag}`, visibility: 'members' },
      priv: { slug: `ax-${tag}`, name: `Artpriv ${tag}`, visibility: 'private' },
    };
    const A = (k) => `/api/v1/communities/${C[k].slug}/articles`;

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status}`);
      await c.get('/');
      return c;
    }
    async function article(k, body) {
      const r = await u.coord.postJSON(A(k), body);
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function search(who, q, extra = '') {
      const r = await u[who].get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
      assert.equal(r.status, 200, `${q}: ${r.text}`);
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
          name: C[k].name, slug: C[k].slug, visibility: C[k].visibility, tags: 'tea, water',
        });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${C.priv.slug}/invites`, { days: 7, max_uses: 0 });
      for (const k of ['pub', 'mem']) await u.memb.postJSON(`/api/v1/communities/${C[k].slug}/join`, {});
      const j = await u.memb.postJSON(`/api/v1/communities/${C.priv.slug}/join`, { invite: inv.json.token });
      assert.equal(j.status, 200, j.text);
    });

    after(async () => { await srv?.stop(); });

    test('the index follows create, publish, edit, rename, status changes and delete; drafts are never found', async () => {
      let a = await article('pub', { title: 'Kombucha starter notes', body_md: 'Keep the xylocarp scoby warm.\n', tags: ['tea'] });
      assert.equal(a.status, 'draft');
      for (const who of ['anon', 'memb', 'coord', 'admin']) {
        assert.equal((await search(who, 'xylocarp')).total, 0, `${who} finds a draft`);
        assert.equal((await search(who, 'kombucha')).total, 0, `${who} finds a draft by title`);
      }
      let r = await u.coord.patchJSON(`${A('pub')}/${a.slug}`, { status: 'published' });
      assert.equal(r.status, 200, r.text);
      let j = await search('anon', 'xylocarp');
      assert.equal(j.total, 1);
      assert.equal(j.counts.article, 1);
      let h = j.results[0];
      assert.equal(h.kind, 'article');
      assert.equal(h.url, `/c/${C.pub.slug}/a/${a.slug}`);
      assert.equal(h.title, 'Kombucha starter notes');
      assert.match(h.snippet_html, /<mark>xylocarp<\/mark>/);
      assert.deepEqual(h.article, { slug: a.slug, status: 'published' });
      assert.equal(h.community.slug, C.pub.slug);
      assert.equal(h.author.name, 'coord');
      assert.equal(h.thread, null);
      // edit the body: the old word leaves, the new one is found
      r = await u.coord.patchJSON(`${A('pub')}/${a.slug}`, { body_md: 'Keep the zinfandel scoby warm.\n', base_rev: 1 });
      assert.equal(r.status, 200, r.text);
      assert.equal((await search('anon', 'xylocarp')).total, 0, 'old body gone');
      assert.equal((await search('anon', 'zinfandel')).counts.article, 1, 'new body');
      // rename: the new title is found and the link follows the new slug
      r = await u.coord.patchJSON(`${A('pub')}/${a.slug}`, { title: 'Jun starter notes', base_rev: 2 });
      assert.equal(r.status, 200, r.text);
      a = r.json;
      assert.equal((await search('anon', 'kombucha')).total, 0, 'old title gone');
      j = await search('anon', 'jun starter');
      assert.equal(j.counts.article, 1, 'new title');
      assert.equal(j.results[0].url, `/c/${C.pub.slug}/a/${a.slug}`);
      assert.match(j.results[0].title_html, /<mark>Jun<\/mark>/);
      // status changes: best practice and outdated keep it (with the status), draft drops it
      r = await u.coord.patchJSON(`${A('pub')}/${a.slug}`, { status: 'best_practice' });
      assert.equal(r.status, 200, r.text);
      assert.equal((await search('anon', 'zinfandel')).results[0].article.status, 'best_practice');
      let w = await u.anon.get('/search?q=zinfandel');
      assert.match(w.text, /<span class="badge badge-article badge-best_practice">Best practice<\/span>/);
      r = await u.coord.patchJSON(`${A('pub')}/${a.slug}`, { status: 'outdated' });
      assert.equal(r.status, 200, r.text);
      assert.equal((await search('anon', 'zinfandel')).results[0].article.status, 'outdated');
      w = await u.anon.get('/search?q=zinfandel');
      assert.match(w.text, /badge-outdated">Outdated<\/span>/);
      r = await u.coord.patchJSON(`${A('pub')}/${a.slug}`, { status: 'draft' });
      assert.equal(r.status, 200, r.text);
      for (const who of ['anon', 'coord', 'admin'])
        assert.equal((await search(who, 'zinfandel')).total, 0, `${who} finds an article set back to draft`);
      r = await u.coord.patchJSON(`${A('pub')}/${a.slug}`, { status: 'published' });
      assert.equal((await search('anon', 'zinfandel')).total, 1, 'published again');
      // delete (no route deletes articles yet; the community's deletion cascades to them)
      // (sqlite3 does not enforce foreign keys unless asked: without the pragma the article's
      // revisions would stay behind and collide with the next article, which reuses the id)
      sql(srv, `${backend === 'sqlite' ? 'PRAGMA foreign_keys = ON; ' : ''}DELETE FROM articles WHERE slug = '${a.slug}'`);
      assert.equal((await search('anon', 'zinfandel')).total, 0, 'deleted article gone');
      assert.equal(sql(srv, "SELECT count(*) FROM search_docs WHERE kind = 'article' AND title LIKE 'Jun%'"), '0');
    });

    test('filters: is:article, kind tab, tag:, in:, author:, after:/before: by last update; thread states exclude articles', async () => {
      const a = await article('pub', { title: 'Quillwort steeping', body_md: 'Steep quillwort gently.\n', tags: ['tea'], publish: true });
      const t = await u.memb.postJSON(`/api/v1/communities/${C.pub.slug}/threads`, {
        kind: 'question', title: 'Where to buy quillwort?', body: 'Looking for quillwort.', tags: ['tea'],
      });
      assert.equal(t.status, 201, t.text);
      let j = await search('anon', 'quillwort');
      assert.equal(j.counts.article, 1);
      assert.equal(j.counts.thread, 1);
      j = await search('anon', 'quillwort is:article');
      assert.deepEqual(j.results.map((x) => x.kind), ['article']);
      j = await search('anon', 'quillwort', '&kind=article');
      assert.deepEqual(j.results.map((x) => x.kind), ['article']);
      assert.equal(j.kind, 'article');
      j = await search('anon', 'is:article');
      assert.ok(j.results.length >= 1 && j.results.every((x) => x.kind === 'article'), 'filters only');
      for (const q of ['is:question', 'is:discussion', 'is:solved', 'is:unanswered'])
        assert.equal((await search('anon', `quillwort ${q}`)).counts.article, 0, q);
      assert.equal((await search('anon', 'quillwort is:unanswered')).counts.thread, 1);
      assert.equal((await search('anon', 'quillwort tag:tea')).counts.article, 1, 'tag:tea');
      assert.equal((await search('anon', 'quillwort tag:water')).counts.article, 0, 'tag:water');
      assert.equal((await search('anon', 'quillwort tag:te')).counts.article, 0, 'tag:te is not tag:tea');
      assert.equal((await search('anon', `quillwort in:${C.pub.slug}`)).counts.article, 1);
      assert.equal((await search('anon', 'quillwort author:coord')).counts.article, 1);
      assert.equal((await search('anon', 'quillwort author:memb')).counts.article, 0);
      assert.equal((await search('anon', 'quillwort after:2020-01-01')).counts.article, 1);
      assert.equal((await search('anon', 'quillwort before:2020-01-01')).counts.article, 0);
      // dated by the last update: an article last updated in 2001 is before:2002
      sql(srv, `UPDATE articles SET updated_at = 990000000 WHERE id = ${a.id}`);
      assert.equal((await search('anon', 'quillwort before:2002-01-01')).counts.article, 1);
      assert.equal((await search('anon', 'quillwort after:2002-01-01')).counts.article, 0);
      // the page: the Articles tab and the result
      const w = await u.anon.get('/search?q=quillwort');
      assert.equal(w.status, 200);
      assert.match(w.text, new RegExp(`href="/search\\?kind=article&amp;q=quillwort"[^>]*>Articles <span class="count">1</span>`));
      assert.match(w.text, new RegExp(`<a class="hit-title" href="/c/${C.pub.slug}/a/${a.slug}"><mark>Quillwort</mark> steeping</a>`));
      assert.match(w.text, new RegExp(`in <a href="/c/${C.pub.slug}">${C.pub.name}</a>`));
      assert.match(w.text, /<span class="badge badge-kind">Article<\/span>/);
      const k = await u.anon.get('/search?q=quillwort&kind=article');
      assert.match(k.text, /aria-current="page">Articles/);
      assert.doesNotMatch(k.text, /Where to buy/);
    });

    test('ranking: an article whose title matches ranks above a post that only mentions the word', async () => {
      const a = await article('pub', { title: 'Rooibos', body_md: 'A red bush infusion from the Cederberg.\n', publish: true });
      const t = await u.memb.postJSON(`/api/v1/communities/${C.pub.slug}/threads`, {
        kind: 'discussion', title: 'Evening drinks', body: 'Sometimes rooibos, sometimes chamomile, often just hot water.',
      });
      assert.equal(t.status, 201, t.text);
      const r = await u.coord.postJSON(`/api/v1/threads/${t.json.id}/posts`, { body: 'I like rooibos with milk.' });
      assert.equal(r.status, 201, r.text);
      const j = await search('anon', 'rooibos');
      assert.equal(j.total, 3);
      assert.equal(j.results[0].kind, 'article');
      assert.equal(j.results[0].url, `/c/${C.pub.slug}/a/${a.slug}`);
    });

    test('visibility: public, members-only and private for anonymous, non-member, member, admin', async () => {
      for (const k of Object.keys(C))
        await article(k, { title: `Secret title numbat${k}`, body_md: `numbat in ${k}\n`, publish: true });
      const want = {
        anon: ['pub'], outsider: ['pub', 'mem'], memb: ['pub', 'mem', 'priv'], admin: ['pub', 'mem', 'priv'],
      };
      for (const [who, ks] of Object.entries(want)) {
        const j = await search(who, 'numbat');
        const got = j.results.map((x) => x.community.slug).sort();
        assert.deepEqual(got, ks.map((k) => C[k].slug).sort(), `${who} sees ${got}`);
        assert.equal(j.total, ks.length, `${who} count`);
        assert.equal(j.counts.article, ks.length, `${who} article count`);
        const f = await search(who, 'is:article numbat');
        assert.equal(f.total, ks.length, `${who} is:article count`);
        for (const k of ['mem', 'priv']) {
          if (ks.includes(k)) continue;
          assert.equal((await search(who, `numbat${k}`)).total, 0, `${who} finds numbat${k}`);
          const w = await u[who].get('/search?q=numbat');
          assert.doesNotMatch(w.text, new RegExp(`numbat${k}|${C[k].name}|${C[k].slug}`, 'i'), `${who} page leaks ${k}`);
          const p = await u[who].get('/search?q=numbat&kind=article');
          assert.doesNotMatch(p.text, new RegExp(`numbat${k}`, 'i'), `${who} tab leaks ${k}`);
        }
      }
    });

    test('threads whose posts link the article (the index on SQLite, a scan on PostgreSQL)', async () => {
      const a = await article('pub', { title: 'Oolong guide', body_md: 'Roll and oxidise.\n', publish: true });
      const path = `/c/${C.pub.slug}/a/${a.slug}`;
      const mk = async (k, title, body) => {
        const r = await u.memb.postJSON(`/api/v1/communities/${C[k].slug}/threads`, { kind: 'discussion', title, body });
        assert.equal(r.status, 201, r.text);
        return r.json;
      };
      const linked = async () => (await u.anon.get(`${A('pub')}/${a.slug}`)).json.threads
        .filter((x) => x.kind === 'mention').map((x) => x.title).sort();
      assert.deepEqual(await linked(), []);
      await mk('pub', 'Opening links it', `See [the guide](${path}).`);
      const t2 = await mk('pub', 'A reply links it', 'Which oolong?');
      let r = await u.coord.postJSON(`/api/v1/threads/${t2.id}/posts`, { body: `Try http://localhost:8080${path}#h-rolling please.` });
      assert.equal(r.status, 201, r.text);
      const reply = r.json;
      await mk('pub', 'Only words, no link', `oolong guide c ${C.pub.slug} a but no link`);
      await mk('pub', 'Another slug', `See /c/${C.pub.slug}/a/oolong-notes instead.`);
      await mk('mem', 'Elsewhere it links', `See ${path} from another community.`);
      assert.deepEqual(await linked(), ['A reply links it', 'Opening links it']);
      r = await u.coord.postJSON(`/api/v1/posts/${reply.id}/hide`, { reason: 'off topic' });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(await linked(), ['Opening links it'], 'a hidden post no longer links');
      const page = await u.anon.get(path);
      assert.match(page.text, />Opening links it<\/a>/);
    });

    test('praxis reindex rebuilds articles too', async () => {
      await article('pub', { title: 'Unpublished ptarmigan', body_md: 'draft ptarmigan\n' });
      const qs = ['numbat', 'quillwort', 'rooibos', 'ptarmigan', 'is:article'];
      const b = {};
      for (const q of qs) b[q] = (await search('admin', q)).counts;
      assert.equal(b.ptarmigan.article, 0);
      const n = sql(srv, "SELECT count(*) FROM search_docs WHERE kind = 'article'");
      sql(srv, "DELETE FROM search_docs WHERE kind = 'article'");
      assert.equal((await search('admin', 'numbat')).total, 0, 'index emptied');
      const r = await srv.cli(['reindex']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`article ${n}\\b`));
      assert.ok(Number(n) >= 5, n);
      for (const q of qs) assert.deepEqual((await search('admin', q)).counts, b[q], q);
      if (backend === 'sqlite') sql(srv, "INSERT INTO search_fts(search_fts, rank) VALUES('integrity-check', 1)");
    });
  });
}

// Search over HTTP, on every backend: the query language (words, stemming, diacritics,
// prefix, phrase, exclusion, every filter, kinds, pagination), ranking (a title match above a
// body-only match), malformed queries (4xx with a message, page and API), visibility of
// public, members-only and private communities for anonymous, non-member, member and admin
// (results, snippets and counts), the index following edits, hides, deletes and moves
// (triggers), zero-result recording and its page, `praxis reindex`, XSS in snippets, and
// similar questions on the index.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`search (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6).toLowerCase().replace(/[^a-z0-9]/g, 'x');
    const C = {
      pub: { slug: `sp-${tag}`, name: `Searchpub ${tag}`, visibility: 'public' },
      mem: { slug: `sm-${tag}`, name: `Searchmem ${tag}`, visibility: 'members' },
      priv: { slug: `sx-${tag}`, name: `Searchpriv ${tag}`, visibility: 'private' },
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
    async function search(who, q, extra = '') {
      const r = await u[who].get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
      assert.equal(r.status, 200, `${q}: ${r.text}`);
      return r.json;
    }
    const titles = (j) => j.results.map((x) => x.title);

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of ['coord', 'memb', 'outsider']) await srv.addUser(n, { password: PW });
      // Past trust level 0, whose hourly posting limits these tests would hit (trust.test.mjs).
      sql(srv, 'UPDATE users SET trust_level = 1, trust_locked = 1');
      u.anon = srv.client();
      u.admin = await login('admin1');
      for (const n of ['coord', 'memb', 'outsider']) u[n] = await login(n);
      await u.admin.post('/admin', { community_creation: 'members' });
      for (const k of Object.keys(C)) {
        const r = await u.coord.postJSON('/api/v1/communities', {
          name: C[k].name, slug: C[k].slug, visibility: C[k].visibility, tags: 'alpha, beta',
        });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${C.priv.slug}/invites`, { days: 7, max_uses: 0 });
      for (const k of ['pub', 'mem']) await u.memb.postJSON(`/api/v1/communities/${C[k].slug}/join`, {});
      await u.memb.postJSON(`/api/v1/communities/${C.priv.slug}/join`, { invite: inv.json.token });
      await u.memb.patchJSON('/api/v1/me', { display_name: 'Marguerite Fermenter', bio: 'I keep wild yeast cultures.' });

      T.a = await thread('memb', 'pub', { kind: 'question', title: 'Brewing a saison with café notes', body: 'Which malt bill gives a dry finish?', tags: ['alpha'] });
      T.b = await thread('memb', 'pub', { kind: 'discussion', title: 'Kettle talk', body: 'We talk about saison yeast here, at length.', tags: ['beta'] });
      T.c = await thread('memb', 'pub', { kind: 'question', title: 'Why did my lager stall?', body: 'It brewed slowly at ten degrees.', tags: ['beta'] });
      let r = await u.coord.postJSON(`/api/v1/threads/${T.a.id}/posts`, { body: 'Use pilsner malt and mash low: a saison answer.' });
      assert.equal(r.status, 201, r.text);
      T.answer = r.json;
      r = await u.memb.putJSON(`/api/v1/threads/${T.a.id}/accepted`, { post_id: T.answer.id });
      assert.equal(r.status, 200, r.text);
      for (const k of Object.keys(C)) {
        T[k] = await thread('memb', k, { kind: 'question', title: `Quokka ${k} secret title`, body: `The quokka${k} body with a hidden word.` });
      }
      const nextYear = new Date().getUTCFullYear() + 1;
      r = await u.coord.postJSON(`/api/v1/communities/${C.pub.slug}/events`, {
        title: 'Saison tasting night', start: `${nextYear}-06-02T18:00`, end: `${nextYear}-06-02T20:00`,
        timezone: 'Europe/Berlin', location: 'The Crown', description: 'Bring bottles.',
      });
      assert.equal(r.status, 201, r.text);
    });

    after(async () => { await srv?.stop(); });

    test('words, ranking, stemming, diacritics, prefix, phrase, exclusion', async () => {
      let j = await search('anon', 'saison', '&kind=thread');
      assert.deepEqual(titles(j).slice(0, 2), ['Brewing a saison with café notes', 'Kettle talk'], 'title match ranks first');
      j = await search('anon', 'brewing', '&kind=thread');
      assert.ok(titles(j).includes('Why did my lager stall?'), 'brewing finds brewed');
      assert.ok(titles(j).includes('Brewing a saison with café notes'));
      j = await search('anon', 'cafe');
      assert.deepEqual(titles(j), ['Brewing a saison with café notes'], 'cafe finds café');
      assert.match(j.results[0].title_html, /<mark>café<\/mark>/);
      j = await search('anon', 'sais*', '&kind=thread');
      assert.equal(j.counts.thread, 2);
      j = await search('anon', '"saison yeast"');
      assert.deepEqual(titles(j), ['Kettle talk'], 'phrase');
      assert.match(j.results[0].snippet_html, /<mark>saison(<\/mark> <mark>| )yeast<\/mark>/);
      j = await search('anon', 'saison -kettle', '&kind=thread');
      assert.deepEqual(titles(j), ['Brewing a saison with café notes'], 'exclusion');
      j = await search('anon', 'saison -"saison yeast"', '&kind=thread');
      assert.deepEqual(titles(j), ['Brewing a saison with café notes'], 'phrase exclusion');
      j = await search('anon', 'SAISON');
      assert.equal(j.query, 'saison');
      assert.ok(j.counts.thread === 2 && j.counts.post === 1 && j.counts.event === 1, JSON.stringify(j.counts));
      assert.equal(j.total, 4);
    });

    test('filters: tag, in, author, is, before/after, kinds, members and events', async () => {
      let j = await search('anon', 'saison tag:alpha');
      // the question and its matching answer are one result (grouped by thread)
      assert.deepEqual(titles(j), ['Brewing a saison with café notes']);
      assert.deepEqual(j.results.map((x) => [x.kind, x.thread.matching_replies]), [['thread', 1]]);
      j = await search('anon', 'saison is:discussion');
      assert.deepEqual(titles(j), ['Kettle talk']);
      j = await search('anon', 'saison is:question', '&kind=thread');
      assert.deepEqual(titles(j), ['Brewing a saison with café notes']);
      j = await search('anon', 'saison is:solved', '&kind=thread');
      assert.deepEqual(titles(j), ['Brewing a saison with café notes']);
      assert.equal(j.results[0].thread.solved, true);
      j = await search('anon', 'lager is:unanswered');
      assert.deepEqual(titles(j), ['Why did my lager stall?']);
      j = await search('anon', 'saison is:unanswered');
      assert.equal(j.total, 0);
      j = await search('anon', 'saison author:coord');
      assert.deepEqual(j.results.map((x) => x.kind).sort(), ['event', 'post']);
      j = await search('anon', 'saison author:@memb', '&kind=thread');
      assert.equal(j.total >= 2, true);
      j = await search('anon', `saison in:${C.pub.slug}`);
      assert.equal(j.total, 4);
      j = await search('anon', 'saison after:2000-01-01 before:2099-01-01', '&kind=thread');
      assert.equal(j.results.length, 2);
      j = await search('anon', 'saison before:2001-01-01');
      assert.equal(j.total, 0);
      j = await search('anon', 'saison', '&kind=event');
      assert.deepEqual(j.results.map((x) => [x.kind, x.title]), [['event', 'Saison tasting night']]);
      assert.match(j.results[0].url, /^\/events\/\d+$/);
      j = await search('anon', 'fermenter');
      assert.deepEqual(j.results.map((x) => [x.kind, x.url]), [['member', '/u/memb']]);
      j = await search('anon', 'wild yeast', '&kind=member');
      assert.equal(j.results.length, 1);
      j = await search('anon', 'saison is:article');
      assert.equal(j.total, 0);
      // filters alone: newest first
      j = await search('anon', `tag:beta in:${C.pub.slug}`, '&kind=thread');
      assert.deepEqual(titles(j), ['Why did my lager stall?', 'Kettle talk']);
      // the web form composes the same query
      const r = await u.anon.get(`/search?q=saison&tag=alpha&is=question&state=solved&in=${C.pub.slug}&kind=thread`);
      assert.equal(r.status, 200);
      assert.match(r.text, /Brewing a <mark>saison<\/mark> with café notes/);
      assert.doesNotMatch(r.text, /Kettle talk/);
      assert.match(r.text, /<mark>saison<\/mark>/);
    });

    test('pagination', async () => {
      for (let i = 0; i < 23; i++) {
        await thread('memb', 'pub', { kind: 'discussion', title: `Pagetest ${i} widget`, body: 'widget body' });
      }
      let j = await search('anon', 'pagetest');
      assert.equal(j.results.length, 20);
      assert.equal(j.next_page, 2);
      assert.equal(j.counts.thread, 23);
      j = await search('anon', 'pagetest', '&page=2');
      assert.equal(j.results.length, 3);
      assert.equal(j.next_page, null);
      const r = await u.anon.get('/search?q=pagetest');
      assert.match(r.text, /rel="next" href="\/search\?page=2/);
    });

    test('malformed queries: 400 with a message, never a 500', async () => {
      const bad = [
        ['"unclosed', /closing quote/], ['is:bogus x', /is: takes/], ['x before:2024-13-01', /YYYY-MM-DD/],
        ['-only', /Add a word/], ['', /Type some words/], ['   ', /Type some words/], ['x'.repeat(501), /too long/],
        ['a*b x*', /at least 2/], ['tag: x', /needs a value/], ['x in:no-such-place', /no community called/],
        ['x after:2024-03-01 before:2024-02-01', /earlier/], ['w '.repeat(33), /too many words/],
        ['NEAR(a b) OR "x" AND y', null], ["'); DROP TABLE posts; --", null], ['\\"x\\" * ^ : -', null],
        ['col:x title:y body:z', null], ['"""', /closing quote/], ['x:y:z', null], ['∞*', /at least 2/],
      ];
      for (const [q, msg] of bad) {
        const r = await u.anon.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
        if (msg) {
          assert.equal(r.status, 400, `${q}: ${r.status} ${r.text}`);
          assert.match(r.json.error.message, msg, q);
          assert.equal(r.json.error.field, 'q');
        } else {
          assert.ok(r.status === 200 || r.status === 400, `${q}: ${r.status} ${r.text}`);
        }
      }
      let r = await u.anon.get('/api/v1/search?q=x&kind=bogus');
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'kind');
      r = await u.anon.get('/api/v1/search?q=x&page=0');
      assert.equal(r.status, 400);
      r = await u.anon.get('/api/v1/search?q=x&page=51');
      assert.equal(r.status, 400);
      r = await u.anon.get('/api/v1/search?q=%ff%fe');
      assert.equal(r.status, 400);
      r = await u.anon.get('/search?q=%22unclosed');
      assert.equal(r.status, 400);
      assert.match(r.text, /closing quote/);
      assert.match(r.text, /value="&quot;unclosed"/);
      r = await u.anon.get('/search');
      assert.equal(r.status, 200);
      assert.match(r.text, /role="search"/);
    });

    test('visibility: public, members-only and private for anonymous, non-member, member, admin', async () => {
      const want = {
        anon: ['pub'], outsider: ['pub', 'mem'], memb: ['pub', 'mem', 'priv'], admin1: ['pub', 'mem', 'priv'],
      };
      for (const [who, ks] of Object.entries(want)) {
        const c = who === 'admin1' ? u.admin : u[who];
        let r = await c.get('/api/v1/search?q=quokka');
        assert.equal(r.status, 200);
        const got = r.json.results.map((x) => x.community.slug).sort();
        assert.deepEqual(got, ks.map((k) => C[k].slug).sort(), `${who} sees ${got}`);
        assert.equal(r.json.total, ks.length, `${who} count`);
        assert.equal(r.json.counts.thread, ks.length, `${who} thread count`);
        for (const k of ['mem', 'priv']) {
          if (ks.includes(k)) continue;
          assert.doesNotMatch(r.text, new RegExp(`quokka${k}|${C[k].name}|${C[k].slug}`, 'i'), `${who} API leaks ${k}`);
          // a word only in the hidden community's body: no hit, no snippet, no count
          const h = await c.get(`/api/v1/search?q=quokka${k}`);
          assert.equal(h.json.total, 0, `${who} finds quokka${k}`);
          const w = await c.get(`/search?q=quokka${k}`);
          assert.doesNotMatch(w.text, /secret title/, `${who} page leaks ${k}`);
          const p = await c.get(`/search?q=quokka`);
          assert.doesNotMatch(p.text, new RegExp(`quokka${k}|${C[k].name}`, 'i'), `${who} page leaks ${k}`);
          // in: names a community the viewer cannot read: same answer as one that does not exist
          const i = await c.get(`/api/v1/search?q=quokka in:${C[k].slug}`);
          assert.equal(i.status, 400);
          assert.match(i.json.error.message, /no community called/);
        }
      }
    });

    test('the index follows edits, hides, deletes and moves', async () => {
      const t = await thread('memb', 'pub', { kind: 'discussion', title: 'Gooseberry wine', body: 'Opening with elderflower.' });
      let r = await u.coord.postJSON(`/api/v1/threads/${t.id}/posts`, { body: 'A reply about rhubarb.' });
      const reply = r.json;
      assert.equal((await search('anon', 'rhubarb')).total, 1);
      r = await u.coord.postJSON(`/api/v1/posts/${reply.id}/hide`, { reason: 'off topic' });
      assert.equal(r.status, 200, r.text);
      assert.equal((await search('anon', 'rhubarb')).total, 0, 'hidden reply gone');
      await u.coord.postJSON(`/api/v1/posts/${reply.id}/unhide`, {});
      assert.equal((await search('anon', 'rhubarb')).total, 1, 'unhidden reply back');
      await u.coord.del(`/api/v1/posts/${reply.id}`);
      assert.equal((await search('anon', 'rhubarb')).total, 0, 'deleted reply gone');
      const op = (await u.anon.get(`/api/v1/threads/${t.id}`)).json.posts[0];
      r = await u.memb.patchJSON(`/api/v1/posts/${op.id}`, { title: 'Damson wine', body: 'Opening with sloe.' });
      assert.equal(r.status, 200, r.text);
      assert.equal((await search('anon', 'gooseberry')).total, 0, 'old title gone');
      assert.equal((await search('anon', 'elderflower')).total, 0, 'old body gone');
      assert.equal((await search('anon', 'damson')).counts.thread, 1, 'new title');
      assert.equal((await search('anon', 'sloe')).counts.thread, 1, 'new body');
      r = await u.coord.postJSON(`/api/v1/threads/${t.id}/moderation`, { action: 'move', to: C.priv.slug });
      assert.equal(r.status, 200, r.text);
      assert.equal((await search('anon', 'damson')).total, 0, 'moved to private: gone for anonymous');
      assert.equal((await search('memb', 'damson')).results[0].community.slug, C.priv.slug);
      await u.memb.del(`/api/v1/posts/${op.id}`);
      assert.equal((await search('memb', 'damson')).total, 0, 'deleted thread gone');
      await u.memb.patchJSON('/api/v1/me', { display_name: 'Marguerite Distiller' });
      assert.equal((await search('anon', 'fermenter')).total, 0);
      assert.equal((await search('anon', 'distiller')).counts.member, 1);
    });

    test('XSS in titles and bodies is escaped in results and snippets', async () => {
      await thread('memb', 'pub', { kind: 'discussion', title: '<script>alert(1)</script> mangosteen', body: '<img src=x onerror=alert(2)> mangosteen "quoted" & <mark>fake</mark>' });
      const r = await u.anon.get('/search?q=mangosteen');
      assert.equal(r.status, 200);
      assert.doesNotMatch(r.text, /<script>alert|<img src=x/);
      assert.match(r.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; <mark>mangosteen<\/mark>/);
      const j = await search('anon', 'mangosteen');
      for (const h of j.results) {
        assert.doesNotMatch(h.title_html + h.snippet_html, /<(?!\/?mark>)/);
      }
    });

    test('zero-result searches are recorded, and shown to admins and coordinators', async () => {
      await search('anon', 'Zymurgy   Unobtainium');
      await search('memb', 'zymurgy unobtainium');
      await search('memb', `nothinghere in:${C.pub.slug}`);
      const rows = sql(srv, "SELECT community_id, query, count FROM search_misses ORDER BY query");
      assert.match(rows, /\|zymurgy unobtainium\|2/);
      assert.match(rows, new RegExp(`nothinghere in:${C.pub.slug}\\|1`));
      let r = await u.admin.get('/search/misses');
      assert.equal(r.status, 200);
      assert.match(r.text, /zymurgy unobtainium/);
      assert.match(r.text, /nothinghere/);
      r = await u.memb.get('/search/misses');
      assert.equal(r.status, 403);
      r = await u.anon.get('/search/misses');
      assert.ok(r.status === 303 || r.status === 401, `${r.status}`);
      r = await u.coord.get(`/search/misses?c=${C.pub.slug}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /nothinghere/);
      assert.doesNotMatch(r.text, /zymurgy/);
      r = await u.memb.get(`/search/misses?c=${C.pub.slug}`);
      assert.equal(r.status, 403);
      r = await u.outsider.get(`/search/misses?c=${C.priv.slug}`);
      assert.equal(r.status, 404);
    });

    test('praxis reindex rebuilds the same index', async () => {
      const before = await search('admin', 'saison OR quokka OR mangosteen');
      const qs = ['saison', 'quokka', 'cafe', 'brewing', 'distiller', 'pagetest'];
      const b = {};
      for (const q of qs) b[q] = (await search('admin', q)).counts;
      const r = await srv.cli(['reindex']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /reindexed in \d+ ms: thread \d+, post \d+, member \d+, event 1, article 0/);
      for (const q of qs) assert.deepEqual((await search('admin', q)).counts, b[q], q);
      assert.ok(before.total >= 0);
      if (backend === 'sqlite') {
        sql(srv, "INSERT INTO search_fts(search_fts, rank) VALUES('integrity-check', 1)");
      }
    });

    test('similar questions come from the index, with visibility', async () => {
      let r = await u.anon.get(`/api/v1/communities/${C.pub.slug}/similar?title=${encodeURIComponent('Brewing saison at home')}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.threads[0].title, 'Brewing a saison with café notes');
      r = await u.anon.get(`/c/${C.pub.slug}/similar?title=${encodeURIComponent('cafe notes')}`);
      assert.match(r.text, /Brewing a saison with café notes/);
      // a draft's body joins its title (the compose page sends both)
      r = await u.anon.get(`/api/v1/communities/${C.pub.slug}/similar?title=${encodeURIComponent('Quince jelly')}`);
      assert.equal(r.json.threads.length, 0);
      r = await u.anon.get(`/api/v1/communities/${C.pub.slug}/similar?title=${encodeURIComponent('Quince jelly')}&body=${encodeURIComponent('Our kettles, at length')}`);
      assert.ok(r.json.threads.some((t) => t.title === 'Kettle talk'), JSON.stringify(r.json));
      r = await u.anon.get(`/c/${C.pub.slug}/similar?title=Quince%20jelly&body=${'kettles%20'.repeat(400)}`);
      assert.match(r.text, /Kettle talk/);
      r = await u.outsider.get(`/api/v1/communities/${C.priv.slug}/similar?title=quokka`);
      assert.equal(r.status, 404);
      r = await u.memb.get(`/api/v1/communities/${C.priv.slug}/similar?title=quokka%20secret`);
      assert.equal(r.json.threads.length, 1);
    });

    test('search boxes: layout header and community page (in: prefilled)', async () => {
      let r = await u.anon.get('/');
      assert.match(r.text, /<form class="site-search" method="get" action="\/search" role="search" aria-label="Site">/);
      r = await u.anon.get(`/c/${C.pub.slug}`);
      assert.match(r.text, new RegExp(`<input type="hidden" name="in" value="${C.pub.slug}">`));
      r = await u.anon.get(`/search?q=saison&in=${C.pub.slug}`);
      assert.match(r.text, new RegExp(`In ${C.pub.name} only`));
    });
  });
}

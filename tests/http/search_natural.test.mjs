// Natural questions over HTTP, on every backend: a question typed as a sentence (no document
// holds all its words) falls back to results holding some of its words, flagged in the API
// (some_words, all_words_total) and said on the page; queries with operators stay strict;
// stop words alone find nothing; "did you mean" suggests words of the index — and neither the
// some-words results, their counts nor the suggestions ever reveal a private community's
// threads or vocabulary to outsiders (anonymous, signed-in non-member), while its members
// get them.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`search: natural questions (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6).toLowerCase().replace(/[^a-z0-9]/g, 'x');
    const C = {
      pub: { slug: `np-${tag}`, name: `Natpub ${tag}`, visibility: 'public' },
      priv: { slug: `nx-${tag}`, name: `Natpriv ${tag}`, visibility: 'private' },
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
      await u.memb.postJSON(`/api/v1/communities/${C.pub.slug}/join`, {});
      await u.memb.postJSON(`/api/v1/communities/${C.priv.slug}/join`, { invite: inv.json.token });

      T.cider = await thread('memb', 'pub', { kind: 'question', title: 'Homebrew tastes like cider', body: 'After two weeks in the fermenter it smells of green apples. Acetaldehyde?', tags: ['alpha'] });
      T.bleach = await thread('memb', 'pub', { kind: 'question', title: 'Cleaning bottles with bleach', body: 'How long should bottles soak before rinsing?', tags: ['beta'] });
      T.hops = await thread('memb', 'pub', { kind: 'discussion', title: 'Storing hops', body: 'Keep hops cold in the freezer, vacuum sealed.' });
      T.apples = await thread('memb', 'pub', { kind: 'discussion', title: 'Apple varieties', body: 'Apples apples apples: which apples make the best juice?' });
      T.secret = await thread('memb', 'priv', { kind: 'question', title: 'Glorptastic fermenter apples', body: 'The glorptastic method: apples in the fermenter for two weeks.' });
      // suggestions come from words at least two documents hold
      for (const [t, body] of [[T.bleach, 'Unscented bleach, then rinse twice.'], [T.cider, 'My homebrew did that once.'], [T.secret, 'Glorptastic indeed.']]) {
        const r = await u.memb.postJSON(`/api/v1/threads/${t.id}/posts`, { body });
        assert.equal(r.status, 201, r.text);
      }
    });

    after(async () => { await srv?.stop(); });

    test('a question typed as a sentence finds the thread holding most of its words', async () => {
      const q = 'why does my homebrew taste like green apples after two weeks';
      const j = await search('anon', q);
      assert.equal(j.some_words, true);
      // PostgreSQL's English configuration drops stop words from the all-words query, so
      // there the thread holds "all" the words; SQLite's index has no stop words
      assert.equal(j.all_words_total, backend === 'pg' ? 1 : 0);
      assert.equal(titles(j)[0], 'Homebrew tastes like cider', JSON.stringify(titles(j)));
      assert.ok(titles(j).includes('Apple varieties'), 'a thread holding one of the words is a result too');
      assert.ok(j.total >= 2);
      // the page says so
      const r = await u.anon.get(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /(No result has|Only 1 result has) all your words; showing results for some of your words\./);
      const first = r.text.indexOf('class="hit-title" href="');
      assert.ok(first > 0);
      assert.ok(r.text.startsWith(`class="hit-title" href="/c/${C.pub.slug}/t/${T.cider.id}"`, first), 'the cider thread is the first result');
      // in a community's search box too (in: is a scope, not an operator)
      const k = await search('anon', `${q} in:${C.pub.slug}`);
      assert.equal(k.some_words, true);
      assert.equal(titles(k)[0], 'Homebrew tastes like cider');
      // a search whose words all match enough stays strict
      const s = await search('anon', 'bottles');
      assert.equal(s.some_words, false);
      assert.deepEqual(titles(s), ['Cleaning bottles with bleach']);
      // one all-words result: it is said, and it comes first
      const one = await search('anon', 'homebrew cider apples juice');
      assert.equal(one.some_words, true);
      assert.equal(one.all_words_total, 0);
      // the thread holds both words, its reply one of them
      const two = await search('anon', 'bottles rinse');
      assert.equal(two.all_words_total, 1);
      assert.equal(two.some_words, true);
      assert.equal(titles(two)[0], 'Cleaning bottles with bleach');
      // when the words of the some-words search find no more than all of them did, it is not used
      const same = await search('anon', 'cider fermenter');
      assert.equal(same.all_words_total, 1);
      assert.equal(same.some_words, false);
      const p2 = await u.anon.get(`/search?q=${encodeURIComponent('bottles rinse')}`);
      assert.match(p2.text, /Only 1 result has all your words; showing results for some of your words\./);
    });

    test('queries with operators stay strict; stop words alone find nothing', async () => {
      for (const q of ['"green apples" fermenter nonexistentword', 'cider nonexistentword -bleach',
        'cider nonexistentword tag:alpha', 'cider nonexistentword is:question', 'cid* nonexistentword',
        'cider nonexistentword author:memb', 'cider nonexistentword after:2000-01-01']) {
        const j = await search('anon', q);
        assert.equal(j.some_words, false, q);
        assert.equal(j.total, 0, `${q}: ${JSON.stringify(titles(j))}`);
      }
      const j = await search('anon', 'why does the and of it');
      assert.equal(j.some_words, false);
      assert.equal(j.results.length, 0);
    });

    test('some-words results and counts never show a private community to outsiders', async () => {
      const q = 'glorptastic fermenter apples weeks';
      for (const who of ['anon', 'outsider', 'coord']) {
        const j = await search(who, q);
        if (who === 'coord') { // the creator is a member (coordinator)
          assert.ok(titles(j).includes('Glorptastic fermenter apples'));
          continue;
        }
        assert.equal(j.some_words, true, who);
        assert.ok(!titles(j).includes('Glorptastic fermenter apples'), `${who}: ${JSON.stringify(titles(j))}`);
        assert.ok(!JSON.stringify(j).toLowerCase().includes('glorptastic method'), who);
        const pub = await search('anon', 'fermenter apples weeks nothingatall');
        assert.equal(j.total, pub.total, `${who}: counts leave out the private thread`);
        const page = await u[who].get(`/search?q=${encodeURIComponent(q)}`);
        assert.doesNotMatch(page.text, new RegExp(`/t/${T.secret.id}"|glorptastic method`, 'i'), who);
        assert.match(page.text, /showing results for some of your words/, who);
      }
      const m = await search('memb', q);
      assert.equal(titles(m)[0], 'Glorptastic fermenter apples', 'members see it, first');
    });

    test('did you mean: words of what the viewer may read, never of a private community', async () => {
      let j = await search('anon', 'bleech bottles');
      assert.equal(j.suggestion, 'bleach bottles');
      let r = await u.anon.get('/search?q=bleech+bottles');
      assert.match(r.text, /Did you mean <a href="\/search\?q=bleach%20bottles">bleach bottles<\/a>\?/);
      j = await search('anon', 'homebrw');
      assert.equal(j.suggestion, 'homebrew');
      j = await search('anon', 'storing hops'); // found: nothing to suggest
      assert.equal(j.suggestion, null);
      // the private community's word: suggested to its member, never to outsiders
      for (const who of ['anon', 'outsider']) {
        j = await search(who, 'glorptastik');
        assert.equal(j.suggestion, null, `${who}: ${j.suggestion}`);
        r = await u[who].get('/search?q=glorptastik');
        assert.doesNotMatch(r.text, /glorptastic/i, who);
      }
      j = await search('memb', 'glorptastik');
      assert.equal(j.suggestion, 'glorptastic');
      // scoped to a community: only that community's words
      j = await search('memb', `glorptastik in:${C.pub.slug}`);
      assert.equal(j.suggestion, null);
    });
  });
}

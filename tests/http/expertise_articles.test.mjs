// Articles as evidence of expertise on every backend: the author of a published article
// ranks for its tags and its text (who-knows pages, the API, profiles); best practice weighs
// more than published; drafts and outdated articles give nothing; a review (a coordinator
// marking best practice, an owner's review date renewed) is evidence for the reviewer; a
// private community's article never leaks to anonymous visitors or non-members, and counts
// only while its author is a member; hidden members never appear.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`expertise from articles (${backend})`, () => {
    let srv;
    const u = {};
    const sfx = randomName().slice(0, 6);
    const PUB = `xa-${sfx}`;
    const PRIV = `xq-${sfx}`;
    const ART = (slug) => `/api/v1/communities/${slug}/articles`;
    const people = ['coord', 'writer', 'fixer', 'keeper', 'drafter', 'secret', 'insider',
      'answerer', 'asker', 'outsider'];
    const art = {};

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status}`);
      await c.get('/');
      return c;
    }
    async function write(who, slug, title, body, tags, publish = true) {
      const r = await u[who].postJSON(ART(slug), { title, body_md: body, tags, publish });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function patch(who, slug, a, body) {
      const r = await u[who].patchJSON(`${ART(slug)}/${a.slug}`, body);
      assert.equal(r.status, 200, r.text);
      return r.json;
    }
    const experts = (who, query) => u[who].get(`/api/v1/experts?${query}`);
    const names = (r) => r.json.experts.map((e) => e.user.name);
    const find = (r, name) => r.json.experts.find((e) => e.user.name === name);

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of people) await srv.addUser(n, { password: PW });
      u.anon = srv.client();
      u.admin = await login('admin1');
      for (const n of people) u[n] = await login(n);
      await u.admin.get('/admin');
      assert.equal((await u.admin.post('/admin', { community_creation: 'members' })).status, 303);
      for (const [slug, vis, tags] of [[PUB, 'public', 'ipa, stout, water'], [PRIV, 'private', 'ipa, secretsauce']]) {
        let r = await u.coord.postJSON('/api/v1/communities', { name: `Brewing ${slug}`, slug, visibility: vis, tags });
        assert.equal(r.status, 201, r.text);
        r = await u.coord.patchJSON(`/api/v1/communities/${slug}/article-settings`, { editors: 'members' });
        assert.equal(r.status, 200, r.text);
      }
      for (const n of people.filter((x) => !['coord', 'outsider', 'secret', 'insider'].includes(x)))
        assert.equal((await u[n].postJSON(`/api/v1/communities/${PUB}/join`, {})).status, 200);
      const inv = await u.coord.postJSON(`/api/v1/communities/${PRIV}/invites`, { days: 7, max_uses: 0 });
      for (const n of ['secret', 'insider'])
        assert.equal((await u[n].postJSON(`/api/v1/communities/${PRIV}/join`, { invite: inv.json.token })).status, 200);

      // writer's published article on ipa; fixer edits it later
      art.ipa = await write('writer', PUB, `Dry hopping ${sfx}`,
        'Add the dry hops after fermentation slows to limit hop creep and keep the aroma.\n', ['ipa']);
      art.ipa = await patch('fixer', PUB, art.ipa, { body_md: `${art.ipa.body_md}\nThree days is enough.\n`, base_rev: art.ipa.rev });
      // drafter's draft on stout, never published
      art.draft = await write('drafter', PUB, `Nitro stout ${sfx}`,
        'Nitrogen gives stout its creamy head and cascading bubbles.\n', ['stout'], false);
      // secret's published article in the private community
      art.secret = await write('secret', PRIV, `The secretsauce ${sfx}`,
        'The secretsauce blends citra oil into the whirlpool.\n', ['secretsauce', 'ipa']);
      // answerer: one accepted answer in ipa (weight 1 + 3, the same as a published article)
      let r = await u.asker.postJSON(`/api/v1/communities/${PUB}/threads`, {
        kind: 'question', title: 'How bitter should a west coast IPA be?', body: 'Details.', tags: ['ipa'],
      });
      assert.equal(r.status, 201, r.text);
      const q = r.json;
      r = await u.answerer.postJSON(`/api/v1/threads/${q.id}/posts`, { body: 'Around 60 IBU.' });
      assert.equal(r.status, 201, r.text);
      r = await u.asker.putJSON(`/api/v1/threads/${q.id}/accepted`, { post_id: r.json.id });
      assert.equal(r.status, 200, r.text);
    });

    after(async () => { await srv?.stop(); });

    test("a published article's authors rank for its tags (API and pages)", async () => {
      const r = await experts('anon', `tag=ipa&community=${PUB}`);
      assert.equal(r.status, 200, r.text);
      for (const who of ['writer', 'fixer']) {
        const e = find(r, who);
        assert.ok(e, `${who} ranked: ${r.text}`);
        assert.equal(e.evidence.articles, 1);
        assert.equal(e.evidence.answers, 0);
        assert.match(e.summary, /^1 article in #ipa, last \d{4}$/);
      }
      assert.ok(find(r, 'answerer'));
      assert.ok(!names(r).includes('coord'), 'creating the community is no evidence');
      // the instance-wide ranking and both pages show it too
      const all = await experts('anon', 'tag=ipa');
      assert.ok(names(all).includes('writer'));
      for (const path of ['/who-knows?tag=ipa', `/c/${PUB}/who-knows?tag=ipa`]) {
        const p = await u.anon.get(path);
        assert.equal(p.status, 200);
        assert.match(p.text, /href="\/u\/writer"/, path);
        assert.match(p.text, /1 article in #ipa, last \d{4}/, path);
      }
      // profiles: the API and the "Demonstrated expertise" section
      const pr = await u.anon.get('/api/v1/users/writer/expertise');
      assert.deepEqual(pr.json.demonstrated.map((t) => t.tag), ['ipa']);
      assert.equal(pr.json.demonstrated[0].articles, 1);
      assert.equal(pr.json.demonstrated[0].answers, 0);
      const page = await u.anon.get('/u/writer');
      const shown = page.text.slice(page.text.indexOf('Demonstrated expertise'));
      assert.match(shown, /href="\/who-knows\?tag=ipa"[^<]*ipa<\/a> <span class="muted">1 article, last \d{4}/);
    });

    test("an article's text finds its authors for a free-text question", async () => {
      const r = await experts('anon', `q=${encodeURIComponent('when to add dry hops to avoid hop creep')}`);
      assert.equal(r.status, 200);
      assert.ok(names(r).includes('writer'), r.text);
      assert.match(find(r, 'writer').summary, /^1 article on similar questions/);
      assert.equal(find(r, 'writer').evidence.similar_questions, 0);
    });

    test('a draft gives nothing; an outdated article stops counting', async () => {
      let r = await experts('anon', 'tag=stout');
      assert.deepEqual(names(r), []);
      r = await experts('coord', 'q=nitrogen+creamy+head+cascading');
      assert.ok(!names(r).includes('drafter'), r.text);
      r = await u.anon.get('/api/v1/users/drafter/expertise');
      assert.deepEqual(r.json.demonstrated, []);
      r = await u.anon.get('/u/drafter');
      assert.match(r.text, /No answers or articles yet that you can see/);
      // published, it counts; marked outdated, it no longer does
      const a = await patch('drafter', PUB, art.draft, { status: 'published' });
      r = await experts('anon', 'tag=stout');
      assert.deepEqual(names(r), ['drafter']);
      await patch('coord', PUB, a, { status: 'outdated' });
      r = await experts('anon', 'tag=stout');
      assert.deepEqual(names(r), []);
      r = await u.anon.get('/api/v1/users/drafter/expertise');
      assert.deepEqual(r.json.demonstrated, []);
    });

    test('best practice weighs more than published, and the approving coordinator reviewed it', async () => {
      let r = await experts('anon', `tag=ipa&community=${PUB}`);
      const before = find(r, 'writer').score;
      assert.ok(!names(r).includes('coord'));
      await patch('coord', PUB, art.ipa, { status: 'best_practice' });
      r = await experts('anon', `tag=ipa&community=${PUB}`);
      assert.equal(names(r)[0], 'writer', r.text);
      assert.ok(find(r, 'writer').score > 1.9 * before, `${find(r, 'writer').score} vs ${before}`);
      assert.ok(find(r, 'writer').score > find(r, 'answerer').score);
      assert.equal(find(r, 'writer').evidence.articles, 1);
      const c = find(r, 'coord');
      assert.ok(c, `the coordinator who approved it: ${r.text}`);
      assert.equal(c.evidence.articles, 1);
      assert.ok(c.score < find(r, 'writer').score);
      assert.equal(sql(srv, `SELECT kind FROM article_reviews WHERE article_id = ${art.ipa.id}`).trim(), 'approved');
    });

    test("renewing the owner's review date is a review by the owner", async () => {
      // setting an owner and a first date is no review
      await patch('coord', PUB, art.ipa, { owner: 'keeper', review_by: '2027-01-01' });
      let r = await experts('anon', `tag=ipa&community=${PUB}`);
      assert.ok(!names(r).includes('keeper'), r.text);
      // a later date for the same owner is
      await patch('coord', PUB, art.ipa, { review_by: '2027-06-01' });
      r = await experts('anon', `tag=ipa&community=${PUB}`);
      const o = find(r, 'keeper');
      assert.ok(o, r.text);
      assert.equal(o.evidence.articles, 1);
      assert.match(o.summary, /^1 article in #ipa, last \d{4}$/);
      r = await u.anon.get('/api/v1/users/keeper/expertise');
      assert.deepEqual(r.json.demonstrated.map((t) => [t.tag, t.articles]), [['ipa', 1]]);
      r = await u.anon.get('/u/keeper');
      assert.match(r.text, /Demonstrated expertise[\s\S]*1 article, last \d{4}/);
      // an earlier date is no renewal; an author who reviews their own article counts once
      const rows = () => sql(srv, `SELECT count(*) FROM article_reviews WHERE article_id = ${art.ipa.id}`).trim();
      const n = rows();
      await patch('coord', PUB, art.ipa, { review_by: '2027-03-01' });
      assert.equal(rows(), n);
      await patch('coord', PUB, art.ipa, { owner: 'writer', review_by: '2027-04-01' });
      await patch('coord', PUB, art.ipa, { review_by: '2027-09-01' });
      assert.equal(rows(), String(Number(n) + 1), 'the review is recorded');
      r = await experts('anon', `tag=ipa&community=${PUB}`);
      assert.equal(find(r, 'writer').evidence.articles, 1, 'written and reviewed: one article');
    });

    test("a private community's article never leaks", async () => {
      for (const who of ['anon', 'outsider', 'writer']) {
        let r = await experts(who, 'tag=secretsauce');
        assert.equal(r.status, 200);
        assert.deepEqual(names(r), [], who);
        r = await experts(who, 'tag=ipa');
        assert.ok(!names(r).includes('secret'), who);
        r = await experts(who, 'q=citra+oil+whirlpool+secretsauce');
        assert.ok(!names(r).includes('secret'), who);
        r = await experts(who, `tag=secretsauce&community=${PRIV}`);
        assert.equal(r.status, 404, who);
        r = await u[who].get('/api/v1/users/secret/expertise');
        assert.deepEqual(r.json.demonstrated, [], who);
        r = await u[who].get('/who-knows?tag=secretsauce');
        assert.doesNotMatch(r.text, /secret"/, who);
        r = await u[who].get('/u/secret');
        assert.doesNotMatch(r.text, /secretsauce/, who);
      }
      // members (and the administrator) see it
      for (const who of ['insider', 'admin']) {
        let r = await experts(who, 'tag=secretsauce');
        assert.deepEqual(names(r), ['secret'], who);
        assert.equal(r.json.experts[0].evidence.articles, 1);
        r = await u[who].get('/u/secret');
        assert.match(r.text, /secretsauce/, who);
      }
      // ... only while its author is a member there
      let r = await u.secret.postJSON(`/api/v1/communities/${PRIV}/leave`, {});
      assert.equal(r.status, 200, r.text);
      r = await experts('insider', 'tag=secretsauce');
      assert.deepEqual(names(r), []);
    });

    test('hidden members never appear', async () => {
      let r = await u.writer.patchJSON('/api/v1/me', { expertise_hidden: true });
      assert.equal(r.status, 200, r.text);
      for (const who of ['anon', 'coord']) {
        r = await experts(who, 'tag=ipa');
        assert.ok(!names(r).includes('writer'), who);
        assert.ok(names(r).includes('fixer'), who);
      }
      r = await u.writer.patchJSON('/api/v1/me', { expertise_hidden: false });
      assert.equal(r.status, 200);
      r = await experts('anon', 'tag=ipa');
      assert.ok(names(r).includes('writer'));
    });
  });
}

// Expertise on every backend: ranking sanity (an accepted answer outranks an upvote, older
// evidence decays, the instance half-life changes the order in a constructed case), members
// who hide their expertise, private-community evidence never leaking (anonymous, non-member,
// member; API and pages), claimed skills shown apart from demonstrated expertise, "people
// who may be able to answer" on an unanswered question only, and the API's shape.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';
const DAY = 86400;

for (const backend of backends()) {
  describe(`expertise (${backend})`, () => {
    let srv;
    const u = {};
    const sfx = randomName().slice(0, 6);
    const PUB = `ep-${sfx}`;
    const PRIV = `ex-${sfx}`;
    const now = Math.floor(Date.now() / 1000);

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status}`);
      await c.get('/');
      return c;
    }
    async function ask(who, slug, title, tags) {
      const r = await u[who].postJSON(`/api/v1/communities/${slug}/threads`, {
        kind: 'question', title, body: `${title} — details.`, tags,
      });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function answer(who, q, body = `An answer by ${who}.`) {
      const r = await u[who].postJSON(`/api/v1/threads/${q.id}/posts`, { body });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function accept(who, q, a) {
      const r = await u[who].putJSON(`/api/v1/threads/${q.id}/accepted`, { post_id: a.id });
      assert.equal(r.status, 200, r.text);
    }
    async function vote(who, a, value = 1) {
      const r = await u[who].putJSON(`/api/v1/posts/${a.id}/vote`, { value });
      assert.equal(r.status, 200, r.text);
    }
    async function experts(who, query) {
      const r = await u[who].get(`/api/v1/experts?${query}`);
      return r;
    }
    const names = (r) => r.json.experts.map((e) => e.user.name);
    // Move an answer (its post, accept time and votes) back by days.
    function age(a, days) {
      const t = now - days * DAY;
      sql(srv, `UPDATE posts SET created_at = ${t} WHERE id = ${a.id}`);
      sql(srv, `UPDATE threads SET accepted_at = ${t} WHERE accepted_post_id = ${a.id}`);
      sql(srv, `UPDATE votes SET created_at = ${t} WHERE post_id = ${a.id}`);
      sql(srv, `UPDATE threads SET created_at = ${t - DAY} WHERE id = (SELECT thread_id FROM posts WHERE id = ${a.id})`);
    }

    const people = ['asker', 'alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'outsider'];
    const A = {};
    const Q = {};

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of people) await srv.addUser(n, { password: PW });
      u.anon = srv.client();
      u.admin = await login('admin1');
      for (const n of people) u[n] = await login(n);
      let r = await u.admin.postJSON('/api/v1/communities', {
        name: `Brewing ${sfx}`, slug: PUB, visibility: 'public', tags: 'ipa, stout, yeast, water',
      });
      assert.equal(r.status, 201, r.text);
      r = await u.admin.postJSON('/api/v1/communities', {
        name: `Secret ${sfx}`, slug: PRIV, visibility: 'private', tags: 'ipa, secretsauce',
      });
      assert.equal(r.status, 201, r.text);
      for (const n of people.filter((x) => x !== 'outsider')) {
        r = await u[n].postJSON(`/api/v1/communities/${PUB}/join`, {});
        assert.equal(r.status, 200, r.text);
      }
      const inv = await u.admin.postJSON(`/api/v1/communities/${PRIV}/invites`, { days: 7, max_uses: 0 });
      for (const n of ['asker', 'gina']) {
        r = await u[n].postJSON(`/api/v1/communities/${PRIV}/join`, { invite: inv.json.token });
        assert.equal(r.status, 200, r.text);
      }

      // ipa: alice's answer is accepted; bob's gets one up vote.
      Q.ipa = await ask('asker', PUB, 'How bitter should a west coast IPA be?', ['ipa']);
      A.alice = await answer('alice', Q.ipa, 'Around 60 to 70 IBU, with a dry finish.');
      A.bob = await answer('bob', Q.ipa, 'Bitterness depends on the malt bill.');
      await accept('asker', Q.ipa, A.alice);
      await vote('carol', A.bob);

      // stout: carol and dave each answered once; dave's answer is two years old.
      Q.stout1 = await ask('asker', PUB, 'Roasted barley or black patent for a dry stout?', ['stout']);
      A.dave = await answer('dave', Q.stout1);
      Q.stout2 = await ask('asker', PUB, 'Nitro stout without a nitro tap?', ['stout']);
      A.carol = await answer('carol', Q.stout2);
      age(A.dave, 730);

      // yeast: erin's accepted answer is three years old; frank answered twice recently.
      Q.yeast1 = await ask('asker', PUB, 'Harvesting yeast from bottle conditioned beer', ['yeast']);
      A.erin = await answer('erin', Q.yeast1);
      await accept('asker', Q.yeast1, A.erin);
      age(A.erin, 3 * 365);
      Q.yeast2 = await ask('asker', PUB, 'Yeast starter size for a lager', ['yeast']);
      A.frank1 = await answer('frank', Q.yeast2);
      Q.yeast3 = await ask('asker', PUB, 'Pitching temperature for saison yeast', ['yeast']);
      A.frank2 = await answer('frank', Q.yeast3);

      // private: gina's accepted answer about secretsauce.
      Q.secret = await ask('asker', PRIV, 'Which hop oil goes into the secretsauce?', ['secretsauce', 'ipa']);
      A.gina = await answer('gina', Q.secret, 'The secretsauce uses citra oil.');
      await accept('asker', Q.secret, A.gina);
    });

    after(async () => { await srv?.stop(); });

    test('an accepted answer outranks an up vote; API shape', async () => {
      const r = await experts('anon', `tag=ipa&community=${PUB}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(names(r), ['alice', 'bob']);
      const e = r.json.experts[0];
      assert.deepEqual(Object.keys(e).sort(), ['claim_only', 'claimed', 'evidence', 'rank', 'score', 'summary', 'user']);
      assert.deepEqual(Object.keys(e.user).sort(), ['display_name', 'id', 'name']);
      assert.equal(e.rank, 1);
      assert.equal(e.evidence.answers, 1);
      assert.equal(e.evidence.accepted_answers, 1);
      assert.equal(e.evidence.votes, 0);
      assert.match(e.evidence.last_at, /^\d{4}-\d\d-\d\dT/);
      assert.match(e.summary, /^1 accepted answer in #ipa, last \d{4}$/);
      assert.equal(r.json.experts[1].evidence.votes, 1);
      assert.match(r.json.experts[1].summary, /1 answer in #ipa, 1 vote/);
      assert.ok(e.score > r.json.experts[1].score);
      assert.equal(r.json.tag, 'ipa');
      assert.equal(r.json.q, null);
      assert.equal(r.json.community, PUB);
      assert.equal(r.json.half_life_days, 365);
      // the asker answered nothing: never ranked; the hashtag form of a tag works
      const r2 = await experts('anon', 'tag=%23IPA');
      assert.equal(r2.status, 200);
      assert.ok(!names(r2).includes('asker'));
    });

    test('bad input: neither tag nor q, malformed tag, limit', async () => {
      let r = await experts('anon', '');
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'q');
      r = await experts('anon', 'tag=no%20spaces%20here');
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'tag');
      r = await experts('anon', 'tag=ipa&limit=0');
      assert.equal(r.status, 400);
      r = await experts('anon', 'tag=ipa&limit=1');
      assert.equal(r.json.experts.length, 1);
      r = await experts('anon', `q=${'word '.repeat(300)}`);
      assert.equal(r.status, 200);
      r = await experts('anon', 'tag=ipa&community=no-such-place');
      assert.equal(r.status, 404);
    });

    test('older evidence decays', async () => {
      const r = await experts('anon', 'tag=stout');
      assert.deepEqual(names(r), ['carol', 'dave']);
      assert.ok(r.json.experts[0].score > 2 * r.json.experts[1].score);
    });

    test('the half-life setting changes the order', async () => {
      let r = await experts('anon', 'tag=yeast');
      assert.deepEqual(names(r), ['frank', 'erin'], 'a year: recent answers win');
      r = await u.admin.patchJSON('/api/v1/admin/settings', { expertise_half_life_days: '36500' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.settings.expertise_half_life_days, '36500');
      r = await experts('anon', 'tag=yeast');
      assert.deepEqual(names(r), ['erin', 'frank'], 'a century: the accepted answer wins');
      r = await u.admin.patchJSON('/api/v1/admin/settings', { expertise_half_life_days: '0' });
      assert.equal(r.status, 422 === r.status ? 422 : 400);
      assert.equal(r.json.error.field, 'expertise_half_life_days');
      r = await u.alice.patchJSON('/api/v1/admin/settings', { expertise_half_life_days: '30' });
      assert.equal(r.status, 403);
      // the admin page sets it too
      await u.admin.get('/admin');
      r = await u.admin.post('/admin', { expertise_half_life_days: '365' });
      assert.equal(r.status, 303, r.text);
      r = await u.admin.get('/admin');
      assert.match(r.text, /name="expertise_half_life_days"[^>]*value="365"|value="365"[^>]*name="expertise_half_life_days"/);
      r = await experts('anon', 'tag=yeast');
      assert.deepEqual(names(r), ['frank', 'erin']);
    });

    test('free-text questions find people who answered similar ones', async () => {
      const r = await experts('anon', `q=${encodeURIComponent('how much bitterness (IBU) in a west coast ipa')}`);
      assert.equal(r.status, 200);
      assert.equal(names(r)[0], 'alice');
      assert.match(r.json.experts[0].summary, /similar question/);
    });

    test('private evidence never leaks: anonymous, non-member, member', async () => {
      for (const who of ['anon', 'outsider', 'bob']) {
        let r = await experts(who, 'tag=secretsauce');
        assert.equal(r.status, 200);
        assert.deepEqual(names(r), [], who);
        r = await experts(who, 'tag=ipa');
        assert.ok(!names(r).includes('gina'), who);
        assert.equal(r.json.experts.find((e) => e.user.name === 'alice').evidence.accepted_answers, 1);
        r = await experts(who, 'q=secretsauce+hop+oil');
        assert.ok(!names(r).includes('gina'), who);
        r = await experts(who, `tag=ipa&community=${PRIV}`);
        assert.equal(r.status, who === 'anon' ? 404 : 404, who);
        r = await u[who].get(`/api/v1/users/gina/expertise`);
        assert.equal(r.status, 200);
        assert.deepEqual(r.json.demonstrated, [], who);
        r = await u[who].get('/who-knows?tag=secretsauce');
        assert.equal(r.status, 200);
        assert.doesNotMatch(r.text, /gina/, who);
        r = await u[who].get('/u/gina');
        assert.doesNotMatch(r.text, /secretsauce/, who);
        r = await u[who].get(`/c/${PRIV}/who-knows?tag=secretsauce`);
        assert.equal(r.status, 404, who);
      }
      // the member (asker) and the administrator see it
      for (const who of ['asker', 'admin']) {
        let r = await experts(who, 'tag=secretsauce');
        assert.deepEqual(names(r), ['gina'], who);
        r = await experts(who, `tag=secretsauce&community=${PRIV}`);
        assert.deepEqual(names(r), ['gina'], who);
        r = await u[who].get('/u/gina');
        assert.match(r.text, /secretsauce/, who);
        r = await u[who].get(`/c/${PRIV}/who-knows?tag=secretsauce`);
        assert.equal(r.status, 200);
        assert.match(r.text, /href="\/u\/gina"/);
      }
      // counts in a public ranking do not include private evidence either
      const pub = await experts('asker', `tag=ipa&community=${PUB}`);
      assert.ok(!names(pub).includes('gina'));
    });

    test('claimed skills are shown apart from demonstrated ones', async () => {
      let r = await u.bob.patchJSON('/api/v1/me', { skills: ['brewing-water'] });
      assert.equal(r.status, 200, r.text);
      r = await u.anon.get('/api/v1/users/bob/expertise');
      assert.deepEqual(r.json.claimed, ['brewing-water']);
      assert.equal(r.json.hidden, false);
      assert.deepEqual(r.json.demonstrated.map((t) => t.tag), ['ipa']);
      assert.equal(r.json.demonstrated[0].votes, 1);
      r = await u.anon.get('/u/bob');
      const claimed = r.text.indexOf('Claimed skills');
      const shown = r.text.indexOf('Demonstrated expertise');
      assert.ok(claimed > 0 && shown > 0, 'both sections');
      assert.match(r.text.slice(claimed, shown), /brewing-water/);
      assert.doesNotMatch(r.text.slice(claimed, shown), />ipa</);
      assert.match(r.text.slice(shown), /href="\/who-knows\?tag=ipa"/);
      assert.doesNotMatch(r.text.slice(shown), /brewing-water/);
    });

    test('members can hide their expertise (API and profile form)', async () => {
      let r = await u.alice.patchJSON('/api/v1/me', { expertise_hidden: true });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.user.expertise_hidden, true);
      r = await u.alice.patchJSON('/api/v1/me', { expertise_hidden: 'maybe' });
      assert.equal(r.status, 400);
      for (const who of ['anon', 'bob', 'admin']) {
        r = await experts(who, 'tag=ipa');
        assert.ok(!names(r).includes('alice'), who);
        r = await experts(who, 'q=west+coast+ipa+bitterness');
        assert.ok(!names(r).includes('alice'), who);
        r = await u[who].get('/api/v1/users/alice/expertise');
        assert.equal(r.json.hidden, true);
        assert.equal(r.json.demonstrated, null);
        r = await u[who].get('/u/alice');
        assert.doesNotMatch(r.text, /Demonstrated expertise/, who);
      }
      r = await u.alice.get('/u/alice');
      assert.match(r.text, /Demonstrated expertise/);
      assert.match(r.text, /Only you see this/);
      // the profile form shows the setting and changes it
      r = await u.alice.get('/settings/profile');
      assert.match(r.text, /name="expertise_hidden"[^>]* checked/);
      r = await u.alice.post('/settings/profile', {
        display_name: 'alice', bio: '', skills: '', timezone: '', expertise_form: '1',
      });
      assert.equal(r.status, 303, r.text);
      r = await u.alice.get('/api/v1/me');
      assert.equal(r.json.user.expertise_hidden, false);
      r = await experts('anon', 'tag=ipa');
      assert.equal(names(r)[0], 'alice');
      r = await u.alice.post('/settings/profile', {
        display_name: 'alice', bio: '', skills: '', timezone: '', expertise_form: '1', expertise_hidden: '1',
      });
      assert.equal(r.status, 303);
      r = await experts('anon', 'tag=ipa');
      assert.ok(!names(r).includes('alice'));
      // hidden members are not suggested on unanswered questions either
      const q = await ask('asker', PUB, 'Whirlpool hops in a session IPA', ['ipa']);
      r = await u.anon.get(`/c/${PUB}/t/${q.id}`);
      assert.doesNotMatch(r.text, /href="\/u\/alice"/);
      r = await u.alice.patchJSON('/api/v1/me', { expertise_hidden: false });
      assert.equal(r.json.user.expertise_hidden, false);
      r = await u.anon.get(`/c/${PUB}/t/${q.id}`);
      assert.match(r.text, /People who may be able to answer[\s\S]*href="\/u\/alice"/);
      await answer('bob', q);
    });

    test('suspended members are never ranked', async () => {
      let r = await u.admin.patchJSON('/api/v1/admin/users/frank', { status: 'suspended' });
      assert.equal(r.status, 200, r.text);
      r = await experts('anon', 'tag=yeast');
      assert.deepEqual(names(r), ['erin']);
      r = await u.admin.patchJSON('/api/v1/admin/users/frank', { status: 'active' });
      assert.equal(r.status, 200, r.text);
      r = await experts('anon', 'tag=yeast');
      assert.deepEqual(names(r), ['frank', 'erin']);
    });

    test('people who may be able to answer: unanswered questions only, never the asker', async () => {
      // bob asks about ipa; bob has ipa evidence himself but is never suggested to himself
      const q = await ask('bob', PUB, 'Dry hopping schedule for a hazy IPA', ['ipa']);
      let r = await u.anon.get(`/c/${PUB}/t/${q.id}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /People who may be able to answer/);
      const box = r.text.slice(r.text.indexOf('People who may be able to answer'));
      const aside = box.slice(0, box.indexOf('</aside>'));
      assert.match(aside, /href="\/u\/alice"/);
      assert.doesNotMatch(aside, /href="\/u\/bob"/);
      await answer('carol', q);
      r = await u.anon.get(`/c/${PUB}/t/${q.id}`);
      assert.doesNotMatch(r.text, /People who may be able to answer/);
      // an answered question never shows it
      r = await u.anon.get(`/c/${PUB}/t/${Q.ipa.id}`);
      assert.doesNotMatch(r.text, /People who may be able to answer/);
      // a discussion never shows it
      const d = await u.bob.postJSON(`/api/v1/communities/${PUB}/threads`, {
        kind: 'discussion', title: 'Favourite IPA hops this year', body: 'Tell me.', tags: ['ipa'],
      });
      r = await u.anon.get(`/c/${PUB}/t/${d.json.id}`);
      assert.doesNotMatch(r.text, /People who may be able to answer/);
    });

    test('private community: suggestions are members who may read it', async () => {
      const q = await ask('asker', PRIV, 'How long does the secretsauce keep?', ['secretsauce']);
      let r = await u.asker.get(`/c/${PRIV}/t/${q.id}`);
      assert.match(r.text, /People who may be able to answer[\s\S]*href="\/u\/gina"/);
      r = await u.gina.postJSON(`/api/v1/communities/${PRIV}/leave`, {});
      assert.equal(r.status, 200, r.text);
      r = await u.asker.get(`/c/${PRIV}/t/${q.id}`);
      assert.doesNotMatch(r.text, /href="\/u\/gina"/);
      r = await experts('admin', 'tag=secretsauce');
      assert.deepEqual(names(r), [], 'evidence in a private community counts only for members');
    });

    test('who-knows pages render for the instance and a community', async () => {
      let r = await u.anon.get('/who-knows');
      assert.equal(r.status, 200);
      assert.match(r.text, /<form[^>]*action="\/who-knows"/);
      r = await u.anon.get('/who-knows?tag=stout');
      assert.match(r.text, /href="\/u\/carol"[\s\S]*href="\/u\/dave"/);
      assert.match(r.text, /1 answer in #stout, last \d{4}/);
      r = await u.anon.get(`/c/${PUB}/who-knows`);
      assert.equal(r.status, 200);
      assert.match(r.text, new RegExp(`href="/c/${PUB}/who-knows\\?tag=yeast"`));
      assert.match(r.text, /aria-current="page"[^>]*>Who knows|Who knows<\/a>/);
      r = await u.anon.get(`/c/${PUB}/who-knows?q=${encodeURIComponent('<script>alert(1)</script>')}`);
      assert.equal(r.status, 200);
      assert.doesNotMatch(r.text, /<script>alert/);
      r = await u.anon.get('/who-knows?tag=bad%20tag');
      assert.equal(r.status, 422);
      r = await u.anon.get('/who-knows?tag=nobody-knows');
      assert.match(r.text, /Nobody has answered/);
    });
  });
}

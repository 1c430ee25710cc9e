// Thread pages over HTTP (no JavaScript), on every backend: asking, answering, voting,
// accepting, editing with history and a word diff, discussions with reply-to, quotes and
// likes, moderation (lock, close, pin, hide, delete, move, audit log), the lists (latest,
// unanswered, top, by tag, mine; per community and across the instance, with counts and
// keyset "Next page" links), permalinks landing on the right page, drafts pre-filling the
// compose forms, CSRF rejection on every POST, 422 re-renders keeping the input, escaping of
// hostile titles, tags and bodies, and the visibility rule: a private community's threads
// are 404 to outsiders and their titles appear in no page they can see.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

// The id in a Location such as /c/x/t/12 or /c/x/t/12#p34.
const tidOf = (loc) => Number(/\/t\/(\d+)/.exec(loc)[1]);
const pidOf = (loc) => Number(/#p(\d+)/.exec(loc)[1]);
const decode = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&amp;/g, '&');

for (const backend of backends()) {
  describe(`thread pages (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6);
    const PUB = `pub-${tag}`;
    const PRIV = `priv-${tag}`;
    const OTHER = `oth-${tag}`;
    const SECRET = `Quokkasecret zeppelin question ${tag}`;

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}`);
      await c.get('/');
      return c;
    }

    // Post a thread through the form; returns its path.
    async function ask(c, slug, { kind = 'question', title, body = 'Some body text here.', tags = '' }) {
      await c.get(`/c/${slug}/t/new?kind=${kind}`);
      const r = await c.post(`/c/${slug}/t/new`, { kind, title, body, tags });
      assert.equal(r.status, 303, `ask ${title}: ${r.status} ${r.text.slice(0, 400)}`);
      return r.location;
    }

    async function reply(c, path, body, extra = {}) {
      await c.get(path);
      const r = await c.post(`${path}/reply`, { body, ...extra });
      assert.equal(r.status, 303, `reply: ${r.status} ${r.text.slice(0, 400)}`);
      return pidOf(r.location);
    }

    // The id of the opening post on a thread page.
    async function firstPost(c, path) {
      const r = await c.get(path);
      return Number(/<article class="post[^"]*post-first[^"]*" id="p(\d+)"/.exec(r.text)[1]);
    }

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of ['coord', 'moder', 'memb', 'memb2', 'outsider']) await srv.addUser(n, { password: PW });
      // Past trust level 0, whose hourly posting limits these tests would hit (trust.test.mjs).
      sql(srv, 'UPDATE users SET trust_level = 1, trust_locked = 1');
      u.anon = srv.client();
      await u.anon.get('/');
      u.admin = await login('admin1');
      for (const n of ['coord', 'moder', 'memb', 'memb2', 'outsider']) u[n] = await login(n);
      await u.admin.get('/admin');
      assert.equal((await u.admin.post('/admin', { community_creation: 'members' })).status, 303);
      for (const [slug, vis] of [[PUB, 'public'], [PRIV, 'private'], [OTHER, 'public']]) {
        const r = await u.coord.postJSON('/api/v1/communities', {
          name: `Community ${slug}`, slug, visibility: vis, charter_md: 'Charter.',
          tags: 'sleep, handover, nutrition',
        });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${PRIV}/invites`, { days: 7, max_uses: 0 });
      for (const n of ['moder', 'memb', 'memb2']) {
        assert.equal((await u[n].postJSON(`/api/v1/communities/${PUB}/join`, {})).status, 200);
        assert.equal((await u[n].postJSON(`/api/v1/communities/${PRIV}/join`, { invite: inv.json.token })).status, 200);
      }
      assert.equal((await u.moder.postJSON(`/api/v1/communities/${OTHER}/join`, {})).status, 200);
      for (const slug of [PUB, PRIV, OTHER]) {
        const r = await u.coord.putJSON(`/api/v1/communities/${slug}/members/moder`, { role: 'moderator' });
        assert.equal(r.status, 200, r.text);
      }
    });

    after(async () => { await srv?.stop(); });

    test('ask, answer, vote, accept and edit through the forms; history shows the diff', async () => {
      const q = await ask(u.memb, PUB, { title: `How do you sleep after nights ${tag}?`, body: 'I cannot sleep before noon.', tags: 'sleep' });
      assert.match(q, new RegExp(`^/c/${PUB}/t/\\d+$`));
      const page = await u.memb.get(q);
      assert.equal(page.status, 200);
      assert.match(page.text, /<h1>How do you sleep after nights/);
      assert.match(page.text, /badge-kind">Question</);
      assert.match(page.text, /0 Answers/);
      assert.match(page.text, /Your answer/);

      const a1 = await reply(u.memb2, q, 'Blackout curtains work.');
      const a2 = await reply(u.moder, q, 'Try a cooler room.');
      // Votes: memb (the asker) votes a1 up; memb2 votes a2 down; own post has no buttons.
      await u.memb.get(q);
      let r = await u.memb.post(`/p/${a1}/vote`, { value: 1 });
      assert.equal(r.status, 303);
      assert.match(r.location, new RegExp(`#p${a1}$`));
      await u.memb2.get(q);
      assert.equal((await u.memb2.post(`/p/${a2}/vote`, { value: -1 })).status, 303);
      r = await u.memb2.post(`/p/${a1}/vote`, { value: 1 });
      assert.equal(r.status, 403, 'no vote on your own post');
      r = await u.memb.get(q);
      assert.match(r.text, new RegExp(`id="p${a1}"[\\s\\S]*?vote-up is-on" aria-pressed="true"`));
      // Answers sorted by score: a1 (1) before a2 (-1).
      assert.ok(r.text.indexOf(`id="p${a1}"`) < r.text.indexOf(`id="p${a2}"`));
      assert.match(r.text, /Accept this answer/);
      // Others may not accept.
      assert.ok(!(await u.memb2.get(q)).text.includes('Accept this answer'));
      await u.memb2.get(q);
      assert.equal((await u.memb2.post(`/p/${a2}/accept`, {})).status, 403);
      // The asker accepts a2 (the lower one): it moves first and is marked.
      await u.memb.get(q);
      r = await u.memb.post(`/p/${a2}/accept`, {});
      assert.equal(r.status, 303);
      r = await u.memb.get(q);
      assert.match(r.text, /badge-solved/);
      assert.match(r.text, /Accepted answer/);
      assert.ok(r.text.indexOf(`id="p${a2}"`) < r.text.indexOf(`id="p${a1}"`), 'accepted first');
      assert.match(r.text, /Unaccept/);
      // Solved everywhere: the community list, the instance list, the home page.
      for (const p of [`/c/${PUB}/latest`, '/latest', '/']) {
        const l = await u.memb.get(p);
        assert.match(l.text, new RegExp(`thread-row is-solved[\\s\\S]*?How do you sleep after nights ${tag}`), p);
      }
      // Unaccept and accept a1 instead (changeable).
      assert.equal((await u.memb.post(`${q}/unaccept`, {})).status, 303);
      assert.doesNotMatch((await u.memb.get(q)).text, /badge-solved/);
      assert.equal((await u.memb.post(`/p/${a1}/accept`, {})).status, 303);

      // Edit the question (title, tags, body) with a summary.
      const qp = await firstPost(u.memb, q);
      r = await u.memb.get(`/p/${qp}/edit`);
      assert.equal(r.status, 200);
      assert.match(r.text, /I cannot sleep before noon\./);
      r = await u.memb.post(`/p/${qp}/edit`, {
        title: `How do you sleep after night shifts ${tag}?`, tags: 'sleep nutrition',
        body: 'I cannot sleep before eleven.', summary: 'clarified',
      });
      assert.equal(r.status, 303, r.text.slice(0, 500));
      r = await u.memb.get(q);
      assert.match(r.text, /I cannot sleep before eleven\./);
      assert.match(r.text, new RegExp(`href="/p/${qp}/history"`));
      assert.match(r.text, /class="tag" href="[^"]+\/tags\/nutrition"/);
      // History: anyone who can read sees the revisions and a word diff by default.
      r = await u.anon.get(`/p/${qp}/history`);
      assert.equal(r.status, 200);
      assert.match(r.text, /clarified/);
      assert.match(r.text, /<del>noon<\/del>/);
      assert.match(r.text, /<ins>eleven<\/ins>/);
      assert.match(r.text, /<ins>[^<]*shifts<\/ins>|<del>nights<\/del>/);
      r = await u.anon.get(`/p/${qp}/history?a=1&b=2&mode=lines`);
      assert.equal(r.status, 200);
      assert.match(r.text, /<table class="diff">/);
      // Editing someone else's post is refused.
      assert.equal((await u.memb2.get(`/p/${qp}/edit`)).status, 403);
      await u.memb2.get(q);
      assert.equal((await u.memb2.post(`/p/${qp}/edit`, { body: 'hijack' })).status, 403);
    });

    test('discussions: reply-to links, quote pre-fill, likes', async () => {
      const d = await ask(u.memb, PUB, { kind: 'discussion', title: `Handover checklists ${tag}`, body: 'What is in yours?\n\nSecond line.', tags: 'handover' });
      const p1 = await firstPost(u.memb, d);
      const p2 = await reply(u.memb2, d, 'We use SBAR.', { reply_to: p1 });
      let r = await u.memb.get(d);
      assert.match(r.text, /badge-kind">Discussion</);
      assert.match(r.text, new RegExp(`in reply to <a href="#p${p1}">#1 memb</a>`));
      // Quote without JS: the reply textarea is pre-filled with a Markdown quote.
      r = await u.memb.get(`${d}?quote=${p1}`);
      assert.equal(r.status, 200);
      const ta = /<textarea id="body" name="body"[^>]*>([\s\S]*?)<\/textarea>/.exec(r.text);
      assert.ok(ta, 'reply textarea');
      const text = decode(ta[1]);
      assert.match(text, new RegExp(`\\[memb wrote\\]\\(/p/${p1}\\):\\n> What is in yours\\?\\n>\\n> Second line\\.`));
      assert.match(r.text, new RegExp(`name="reply_to" value="${p1}"`));
      // Likes toggle.
      r = await u.memb.get(d);
      assert.match(r.text, new RegExp(`action="/p/${p2}/like"`));
      assert.equal((await u.memb.post(`/p/${p2}/like`, { on: 1 })).status, 303);
      r = await u.memb.get(d);
      assert.match(r.text, /like-btn is-on[^>]*>\u2665 1</);
      assert.equal((await u.memb.post(`/p/${p2}/like`, { on: 0 })).status, 303);
      r = await u.memb.get(d);
      assert.doesNotMatch(r.text, /like-btn is-on/);
      // No like button on your own post.
      r = await u.memb2.get(d);
      assert.doesNotMatch(r.text, new RegExp(`action="/p/${p2}/like"`));
    });

    test('moderation: lock, close with a reason, pin, hide, delete, move, audit log', async () => {
      const t = await ask(u.memb, PUB, { title: `Moderated thread ${tag} here`, body: 'Body.' });
      const tid = tidOf(t);
      let r = await u.memb.get(t);
      assert.doesNotMatch(r.text, /Moderate this thread/);
      r = await u.moder.get(t);
      assert.match(r.text, /Moderate this thread/);
      // A member cannot moderate.
      await u.memb.get(t);
      assert.equal((await u.memb.post(`${t}/mod`, { action: 'lock' })).status, 403);
      // Lock: members can no longer reply; the page says so.
      await u.moder.get(t);
      assert.equal((await u.moder.post(`${t}/mod`, { action: 'lock' })).status, 303);
      r = await u.memb2.get(t);
      assert.match(r.text, /badge-locked/);
      assert.match(r.text, /takes no new answers/);
      await u.memb2.get(`/c/${PUB}`);
      assert.notEqual((await u.memb2.post(`${t}/reply`, { body: 'late answer' })).status, 303);
      await u.moder.get(t);
      assert.equal((await u.moder.post(`${t}/mod`, { action: 'unlock' })).status, 303);
      // Close needs a reason; the reason is shown.
      assert.notEqual((await u.moder.post(`${t}/mod`, { action: 'close', reason: '' })).status, 303);
      await u.moder.get(t);
      assert.equal((await u.moder.post(`${t}/mod`, { action: 'close', reason: 'Duplicate <b>of</b> another' })).status, 303);
      r = await u.anon.get(t);
      assert.match(r.text, /badge-closed/);
      assert.match(r.text, /Duplicate &lt;b&gt;of&lt;\/b&gt; another/);
      await u.moder.get(t);
      assert.equal((await u.moder.post(`${t}/mod`, { action: 'reopen' })).status, 303);
      assert.equal((await u.moder.post(`${t}/mod`, { action: 'pin' })).status, 303);
      r = await u.anon.get(`/c/${PUB}/latest`);
      assert.match(r.text, /<li class="thread-row[^"]*is-pinned/);
      assert.match(r.text.slice(r.text.indexOf('thread-list')), new RegExp(`^[^]*?<li[^>]*>[^]*?Moderated thread ${tag}`));
      // Hide a post: placeholder for others, full text and reason for the author and staff.
      const p = await reply(u.memb2, t, 'Spammy answer text here');
      await u.moder.get(t);
      assert.equal((await u.moder.post(`/p/${p}/hide`, { reason: 'spam' })).status, 303);
      r = await u.anon.get(t);
      assert.match(r.text, /Hidden by a moderator\./);
      assert.doesNotMatch(r.text, /Spammy answer text/);
      r = await u.memb2.get(t);
      assert.match(r.text, /Spammy answer text/);
      assert.match(r.text, /Hidden by a moderator: spam/);
      await u.moder.get(t);
      assert.equal((await u.moder.post(`/p/${p}/unhide`, {})).status, 303);
      assert.match((await u.anon.get(t)).text, /Spammy answer text/);
      // The author deletes their own post (confirmation inside a <details>).
      r = await u.memb2.get(t);
      assert.match(r.text, /Yes, delete it/);
      assert.equal((await u.memb2.post(`/p/${p}/delete`, {})).status, 303);
      r = await u.anon.get(t);
      assert.doesNotMatch(r.text, /Spammy answer text/);
      // Move to another community where the moderator is staff too.
      await u.moder.get(t);
      r = await u.moder.post(`${t}/mod`, { action: 'move', to: OTHER });
      assert.equal(r.status, 303, r.text.slice(0, 400));
      assert.equal(r.location, `/c/${OTHER}/t/${tid}`);
      // The old address redirects to the new one.
      r = await u.anon.get(t);
      assert.equal(r.status, 303);
      assert.equal(r.location, `/c/${OTHER}/t/${tid}`);
      // Audit log: staff only.
      r = await u.coord.get(`/c/${PUB}/audit`);
      assert.equal(r.status, 200);
      for (const a of ['lock', 'close', 'pin', 'hide', 'move']) assert.match(r.text, new RegExp(`>${a}<`), a);
      assert.equal((await u.moder.get(`/c/${PUB}/audit`)).status, 200);
      assert.equal((await u.memb.get(`/c/${PUB}/audit`)).status, 403);
      assert.equal((await u.outsider.get(`/c/${PRIV}/audit`)).status, 404);
    });

    test('a private community\'s threads are invisible to outsiders everywhere', async () => {
      const t = await ask(u.memb, PRIV, { title: SECRET, body: 'Secret body.', tags: 'sleep' });
      const pid = await firstPost(u.memb, t);
      const a = await reply(u.memb2, t, 'Secret answer.');
      // Members and admins read it.
      for (const n of ['memb', 'moder', 'coord', 'admin']) {
        const r = await u[n].get(t);
        assert.equal(r.status, 200, n);
        assert.ok(r.text.includes(SECRET), n);
      }
      const paths = [t, `/p/${pid}`, `/p/${a}`, `/p/${pid}/history`, `/p/${pid}/edit`,
        `/c/${PRIV}/latest`, `/c/${PRIV}/unanswered`, `/c/${PRIV}/top`, `/c/${PRIV}/tags/sleep`,
        `/c/${PRIV}/similar?title=Quokkasecret`, `/c/${PRIV}/t/new`];
      for (const who of ['anon', 'outsider']) {
        for (const p of paths) {
          const r = await u[who].get(p);
          if (who === 'anon' && p.endsWith('/edit')) assert.ok([303, 401, 404].includes(r.status), `${who} ${p} ${r.status}`);
          else if (who === 'anon' && p.endsWith('/t/new')) assert.ok([303, 401, 404].includes(r.status), `${who} ${p} ${r.status}`);
          else assert.equal(r.status, 404, `${who} ${p}`);
          assert.ok(!r.text.includes('Quokkasecret'), `${who} ${p} leaks the title`);
        }
        // A hidden thread cannot be found from the public community's URL either.
        assert.equal((await u[who].get(`/c/${PUB}/t/${tidOf(t)}`)).status, 404, who);
        for (const p of ['/latest', '/unanswered', '/top', '/', `/c/${PUB}/similar?title=Quokkasecret%20zeppelin`]) {
          const r = await u[who].get(p);
          assert.equal(r.status, 200, `${who} ${p}`);
          assert.ok(!r.text.includes('Quokkasecret'), `${who} ${p} leaks the title`);
        }
        if (who === 'outsider') {
          const r = await u.outsider.get('/mine');
          assert.ok(!r.text.includes('Quokkasecret'));
        }
        // Writes are 404 too.
        await u[who].get('/');
        for (const [p, f] of [[`${t}/reply`, { body: 'x' }], [`/p/${a}/vote`, { value: 1 }], [`/p/${a}/accept`, {}]]) {
          const r = await u[who].post(p, f);
          assert.ok([401, 303, 404].includes(r.status), `${who} POST ${p}: ${r.status}`);
          if (who === 'outsider') assert.equal(r.status, 404, `${who} POST ${p}`);
        }
      }
      // Members see it in the instance lists.
      assert.ok((await u.memb2.get('/latest')).text.includes('Quokkasecret'));
    });

    test('CSRF: every POST without a token is refused', async () => {
      const t = await ask(u.memb, PUB, { title: `CSRF target thread ${tag}`, body: 'Body.' });
      const pid = await firstPost(u.memb, t);
      const a = await reply(u.memb2, t, 'An answer.');
      const posts = [
        [`/c/${PUB}/t/new`, { kind: 'question', title: 'A title long enough', body: 'b' }],
        [`${t}/reply`, { body: 'x' }], [`${t}/unaccept`, {}], [`${t}/mod`, { action: 'lock' }],
        [`/p/${pid}/edit`, { body: 'x' }], [`/p/${a}/vote`, { value: 1 }], [`/p/${a}/like`, { on: 1 }],
        [`/p/${a}/accept`, {}], [`/p/${a}/delete`, {}], [`/p/${a}/hide`, { reason: 'r' }],
        [`/p/${a}/unhide`, {}],
      ];
      for (const who of ['memb', 'moder']) {
        for (const [p, f] of posts) {
          const r = await u[who].post(p, f, { csrf: false });
          assert.equal(r.status, 403, `${who} ${p}`);
          const r2 = await u[who].post(p, { ...f, _csrf: '0'.repeat(32) });
          assert.equal(r2.status, 403, `${who} ${p} (wrong token)`);
        }
      }
      const r = await u.anon.get(t);
      assert.match(r.text, /An answer\./);
      assert.doesNotMatch(r.text, /badge-locked/);
    });

    test('validation errors re-render with the input kept (422), and hostile input is escaped', async () => {
      await u.memb.get(`/c/${PUB}/t/new`);
      let r = await u.memb.post(`/c/${PUB}/t/new`, { kind: 'discussion', title: 'short', body: 'My long body <kept>', tags: 'sleep' });
      assert.equal(r.status, 422);
      assert.match(r.text, /field-invalid/);
      assert.match(r.text, /value="short"/);
      assert.match(r.text, /My long body &lt;kept&gt;/);
      assert.match(r.text, /id="kind-discussion" name="kind" value="discussion" checked/);
      // Unknown tags, with markup in them.
      r = await u.memb.post(`/c/${PUB}/t/new`, { kind: 'question', title: 'A perfectly fine title', body: 'Body', tags: '<img src=x onerror=alert(1)>' });
      assert.equal(r.status, 422);
      assert.doesNotMatch(r.text, /<img src=x/);
      assert.match(r.text, /&lt;img src=x onerror=alert\(1\)&gt;/);
      // An empty reply.
      const t = await ask(u.memb, PUB, { title: `<script>alert("t")</script> title ${tag}`, body: '<script>alert("b")</script> and <b>bold</b>', tags: 'sleep' });
      await u.memb2.get(t);
      r = await u.memb2.post(`${t}/reply`, { body: '   ' });
      assert.equal(r.status, 422);
      assert.match(r.text, /field-invalid/);
      r = await u.memb2.post(`${t}/reply`, { body: 'x'.repeat(70 * 1024) });
      assert.ok([413, 422].includes(r.status), `huge body: ${r.status}`);
      // Edit with a bad title keeps the input.
      const pid = await firstPost(u.memb, t);
      r = await u.memb.post(`/p/${pid}/edit`, { title: 'tiny', tags: 'sleep', body: 'changed body text' });
      assert.equal(r.status, 422);
      assert.match(r.text, /value="tiny"/);
      assert.match(r.text, /changed body text/);
      // The hostile title and body are escaped on every page that shows them.
      for (const p of [t, `/c/${PUB}/latest`, `/c/${PUB}`, '/latest', `/c/${PUB}/similar?title=alert%20title%20${tag}`, `/p/${pid}/history`]) {
        r = await u.memb.get(p);
        assert.equal(r.status, 200, p);
        assert.doesNotMatch(r.text, /<script>alert/, p);
      }
      r = await u.memb.get(t);
      assert.match(r.text, /&lt;script&gt;alert\(&quot;t&quot;\)&lt;\/script&gt; title/);
      assert.match(r.text, /&lt;script&gt;alert\(&quot;b&quot;\)&lt;\/script&gt;/);
      // Deep quote nesting renders without trouble.
      await u.memb2.get(t);
      const deep = `${'>'.repeat(5000)} deep`;
      r = await u.memb2.post(`${t}/reply`, { body: deep });
      assert.ok([303, 422].includes(r.status), `deep quotes: ${r.status}`);
      assert.equal((await u.anon.get(t)).status, 200);
    });

    test('permalinks land on the right page of a long thread', async () => {
      const d = await ask(u.memb, PUB, { kind: 'discussion', title: `A long discussion ${tag}`, body: 'Post one.' });
      let last = 0;
      for (let i = 2; i <= 56; i++) last = await reply(i % 2 ? u.memb : u.memb2, d, `Post number ${i}.`);
      let r = await u.anon.get(`/p/${last}`);
      assert.equal(r.status, 303);
      assert.equal(r.location, `${d}?page=2#p${last}`);
      r = await u.anon.get(`${d}?page=2`);
      assert.match(r.text, new RegExp(`id="p${last}"`));
      assert.match(r.text, /Post number 56\./);
      assert.doesNotMatch(r.text, /Post number 50\./);
      assert.match(r.text, /aria-current="page" href="[^"]+\?page=2">2</);
      r = await u.anon.get(d);
      assert.match(r.text, /Post number 50\./);
      assert.match(r.text, /rel="next" href="[^"]+\?page=2"/);
      assert.equal((await u.anon.get('/p/99999999')).status, 404);
      assert.equal((await u.anon.get('/p/abc')).status, 404);
    });

    test('lists: counts, filters, top periods, tags, mine and keyset pages', async () => {
      const slug = OTHER;
      const mk = [];
      for (let i = 0; i < 33; i++) {
        mk.push(await ask(u.moder, slug, { kind: i % 3 ? 'question' : 'discussion', title: `Listed thread number ${i} ${tag}`, tags: i % 2 ? 'sleep' : 'handover' }));
      }
      let r = await u.anon.get(`/c/${slug}/latest`);
      assert.equal(r.status, 200);
      const count = Number(/<p class="list-count">(\d+) threads<\/p>/.exec(r.text)[1]);
      assert.ok(count >= 33, `count ${count}`);
      const rows = (t) => [...t.matchAll(/<h3 class="thread-title"><a href="([^"]+)"/g)].map((m) => m[1]);
      const page1 = rows(r.text);
      assert.equal(page1.length, 30);
      const next = /rel="next" href="([^"]+)"/.exec(r.text);
      assert.ok(next, 'Next page link');
      r = await u.anon.get(decode(next[1]));
      assert.equal(r.status, 200);
      const page2 = rows(r.text);
      assert.equal(page1.length + page2.length, count);
      assert.equal(new Set([...page1, ...page2]).size, count, 'no duplicates across pages');
      assert.match(r.text, /First page/);
      // A forged cursor is refused, not a crash.
      assert.equal((await u.anon.get(`/c/${slug}/latest?after=forged.123`)).status, 400);
      // Kind filter.
      r = await u.anon.get(`/c/${slug}/latest?kind=discussion`);
      assert.doesNotMatch(r.text, /badge-kind">Question</);
      assert.match(r.text, /aria-current="true">Discussions</);
      // Unanswered (no answers / no accepted answer).
      r = await u.anon.get(`/c/${slug}/unanswered`);
      assert.equal(r.status, 200);
      assert.doesNotMatch(r.text, /badge-kind">Discussion</);
      await reply(u.moder, mk[1], 'An answer to one.');
      r = await u.anon.get(`/c/${slug}/unanswered`);
      assert.ok(!rows(r.text).includes(mk[1]));
      r = await u.anon.get(`/c/${slug}/unanswered?filter=unsolved`);
      assert.equal(r.status, 200);
      assert.match(r.text, /aria-current="true">No accepted answer</);
      // Top with periods.
      for (const p of ['day', 'week', 'month', 'year', 'all', 'bogus']) {
        r = await u.anon.get(`/c/${slug}/top?period=${p}`);
        assert.equal(r.status, 200, p);
      }
      assert.match((await u.anon.get(`/c/${slug}/top?period=week`)).text, /aria-current="true">Week</);
      // By tag.
      r = await u.anon.get(`/c/${slug}/tags/sleep`);
      assert.equal(r.status, 200);
      assert.match(r.text, /Tagged <span class="tag tag-big">sleep<\/span>/);
      assert.doesNotMatch(r.text, /class="tag" href="[^"]+\/tags\/handover"/);
      // Instance lists and mine.
      for (const p of ['/latest', '/unanswered', '/top?period=month']) assert.equal((await u.anon.get(p)).status, 200, p);
      assert.ok([303, 401].includes((await u.anon.get('/mine')).status));
      r = await u.moder.get('/mine');
      assert.equal(r.status, 200);
      assert.match(r.text, new RegExp(`Listed thread number 32 ${tag}`));
      r = await u.outsider.get('/mine');
      assert.doesNotMatch(r.text, /Listed thread number/);
      // The community page shows the latest threads and, to members, the buttons.
      r = await u.moder.get(`/c/${slug}`);
      assert.match(r.text, /Latest threads/);
      assert.match(r.text, new RegExp(`href="/c/${slug}/t/new\\?kind=question">New question`));
      assert.match(r.text, /Start a discussion/);
      r = await u.outsider.get(`/c/${slug}`);
      assert.doesNotMatch(r.text, /New question/);
      assert.match(r.text, /Listed thread number 32/);
    });

    test('compose page: similar questions without JS, and drafts pre-fill the forms', async () => {
      await ask(u.memb, PUB, { title: `Rotating roster fairness ${tag}`, body: 'b' });
      let r = await u.memb.get(`/c/${PUB}/t/new?kind=question&title=${encodeURIComponent('roster fairness')}`);
      assert.equal(r.status, 200);
      assert.match(r.text, new RegExp(`Similar questions[\\s\\S]*Rotating roster fairness ${tag}`));
      // The no-JS button posts the form back with check=1: nothing is created, input kept.
      r = await u.memb.post(`/c/${PUB}/t/new`, { kind: 'question', title: 'roster fairness again', body: 'kept body', tags: 'sleep', check: '1' });
      assert.equal(r.status, 200);
      assert.match(r.text, /kept body/);
      assert.match(r.text, new RegExp(`Rotating roster fairness ${tag}`));
      r = await u.anon.get(`/c/${PUB}/similar?title=roster%20fairness`);
      assert.equal(r.status, 200);
      assert.match(r.text, /^<ul class="similar-list">/);
      assert.doesNotMatch(r.text, /<html/);
      // The compose page needs membership.
      assert.equal((await u.outsider.get(`/c/${PUB}/t/new`)).status, 403);
      // Drafts saved through the API pre-fill the compose form and the reply form.
      const cid = Number(/data-draft-key="new:(\d+)"/.exec((await u.memb.get(`/c/${PUB}/t/new`)).text)[1]);
      r = await u.memb.putJSON(`/api/v1/drafts/new:${cid}`, { title: 'Draft title kept', body: 'Draft body kept', tags: 'sleep', kind: 'discussion' });
      assert.ok([200, 204].includes(r.status), `draft save: ${r.status} ${r.text}`);
      r = await u.memb.get(`/c/${PUB}/t/new`);
      assert.match(r.text, /value="Draft title kept"/);
      assert.match(r.text, /Draft body kept/);
      assert.match(r.text, /value="discussion" checked/);
      // Posting deletes the draft.
      await u.memb.post(`/c/${PUB}/t/new`, { kind: 'discussion', title: 'Draft title kept', body: 'Draft body kept', tags: 'sleep' });
      r = await u.memb.get(`/c/${PUB}/t/new`);
      assert.doesNotMatch(r.text, /Draft body kept/);
      const t = await ask(u.memb, PUB, { title: `Reply draft thread ${tag}`, body: 'b' });
      const tid = tidOf(t);
      r = await u.memb2.putJSON(`/api/v1/drafts/reply:${tid}`, { body: 'My unfinished reply' });
      assert.ok([200, 204].includes(r.status), r.text);
      r = await u.memb2.get(t);
      assert.match(r.text, /data-draft-key="reply:\d+"/);
      assert.match(r.text, /My unfinished reply<\/textarea>/);
      assert.doesNotMatch((await u.memb.get(t)).text, /My unfinished reply/);
    });
  });
}

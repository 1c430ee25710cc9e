// Knowledge base pages over HTTP (no JavaScript), on every backend: creating a draft and
// publishing it, drafts hidden from readers, the table of contents, renaming with the old slug
// redirecting, every save a revision with a history page, line and word diffs and revert,
// edit conflicts between two editors (a clean merge offered for review, overlapping edits
// with conflict markers, never a silent overwrite), who may edit per community setting and
// trusted members, statuses (best practice and outdated with its replacement: coordinators
// only), the owner and review date with the due list and an in-app reminder, "this helped"
// and "looks outdated" feedback, [[wiki links]] (missing ones link to create, backlinks),
// links with threads both ways, turning a solved question into an article, hostile titles
// and Markdown escaped, CSRF on every POST, and a private community's articles invisible to
// outsiders (pages, backlinks, thread notices).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`article pages (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6);
    const PUB = `kb-${tag}`;
    const PRIV = `kbp-${tag}`;

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}`);
      await c.get('/');
      return c;
    }

    // Create an article through the form; returns its path.
    async function create(c, slug, { title, body = 'Text.', tags = '', publish = true }) {
      const g = await c.get(`/c/${slug}/a/new`);
      assert.equal(g.status, 200, g.text.slice(0, 300));
      const form = { title, body, tags };
      if (publish) form.publish = '1';
      const r = await c.post(`/c/${slug}/a/new`, form);
      assert.equal(r.status, 303, `create ${title}: ${r.status} ${r.text.slice(0, 600)}`);
      return r.location;
    }

    // The base revision in an edit form.
    async function baseOf(c, path) {
      const r = await c.get(`${path}/edit`);
      assert.equal(r.status, 200, r.text.slice(0, 300));
      return Number(/name="base_rev" value="(\d+)"/.exec(r.text)[1]);
    }

    async function save(c, path, { title, body, tags = '', summary = '', base }) {
      return c.post(`${path}/edit`, { title, body, tags, summary, base_rev: String(base) });
    }

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of ['coord', 'moder', 'memb', 'memb2', 'outsider']) await srv.addUser(n, { password: PW });
      u.anon = srv.client();
      await u.anon.get('/');
      u.admin = await login('admin1');
      for (const n of ['coord', 'moder', 'memb', 'memb2', 'outsider']) u[n] = await login(n);
      await u.admin.get('/admin');
      assert.equal((await u.admin.post('/admin', { community_creation: 'members' })).status, 303);
      for (const [slug, vis] of [[PUB, 'public'], [PRIV, 'private']]) {
        const r = await u.coord.postJSON('/api/v1/communities', {
          name: `Community ${slug}`, slug, visibility: vis, charter_md: 'Charter.',
          tags: 'brewing, grind, water',
        });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${PRIV}/invites`, { days: 7, max_uses: 0 });
      for (const n of ['moder', 'memb', 'memb2']) {
        assert.equal((await u[n].postJSON(`/api/v1/communities/${PUB}/join`, {})).status, 200);
        assert.equal((await u[n].postJSON(`/api/v1/communities/${PRIV}/join`, { invite: inv.json.token })).status, 200);
        // joining writes "welcome" notifications: read them so the counts below are the articles'
        assert.equal((await u[n].postJSON('/api/v1/notifications/read', {})).status, 200);
      }
      for (const slug of [PUB, PRIV]) {
        const r = await u.coord.putJSON(`/api/v1/communities/${slug}/members/moder`, { role: 'moderator' });
        assert.equal(r.status, 200, r.text);
      }
    });

    after(async () => { await srv?.stop(); });

    test('a draft is for editors; publishing shows it with a table of contents', async () => {
      const body = '## Beans\n\nFresh.\n\n## Grind\n\nCoarse.\n\n### Burr\n\nYes.\n\n## Water\n\nSoft.';
      const p = await create(u.coord, PUB, { title: `Cold brew basics ${tag}`, body, tags: 'brewing', publish: false });
      assert.equal(p, `/c/${PUB}/a/cold-brew-basics-${tag}`);
      let r = await u.coord.get(p);
      assert.equal(r.status, 200);
      assert.match(r.text, /badge-draft">Draft</);
      assert.match(r.text, /<nav class="toc"/);
      assert.match(r.text, /<a href="#h-grind">Grind<\/a>/);
      assert.match(r.text, /<h2 id="h-grind">Grind<\/h2>/);
      assert.equal((await u.anon.get(p)).status, 404);
      assert.equal((await u.memb.get(p)).status, 404, 'members are not editors by default');
      assert.equal((await u.moder.get(p)).status, 200, 'moderators edit under "trusted"');
      const list = await u.anon.get(`/c/${PUB}/a`);
      assert.doesNotMatch(list.text, /Cold brew basics/);
      r = await u.coord.post(`${p}/status`, { status: 'published' });
      assert.equal(r.status, 303);
      r = await u.anon.get(p);
      assert.equal(r.status, 200);
      assert.match(r.text, /badge-published">Published</);
      assert.match((await u.anon.get(`/c/${PUB}/a`)).text, /Cold brew basics/);
      assert.match((await u.anon.get(`/c/${PUB}`)).text, /href="\/c\/[^"]+\/a">Articles</);
    });

    test('every save is a revision; history diffs any two; revert is a new revision; renames redirect', async () => {
      const p = await create(u.coord, PUB, { title: `Grind size ${tag}`, body: 'Line one\nLine two\nLine three\n' });
      let base = await baseOf(u.coord, p);
      assert.equal(base, 1);
      let r = await save(u.coord, p, { title: `Grind size ${tag}`, body: 'Line one\nLine 2 changed\nLine three\n', summary: 'fix line two', base });
      assert.equal(r.status, 303);
      base = await baseOf(u.coord, p);
      assert.equal(base, 2);
      r = await u.anon.get(`${p}/history`);
      assert.equal(r.status, 200);
      assert.match(r.text, /2 revisions/);
      assert.match(r.text, /fix line two/);
      assert.match(r.text, /<table class="diff">/);
      assert.match(r.text, /<del>two<\/del>|<del>Line two<\/del>/);
      r = await u.anon.get(`${p}/history?a=1&b=2&mode=words`);
      assert.match(r.text, /<div class="diff-words">/);
      assert.match(r.text, /<ins>2 changed<\/ins>|<ins>2<\/ins>/);
      // revert to 1
      await u.coord.get(`${p}/history`);
      r = await u.coord.post(`${p}/revert`, { rev: '1' });
      assert.equal(r.status, 303);
      r = await u.anon.get(p);
      assert.match(r.text, /Revision 3/);
      assert.match(r.text, /Line two/);
      assert.match((await u.anon.get(`${p}/history`)).text, /Reverted to revision 1/);
      // rename: the old slug redirects
      base = await baseOf(u.coord, p);
      r = await save(u.coord, p, { title: `Grind size guide ${tag}`, body: 'Line one\nLine two\nLine three\n', base });
      assert.equal(r.status, 303);
      assert.equal(r.location, `/c/${PUB}/a/grind-size-guide-${tag}`);
      r = await u.anon.get(p);
      assert.equal(r.status, 301);
      assert.equal(r.location, `/c/${PUB}/a/grind-size-guide-${tag}`);
      // an unchanged save makes no revision
      base = await baseOf(u.coord, r.location);
      r = await save(u.coord, `/c/${PUB}/a/grind-size-guide-${tag}`, { title: `Grind size guide ${tag}`, body: 'Line one\nLine two\nLine three\n', base });
      assert.equal(r.status, 303);
      assert.equal(await baseOf(u.coord, `/c/${PUB}/a/grind-size-guide-${tag}`), base);
    });

    test('two editors from the same revision: a clean merge is offered, overlapping edits get markers, nothing is overwritten', async () => {
      const text = 'Intro line\n\nParagraph A\n\nMiddle\n\nParagraph B\n';
      const p = await create(u.coord, PUB, { title: `Water ${tag}`, body: text, tags: 'water' });
      const b1 = await baseOf(u.coord, p);
      const b2 = await baseOf(u.moder, p);
      assert.equal(b1, b2);
      let r = await save(u.coord, p, { title: `Water ${tag}`, body: text.replace('Paragraph A', 'Paragraph A (coord)'), tags: 'water', base: b1 });
      assert.equal(r.status, 303);
      // the second save, from the old base, on different lines: 409 with the merged text
      r = await save(u.moder, p, { title: `Water ${tag}`, body: text.replace('Paragraph B', 'Paragraph B (moder)'), tags: 'water', base: b2 });
      assert.equal(r.status, 409);
      assert.match(r.text, /Someone else saved this article/);
      assert.match(r.text, /touch different lines/);
      assert.match(r.text, /Paragraph A \(coord\)\n\nMiddle\n\nParagraph B \(moder\)/);
      const nb = Number(/name="base_rev" value="(\d+)"/.exec(r.text)[1]);
      assert.equal(nb, b1 + 1);
      // nothing saved by the conflict
      let page = await u.anon.get(p);
      assert.doesNotMatch(page.text, /moder\)/);
      // saving the reviewed merge works
      r = await save(u.moder, p, { title: `Water ${tag}`, body: 'Intro line\n\nParagraph A (coord)\n\nMiddle\n\nParagraph B (moder)\n', tags: 'water', base: nb });
      assert.equal(r.status, 303);
      page = await u.anon.get(p);
      assert.match(page.text, /Paragraph A \(coord\)/);
      assert.match(page.text, /Paragraph B \(moder\)/);
      // overlapping edits: markers in the editor, both versions shown
      const b3 = await baseOf(u.coord, p);
      r = await save(u.coord, p, { title: `Water ${tag}`, body: 'Intro line\n\nParagraph A (coord)\n\nMiddle by coord\n\nParagraph B (moder)\n', tags: 'water', base: b3 });
      assert.equal(r.status, 303);
      r = await save(u.moder, p, { title: `Water ${tag}`, body: 'Intro line\n\nParagraph A (coord)\n\nMiddle by moder\n\nParagraph B (moder)\n', tags: 'water', base: b3 });
      assert.equal(r.status, 409);
      assert.match(r.text, /overlap in 1 place/);
      assert.match(r.text, /&lt;&lt;&lt;&lt;&lt;&lt;&lt; your version\nMiddle by moder\n=======\nMiddle by coord\n&gt;&gt;&gt;&gt;&gt;&gt;&gt; revision/);
      assert.match(r.text, /<h2>Your version<\/h2>/);
      assert.doesNotMatch(r.text, /the form keeps your title/);
      assert.match(r.text, /class="conflict-sides"/);
      page = await u.anon.get(p);
      assert.match(page.text, /Middle by coord/);
      assert.doesNotMatch(page.text, /Middle by moder/);
      // a title changed on both sides: theirs is shown, the form keeps mine
      const b4 = await baseOf(u.coord, p);
      assert.equal((await save(u.coord, p, { title: `Water <i>soft</i> ${tag}`, body: 'Intro line\n', tags: 'water', base: b4 })).status, 303);
      const p4 = `/c/${PUB}/a/water-i-soft-i-${tag}`;
      r = await save(u.moder, p4, { title: `Water hard ${tag}`, body: 'Intro line\n', tags: 'water', base: b4 });
      assert.equal(r.status, 409);
      assert.match(r.text, new RegExp(`is titled <strong>Water &lt;i&gt;soft&lt;/i&gt; ${tag}</strong>; the form keeps your title`));
      assert.match(r.text, new RegExp(`name="title"[^>]*value="Water hard ${tag}"`));
    });

    test('who may edit: coordinators only, trusted members, all members', async () => {
      const p = await create(u.coord, PUB, { title: `Kettles ${tag}`, body: 'Gooseneck.' });
      // default "trusted": a plain member cannot edit
      assert.equal((await u.memb.get(`${p}/edit`)).status, 403);
      assert.equal((await u.memb.get(`/c/${PUB}/a/new`)).status, 403);
      // a coordinator marks memb trusted
      await u.coord.get(`/c/${PUB}/a/settings`);
      let r = await u.coord.post(`/c/${PUB}/a/settings`, { trust: 'memb' });
      assert.equal(r.status, 303);
      assert.match((await u.coord.get(`/c/${PUB}/a/settings`)).text, /href="\/u\/memb"/);
      assert.equal((await u.memb.get(`${p}/edit`)).status, 200);
      assert.equal((await u.memb2.get(`${p}/edit`)).status, 403);
      // members: everyone who is a member
      r = await u.coord.post(`/c/${PUB}/a/settings`, { editors: 'members' });
      assert.equal(r.status, 303);
      assert.equal((await u.memb2.get(`${p}/edit`)).status, 200);
      assert.equal((await u.outsider.get(`${p}/edit`)).status, 403);
      // coordinators only
      r = await u.coord.post(`/c/${PUB}/a/settings`, { editors: 'coordinators' });
      assert.equal((await u.moder.get(`${p}/edit`)).status, 403);
      assert.equal((await u.memb.get(`${p}/edit`)).status, 403);
      const base = await baseOf(u.coord, p);
      await u.moder.get(p);
      r = await save(u.moder, p, { title: `Kettles ${tag}`, body: 'Hacked.', base });
      assert.equal(r.status, 403);
      // non-coordinators cannot change the setting
      await u.moder.get('/');
      assert.equal((await u.moder.post(`/c/${PUB}/a/settings`, { editors: 'members' })).status, 403);
      assert.equal((await u.moder.get(`/c/${PUB}/a/settings`)).status, 403);
      r = await u.coord.post(`/c/${PUB}/a/settings`, { editors: 'trusted' });
      assert.equal(r.status, 303);
      r = await u.coord.post(`/c/${PUB}/a/settings`, { untrust: 'memb' });
      assert.equal((await u.memb.get(`${p}/edit`)).status, 403);
      // CSRF
      assert.equal((await u.coord.post(`/c/${PUB}/a/settings`, { editors: 'members' }, { csrf: false })).status, 403);
    });

    test('statuses: best practice and outdated are for coordinators; outdated points to its replacement', async () => {
      const p1 = await create(u.coord, PUB, { title: `Old method ${tag}`, body: 'Old.' });
      const p2 = await create(u.coord, PUB, { title: `New method ${tag}`, body: 'New.' });
      await u.moder.get(p1);
      assert.equal((await u.moder.post(`${p1}/status`, { status: 'best_practice' })).status, 403);
      await u.coord.get(p1);
      assert.equal((await u.coord.post(`${p2}/status`, { status: 'best_practice' })).status, 303);
      let r = await u.anon.get(p2);
      assert.match(r.text, /badge-best_practice">Best practice</);
      r = await u.coord.post(`${p1}/status`, { status: 'outdated', replaced_by: `new-method-${tag}` });
      assert.equal(r.status, 303);
      r = await u.anon.get(p1);
      assert.match(r.text, /This article is outdated\. Read <a href="\/c\/[^"]+\/a\/new-method-[^"]+">New method/);
      // best practice first in the list
      const list = (await u.anon.get(`/c/${PUB}/a`)).text;
      assert.ok(list.indexOf('New method') < list.indexOf('Old method'));
      r = await u.coord.post(`${p1}/status`, { status: 'outdated', replaced_by: 'no-such-article' });
      assert.equal(r.status, 400);
    });

    test('owner and review date: due list, a reminder in notifications with an unread count', async () => {
      const p = await create(u.coord, PUB, { title: `Descaling ${tag}`, body: 'Monthly.' });
      await u.coord.get(p);
      let r = await u.coord.post(`${p}/review`, { owner: 'moder', review_by: '2020-01-01' });
      assert.equal(r.status, 303);
      r = await u.anon.get(`/c/${PUB}/a/review`);
      assert.match(r.text, /Descaling/);
      assert.match(r.text, /overdue/);
      r = await u.moder.get('/');
      assert.match(r.text, /<span class="bell-label">Notifications<\/span> <span class="count unread-count">1<\/span>/);
      r = await u.moder.get('/notifications');
      assert.match(r.text, /Review due: Descaling/);
      // told once
      r = await u.moder.get('/');
      assert.match(r.text, /unread-count">1</);
      r = await u.moder.post('/notifications/read', {});
      assert.equal(r.status, 303);
      r = await u.moder.get('/');
      assert.doesNotMatch(r.text, /unread-count/);
      // the owner must be a member; bad dates refused; only coordinators
      assert.equal((await u.coord.post(`${p}/review`, { owner: 'outsider', review_by: '' })).status, 400);
      assert.equal((await u.coord.post(`${p}/review`, { owner: '', review_by: '2020-02-31' })).status, 400);
      await u.moder.get(p);
      assert.equal((await u.moder.post(`${p}/review`, { owner: 'moder', review_by: '2030-01-01' })).status, 403);
    });

    test('readers mark "this helped" and flag "looks outdated"; coordinators see the notes', async () => {
      const p = await create(u.coord, PUB, { title: `Filters ${tag}`, body: 'Paper.' });
      await u.memb.get(p);
      let r = await u.memb.post(`${p}/feedback`, { kind: 'helped', on: '1' });
      assert.equal(r.status, 303);
      r = await u.memb.post(`${p}/feedback`, { kind: 'outdated', on: '1', note: 'Metal <b>filters</b> are better now' });
      assert.equal(r.status, 303);
      await u.outsider.get(p);
      assert.equal((await u.outsider.post(`${p}/feedback`, { kind: 'helped', on: '1' })).status, 303);
      r = await u.anon.get(p);
      assert.match(r.text, /2 people found this helpful · 1 flagged it as outdated/);
      assert.doesNotMatch(r.text, /Metal/);
      r = await u.coord.get(p);
      assert.match(r.text, /Flagged as outdated \(1\)/);
      assert.match(r.text, /<q>Metal &lt;b&gt;filters&lt;\/b&gt; are better now<\/q>/);
      r = await u.memb.post(`${p}/feedback`, { kind: 'helped', on: '0' });
      assert.match((await u.anon.get(p)).text, /1 person found this helpful/);
      r = await u.anon.post(`${p}/feedback`, { kind: 'helped', on: '1' });
      assert.equal(r.status, 303);
      assert.match(r.location, /^\/signin/);
    });

    test('[[wiki links]]: missing ones offer creation, then resolve; backlinks; hostile titles escaped', async () => {
      const p = await create(u.coord, PUB, { title: `Espresso ${tag}`, body: `See [[Tamping ${tag}]] and [[Espresso ${tag}|itself]] and \`[[not a link]]\`.` });
      let r = await u.anon.get(p);
      assert.match(r.text, new RegExp(`<a class="wikilink missing" href="/c/${PUB}/a/new\\?title=Tamping%20${tag}"`));
      assert.match(r.text, /<code>\[\[not a link\]\]<\/code>/);
      const t = await create(u.coord, PUB, { title: `Tamping ${tag}`, body: 'Press evenly.' });
      r = await u.anon.get(p);
      assert.match(r.text, new RegExp(`<a class="wikilink" href="${t}">Tamping ${tag}</a>`));
      r = await u.anon.get(t);
      assert.match(r.text, /What links here/);
      assert.match(r.text, new RegExp(`<a href="${p}">Espresso ${tag}</a>`));
      // hostile titles and Markdown
      const evil = `<script>alert(1)</script> ${tag}`;
      const e = await create(u.coord, PUB, { title: evil, body: `[[x"><img src=x onerror=alert(1)>]]\n\n<script>alert(2)</script>\n\n[[Espresso ${tag}|<b>bold</b>]]` });
      r = await u.anon.get(e);
      assert.equal(r.status, 200);
      assert.doesNotMatch(r.text, /<script>alert/);
      assert.doesNotMatch(r.text, /<img/);
      assert.doesNotMatch(r.text, /<b>bold/);
      assert.match(r.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.match(r.text, /&lt;b&gt;bold&lt;\/b&gt;<\/a>/);
      assert.equal((await u.coord.post(`/c/${PUB}/a/new`, { title: 'Bad [[title]]', body: 'x' })).status, 422);
    });

    test('threads and articles link both ways; a solved question becomes an attributed article', async () => {
      // a solved question
      await u.memb.get(`/c/${PUB}/t/new?kind=question`);
      let r = await u.memb.post(`/c/${PUB}/t/new`, { kind: 'question', title: `Why is my cold brew bitter ${tag}?`, body: 'It is bitter.', tags: 'brewing' });
      assert.equal(r.status, 303);
      const q = r.location;
      const tid = Number(/\/t\/(\d+)/.exec(q)[1]);
      await u.memb2.get(q);
      r = await u.memb2.post(`${q}/reply`, { body: 'Grind coarser and steep less.' });
      const pid = Number(/#p(\d+)/.exec(r.location)[1]);
      await u.memb.get(q);
      assert.equal((await u.memb.post(`/p/${pid}/accept`, {})).status, 303);
      // members see no button; coordinators do
      assert.doesNotMatch((await u.memb.get(q)).text, /Turn into article/);
      let page = await u.coord.get(q);
      assert.match(page.text, /Turn into article/);
      assert.equal((await u.memb.post(`${q}/article`, {})).status, 403);
      r = await u.coord.post(`${q}/article`, {});
      assert.equal(r.status, 303, r.text.slice(0, 500));
      assert.match(r.location, /\/a\/why-is-my-cold-brew-bitter-[^/]+\/edit$/);
      const ap = r.location.replace(/\/edit$/, '');
      // the thread now offers its article instead of a second "Turn into article"
      page = await u.coord.get(q);
      assert.doesNotMatch(page.text, /Turn into article/);
      assert.match(page.text, new RegExp(`<a class="button button-secondary button-small" href="${ap}">Open the article</a>`));
      r = await u.coord.post(`${q}/article`, {}); // a stale form opens the same article
      assert.equal(r.status, 303);
      assert.equal(r.location, ap);
      r = await u.coord.get(ap);
      assert.match(r.text, /badge-draft/);
      assert.match(r.text, /Accepted answer/);
      assert.match(r.text, /Grind coarser and steep less/);
      assert.match(r.text, new RegExp(`<a href="/p/${pid}">original post</a>`));
      assert.match(r.text, /Answer by <a href="\/u\/memb2">memb2<\/a>/);
      assert.match(r.text, /<\/a> <span class="muted">\(source\)<\/span><\/li>/);
      // not announced on the thread while a draft
      assert.doesNotMatch((await u.anon.get(q)).text, /This became an article/);
      await u.coord.post(`${ap}/status`, { status: 'published' });
      page = await u.anon.get(q);
      assert.match(page.text, /This became an article: <a href="[^"]+">Why is my cold brew bitter/);
      // an article linking a thread shows on the thread too
      const l = await create(u.coord, PUB, { title: `Bitterness ${tag}`, body: `Read /c/${PUB}/t/${tid} for the story.` });
      page = await u.anon.get(q);
      assert.match(page.text, new RegExp(`<a href="${l}">Bitterness ${tag}</a>`));
      r = await u.anon.get(l);
      assert.match(r.text, /Sources and related threads/);
      assert.match(r.text, new RegExp(`<a href="/c/${PUB}/t/${tid}">Why is my cold brew bitter`));
      // a thread whose post links the article shows on the article page
      await u.memb2.get(`/c/${PUB}/t/new?kind=discussion`);
      r = await u.memb2.post(`/c/${PUB}/t/new`, { kind: 'discussion', title: `Sharing a good read ${tag}`, body: `Read http://x.test${l} today.` });
      assert.equal(r.status, 303);
      r = await u.anon.get(l);
      assert.match(r.text, new RegExp(`>Sharing a good read ${tag}</a>`));
    });

    test('a private community\'s articles are invisible to outsiders: pages, backlinks, thread notices', async () => {
      const p = await create(u.coord, PRIV, { title: `Secret recipe ${tag}`, body: 'Hidden.' });
      assert.equal((await u.memb.get(p)).status, 200);
      for (const c of [u.anon, u.outsider]) {
        for (const path of [p, `${p}/history`, `/c/${PRIV}/a`, `/c/${PRIV}/a/review`]) {
          const r = await c.get(path);
          assert.equal(r.status, 404, `${path}`);
          assert.doesNotMatch(r.text, /Secret recipe/);
        }
      }
      await u.outsider.get('/');
      assert.equal((await u.outsider.post(`${p}/feedback`, { kind: 'helped', on: '1' })).status, 404);
      // a public thread linked from the private article does not reveal it
      await u.memb.get(`/c/${PUB}/t/new?kind=discussion`);
      let r = await u.memb.post(`/c/${PUB}/t/new`, { kind: 'discussion', title: `Public chat about beans ${tag}`, body: 'Beans.' });
      const q = r.location;
      const tid = Number(/\/t\/(\d+)/.exec(q)[1]);
      const base = await baseOf(u.coord, p);
      r = await save(u.coord, p, { title: `Secret recipe ${tag}`, body: `See /c/${PUB}/t/${tid}`, base });
      assert.equal(r.status, 303);
      assert.match((await u.memb.get(q)).text, /Secret recipe/);
      assert.doesNotMatch((await u.outsider.get(q)).text, /Secret recipe/);
      assert.doesNotMatch((await u.anon.get(q)).text, /Secret recipe/);
      void sql;
    });
  });
}

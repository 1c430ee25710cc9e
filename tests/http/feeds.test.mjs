// Atom feeds on every backend, each document parsed by Debian's python3-feedparser (bozo must
// be 0): a community's newest threads, a tag, a thread's posts, a member's posts, a
// community's articles and the threads a member watches; entries with ids, titles, links,
// authors and escaped HTML content; conditional GET (ETag / If-Modified-Since -> 304); who may
// read what (public without a token, members-only and private only with a member's feed
// token, never through a session cookie), a replaced or revoked token, a member who leaves;
// hostile titles and bodies; the head links and visible links on the pages; the settings page
// and the API that make and revoke the token.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';
const ATOM = 'application/atom+xml; charset=utf-8';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Parse an Atom document with feedparser; returns {bozo, error, feed: {title, id, links,
// updated}, entries: [{id, title, link, links, author, author_href, updated, published,
// content, tags}]}.
function parseFeed(text) {
  const py = `
import feedparser, sys, json
d = feedparser.parse(sys.stdin.buffer.read())
f = d.feed
out = {'bozo': d.bozo, 'error': str(d.get('bozo_exception', '')), 'version': d.version,
       'feed': {'title': f.get('title'), 'id': f.get('id'), 'updated': f.get('updated'),
                'links': [{'rel': l.get('rel'), 'href': l.get('href'), 'type': l.get('type')} for l in f.get('links', [])]},
       'entries': []}
for e in d.entries:
    out['entries'].append({'id': e.get('id'), 'title': e.get('title'), 'link': e.get('link'),
        'author': e.get('author'), 'author_href': (e.get('author_detail') or {}).get('href'),
        'updated': e.get('updated'), 'published': e.get('published'),
        'content': [c.get('value') for c in e.get('content', [])],
        'content_type': [c.get('type') for c in e.get('content', [])],
        'tags': [t.get('term') for t in e.get('tags', [])]})
print(json.dumps(out))
`;
  const r = spawnSync(process.env.PRAXIS_PYTHON || '/usr/bin/python3', ['-c', py], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, `feedparser failed: ${r.stderr}\n${text.slice(0, 2000)}`);
  const d = JSON.parse(r.stdout);
  assert.ok(!d.bozo, `feedparser: ${d.error}\n${text.slice(0, 3000)}`);
  assert.equal(d.version, 'atom10');
  return d;
}

// GET a feed, check it is Atom, parse it.
async function feed(c, path, opts) {
  const r = await c.get(path, opts);
  assert.equal(r.status, 200, `${path}: ${r.status} ${r.text.slice(0, 300)}`);
  assert.equal(r.headers.get('content-type'), ATOM);
  return { r, d: parseFeed(r.text) };
}

// The <link rel="alternate" type="application/atom+xml"> of an HTML page's head.
function headFeeds(html) {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<link rel="alternate" type="application\/atom\+xml" title="([^"]*)" href="([^"]*)">/g)]
    .map((m) => ({ title: m[1], href: m[2] }));
}

for (const backend of backends()) {
  describe(`Atom feeds (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6);
    const PUB = `fp-${tag}`;
    const MEM = `fm-${tag}`;
    const PRIV = `fx-${tag}`;
    const th = {};

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}`);
      await c.get('/');
      return c;
    }
    async function thread(c, slug, title, extra = {}) {
      const r = await c.postJSON(`/api/v1/communities/${slug}/threads`, {
        kind: 'discussion', title, body: `Body of **${title}**`, tags: ['alpha'], ...extra,
      });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function reply(c, tid, body) {
      const r = await c.postJSON(`/api/v1/threads/${tid}/posts`, { body });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function newToken(c) {
      const r = await c.postJSON('/api/v1/me/feeds', {});
      assert.equal(r.status, 201, r.text);
      assert.match(r.json.token, /^[0-9a-f]{32}$/);
      assert.equal(r.json.watched, `/feeds/${r.json.token}/watched.atom`);
      return r.json.token;
    }

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of ['coord', 'memb', 'leaver', 'outsider']) await srv.addUser(n, { password: PW });
      u.anon = srv.client();
      u.admin = await login('admin1');
      for (const n of ['coord', 'memb', 'leaver', 'outsider']) u[n] = await login(n);
      await u.admin.get('/admin');
      assert.equal((await u.admin.post('/admin', { community_creation: 'members' })).status, 303);
      for (const [slug, visibility] of [[PUB, 'public'], [MEM, 'members'], [PRIV, 'private']]) {
        const r = await u.coord.postJSON('/api/v1/communities', {
          name: `Feeds ${slug}`, slug, visibility, tags: 'alpha, beta',
        });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${PRIV}/invites`, { days: 7, max_uses: 0 });
      for (const n of ['memb', 'leaver']) {
        for (const slug of [PUB, MEM])
          assert.equal((await u[n].postJSON(`/api/v1/communities/${slug}/join`, {})).status, 200);
        assert.equal((await u[n].postJSON(`/api/v1/communities/${PRIV}/join`, { invite: inv.json.token })).status, 200);
      }
      th.pub1 = await thread(u.memb, PUB, `First public thread ${tag}`);
      th.pub2 = await thread(u.coord, PUB, `Second public thread ${tag}`, { tags: ['beta'] });
      th.mem = await thread(u.memb, MEM, `Members-only thread ${tag}`);
      th.priv = await thread(u.leaver, PRIV, `Private thread ${tag}`);
      th.r1 = await reply(u.coord, th.pub1.id, 'A first reply with a [link](/c/x) & an ampersand.');
      th.r2 = await reply(u.leaver, th.pub1.id, 'A second reply.');
      await reply(u.memb, th.priv.id, `Private reply ${tag}`);
    });

    after(async () => { await srv?.stop(); });

    test('a public community\'s newest threads: entries, links, authors, content', async () => {
      const { r, d } = await feed(u.anon, `/c/${PUB}/latest.atom`);
      assert.match(d.feed.title, new RegExp(`Latest threads in Feeds ${PUB}`));
      assert.match(d.feed.id, /^tag:[0-9a-f]{12}\.praxis,2026:community-\d+\/latest$/);
      const self = d.feed.links.find((l) => l.rel === 'self');
      assert.equal(self.href, `${srv.url}/c/${PUB}/latest.atom`);
      const alt = d.feed.links.find((l) => l.rel === 'alternate');
      assert.equal(alt.href, `${srv.url}/c/${PUB}/latest`);
      assert.deepEqual(d.entries.map((e) => e.title), [`Second public thread ${tag}`, `First public thread ${tag}`]);
      const [second, first] = d.entries;
      assert.equal(first.link, `${srv.url}/c/${PUB}/t/${th.pub1.id}`);
      assert.match(first.id, new RegExp(`:thread-${th.pub1.id}$`));
      assert.equal(first.author, 'memb');
      assert.equal(first.author_href, `${srv.url}/u/memb`);
      assert.equal(second.author, 'coord');
      assert.deepEqual(second.tags, ['beta']);
      assert.equal(first.content_type[0], 'text/html');
      assert.match(first.content[0], new RegExp(`<strong>First public thread ${tag}</strong>`));
      assert.ok(first.updated && first.published);
      // the raw document: content is escaped HTML, never raw markup
      assert.match(r.text, /<content type="html">&lt;p&gt;Body of &lt;strong&gt;/);
      assert.equal(r.headers.get('cache-control'), 'public, max-age=300');
      assert.ok(r.headers.get('etag'));
      assert.ok(r.headers.get('last-modified'));
      // HEAD answers too
      const h = await u.anon.request('HEAD', `/c/${PUB}/latest.atom`);
      assert.equal(h.status, 200);
      assert.equal(h.headers.get('content-type'), ATOM);
    });

    test('a tag\'s threads; unknown communities and malformed tags are 404', async () => {
      let { d } = await feed(u.anon, `/c/${PUB}/tags/beta/latest.atom`);
      assert.deepEqual(d.entries.map((e) => e.title), [`Second public thread ${tag}`]);
      assert.match(d.feed.title, /Threads tagged beta/);
      ({ d } = await feed(u.anon, `/c/${PUB}/tags/gamma/latest.atom`));
      assert.equal(d.entries.length, 0);
      assert.equal((await u.anon.get(`/c/${PUB}/tags/Not%20A%20Tag/latest.atom`)).status, 404);
      assert.equal((await u.anon.get(`/c/nope-${tag}/latest.atom`)).status, 404);
      assert.equal((await u.anon.get(`/c/${PUB}/t/999999/posts.atom`)).status, 404);
      assert.equal((await u.anon.get(`/c/${PUB}/t/abc/posts.atom`)).status, 404);
      assert.equal((await u.anon.get(`/u/nobody-${tag}/posts.atom`)).status, 404);
    });

    test('a thread\'s posts, newest first; hidden and deleted posts are left out', async () => {
      const extra = await reply(u.memb, th.pub1.id, 'This one gets hidden.');
      const gone = await reply(u.memb, th.pub1.id, 'This one gets deleted.');
      assert.equal((await u.coord.postJSON(`/api/v1/posts/${extra.id}/hide`, { reason: 'spam' })).status, 200);
      assert.equal((await u.memb.del(`/api/v1/posts/${gone.id}`)).status, 200);
      const { d } = await feed(u.anon, `/c/${PUB}/t/${th.pub1.id}/posts.atom`);
      assert.deepEqual(d.entries.map((e) => e.title),
        [`Re: First public thread ${tag}`, `Re: First public thread ${tag}`, `First public thread ${tag}`]);
      assert.deepEqual(d.entries.map((e) => e.author), ['leaver', 'coord', 'memb']);
      assert.equal(d.entries[1].link, `${srv.url}/p/${th.r1.id}`);
      assert.match(d.entries[1].id, new RegExp(`:post-${th.r1.id}$`));
      // relative links in content resolve against the instance (xml:base)
      assert.match(d.entries[1].content[0], new RegExp(`href="${srv.url}/c/x"`));
      assert.match(d.entries[1].content[0], /&amp; an ampersand/);
      assert.ok(!JSON.stringify(d).includes('gets hidden') && !JSON.stringify(d).includes('gets deleted'));
      assert.equal(d.feed.links.find((l) => l.rel === 'alternate').href, `${srv.url}/c/${PUB}/t/${th.pub1.id}`);
      // a deleted thread has no feed (not even for staff with a token)
      const doomed = await thread(u.coord, PUB, `Doomed thread ${tag}`);
      const opId = (await u.coord.get(`/api/v1/threads/${doomed.id}`)).json.posts[0].id;
      assert.equal((await u.coord.del(`/api/v1/posts/${opId}`)).status, 200);
      const ctok = await newToken(u.coord);
      assert.equal((await u.anon.get(`/c/${PUB}/t/${doomed.id}/posts.atom?token=${ctok}`)).status, 404);
      assert.equal((await u.admin.get(`/c/${PUB}/t/${doomed.id}/posts.atom`)).status, 404);
    });

    test('a member\'s posts: what the reader may read, with a token more', async () => {
      let { d } = await feed(u.anon, '/u/leaver/posts.atom');
      assert.deepEqual(d.entries.map((e) => e.title), [`Re: First public thread ${tag}`]);
      assert.match(d.feed.title, /Posts by leaver/);
      // a session cookie changes nothing: a feed acts as nobody without a token
      ({ d } = await feed(u.memb, '/u/leaver/posts.atom'));
      assert.equal(d.entries.length, 1);
      const tok = await newToken(u.memb);
      ({ d } = await feed(u.anon, `/u/leaver/posts.atom?token=${tok}`));
      assert.deepEqual(d.entries.map((e) => e.title).sort(),
        [`Private thread ${tag}`, `Re: First public thread ${tag}`].sort());
      assert.equal(d.feed.links.find((l) => l.rel === 'self').href, `${srv.url}/u/leaver/posts.atom?token=${tok}`);
      const otok = await newToken(u.outsider);
      ({ d } = await feed(u.anon, `/u/leaver/posts.atom?token=${otok}`));
      assert.equal(d.entries.length, 1);
    });

    test('articles: published and best practice only', async () => {
      const A = `/api/v1/communities/${PUB}/articles`;
      let r = await u.coord.postJSON(A, { title: `Published piece ${tag}`, body_md: 'Some *text* <script>x</script>', tags: ['alpha'], publish: true });
      assert.equal(r.status, 201, r.text);
      const slug = r.json.slug;
      r = await u.coord.postJSON(A, { title: `Draft piece ${tag}`, body_md: 'Not yet.' });
      assert.equal(r.status, 201, r.text);
      const { r: raw, d } = await feed(u.anon, `/c/${PUB}/articles.atom`);
      assert.deepEqual(d.entries.map((e) => e.title), [`Published piece ${tag}`]);
      assert.equal(d.entries[0].link, `${srv.url}/c/${PUB}/a/${slug}`);
      assert.equal(d.entries[0].author, 'coord');
      assert.deepEqual(d.entries[0].tags, ['alpha']);
      assert.match(d.entries[0].content[0], /<em>text<\/em>/);
      assert.ok(!/<script/i.test(raw.text));
      assert.equal((await u.anon.get(`/c/${PRIV}/articles.atom`)).status, 404);
    });

    test('conditional GET: ETag and If-Modified-Since answer 304 until something changes', async () => {
      const path = `/c/${PUB}/latest.atom`;
      const first = await u.anon.get(path);
      const etag = first.headers.get('etag');
      const lm = first.headers.get('last-modified');
      assert.match(etag, /^"[0-9a-f]{32}"$/);
      assert.match(lm, /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/);
      let r = await u.anon.get(path, { headers: { 'If-None-Match': etag } });
      assert.equal(r.status, 304);
      assert.equal(r.text, '');
      assert.equal(r.headers.get('etag'), etag);
      r = await u.anon.get(path, { headers: { 'If-None-Match': `"nope", W/${etag}` } });
      assert.equal(r.status, 304);
      r = await u.anon.get(path, { headers: { 'If-Modified-Since': lm } });
      assert.equal(r.status, 304);
      r = await u.anon.get(path, { headers: { 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' } });
      assert.equal(r.status, 200);
      r = await u.anon.get(path, { headers: { 'If-Modified-Since': 'yesterday' } });
      assert.equal(r.status, 200);
      // If-None-Match wins over If-Modified-Since
      r = await u.anon.get(path, { headers: { 'If-None-Match': '"other"', 'If-Modified-Since': lm } });
      assert.equal(r.status, 200);
      await sleep(1100); // the new thread must be newer than Last-Modified by a second
      await thread(u.memb, PUB, `Third public thread ${tag}`);
      r = await u.anon.get(path, { headers: { 'If-None-Match': etag, 'If-Modified-Since': lm } });
      assert.equal(r.status, 200);
      assert.notEqual(r.headers.get('etag'), etag);
      assert.equal(parseFeed(r.text).entries[0].title, `Third public thread ${tag}`);
      r = await u.anon.get(path, { headers: { 'If-Modified-Since': lm } });
      assert.equal(r.status, 200);
    });

    test('members-only and private communities need a member\'s token; sessions never open them', async () => {
      for (const slug of [MEM, PRIV]) {
        for (const p of [`/c/${slug}/latest.atom`, `/c/${slug}/articles.atom`, `/c/${slug}/tags/alpha/latest.atom`])
          assert.equal((await u.anon.get(p)).status, 404, p);
        // signed in as a member, but a feed request ignores the session
        assert.equal((await u.memb.get(`/c/${slug}/latest.atom`)).status, 404);
      }
      assert.equal((await u.memb.get(`/c/${PRIV}/t/${th.priv.id}/posts.atom`)).status, 404);
      const mtok = await newToken(u.memb);
      const otok = await newToken(u.outsider);
      // members-only: any member of the instance
      let { d } = await feed(u.anon, `/c/${MEM}/latest.atom?token=${otok}`);
      assert.deepEqual(d.entries.map((e) => e.title), [`Members-only thread ${tag}`]);
      // private: members only
      assert.equal((await u.anon.get(`/c/${PRIV}/latest.atom?token=${otok}`)).status, 404);
      assert.equal((await u.anon.get(`/c/${PRIV}/t/${th.priv.id}/posts.atom?token=${otok}`)).status, 404);
      ({ d } = await feed(u.anon, `/c/${PRIV}/latest.atom?token=${mtok}`));
      assert.deepEqual(d.entries.map((e) => e.title), [`Private thread ${tag}`]);
      assert.equal(d.feed.links.find((l) => l.rel === 'self').href, `${srv.url}/c/${PRIV}/latest.atom?token=${mtok}`);
      const r = await u.anon.get(`/c/${PRIV}/t/${th.priv.id}/posts.atom?token=${mtok}`);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('cache-control'), 'private, max-age=300');
      // malformed and unknown tokens
      for (const t of ['', 'abc', '0'.repeat(32), 'G'.repeat(32), mtok.toUpperCase()])
        assert.equal((await u.anon.get(`/c/${PUB}/latest.atom?token=${t}`)).status, 404, t);
      // the token never shows in the access log
      assert.ok(!srv.logs().includes(mtok));
    });

    test('the watched feed: new posts by others in the threads a member watches', async () => {
      const tok = await newToken(u.leaver);
      // leaver started th.priv (auto-watch) and replied in th.pub1
      await reply(u.coord, th.pub1.id, `Coordinator again ${tag}`);
      const { r, d } = await feed(u.anon, `/feeds/${tok}/watched.atom`);
      const titles = d.entries.map((e) => e.title);
      assert.ok(titles.includes(`Re: Private thread ${tag}`), titles.join('|'));
      assert.ok(titles.includes(`Re: First public thread ${tag}`));
      assert.ok(!d.entries.some((e) => e.author === 'leaver'), 'own posts are left out');
      assert.ok(d.entries.some((e) => e.content[0]?.includes(`Coordinator again ${tag}`)));
      assert.equal(d.feed.links.find((l) => l.rel === 'self').href, `${srv.url}/feeds/${tok}/watched.atom`);
      assert.equal(r.headers.get('cache-control'), 'private, max-age=300');
      assert.equal((await u.anon.get(`/feeds/${'0'.repeat(32)}/watched.atom`)).status, 404);
      assert.ok(!srv.logs().includes(tok));
    });

    test('a member who leaves a private community: their token stops opening it at once', async () => {
      const tok = await newToken(u.leaver);
      assert.equal((await u.anon.get(`/c/${PRIV}/latest.atom?token=${tok}`)).status, 200);
      let { d } = await feed(u.anon, `/feeds/${tok}/watched.atom`);
      assert.ok(d.entries.some((e) => e.title === `Re: Private thread ${tag}`));
      assert.equal((await u.leaver.postJSON(`/api/v1/communities/${PRIV}/leave`, {})).status, 200);
      assert.equal((await u.anon.get(`/c/${PRIV}/latest.atom?token=${tok}`)).status, 404);
      assert.equal((await u.anon.get(`/c/${PRIV}/t/${th.priv.id}/posts.atom?token=${tok}`)).status, 404);
      ({ d } = await feed(u.anon, `/feeds/${tok}/watched.atom`));
      assert.ok(!JSON.stringify(d).includes('Private'), 'the watched feed drops the private thread');
      ({ d } = await feed(u.anon, `/u/leaver/posts.atom?token=${tok}`));
      assert.ok(!d.entries.some((e) => e.title.includes('Private')));
      // the rest still works
      assert.equal((await u.anon.get(`/c/${MEM}/latest.atom?token=${tok}`)).status, 200);
    });

    test('replacing or revoking the token stops the old links at once; suspension too', async () => {
      const t1 = await newToken(u.memb);
      assert.equal((await u.anon.get(`/feeds/${t1}/watched.atom`)).status, 200);
      const t2 = await newToken(u.memb);
      assert.equal((await u.anon.get(`/feeds/${t1}/watched.atom`)).status, 404);
      assert.equal((await u.anon.get(`/c/${PRIV}/latest.atom?token=${t1}`)).status, 404);
      assert.equal((await u.anon.get(`/feeds/${t2}/watched.atom`)).status, 200);
      // the calendar links share the secret
      assert.equal((await u.anon.get(`/calendar/${t2}/all.ics`)).status, 200);
      let r = await u.memb.del('/api/v1/me/feeds');
      assert.equal(r.status, 204);
      for (const p of [`/feeds/${t2}/watched.atom`, `/c/${PRIV}/latest.atom?token=${t2}`, `/calendar/${t2}/all.ics`])
        assert.equal((await u.anon.get(p)).status, 404, p);
      // the settings page: make, then revoke
      r = await u.memb.get('/settings/feeds');
      assert.equal(r.status, 200);
      assert.match(r.text, /You have no feed links yet/);
      assert.match(r.text, /aria-current="page">Feeds</);
      r = await u.memb.post('/settings/feeds/reset', {});
      assert.equal(r.status, 200);
      const m = r.text.match(/id="feed-watched">http:\/\/[^/]+\/feeds\/([0-9a-f]{32})\/watched\.atom</);
      assert.ok(m, r.text);
      assert.match(r.text, new RegExp(`\\?token=${m[1]}`));
      assert.equal((await u.anon.get(`/feeds/${m[1]}/watched.atom`)).status, 200);
      r = await u.memb.get('/settings/feeds');
      assert.match(r.text, /You have feed links/);
      assert.ok(!r.text.includes(m[1]), 'shown once only');
      r = await u.memb.post('/settings/feeds/revoke', {});
      assert.equal(r.status, 303);
      assert.equal(r.location, '/settings/feeds?revoked=1');
      assert.equal((await u.anon.get(`/feeds/${m[1]}/watched.atom`)).status, 404);
      // CSRF and sign-in are required
      assert.equal((await u.memb.post('/settings/feeds/reset', {}, { csrf: false })).status, 403);
      assert.ok([303, 401, 403].includes((await u.anon.post('/settings/feeds/revoke', {})).status));
      assert.equal((await u.anon.get('/settings/feeds')).status, 303);
      // a suspended member's token opens nothing
      const t3 = await newToken(u.outsider);
      assert.equal((await u.anon.get(`/feeds/${t3}/watched.atom`)).status, 200);
      const links = [`/feeds/${t3}/watched.atom`, `/c/${MEM}/latest.atom?token=${t3}`,
        `/calendar/${t3}/all.ics`, `/calendar/${t3}/going.ics`, `/c/${MEM}/events.ics?token=${t3}`];
      for (const p of links) assert.equal((await u.anon.get(p)).status, 200, `before: ${p}`);
      sql(srv, "UPDATE users SET status = 'suspended' WHERE name = 'outsider'");
      for (const p of links) {
        const r = await u.anon.get(p);
        assert.equal(r.status, 404, `suspended by an administrator: ${p}`);
        assert.ok(!r.text.includes('BEGIN:VCALENDAR') && !r.text.includes('<feed'), p);
      }
      sql(srv, "UPDATE users SET status = 'active' WHERE name = 'outsider'");
      for (const p of links) assert.equal((await u.anon.get(p)).status, 200, `active again: ${p}`);
      // a moderator's timed suspension closes them too, until it ends
      const now = Math.floor(Date.now() / 1000);
      sql(srv, `UPDATE users SET suspended_until = ${now + 86400} WHERE name = 'outsider'`);
      for (const p of links) assert.equal((await u.anon.get(p)).status, 404, `suspended by a moderator: ${p}`);
      sql(srv, `UPDATE users SET suspended_until = ${now - 1} WHERE name = 'outsider'`);
      for (const p of links) assert.equal((await u.anon.get(p)).status, 200, `suspension over: ${p}`);
    });

    test('hostile titles and bodies are escaped; control characters never reach the XML', async () => {
      const title = `<script>alert(1)</script> ]]> & "q" 'a' ${tag}`;
      const body = 'Body <script>alert(2)</script> ]]> &amp; & <![CDATA[ x ]]> <b>bold</b>';
      const t = await thread(u.memb, PUB, title, { body });
      // control characters can only come from outside (imports, old data): put them in
      sql(srv, `UPDATE threads SET title = 'Ctl ' || char(1) || char(11) || char(127) || ' ${tag}' WHERE id = ${t.id}`.replace(
        / \|\| char\((\d+)\)/g, backend === 'pg' ? ' || chr($1)' : ' || char($1)'));
      sql(srv, `UPDATE posts SET body_html = '<p>x' || ${backend === 'pg' ? 'chr(2)' : 'char(2)'} || 'y</p>' WHERE thread_id = ${t.id} AND position = 1`);
      await reply(u.coord, t.id, body);
      for (const path of [`/c/${PUB}/latest.atom`, `/c/${PUB}/t/${t.id}/posts.atom`, '/u/memb/posts.atom']) {
        const { r, d } = await feed(u.anon, path);
        assert.ok(!/<script/i.test(r.text), path);
        assert.ok(!r.text.includes(']]>'), path);
        assert.ok(!/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(r.text), path);
        assert.ok(d.entries.some((e) => e.title.includes(`Ctl  ${tag}`)), `${path}: ${d.entries.map((e) => e.title).join('|')}`);
        if (path.includes('/t/')) {
          const rep = d.entries[0];
          assert.match(rep.content[0], /&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
          assert.match(rep.content[0], /\]\]&gt;/);
          assert.match(rep.content[0], /<p>xy<\/p>|&lt;b&gt;bold/);
        }
      }
      // and the hostile title as written (before the SQL change) is escaped in the thread feed
      const t2 = await thread(u.memb, PUB, title, { body });
      const { r, d } = await feed(u.anon, `/c/${PUB}/t/${t2.id}/posts.atom`);
      assert.equal(d.entries[0].title, title);
      assert.match(r.text, /<title type="text">&lt;script&gt;alert\(1\)&lt;\/script&gt; \]\]&gt; &amp; &quot;q&quot; &#39;a&#39;/);
    });

    test('pages announce their feeds in the head and show a visible link', async () => {
      const cases = [
        [`/c/${PUB}`, [`/c/${PUB}/latest.atom`, `/c/${PUB}/articles.atom`]],
        [`/c/${PUB}/latest`, [`/c/${PUB}/latest.atom`]],
        [`/c/${PUB}/top`, [`/c/${PUB}/latest.atom`]],
        [`/c/${PUB}/tags/beta`, [`/c/${PUB}/tags/beta/latest.atom`]],
        [`/c/${PUB}/t/${th.pub1.id}`, [`/c/${PUB}/t/${th.pub1.id}/posts.atom`]],
        [`/c/${PUB}/a`, [`/c/${PUB}/articles.atom`]],
        ['/u/memb', ['/u/memb/posts.atom']],
      ];
      for (const who of [u.anon, u.memb]) {
        for (const [page, feeds] of cases) {
          const r = await who.get(page);
          assert.equal(r.status, 200, page);
          assert.deepEqual(headFeeds(r.text).map((f) => f.href), feeds, page);
          assert.match(r.text, new RegExp(`<p class="feed-link"><a href="${feeds[0].replace(/[.]/g, '\\.')}" type="application/atom\\+xml"`), page);
          // the announced feed works
          for (const f of feeds) await feed(u.anon, f);
        }
      }
      const h = headFeeds((await u.anon.get(`/c/${PUB}`)).text);
      assert.equal(h[0].title, `Latest threads in Feeds ${PUB}`);
      // private and members-only pages announce nothing in the head (the feed needs a token),
      // and the visible link says where the token is
      for (const page of [`/c/${PRIV}`, `/c/${PRIV}/latest`, `/c/${MEM}/t/${th.mem.id}`, `/c/${MEM}/a`]) {
        const r = await u.memb.get(page);
        assert.equal(r.status, 200, page);
        assert.deepEqual(headFeeds(r.text), [], page);
        assert.match(r.text, /class="feed-link">.*href="\/settings\/feeds"/, page);
      }
    });
  });
}

// Export, import and backup (docs/export-format.md, docs/deploy.md), through the real binary:
// an instance with rich content (demo + HTTP writes: a private community, a question with
// answers, votes, an accepted answer, likes, mentions, an edit with revisions, a hidden post,
// a locked thread, drafts, API and calendar tokens, a weekly event with RSVPs, a waitlist and
// a changed date, articles with revisions, a rename, links, feedback, a trusted member, an
// owner's notification and an outdated article replaced by a newer one, hidden expertise,
// zero-result searches) is exported, imported into an empty instance and exported again: the two
// files are identical apart from the header's time, on each backend and from SQLite to
// PostgreSQL, and the two servers serve the same pages (people sign in with their old
// passwords) and the same search answers (the triggers rebuilt the index during the import).
// A community export carries its articles and no secrets. The reader refuses broken files, naming
// the line, and imports nothing. `praxis backup` copies a SQLite instance taking writes; the
// pg_dump -Fc / pg_restore path of docs/deploy.md is exercised on PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backends, startServer, randomName, sql, getFreePort, repoRoot } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-export-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

async function login(srv, name) {
  const c = srv.client();
  const r = await c.signin(name, PW);
  assert.equal(r.status, 303, `sign in ${name}: ${r.status} ${r.text.slice(0, 200)}`);
  await c.get('/');
  return c;
}

// Rich content through the binary and the HTTP API. Returns {slugs, thread ids, post ids}.
async function buildRich(srv) {
  const d = await srv.cli(['demo', '--password-file', path.join(tmp, `pw-${randomName()}`)]);
  assert.equal(d.code, 0, d.stderr);
  await srv.addUser('admin1', { password: PW, admin: true });
  for (const n of ['coord', 'memb', 'memb2']) await srv.addUser(n, { password: PW });
  // Past trust level 0, whose hourly posting limits these tests would hit (trust.test.mjs).
  sql(srv, 'UPDATE users SET trust_level = 1, trust_locked = 1');
  const u = {};
  for (const n of ['admin1', 'coord', 'memb', 'memb2']) u[n] = await login(srv, n);
  await u.admin1.get('/admin');
  await u.admin1.post('/admin', { community_creation: 'members' });
  const S = { pub: 'xp-pub', priv: 'xp-priv' };
  let r = await u.coord.postJSON('/api/v1/communities', { name: 'Export pub', slug: S.pub, visibility: 'public', tags: 'alpha, beta' });
  assert.equal(r.status, 201, r.text);
  r = await u.coord.postJSON('/api/v1/communities', { name: 'Export secret', slug: S.priv, visibility: 'private', tags: 'gamma' });
  assert.equal(r.status, 201, r.text);
  const inv = await u.coord.postJSON(`/api/v1/communities/${S.priv}/invites`, { days: 7, max_uses: 0 });
  for (const n of ['memb', 'memb2']) {
    assert.equal((await u[n].postJSON(`/api/v1/communities/${S.pub}/join`, {})).status, 200);
    assert.equal((await u[n].postJSON(`/api/v1/communities/${S.priv}/join`, { invite: inv.json.token })).status, 200);
  }
  r = await u.coord.putJSON(`/api/v1/communities/${S.pub}/members/memb2`, { role: 'moderator' });
  assert.equal(r.status, 200, r.text);
  // a question: answers, votes, accepted, like, mention, edit, hidden post, lock
  r = await u.memb.postJSON(`/api/v1/communities/${S.pub}/threads`, {
    kind: 'question', title: 'How do I export? ünïcödé "quotes"', body: 'Body with **bold**, <b>html</b> and a\ttab\nnewline', tags: ['alpha', 'beta'],
  });
  assert.equal(r.status, 201, r.text);
  const q = r.json;
  q.op = (await u.memb.get(`/api/v1/threads/${q.id}`)).json.posts[0].id;
  const a1 = (await u.memb2.postJSON(`/api/v1/threads/${q.id}/posts`, { body: 'Answer one by memb2, hi @memb' })).json;
  const a2 = (await u.coord.postJSON(`/api/v1/threads/${q.id}/posts`, { body: 'Answer two by coord' })).json;
  assert.ok(a1.id && a2.id);
  assert.equal((await u.memb.putJSON(`/api/v1/posts/${a1.id}/vote`, { value: 1 })).status, 200);
  assert.equal((await u.coord.putJSON(`/api/v1/posts/${a1.id}/vote`, { value: 1 })).status, 200);
  assert.equal((await u.memb.putJSON(`/api/v1/posts/${a2.id}/vote`, { value: -1 })).status, 200);
  r = await u.memb.putJSON(`/api/v1/threads/${q.id}/accepted`, { post_id: a1.id });
  assert.equal(r.status, 200, r.text);
  r = await u.memb.patchJSON(`/api/v1/posts/${q.op}`, { body: 'Edited body, second revision', summary: 'clarify' });
  assert.equal(r.status, 200, r.text);
  r = await u.memb2.postJSON(`/api/v1/posts/${a2.id}/hide`, { reason: 'off topic' });
  assert.equal(r.status, 200, r.text);
  // a discussion with likes, locked
  r = await u.memb2.postJSON(`/api/v1/communities/${S.pub}/threads`, { kind: 'discussion', title: 'Chat about exports', body: 'Let us talk', tags: ['beta'] });
  assert.equal(r.status, 201, r.text);
  const disc = r.json;
  const dPost = (await u.memb.postJSON(`/api/v1/threads/${disc.id}/posts`, { body: 'Reply to chat' })).json;
  assert.equal((await u.memb2.putJSON(`/api/v1/posts/${dPost.id}/like`, {})).status, 200);
  assert.equal((await u.coord.postJSON(`/api/v1/threads/${disc.id}/moderation`, { action: 'lock' })).status, 200);
  // private community thread
  r = await u.memb.postJSON(`/api/v1/communities/${S.priv}/threads`, { kind: 'question', title: 'Secret question', body: 'Very secret', tags: ['gamma'] });
  assert.equal(r.status, 201, r.text);
  const secret = r.json;
  // draft, API token, calendar token
  assert.equal((await u.memb.putJSON(`/api/v1/drafts/reply:${disc.id}`, { body: 'half a thought' })).status, 200);
  const tok = await u.memb.postJSON('/api/v1/tokens', { name: 'exported-token' });
  assert.equal(tok.status, 201, tok.text);
  const cal = await u.memb2.postJSON('/api/v1/me/calendar', {});
  assert.equal(cal.status, 201, cal.text);
  // weekly event with capacity: RSVPs, waitlist, a changed and a cancelled date
  const year = new Date().getUTCFullYear() + 1;
  r = await u.coord.postJSON(`/api/v1/communities/${S.pub}/events`, {
    title: 'Weekly meetup', start: `${year}-05-05T18:00`, end: `${year}-05-05T19:30`,
    timezone: 'Europe/Berlin', freq: 'weekly', count: 4, capacity: 1, location: 'Room 1', description: 'Bring *beer*',
  });
  assert.equal(r.status, 201, r.text);
  const ev = r.json;
  const occ = (k) => `/api/v1/events/${ev.id}/occurrences/${ev.occurrences[k].key}`;
  assert.equal((await u.memb.putJSON(`${occ(0)}/rsvp`, { status: 'going' })).json.my_rsvp, 'going');
  assert.equal((await u.memb2.putJSON(`${occ(0)}/rsvp`, { status: 'going' })).json.my_rsvp, 'waitlist');
  assert.equal((await u.memb.putJSON(`${occ(1)}/rsvp`, { status: 'maybe' })).status, 200);
  assert.equal((await u.coord.patchJSON(occ(2), { title: 'Weekly meetup: guest speaker' })).status, 200);
  assert.equal((await u.coord.patchJSON(occ(3), { cancelled: true })).status, 200);
  // knowledge base: an article with revisions, a rename (old slug), a wiki link and a thread
  // link; feedback (helped, outdated with a note) and the owner's notification; a trusted
  // member; an owner and a review date; an older article outdated and replaced by a newer
  // one (a reference to a higher id); a thread turned into a draft; a private article
  const AP = `/api/v1/communities/${S.pub}/articles`;
  r = await u.coord.postJSON(AP, { title: 'Old export guide', body_md: 'Export the **old** way.', tags: ['alpha'], publish: true });
  assert.equal(r.status, 201, r.text);
  const oldArt = r.json;
  r = await u.coord.postJSON(AP, {
    title: 'Kombucha export guide', publish: true, tags: ['beta'],
    body_md: `Read [[Old export guide]] and [the question](/c/${S.pub}/t/${q.id}).\n`,
  });
  assert.equal(r.status, 201, r.text);
  let art = r.json;
  assert.ok(art.id > oldArt.id);
  r = await u.coord.patchJSON(`${AP}/${art.slug}`, { title: 'Zymurgy export guide', base_rev: 1, summary: 'rename' });
  assert.equal(r.status, 200, r.text);
  const oldSlug = art.slug;
  art = r.json;
  assert.notEqual(art.slug, oldSlug);
  r = await u.coord.patchJSON(`${AP}/${art.slug}`, { body_md: `${'Read [[Old export guide]] and '}[the question](/c/${S.pub}/t/${q.id}). Kombucha scoby.\n`, base_rev: 2, summary: 'scoby' });
  assert.equal(r.status, 200, r.text);
  r = await u.coord.patchJSON(`/api/v1/communities/${S.pub}/article-settings`, { trust: 'memb2' });
  assert.equal(r.status, 200, r.text);
  r = await u.coord.patchJSON(`${AP}/${art.slug}`, { status: 'best_practice', owner: 'memb', review_by: '2031-06-01' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await u.memb.postJSON(`${AP}/${art.slug}/feedback`, { kind: 'helped', on: true })).status, 200);
  assert.equal((await u.memb2.postJSON(`${AP}/${art.slug}/feedback`, { kind: 'outdated', note: 'Scoby advice is dated', on: true })).status, 200);
  assert.ok((await u.memb.get('/api/v1/notifications')).json.notifications.some((x) => x.kind === 'article_flagged' && !x.read),
    'the owner was notified');
  r = await u.coord.patchJSON(`${AP}/${oldArt.slug}`, { status: 'outdated', replaced_by: art.slug });
  assert.equal(r.status, 200, r.text);
  r = await u.coord.postJSON(`/api/v1/threads/${disc.id}/article`, {});
  assert.equal(r.status, 201, r.text);
  r = await u.coord.postJSON(`/api/v1/communities/${S.priv}/articles`, { title: 'Secret recipe', body_md: 'Very secret article.', publish: true });
  assert.equal(r.status, 201, r.text);
  const privArt = r.json;
  // expertise hidden; zero-result searches (instance-wide and in a community)
  r = await u.memb2.patchJSON('/api/v1/me', { expertise_hidden: true });
  assert.equal(r.status, 200, r.text);
  for (const qs of ['xylophonequux', `in:${S.pub} quuxzyther`]) {
    r = await u.memb.get(`/api/v1/search?q=${encodeURIComponent(qs)}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 0);
  }
  // coaching (docs/moderation.md): a coached question published with notes of every kind,
  // and one still in coaching
  r = await u.coord.patchJSON(`/api/v1/communities/${S.pub}/coaching`, { enabled: true, hours: 0 });
  assert.equal(r.status, 200, r.text);
  for (const n of ['newb', 'newb2']) {
    await srv.addUser(n, { password: PW });
    sql(srv, `UPDATE users SET trust_level = 1, trust_locked = 1 WHERE name = '${n}'`);
    u[n] = await login(srv, n);
    assert.equal((await u[n].postJSON(`/api/v1/communities/${S.pub}/join`, {})).status, 200);
  }
  const coached = (await u.newb.postJSON(`/api/v1/communities/${S.pub}/threads`, { kind: 'question', title: 'A coached question here', body: 'Short.' })).json;
  assert.equal(coached.coaching, true);
  assert.equal((await u.memb2.postJSON(`/api/v1/threads/${coached.id}/coaching/comments`, { body: 'Say **more**.' })).status, 201);
  const sug = (await u.memb2.postJSON(`/api/v1/threads/${coached.id}/coaching/suggestions`, { body: 'Longer, with *detail*.' })).json;
  assert.equal((await u.newb.postJSON(`/api/v1/coaching/suggestions/${sug.id}`, { action: 'accept' })).status, 200);
  assert.equal((await u.memb2.postJSON(`/api/v1/threads/${coached.id}/coaching/ready`, {})).status, 200);
  const waiting = (await u.newb2.postJSON(`/api/v1/communities/${S.pub}/threads`, { kind: 'question', title: 'Still waiting in coaching', body: 'Waiting.' })).json;
  assert.equal(waiting.coaching, true);
  return { S, q, a1, a2, disc, secret, ev, art, oldArt, oldSlug, privArt, coached, waiting, tokens: { api: tok.json.secret, calendar: cal.json } };
}

function lines(file) {
  return fs.readFileSync(file, 'utf8').split('\n');
}

// The two exports equal apart from the header's exported_at.
function assertSameExport(fileA, fileB) {
  const A = lines(fileA);
  const B = lines(fileB);
  const ha = JSON.parse(A[0]);
  const hb = JSON.parse(B[0]);
  delete ha.exported_at;
  delete hb.exported_at;
  assert.deepEqual(hb, ha);
  assert.equal(A.length, B.length, 'same number of lines');
  for (let i = 1; i < A.length; i++) assert.equal(B[i], A[i], `line ${i + 1} differs`);
}

// A page with per-request tokens taken out (CSRF, CSP nonce).
function normalise(text) {
  return text
    .replace(/name="_csrf" value="[^"]*"/g, 'CSRF')
    .replace(/name="csrf-token" content="[^"]*"/g, 'CSRF')
    .replace(/nonce="[^"]*"/g, 'NONCE')
    .replace(/data-live-since="[0-9]*"/g, 'LIVE'); // the live backlog is not exported
}

async function exportTo(srv, name, extra = []) {
  const file = path.join(tmp, `${name}-${randomName()}.jsonl`);
  const r = await srv.cli(['export', '--output', file, ...extra]);
  assert.equal(r.code, 0, r.stderr);
  return file;
}

// Start `praxis serve` on an existing database (lib's startServer always makes a fresh one).
async function serveOn(dbUrl) {
  const port = await getFreePort();
  const bin = path.resolve(repoRoot, process.env.PRAXIS_BIN || 'build/praxis');
  const proc = spawn(bin, ['serve', '--listen', `127.0.0.1:${port}`, '--db', dbUrl], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (b) => { log += b; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.status === 200) break;
    } catch { /* not yet */ }
    await new Promise((res) => setTimeout(res, 100));
  }
  return {
    url,
    get: async (p) => { const r = await fetch(url + p, { redirect: 'manual' }); return { status: r.status, text: await r.text() }; },
    stop: () => new Promise((res) => { proc.on('exit', res); proc.kill('SIGTERM'); }),
    log: () => log,
  };
}

for (const backend of backends()) {
  describe(`export and import (${backend})`, () => {
    let A, B;
    let rich;
    let fileA;

    before(async () => {
      A = await startServer({ backend });
      rich = await buildRich(A);
      fileA = await exportTo(A, 'a');
    });
    after(async () => { await A?.stop(); await B?.stop(); });

    test('the schema check passes: every table is exported or deliberately excluded', async () => {
      const r = await A.cli(['export', '--check-schema']);
      assert.equal(r.code, 0, r.stderr);
      // a table nobody declared makes it fail, naming it
      sql(A, 'CREATE TABLE unlisted_stuff (id INTEGER PRIMARY KEY, x TEXT)');
      const bad = await A.cli(['export', '--check-schema']);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /table unlisted_stuff/);
      sql(A, 'ALTER TABLE posts ADD COLUMN sneaky TEXT');
      const bad2 = await A.cli(['export', '--check-schema']);
      assert.match(bad2.stderr, /column posts\.sneaky/);
      sql(A, 'DROP TABLE unlisted_stuff');
      sql(A, 'ALTER TABLE posts DROP COLUMN sneaky');
      assert.equal((await A.cli(['export', '--check-schema'])).code, 0);
    });

    test('the export has a header, every record type, and an end record', () => {
      assert.equal(fs.statSync(fileA).mode & 0o777, 0o600, 'only the owner may read an instance export');
      const L = lines(fileA).filter(Boolean);
      const h = JSON.parse(L[0]);
      assert.equal(h.format, 'praxis-export');
      assert.equal(h.format_version, 1);
      assert.equal(h.scope, 'instance');
      assert.ok(h.schema_version >= 5);
      assert.match(h.exported_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const recs = L.slice(1).map((l) => JSON.parse(l));
      const types = new Set(recs.map((r) => r.type));
      for (const t of ['user', 'community', 'membership', 'community_tag', 'community_invite', 'thread', 'post', 'revision',
        'thread_tag', 'vote', 'like', 'mention', 'draft', 'audit', 'event', 'event_override', 'rsvp', 'api_token', 'calendar_token',
        'article', 'article_replacement', 'article_revision', 'article_slug', 'article_link', 'article_thread', 'article_feedback',
        'article_review', 'article_trusted', 'notification', 'search_miss', 'end']) {
        assert.ok(types.has(t), `record type ${t} present`);
      }
      const end = recs[recs.length - 1];
      assert.deepEqual(end, { type: 'end', records: recs.length - 1 });
      const memb = recs.find((r) => r.type === 'user' && r.name === 'memb');
      assert.match(memb.password_hash, /^\$argon2id\$/);
      assert.ok(!recs.some((r) => r.type === 'setting' && r.key === 'secret'), 'the instance secret stays home');
      assert.ok(!('member_count' in recs.find((r) => r.type === 'community')), 'derived count not exported');
      const qrec = recs.find((r) => r.type === 'thread' && r.id === rich.q.id);
      assert.equal(qrec.accepted_post_id, rich.a1.id);
      assert.equal(typeof qrec.accepted_at, 'number');
      assert.equal(recs.find((r) => r.type === 'user' && r.name === 'memb2').expertise_hidden, 1);
      // replaced_by is not in article (it points forward): an article_replacement after them
      assert.ok(!('replaced_by' in recs.find((r) => r.type === 'article')));
      const firstRepl = recs.findIndex((r) => r.type === 'article_replacement');
      assert.ok(firstRepl > recs.findLastIndex((r) => r.type === 'article'));
      assert.deepEqual(recs[firstRepl], { type: 'article_replacement', id: rich.oldArt.id, replaced_by: rich.art.id });
      assert.ok(recs.some((r) => r.type === 'article_slug' && r.slug === rich.oldSlug && r.article_id === rich.art.id));
      assert.ok(recs.some((r) => r.type === 'article_feedback' && r.kind === 'outdated' && r.note === 'Scoby advice is dated'));
      assert.deepEqual(recs.filter((r) => r.type === 'article_thread' && r.article_id === rich.art.id).map((r) => [r.thread_id, r.kind]), [[rich.q.id, 'link']]);
      const pubId = recs.find((r) => r.type === 'community' && r.slug === rich.S.pub).id;
      assert.deepEqual(recs.filter((r) => r.type === 'search_miss').map((r) => [r.community_id, r.query, r.count]),
        [[0, 'xylophonequux', 1], [pubId, 'quuxzyther in:xp-pub', 1]]);
      for (const t of ['search_docs', 'expertise_suggestions']) assert.ok(!types.has(t));
    });

    test('import into an empty instance and export again: identical', async () => {
      B = await startServer({ backend });
      const r = await B.cli(['import', 'praxis', fileA]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /records imported/);
      const fileB = await exportTo(B, 'b');
      assertSameExport(fileA, fileB);
      // to standard output: the same records
      const out = await B.cli(['export']);
      assert.equal(out.code, 0, out.stderr);
      const fileOut = path.join(tmp, `stdout-${randomName()}.jsonl`);
      fs.writeFileSync(fileOut, out.stdout);
      assertSameExport(fileA, fileOut);
      const nope = await B.cli(['export', '--community', 'no-such-community']);
      assert.equal(nope.code, 1);
      assert.match(nope.stderr, /no community 'no-such-community'/);
      // the search triggers rebuilt the index as the rows came in: the same answers on both
      for (const qs of ['unïcödé', 'scoby', 'kombucha', 'Zymurgy']) {
        const url = `/api/v1/search?q=${encodeURIComponent(qs)}`;
        const [ra, rb] = [await A.client().get(url), await B.client().get(url)];
        assert.equal(rb.status, 200, rb.text);
        assert.deepEqual(rb.json, ra.json, `search ${qs}`);
      }
      const hit = await B.client().get(`/api/v1/search?q=${encodeURIComponent('unïcödé')}`);
      assert.ok(hit.json.results.some((x) => x.kind === 'thread' && x.url === `/c/${rich.S.pub}/t/${rich.q.id}`), 'imported post found');
      const artB = await B.client().get('/api/v1/search?q=scoby&kind=article');
      assert.ok(artB.json.results.some((x) => x.kind === 'article' && x.url === `/c/${rich.S.pub}/a/${rich.art.slug}`),
        `imported article found: ${artB.text}`);
      // a second import is refused: the instance is no longer empty
      const again = await B.cli(['import', 'praxis', fileA]);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /not empty/);
    });

    test('both servers serve the same pages; people sign in with their old passwords', async () => {
      const pages = ['/', '/communities', `/c/${rich.S.pub}`, `/c/${rich.S.pub}/t/${rich.q.id}`, `/c/${rich.S.pub}/latest`,
        `/p/${rich.q.op}/history`, `/c/${rich.S.pub}/events`, '/u/memb', '/c/homebrewing',
        `/c/${rich.S.pub}/a`, `/c/${rich.S.pub}/a/${rich.art.slug}`, `/c/${rich.S.pub}/a/${rich.oldArt.slug}`,
        `/c/${rich.S.pub}/a/${rich.art.slug}/history`, `/c/${rich.S.pub}/a/${rich.oldSlug}`, '/u/memb2'];
      const ca = await login(A, 'memb');
      const cb = await login(B, 'memb');
      for (const p of pages) {
        const [ra, rb] = [await ca.get(p), await cb.get(p)];
        assert.equal(rb.status, ra.status, p);
        assert.equal(normalise(rb.text), normalise(ra.text), `page ${p}`);
      }
      const priv = `/c/${rich.S.priv}/t/${rich.secret.id}`;
      const anonB = B.client();
      assert.equal((await anonB.get(priv)).status, 404, 'private stays private after import');
      assert.match((await cb.get(priv)).text, /Secret question/);
      // the imported API token still works
      const t = await B.client({ token: rich.tokens.api }).get('/api/v1/me');
      assert.equal(t.status, 200, t.text);
      assert.equal(t.json.name ?? t.json.user?.name, 'memb');
      // new content gets fresh ids after the imported ones (sequences resynchronised)
      const n = await cb.postJSON(`/api/v1/communities/${rich.S.pub}/threads`, { kind: 'discussion', title: 'After the import', body: 'new' });
      assert.equal(n.status, 201, n.text);
      assert.ok(n.json.id > rich.disc.id);
    });

    test('a community export carries no secrets and imports on its own', async () => {
      const file = await exportTo(A, 'c', ['--community', rich.S.priv]);
      const L = lines(file).filter(Boolean);
      const h = JSON.parse(L[0]);
      assert.equal(h.scope, 'community');
      assert.equal(h.community, rich.S.priv);
      const recs = L.slice(1).map((l) => JSON.parse(l));
      for (const r of recs) {
        assert.ok(!('password_hash' in r) && !('is_admin' in r) && !('token_hash' in r), JSON.stringify(r));
        assert.ok(!['setting', 'api_token', 'calendar_token', 'draft', 'community_invite', 'registration_invite'].includes(r.type), r.type);
      }
      assert.ok(!recs.some((r) => r.type === 'notification'), 'notifications stay with the instance');
      assert.deepEqual(recs.filter((r) => r.type === 'article').map((a) => a.id), [rich.privArt.id]);
      const comms = recs.filter((r) => r.type === 'community');
      assert.deepEqual(comms.map((c) => c.slug), [rich.S.priv]);
      assert.ok(!recs.some((r) => r.type === 'thread' && r.id !== rich.secret.id));
      assert.deepEqual(recs.filter((r) => r.type === 'user').map((u) => u.name).sort(), ['coord', 'memb', 'memb2']);
      const C = await startServer({ backend });
      try {
        const r = await C.cli(['import', 'praxis', file]);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(sql(C, 'SELECT COUNT(*) FROM users WHERE password_hash IS NOT NULL'), '0');
        assert.equal(sql(C, 'SELECT member_count FROM communities'), '3');
      } finally { await C.stop(); }
    });

    test('the public community export carries its knowledge base and comes back identical', async () => {
      const file = await exportTo(A, 'cp', ['--community', rich.S.pub]);
      const recs = lines(file).filter(Boolean).slice(1).map((l) => JSON.parse(l));
      const types = new Set(recs.map((r) => r.type));
      for (const t of ['article', 'article_replacement', 'article_revision', 'article_slug', 'article_link', 'article_thread',
        'article_feedback', 'article_review', 'article_trusted', 'search_miss']) assert.ok(types.has(t), `record type ${t} present`);
      assert.ok(!types.has('notification') && !types.has('account_claim'));
      assert.ok(!recs.some((r) => r.type === 'article' && r.id === rich.privArt.id), 'no article of another community');
      assert.ok(!recs.some((r) => r.type === 'search_miss' && r.community_id === 0), 'no instance-wide searches');
      const C = await startServer({ backend });
      try {
        const r = await C.cli(['import', 'praxis', file]);
        assert.equal(r.code, 0, r.stderr);
        assertSameExport(file, await exportTo(C, 'cp2', ['--community', rich.S.pub]));
        assert.equal(sql(C, `SELECT replaced_by FROM articles WHERE id = ${rich.oldArt.id}`), String(rich.art.id));
      } finally { await C.stop(); }
    });
  });
}

if (backends().includes('pg')) {
  describe('export from SQLite, import into PostgreSQL', () => {
    test('identical export after the move; pages match', async () => {
      const A = await startServer({ backend: 'sqlite' });
      const B = await startServer({ backend: 'pg' });
      try {
        const rich = await buildRich(A);
        const fa = await exportTo(A, 'sq');
        const r = await B.cli(['import', 'praxis', fa]);
        assert.equal(r.code, 0, r.stderr);
        assertSameExport(fa, await exportTo(B, 'pg'));
        const ca = await login(A, 'memb');
        const cb = await login(B, 'memb');
        for (const p of ['/', `/c/${rich.S.pub}/t/${rich.q.id}`, `/c/${rich.S.priv}/t/${rich.secret.id}`, `/c/${rich.S.pub}/events`,
          `/c/${rich.S.pub}/a/${rich.art.slug}`, `/c/${rich.S.pub}/a/${rich.oldArt.slug}`]) {
          assert.equal(normalise((await cb.get(p)).text), normalise((await ca.get(p)).text), p);
        }
      } finally { await A.stop(); await B.stop(); }
    });
  });
}

describe('the reader refuses broken files and imports nothing', () => {
  let A, B, good;
  before(async () => {
    A = await startServer();
    await buildRich(A);
    good = lines(await exportTo(A, 'good'));
    B = await startServer();
  });
  after(async () => { await A?.stop(); await B?.stop(); });

  async function refuse(name, text, re) {
    const f = path.join(tmp, `${name}.jsonl`);
    fs.writeFileSync(f, text);
    const r = await B.cli(['import', 'praxis', f]);
    assert.equal(r.code, 1, `${name}: ${r.stderr}`);
    assert.match(r.stderr, re, name);
    assert.match(r.stderr, /nothing was imported/, name);
    assert.equal(sql(B, 'SELECT COUNT(*) FROM users'), '0', `${name}: nothing imported`);
    assert.equal(sql(B, 'SELECT COUNT(*) FROM communities'), '0', `${name}: nothing imported`);
  }
  const at = (i, l) => { const g = [...good]; g[i] = l; return g.join('\n'); };
  const userLine = () => good.findIndex((l) => l.startsWith('{"type":"user"'));
  const postLine = () => good.findIndex((l) => l.startsWith('{"type":"post"'));

  test('truncated inside a line, and cut at a line boundary', async () => {
    const p = postLine();
    await refuse('trunc-mid', good.slice(0, p).join('\n') + '\n' + good[p].slice(0, 40), new RegExp(`:${p + 1}: not valid JSON`));
    await refuse('trunc-line', good.slice(0, p).join('\n') + '\n', /truncated \(no end record/);
    await refuse('wrong-count', [...good.slice(0, p), '{"type":"end","records":3}', ''].join('\n'), /end record counts 3/);
    await refuse('after-end', good.join('\n') + '{"type":"user"}\n', /data after the end record/);
  });

  test('wrong format, version or schema in the header', async () => {
    const h = JSON.parse(good[0]);
    await refuse('not-header', at(0, '{"hello":1}'), /:1: not a praxis export/);
    await refuse('version', at(0, JSON.stringify({ ...h, format_version: 2 })), /:1: format version 2 is not one this praxis reads/);
    await refuse('schema', at(0, JSON.stringify({ ...h, schema_version: 9999 })), /newer praxis \(schema 9999/);
    await refuse('empty', '', /is empty/);
  });

  test('unknown type or member, wrong field types, missing fields', async () => {
    const u = userLine();
    const rec = JSON.parse(good[u]);
    await refuse('unknown-type', at(u, '{"type":"spaceship","id":1}'), new RegExp(`:${u + 1}: unknown record type "spaceship"`));
    await refuse('unknown-member', at(u, JSON.stringify({ ...rec, shoe_size: 44 })), /unknown member "shoe_size" in user/);
    await refuse('int-as-string', at(u, JSON.stringify({ ...rec, id: '1' })), /user\.id must be an integer/);
    await refuse('float', at(u, JSON.stringify({ ...rec, created_at: 1.5 })), /user\.created_at must be an integer/);
    await refuse('text-as-int', at(u, JSON.stringify({ ...rec, name: 7 })), /user\.name must be a string/);
    await refuse('null', at(u, JSON.stringify({ ...rec, name: null })), /user\.name is null/);
    const { display_name: _, ...missing } = rec;
    await refuse('missing', at(u, JSON.stringify(missing)), /user\.display_name is missing/);
    await refuse('array', at(u, '[1,2]'), /must be a JSON object/);
    await refuse('dup-member', at(u, good[u].replace('"id":', '"id":1,"id":')), /duplicate/);
    const c = good.findIndex((l) => l.startsWith('{"type":"community"'));
    await refuse('bool', at(c, JSON.stringify({ ...JSON.parse(good[c]), archived: 0 })), /community\.archived must be true or false/);
  });

  test('duplicate ids and dangling references', async () => {
    const u = userLine();
    const dup = [...good.slice(0, u + 1), good[u], ...good.slice(u + 1)];
    dup[dup.length - 2] = JSON.stringify({ type: 'end', records: dup.length - 3 });
    await refuse('dup-id', dup.join('\n'), new RegExp(`:${u + 2}: duplicate user`));
    const p = postLine();
    await refuse('dangling', at(p, JSON.stringify({ ...JSON.parse(good[p]), thread_id: 999999 })), new RegExp(`:${p + 1}: cannot insert post`));
  });

  test('a huge line is refused before it is read whole', async () => {
    const u = userLine();
    const huge = JSON.stringify({ ...JSON.parse(good[u]), bio_md: 'x'.repeat(17 << 20) });
    await refuse('huge', at(u, huge), new RegExp(`:${u + 1}: line longer than`));
  });

  test('the good file imports from standard input (the same server, still empty)', async () => {
    const r = await B.cli(['import', 'praxis', '-'], { input: good.join('\n') });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /records imported from -/);
    assert.equal((await B.cli(['import', 'praxis'])).code, 2);
    assert.equal((await B.cli(['import', 'nosuchformat', 'x'])).code, 2);
  });
});

describe('praxis backup (SQLite, while the server takes writes)', () => {
  test('the copy is consistent and a server on it serves the content', async () => {
    const A = await startServer();
    let B;
    try {
      const rich = await buildRich(A);
      const c = await login(A, 'memb');
      const t = await c.postJSON(`/api/v1/communities/${rich.S.pub}/threads`, { kind: 'discussion', title: 'Busy thread for the backup', body: 'go' });
      assert.equal(t.status, 201, t.text);
      let stop = false;
      let n = 0;
      let last = null;
      const writer = (async () => {
        while (!stop) {
          try {
            const r = await c.postJSON(`/api/v1/threads/${t.json.id}/posts`, { body: `reply ${n} ${'text '.repeat(200)}` });
            if (r.status === 201) n++;
            else { last = r; stop = true; }
          } catch (err) {
            last = { text: `${err} ${err.cause ?? ''}\n${A.logs().slice(-3000)}` };
            stop = true;
          }
        }
      })();
      while (n < 5 && !stop) await new Promise((res) => setTimeout(res, 20));
      assert.equal(last, null, last?.text);
      const dest = path.join(tmp, 'backup.db');
      const before = n;
      const t0 = Date.now();
      const r = await A.cli(['backup', dest, '--pages', '4', '--pause', '10']);
      const during = n;
      console.log(`backup: ${Date.now() - t0} ms, ${during - before} replies written meanwhile; ${r.stderr.trim()}`);
      stop = true;
      await writer;
      assert.equal(last, null, last?.text);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!fs.existsSync(`${dest}.tmp`));
      assert.ok(during - before >= 3, `the server kept writing during the backup (${during - before} replies)`);
      const chk = spawnSync('sqlite3', [dest, 'PRAGMA integrity_check'], { encoding: 'utf8' });
      assert.equal(chk.stdout.trim(), 'ok');
      const replies = Number(spawnSync('sqlite3', [dest, `SELECT COUNT(*) FROM posts WHERE thread_id = ${t.json.id}`], { encoding: 'utf8' }).stdout);
      assert.ok(replies >= 5, `backup has the thread's posts (${replies})`);
      B = await serveOn(`sqlite:${dest}`);
      const page = await B.get(`/c/${rich.S.pub}/t/${rich.q.id}`);
      assert.equal(page.status, 200, B.log());
      assert.match(page.text, /How do I export\?/);
      assert.match(page.text, /Answer one by memb2/);
    } finally { await B?.stop(); await A.stop(); }
  });

  test('refuses PostgreSQL, pointing to pg_dump; refuses bad arguments', async () => {
    const r = spawnSync(path.resolve(repoRoot, process.env.PRAXIS_BIN || 'build/praxis'),
      ['backup', path.join(tmp, 'x.db'), '--db', 'postgres://praxis@127.0.0.1:1/none'], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /pg_dump -Fc/);
    const u = spawnSync(path.resolve(repoRoot, process.env.PRAXIS_BIN || 'build/praxis'), ['backup'], { encoding: 'utf8' });
    assert.equal(u.status, 2);
  });
});

if (backends().includes('pg')) {
  describe('PostgreSQL: pg_dump -Fc and pg_restore (docs/deploy.md)', () => {
    test('a restored database serves the content', async () => {
      const A = await startServer({ backend: 'pg' });
      const db = `praxis_r_${randomName().replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
      let B;
      const base = process.env.PRAXIS_TEST_PG.replace(/\/$/, '');
      try {
        const rich = await buildRich(A);
        const dump = path.join(tmp, 'pg.dump');
        const bin = '/usr/lib/postgresql/15/bin';
        let r = spawnSync(`${bin}/pg_dump`, ['-Fc', '-f', dump, A.dbUrl], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        r = spawnSync(path.join(repoRoot, 'scripts/pg.sh'), ['createdb', db], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        r = spawnSync(`${bin}/pg_restore`, ['--no-owner', '-d', `${base}/${db}`, dump], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        B = await serveOn(`${base}/${db}`);
        const page = await B.get(`/c/${rich.S.pub}/t/${rich.q.id}`);
        assert.equal(page.status, 200, B.log());
        assert.match(page.text, /Answer one by memb2/);
        assert.equal((await B.get(`/c/${rich.S.priv}/t/${rich.secret.id}`)).status, 404);
      } finally {
        await B?.stop();
        await A.stop();
        spawnSync(path.join(repoRoot, 'scripts/pg.sh'), ['dropdb', db]);
      }
    });
  });
}

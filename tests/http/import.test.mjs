// `praxis import stackexchange` on every backend: the real conlang dump (tests/data/
// stackexchange/conlang, CC BY-SA, see its LICENSE) imported by the real binary, then checked
// against the XML through the pages and sql(): counts, accepted answers, scores, closed
// questions, duplicate links, attribution (rendered and escaped), comments; imported
// accounts cannot sign in until claimed through a one-time link (CLI and admin page);
// a second run changes nothing; a truncated file fails naming the file and line and leaves
// the database consistent; malformed attributes; and an import killed with -9 mid-way and
// run again ends equal to a clean one.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { backends, startServer, repoRoot, sql } from './lib.mjs';

const DUMP = path.join(repoRoot, 'tests/data/stackexchange/conlang');
const SITE = 'https://conlang.stackexchange.com';
const PW = 'correct-horse-battery-staple-7';

// Rows of an XML dump file as attribute objects (the test's own reading of the XML).
function rows(dir, file) {
  const xml = fs.readFileSync(path.join(dir, file), 'utf8');
  const out = [];
  for (const m of xml.matchAll(/<row\s([^>]*?)\/>/g)) {
    const o = {};
    for (const a of m[1].matchAll(/(\w+)="([^"]*)"/g)) o[a[1]] = a[2];
    out.push(o);
  }
  return out;
}

const posts = rows(DUMP, 'Posts.xml');
const questions = posts.filter((p) => p.PostTypeId === '1');
const answers = posts.filter((p) => p.PostTypeId === '2');
const accepted = questions.filter((q) => q.AcceptedAnswerId);
const closed = questions.filter((q) => q.ClosedDate);
const dupLinks = rows(DUMP, 'PostLinks.xml').filter((l) => l.LinkTypeId === '3');
const comments = rows(DUMP, 'Comments.xml');
const users = rows(DUMP, 'Users.xml');

// Run praxis to completion without the harness's 60 s limit (imports on a busy machine).
function runPraxis(bin, args) {
  return new Promise((resolve) => {
    const p = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    p.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function tmpdir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-import-'));
}

function copyDump(dir) {
  for (const f of fs.readdirSync(DUMP)) fs.copyFileSync(path.join(DUMP, f), path.join(dir, f));
  for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o644);
}

async function importDump(srv, dir, slug, extra = []) {
  return srv.cli(['import', 'stackexchange', dir, '--community', slug, ...extra]);
}

function counts(srv, src = SITE) {
  const one = (q) => Number(sql(srv, q));
  const m = (kind) => `SELECT local_id FROM import_map WHERE source = '${src}' AND kind = '${kind}'`;
  return {
    threads: one(`SELECT count(*) FROM threads WHERE id IN (${m('thread')})`),
    posts: one(`SELECT count(*) FROM posts WHERE thread_id IN (${m('thread')})`),
    answers: one(`SELECT count(*) FROM posts WHERE position > 1 AND thread_id IN (${m('thread')})`),
    revisions: one(`SELECT count(*) FROM post_revisions WHERE post_id IN (${m('post')})`),
    comments: one(`SELECT count(*) FROM comments WHERE post_id IN (${m('post')})`),
    users: one(`SELECT count(*) FROM users WHERE id IN (${m('user')})`),
    links: one(`SELECT count(*) FROM thread_links WHERE thread_id IN (${m('thread')})`),
    accepted: one(`SELECT count(*) FROM threads WHERE accepted_post_id IS NOT NULL AND id IN (${m('thread')})`),
    closed: one(`SELECT count(*) FROM threads WHERE closed_at IS NOT NULL AND id IN (${m('thread')})`),
    scoreSum: one(`SELECT coalesce(sum(score), 0) FROM posts WHERE thread_id IN (${m('thread')})`),
    attribs: one(`SELECT count(*) FROM import_attribution`),
    maps: one(`SELECT count(*) FROM import_map WHERE source = '${src}'`),
  };
}

// Invariants that hold after any committed batch: counters match rows, every mapped row
// exists, positions are dense.
function assertConsistent(srv) {
  assert.equal(sql(srv, `SELECT count(*) FROM threads t WHERE t.post_count <>
    (SELECT coalesce(max(p.position), 0) FROM posts p WHERE p.thread_id = t.id)`), '0',
  'post_count matches the posts');
  assert.equal(sql(srv, `SELECT count(*) FROM import_map m WHERE m.kind = 'post'
    AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = m.local_id)`), '0', 'no dangling post map');
  assert.equal(sql(srv, `SELECT count(*) FROM posts p WHERE NOT EXISTS (SELECT 1 FROM
    import_map m WHERE m.kind = 'post' AND m.local_id = p.id)`), '0', 'no unmapped post');
  assert.equal(sql(srv, `SELECT count(*) FROM threads t WHERE NOT EXISTS (SELECT 1 FROM posts p
    WHERE p.thread_id = t.id AND p.position = 1)`), '0', 'every thread has its question');
}

for (const backend of backends()) {
  describe(`import stackexchange (${backend})`, () => {
    let srv;
    let first;
    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('boss', { password: PW, admin: true });
      first = await importDump(srv, DUMP, 'conlang');
    });
    after(async () => { await srv?.stop(); });

    test('the dump imports with a summary', () => {
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, new RegExp(`${questions.length} questions`));
      assert.match(first.stdout, new RegExp(`${answers.length} answers`));
      assert.match(first.stderr, /Posts\.xml: \d+ rows/, 'plain progress lines when not a terminal');
    });

    test('counts match the XML', () => {
      assert.equal(questions.length, 54);
      assert.equal(answers.length, 115);
      const c = counts(srv);
      assert.equal(c.threads, 54);
      assert.equal(c.answers, 115);
      assert.equal(c.posts, 169);
      assert.equal(c.users, users.length);
      assert.equal(c.comments, comments.length);
      assert.equal(c.accepted, accepted.length);
      assert.equal(c.closed, closed.length);
      assert.equal(sql(srv, "SELECT count(*) FROM thread_links WHERE kind = 'duplicate'"),
        String(dupLinks.length));
      assert.equal(sql(srv, "SELECT count(*) FROM users WHERE name LIKE 'conlang-%' AND status = 'unclaimed' AND password_hash IS NULL"),
        String(users.length));
      const tags = sql(srv, "SELECT count(*) FROM community_tags ct JOIN communities c ON c.id = ct.community_id WHERE c.slug = 'conlang'");
      assert.ok(Number(tags) >= rows(DUMP, 'Tags.xml').length - 1, `tags ${tags}`);
    });

    test('accepted answers and scores are those of the source', () => {
      for (const q of accepted) {
        const got = sql(srv, `SELECT count(*) FROM threads t
          JOIN import_map mq ON mq.local_id = t.id AND mq.kind = 'thread' AND mq.ext_id = ${q.Id}
          JOIN import_map ma ON ma.local_id = t.accepted_post_id AND ma.kind = 'post' AND ma.ext_id = ${q.AcceptedAnswerId}`);
        assert.equal(got, '1', `question ${q.Id} accepts ${q.AcceptedAnswerId}`);
      }
      const scores = sql(srv, `SELECT m.ext_id || ':' || p.score || ':' || p.base_score FROM posts p
        JOIN import_map m ON m.local_id = p.id AND m.kind = 'post'`).split('\n');
      const byId = new Map(scores.map((s) => { const [id, sc, base] = s.split(':'); return [id, [sc, base]]; }));
      for (const p of [...questions, ...answers]) {
        assert.deepEqual(byId.get(p.Id), [p.Score, p.Score], `post ${p.Id}`);
      }
      const q1 = questions[0];
      assert.equal(sql(srv, `SELECT t.score FROM threads t JOIN import_map m ON m.local_id = t.id
        AND m.kind = 'thread' AND m.ext_id = ${q1.Id}`), q1.Score);
    });

    test('bodies come from the Markdown in PostHistory, with revisions', () => {
      const hist = rows(DUMP, 'PostHistory.xml').filter((h) => ['2', '5', '8'].includes(h.PostHistoryTypeId));
      const ids = new Set([...questions, ...answers].map((p) => p.Id));
      assert.equal(counts(srv).revisions, hist.filter((h) => ids.has(h.PostId)).length);
      // Question 1's source says **do we accept questions asked in (popular) conlangs?**
      const html = sql(srv, `SELECT p.body_html FROM posts p JOIN import_map m ON m.local_id = p.id
        AND m.kind = 'post' AND m.ext_id = 1`);
      assert.match(html, /<strong>do we accept questions asked in \(popular\) conlangs\?<\/strong>/);
      const edited = sql(srv, "SELECT count(*) FROM posts WHERE edit_count > 0");
      assert.ok(Number(edited) > 0);
    });

    test('the question page shows attribution, comments, duplicates and closing', async () => {
      const c = srv.client();
      const tid = sql(srv, "SELECT local_id FROM import_map WHERE kind = 'thread' AND ext_id = 1");
      const r = await c.get(`/c/conlang/t/${tid}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /<p class="attribution">Originally posted by <a href="https:\/\/conlang\.stackexchange\.com\/users\/14" rel="nofollow">[^<]+<\/a> on <a href="https:\/\/conlang\.stackexchange\.com\/q\/1" rel="nofollow">conlang\.stackexchange\.com<\/a> · CC BY-SA 3\.0<\/p>/);
      assert.match(r.text, /href="https:\/\/conlang\.stackexchange\.com\/a\/2"/);
      assert.match(r.text, /<li class="comment"/);
      assert.match(r.text, /Accepted answer/);
      for (const l of dupLinks) {
        const from = sql(srv, `SELECT local_id FROM import_map WHERE kind = 'thread' AND ext_id = ${l.PostId}`);
        const to = sql(srv, `SELECT local_id FROM import_map WHERE kind = 'thread' AND ext_id = ${l.RelatedPostId}`);
        const p = await c.get(`/c/conlang/t/${from}`);
        assert.match(p.text, new RegExp(`<strong>Duplicate of</strong> <a href="/c/conlang/t/${to}">`));
        const back = await c.get(`/c/conlang/t/${to}`);
        assert.match(back.text, /Linked questions/);
      }
      for (const q of closed) {
        const t = sql(srv, `SELECT local_id FROM import_map WHERE kind = 'thread' AND ext_id = ${q.Id}`);
        const p = await c.get(`/c/conlang/t/${t}`);
        assert.match(p.text, /<strong>Closed<\/strong>/);
      }
      const home = await c.get('/c/conlang');
      assert.match(home.text, /conlang\.stackexchange\.com/);
      assert.match(home.text, /CC BY-SA/);
    });

    test('linked questions list each other thread once; imported titles are trimmed', async () => {
      const [a, b, d] = sql(srv, "SELECT local_id FROM import_map WHERE kind = 'thread' ORDER BY ext_id LIMIT 3").split('\n');
      sql(srv, `INSERT INTO thread_links (thread_id, target_id, kind, created_at) VALUES
        (${a}, ${b}, 'linked', 1), (${b}, ${a}, 'linked', 1),
        (${a}, ${d}, 'duplicate', 1), (${a}, ${d}, 'linked', 1), (${d}, ${a}, 'linked', 1)`);
      const page = await srv.client().get(`/c/conlang/t/${a}`);
      assert.equal(page.status, 200);
      const linked = (page.text.match(/<aside class="linked"[\s\S]*?<\/aside>/) || [''])[0];
      assert.equal((linked.match(new RegExp(`href="/c/conlang/t/${b}"`, 'g')) || []).length, 1, 'linked both ways: once');
      assert.equal((linked.match(new RegExp(`href="/c/conlang/t/${d}"`, 'g')) || []).length, 0, 'a duplicate is not listed again as linked');
      assert.match(page.text, new RegExp(`<strong>Duplicate of</strong> <a href="/c/conlang/t/${d}">`));
      sql(srv, `DELETE FROM thread_links WHERE (thread_id IN (${a}, ${b}, ${d}) AND target_id IN (${a}, ${b}, ${d}))`);
      assert.equal(sql(srv, "SELECT count(*) FROM threads WHERE title <> trim(title)"), '0');
    });

    test('a local vote adds to the imported score', async () => {
      await srv.addUser('voter', { password: PW });
      const c = srv.client();
      assert.equal((await c.signin('voter', PW)).status, 303);
      await c.get('/c/conlang');
      assert.equal((await c.post('/c/conlang/join')).status, 303);
      const [pid, score] = sql(srv, `SELECT p.id || ' ' || p.score FROM posts p JOIN import_map m
        ON m.local_id = p.id AND m.kind = 'post' AND m.ext_id = 2`).split(' ');
      await c.get(`/c/conlang`);
      const r = await c.post(`/p/${pid}/vote`, { value: 1 });
      assert.ok([200, 303].includes(r.status), `vote ${r.status}`);
      assert.equal(sql(srv, `SELECT score FROM posts WHERE id = ${pid}`), String(Number(score) + 1));
    });

    test('a second run updates and duplicates nothing', async () => {
      const before = counts(srv);
      const r = await importDump(srv, DUMP, 'conlang');
      assert.equal(r.code, 0, r.stderr);
      const afterRun = counts(srv);
      assert.deepEqual(afterRun, before);
      assertConsistent(srv);
    });

    test('another community cannot take the same source', async () => {
      const r = await importDump(srv, DUMP, 'conlang-two');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /imported into another community/);
    });

    test('imported accounts cannot sign in until claimed through a one-time link', async () => {
      const c = srv.client();
      let r = await c.signin('conlang-14', 'anything-at-all-1');
      assert.notEqual(r.status, 303);
      r = await c.signin('conlang-14', '');
      assert.notEqual(r.status, 303);

      const link = await srv.cli(['user', 'claim-link', 'conlang-14']);
      assert.equal(link.code, 0, link.stderr);
      const pathq = link.stdout.trim();
      assert.match(pathq, /^\/claim\?token=[0-9a-f]{32}$/);
      const token = pathq.split('=')[1];
      const page = await c.get(pathq);
      assert.equal(page.status, 200);
      assert.match(page.text, /conlang-14/);
      r = await c.post('/claim', { token, password: 'short', password2: 'short' });
      assert.equal(r.status, 422);
      r = await c.post('/claim', { token, password: PW, password2: PW + 'x' });
      assert.equal(r.status, 422);
      r = await c.post('/claim', { token, password: PW, password2: PW });
      assert.equal(r.status, 303);
      assert.equal(sql(srv, "SELECT status FROM users WHERE name = 'conlang-14'"), 'active');
      const again = await srv.client().get(pathq);
      assert.equal(again.status, 404, 'a link works once');
      const d = srv.client();
      assert.equal((await d.signin('conlang-14', PW)).status, 303);
      // A claimed account cannot get another link.
      const no = await srv.cli(['user', 'claim-link', 'conlang-14']);
      assert.equal(no.code, 1);
      const bad = await srv.client().get('/claim?token=0123456789abcdef0123456789abcdef');
      assert.equal(bad.status, 404);
    });

    test('an administrator makes a claim link on the users page', async () => {
      const a = srv.client();
      assert.equal((await a.signin('boss', PW)).status, 303);
      const list = await a.get('/admin/users');
      assert.equal(list.status, 200);
      const r = await a.post('/admin/users/conlang-12', { action: 'claim_link' });
      assert.equal(r.status, 200);
      const m = /\/claim\?token=([0-9a-f]{32})/.exec(r.text);
      assert.ok(m, 'the link is shown');
      const c = srv.client();
      await c.get(`/claim?token=${m[1]}`);
      const done = await c.post('/claim', { token: m[1], password: PW, password2: PW });
      assert.equal(done.status, 303);
      assert.equal((await srv.client().signin('conlang-12', PW)).status, 303);
      const anon = srv.client();
      await anon.get('/');
      const denied = await anon.post('/admin/users/conlang-16', { action: 'claim_link' });
      assert.notEqual(denied.status, 200);
    });

    test('hostile names and titles are escaped; malformed values are skipped with file and line', async () => {
      const dir = tmpdir();
      const w = (f, root, body) => fs.writeFileSync(path.join(dir, f),
        `<?xml version="1.0" encoding="utf-8"?>\n<${root}>\n${body}</${root}>\n`);
      w('Users.xml', 'users', '  <row Id="7" DisplayName="&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;q&quot;" CreationDate="2020-01-01T00:00:00.000" />\n');
      w('Posts.xml', 'posts',
        '  <row Id="1" PostTypeId="1" CreationDate="2020-01-02T00:00:00.000" Score="3" Title="&lt;script&gt;alert(1)&lt;/script&gt; title here" Tags="|c++|tea|" Body="&lt;p&gt;x&lt;/p&gt;" OwnerUserId="7" ContentLicense="CC BY-SA 4.0" />\n' +
        '  <row Id="2" PostTypeId="2" ParentId="1" CreationDate="not-a-date" Score="1" Body="b" />\n' +
        '  <row Id="abc" PostTypeId="2" ParentId="1" CreationDate="2020-01-02T00:00:00.000" />\n' +
        '  <row Id="3" PostTypeId="2" ParentId="1" CreationDate="2020-01-03T00:00:00.000" Score="2" Body="&lt;p&gt;Fallback &amp;lt;b&amp;gt; body&lt;/p&gt;" OwnerDisplayName="Gone &lt;i&gt;person&lt;/i&gt;" />\n');
      const r = await importDump(srv, dir, 'hostile', ['--site-url', 'https://hostile.example.org/']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /Posts\.xml: line 4: row skipped: CreationDate is not a date/);
      assert.match(r.stderr, /Posts\.xml: line 5: row skipped: Id is not a number/);
      const tid = sql(srv, "SELECT local_id FROM import_map WHERE source = 'https://hostile.example.org' AND kind = 'thread'");
      const p = await srv.client().get(`/c/hostile/t/${tid}`);
      assert.equal(p.status, 200);
      assert.ok(!p.text.includes('<script>alert'), 'title escaped');
      assert.ok(!p.text.includes('<b>Bold'), 'name escaped');
      assert.match(p.text, /&lt;b&gt;Bold&lt;\/b&gt; &amp; &quot;q&quot;/);
      assert.match(p.text, /Originally posted by Gone &lt;i&gt;person&lt;\/i&gt; on <a href="https:\/\/hostile\.example\.org\/a\/3"/);
      assert.match(p.text, /Fallback &lt;b&gt; body/, 'HTML body as text when PostHistory has none');
      assert.match(p.text, /<span class="author author-gone">Gone &lt;i&gt;person&lt;\/i&gt;<\/span>/,
        'a deleted source account is named as the source named it');
      assert.equal(sql(srv, `SELECT tags FROM threads WHERE id = ${tid}`), 'cpp tea');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('a dump without Users.xml (or Posts.xml) is refused naming the files, unless --no-users', async () => {
      const dir = tmpdir();
      copyDump(dir);
      fs.rmSync(path.join(dir, 'Users.xml'));
      const before = sql(srv, 'SELECT count(*) FROM communities');
      let r = await importDump(srv, dir, 'no-users', ['--site-url', 'https://nousers.example.org']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /Users\.xml missing: this is not a complete Stack Exchange dump \(--no-users imports/);
      assert.equal(sql(srv, 'SELECT count(*) FROM communities'), before, 'no community was made');
      fs.rmSync(path.join(dir, 'Posts.xml'));
      r = await importDump(srv, dir, 'no-users', ['--site-url', 'https://nousers.example.org']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Posts\.xml and Users\.xml missing/);
      copyDump(dir);
      fs.rmSync(path.join(dir, 'Users.xml'));
      r = await importDump(srv, dir, 'no-users', ['--site-url', 'https://nousers.example.org', '--no-users']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, / 0 users, /);
      r = await importDump(srv, dir, 'no-users', ['--no-such-option']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /unknown option '--no-such-option'/);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('the site address comes from the folder name, or --site-url is asked for', async () => {
      const root = tmpdir();
      const dir = path.join(root, 'conlang.meta');
      fs.mkdirSync(dir);
      copyDump(dir);
      let r = await importDump(srv, dir, 'conlang-meta');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(sql(srv, "SELECT count(*) FROM import_map WHERE source = 'https://conlang.meta.stackexchange.com' AND kind = 'community'"), '1');
      const odd = path.join(root, 'conlang.backup');
      fs.renameSync(dir, odd);
      r = await importDump(srv, odd, 'conlang-odd');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Cannot tell the site from the directory's name: give --site-url/);
      fs.rmSync(root, { recursive: true, force: true });
    });

    test('malformed XML fails naming the file and line', async () => {
      const dir = tmpdir();
      copyDump(dir);
      const xml = fs.readFileSync(path.join(dir, 'Comments.xml'), 'utf8').split('\n');
      xml[5] = '  <row Id=99 PostId="1" Text="unquoted" />';
      fs.writeFileSync(path.join(dir, 'Comments.xml'), xml.join('\n'));
      const r = await importDump(srv, dir, 'broken', ['--site-url', 'https://broken.example.org']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Comments\.xml: line 6: /);
      const dtd = tmpdir();
      fs.writeFileSync(path.join(dtd, 'Posts.xml'), '<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY a "aaaa">]>\n<posts><row Id="1" Title="&a;" /></posts>\n');
      const d = await importDump(srv, dtd, 'dtd', ['--site-url', 'https://dtd.example.org', '--no-users']);
      assert.equal(d.code, 1);
      assert.match(d.stderr, /Posts\.xml: line 2: a document type declaration is not allowed/);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(dtd, { recursive: true, force: true });
    });

    test('a truncated file fails naming the file and line; the database stays consistent and a fixed run completes', async () => {
      const dir = tmpdir();
      copyDump(dir);
      const full = fs.readFileSync(path.join(dir, 'Posts.xml'));
      fs.writeFileSync(path.join(dir, 'Posts.xml'), full.subarray(0, Math.floor(full.length * 0.6)));
      const site = 'https://truncated.example.org';
      const r = await importDump(srv, dir, 'trunc', ['--site-url', site, '--batch', '20']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Posts\.xml: line \d+: /);
      assertConsistent(srv);
      const part = counts(srv, site);
      assert.ok(part.threads > 0 && part.threads < 54, `partial import: ${part.threads} threads`);
      fs.copyFileSync(path.join(DUMP, 'Posts.xml'), path.join(dir, 'Posts.xml'));
      const again = await importDump(srv, dir, 'trunc', ['--site-url', site]);
      assert.equal(again.code, 0, again.stderr);
      const c = counts(srv, site);
      assert.equal(c.threads, 54);
      assert.equal(c.answers, 115);
      assert.equal(c.comments, comments.length);
      assertConsistent(srv);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });

  describe(`import resumes after kill -9 (${backend})`, () => {
    let a;
    let b;
    let dir;
    before(async () => {
      dir = tmpdir();
      const g = spawnSync('python3', [path.join(repoRoot, 'bench/gen_sedump.py'), dir, '3000'], { encoding: 'utf8' });
      assert.equal(g.status, 0, g.stderr);
      a = await startServer({ backend });
      b = await startServer({ backend });
    });
    after(async () => {
      await a?.stop();
      await b?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    test('a killed import run again equals a clean import', async () => {
      const args = ['import', 'stackexchange', dir, '--community', 'gen', '--site-url',
        'https://gen.example.org', '--batch', '200', '--db', a.dbUrl];
      const killed = await new Promise((resolve) => {
        const p = spawn(a.bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        let sent = false;
        p.stderr.setEncoding('utf8').on('data', (d) => {
          err += d;
          // Kill in the middle of PostHistory.xml, after some of its batches committed.
          if (!sent && /PostHistory\.xml: \d{4,} rows/.test(err)) {
            sent = true;
            p.kill('SIGKILL');
          }
        });
        p.on('close', (code, signal) => resolve({ code, signal, err }));
      });
      assert.equal(killed.signal, 'SIGKILL', `killed mid-way (stderr: ${killed.err.slice(-300)})`);
      assertConsistent(a);
      const mid = counts(a, 'https://gen.example.org');
      assert.ok(mid.threads > 0);
      const resumed = await runPraxis(a.bin, args);
      assert.equal(resumed.code, 0, resumed.stderr);
      const clean = await runPraxis(b.bin, ['import', 'stackexchange', dir, '--community', 'gen',
        '--site-url', 'https://gen.example.org', '--db', b.dbUrl]);
      assert.equal(clean.code, 0, clean.stderr);
      const ca = counts(a, 'https://gen.example.org');
      const cb = counts(b, 'https://gen.example.org');
      assert.deepEqual(ca, cb);
      assert.ok(ca.accepted > 0 && ca.closed > 0 && ca.links > 0);
      assertConsistent(a);
      // The same body for the last post in both.
      const q = "SELECT p.body_md FROM posts p JOIN import_map m ON m.local_id = p.id AND m.kind = 'post' AND m.ext_id = 2999";
      assert.equal(sql(a, q), sql(b, q));
    });
  });
}

describe('praxis demo imports a real community', () => {
  let srv;
  before(async () => { srv = await startServer({ backend: 'sqlite' }); });
  after(async () => { await srv?.stop(); });

  test('the fallback dump becomes /c/conlang-se with a charter crediting the source', async () => {
    const r = await runPraxis(srv.bin, ['demo', '--se-dump', DUMP, '--db', srv.dbUrl]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Imported 54 questions, 115 answers/);
    const page = await srv.client().get('/c/conlang-se');
    assert.equal(page.status, 200);
    assert.match(page.text, /href="https:\/\/conlang\.stackexchange\.com"/);
    assert.match(page.text, /CC BY-SA/);
    assert.match(page.text, /href="https:\/\/archive\.org\/details\/stackexchange"/);
    // the hand-made demo communities are still there
    assert.equal((await srv.client().get('/c/homebrewing')).status, 200);
  });
});

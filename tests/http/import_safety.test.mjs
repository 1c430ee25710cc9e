// A crafted praxis-export file cannot put its own HTML or script URLs on a page (issue 12,
// "safe by construction"). An instance with a charter, a bio, a question mentioning a member,
// two articles (the first links by wiki link to the second, written after it), an event with
// a description, notes and links is exported; every *_html member of the file is replaced by
// a script, an onerror attribute and a javascript: link, the event's URLs and an added
// attribution record by javascript: URLs. Imported into an empty instance, the pages show
// the Markdown rendered as the server renders it on every write (mentions and wiki links
// resolved), none of the file's HTML, and "#" for the unsafe URLs. On each backend.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backends, startServer, randomName } from './lib.mjs';

const PW = 'correct-horse-battery-staple-9';
const EVIL = '<script>alert("pwned1")</script><img src=x onerror=alert(2)>'
  + '<a href="javascript:alert(3)">click</a>';
const BAD_URL = 'javascript:alert(4)';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-import-safety-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

async function login(srv, name) {
  const c = srv.client();
  const r = await c.signin(name, PW);
  assert.equal(r.status, 303, `sign in ${name}: ${r.status} ${r.text.slice(0, 200)}`);
  await c.get('/');
  return c;
}

// Nothing of EVIL survives on the page, and BAD_URL is in no href (as escaped link text it
// is harmless).
function assertClean(text, where) {
  assert.doesNotMatch(text, /<script>alert|pwned/, `${where}: a script from the file`);
  assert.doesNotMatch(text, /onerror|alert\(2\)/i, `${where}: an event handler from the file`);
  assert.doesNotMatch(text, /href\s*=\s*["']?\s*javascript:|alert\(3\)/i, `${where}: a javascript: link`);
}

for (const backend of backends()) {
  describe(`praxis import praxis renders HTML from Markdown, never from the file (${backend})`, () => {
    let A, B;
    const ids = {};
    const slug = 'safe-pub';

    before(async () => {
      A = await startServer({ backend });
      await A.addUser('boss', { password: PW, admin: true });
      await A.addUser('memb', { password: PW });
      const boss = await login(A, 'boss');
      const memb = await login(A, 'memb');
      let r = await boss.postJSON('/api/v1/communities', {
        name: 'Safe pub', slug, visibility: 'public', tags: 'alpha',
        charter_md: 'The **charter** of _safety_.',
      });
      assert.equal(r.status, 201, r.text);
      assert.equal((await memb.postJSON(`/api/v1/communities/${slug}/join`, {})).status, 200);
      r = await memb.patchJSON('/api/v1/me', { bio: 'I brew **lagers**.' });
      assert.equal(r.status, 200, r.text);
      r = await boss.postJSON(`/api/v1/communities/${slug}/threads`, {
        kind: 'question', title: 'How do I keep imports safe?', body: 'Ask **bold** things, @memb.', tags: ['alpha'],
      });
      assert.equal(r.status, 201, r.text);
      ids.thread = r.json.id;
      const AP = `/api/v1/communities/${slug}/articles`;
      r = await boss.postJSON(AP, { title: 'Safety guide', body_md: '## First steps\n\nRead [[Later page]] *first*.\n', publish: true });
      assert.equal(r.status, 201, r.text);
      ids.guide = r.json.slug;
      r = await boss.postJSON(AP, { title: 'Later page', body_md: 'Later `code`.', publish: true });
      assert.equal(r.status, 201, r.text);
      ids.later = r.json.slug;
      const year = new Date().getUTCFullYear() + 1;
      r = await boss.postJSON(`/api/v1/communities/${slug}/events`, {
        title: 'Safety meetup', start: `${year}-05-05T18:00`, end: `${year}-05-05T19:30`,
        timezone: 'Europe/Berlin', location: 'Room 1', description_md: 'Bring *beer*.',
        online_url: 'https://meet.example.org/safe', notes_url: 'https://notes.example.org/safe',
        notes_md: 'We **learned** things.',
      });
      assert.equal(r.status, 201, r.text);
      ids.event = r.json.id;

      const file = path.join(tmp, `good-${randomName()}.jsonl`);
      r = await A.cli(['export', '--output', file]);
      assert.equal(r.code, 0, r.stderr);
      const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l);
      const out = [lines[0]];
      let n = 0;
      let htmlMembers = 0;
      let opPost = 0;
      for (const l of lines.slice(1)) {
        const rec = JSON.parse(l);
        if (rec.type === 'end') continue;
        for (const k of Object.keys(rec)) {
          if (k.endsWith('_html')) {
            rec[k] = EVIL;
            htmlMembers++;
          }
        }
        if (rec.type === 'event') {
          rec.online_url = BAD_URL;
          rec.notes_url = BAD_URL;
        }
        if (rec.type === 'post' && rec.thread_id === ids.thread && rec.position === 1) opPost = rec.id;
        out.push(JSON.stringify(rec));
        n++;
      }
      assert.ok(htmlMembers >= 7, `the file has HTML members to replace (${htmlMembers})`);
      assert.ok(opPost, 'the question is in the file');
      out.push(JSON.stringify({
        type: 'import_attribution', kind: 'post', local_id: opPost, source_url: BAD_URL,
        author_name: 'Mallory', author_url: BAD_URL, license: 'CC BY-SA 4.0',
      }));
      n++;
      out.push(JSON.stringify({ type: 'end', records: n }));
      const crafted = path.join(tmp, `crafted-${randomName()}.jsonl`);
      fs.writeFileSync(crafted, `${out.join('\n')}\n`);

      B = await startServer({ backend });
      r = await B.cli(['import', 'praxis', crafted]);
      assert.equal(r.code, 0, r.stderr);
    });
    after(async () => { await A?.stop(); await B?.stop(); });

    test('the charter and the bio are the Markdown, rendered', async () => {
      const c = B.client();
      let r = await c.get(`/c/${slug}`);
      assert.equal(r.status, 200);
      assertClean(r.text, 'community page');
      assert.match(r.text, /The <strong>charter<\/strong> of <em>safety<\/em>\./);
      r = await c.get('/u/memb');
      assert.equal(r.status, 200);
      assertClean(r.text, 'profile');
      assert.match(r.text, /I brew <strong>lagers<\/strong>\./);
      r = await c.get(`/api/v1/communities/${slug}`);
      assertClean(r.text, 'community JSON');
      assert.match(r.json.community?.charter_html ?? r.json.charter_html, /<strong>charter<\/strong>/);
      r = await c.get('/api/v1/users/memb');
      assertClean(r.text, 'user JSON');
    });

    test('a post links its mention; the attribution\'s javascript: URLs become "#"', async () => {
      const r = await B.client().get(`/c/${slug}/t/${ids.thread}`);
      assert.equal(r.status, 200);
      assertClean(r.text, 'thread page');
      assert.match(r.text, /Ask <strong>bold<\/strong> things, <a class="mention" href="\/u\/memb">@memb<\/a>\./);
      assert.match(r.text, /Originally posted by <a href="#" rel="nofollow">Mallory<\/a> on <a href="#" rel="nofollow">/);
    });

    test('an article resolves its wiki link to an article imported after it', async () => {
      const c = B.client();
      let r = await c.get(`/c/${slug}/a/${ids.guide}`);
      assert.equal(r.status, 200);
      assertClean(r.text, 'article page');
      assert.match(r.text, new RegExp(`<a class="wikilink" href="/c/${slug}/a/${ids.later}">Later page</a> <em>first</em>`));
      assert.match(r.text, /<h2 id="h-first-steps">First steps<\/h2>/);
      r = await c.get(`/c/${slug}/a/${ids.later}`);
      assertClean(r.text, 'second article');
      assert.match(r.text, /Later <code>code<\/code>\./);
      r = await c.get(`/api/v1/communities/${slug}/articles/${ids.guide}`);
      assertClean(r.text, 'article JSON');
    });

    test('an event shows its description and notes rendered, its links as "#"', async () => {
      const memb = await login(B, 'memb');
      const r = await memb.get(`/events/${ids.event}`);
      assert.equal(r.status, 200);
      assertClean(r.text, 'event page');
      assert.match(r.text, /Bring <em>beer<\/em>\./);
      assert.match(r.text, /We <strong>learned<\/strong> things\./);
      assert.match(r.text, /<dt>Online<\/dt><dd><a href="#" rel="nofollow noopener">/);
      assert.match(r.text, /<p><a href="#">Notes and follow-up<\/a><\/p>/);
      const j = await memb.get(`/api/v1/events/${ids.event}`);
      assert.doesNotMatch(j.text, /alert\(2\)|onerror|pwned/, 'event JSON: no HTML from the file');
    });
  });
}

// Live updates over Server-Sent Events (GET /live), on every backend: messages arrive on the
// channels a page follows (new post, edit, vote, accepted answer, new thread in a list, RSVP
// counts, a member's unread count), a reconnect with Last-Event-ID (or ?since=) replays what
// was missed from the backlog and a too-old id gets a "reload" event, visibility is checked
// at delivery (a member removed from a private community stops receiving at once), private
// channels are refused to anonymous visitors and outsiders (404, as if they did not exist),
// someone else's user channel too, heartbeats arrive, the per-address limit answers 429,
// and on PostgreSQL a post written through one `praxis serve` reaches a stream held by a
// second one on the same database (LISTEN/NOTIFY).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { backends, startServer, randomName, sql, getFreePort } from './lib.mjs';
import { openStream } from './live_lib.mjs';

const PW = 'correct-horse-battery-staple-7';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const nextYear = new Date().getUTCFullYear() + 1;

for (const backend of backends()) {
  describe(`live updates (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6);
    const PUB = `lp-${tag}`;
    const PRIV = `lx-${tag}`;
    const cid = {};
    const streams = [];
    let livePort;

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status}`);
      await c.get('/');
      return c;
    }
    async function ask(c, community, title) {
      const r = await c.postJSON(`/api/v1/communities/${community}/threads`, {
        kind: 'question', title, body: `Body of ${title}`,
      });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function post(c, tid, body) {
      const r = await c.postJSON(`/api/v1/threads/${tid}/posts`, { body });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function stream(path, opts = {}) {
      const s = await openStream(srv.url, path, opts);
      streams.push(s);
      return s;
    }
    async function ready(path, opts) {
      const s = await stream(path, opts);
      assert.equal(s.status, 200, s.body);
      await s.waitFor((e) => e.event === 'ready');
      return s;
    }
    async function setLimit(n) {
      const r = await u.admin.patchJSON('/api/v1/admin/settings', { live_per_address: String(n) });
      assert.equal(r.status, 200, r.text);
    }

    before(async () => {
      livePort = await getFreePort();
      srv = await startServer({ backend, args: ['--live-heartbeat', '1', '--live-listen', `127.0.0.1:${livePort}`] });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of ['coord', 'memb', 'memb2', 'outsider']) await srv.addUser(n, { password: PW });
      u.admin = await login('admin1');
      for (const n of ['coord', 'memb', 'memb2', 'outsider']) u[n] = await login(n);
      for (const [slug, vis] of [[PUB, 'public'], [PRIV, 'private']]) {
        const r = await u.admin.postJSON('/api/v1/communities', { name: `Live ${slug}`, slug, visibility: vis });
        assert.equal(r.status, 201, r.text);
        cid[slug] = Number(sql(srv, `SELECT id FROM communities WHERE slug = '${slug}'`));
      }
      const inv = await u.admin.postJSON(`/api/v1/communities/${PRIV}/invites`, { days: 7, max_uses: 0 });
      for (const n of ['coord', 'memb', 'memb2']) {
        assert.equal((await u[n].postJSON(`/api/v1/communities/${PUB}/join`, {})).status, 200);
        assert.equal((await u[n].postJSON(`/api/v1/communities/${PRIV}/join`, { invite: inv.json.token })).status, 200);
      }
      for (const slug of [PUB, PRIV]) {
        const r = await u.admin.putJSON(`/api/v1/communities/${slug}/members/coord`, { role: 'coordinator' });
        assert.equal(r.status, 200, r.text);
      }
    });
    after(async () => {
      for (const s of streams) s.close();
      await srv?.stop();
    });

    test('a thread stream gets new posts, edits, votes and the accepted answer; anonymous readers of a public community too', async () => {
      const q = await ask(u.memb, PUB, `Live thread ${tag}`);
      const s = await ready(`/live?ch=thread:${q.id}`);
      assert.match(s.headers['content-type'], /^text\/event-stream/);
      assert.equal(s.headers['cache-control'], 'no-cache');
      assert.equal(s.headers['x-accel-buffering'], 'no');
      const a = await post(u.memb2, q.id, 'An answer that arrives live');
      let ev = await s.waitFor((e) => e.data.type === 'post' && e.data.post === a.id);
      assert.equal(ev.data.channel, `thread:${q.id}`);
      assert.equal(ev.data.thread, q.id);
      assert.equal(String(ev.data.id), ev.id, 'the data carries the event id');
      let r = await u.memb.putJSON(`/api/v1/posts/${a.id}/vote`, { value: 1 });
      assert.equal(r.status, 200, r.text);
      ev = await s.waitFor((e) => e.data.type === 'vote' && e.data.post === a.id);
      assert.equal(ev.data.score, 1);
      r = await u.memb2.patchJSON(`/api/v1/posts/${a.id}`, { body: 'An answer that arrives live, edited' });
      assert.equal(r.status, 200, r.text);
      await s.waitFor((e) => e.data.type === 'edit' && e.data.post === a.id);
      // a comment under the answer: written, then deleted
      const cm = await u.memb.postJSON(`/api/v1/posts/${a.id}/comments`, { body: 'Which yeast did you use?' });
      assert.equal(cm.status, 201, cm.text);
      await s.waitFor((e) => e.data.type === 'comment' && e.data.post === a.id);
      const before = s.events.length;
      assert.equal((await u.memb.del(`/api/v1/comments/${cm.json.id}`)).status, 200);
      await s.waitFor((e) => e.data.type === 'comment' && e.data.post === a.id && s.events.indexOf(e) >= before);
      r = await u.memb.putJSON(`/api/v1/threads/${q.id}/accepted`, { post_id: a.id });
      assert.equal(r.status, 200, r.text);
      await s.waitFor((e) => e.data.type === 'accepted' && e.data.post === a.id);
      // ids only grow
      const ids = s.events.filter((e) => e.event === 'message').map((e) => Number(e.id));
      assert.deepEqual([...ids].sort((x, y) => x - y), ids);
    });

    test('list, user and event channels: a new thread, the unread count, RSVP counts', async () => {
      const list = await ready(`/live?ch=community:${cid[PUB]}`);
      const mine = await ready(`/live?ch=user:${(await u.memb.get('/api/v1/me')).json.user.id}`, { client: u.memb });
      const q = await ask(u.coord, PUB, `Another live thread ${tag}`);
      const ev = await list.waitFor((e) => e.data.type === 'thread' && e.data.thread === q.id);
      assert.equal(ev.data.community, cid[PUB]);
      // memb asked nothing here; a reply to memb's own thread raises memb's count
      const own = await ask(u.memb, PUB, `Count my replies ${tag}`);
      await post(u.memb2, own.id, 'A reply that raises the count');
      const n = await mine.waitFor((e) => e.data.type === 'notifications');
      const unread = (await u.memb.get('/api/v1/notifications?filter=unread')).json.unread;
      assert.ok(n.data.unread >= 1 && n.data.unread <= unread, JSON.stringify(n.data));
      // every notification path pushes the count: a mention, and a comment on memb's post
      let before = unread;
      await ask(u.coord, PUB, `Asking @memb about this ${tag}`); // the body names @memb too
      let m = await mine.waitFor((e) => e.data.type === 'notifications' && e.data.unread > before);
      assert.equal(m.data.unread, before + 1, 'the mention raised the count by one');
      before = m.data.unread;
      const opening = Number(sql(srv, `SELECT id FROM posts WHERE thread_id = ${own.id} AND position = 1`));
      const cr = await u.coord.postJSON(`/api/v1/posts/${opening}/comments`, { body: 'A comment on your question' });
      assert.equal(cr.status, 201, cr.text);
      m = await mine.waitFor((e) => e.data.type === 'notifications' && e.data.unread > before);
      assert.equal(m.data.unread, before + 1, 'the comment raised the count by one');
      const kinds = (await u.memb.get('/api/v1/notifications?filter=unread')).json.notifications.map((x) => x.kind);
      assert.ok(kinds.includes('comment') && kinds.includes('mention'), kinds.join(','));

      let r = await u.coord.postJSON(`/api/v1/communities/${PUB}/events`, {
        title: 'Live meetup', start: `${nextYear}-05-05T18:00`, end: `${nextYear}-05-05T19:30`,
        timezone: 'Europe/Berlin', capacity: 1,
      });
      assert.equal(r.status, 201, r.text);
      const eid = r.json.id;
      const key = r.json.occurrences[0].key;
      const es = await ready(`/live?ch=event:${eid}`);
      r = await u.memb.putJSON(`/api/v1/events/${eid}/occurrences/${key}/rsvp`, { status: 'going' });
      assert.equal(r.status, 200, r.text);
      let rs = await es.waitFor((e) => e.data.type === 'rsvp' && e.data.going === 1);
      assert.equal(rs.data.key, key);
      r = await u.memb2.putJSON(`/api/v1/events/${eid}/occurrences/${key}/rsvp`, { status: 'going' });
      rs = await es.waitFor((e) => e.data.type === 'rsvp' && e.data.waiting === 1);
      assert.equal(rs.data.going, 1);
    });

    test('Last-Event-ID (and ?since=) replays what was missed; an id older than the backlog gets reload', async () => {
      const q = await ask(u.memb, PUB, `Replay thread ${tag}`);
      const s = await ready(`/live?ch=thread:${q.id}`);
      const first = await post(u.memb2, q.id, 'Seen live');
      const seen = await s.waitFor((e) => e.data.post === first.id);
      s.close();
      const missed = [];
      for (let i = 0; i < 3; i++) missed.push((await post(u.memb2, q.id, `Missed ${i}`)).id);
      // other channels' messages in between are not replayed
      await ask(u.memb, PUB, `Unrelated thread ${tag}`);
      const again = await ready(`/live?ch=thread:${q.id}`, { headers: { 'Last-Event-ID': seen.id } });
      const replayed = again.events.filter((e) => e.event === 'message');
      assert.deepEqual(replayed.map((e) => e.data.post), missed);
      const readyEv = again.events.find((e) => e.event === 'ready');
      assert.ok(Number(readyEv.id) >= Number(replayed.at(-1).id));
      // the first connection of a page passes the id it was rendered at
      const bySince = await ready(`/live?ch=thread:${q.id}&since=${seen.id}`);
      assert.deepEqual(bySince.events.filter((e) => e.event === 'message').map((e) => e.data.post), missed);
      // the header wins over ?since=
      const both = await ready(`/live?ch=thread:${q.id}&since=0`, { headers: { 'Last-Event-ID': replayed.at(-1).id } });
      assert.equal(both.events.filter((e) => e.event === 'message').length, 0);
      // trimmed from the backlog: the client must reload
      sql(srv, `DELETE FROM live_messages WHERE id <= ${Number(seen.id) + 1}`);
      const old = await stream(`/live?ch=thread:${q.id}`, { headers: { 'Last-Event-ID': seen.id } });
      const reload = await old.waitFor((e) => e.event === 'reload');
      assert.ok(Number(reload.id) >= Number(replayed.at(-1).id));
      assert.equal(old.events.filter((e) => e.event === 'message').length, 0);
      // an id from the future (another database) reloads too
      const future = await stream(`/live?ch=thread:${q.id}`, { headers: { 'Last-Event-ID': '999999999' } });
      await future.waitFor((e) => e.event === 'reload');
    });

    test('private channels: refused to anonymous visitors and outsiders, and checked again at delivery', async () => {
      const q = await ask(u.coord, PRIV, `Private live thread ${tag}`);
      for (const path of [`/live?ch=thread:${q.id}`, `/live?ch=community:${cid[PRIV]}`]) {
        const anon = await stream(path);
        assert.equal(anon.status, 404, `anonymous ${path}`);
        assert.equal(JSON.parse(anon.body).error.code, 'not_found');
        const out = await stream(path, { client: u.outsider });
        assert.equal(out.status, 404, `outsider ${path}`);
      }
      // one public and one private channel in one request: refused as a whole
      const pq = await ask(u.memb, PUB, `Public neighbour ${tag}`);
      assert.equal((await stream(`/live?ch=thread:${pq.id}&ch=thread:${q.id}`)).status, 404);
      // someone else's notification count
      const me = (await u.memb.get('/api/v1/me')).json.user.id;
      assert.equal((await stream(`/live?ch=user:${me}`, { client: u.memb2 })).status, 404);
      assert.equal((await stream(`/live?ch=user:${me}`)).status, 404);
      // malformed
      for (const bad of ['thread:abc', 'thread:0', 'nothing:1', 'thread:', '']) {
        const r = await stream(`/live?ch=${encodeURIComponent(bad)}`);
        assert.equal(r.status, 400, `${bad}: ${r.body}`);
      }
      assert.equal((await stream('/live')).status, 400);

      // members follow; one is removed mid-stream and gets nothing more
      const sm = await ready(`/live?ch=thread:${q.id}`, { client: u.memb });
      const sm2 = await ready(`/live?ch=thread:${q.id}`, { client: u.memb2 });
      const sa = await ready(`/live?ch=thread:${q.id}`, { client: u.admin });
      const p1 = await post(u.coord, q.id, 'Both members see this');
      await sm.waitFor((e) => e.data.post === p1.id);
      await sm2.waitFor((e) => e.data.post === p1.id);
      const r = await u.coord.del(`/api/v1/communities/${PRIV}/members/memb`);
      assert.equal(r.status, 200, r.text);
      const p2 = await post(u.coord, q.id, 'Only the remaining member sees this');
      await sm2.waitFor((e) => e.data.post === p2.id);
      await sa.waitFor((e) => e.data.post === p2.id); // administrators read everything
      await sleep(300);
      assert.ok(!sm.events.some((e) => e.data.post === p2.id), 'the removed member got nothing');
      // and a replay does not leak it either
      const again = await stream(`/live?ch=thread:${q.id}`, { client: u.memb, headers: { 'Last-Event-ID': '0' } });
      assert.equal(again.status, 404);
    });

    test('--live-listen: a second address for streams, with a small per-connection pool', async () => {
      const q = await ask(u.memb, PUB, `Stream listener ${tag}`);
      const base = `http://127.0.0.1:${livePort}`;
      const s = await openStream(base, `/live?ch=thread:${q.id}`, { client: u.memb });
      streams.push(s);
      assert.equal(s.status, 200, s.body);
      await s.waitFor((e) => e.event === 'ready');
      const p = await post(u.memb2, q.id, 'Through the main address, out through the stream one');
      await s.waitFor((e) => e.data.post === p.id);
      // the same routes and rules: private channels stay closed to anonymous visitors
      const pq = await ask(u.coord, PRIV, `Private on the stream listener ${tag}`);
      const anon = await openStream(base, `/live?ch=thread:${pq.id}`);
      assert.equal(anon.status, 404);
      // its heads are small: 8 KiB of header is refused there, not on the main address
      const big = { 'X-Padding': 'x'.repeat(8000) };
      const refused = await openStream(base, `/live?ch=thread:${q.id}`, { headers: big });
      assert.equal(refused.status, 431);
      const fine = await openStream(srv.url, `/live?ch=thread:${q.id}`, { headers: big });
      streams.push(fine);
      assert.equal(fine.status, 200);
    });

    test('heartbeat comments keep the stream alive', async () => {
      const q = await ask(u.memb, PUB, `Heartbeat ${tag}`);
      const s = await ready(`/live?ch=thread:${q.id}`);
      for (let i = 0; i < 100 && s.comments < 2; i++) await sleep(100);
      assert.ok(s.comments >= 2, `comments: ${s.comments}`);
      assert.ok(!s.closed);
    });

    test('per-address limit on open streams: 429 with Retry-After', async () => {
      for (const s of streams) s.close(); // the server sees they are gone when it counts
      await sleep(100);
      const q = await ask(u.memb, PUB, `Limit ${tag}`);
      await setLimit(2);
      try {
        const a = await ready(`/live?ch=thread:${q.id}`);
        const b = await ready(`/live?ch=thread:${q.id}`);
        const c = await stream(`/live?ch=thread:${q.id}`);
        assert.equal(c.status, 429, c.body);
        assert.equal(c.headers['retry-after'], '30');
        assert.equal(JSON.parse(c.body).error.code, 'rate_limited');
        a.close();
        await sleep(100);
        const d = await stream(`/live?ch=thread:${q.id}`);
        assert.equal(d.status, 200, 'a closed stream (a reloaded page) frees its place at once');
        b.close();
        d.close();
        // ordinary requests are not counted
        assert.equal((await u.memb.get('/')).status, 200);
      } finally {
        await setLimit(20);
      }
    });

    if (backend === 'pg') {
      test('two instances on one database: a post written on one reaches a stream on the other', async () => {
        // startServer makes a database per server: start the second by hand on srv's
        const port = await getFreePort();
        const child = spawn(srv.bin, ['serve', '--listen', `127.0.0.1:${port}`, '--db', srv.dbUrl, '--live-heartbeat', '1', '--no-jobs'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let logs = '';
        child.stderr.on('data', (d) => { logs += d; });
        try {
          const base = `http://127.0.0.1:${port}`;
          for (let i = 0; i < 200; i++) {
            try { if ((await fetch(`${base}/healthz`)).status === 200) break; } catch { /* not yet */ }
            await sleep(100);
          }
          const q = await ask(u.memb, PUB, `Two instances ${tag}`);
          const s = await openStream(base, `/live?ch=thread:${q.id}`);
          streams.push(s);
          assert.equal(s.status, 200, s.body);
          await s.waitFor((e) => e.event === 'ready');
          const p = await post(u.memb2, q.id, 'Written on the first instance'); // srv, not base
          const ev = await s.waitFor((e) => e.data.post === p.id);
          assert.equal(ev.data.channel, `thread:${q.id}`);
        } finally {
          child.kill('SIGTERM');
          await new Promise((r) => child.on('exit', r));
          assert.doesNotMatch(logs, /level=error/);
        }
      });
    }
  });
}

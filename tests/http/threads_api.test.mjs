// Threads over the JSON API, on every backend: ask -> answer -> vote -> accept -> order ->
// edit with revisions and diffs -> moderation (lock, close, pin, move, hide, delete) with the
// audit log, per role (anonymous, non-member, member, moderator, coordinator, admin) and per
// visibility (public, members, private: a private community's threads invisible everywhere);
// keyset pagination over >60 threads with hostile cursors; a 250-post thread's permalink
// page; mentions; drafts; adversarial input (huge bodies, XSS, deep quotes, bad tags).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  describe(`threads API (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6);
    const C = {
      pub: { slug: `tp-${tag}`, name: `Threadpub ${tag}`, visibility: 'public' },
      mem: { slug: `tm-${tag}`, name: `Threadmem ${tag}`, visibility: 'members' },
      priv: { slug: `tx-${tag}`, name: `Threadpriv ${tag}`, visibility: 'private' },
      pag: { slug: `tg-${tag}`, name: `Threadpag ${tag}`, visibility: 'public' },
    };
    const actors = ['anon', 'outsider', 'memb', 'moder', 'coord', 'admin'];
    const T = {}; // community key -> thread created there by memb
    let q; // the question in pub
    const ans = {};

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status}`);
      await c.get('/');
      return c;
    }

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      const names = ['coord', 'moder', 'memb', 'memb2', 'outsider'];
      for (const n of names) await srv.addUser(n, { password: PW });
      // Past trust level 0, whose hourly posting limits these tests would hit (trust.test.mjs).
      sql(srv, 'UPDATE users SET trust_level = 1, trust_locked = 1');
      u.anon = srv.client();
      u.admin = await login('admin1');
      for (const n of names) u[n] = await login(n);
      await u.admin.get('/admin');
      await u.admin.post('/admin', { community_creation: 'members' });
      for (const k of Object.keys(C)) {
        const r = await u.coord.postJSON('/api/v1/communities', {
          name: C[k].name, slug: C[k].slug, visibility: C[k].visibility,
          tags: 'alpha, beta, gamma, delta, epsilon, zeta',
        });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.coord.postJSON(`/api/v1/communities/${C.priv.slug}/invites`, { days: 7, max_uses: 0 });
      for (const n of ['memb', 'memb2', 'moder']) {
        for (const k of ['pub', 'mem', 'pag']) {
          const r = await u[n].postJSON(`/api/v1/communities/${C[k].slug}/join`, {});
          assert.equal(r.status, 200, r.text);
        }
        const r = await u[n].postJSON(`/api/v1/communities/${C.priv.slug}/join`, { invite: inv.json.token });
        assert.equal(r.status, 200, r.text);
      }
      for (const k of ['pub', 'mem', 'priv']) {
        const r = await u.coord.putJSON(`/api/v1/communities/${C[k].slug}/members/moder`, { role: 'moderator' });
        assert.equal(r.status, 200, r.text);
      }
      for (const k of ['pub', 'mem', 'priv']) {
        const r = await u.memb.postJSON(`/api/v1/communities/${C[k].slug}/threads`, {
          kind: 'question', title: `Zanzibar ${k} question ${tag}`, body: `Body of ${k}`, tags: ['alpha'],
        });
        assert.equal(r.status, 201, r.text);
        T[k] = r.json;
      }
    });

    after(async () => { await srv?.stop(); });

    test('create a question and answers; anonymous and non-members cannot post', async () => {
      let r = await u.memb.postJSON(`/api/v1/communities/${C.pub.slug}/threads`, {
        kind: 'question', title: 'How do I graft an apple tree?', body: 'I have **rootstock**.', tags: 'alpha, beta',
      });
      assert.equal(r.status, 201, r.text);
      q = r.json;
      assert.equal(q.kind, 'question');
      assert.deepEqual(q.tags, ['alpha', 'beta']);
      assert.equal(q.solved, false);
      assert.equal(q.author.name, 'memb');
      for (const n of ['memb2', 'moder', 'coord']) {
        r = await u[n].postJSON(`/api/v1/threads/${q.id}/posts`, { body: `Answer by ${n}` });
        assert.equal(r.status, 201, r.text);
        ans[n] = r.json;
        assert.match(r.json.body_html, new RegExp(`Answer by ${n}`));
      }
      r = await u.outsider.postJSON(`/api/v1/threads/${q.id}/posts`, { body: 'drive-by' });
      assert.equal(r.status, 403, r.text);
      r = await u.anon.postJSON(`/api/v1/threads/${q.id}/posts`, { body: 'anon' });
      assert.equal(r.status, 401, r.text);
      r = await u.outsider.postJSON(`/api/v1/communities/${C.pub.slug}/threads`, {
        kind: 'discussion', title: 'An outsider tries to post', body: 'x',
      });
      assert.equal(r.status, 403, r.text);
      r = await u.anon.get(`/api/v1/threads/${q.id}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.answer_count, 3);
      assert.equal(r.json.posts.length, 4);
      assert.equal(r.json.can.reply, false);
    });

    test('votes: own refused, down on question refused, change and remove', async () => {
      const op = (await u.anon.get(`/api/v1/threads/${q.id}`)).json.posts[0];
      let r = await u.memb.putJSON(`/api/v1/posts/${op.id}/vote`, { value: 1 });
      assert.equal(r.status, 403, 'own post');
      r = await u.memb2.putJSON(`/api/v1/posts/${op.id}/vote`, { value: -1 });
      assert.equal(r.status, 403, 'down on a question');
      r = await u.memb2.putJSON(`/api/v1/posts/${op.id}/vote`, { value: 1 });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.score, 1);
      r = await u.memb.putJSON(`/api/v1/posts/${ans.moder.id}/vote`, { value: -1 });
      assert.equal(r.json.score, -1);
      r = await u.memb.putJSON(`/api/v1/posts/${ans.moder.id}/vote`, { value: 1 });
      assert.equal(r.json.score, 1);
      r = await u.memb.putJSON(`/api/v1/posts/${ans.moder.id}/vote`, { value: 0 });
      assert.equal(r.json.score, 0);
      r = await u.memb.putJSON(`/api/v1/posts/${ans.moder.id}/vote`, { value: 2 });
      assert.equal(r.status, 400);
      r = await u.outsider.putJSON(`/api/v1/posts/${ans.moder.id}/vote`, { value: 1 });
      assert.equal(r.status, 403);
      r = await u.anon.putJSON(`/api/v1/posts/${ans.moder.id}/vote`, { value: 1 });
      assert.equal(r.status, 401);
      // coord's answer gets two up votes: it sorts first among unaccepted answers.
      await u.memb.putJSON(`/api/v1/posts/${ans.coord.id}/vote`, { value: 1 });
      await u.memb2.putJSON(`/api/v1/posts/${ans.coord.id}/vote`, { value: 1 });
      r = await u.memb.get(`/api/v1/threads/${q.id}`);
      assert.equal(r.json.score, 1);
      assert.deepEqual(r.json.posts.map((p) => p.id), [op.id, ans.coord.id, ans.memb2.id, ans.moder.id]);
      assert.equal(r.json.posts[1].my_vote, 1);
    });

    test('accept: asker and coordinator, not others; accepted sorts first; solved everywhere', async () => {
      let r = await u.memb2.putJSON(`/api/v1/threads/${q.id}/accepted`, { post_id: ans.memb2.id });
      assert.equal(r.status, 403, 'not the asker');
      r = await u.outsider.putJSON(`/api/v1/threads/${q.id}/accepted`, { post_id: ans.memb2.id });
      assert.equal(r.status, 403);
      r = await u.memb.putJSON(`/api/v1/threads/${q.id}/accepted`, { post_id: ans.memb2.id });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.solved, true);
      r = await u.coord.putJSON(`/api/v1/threads/${q.id}/accepted`, { post_id: ans.moder.id });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.accepted_post_id, ans.moder.id);
      r = await u.anon.get(`/api/v1/threads/${q.id}`);
      assert.deepEqual(r.json.posts.slice(1).map((p) => p.id), [ans.moder.id, ans.coord.id, ans.memb2.id]);
      assert.equal(r.json.posts[1].accepted, true);
      r = await u.anon.get(`/api/v1/communities/${C.pub.slug}/threads`);
      assert.equal(r.json.threads.find((t) => t.id === q.id).solved, true);
      r = await u.anon.get(`/api/v1/communities/${C.pub.slug}/threads?filter=unsolved`);
      assert.ok(!r.json.threads.some((t) => t.id === q.id));
      r = await u.memb.del(`/api/v1/threads/${q.id}/accepted`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.solved, false);
      r = await u.memb.putJSON(`/api/v1/threads/${q.id}/accepted`, { post_id: ans.moder.id });
      assert.equal(r.json.solved, true);
    });

    test('edit writes revisions; history and word diff', async () => {
      const op = (await u.anon.get(`/api/v1/threads/${q.id}`)).json.posts[0];
      let r = await u.memb2.patchJSON(`/api/v1/posts/${op.id}`, { body: 'hijack' });
      assert.equal(r.status, 403);
      r = await u.memb.patchJSON(`/api/v1/posts/${op.id}`, {
        body: 'I have **rootstock** and scions.', title: 'How do I graft an apple tree in spring?', summary: 'more detail',
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.edit_count, 1);
      assert.equal(r.json.thread.title, 'How do I graft an apple tree in spring?');
      r = await u.moder.patchJSON(`/api/v1/posts/${op.id}`, { tags: ['beta'] });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.thread.tags, ['beta']);
      r = await u.anon.get(`/api/v1/posts/${op.id}/revisions`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.revisions.map((x) => x.rev), [3, 2, 1]);
      assert.equal(r.json.revisions[2].title, 'How do I graft an apple tree?');
      assert.equal(r.json.revisions[1].summary, 'more detail');
      r = await u.anon.get(`/api/v1/posts/${op.id}/revisions?a=1&b=2`);
      assert.equal(r.status, 200, r.text);
      assert.match(r.json.diff_html, /<ins>/);
      r = await u.anon.get(`/api/v1/posts/${op.id}/revisions?a=1&b=9`);
      assert.equal(r.status, 404);
    });

    test('likes on discussions only, not own, toggle', async () => {
      let r = await u.memb.postJSON(`/api/v1/communities/${C.pub.slug}/threads`, {
        kind: 'discussion', title: 'Show us your orchard', body: 'Photos welcome',
      });
      assert.equal(r.status, 201, r.text);
      const d = (await u.anon.get(`/api/v1/threads/${r.json.id}`)).json.posts[0];
      r = await u.memb.putJSON(`/api/v1/posts/${d.id}/like`, {});
      assert.equal(r.status, 403);
      r = await u.memb2.putJSON(`/api/v1/posts/${d.id}/like`, {});
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.like_count, 1);
      r = await u.memb2.putJSON(`/api/v1/posts/${d.id}/like`, {});
      assert.equal(r.json.like_count, 1);
      r = await u.memb2.del(`/api/v1/posts/${d.id}/like`);
      assert.equal(r.json.like_count, 0);
      r = await u.memb2.putJSON(`/api/v1/posts/${ans.moder.id}/like`, {});
      assert.equal(r.status, 403, 'no likes on questions');
    });

    test('moderation: lock, close, pin, hide, delete, move, with audit and permissions', async () => {
      let r = await u.memb.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'lock' });
      assert.equal(r.status, 403);
      r = await u.moder.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'lock' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.locked, true);
      r = await u.memb2.postJSON(`/api/v1/threads/${q.id}/posts`, { body: 'locked?' });
      assert.equal(r.status, 403);
      r = await u.moder.postJSON(`/api/v1/threads/${q.id}/posts`, { body: 'moderator note' });
      assert.equal(r.status, 201);
      await u.moder.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'unlock' });
      r = await u.coord.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'close' });
      assert.equal(r.status, 400, 'close needs a reason');
      r = await u.coord.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'close', reason: 'Answered <b>well</b>' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.closed, true);
      assert.equal(r.json.close_reason, 'Answered <b>well</b>');
      r = await u.memb2.postJSON(`/api/v1/threads/${q.id}/posts`, { body: 'closed?' });
      assert.equal(r.status, 403);
      await u.coord.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'reopen' });
      r = await u.admin.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'pin' });
      assert.equal(r.json.pinned, true);
      r = await u.anon.get(`/api/v1/communities/${C.pub.slug}/threads`);
      assert.equal(r.json.threads[0].id, q.id, 'pinned first');
      // hide memb2's answer
      r = await u.memb.postJSON(`/api/v1/posts/${ans.memb2.id}/hide`, { reason: 'x' });
      assert.equal(r.status, 403);
      r = await u.moder.postJSON(`/api/v1/posts/${ans.memb2.id}/hide`, {});
      assert.equal(r.status, 400, 'reason required');
      r = await u.moder.postJSON(`/api/v1/posts/${ans.memb2.id}/hide`, { reason: 'off topic' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.hidden, true);
      r = await u.anon.get(`/api/v1/posts/${ans.memb2.id}`);
      assert.equal(r.json.body_html, null);
      assert.equal(r.json.hide_reason, 'off topic');
      r = await u.memb2.get(`/api/v1/posts/${ans.memb2.id}`);
      assert.match(r.json.body_html, /Answer by memb2/);
      r = await u.moder.postJSON(`/api/v1/posts/${ans.memb2.id}/unhide`, {});
      assert.equal(r.json.hidden, false);
      // delete
      r = await u.memb.del(`/api/v1/posts/${ans.coord.id}`);
      assert.equal(r.status, 403);
      r = await u.memb2.del(`/api/v1/posts/${ans.memb2.id}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.deleted, true);
      r = await u.anon.get(`/api/v1/posts/${ans.memb2.id}`);
      assert.equal(r.json.body_md, null);
      r = await u.anon.get(`/api/v1/threads/${q.id}`);
      assert.equal(r.json.answer_count, 3, 'coord + moder + moderator note');
      // audit
      r = await u.memb.get(`/api/v1/communities/${C.pub.slug}/audit`);
      assert.equal(r.status, 403);
      r = await u.anon.get(`/api/v1/communities/${C.pub.slug}/audit`);
      assert.equal(r.status, 401);
      r = await u.coord.get(`/api/v1/communities/${C.pub.slug}/audit`);
      assert.equal(r.status, 200, r.text);
      const actions = r.json.entries.map((e) => e.action);
      for (const a of ['lock', 'unlock', 'close', 'reopen', 'pin', 'hide', 'unhide', 'delete', 'accept', 'unaccept']) {
        assert.ok(actions.includes(a), `audit has ${a}: ${actions}`);
      }
      assert.equal(r.json.entries.find((e) => e.action === 'close').detail, 'Answered <b>well</b>');
      // move to the members-only community (coord coordinates both)
      r = await u.memb.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'move', to: C.mem.slug });
      assert.equal(r.status, 403);
      r = await u.coord.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'move', to: C.mem.slug });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.community.slug, C.mem.slug);
      r = await u.anon.get(`/api/v1/threads/${q.id}`);
      assert.equal(r.status, 401, 'moved into a members-only community: sign in to read');
      r = await u.coord.get(`/api/v1/communities/${C.mem.slug}/audit`);
      assert.ok(r.json.entries.some((e) => e.action === 'move' && e.thread_id === q.id));
      r = await u.coord.postJSON(`/api/v1/threads/${q.id}/moderation`, { action: 'move', to: C.pub.slug });
      assert.equal(r.status, 200);
    });

    test('visibility: every role x public, members, private', async () => {
      const can = {
        pub: { anon: 1, outsider: 1, memb: 1, moder: 1, coord: 1, admin: 1 },
        mem: { anon: 0, outsider: 1, memb: 1, moder: 1, coord: 1, admin: 1 },
        priv: { anon: 0, outsider: 0, memb: 1, moder: 1, coord: 1, admin: 1 },
      };
      for (const k of ['pub', 'mem', 'priv']) {
        const t = T[k];
        const opId = (await u.memb.get(`/api/v1/threads/${t.id}`)).json.posts[0].id;
        for (const a of actors) {
          const want = can[k][a];
          const signIn = k === 'mem' && a === 'anon'; // members-only: 401, "sign in to read"
          let r = await u[a].get(`/api/v1/threads/${t.id}`);
          assert.equal(r.status, want ? 200 : signIn ? 401 : 404, `${a} GET thread in ${k}`);
          if (!want) assert.ok(!r.text.includes('Zanzibar'), 'no title in the 404');
          r = await u[a].get(`/api/v1/posts/${opId}`);
          assert.equal(r.status, want ? 200 : signIn ? 401 : 404, `${a} GET post in ${k}`);
          r = await u[a].get(`/api/v1/posts/${opId}/revisions`);
          assert.equal(r.status, want ? 200 : signIn ? 401 : 404, `${a} revisions in ${k}`);
          r = await u[a].get(`/api/v1/communities/${C[k].slug}/threads`);
          assert.equal(r.status, want ? 200 : signIn ? 401 : 404, `${a} list in ${k}`);
          for (const f of ['latest', 'unanswered', 'unsolved', 'top']) {
            r = await u[a].get(`/api/v1/threads?filter=${f}&limit=100`);
            assert.equal(r.status, 200, r.text);
            assert.equal(r.json.threads.some((x) => x.id === t.id), !!want, `${a} instance ${f} list and ${k}`);
          }
          r = await u[a].get(`/api/v1/threads?filter=tag&tag=alpha&limit=100`);
          assert.equal(r.json.threads.some((x) => x.id === t.id), !!want, `${a} tag list and ${k}`);
          r = await u[a].get(`/api/v1/communities/${C.pub.slug}/similar?title=${encodeURIComponent('Zanzibar question')}`);
          assert.equal(r.status, 200);
          r = await u[a].get(`/api/v1/communities/${C[k].slug}/similar?title=Zanzibar`);
          assert.equal(r.status, want ? 200 : signIn ? 401 : 404, `${a} similar in ${k}`);
          if (want) assert.ok(r.json.threads.some((x) => x.id === t.id), `${a} similar finds ${k}`);
          if (!want) r = await u[a].postJSON(`/api/v1/threads/${t.id}/posts`, { body: 'hi' });
          if (!want) assert.equal(r.status, a === 'anon' ? 401 : 404, `${a} reply in ${k}`);
          if (a !== 'anon') {
            r = await u[a].putJSON(`/api/v1/drafts/reply:${t.id}`, { body: 'draft' });
            assert.equal(r.status, want ? 200 : 404, `${a} draft for ${k}: ${r.text}`);
            r = await u[a].get(`/api/v1/communities/${C[k].slug}/audit`);
            const staff = ['moder', 'coord', 'admin'].includes(a);
            assert.equal(r.status, !want ? 404 : staff ? 200 : 403, `${a} audit in ${k}`);
          }
        }
      }
      // mine
      let r = await u.memb.get('/api/v1/threads?filter=mine&limit=100');
      assert.ok(r.json.threads.some((x) => x.id === T.priv.id));
      r = await u.anon.get('/api/v1/threads?filter=mine');
      assert.equal(r.status, 401);
    });

    test('keyset pagination over 65 threads: no duplicates or gaps; hostile cursors are 400', async () => {
      const ids = [];
      for (let i = 0; i < 65; i++) {
        const r = await u.memb.postJSON(`/api/v1/communities/${C.pag.slug}/threads`, {
          kind: i % 2 ? 'question' : 'discussion', title: `Paged thread number ${i}`, body: `n ${i}`,
        });
        assert.equal(r.status, 201, r.text);
        ids.push(r.json.id);
      }
      // ties on last_activity_at must be broken by id
      sql(srv, `UPDATE threads SET last_activity_at = 1700000000 WHERE id IN (${ids.slice(10, 50).join(',')})`);
      for (const base of [`/api/v1/communities/${C.pag.slug}/threads`, '/api/v1/threads']) {
        const seen = [];
        let next = null;
        let pages = 0;
        do {
          const r = await u.memb.get(`${base}?limit=30${next ? `&after=${encodeURIComponent(next)}` : ''}`);
          assert.equal(r.status, 200, r.text);
          if (base.includes(C.pag.slug)) assert.equal(r.json.total, 65);
          seen.push(...r.json.threads.map((t) => t.id));
          next = r.json.next;
          pages++;
        } while (next && pages < 20);
        assert.equal(new Set(seen).size, seen.length, 'no duplicates');
        for (const id of ids) assert.ok(seen.includes(id), `thread ${id} seen via ${base}`);
      }
      // top: by score
      const first = await u.memb.get(`/api/v1/communities/${C.pag.slug}/threads?limit=30&filter=top&period=all`);
      assert.equal(first.status, 200);
      const second = await u.memb.get(`/api/v1/communities/${C.pag.slug}/threads?limit=30&filter=top&after=${encodeURIComponent(first.json.next)}`);
      assert.equal(second.status, 200, second.text);
      assert.ok(!second.json.threads.some((t) => first.json.threads.some((f) => f.id === t.id)));
      // a latest cursor on the top list, tampering, junk
      const cur = (await u.memb.get(`/api/v1/communities/${C.pag.slug}/threads?limit=30`)).json.next;
      const parts = cur.split('.');
      const bad = [
        `${parts[0]}.${parts[1]}.${Number(parts[2]) + 1}.${parts[3]}`,
        `${parts[0]}.${Number(parts[1]) - 1}.${parts[2]}.${parts[3]}`,
        'x', '1.2.3', '-1.2.3.0123456789abcdef', `${cur}0`, 'a'.repeat(5000), "1' OR 1=1 --", '%00',
      ];
      for (const b of bad) {
        const r = await u.memb.get(`/api/v1/communities/${C.pag.slug}/threads?after=${encodeURIComponent(b)}`);
        assert.ok(r.status === 400 || (b.length > 4000 && r.status === 414), `cursor ${b.slice(0, 40)}: ${r.status}`);
      }
      const r = await u.memb.get(`/api/v1/threads?after=${encodeURIComponent(cur)}`);
      assert.equal(r.status, 400, 'a community pinned cursor is not valid for the instance list');
      const unanswered = await u.memb.get(`/api/v1/communities/${C.pag.slug}/threads?filter=unanswered`);
      assert.equal(unanswered.json.total, 32);
      assert.ok(unanswered.json.threads.every((t) => t.kind === 'question'));
    });

    test('a 250-post thread: permalink of post 120 lands on page 3', async () => {
      let r = await u.memb.postJSON(`/api/v1/communities/${C.pag.slug}/threads`, {
        kind: 'discussion', title: 'A very long discussion', body: 'post 1',
      });
      const tid = r.json.id;
      let p120;
      for (let i = 2; i <= 250; i++) {
        r = await u[i % 2 ? 'memb' : 'memb2'].postJSON(`/api/v1/threads/${tid}/posts`, { body: `post ${i}` });
        assert.equal(r.status, 201, r.text);
        if (i === 120) p120 = r.json;
      }
      assert.equal(p120.position, 120);
      r = await u.anon.get(`/api/v1/posts/${p120.id}`);
      assert.equal(r.json.page, 3);
      r = await u.anon.get(`/api/v1/threads/${tid}?page=3`);
      assert.equal(r.json.pages, 5);
      assert.ok(r.json.posts.some((p) => p.id === p120.id));
      assert.equal(r.json.posts[0].position, 101);
      r = await u.anon.get(`/api/v1/threads/${tid}?page=99`);
      assert.equal(r.json.page, 5);
      assert.equal(r.json.posts.length, 50);
    });

    test('mentions are recorded and linked, never inside code', async () => {
      const r = await u.memb.postJSON(`/api/v1/threads/${T.pub.id}/posts`, {
        body: 'Thanks @memb2 and @nobody-here; see `@moder` and [@coord](https://example.com).',
      });
      assert.equal(r.status, 201, r.text);
      assert.match(r.json.body_html, /<a class="mention" href="\/u\/memb2">@memb2<\/a>/);
      assert.ok(!r.json.body_html.includes('/u/moder'));
      assert.ok(!r.json.body_html.includes('/u/nobody-here'));
      assert.ok(!r.json.body_html.includes('/u/coord'));
      const n = sql(srv, `SELECT count(*) FROM mentions WHERE post_id = ${r.json.id}`);
      assert.equal(n, '1');
    });

    test('drafts: save, load, delete; deleted when posting', async () => {
      let r = await u.memb.putJSON(`/api/v1/drafts/reply:${T.pub.id}`, { body: 'half a thought' });
      assert.equal(r.status, 200, r.text);
      r = await u.memb.get(`/api/v1/drafts/reply:${T.pub.id}`);
      assert.equal(r.json.body, 'half a thought');
      r = await u.memb2.get(`/api/v1/drafts/reply:${T.pub.id}`);
      assert.equal(r.status, 404, 'drafts are per user');
      await u.memb.postJSON(`/api/v1/threads/${T.pub.id}/posts`, { body: 'a whole thought' });
      r = await u.memb.get(`/api/v1/drafts/reply:${T.pub.id}`);
      assert.equal(r.status, 404, 'deleted on post');
      r = await u.memb.putJSON('/api/v1/drafts/bogus:1', { body: 'x' });
      assert.equal(r.status, 400);
      r = await u.memb.putJSON(`/api/v1/drafts/new:1`, { body: 'x'.repeat(80 * 1024) });
      assert.equal(r.status, 413);
      r = await u.memb.del(`/api/v1/drafts/reply:${T.pub.id}`);
      assert.equal(r.status, 200);
    });

    test('adversarial input: huge body, XSS, deep quotes, tags', async () => {
      const base = `/api/v1/communities/${C.pub.slug}/threads`;
      let r = await u.memb.postJSON(base, { kind: 'discussion', title: 'A huge body here', body: 'x'.repeat(70 * 1024) });
      assert.equal(r.status, 413, r.text.slice(0, 200));
      r = await u.memb.postJSON(`/api/v1/threads/${T.pub.id}/posts`, { body: 'y'.repeat(70 * 1024) });
      assert.equal(r.status, 413);
      const xss = '<script>alert(1)</script><img src=x onerror=alert(2)>';
      r = await u.memb.postJSON(base, { kind: 'discussion', title: `XSS ${xss}`, body: `Body ${xss} "quoted" 'single'` });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.title, `XSS ${xss}`);
      const t = await u.anon.get(`/api/v1/threads/${r.json.id}`);
      assert.match(t.headers.get('content-type'), /application\/json/);
      const html = t.json.posts[0].body_html;
      assert.ok(!/<script|<img/i.test(html), html);
      assert.match(html, /&lt;script&gt;/);
      r = await u.memb.postJSON(base, { kind: 'discussion', title: 'Tags with markup', body: 'b', tags: '<b>x</b>' });
      assert.equal(r.status, 400);
      r = await u.memb.postJSON(base, { kind: 'discussion', title: 'Unknown tag here', body: 'b', tags: ['nosuchtag'] });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'tags');
      r = await u.memb.postJSON(base, {
        kind: 'discussion', title: 'Six tags are too many', body: 'b', tags: ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'],
      });
      assert.equal(r.status, 400);
      r = await u.memb.postJSON(base, { kind: 'discussion', title: 'Deep quotes here', body: `${'>'.repeat(10000)} deep` });
      assert.equal(r.status, 201, r.text.slice(0, 300));
      r = await u.memb.postJSON(base, { kind: 'discussion', title: 'short', body: 'b' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'title');
      r = await u.memb.postJSON(base, { kind: 'poll', title: 'A thread of a bad kind', body: 'b' });
      assert.equal(r.status, 400);
      r = await u.memb.postJSON(base, { kind: 'discussion', title: 'Whitespace only body', body: '   \n ' });
      assert.equal(r.status, 400);
      r = await u.anon.get('/api/v1/threads/abc');
      assert.equal(r.status, 404);
      r = await u.anon.get('/api/v1/threads/99999999999999999999');
      assert.equal(r.status, 404);
      r = await u.anon.get('/api/v1/threads?filter=nonsense');
      assert.equal(r.status, 400);
    });
  });
}

// Participation levels and trajectories on every backend (docs/participation.md): levels from
// a scripted history (rows inserted with chosen timestamps), the monthly trajectory of one
// member across months, the API's permissions (members see counts, coordinators also see
// who is at which level, a member's history is theirs and the coordinators', outsiders get
// 404 for a private community), the coordinator page, and the welcome notification on join.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer, randomName, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';
const DAY = 86400;
const WINDOW = 90 * DAY;

// First second after month m (a Date.UTC month index relative to now's month).
function monthStart(offset) {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1) / 1000;
}
function monthName(offset) {
  const d = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

for (const backend of backends()) {
  describe(`participation (${backend})`, () => {
    let srv, cid;
    const u = {};
    const sfx = randomName().slice(0, 6);
    const PRIV = `pp-${sfx}`;
    const PUB = `pq-${sfx}`;
    const now = Math.floor(Date.now() / 1000);
    const ids = {};
    // the time per1's three old accepted answers were written: the 15th, five months ago
    const old = monthStart(-5) + 14 * DAY;

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status}`);
      await c.get('/');
      return c;
    }
    const one = (stmt) => sql(srv, stmt).split('\n')[0].trim();
    function thread(author, t) {
      return one(`INSERT INTO threads (community_id, kind, title, author_id, created_at, last_activity_at)
        VALUES (${cid}, 'question', 'Q ${t}', ${ids[author]}, ${t}, ${t}) RETURNING id`);
    }
    function post(tid, pos, author, t) {
      return one(`INSERT INTO posts (thread_id, position, author_id, body_md, body_html, created_at)
        VALUES (${tid}, ${pos}, ${ids[author]}, 'b', '<p>b</p>', ${t}) RETURNING id`);
    }
    function acceptedAnswer(author, t) {
      const tid = thread('asker', t - 3600);
      post(tid, 1, 'asker', t - 3600);
      const pid = post(tid, 2, author, t);
      sql(srv, `UPDATE threads SET accepted_post_id = ${pid}, accepted_at = ${t} WHERE id = ${tid}`);
    }
    function reply(author, t) {
      const tid = thread('asker', t - 3600);
      post(tid, 1, 'asker', t - 3600);
      post(tid, 2, author, t);
    }

    const people = ['asker', 'core1', 'act1', 'per1', 'member', 'outsider', 'joiner'];
    // (coord is made a coordinator of the private community by a membership row below)

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('coord', { password: PW, admin: false });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of people) await srv.addUser(n, { password: PW });
      u.anon = srv.client();
      u.admin = await login('admin1');
      for (const n of ['coord', ...people]) u[n] = await login(n);
      for (const n of ['coord', ...people]) ids[n] = one(`SELECT id FROM users WHERE name = '${n}'`);
      let r = await u.admin.postJSON('/api/v1/communities', {
        name: `Private ${sfx}`, slug: PRIV, visibility: 'private',
      });
      assert.equal(r.status, 201, r.text);
      r = await u.admin.postJSON('/api/v1/communities', {
        name: `Public ${sfx}`, slug: PUB, visibility: 'public',
        charter_md: 'Be kind. Ask with details.',
      });
      assert.equal(r.status, 201, r.text);
      cid = one(`SELECT id FROM communities WHERE slug = '${PRIV}'`);
      sql(srv, `INSERT INTO memberships (community_id, user_id, role, joined_at) VALUES (${cid}, ${ids.coord}, 'coordinator', ${now})`);
      for (const n of ['asker', 'core1', 'act1', 'per1', 'member']) {
        sql(srv, `INSERT INTO memberships (community_id, user_id, role, joined_at) VALUES (${cid}, ${ids[n]}, 'member', ${now})`);
      }
      // the scripted history
      for (let i = 0; i < 3; i++) acceptedAnswer('core1', now - (10 + i) * DAY);
      reply('act1', now - 5 * DAY);
      reply('act1', now - 6 * DAY);
      const q = thread('per1', now - 3 * DAY);
      post(q, 1, 'per1', now - 3 * DAY);
      for (let i = 0; i < 3; i++) acceptedAnswer('per1', old + i * 3600);
      // a vote only: peripheral; an old vote outside every window counts for nothing
      const v = thread('asker', now - 2 * DAY);
      const vp = post(v, 1, 'asker', now - 2 * DAY);
      sql(srv, `INSERT INTO votes (post_id, user_id, value, created_at) VALUES (${vp}, ${ids.member}, 1, ${now - DAY})`);
    });
    after(async () => { await srv?.stop(); });

    test('levels now: core, active, peripheral from the scripted history; coordinators see members', async () => {
      const r = await u.coord.get(`/api/v1/communities/${PRIV}/participation?months=6`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.window_days, 90);
      assert.equal(r.json.months.length, 6);
      const cur = r.json.months[5];
      assert.equal(cur.month, monthName(0));
      assert.equal(cur.core, 1);
      assert.equal(cur.active, 1);
      // asker (questions only), per1 (one question now), member (one vote)
      assert.equal(cur.peripheral, 3);
      const names = (lvl) => r.json.members[lvl].map((m) => m.name).sort();
      assert.deepEqual(names('core'), ['core1']);
      assert.deepEqual(names('active'), ['act1']);
      assert.deepEqual(names('peripheral'), ['asker', 'member', 'per1']);
      assert.equal(typeof r.json.quarter.inward, 'number');
      assert.equal(typeof r.json.quarter.outward, 'number');
    });

    test('trajectory: a member core months ago, then inactive, now peripheral', async () => {
      const r = await u.per1.get(`/api/v1/communities/${PRIV}/participation?user=per1&months=7`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.user, 'per1');
      assert.equal(r.json.months.length, 7);
      for (let k = 0; k < 7; k++) {
        const off = k - 6;
        const m = r.json.months[k];
        assert.equal(m.month, monthName(off));
        if (off === 0) { assert.equal(m.level, 'peripheral'); continue; }
        const end = monthStart(off + 1);
        const expect = old < end && old + 2 * 3600 >= end - WINDOW ? 'core' : 'inactive';
        assert.equal(m.level, expect, `${m.month}`);
      }
      assert.ok(r.json.months.some((m) => m.level === 'core'));
      // past months are stored once computed; the same answer comes back from the table
      const stored = Number(one(`SELECT COUNT(*) FROM participation_months WHERE community_id = ${cid}`));
      assert.ok(stored >= 6, `stored months ${stored}`);
      const again = await u.coord.get(`/api/v1/communities/${PRIV}/participation?user=per1&months=7`);
      assert.equal(again.status, 200, again.text);
      assert.deepEqual(again.json.months, r.json.months);
      // the summary counts per1 as core in the month after the old answers
      const s = await u.member.get(`/api/v1/communities/${PRIV}/participation?months=7`);
      assert.equal(s.status, 200, s.text);
      assert.equal(s.json.months[1].core, 1, JSON.stringify(s.json.months));
    });

    test('permissions: members see counts only, histories are private, outsiders get 404', async () => {
      let r = await u.member.get(`/api/v1/communities/${PRIV}/participation`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.members, undefined);
      assert.equal(r.json.months.length, 12);
      r = await u.member.get(`/api/v1/communities/${PRIV}/participation?user=per1`);
      assert.equal(r.status, 403, r.text);
      r = await u.outsider.get(`/api/v1/communities/${PRIV}/participation`);
      assert.equal(r.status, 404, r.text);
      r = await u.anon.get(`/api/v1/communities/${PRIV}/participation`);
      assert.equal(r.status, 404, r.text);
      r = await u.outsider.get(`/c/${PRIV}/participation`);
      assert.equal(r.status, 404);
      r = await u.member.get(`/c/${PRIV}/participation`);
      assert.equal(r.status, 403);
      r = await u.coord.get(`/c/${PRIV}/participation`);
      assert.equal(r.status, 200);
      assert.match(r.text, /<table class="participation">/);
      assert.match(r.text, /<svg class="participation-chart"/);
      assert.match(r.text, /href="\/u\/core1"/);
      r = await u.member.get(`/api/v1/communities/${PRIV}/participation?months=0`);
      assert.equal(r.status, 400, r.text);
    });

    test('profile: the trajectory shows to the member and coordinators only; nav link for coordinators', async () => {
      let r = await u.per1.get('/u/per1');
      assert.equal(r.status, 200);
      assert.match(r.text, /<section class="participation-profile"/);
      assert.match(r.text, new RegExp(`href="/c/${PRIV}">Private`));
      assert.match(r.text, /<abbr title="core">C<\/abbr>/);
      r = await u.coord.get('/u/per1');
      assert.match(r.text, /<section class="participation-profile"/);
      for (const who of ['member', 'outsider', 'anon']) {
        r = await u[who].get('/u/per1');
        assert.equal(r.status, 200);
        assert.doesNotMatch(r.text, /participation-profile/, who);
      }
      r = await u.coord.get(`/c/${PRIV}/members`);
      assert.match(r.text, new RegExp(`href="/c/${PRIV}/participation"`));
      r = await u.member.get(`/c/${PRIV}/members`);
      assert.doesNotMatch(r.text, /\/participation"/);
    });

    test('welcome notification on join links the community page', async () => {
      const r = await u.joiner.postJSON(`/api/v1/communities/${PUB}/join`, {});
      assert.ok(r.status === 200 || r.status === 201, r.text);
      const n = await u.joiner.get('/api/v1/notifications');
      assert.equal(n.status, 200, n.text);
      const w = n.json.notifications.filter((x) => x.kind === 'welcome');
      assert.equal(w.length, 1, n.text);
      assert.equal(w[0].link, `/c/${PUB}`);
      assert.match(w[0].text, /Welcome to Public/);
      // joining again (a double submit) does not welcome twice
      await u.joiner.postJSON(`/api/v1/communities/${PUB}/join`, {});
      const n2 = await u.joiner.get('/api/v1/notifications');
      assert.equal(n2.json.notifications.filter((x) => x.kind === 'welcome').length, 1);
    });
  });
}

// The community health pages and the monthly summary mail, on every backend (issue 17;
// web/report.c, web/chart.c, domain/report_mail.c): who may see /c/:slug/health (a
// coordinator and an administrator yes; a member 403; an outsider of a private community
// 404) and the Health tab only for them; the page's four charts are SVG with a title and a
// description tied by aria-labelledby, and each chart's data table shows the same numbers
// as the API; user text (a question titled <script>...) is escaped; a bad date is a form
// error (422) naming the field; /admin/health is for administrators and lists private
// communities; the monthly summary reaches a coordinator through a real SMTP sink with
// plain-text and HTML parts, this month's numbers next to the month before and a link to the
// page, once per month, and stops after its one-click unsubscribe link and when switched
// off in the settings.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { backends, randomName, sql, startServer } from './lib.mjs';
import { linkIn, startSink } from './mail_lib.mjs';

const PW = 'quiet river stones 9';

function ym(offset) {
  const d = new Date();
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
  return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}`;
}
function today() {
  return new Date().toISOString().slice(0, 10);
}
const dash = '\u2014';

// The rows of the data table of chart `id`: {label: [cells...]}.
function chartTable(html, id) {
  const start = html.indexOf(`<figure class="chart" id="${id}">`);
  assert.ok(start >= 0, `chart ${id} on the page`);
  const fig = html.slice(start, html.indexOf('</figure>', start));
  const rows = {};
  for (const m of fig.matchAll(/<tr><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g)) {
    rows[m[1]] = [...m[2].matchAll(/<td class="num">(?:<span[^>]*>)?([^<]*)/g)].map((x) => x[1]);
  }
  return { fig, rows };
}

for (const backend of backends()) {
  describe(`health pages and mail (${backend})`, () => {
    let srv;
    let sink;
    const u = {};
    const sfx = randomName().slice(0, 6);
    const PUB = `hw-${sfx}`;
    const PRIV = `hx-${sfx}`;
    const range = `from=${ym(-11)}-01&to=${today()}`;

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status}`);
      await c.get('/');
      return c;
    }
    async function ask(c, title, tags) {
      const r = await c.postJSON(`/api/v1/communities/${PUB}/threads`, {
        kind: 'question', title, body: `Body of ${title}`, tags,
      });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function answer(c, tid, body) {
      const r = await c.postJSON(`/api/v1/threads/${tid}/posts`, { body });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }

    before(async () => {
      sink = await startSink();
      srv = await startServer({ backend, args: ['--smtp', sink.url, '--job-retry-base', '1'] });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of ['coord', 'asker', 'helper', 'member', 'outsider']) {
        await srv.addUser(n, { password: PW });
      }
      u.anon = srv.client();
      u.admin = await login('admin1');
      for (const n of ['coord', 'asker', 'helper', 'member', 'outsider']) u[n] = await login(n);
      for (const [slug, visibility] of [[PUB, 'public'], [PRIV, 'private']]) {
        const r = await u.admin.postJSON('/api/v1/communities', {
          name: `Health ${slug}`, slug, visibility, tags: 'hops, yeast',
        });
        assert.equal(r.status, 201, r.text);
      }
      for (const n of ['coord', 'asker', 'helper', 'member']) {
        const r = await u[n].postJSON(`/api/v1/communities/${PUB}/join`, {});
        assert.equal(r.status, 200, r.text);
      }
      const r = await u.admin.putJSON(`/api/v1/communities/${PUB}/members/coord`, { role: 'coordinator' });
      assert.equal(r.status, 200, r.text);
      // three questions this month: one answered and solved, one answered, one open (its
      // title is markup, which must come out escaped)
      const q1 = await ask(u.asker, 'How long should hops dry?', ['hops']);
      const q2 = await ask(u.asker, 'Which yeast for a saison?', ['yeast']);
      await ask(u.asker, '<script>alert(1)</script> in my wort?', ['yeast']);
      const a1 = await answer(u.helper, q1.id, 'About three days, turned daily.');
      await answer(u.helper, q2.id, 'A French saison strain.');
      const acc = await u.asker.putJSON(`/api/v1/threads/${q1.id}/accepted`, { post_id: a1.id });
      assert.equal(acc.status, 200, acc.text);
    });
    after(async () => {
      await srv?.stop();
      await sink?.stop();
      sink?.cleanup();
    });

    test('who may see the page: coordinator and admin yes, member 403, outsider of private 404', async () => {
      assert.equal((await u.coord.get(`/c/${PUB}/health`)).status, 200);
      assert.equal((await u.admin.get(`/c/${PUB}/health`)).status, 200);
      assert.equal((await u.admin.get(`/c/${PRIV}/health`)).status, 200);
      assert.equal((await u.member.get(`/c/${PUB}/health`)).status, 403);
      assert.equal((await u.outsider.get(`/c/${PUB}/health`)).status, 403);
      assert.equal((await u.outsider.get(`/c/${PRIV}/health`)).status, 404);
      assert.equal((await u.coord.get(`/c/${PRIV}/health`)).status, 404);
      const anon = await u.anon.get(`/c/${PRIV}/health`);
      assert.ok([303, 401, 404].includes(anon.status), `anonymous: ${anon.status}`);
      assert.doesNotMatch(anon.text, /Health hx-/);
      // the tab: for the coordinator, not for a member
      assert.match((await u.coord.get(`/c/${PUB}`)).text, new RegExp(`href="/c/${PUB}/health"`));
      assert.doesNotMatch((await u.member.get(`/c/${PUB}`)).text, /\/health"/);
    });

    test('four SVG charts with title and description, tables equal to the API', async () => {
      const page = await u.coord.get(`/c/${PUB}/health?${range}`);
      assert.equal(page.status, 200, page.text);
      const api = await u.coord.get(`/api/v1/communities/${PUB}/health?${range}`);
      assert.equal(api.status, 200, api.text);
      for (const id of ['chart-questions', 'chart-first-answer', 'chart-participation', 'chart-retention']) {
        const { fig } = chartTable(page.text, id);
        assert.match(fig, new RegExp(`<svg class="chart-svg[^"]*" role="img" [^>]*aria-labelledby="${id}-t ${id}-d"`));
        assert.match(fig, new RegExp(`<title id="${id}-t">[^<]+</title>`));
        assert.match(fig, new RegExp(`<desc id="${id}-d">[^<]+</desc>`));
        assert.match(fig, new RegExp(`<caption id="${id}-c">`));
      }
      const months = api.json.months;
      assert.equal(months.length, 12);
      const cur = months.find((m) => m.month === ym(0));
      assert.deepEqual([cur.questions, cur.answered, cur.solved], [3, 2, 1]);
      const qs = chartTable(page.text, 'chart-questions').rows;
      const fa = chartTable(page.text, 'chart-first-answer').rows;
      assert.equal(Object.keys(qs).length, months.length);
      for (const m of months) {
        assert.deepEqual(qs[m.month], [String(m.questions), String(m.answered), String(m.solved)], m.month);
        const fmt = (v) => (v === null ? dash : v.toFixed(1));
        assert.deepEqual(fa[m.month], [fmt(m.first_answer_median_h), fmt(m.first_answer_p90_h)], m.month);
      }
      // the description says what the data shows
      assert.match(chartTable(page.text, 'chart-questions').fig, new RegExp(`Questions: [^<]*highest 3 in ${ym(0)}`));
      // the tag table links the tags and the CSV downloads are offered
      assert.match(page.text, new RegExp(`href="/c/${PUB}/tags/hops"`));
      assert.match(page.text, new RegExp(`href="/api/v1/communities/${PUB}/health/months.csv\\?from=${ym(-11)}-01&amp;to=${today()}"`));
    });

    test('user text is escaped everywhere on the page', async () => {
      const page = await u.coord.get(`/c/${PUB}/health?${range}`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, /<script>alert/);
      assert.match(page.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; in my wort\?/);
    });

    test('a bad date is a form error naming the field', async () => {
      const r = await u.coord.get(`/c/${PUB}/health?from=2025-02-30&to=${today()}`);
      assert.equal(r.status, 422, r.text.slice(0, 300));
      assert.match(r.text, /<a href="#from">from must be a [^<]*date/);
      assert.match(r.text, /<input[^>]*name="from"[^>]*value="2025-02-30"/);
      assert.doesNotMatch(r.text, /<svg class="chart-svg/);
    });

    test('/admin/health: administrators only, private communities listed', async () => {
      assert.equal((await u.coord.get('/admin/health')).status, 403);
      const r = await u.admin.get(`/admin/health?${range}`);
      assert.equal(r.status, 200, r.text);
      assert.match(r.text, new RegExp(`href="/c/${PRIV}/health\\?from=`));
      const row = r.text.match(new RegExp(`<a href="/c/${PUB}/health[^"]*">[^<]*</a></th><td class="num">(\\d+)</td>`));
      assert.ok(row, 'the public community has a row');
      assert.equal(row[1], '3');
    });

    test('the monthly summary: one mail with both months and a link, then unsubscribed', async () => {
      sql(srv, "UPDATE users SET email = 'coord@example.org', email_key = 'coord@example.org', " +
        "email_verified_at = 1 WHERE name_key = 'coord'");
      let r = await srv.cli(['health', 'mail', '--month', ym(1)]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /queued 1 health summary/);
      r = await srv.cli(['health', 'mail', '--month', ym(1)]);
      assert.match(r.stdout, /queued 0 health summaries/, 'once per month');
      await sink.waitFor(1, 20000);
      const mails = sink.files().map((f) => sink.parse(f)).filter((m) => m.to.includes('coord@example.org'));
      assert.equal(mails.length, 1);
      const m = mails[0];
      assert.match(m.subject, /^Community health in \w+ \d{4}$/);
      assert.match(m.text, new RegExp(`Health ${PUB}`));
      assert.match(m.text, /Questions asked: 3 \(the month before: 0\)/);
      assert.match(m.text, /Answered: 2 \(67%\) \(the month before: 0\)/);
      assert.match(m.text, /Solved: 1 \(33%\)/);
      assert.ok(linkIn(m.text, `/c/${PUB}/health`), 'a link to the page');
      assert.ok(m.html && m.html.includes(`/c/${PUB}/health`), 'an HTML part with the link');
      assert.match(m.raw, /List-Unsubscribe: <http[^>]*\/mail\/unsubscribe\?t=[^>]*health/);
      // the one-click link (no cookies) turns it off
      const unsub = new URL(linkIn(m.text, '/mail/unsubscribe'));
      const anon = srv.client({ cookies: false });
      r = await anon.request('POST', unsub.pathname + unsub.search, {
        body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.ok(r.status < 400, `unsubscribe: ${r.status}`);
      r = await srv.cli(['health', 'mail', '--month', ym(2)]);
      assert.match(r.stdout, /queued 0 health summaries/);
      // the settings page shows it off, and turns it back on
      let s = await u.coord.get('/settings/notifications');
      assert.match(s.text, /<select name="health"[^>]*>(?:(?!<\/select>).)*<option value="off" selected>/s);
      s = await u.coord.post('/settings/notifications', { health: 'on' });
      assert.equal(s.status, 303);
      r = await srv.cli(['health', 'mail', '--month', ym(2)]);
      assert.match(r.stdout, /queued 1 health summary/);
      s = await u.coord.post('/settings/notifications', { health: 'sometimes' });
      assert.equal(s.status, 422);
    });

    test('praxis health rejects unknown options and bad months with a usage line', async () => {
      let r = await srv.cli(['health', 'mail', '--bogus']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /usage: praxis health mail/);
      r = await srv.cli(['health', 'mail', '--month', '2026-13']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /usage: praxis health mail/);
      r = await srv.cli(['health', 'send']);
      assert.equal(r.code, 2);
    });
  });
}

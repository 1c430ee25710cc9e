// Accessibility and phone-width sweep: one member, one coordinator and an administrator make a
// community with a question, an answer, an article and a weekly event through the API; then
// every page kind (home, sign in, sign up, community, thread, ask, article, article edit,
// event, event form, search, profile, settings, notifications, admin) is opened at the phone
// width (390x844) and the desktop width (1280x800), in light and dark schemes, and each must
// pass axe-core (no serious or critical violation, no heading-order or landmark-unique) and
// must not scroll sideways. Screenshots go to build/screenshots/a11y-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, checkNoSideScroll, DESKTOP, PHONE, screenshot, signedInPage, startBrowserEnv } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

// Makes the content every page kind needs; returns the paths to visit.
export async function seed(srv) {
  await srv.addUser('admin1', { password: PW, admin: true });
  await srv.addUser('ana', { password: PW });
  const admin = srv.client();
  await admin.signin('admin1', PW);
  await admin.get('/');
  let r = await admin.postJSON('/api/v1/communities', {
    name: 'Sourdough Bakers', slug: 'bakers', visibility: 'public',
    charter_md: 'We bake **bread** together. Bring your starter and your questions.',
    tags: ['starter', 'hydration', 'shaping', 'scoring', 'baking', 'flour', 'ovens'],
  });
  assert.equal(r.status, 201, r.text);
  const ana = srv.client();
  await ana.signin('ana', PW);
  await ana.get('/');
  assert.equal((await ana.postJSON('/api/v1/communities/bakers/join', {})).status, 200);
  // joining wrote a "welcome" notification: read it, so the count below is the answer's
  assert.equal((await ana.postJSON('/api/v1/notifications/read', {})).status, 200);
  // a profile zone far from the event's: the event page then shows a second time line
  assert.equal((await ana.patchJSON('/api/v1/me', { timezone: 'Pacific/Chatham' })).status, 200);
  r = await ana.postJSON('/api/v1/communities/bakers/threads', {
    kind: 'question', title: 'Why does my starter smell of acetone?',
    body: 'It is **five days** old and smells like nail polish remover. See [this](https://example.com/a-very-long-link-that-goes-on-and-on-and-on-and-on).',
    tags: ['starter'],
  });
  assert.equal(r.status, 201, r.text);
  const tid = r.json.id;
  r = await admin.postJSON(`/api/v1/threads/${tid}/posts`, { body: 'It is hungry: feed it twice a day at 1:1:1.' });
  assert.equal(r.status, 201, r.text);
  assert.equal((await ana.putJSON(`/api/v1/threads/${tid}/accepted`, { post_id: r.json.id })).status, 200);
  r = await admin.postJSON('/api/v1/communities/bakers/articles', {
    title: 'Keeping a starter alive', body_md: '## Feeding\n\nTwice a day.\n\n## Storing\n\nIn the fridge.', publish: true,
  });
  assert.equal(r.status, 201, r.text);
  const aslug = r.json.slug;
  // ana's answer notification (written by a background job): wait for it, so that the
  // header shows its count from the first page on
  for (let i = 0; i < 100; i++) {
    if ((await ana.get('/api/v1/notifications?filter=unread')).json.unread > 0) break;
    await new Promise((res) => setTimeout(res, 200));
  }
  const y = new Date().getUTCFullYear() + 1;
  r = await admin.postJSON('/api/v1/communities/bakers/events', {
    title: 'Weekly bake-along', description_md: 'Bring **flour**.', start: `${y}-03-02T18:00`,
    end: `${y}-03-02T19:30`, timezone: 'America/Argentina/ComodRivadavia', location: 'Kitchen 2',
    freq: 'weekly', count: 6,
  });
  assert.equal(r.status, 201, r.text);
  const eid = r.json.id;
  return {
    anon: ['/', '/signin', '/signup', '/communities'],
    member: [
      '/', '/c/bakers', `/c/bakers/t/${tid}`, '/c/bakers/t/new', `/c/bakers/a/${aslug}`,
      `/c/bakers/a/${aslug}/edit`, `/events/${eid}`, '/c/bakers/events', '/search?q=starter',
      '/u/ana', '/settings/profile', '/settings/appearance', '/notifications',
    ],
    admin: ['/admin', '/c/bakers', `/c/bakers/t/${tid}`, '/c/bakers/events/new', `/events/${eid}/edit`],
  };
}

const signin = (ctx, name) => signedInPage(ctx, name, PW);

test('every page kind passes axe and fits a phone', async () => {
  const env = await startBrowserEnv({});
  const problems = [];
  try {
    const paths = await seed(env.srv);
    for (const [wname, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
      for (const scheme of (wname === "phone" ? ["light", "dark"] : ["light"])) {
        const anonCtx = await env.newContext({ viewport, colorScheme: scheme });
        const users = [
          ['anon', await anonCtx.newPage()],
          ['member', await signin(await env.newContext({ viewport, colorScheme: scheme }), 'ana')],
          ['admin', await signin(await env.newContext({ viewport, colorScheme: scheme }), 'admin1')],
        ];
        for (const [who, page] of users) {
          for (const p of paths[who]) {
            await page.goto(p);
            const name = `a11y-${wname}-${scheme}-${who}${p.replace(/[^a-z0-9]+/gi, '-')}`;
            if (scheme === 'light' || wname === 'phone') await screenshot(page, name);
            if (who === 'member' && p === '/' && wname === 'phone' && scheme === 'light') // before /notifications reads it
              assert.equal((await page.textContent('summary.menu-button .unread-count')).trim(), ', unread notifications: 1');
            for (const check of [checkNoSideScroll, checkA11y]) {
              try { await check(page); } catch (e) { problems.push(`${wname}/${scheme}/${who}: ${e.message}`); }
            }
          }
        }
      }
    }
  } finally {
    await env.close();
  }
  assert.deepEqual(problems, []);
});

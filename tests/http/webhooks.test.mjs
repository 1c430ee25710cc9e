// Outgoing webhooks, on every backend, against a real HTTPS receiver started here
// (tests/http/webhook_lib.mjs: node https with a certificate made by openssl, trusted through
// the webhook_ca_file setting; 127.0.0.1 reachable only through the webhook_allow list):
// signed deliveries checked with node's crypto, retries with backoff after three failures,
// the SSRF refusal of loopback and of redirects, the private-community rule, disabling after
// failing too long (with the owner's notification), redelivery, and who may do what.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { backends, randomName, startServer } from './lib.mjs';
import { startReceiver } from './webhook_lib.mjs';

const PW = 'quiet river stones';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Check X-Praxis-Signature independently: t=UNIX,v1=hex(HMAC-SHA256(secret, t + "." + body)).
function verify(req, secret) {
  const sig = req.headers['x-praxis-signature'] || '';
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig);
  assert.ok(m, `signature header: ${sig}`);
  const want = crypto.createHmac('sha256', secret).update(`${m[1]}.${req.body}`).digest('hex');
  assert.equal(m[2], want, 'the signature matches the body');
  assert.ok(Math.abs(Number(m[1]) - Date.now() / 1000) < 120, 'the timestamp is recent');
  return Number(m[1]);
}

// Poll fn until it returns a truthy value (generous: the machine is shared).
async function until(fn, ms = 30000, what = 'condition') {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

for (const backend of backends()) {
  describe(`webhooks (${backend})`, () => {
    let srv;
    let rx;
    const u = {};
    const tag = randomName().slice(0, 6).toLowerCase();
    const pub = `hk-${tag}`;
    const priv = `hp-${tag}`;

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}: ${r.status}`);
      await c.get('/');
      return c;
    }

    async function settings(form) {
      await u.admin.get('/admin/webhooks');
      const r = await u.admin.post('/admin/webhooks/settings', form);
      assert.equal(r.status, 303, r.text.slice(0, 500));
    }

    async function hook(client, slug, p, events) {
      const r = await client.postJSON(slug ? `/api/v1/communities/${slug}/webhooks` : '/api/v1/webhooks', {
        url: rx.url(p), events,
      });
      assert.equal(r.status, 201, r.text);
      assert.match(r.json.webhook.secret, /^[0-9a-f]{64}$/);
      return r.json.webhook;
    }

    async function thread(client, slug, title) {
      const r = await client.postJSON(`/api/v1/communities/${slug}/threads`, {
        kind: 'discussion', title, body: `Body of ${title}`,
      });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }

    async function deliveries(client, id) {
      const r = await client.get(`/api/v1/webhooks/${id}/deliveries`);
      assert.equal(r.status, 200, r.text);
      return r.json;
    }

    before(async () => {
      rx = await startReceiver();
      srv = await startServer({ backend });
      await srv.addUser('boss', { password: PW, admin: true });
      for (const n of ['coco', 'mem', 'other']) await srv.addUser(n, { password: PW });
      u.anon = srv.client();
      u.admin = await login('boss');
      for (const n of ['coco', 'mem', 'other']) u[n] = await login(n);
      for (const [slug, visibility] of [[pub, 'public'], [priv, 'private']]) {
        const r = await u.admin.postJSON('/api/v1/communities', { name: `Hooks ${slug}`, slug, visibility });
        assert.equal(r.status, 201, r.text);
      }
      for (const n of ['coco', 'mem']) {
        const r = await u[n].postJSON(`/api/v1/communities/${pub}/join`, {});
        assert.equal(r.status, 200, r.text);
      }
      let r = await u.admin.putJSON(`/api/v1/communities/${pub}/members/coco`, { role: 'coordinator' });
      assert.equal(r.status, 200, r.text);
      const inv = await u.admin.postJSON(`/api/v1/communities/${priv}/invites`, { days: 7, max_uses: 0 });
      assert.equal(inv.status, 201, inv.text);
      r = await u.coco.postJSON(`/api/v1/communities/${priv}/join`, { invite: inv.json.token });
      assert.equal(r.status, 200, r.text);
      r = await u.admin.putJSON(`/api/v1/communities/${priv}/members/coco`, { role: 'coordinator' });
      assert.equal(r.status, 200, r.text);
      await settings({
        webhook_allow: '127.0.0.1', webhook_ca_file: rx.caFile, webhook_retry_base: '1',
        webhook_disable_after: '259200',
      });
    });

    after(async () => {
      if (process.env.WEBHOOK_TEST_LOGS) console.log(srv?.logs());
      await srv?.stop();
      await rx?.stop();
    });

    test('a coordinator registers a hook; a new thread arrives signed, with the documented payload', async () => {
      const h = await hook(u.coco, pub, '/t1', ['thread.created', 'post.created']);
      assert.deepEqual(h.events, ['thread.created', 'post.created']);
      assert.equal(h.active, true);
      assert.equal(h.community, pub);
      const t = await thread(u.coco, pub, 'Grafting apple trees');
      const [req] = await rx.waitFor((q) => q.path === '/t1');
      assert.equal(req.method, 'POST');
      assert.equal(req.headers['content-type'], 'application/json');
      assert.equal(req.headers['x-praxis-event'], 'thread.created');
      assert.match(req.headers['x-praxis-delivery'], /^\d+$/);
      verify(req, h.secret);
      const p = JSON.parse(req.body);
      assert.equal(p.v, 1);
      assert.equal(p.type, 'thread.created');
      assert.equal(p.id, req.headers['x-praxis-event-id']);
      assert.match(p.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(p.community.slug, pub);
      assert.equal(p.community.visibility, 'public');
      assert.equal(p.actor.name, 'coco');
      assert.equal(p.data.thread.id, t.id);
      assert.equal(p.data.thread.title, 'Grafting apple trees');
      assert.equal(p.data.post.position, 1);
      assert.equal(p.data.post.body, 'Body of Grafting apple trees');
      // a wrong secret does not verify: the check above is not vacuous
      assert.throws(() => verify(req, 'not the secret'));
      // the log shows it
      const log = await until(async () => {
        const d = await deliveries(u.coco, h.id);
        return d.deliveries.length && d.deliveries[0].state === 'ok' ? d : null;
      }, 30000, 'delivery ok in the log');
      assert.equal(log.deliveries[0].type, 'thread.created');
      assert.equal(log.deliveries[0].last_code, 200);
      assert.equal(log.attempts[0].ok, true);
      // events the hook did not choose are not sent (post.edited)
      const before = rx.count((q) => q.path === '/t1');
      const r = await u.coco.patchJSON(`/api/v1/posts/${p.data.post.id}`, { body: 'Edited body' });
      assert.equal(r.status, 200, r.text);
      // the secret can be revealed and rotated; the new one signs the next delivery
      const s = await u.coco.get(`/api/v1/webhooks/${h.id}/secret`);
      assert.equal(s.json.secret, h.secret);
      const rot = await u.coco.postJSON(`/api/v1/webhooks/${h.id}/secret`, {});
      assert.equal(rot.status, 200, rot.text);
      assert.notEqual(rot.json.webhook.secret, h.secret);
      const reply = await u.mem.postJSON(`/api/v1/threads/${t.id}/posts`, { body: 'Use a sharp knife.' });
      assert.equal(reply.status, 201, reply.text);
      const got = await rx.waitFor((q) => q.path === '/t1', before + 1);
      const last = got[got.length - 1];
      assert.equal(last.headers['x-praxis-event'], 'post.created');
      verify(last, rot.json.webhook.secret);
      assert.throws(() => verify(last, h.secret));
      assert.equal(JSON.parse(last.body).data.post.body, 'Use a sharp knife.');
      assert.equal(JSON.parse(last.body).actor.name, 'mem');
      assert.equal(rx.count((q) => q.path === '/t1' && q.headers['x-praxis-event'] === 'post.edited'), 0);
    });

    test('every event type is delivered with its object', async () => {
      const all = ['thread.created', 'post.created', 'post.edited', 'post.deleted', 'answer.accepted',
        'article.published', 'article.status_changed', 'event.created', 'event.changed',
        'member.joined', 'member.left'];
      const h = await hook(u.admin, null, '/all', all);
      const seen = (type, n = 1) => rx.waitFor((q) => q.path === '/all' && q.headers['x-praxis-event'] === type
        && JSON.parse(q.body).community.slug === pub, n);
      let r = await u.mem.postJSON(`/api/v1/communities/${pub}/threads`, { kind: 'question', title: 'Which rootstock for clay?', body: 'Heavy soil.' });
      assert.equal(r.status, 201, r.text);
      const q = r.json;
      r = await u.coco.postJSON(`/api/v1/threads/${q.id}/posts`, { body: 'M26 copes.' });
      assert.equal(r.status, 201, r.text);
      const answer = r.json;
      r = await u.coco.patchJSON(`/api/v1/posts/${answer.id}`, { body: 'M26 copes well.' });
      assert.equal(r.status, 200, r.text);
      r = await u.mem.putJSON(`/api/v1/threads/${q.id}/accepted`, { post_id: answer.id });
      assert.equal(r.status, 200, r.text);
      r = await u.coco.postJSON(`/api/v1/threads/${q.id}/posts`, { body: 'A mistake.' });
      const gone = r.json;
      r = await u.coco.del(`/api/v1/posts/${gone.id}`);
      assert.ok(r.status === 200 || r.status === 204, r.text);
      r = await u.coco.postJSON(`/api/v1/communities/${pub}/articles`, { title: 'Rootstocks for clay soil', body_md: 'Use M26.', publish: true });
      assert.equal(r.status, 201, r.text);
      const art = r.json;
      r = await u.coco.patchJSON(`/api/v1/communities/${pub}/articles/${art.slug}`, { status: 'best_practice' });
      assert.equal(r.status, 200, r.text);
      const year = new Date().getUTCFullYear() + 1;
      r = await u.coco.postJSON(`/api/v1/communities/${pub}/events`, { title: 'Grafting clinic', start: `${year}-03-02T18:00`, end: `${year}-03-02T20:00`, timezone: 'Europe/Berlin' });
      assert.equal(r.status, 201, r.text);
      const ev = r.json;
      r = await u.coco.patchJSON(`/api/v1/events/${ev.id}`, { location: 'The orchard' });
      assert.equal(r.status, 200, r.text);
      r = await u.mem.postJSON(`/api/v1/communities/${pub}/leave`, {});
      assert.equal(r.status, 200, r.text);
      r = await u.mem.postJSON(`/api/v1/communities/${pub}/join`, {});
      assert.equal(r.status, 200, r.text);
      const body = async (type) => {
        const got = await seen(type);
        verify(got[0], h.secret);
        return JSON.parse(got[0].body);
      };
      assert.equal((await body('thread.created')).data.thread.kind, 'question');
      assert.equal((await body('post.created')).data.post.id, answer.id);
      const ed = await body('post.edited');
      assert.equal(ed.data.post.body, 'M26 copes well.');
      assert.equal(ed.data.thread.id, q.id);
      const del = await body('post.deleted');
      assert.equal(del.data.post.id, gone.id);
      assert.equal(del.data.post.body, undefined, 'a deleted post\'s text is not sent');
      const acc = await body('answer.accepted');
      assert.equal(acc.data.post.id, answer.id);
      assert.equal(acc.actor.name, 'mem');
      const pubd = await body('article.published');
      assert.equal(pubd.data.article.slug, art.slug);
      assert.equal(pubd.data.article.status, 'published');
      const st = await body('article.status_changed');
      assert.equal(st.data.article.status, 'best_practice');
      assert.equal(st.data.article.previous_status, 'published');
      const ec = await body('event.created');
      assert.equal(ec.data.event.title, 'Grafting clinic');
      assert.equal(ec.data.event.timezone, 'Europe/Berlin');
      assert.equal((await body('event.changed')).data.event.location, 'The orchard');
      const left = await body('member.left');
      assert.equal(left.data.member.name, 'mem');
      assert.equal(left.data.member.role, 'member');
      const joined = await seen('member.joined');
      assert.equal(JSON.parse(joined[joined.length - 1].body).data.member.name, 'mem');
      const del2 = await u.admin.del(`/api/v1/webhooks/${h.id}`);
      assert.equal(del2.status, 204, del2.text);
    });

    test('the receiver fails three times: the retries come with growing waits, then it succeeds', async () => {
      const h = await hook(u.coco, pub, '/retry', ['thread.created']);
      rx.failTimes('/retry', 3, 503);
      await thread(u.coco, pub, 'Retry me please');
      const got = await rx.waitFor((q) => q.path === '/retry', 4, 60000);
      const ids = new Set(got.map((q) => q.headers['x-praxis-event-id']));
      assert.equal(ids.size, 1, 'one event');
      assert.equal(new Set(got.map((q) => q.headers['x-praxis-delivery'])).size, 1, 'one delivery, retried');
      for (const q of got) verify(q, h.secret);
      const gaps = [1, 2, 3].map((i) => got[i].at - got[i - 1].at);
      // waits of 1, 2 and 4 s (base 1 s, doubling), due times kept in whole seconds
      assert.ok(gaps[1] >= 1000, `second retry after about 2 s (${gaps})`);
      assert.ok(gaps[2] >= 3000, `third retry after about 4 s (${gaps})`);
      assert.ok(gaps[2] > gaps[0], `the waits grow (${gaps})`);
      const log = await until(async () => {
        const d = await deliveries(u.coco, h.id);
        return d.deliveries[0]?.state === 'ok' ? d : null;
      }, 30000, 'the delivery to succeed');
      assert.equal(log.deliveries[0].attempts, 4);
      assert.deepEqual(log.attempts.map((a) => a.ok), [true, false, false, false]);
      assert.deepEqual(log.attempts.map((a) => a.code), [200, 503, 503, 503]);
      assert.match(log.attempts[1].error, /HTTP 503/);
      // the page shows the log too
      const page = await u.coco.get(`/c/${pub}/webhooks/${h.id}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Redeliver/);
      assert.match(page.text, /HTTP 503/);
      assert.doesNotMatch(page.text, new RegExp(h.secret), 'the secret is not on the page');
    });

    test('loopback is refused unless allowed, and a redirect is not followed', async () => {
      const h = await hook(u.coco, pub, '/loop', ['thread.created']);
      await settings({ webhook_allow: '' });
      try {
        await thread(u.coco, pub, 'Nobody hears this');
        const log = await until(async () => {
          const d = await deliveries(u.coco, h.id);
          return d.attempts.length ? d : null;
        }, 30000, 'a refused attempt');
        assert.match(log.attempts[0].error, /refused: 127\.0\.0\.1 resolves to 127\.0\.0\.1 \(loopback\)/);
        assert.equal(log.attempts[0].code, 0);
        assert.equal(rx.count((q) => q.path === '/loop'), 0, 'nothing reached the receiver');
      } finally {
        await settings({ webhook_allow: '127.0.0.1' });
      }
      // the allow-list is checked as CIDR blocks
      await u.admin.get('/admin/webhooks');
      const bad = await u.admin.post('/admin/webhooks/settings', { webhook_allow: '127.0.0.1, not-an-address' });
      assert.equal(bad.status, 422);

      rx.on('/redirect', () => ({ status: 302, headers: { Location: rx.url('/target') }, body: '' }));
      const r = await hook(u.coco, pub, '/redirect', ['thread.created']);
      await thread(u.coco, pub, 'Redirect me');
      await rx.waitFor((q) => q.path === '/redirect');
      const log = await until(async () => {
        const d = await deliveries(u.coco, r.id);
        return d.attempts.length ? d : null;
      }, 30000, 'the redirect attempt in the log');
      assert.equal(log.attempts[0].code, 302);
      assert.match(log.attempts[0].error, /redirects are not followed/);
      await sleep(1500);
      assert.equal(rx.count((q) => q.path === '/target'), 0, 'the redirect was not followed');

      // http:// and addresses with credentials are refused when registering
      let x = await u.coco.postJSON(`/api/v1/communities/${pub}/webhooks`, { url: `http://127.0.0.1:${rx.port}/x`, events: ['post.created'] });
      assert.equal(x.status, 400, x.text);
      assert.equal(x.json.error.field, 'url');
      x = await u.coco.postJSON(`/api/v1/communities/${pub}/webhooks`, { url: `https://user:pw@127.0.0.1:${rx.port}/x`, events: ['post.created'] });
      assert.equal(x.status, 400, x.text);
      x = await u.coco.postJSON(`/api/v1/communities/${pub}/webhooks`, { url: rx.url('/x'), events: ['post.exploded'] });
      assert.equal(x.status, 400, x.text);
      assert.equal(x.json.error.field, 'events');
      x = await u.coco.postJSON(`/api/v1/communities/${pub}/webhooks`, { url: rx.url('/x'), events: [] });
      assert.equal(x.status, 400, x.text);
    });

    test('a private community\'s events go only to its coordinators\' hooks and to instance hooks', async () => {
      const inst = await hook(u.admin, null, '/instance', ['thread.created']);
      assert.equal(inst.community, null);
      const own = await hook(u.coco, priv, '/private-own', ['thread.created']);
      await hook(u.coco, pub, '/public-only', ['thread.created']);
      await thread(u.admin, priv, 'Private matters');
      const [ri] = await rx.waitFor((q) => q.path === '/instance' && JSON.parse(q.body).community.slug === priv);
      verify(ri, inst.secret);
      assert.equal(JSON.parse(ri.body).community.visibility, 'private');
      const [ro] = await rx.waitFor((q) => q.path === '/private-own');
      verify(ro, own.secret);
      // the public community's hook hears nothing of it
      await sleep(1000);
      assert.equal(rx.count((q) => q.path === '/public-only' && JSON.parse(q.body).community.slug === priv), 0);
      // a coordinator who is no longer one: their hook stops receiving at once
      const r = await u.admin.putJSON(`/api/v1/communities/${priv}/members/coco`, { role: 'member' });
      assert.equal(r.status, 200, r.text);
      await thread(u.admin, priv, 'After the demotion');
      await rx.waitFor((q) => q.path === '/instance' && JSON.parse(q.body).community.slug === priv, 2);
      await sleep(1000);
      assert.equal(rx.count((q) => q.path === '/private-own'), 1, 'the former coordinator\'s hook got nothing new');
      // and they no longer manage it
      const g = await u.coco.get(`/api/v1/webhooks/${own.id}`);
      assert.equal(g.status, 404);
    });

    test('a hook failing for too long is turned off and its owner told; redelivery sends the event again', async () => {
      await settings({ webhook_disable_after: '2' });
      let h;
      try {
        rx.on('/down', () => 503);
        h = await hook(u.coco, pub, '/down', ['thread.created']);
        await thread(u.coco, pub, 'Into the void');
        const off = await until(async () => {
          const r = await u.coco.get(`/api/v1/webhooks/${h.id}`);
          return r.json.webhook.active === false ? r.json.webhook : null;
        }, 60000, 'the hook to be turned off');
        assert.match(off.disabled_reason, /failed for/);
      } finally {
        await settings({ webhook_disable_after: '259200' });
      }
      const n = await until(async () => {
        const r = await u.coco.get('/api/v1/notifications');
        return r.json.notifications.find((x) => x.kind === 'webhook_disabled');
      }, 30000, 'the owner\'s notification');
      assert.match(n.text, /was turned off/);
      assert.equal(n.link, `/c/${pub}/webhooks/${h.id}`);
      const log = await deliveries(u.coco, h.id);
      assert.equal(log.deliveries[0].state, 'failed');
      const tries = rx.count((q) => q.path === '/down');
      assert.ok(tries >= 2, `tried ${tries} times`);
      // no more tries once off
      await sleep(2500);
      assert.equal(rx.count((q) => q.path === '/down'), tries);

      // turned on again (pointed at a working path) and redelivered from the page
      const p = await u.coco.patchJSON(`/api/v1/webhooks/${h.id}`, { url: rx.url('/up'), active: true });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.webhook.active, true);
      assert.equal(p.json.webhook.disabled_reason, '');
      const did = log.deliveries[0].id;
      const page = await u.coco.get(`/c/${pub}/webhooks/${h.id}`);
      assert.match(page.text, new RegExp(`/deliveries/${did}/redeliver`));
      const rd = await u.coco.post(`/c/${pub}/webhooks/${h.id}/deliveries/${did}/redeliver`, {});
      assert.equal(rd.status, 303, rd.text.slice(0, 300));
      const [up] = await rx.waitFor((q) => q.path === '/up');
      const first = rx.requests.find((q) => q.path === '/down');
      assert.equal(up.headers['x-praxis-event-id'], first.headers['x-praxis-event-id'], 'the same event');
      assert.notEqual(up.headers['x-praxis-delivery'], first.headers['x-praxis-delivery'], 'a new delivery');
      assert.equal(up.body, first.body, 'the same body');
      // and through the API
      const ra = await u.coco.postJSON(`/api/v1/webhooks/${h.id}/deliveries/${did}/redeliver`, {});
      assert.equal(ra.status, 202, ra.text);
      await rx.waitFor((q) => q.path === '/up', 2);
    });

    test('only coordinators and administrators manage hooks; every form needs its CSRF token', async () => {
      // a member who is not a coordinator
      let r = await u.mem.postJSON(`/api/v1/communities/${pub}/webhooks`, { url: rx.url('/m'), events: ['post.created'] });
      assert.equal(r.status, 403, r.text);
      r = await u.mem.get(`/api/v1/communities/${pub}/webhooks`);
      assert.equal(r.status, 403, r.text);
      r = await u.mem.get(`/c/${pub}/webhooks`);
      assert.equal(r.status, 403);
      r = await u.mem.post(`/c/${pub}/webhooks`, { url: rx.url('/m'), 'ev-post.created': '1' });
      assert.equal(r.status, 403);
      // instance hooks are for administrators
      r = await u.coco.get('/api/v1/webhooks');
      assert.equal(r.status, 403, r.text);
      r = await u.coco.get('/admin/webhooks');
      assert.equal(r.status, 403);
      const list = await u.admin.get('/api/v1/webhooks');
      assert.equal(list.status, 200);
      const inst = list.json.webhooks[0];
      assert.equal(inst.secret, undefined, 'lists never show secrets');
      r = await u.coco.get(`/api/v1/webhooks/${inst.id}`);
      assert.equal(r.status, 404);
      r = await u.other.get(`/api/v1/webhooks/${inst.id}/secret`);
      assert.equal(r.status, 404);
      r = await u.anon.get(`/api/v1/communities/${pub}/webhooks`);
      assert.equal(r.status, 401);
      // CSRF: the form without its token is refused, with it the hook is made and its secret shown once
      await u.coco.get(`/c/${pub}/webhooks`);
      r = await u.coco.post(`/c/${pub}/webhooks`, { url: rx.url('/web'), 'ev-post.created': '1' }, { csrf: false });
      assert.equal(r.status, 403);
      r = await u.coco.postJSON(`/api/v1/communities/${pub}/webhooks`, { url: rx.url('/web'), events: ['post.created'] }, { csrf: false });
      assert.equal(r.status, 403, r.text);
      r = await u.coco.post(`/c/${pub}/webhooks`, { url: rx.url('/web'), 'ev-post.created': '1', 'ev-member.joined': '1' });
      assert.equal(r.status, 201, r.text.slice(0, 500));
      const secret = /id="webhook-secret">([0-9a-f]{64})</.exec(r.text)?.[1];
      assert.ok(secret, 'the new secret is on the page');
      const id = /action="\/c\/[^/]+\/webhooks\/(\d+)"/.exec(r.text)[1];
      const again = await u.coco.get(`/c/${pub}/webhooks/${id}`);
      assert.doesNotMatch(again.text, new RegExp(secret));
      const rev = await u.coco.post(`/c/${pub}/webhooks/${id}/secret`, { action: 'reveal' });
      assert.equal(rev.status, 200);
      assert.match(rev.text, new RegExp(secret));
      // member.joined goes to it, signed with that secret
      const inv = await u.other.postJSON(`/api/v1/communities/${pub}/join`, {});
      assert.equal(inv.status, 200, inv.text);
      const [j] = await rx.waitFor((q) => q.path === '/web');
      assert.equal(j.headers['x-praxis-event'], 'member.joined');
      verify(j, secret);
      assert.equal(JSON.parse(j.body).data.member.name, 'other');
      // the hook can be turned off and deleted from the page
      r = await u.coco.post(`/c/${pub}/webhooks/${id}/delete`, {});
      assert.equal(r.status, 303);
      r = await u.coco.get(`/api/v1/webhooks/${id}`);
      assert.equal(r.status, 404);
    });
  });
}

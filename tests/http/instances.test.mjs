// Several instances and a database that comes and goes: /healthz (the process is alive) and
// /readyz (its database answers), two `praxis serve` started at the same moment on a new
// PostgreSQL database agreeing on one instance secret, and pooled PostgreSQL connections
// that the server closed while they were idle (a restart, pg_terminate_backend) replaced
// before a request uses them. See lib.mjs for the harness API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { backends, sql, startPeer, startServer } from './lib.mjs';

for (const backend of backends()) {
  describe(`instances (${backend})`, () => {
    let srv;
    before(async () => { srv = await startServer({ backend }); });
    after(async () => { await srv?.stop(); });

    test('/healthz and /readyz answer ok, never cached', async () => {
      const c = srv.client();
      for (const p of ['/healthz', '/readyz']) {
        const r = await c.get(p);
        assert.equal(r.status, 200, p);
        assert.equal(r.text, 'ok\n', p);
        assert.equal(r.headers.get('cache-control'), 'no-store', p);
      }
    });
  });
}

if (backends().includes('pg')) {
  describe('instances (pg): the database goes away under a running server', () => {
    let srv;
    before(async () => { srv = await startServer({ backend: 'pg', args: ['--threads', '3'] }); });
    after(async () => { await srv?.stop(); });

    // Every connection the server holds (workers, job runner, live listener) is closed by
    // the server side, as a PostgreSQL restart does; the next requests must not fail.
    test('connections closed while idle are replaced before use: no request fails', async () => {
      const c = srv.client();
      await srv.addUser('idle-admin', { password: 'correct horse battery', admin: true });
      await c.signin('idle-admin', 'correct horse battery');
      // Warm every worker's connection with concurrent requests.
      await Promise.all(Array.from({ length: 12 }, () => c.get('/readyz')));
      const killed = Number(sql(srv, 'SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity '
        + 'WHERE datname = current_database() AND pid <> pg_backend_pid()'));
      assert.ok(killed >= 3, `terminated ${killed} server connections`);
      // pg_terminate_backend only signals: wait until those backends have gone, as after a
      // restart, so that what is tested is a link found dead before anything is sent.
      for (let i = 0; i < 100 && Number(sql(srv, 'SELECT count(*) FROM pg_stat_activity '
        + 'WHERE datname = current_database() AND pid <> pg_backend_pid()')) > 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        const rs = await Promise.all([c.get('/readyz'), c.get('/'), c.get('/settings/appearance')]);
        statuses.push(...rs.map((r) => r.status));
      }
      assert.deepEqual(statuses.filter((s) => s !== 200), [], `statuses: ${statuses.join(' ')}`);
      assert.match(srv.logs(), /closed while idle; reconnecting/);
    });

    test('/healthz stays 200 while the database refuses connections; /readyz says 503', async () => {
      const c = srv.client();
      const db = srv.dbUrl.slice(srv.dbUrl.lastIndexOf('/') + 1);
      // psql cannot connect to the database itself meanwhile: work from the maintenance one.
      const maint = { backend: 'pg', dbUrl: srv.dbUrl.replace(/\/[^/]*$/, '/postgres') };
      sql(maint, `ALTER DATABASE ${db} ALLOW_CONNECTIONS false`);
      try {
        sql(maint, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${db}'`);
        const ready = await c.get('/readyz');
        assert.equal(ready.status, 503);
        assert.match(ready.text, /^unavailable: /);
        const alive = await c.get('/healthz');
        assert.equal(alive.status, 200);
      } finally {
        sql(maint, `ALTER DATABASE ${db} ALLOW_CONNECTIONS true`);
      }
      let r;
      for (let i = 0; i < 20; i++) {
        r = await c.get('/readyz');
        if (r.status === 200) break;
      }
      assert.equal(r.status, 200, 'ready again once the database accepts connections');
    });
  });

  describe('instances (pg): two servers started at the same moment', () => {
    let srv;
    let peer;
    before(async () => { srv = await startServer({ backend: 'pg' }); });
    after(async () => {
      await peer?.stop();
      await srv?.stop();
    });

    // On a database without an instance secret, each instance offers one; both must end up
    // signing with the same, so a form token made by one is accepted by the other.
    test('they agree on the instance secret: a CSRF token from one is accepted by the other', async () => {
      await srv.addUser('twin', { password: 'correct horse battery' });
      for (let round = 0; round < 6; round++) {
        await peer?.kill9();
        await srv.kill9();
        sql(srv, "DELETE FROM settings WHERE key = 'secret'");
        const started = [srv.restart()];
        if (peer) started.push(peer.restart());
        else started.push(startPeer(srv).then((p) => { peer = p; }));
        await Promise.all(started);
        assert.equal(sql(srv, "SELECT count(*) FROM settings WHERE key = 'secret'"), '1');
        const a = srv.client();
        await a.signin('twin', 'correct horse battery');
        const page = await a.get('/settings/appearance');
        assert.equal(page.status, 200);
        const b = a.on(peer);
        const r = await b.post('/settings/appearance', { theme: round % 2 ? 'dark' : 'light' });
        assert.equal(r.status, 303, `round ${round}: the peer refused the other's token (${r.status})`);
      }
    });
  });
}

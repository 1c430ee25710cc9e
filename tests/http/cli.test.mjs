// The command line as a script or a newcomer uses it: --help everywhere, exit codes that can
// be trusted, migrations (and the refusal to run on a database newer than the binary), and
// serve's proxy settings: X-Forwarded-* believed only from the configured proxy.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { backends, repoRoot, sql, startServer } from './lib.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve(repoRoot, process.env.PRAXIS_BIN || 'build/praxis');

function praxis(args, opts = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 15000, input: opts.input ?? '', env: { ...process.env, ...opts.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

describe('praxis command line', () => {
  test('help lists every command; each command answers --help with exit 0', () => {
    const top = praxis(['--help']);
    assert.equal(top.code, 0);
    for (const cmd of ['serve', 'migrate', 'user', 'demo']) {
      assert.match(top.stdout, new RegExp(`^  ${cmd} `, 'm'));
      const h = praxis([cmd, '--help']);
      assert.equal(h.code, 0, `${cmd} --help`);
      assert.match(h.stdout, new RegExp(`usage: praxis ${cmd}`));
    }
  });

  test('unknown command or option: exit 2 and a message on stderr', () => {
    const r = praxis(['frobnicate']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command 'frobnicate'/);
    const t = praxis(['serve', '--threads', 'lots']);
    assert.equal(t.code, 2);
    assert.match(t.stderr, /--threads takes a number/);
  });

  test('every command refuses an option it does not know, with its usage, before touching the database', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-cli-'));
    const db = path.join(dir, 'never.db');
    const cmds = [['serve'], ['migrate'], ['worker'], ['export'], ['demo'], ['reindex'],
      ['mail', 'test', 'a@example.org'], ['demo', '--generate'], ['user', 'list'], ['mail-in'],
      ['digest', 'run'], ['backup', 'out.db']];
    try {
      for (const cmd of cmds) {
        const r = praxis([...cmd, '--no-such-option', '--db', `sqlite:${db}`]);
        assert.equal(r.code, 2, `${cmd.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /unknown option '--no-such-option'/, cmd.join(' '));
        assert.match(r.stderr, new RegExp(`usage: praxis ${cmd[0]}( |$)`, 'm'), cmd.join(' '));
        assert.equal(fs.existsSync(db), false, `${cmd.join(' ')} created the database`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an option without its value is refused with the usage line (it never falls back to a default)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-cli-'));
    const cmds = [['serve'], ['migrate'], ['worker'], ['export'], ['demo'], ['reindex'],
      ['mail', 'test', 'a@example.org'], ['user', 'list'], ['user', 'add', 'someone'], ['digest', 'run'],
      ['trust', 'recompute'], ['participation', '--community', 'x'], ['backup', 'out.db']];
    try {
      for (const cmd of cmds) {
        // No PRAXIS_DB either: a command that ignored the missing value would open the
        // default database in the working directory.
        const r = spawnSync(BIN, [...cmd, '--db'], { cwd: dir, encoding: 'utf8', timeout: 15000, input: '', env: { ...process.env, PRAXIS_DB: '' } });
        assert.equal(r.status, 2, `${cmd.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /--db needs a value/, cmd.join(' '));
        assert.match(r.stderr, new RegExp(`usage: praxis ${cmd[0]}( |$)`, 'm'), cmd.join(' '));
        assert.deepEqual(fs.readdirSync(dir), [], `${cmd.join(' ')} left files behind`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a database that cannot be opened: exit 1 with the reason', () => {
    const r = praxis(['migrate', '--db', 'sqlite:/proc/nope/praxis.db']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot open/);
    const u = praxis(['migrate', '--db', 'mysql://x']);
    assert.equal(u.code, 1);
  });
});

for (const backend of backends()) {
  describe(`migrations and start-up (${backend})`, () => {
    let srv;
    before(async () => { srv = await startServer({ backend }); });
    after(async () => { await srv?.stop(); });

    test('migrate is idempotent and reports the version', async () => {
      const again = await srv.cli(['migrate']);
      assert.equal(again.code, 0);
      assert.match(again.stdout, /up to date \(schema version \d+\)/);
      const st = await srv.cli(['migrate', '--status']);
      assert.equal(st.code, 0);
      assert.match(st.stdout, /schema version (\d+); this praxis knows up to \1/);
    });

    test('a database newer than the binary is refused by migrate and serve', async () => {
      await srv.kill9();
      sql(srv, 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, \'9999_future.sql\', 0)');
      const m = await srv.cli(['migrate']);
      assert.equal(m.code, 1);
      assert.match(m.stderr, /schema version 999/);
      assert.match(m.stderr, /upgrade praxis/i);
      const s = praxis(['serve', '--listen', '127.0.0.1:0', '--db', srv.dbUrl]);
      assert.equal(s.signal, null, 'serve must exit by itself, not run');
      assert.equal(s.code, 1);
      assert.match(s.stderr, /schema version 999/);
      sql(srv, 'DELETE FROM schema_migrations WHERE version = 999');
      await srv.restart();
    });
  });
}

describe('reverse proxy headers', () => {
  let direct, proxied;
  before(async () => {
    direct = await startServer({});
    proxied = await startServer({ args: ['--trusted-proxy', '127.0.0.1'] });
  });
  after(async () => { await direct?.stop(); await proxied?.stop(); });

  const fwd = { 'X-Forwarded-For': '203.0.113.7', 'X-Forwarded-Proto': 'https' };

  test('ignored from an address that is not the trusted proxy', async () => {
    const c = direct.client();
    await c.get('/signin', { headers: fwd });
    await direct.addUser('pat', { password: 'a fine long password' });
    const r = await c.post('/signin', { name: 'pat', password: 'a fine long password' }, { headers: fwd });
    assert.equal(r.status, 303);
    assert.doesNotMatch(r.headers.get('set-cookie'), /Secure/);
    assert.doesNotMatch(direct.logs(), /203\.0\.113\.7/);
  });

  test('believed from the trusted proxy: client address logged, cookies Secure', async () => {
    const c = proxied.client();
    await c.get('/signin', { headers: fwd });
    await proxied.addUser('pat', { password: 'a fine long password' });
    const r = await c.post('/signin', { name: 'pat', password: 'a fine long password' }, { headers: fwd });
    assert.equal(r.status, 303);
    assert.match(r.headers.get('set-cookie'), /px_session=[0-9a-f]+;[^,]*Secure/);
    assert.match(proxied.logs(), /203\.0\.113\.7/);
  });
});

describe('form limits', () => {
  let srv;
  before(async () => { srv = await startServer({}); });
  after(async () => { await srv?.stop(); });

  test('too many form fields: 413 with a message', async () => {
    const c = srv.client();
    await c.get('/signin');
    const many = Array.from({ length: 500 }, (_, i) => `f${i}=x`).join('&') + `&_csrf=${c.csrf}`;
    const r = await c.post('/signin', many);
    assert.equal(r.status, 413);
    assert.match(r.text, /field|large/i);
  });

  test('one oversized field: 413', async () => {
    const c = srv.client();
    await c.get('/signin');
    const r = await c.post('/signin', { name: 'x'.repeat(300 * 1024), password: 'y' });
    assert.equal(r.status, 413);
  });
});

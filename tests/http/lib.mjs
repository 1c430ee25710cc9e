// Harness for Praxis HTTP tests: starts a real `praxis serve` on a fresh database and talks to
// it with fetch (cookie-jar clients) or raw sockets. Tests use node:test; run them with
// `node --test tests/http/` (scripts/test.sh does, on both backends).
//
// API
//   backends() -> ['sqlite'] plus 'pg' when env PRAXIS_TEST_PG is a base URL such as
//       postgres://praxis@127.0.0.1:55432 (no database name; scripts/pg.sh start provides it).
//
//   await startServer({backend = 'sqlite', env = {}, args = [], migrate = true}) -> srv
//       Binary: env PRAXIS_BIN (relative paths are taken from the repo root) or build/praxis.
//       sqlite: a fresh temp dir, db sqlite:/tmp/praxis-test-XXXX/praxis.db.
//       pg: a fresh database praxis_t_<random> made by `scripts/pg.sh createdb`, dropped at stop.
//       Runs `praxis migrate --db URL` first (migrate: false skips it), then
//       `praxis serve --listen 127.0.0.1:PORT --db URL ...args` with env merged over
//       process.env, and waits (20 s) for GET /healthz to answer 200.
//     srv.url            'http://127.0.0.1:PORT' (PORT may change after restart() if taken)
//     srv.port, srv.dbUrl, srv.bin, srv.backend, srv.dir (sqlite temp dir or null)
//     srv.logs()         stderr of the server so far (all runs, logfmt lines)
//     srv.pid            pid of the running server process (or null)
//     await srv.stop()   SIGTERM, wait for exit, remove the database; returns the exit code
//                        (128+signal if killed by one). Throws if the server logged an
//                        AddressSanitizer/LeakSanitizer/UBSan report. Safe to call twice.
//     await srv.kill9()  SIGKILL, wait; keeps the database (for restart()). Returns 137.
//     await srv.restart() stops the running process gracefully if any (keeping the
//                        database), starts serve again on the same database and port.
//     await srv.cli(args, {input, env}) -> {code, stdout, stderr}: runs
//                        `praxis ...args --db srv.dbUrl` (PRAXIS_DB is set too; --db is not
//                        appended when args already has it). input is written to stdin,
//                        which is then closed (so stdin is never a terminal).
//     await srv.addUser(name, {password, admin}) -> {code, stdout, stderr, password}:
//                        `praxis user add NAME [--admin]`, the password on stdin (a random
//                        one when omitted). Throws when the command fails.
//     srv.client(opts)   a cookie-jar client (below). opts.token adds a Bearer token.
//
//   await startPeer(srv, {env, args}) -> peer: another `praxis serve` on srv's database (a
//       second instance, for PostgreSQL); the same object as a Server, but peer.stop() keeps
//       the database (srv owns it). peer.client() talks to the peer;
//       client.on(other) -> a client for another server sharing this client's cookie jar.
//
//   Client c (srv.client() / apiClient(srv, token)): redirects are NOT followed; every call
//   resolves to a response {status, headers (a Headers), text, json (parsed when the body is
//   JSON, else null), location (Location header or null)}.
//     await c.get(path, {headers})
//     await c.post(path, form, {headers, csrf})  urlencoded; form is an object (array values
//                        repeat the key) or a ready-encoded string sent verbatim. Adds _csrf
//                        from the last page seen unless csrf: false or form has _csrf.
//     await c.postJSON / c.putJSON / c.patchJSON / c.del (path, obj, {token, headers, csrf})
//                        JSON body (del: optional), Accept: application/json, Bearer token
//                        when given (or the client's), X-CSRF-Token when a token is known
//                        and no Bearer token is used (csrf: false turns it off).
//     await c.request(method, path, {body, headers, token}) any method, body sent verbatim
//                        (jar cookies and the Bearer token added; no CSRF added).
//     await c.signup(name, password, extra) GET /signup then POST /signup with name,
//                        display_name (= name unless in extra), password, password2 (=
//                        password), plus extra fields; returns the POST response.
//     await c.signin(name, password, extra) GET /signin then POST /signin {name, password}.
//     c.csrf             the current CSRF token: taken from any response body containing
//                        name="_csrf" value="..." (or <meta name="csrf-token" content=...>).
//     c.cookies          {name: value} of the jar (Set-Cookie with Max-Age<=0 deletes).
//   apiClient(srv, token) -> a client with that Bearer token and no cookie jar.
//
//   Raw sockets (for malformed requests and connection behaviour):
//     await rawRequest(port, bytes, {timeoutMs = 3000, details = false})
//                        bytes: string, Buffer, or an array of them written one after the
//                        other (writing stops early if the server answers or closes).
//                        Resolves when the server closes or at the timeout, with the text
//                        received; details: true gives {text, closed, timedOut, error}.
//     parseResponse(text) -> {status, headers: {lowercase: value}, body} of the first
//                        response in raw text (status 0 when there is none).
//     await keepAliveReuse(port, paths) -> true if GET requests for all paths were answered
//                        one after the other on a single socket.
//     getFreePort(), randomName(prefix)
//   sql(srv, statement) -> stdout of the statement run on srv's database with the sqlite3 or
//                        psql client (for arranging states no page can make, e.g. the past).
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const HEALTH_TIMEOUT_MS = 20000;
const STOP_TIMEOUT_MS = 20000;
const SANITIZER_RE = /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: UndefinedBehaviorSanitizer/;

export function backends() {
  return process.env.PRAXIS_TEST_PG ? ['sqlite', 'pg'] : ['sqlite'];
}

export function randomName(prefix = '') {
  return prefix + crypto.randomBytes(6).toString('hex');
}

export function getFreePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function binPath() {
  return path.resolve(repoRoot, process.env.PRAXIS_BIN || 'build/praxis');
}

function pgScript(args) {
  const r = spawnSync(path.join(repoRoot, 'scripts/pg.sh'), args, { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`scripts/pg.sh ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  }
  return r.stdout;
}

// Servers not stopped by their test are killed (and their databases removed) at exit.
const live = new Set();
process.on('exit', () => {
  for (const srv of live) {
    try { srv._proc?.kill('SIGKILL'); } catch { /* gone */ }
    try { srv._cleanupSync(); } catch { /* best effort */ }
  }
});

function exitCodeOf(code, signal) {
  if (code !== null) return code;
  return 128 + (os.constants.signals[signal] ?? 0);
}

// Run a process to completion, collecting output. stdin gets `input` and is closed.
function run(bin, args, { input = '', env = {}, timeoutMs = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    p.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', (e) => { clearTimeout(timer); reject(e); });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: exitCodeOf(code, signal), stdout, stderr });
    });
    p.stdin.on('error', () => { /* the program may not read stdin */ });
    p.stdin.end(input);
  });
}

class Server {
  constructor({ backend, env, args }) {
    this.backend = backend;
    this.env = env;
    this.args = args;
    this.bin = binPath();
    this.dir = null;
    this.port = 0;
    this.pid = null;
    this._proc = null;
    this._exit = null; // promise of the exit code of _proc
    this._logs = '';
    this._stdout = '';
    this._cleaned = false;
  }

  get url() { return `http://127.0.0.1:${this.port}`; }

  logs() { return this._logs; }
  stdout() { return this._stdout; }

  async _createDb() {
    if (this.backend === 'sqlite') {
      this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-test-'));
      this.dbUrl = `sqlite:${this.dir}/praxis.db`;
    } else if (this.backend === 'pg') {
      const base = process.env.PRAXIS_TEST_PG;
      if (!base) throw new Error('backend pg needs env PRAXIS_TEST_PG (e.g. postgres://praxis@127.0.0.1:55432)');
      this.dbName = randomName('praxis_t_');
      pgScript(['createdb', this.dbName]);
      this.dbUrl = `${base.replace(/\/+$/, '')}/${this.dbName}`;
    } else {
      throw new Error(`unknown backend ${this.backend}`);
    }
  }

  _cleanupSync() {
    if (this._cleaned) return;
    this._cleaned = true;
    live.delete(this);
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    if (this.dbName) {
      try { pgScript(['dropdb', this.dbName]); } catch { /* e.g. PG already stopped */ }
    }
  }

  // Start `praxis serve` and wait until /healthz answers 200. Retries on another port when
  // the chosen one was taken meanwhile (only if the process exited early).
  async _spawn(port) {
    for (let attempt = 0; ; attempt++) {
      this.port = port || await getFreePort();
      const started = this._logs.length;
      const p = spawn(this.bin, ['serve', '--listen', `127.0.0.1:${this.port}`, '--db', this.dbUrl, ...this.args], {
        env: { ...process.env, PRAXIS_DB: this.dbUrl, ...this.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      this._proc = p;
      this.pid = p.pid;
      p.stdout.setEncoding('utf8').on('data', (d) => { this._stdout += d; });
      p.stderr.setEncoding('utf8').on('data', (d) => { this._logs += d; });
      this._exit = new Promise((resolve) => {
        p.on('error', (e) => { this._logs += `\n[harness] spawn error: ${e.message}\n`; resolve(127); });
        p.on('close', (code, signal) => resolve(exitCodeOf(code, signal)));
      });
      // A forgotten server must not keep the test process alive (killed at exit instead);
      // every wait below holds a timer, which keeps the loop alive while needed.
      p.unref();
      p.stdout.unref?.();
      p.stderr.unref?.();
      let exited = null;
      this._exit.then((c) => { exited = c; });
      const deadline = Date.now() + HEALTH_TIMEOUT_MS;
      while (Date.now() < deadline && exited === null) {
        try {
          const r = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2000) });
          await r.arrayBuffer();
          if (r.status === 200) return;
        } catch { /* not listening yet */ }
        await sleep(50);
      }
      if (exited === null) {
        p.kill('SIGKILL');
        await this._exit;
        throw new Error(`praxis serve did not answer /healthz 200 within ${HEALTH_TIMEOUT_MS / 1000} s\n--- logs ---\n${this._logs}`);
      }
      const runLogs = this._logs.slice(started);
      if (attempt < 3 && /in use|EADDRINUSE|bind/i.test(runLogs)) {
        port = 0;
        continue;
      }
      throw new Error(`praxis serve exited with ${exited} before becoming healthy\n--- logs ---\n${this._logs}`);
    }
  }

  // Send a signal and wait for the exit code (SIGKILL after STOP_TIMEOUT_MS).
  async _terminate(signal) {
    if (!this._proc) return null;
    const p = this._proc;
    const exit = this._exit;
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; p.kill('SIGKILL'); }, STOP_TIMEOUT_MS);
    try { p.kill(signal); } catch { /* already gone */ }
    const code = await exit;
    clearTimeout(timer);
    this._proc = null;
    this.pid = null;
    if (timedOut) throw new Error(`praxis did not exit within ${STOP_TIMEOUT_MS / 1000} s of ${signal}\n--- logs ---\n${this._logs}`);
    return code;
  }

  _checkSanitizers() {
    if (SANITIZER_RE.test(this._logs)) {
      throw new Error(`sanitizer report in server logs:\n${this._logs}`);
    }
  }

  async stop() {
    let code = null;
    try {
      code = await this._terminate('SIGTERM');
    } finally {
      this._cleanupSync();
    }
    this._checkSanitizers();
    return code;
  }

  async kill9() {
    return this._terminate('SIGKILL');
  }

  async restart() {
    if (this._proc) await this._terminate('SIGTERM');
    this._checkSanitizers();
    await this._spawn(this.port);
  }

  async cli(args, { input = '', env = {} } = {}) {
    const full = args.includes('--db') ? args : [...args, '--db', this.dbUrl];
    return run(this.bin, full, { input, env: { PRAXIS_DB: this.dbUrl, ...this.env, ...env } });
  }

  async addUser(name, { password, admin = false } = {}) {
    const pw = password ?? `pw-${randomName()}-x`;
    const r = await this.cli(['user', 'add', name, ...(admin ? ['--admin'] : [])], { input: `${pw}\n` });
    if (r.code !== 0) {
      throw new Error(`praxis user add ${name} failed (${r.code}):\n${r.stderr}${r.stdout}`);
    }
    return { ...r, password: pw };
  }

  client(opts = {}) {
    return new Client(this, opts);
  }
}

export async function startServer({ backend = 'sqlite', env = {}, args = [], migrate = true } = {}) {
  const srv = new Server({ backend, env, args });
  if (!fs.existsSync(srv.bin)) {
    throw new Error(`praxis binary not found at ${srv.bin} (build it, or set PRAXIS_BIN)`);
  }
  await srv._createDb();
  live.add(srv);
  try {
    if (migrate) {
      const m = await srv.cli(['migrate']);
      if (m.code !== 0) throw new Error(`praxis migrate failed (${m.code}):\n${m.stderr}${m.stdout}`);
    }
    await srv._spawn(0);
  } catch (e) {
    srv._cleanupSync();
    throw e;
  }
  return srv;
}

export async function startPeer(srv, { env = {}, args = [] } = {}) {
  const peer = new Server({ backend: srv.backend, env: { ...srv.env, ...env }, args: [...srv.args, ...args] });
  peer.dbUrl = srv.dbUrl; // no dir, no dbName: the peer never removes the database
  live.add(peer);
  await peer._spawn(0);
  return peer;
}

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (m, e) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'quot') return '"';
    if (l === 'apos') return "'";
    if (l.startsWith('#x')) return String.fromCodePoint(parseInt(l.slice(2), 16));
    return String.fromCodePoint(parseInt(l.slice(1), 10));
  });
}

// The CSRF token in an HTML body: <input ... name="_csrf" ... value="..."> in either
// attribute order, or <meta name="csrf-token" content="...">. Returns null when absent.
function findCsrf(text) {
  for (const m of text.matchAll(/<input\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/\bname\s*=\s*["']?_csrf["'\s>]/i.test(tag)) continue;
    const v = tag.match(/\bvalue\s*=\s*"([^"]*)"|\bvalue\s*=\s*'([^']*)'/i);
    if (v) return decodeEntities(v[1] ?? v[2]);
  }
  const meta = text.match(/<meta\b[^>]*name\s*=\s*["']csrf-token["'][^>]*>/i);
  if (meta) {
    const v = meta[0].match(/\bcontent\s*=\s*"([^"]*)"/i);
    if (v) return decodeEntities(v[1]);
  }
  return null;
}

function encodeForm(form) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const x of v) p.append(k, String(x));
    else p.append(k, String(v));
  }
  return p.toString();
}

class Client {
  constructor(srv, { token = null, cookies = true } = {}) {
    this.srv = srv;
    this.token = token;
    this.useJar = cookies && !token;
    this.jar = new Map();
    this.csrf = null;
  }

  get cookies() { return Object.fromEntries(this.jar); }

  // A client for another server (a peer instance) sharing this one's cookie jar and token.
  on(other) {
    const c = new Client(other, { token: this.token, cookies: this.useJar || !this.token });
    c.jar = this.jar;
    c.csrf = this.csrf;
    return c;
  }

  _storeCookies(headers) {
    if (!this.useJar) return;
    for (const sc of headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(';');
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let del = false;
      for (const a of attrs) {
        const [k, v = ''] = a.trim().split('=');
        if (k.toLowerCase() === 'max-age' && Number(v) <= 0) del = true;
        if (k.toLowerCase() === 'expires' && Date.parse(v) < Date.now()) del = true;
      }
      if (del) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  // One request; body is a string (or undefined). Returns the response object.
  async request(method, p, { body, headers = {}, token } = {}) {
    const h = { ...headers };
    if (this.useJar && this.jar.size && !Object.keys(h).some((k) => k.toLowerCase() === 'cookie')) {
      h.Cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const bearer = token ?? this.token;
    if (bearer) h.Authorization = `Bearer ${bearer}`;
    const res = await fetch(this.srv.url + p, { method, headers: h, body, redirect: 'manual' });
    const text = await res.text();
    this._storeCookies(res.headers);
    let json = null;
    const ct = res.headers.get('content-type') || '';
    if (/json/i.test(ct) || /^\s*[{[]/.test(text)) {
      try { json = JSON.parse(text); } catch { json = null; }
    }
    const csrf = /html/i.test(ct) || !ct ? findCsrf(text) : null;
    if (csrf) this.csrf = csrf;
    return { status: res.status, headers: res.headers, text, json, location: res.headers.get('location') };
  }

  get(p, { headers } = {}) {
    return this.request('GET', p, { headers });
  }

  post(p, form = {}, { headers = {}, csrf = true } = {}) {
    let body;
    if (typeof form === 'string') {
      body = form;
      if (csrf && this.csrf && !/(^|&)_csrf=/.test(form)) {
        body += `${body ? '&' : ''}_csrf=${encodeURIComponent(this.csrf)}`;
      }
    } else {
      const f = { ...form };
      if (csrf && this.csrf && !('_csrf' in f)) f._csrf = this.csrf;
      body = encodeForm(f);
    }
    return this.request('POST', p, {
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  _json(method, p, obj, { token, headers = {}, csrf = true } = {}) {
    const h = { Accept: 'application/json', ...headers };
    let body;
    if (obj !== undefined) {
      body = JSON.stringify(obj);
      h['Content-Type'] = 'application/json';
    }
    if (csrf && this.csrf && !(token ?? this.token)) h['X-CSRF-Token'] = this.csrf;
    return this.request(method, p, { body, headers: h, token });
  }

  postJSON(p, obj, opts) { return this._json('POST', p, obj, opts); }
  putJSON(p, obj, opts) { return this._json('PUT', p, obj, opts); }
  patchJSON(p, obj, opts) { return this._json('PATCH', p, obj, opts); }
  del(p, obj, opts) { return this._json('DELETE', p, obj, opts); }

  async signup(name, password, extra = {}) {
    await this.get('/signup');
    return this.post('/signup', { name, display_name: name, password, password2: password, ...extra });
  }

  async signin(name, password, extra = {}) {
    await this.get('/signin');
    return this.post('/signin', { name, password, ...extra });
  }
}

export function apiClient(srv, token) {
  return new Client(srv, { token, cookies: false });
}

export function parseResponse(text) {
  const m = /^HTTP\/\d\.\d (\d{3})[^\r\n]*\r?\n/.exec(text);
  if (!m) return { status: 0, headers: {}, body: '' };
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const headers = {};
  for (const line of head.split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(m[1]), headers, body: end < 0 ? '' : text.slice(end + 4) };
}

export function rawRequest(port, bytes, { timeoutMs = 3000, details = false } = {}) {
  const parts = Array.isArray(bytes) ? bytes : [bytes];
  return new Promise((resolve) => {
    const chunks = [];
    let closed = false;
    let timedOut = false;
    let error = null;
    let done = false;
    const sock = net.connect(port, '127.0.0.1');
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      resolve(details ? { text, closed, timedOut, error } : text);
    };
    const timer = setTimeout(() => { timedOut = true; finish(); }, timeoutMs);
    sock.on('data', (d) => chunks.push(d));
    sock.on('end', () => { closed = true; finish(); });
    sock.on('close', () => { closed = true; finish(); });
    sock.on('error', (e) => { error = e.code || e.message; });
    sock.on('connect', async () => {
      for (const part of parts) {
        if (chunks.length || closed || done || sock.destroyed) break;
        const ok = sock.write(part);
        if (!ok) await new Promise((r) => { sock.once('drain', r); sock.once('close', r); });
      }
    });
  });
}

// Read exactly one HTTP response from a socket buffer reader; null if the socket closed.
async function readOneResponse(reader) {
  let head;
  for (;;) {
    const i = reader.buf.indexOf('\r\n\r\n');
    if (i >= 0) { head = reader.buf.subarray(0, i).toString('latin1'); reader.buf = reader.buf.subarray(i + 4); break; }
    if (!(await reader.more())) return null;
  }
  const { status, headers } = parseResponse(`${head}\r\n\r\n`);
  if (/chunked/i.test(headers['transfer-encoding'] || '')) {
    for (;;) {
      let j;
      while ((j = reader.buf.indexOf('\r\n')) < 0) if (!(await reader.more())) return null;
      const size = parseInt(reader.buf.subarray(0, j).toString('latin1'), 16);
      while (reader.buf.length < j + 2 + size + 2) if (!(await reader.more())) return null;
      reader.buf = reader.buf.subarray(j + 2 + size + 2);
      if (size === 0) break; // (no trailers expected)
    }
  } else {
    const n = Number(headers['content-length'] || 0);
    while (reader.buf.length < n) if (!(await reader.more())) return null;
    reader.buf = reader.buf.subarray(n);
  }
  return { status, headers };
}

export function keepAliveReuse(port, paths, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let closed = false;
    let waiter = null;
    const reader = {
      buf: Buffer.alloc(0),
      more: () => (closed ? Promise.resolve(false) : new Promise((r) => { waiter = r; })),
    };
    const wake = (v) => { const w = waiter; waiter = null; w?.(v); };
    sock.on('data', (d) => { reader.buf = Buffer.concat([reader.buf, d]); wake(true); });
    sock.on('close', () => { closed = true; wake(false); });
    sock.on('error', () => { closed = true; wake(false); });
    const timer = setTimeout(() => { sock.destroy(); }, timeoutMs);
    sock.on('connect', async () => {
      let ok = true;
      for (const p of paths) {
        if (closed) { ok = false; break; }
        sock.write(`GET ${p} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
        const r = await readOneResponse(reader);
        if (!r || r.status === 0) { ok = false; break; }
        if (/close/i.test(r.headers.connection || '') && p !== paths[paths.length - 1]) { ok = false; break; }
      }
      clearTimeout(timer);
      sock.destroy();
      resolve(ok);
    });
  });
}

export function sql(srv, stmt) {
  const r = srv.backend === 'sqlite'
    // .timeout: the server's job runner may be writing (fan-out, mail) at the same moment
    ? spawnSync('sqlite3', ['-cmd', '.timeout 5000', srv.dbUrl.replace(/^sqlite:/, ''), stmt], { encoding: 'utf8' })
    : spawnSync('psql', [srv.dbUrl, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', stmt], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sql failed: ${stmt}\n${r.stderr}`);
  return r.stdout.trim();
}

// A real HTTPS receiver for the webhook tests and the benchmark: node's https server on a
// loopback port with a self-signed certificate made by `openssl req` when it starts (its file
// doubles as the CA file praxis is told to trust, setting webhook_ca_file).
//
//   const rx = await startReceiver()
//     rx.port, rx.url(path) ('https://127.0.0.1:PORT' + path), rx.caFile
//     rx.requests                 every request so far: {path, headers, body (text), at (ms)}
//     rx.on(path, fn)             fn(req) -> {status, headers?, body?} for that path; default
//                                 200 "ok"; a fn that returns a number answers that status
//     rx.failTimes(path, n, st)   answer st (default 500) to the first n requests of path
//     await rx.waitFor(pred, n, ms)  until n requests match pred (throws after ms, default 30 s)
//     rx.count(pred)
//     await rx.stop()             closes the server and removes the certificate folder
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A self-signed certificate for 127.0.0.1 and localhost in a new folder: {dir, cert, key}.
export function makeCert() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-hook-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const r = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl req failed: ${r.stderr}`);
  return { dir, cert, key };
}

export async function startReceiver() {
  const { dir, cert, key } = makeCert();
  const handlers = new Map();
  const fails = new Map();
  const requests = [];
  const server = https.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'https://x');
      const rec = { path: url.pathname, method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      requests.push(rec);
      let out = { status: 200, body: 'ok' };
      const f = fails.get(url.pathname);
      if (f && f.left > 0) {
        f.left--;
        out = { status: f.status, body: 'not now' };
      } else if (handlers.has(url.pathname)) {
        const h = handlers.get(url.pathname)(rec);
        out = typeof h === 'number' ? { status: h, body: '' } : h;
      }
      res.writeHead(out.status, { 'Content-Type': 'text/plain', ...(out.headers || {}) });
      res.end(out.body ?? '');
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    port,
    caFile: cert,
    requests,
    url: (p) => `https://127.0.0.1:${port}${p}`,
    on: (p, fn) => handlers.set(p, fn),
    failTimes: (p, n, status = 500) => fails.set(p, { left: n, status }),
    count: (pred) => requests.filter(pred).length,
    async waitFor(pred, n = 1, ms = 30000) {
      const end = Date.now() + ms;
      for (;;) {
        const got = requests.filter(pred);
        if (got.length >= n) return got;
        if (Date.now() > end) throw new Error(`waited ${ms} ms for ${n} requests, got ${got.length}: ${JSON.stringify(requests.map((r) => r.path))}`);
        await sleep(50);
      }
    },
    async stop() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A real SMTP sink for the mail tests: tests/smtp_sink.py (Debian's python3-aiosmtpd) on a
// loopback port, writing each message it accepts to DIR/NNNN.eml. Messages are parsed with
// Python's own email package (policy.default), not by hand.
//
//   const sink = await startSink({port})   port: a free one when omitted
//     sink.port, sink.dir, sink.url ('smtp://127.0.0.1:PORT')
//     sink.files()                 .eml paths so far, in order
//     await sink.waitFor(n, ms)    until n messages arrived (throws after ms, default 15 s)
//     sink.parse(file)             {subject, from, to, message_id, date, content_type,
//                                   text, html, max_line, raw} (raw: the bytes as text)
//     await sink.stop()            SIGTERM (the folder stays until cleanup())
//     await sink.start()           again on the same port and folder
//     sink.cleanup()
//   linkIn(text, path)             the first http URL in text whose path starts with path
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { getFreePort, repoRoot } from './lib.mjs';

const PY = '/usr/bin/python3'; // Debian's, where python3-aiosmtpd is installed
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const PARSER = `
import email, json, sys
from email import policy
raw = open(sys.argv[1], 'rb').read()
m = email.message_from_bytes(raw, policy=policy.default)
def body(kind):
    p = m.get_body(preferencelist=(kind,))
    return p.get_content() if p is not None else None
print(json.dumps({
    'subject': str(m['subject']), 'from': str(m['from']), 'to': str(m['to']),
    'message_id': str(m['message-id']), 'date': str(m['date']),
    'content_type': m.get_content_type(), 'text': body('plain'), 'html': body('html'),
    'max_line': max(len(l) for l in raw.split(b'\\r\\n')),
    'bare_lf': b'\\n' in raw.replace(b'\\r\\n', b''),
    'defects': [type(d).__name__ for part in m.walk() for d in part.defects],
    'raw': raw.decode('ascii', 'replace')}))
`;

class Sink {
  constructor(port) {
    this.port = port;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-sink-'));
    this.proc = null;
  }

  get url() { return `smtp://127.0.0.1:${this.port}`; }

  start() {
    return new Promise((resolve, reject) => {
      const p = spawn(PY, [path.join(repoRoot, 'tests/smtp_sink.py'), '--port', String(this.port),
        '--dir', this.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      this.proc = p;
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`sink did not start: ${err}`)), 15000);
      p.stdout.setEncoding('utf8').on('data', (d) => {
        out += d;
        if (out.includes('ready')) { clearTimeout(timer); resolve(this); }
      });
      p.stderr.setEncoding('utf8').on('data', (d) => { err += d; });
      p.on('exit', (code) => { clearTimeout(timer); if (!out.includes('ready')) reject(new Error(`sink exited ${code}: ${err}`)); });
    });
  }

  async stop() {
    if (!this.proc) return;
    const p = this.proc;
    this.proc = null;
    const gone = new Promise((r) => p.on('exit', r));
    p.kill('SIGTERM');
    await Promise.race([gone, sleep(5000)]);
    try { p.kill('SIGKILL'); } catch { /* gone */ }
  }

  files() {
    return fs.readdirSync(this.dir).filter((f) => f.endsWith('.eml')).sort()
      .map((f) => path.join(this.dir, f));
  }

  async waitFor(n, ms = 15000) {
    const end = Date.now() + ms;
    while (this.files().length < n) {
      if (Date.now() > end) throw new Error(`expected ${n} messages, got ${this.files().length}`);
      await sleep(100);
    }
    return this.files();
  }

  parse(file) {
    const r = spawnSync(PY, ['-c', PARSER, file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`parse ${file}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  }

  cleanup() { fs.rmSync(this.dir, { recursive: true, force: true }); }
}

export async function startSink({ port } = {}) {
  const s = new Sink(port || await getFreePort());
  await s.start();
  return s;
}

// A sink object that has not started (its port reserved only by number).
export async function idleSink() {
  return new Sink(await getFreePort());
}

export function linkIn(text, p) {
  const re = new RegExp(`https?://[^\\s"<>]+${p.replace(/[/?]/g, '\\$&')}[^\\s"<>]*`);
  const m = text.match(re);
  return m ? m[0] : null;
}

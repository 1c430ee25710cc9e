// bench/webhook_sink.mjs: an HTTPS receiver for bench/webhooks.sh (not a test). Uses the
// test suite's receiver (tests/http/webhook_lib.mjs: node https, certificate made by openssl),
// answers 200 to every POST, and writes "ready PORT CAFILE" on stdout once listening and the
// number of requests so far to the file given as argv[2] every 50 ms. With --client N it also
// measures the receiver alone: N sequential signed-size POSTs from node's https client over
// one kept-alive connection and N/4 over a new connection each, printing
// "client N1 S1 N2 S2" (requests, seconds) before exiting.
import fs from 'node:fs';
import https from 'node:https';

import { startReceiver } from '../tests/http/webhook_lib.mjs';

const countFile = process.argv[2];
const clientN = process.argv[3] === '--client' ? Number(process.argv[4]) : 0;
const rx = await startReceiver();

async function post(agent, body) {
  await new Promise((resolve, reject) => {
    const req = https.request(rx.url('/bench'), {
      method: 'POST', agent, ca: fs.readFileSync(rx.caFile),
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => { res.resume(); res.on('end', resolve); });
    req.on('error', reject);
    req.end(body);
  });
}

if (clientN) {
  const body = JSON.stringify({ v: 1, pad: 'x'.repeat(900) });
  const keep = new https.Agent({ keepAlive: true, maxSockets: 1 });
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < clientN; i++) await post(keep, body);
  const s1 = Number(process.hrtime.bigint() - t0) / 1e9;
  keep.destroy();
  const n2 = Math.max(1, Math.floor(clientN / 4));
  t0 = process.hrtime.bigint();
  for (let i = 0; i < n2; i++) await post(new https.Agent({ keepAlive: false }), body);
  const s2 = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`client ${clientN} ${s1.toFixed(3)} ${n2} ${s2.toFixed(3)}`);
  await rx.stop();
  process.exit(0);
}

setInterval(() => fs.writeFileSync(countFile, String(rx.requests.length)), 50);
rx.requests.length = 0;
console.log(`ready ${rx.port} ${rx.caFile}`);
process.on('SIGTERM', async () => { await rx.stop(); process.exit(0); });

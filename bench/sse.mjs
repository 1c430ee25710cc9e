// bench/sse.mjs: the driver of bench/sse.sh (see there). Starts one `praxis serve` (PRAXIS_BIN)
// on a fresh SQLite database, or PostgreSQL with BENCH_PG=URL (as PRAXIS_TEST_PG), makes a
// member, a public community, a thread and an API token, lifts the per-address limit (every
// client comes from 127.0.0.1), then for each client count runs the load generator
// (SSE_LOAD, built from bench/sse_load.c) and prints its figures.
import { spawnSync } from 'node:child_process';
import { startServer, getFreePort } from '../tests/http/lib.mjs';

const counts = (process.env.BENCH_CLIENTS || '1000,10000').split(',').map(Number);
const threads = process.env.BENCH_THREADS || '2';
const PW = 'bench-password-long-enough-1';
if (process.env.BENCH_PG) process.env.PRAXIS_TEST_PG = process.env.BENCH_PG;

const livePort = await getFreePort();
const srv = await startServer({
  backend: process.env.BENCH_PG ? 'pg' : 'sqlite',
  args: ['--threads', threads, '--max-streams', '20000', '--live-heartbeat', '2', '--live-listen', `127.0.0.1:${livePort}`],
});
// streams on the main port, then on the --live-listen port (small per-connection pool)
const ports = (process.env.BENCH_PORTS || 'main,live').split(',');
try {
  await srv.addUser('bencher', { password: PW, admin: true });
  const c = srv.client();
  await c.signin('bencher', PW);
  await c.get('/');
  let r = await c.postJSON('/api/v1/communities', { name: 'Bench Live', slug: 'bench-live', visibility: 'public' });
  if (r.status !== 201) throw new Error(r.text);
  r = await c.postJSON('/api/v1/communities/bench-live/threads', { kind: 'discussion', title: 'Broadcast to everyone', body: 'Start' });
  if (r.status !== 201) throw new Error(r.text);
  const tid = r.json.id;
  r = await c.patchJSON('/api/v1/admin/settings', { live_per_address: '0' });
  if (r.status !== 200) throw new Error(r.text);
  r = await c.postJSON('/api/v1/tokens', { name: 'bench' });
  if (r.status !== 201) throw new Error(r.text);
  const token = r.json.secret;
  for (const which of ports) {
    for (const n of counts) {
      const port = which === 'live' ? livePort : srv.port;
      const out = spawnSync(process.env.SSE_LOAD, [
        String(port), `/live?ch=thread:${tid}`, String(n), `/api/v1/threads/${tid}/posts`,
        token, JSON.stringify({ body: `Broadcast to ${n} clients` }), String(srv.pid),
        String(srv.port),
      ], { encoding: 'utf8', timeout: 600000 });
      process.stdout.write(`backend=${srv.backend} threads=${threads} port=${which} ${out.stdout.trim() || out.stderr.trim()}\n`);
      // closed streams are noticed when the next heartbeats (2 s here) write to them
      await new Promise((res) => setTimeout(res, 8000));
    }
  }
} finally {
  await srv.stop();
}

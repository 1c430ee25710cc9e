// A small Server-Sent Events client for the live-update tests (tests/http/live.test.mjs and
// bench/): opens GET /live on a server with node's http module, parses the event stream
// (id, event, data, comments) as it arrives and lets a test wait for an event.
//
//   const s = await openStream(url, path, {headers, cookies})
//     s.status, s.headers        the response's status and headers
//     s.events                   [{id, event, data (parsed JSON or text)}] in arrival order
//     s.comments                 count of comment lines (heartbeats)
//     await s.waitFor(pred, ms)  the first event (counting those already received) that
//                                pred(ev) accepts; rejects after ms (default 15000)
//     s.body                     the whole body when the status was not 200
//     s.closed                   true once the server ended the response
//     s.close()
import http from 'node:http';

export function cookieHeader(client) {
  return Object.entries(client.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
}

export function openStream(base, path, { headers = {}, client = null, timeoutMs = 15000 } = {}) {
  const u = new URL(path, base);
  const h = { Accept: 'text/event-stream', ...headers };
  if (client) h.Cookie = cookieHeader(client);
  return new Promise((resolve, reject) => {
    const req = http.get(u, { headers: h, agent: false }, (res) => {
      const s = {
        status: res.statusCode, headers: res.headers, events: [], comments: 0, closed: false,
        body: '', waiters: [],
        close() { req.destroy(); },
        waitFor(pred, ms = timeoutMs) {
          const found = s.events.find(pred);
          if (found) return Promise.resolve(found);
          return new Promise((ok, fail) => {
            const w = { pred, ok };
            w.timer = setTimeout(() => {
              s.waiters = s.waiters.filter((x) => x !== w);
              fail(new Error(`no such event within ${ms} ms; got ${JSON.stringify(s.events)}`));
            }, ms);
            s.waiters.push(w);
          });
        },
      };
      res.setEncoding('utf8');
      if (res.statusCode !== 200) {
        res.on('data', (d) => { s.body += d; });
        res.on('end', () => { s.closed = true; resolve(s); });
        return;
      }
      let pending = '';
      let cur = { data: [] };
      res.on('data', (chunk) => {
        pending += chunk;
        let i;
        while ((i = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, i).replace(/\r$/, '');
          pending = pending.slice(i + 1);
          if (line === '') {
            if (cur.data.length || cur.event) {
              const text = cur.data.join('\n');
              let data = text;
              try { data = JSON.parse(text); } catch { /* text */ }
              const ev = { id: cur.id, event: cur.event || 'message', data };
              s.events.push(ev);
              for (const w of [...s.waiters]) {
                if (w.pred(ev)) {
                  clearTimeout(w.timer);
                  s.waiters = s.waiters.filter((x) => x !== w);
                  w.ok(ev);
                }
              }
            }
            cur = { data: [] };
          } else if (line.startsWith(':')) {
            s.comments++;
          } else {
            const c = line.indexOf(':');
            const field = c < 0 ? line : line.slice(0, c);
            let value = c < 0 ? '' : line.slice(c + 1);
            if (value.startsWith(' ')) value = value.slice(1);
            if (field === 'data') cur.data.push(value);
            else if (field === 'id') cur.id = value;
            else if (field === 'event') cur.event = value;
          }
        }
      });
      res.on('end', () => { s.closed = true; });
      res.on('error', () => { s.closed = true; });
      resolve(s);
    });
    req.on('error', reject);
  });
}

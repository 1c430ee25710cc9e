// Uploads (issue 15, Images and files), on every backend: POST /api/v1/uploads with a file
// part answers 201; the type is decided by content (a renamed executable and random bytes are
// 415, HTML sent as "image/png" is stored as plain text and served as an attachment); images
// are encoded again so metadata (EXIF with GPS, PNG text chunks) is gone; limits per file
// (413), per member per day (429) and on pixels before decoding (a 30000x30000 PNG of a few
// KB is 413); a private community's files are 404 to outsiders and visitors; files carry
// nosniff and a sandboxing CSP; Markdown shows this instance's uploads as <img> and keeps
// external images as links; the no-JS form answers with the Markdown; malformed multipart
// is 400.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { backends, startServer, randomName, rawRequest, sql } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

// A 40x30 grey JPEG (made with libvips, no metadata).
const JPEG = Buffer.from('/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/wAALCAAeACgBAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEBAAA/AOBWpFqRakWpFrPWpFqRakWpFrPWpFqRakWpFrPWpFqRakWpFr//2Q==', 'base64');

// The JPEG with an APP1 Exif segment after SOI: IFD0 with an ImageDescription holding
// MARK and a GPS IFD (latitude ref "N", latitude 48/1 51/1 24/1).
function jpegWithExif(mark) {
  const le = (n, w) => { const b = Buffer.alloc(w); if (w === 2) b.writeUInt16BE(n); else b.writeUInt32BE(n); return b; };
  const desc = Buffer.from(mark + '\0', 'latin1');
  // TIFF: header (8) + IFD0 (2 + 2*12 + 4 = 30) + GPS IFD (2 + 2*12 + 4 = 30) + rationals (24) + desc
  const ifd0 = 8, gps = ifd0 + 30, rat = gps + 30, dsc = rat + 24;
  const entry = (tag, type, count, value) => Buffer.concat([le(tag, 2), le(type, 2), le(count, 4), value]);
  const tiff = Buffer.concat([
    Buffer.from('MM\0*', 'latin1'), le(ifd0, 4),
    le(2, 2), entry(0x010e, 2, desc.length, le(dsc, 4)), entry(0x8825, 4, 1, le(gps, 4)), le(0, 4),
    le(2, 2), entry(0x0001, 2, 2, Buffer.from('N\0\0\0', 'latin1')), entry(0x0002, 5, 3, le(rat, 4)), le(0, 4),
    le(48, 4), le(1, 4), le(51, 4), le(1, 4), le(24, 4), le(1, 4),
    desc,
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), le(payload.length + 2, 2), payload]);
  return Buffer.concat([JPEG.subarray(0, 2), app1, JPEG.subarray(2)]);
}

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
// A PNG of w x h pixels: 8-bit RGB, or 1-bit grey when bits = 1 (all black), with an
// optional tEXt chunk (keyword "Comment") holding text.
function png(w, h, { bits = 8, text = null } = {}) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4);
  ihdr[8] = bits; ihdr[9] = bits === 1 ? 0 : 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const rowBytes = bits === 1 ? Math.ceil(w / 8) : w * 3;
  const raw = Buffer.alloc((rowBytes + 1) * h);
  if (bits === 8) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const o = y * (rowBytes + 1) + 1 + x * 3; raw[o] = x * 5; raw[o + 1] = y * 7; raw[o + 2] = 128;
  }
  const parts = [Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', ihdr)];
  if (text) parts.push(chunk('tEXt', Buffer.from('Comment\0' + text, 'latin1')));
  parts.push(chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

for (const backend of backends()) {
  describe(`uploads (${backend})`, () => {
    let srv, dir;
    const u = {};
    const tag = randomName().slice(0, 6);
    const PUB = `up-${tag}`;
    const PRIV = `upx-${tag}`;

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, `sign in ${name}`);
      await c.get('/');
      return c;
    }
    // POST a multipart body with a file part (and more fields) as client c.
    function upload(c, bytes, { filename = 'f.bin', type = 'application/octet-stream', fields = {}, url = '/api/v1/uploads', csrfField = false } = {}) {
      const fd = new FormData();
      if (csrfField) fd.append('_csrf', c.csrf);
      for (const [k, v] of Object.entries(fields)) fd.append(k, v);
      if (bytes) fd.append('file', new Blob([bytes], { type }), filename);
      const headers = { Accept: url.startsWith('/api/') ? 'application/json' : 'text/html' };
      if (!csrfField && c.csrf) headers['X-CSRF-Token'] = c.csrf;
      return c.request('POST', url, { body: fd, headers });
    }
    async function fetchBytes(c, url) {
      const h = {};
      if (c.jar.size) h.Cookie = [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(srv.url + url, { headers: h });
      return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
    }
    async function setting(obj) {
      const r = await u.admin.patchJSON('/api/v1/admin/settings', obj);
      assert.equal(r.status, 200, r.text);
    }

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-uploads-'));
      srv = await startServer({ backend, args: ['--uploads', dir] });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of ['alice', 'bob', 'outsider']) await srv.addUser(n, { password: PW });
      // Members past level 0: new members may not upload (trust.test.mjs tests that refusal).
      sql(srv, 'UPDATE users SET trust_level = 1, trust_locked = 1');
      u.anon = srv.client();
      await u.anon.get('/');
      u.admin = await login('admin1');
      for (const n of ['alice', 'bob', 'outsider']) u[n] = await login(n);
      await setting({ community_creation: 'members' });
      for (const [slug, vis] of [[PUB, 'public'], [PRIV, 'private']]) {
        const r = await u.alice.postJSON('/api/v1/communities', { name: `Community ${slug}`, slug, visibility: vis });
        assert.equal(r.status, 201, r.text);
      }
    });

    after(async () => {
      await srv?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    test('a PNG is taken, encoded again without its text chunk, and served with safe headers', async () => {
      const r = await upload(u.alice, png(20, 10, { text: 'GPS 48.8566 2.3522 SECRET-PNG' }), { filename: '../../etc/My Chart!.png', type: 'image/png' });
      assert.equal(r.status, 201, r.text);
      const j = r.json;
      assert.match(j.id, /^[0-9a-f]{32}$/);
      assert.equal(j.type, 'image/png');
      assert.equal(j.width, 20);
      assert.equal(j.height, 10);
      assert.equal(j.name, 'My-Chart.png');
      assert.equal(j.url, `/uploads/${j.id}/My-Chart.png`);
      assert.equal(j.markdown, `![My-Chart.png](${j.url})`);
      assert.ok(fs.existsSync(path.join(dir, j.id)), 'stored under its random id');
      const f = await fetchBytes(u.anon, j.url);
      assert.equal(f.status, 200);
      assert.equal(f.headers.get('content-type'), 'image/png');
      assert.equal(f.headers.get('x-content-type-options'), 'nosniff');
      const csp = f.headers.get('content-security-policy');
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /sandbox/);
      assert.match(f.headers.get('cache-control'), /max-age=31536000/);
      assert.match(f.headers.get('content-disposition'), /^inline; filename="My-Chart.png"$/);
      assert.deepEqual([...f.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.equal(f.bytes.indexOf('SECRET-PNG'), -1, 'the text chunk is gone');
      assert.equal(f.bytes.indexOf('tEXt'), -1);
    });

    test('a JPEG with EXIF GPS comes back without any EXIF', async () => {
      const src = jpegWithExif('SECRET-EXIF-DESCRIPTION');
      assert.ok(src.indexOf('Exif') > 0 && src.indexOf('SECRET-EXIF') > 0);
      const r = await upload(u.alice, src, { filename: 'holiday.JPG', type: 'image/jpeg' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.type, 'image/jpeg');
      assert.equal(r.json.name, 'holiday.jpg');
      assert.equal(r.json.width, 40);
      assert.equal(r.json.height, 30);
      const f = await fetchBytes(u.anon, r.json.url);
      assert.equal(f.status, 200);
      assert.equal(f.headers.get('content-type'), 'image/jpeg');
      assert.deepEqual([...f.bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
      assert.equal(f.bytes.indexOf('Exif'), -1, 'no EXIF segment');
      assert.equal(f.bytes.indexOf('SECRET-EXIF'), -1);
      assert.equal(f.bytes.indexOf(Buffer.from([0x88, 0x25])), -1, 'no GPS IFD pointer');
    });

    test('a large image gets a display version of at most 1600 pixels', async () => {
      const r = await upload(u.alice, png(2000, 100), { filename: 'wide.png', type: 'image/png' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.width, 2000);
      assert.ok(r.json.display_url, r.text);
      const f = await fetchBytes(u.anon, r.json.display_url);
      assert.equal(f.status, 200);
      assert.equal(f.bytes.readUInt32BE(16), 1600, 'display width');
      assert.equal(f.bytes.readUInt32BE(20), 80, 'display height');
    });

    test('types are decided by content: renamed executable and random bytes are 415, HTML is plain text', async () => {
      const elf = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\0', 'latin1'), Buffer.alloc(120, 0)]);
      let r = await upload(u.alice, elf, { filename: 'cat.jpg', type: 'image/jpeg' });
      assert.equal(r.status, 415, r.text);
      assert.equal(r.json.error.code, 'unsupported_type');
      assert.equal(r.json.error.field, 'file');
      assert.match(r.json.error.message, /cannot be uploaded/);
      const exe = Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0', 'latin1'), Buffer.alloc(60, 0)]);
      r = await upload(u.alice, exe, { filename: 'report.pdf', type: 'application/pdf' });
      assert.equal(r.status, 415, r.text);
      r = await upload(u.alice, Buffer.from([0, 1, 2, 3, 250, 251, 0, 7]), { filename: 'x.png', type: 'image/png' });
      assert.equal(r.status, 415, r.text);
      // PNG magic, but no image behind it
      r = await upload(u.alice, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from('garbage garbage')]), { filename: 'bad.png', type: 'image/png' });
      assert.equal(r.status, 415, r.text);
      r = await upload(u.alice, Buffer.from('<html><script>alert(1)</script></html>\n'), { filename: 'page.html', type: 'image/png' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.type, 'text/plain; charset=utf-8');
      assert.equal(r.json.markdown, `[page.html](${r.json.url})`);
      const f = await fetchBytes(u.anon, r.json.url);
      assert.equal(f.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.match(f.headers.get('content-disposition'), /^attachment; /);
      r = await upload(u.alice, Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1'), { filename: 'notes', type: 'text/plain' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.type, 'application/pdf');
      assert.equal(r.json.name, 'notes.pdf');
    });

    test('limits: per file (413), per member per day (429), pixels before decoding (413)', async () => {
      await setting({ upload_max_bytes: '2000' });
      let r = await upload(u.bob, Buffer.alloc(3000, 'a'), { filename: 'big.txt', type: 'text/plain' });
      assert.equal(r.status, 413, r.text);
      assert.equal(r.json.error.field, 'file');
      await setting({ upload_max_bytes: '10485760' });
      // a decompression bomb: 30000 x 30000 pixels in a few KB
      const bomb = png(30000, 30000, { bits: 1 });
      assert.ok(bomb.length < 200000, `bomb is ${bomb.length} bytes`);
      const t0 = Date.now();
      r = await upload(u.bob, bomb, { filename: 'bomb.png', type: 'image/png' });
      assert.equal(r.status, 413, r.text);
      assert.match(r.json.error.message, /too large/);
      assert.ok(Date.now() - t0 < 20000, 'refused from the header, not after decoding');
      assert.equal((await u.anon.get('/healthz')).status, 200);
      await setting({ upload_daily_limit: '2' });
      r = await upload(u.bob, Buffer.from('one\n'), { filename: 'a.txt', type: 'text/plain' });
      assert.equal(r.status, 201, r.text);
      r = await upload(u.bob, Buffer.from('two\n'), { filename: 'b.txt', type: 'text/plain' });
      assert.equal(r.status, 201, r.text);
      r = await upload(u.bob, Buffer.from('three\n'), { filename: 'c.txt', type: 'text/plain' });
      assert.equal(r.status, 429, r.text);
      assert.match(r.json.error.message, /24 hours/);
      await setting({ upload_daily_limit: '100' });
      r = await u.admin.patchJSON('/api/v1/admin/settings', { upload_max_bytes: '0' });
      assert.equal(r.status, 400, r.text);
      // the same settings on the administration page
      r = await u.admin.get('/admin');
      assert.match(r.text, /name="upload_max_bytes"[^>]*value="10485760"/);
      assert.match(r.text, /name="upload_daily_limit"[^>]*value="100"/);
      assert.match(r.text, /name="external_images" value="off" checked/);
      r = await u.admin.post('/admin', { upload_daily_limit: '7' });
      assert.equal(r.status, 303, r.text);
      assert.equal((await u.admin.get('/api/v1/admin/settings')).json.settings.upload_daily_limit, '7');
      r = await u.admin.post('/admin', { upload_max_bytes: '99999999999' });
      assert.equal(r.status, 422);
      assert.match(r.text, /number of bytes from 1 to 33554432/);
      await setting({ upload_daily_limit: '100' });
    });

    test('anonymous uploads are 401, and the route wants CSRF with a cookie session', async () => {
      let r = await upload(u.anon, Buffer.from('hi\n'), { filename: 'a.txt' });
      assert.equal(r.status, 401, r.text);
      const fd = new FormData();
      fd.append('file', new Blob([Buffer.from('hi\n')]), 'a.txt');
      const cookie = [...u.alice.jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(srv.url + '/api/v1/uploads', { method: 'POST', body: fd, headers: { Cookie: cookie, Accept: 'application/json' } });
      assert.equal(res.status, 403);
      // without credentials the body cap stays at 1 MiB: a big anonymous upload is 413 at once
      const head = 'POST /api/v1/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n' +
        'Content-Type: multipart/form-data; boundary=XX\r\nContent-Length: 2097152\r\n\r\n';
      const answer = await rawRequest(srv.port, head, { timeoutMs: 10000 });
      assert.match(answer, /^HTTP\/1\.1 413 /);
      // with a session, 2 MiB is read (and refused by upload_max_bytes only when over it)
      r = await upload(u.alice, Buffer.alloc(2 << 20, 'b'), { filename: 'two-mib.txt', type: 'text/plain' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.size, 2 << 20);
    });

    test('a private community keeps its files from outsiders and visitors', async () => {
      let r = await upload(u.alice, png(8, 8), { filename: 'secret.png', type: 'image/png', fields: { community: PRIV } });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.community, PRIV);
      const url = r.json.url;
      let f = await fetchBytes(u.alice, url);
      assert.equal(f.status, 200);
      assert.match(f.headers.get('cache-control'), /^private/);
      f = await fetchBytes(u.admin, url);
      assert.equal(f.status, 200);
      f = await fetchBytes(u.outsider, url);
      assert.equal(f.status, 404);
      f = await fetchBytes(u.anon, url);
      assert.equal(f.status, 404);
      // outsiders cannot upload into it either; unknown communities are 404
      r = await upload(u.outsider, png(8, 8), { filename: 'x.png', type: 'image/png', fields: { community: PRIV } });
      assert.equal(r.status, 404, r.text);
      r = await upload(u.alice, png(8, 8), { filename: 'x.png', type: 'image/png', fields: { community: 'no-such-place' } });
      assert.equal(r.status, 404, r.text);
      // malformed and unknown ids
      assert.equal((await fetchBytes(u.alice, '/uploads/zz/x.png')).status, 404);
      assert.equal((await fetchBytes(u.alice, `/uploads/${'0'.repeat(32)}/x.png`)).status, 404);
    });

    test('Markdown shows local uploads as images and keeps external images as links', async () => {
      let r = await upload(u.alice, png(30, 20), { filename: 'plot.png', type: 'image/png', fields: { community: PUB } });
      assert.equal(r.status, 201, r.text);
      const img = r.json;
      r = await u.alice.postJSON(`/api/v1/communities/${PUB}/threads`, {
        kind: 'question', title: `Images in posts ${tag}`,
        body: `Here: ![a "plot" <of> data](${img.url})\n\nAnd ![remote](https://example.com/x.png) too.`,
      });
      assert.equal(r.status, 201, r.text);
      const page = await u.anon.get(r.json.url);
      assert.equal(page.status, 200);
      const tagRe = new RegExp(`<img class="md-image" src="${img.url}" alt="a &quot;plot&quot; &lt;of&gt; data" width="30" height="20" loading="lazy" decoding="async">`);
      assert.match(page.text, tagRe);
      assert.match(page.text, /<a href="https:\/\/example.com\/x.png" rel="nofollow ugc noopener" class="md-image">remote<\/a>/);
      assert.ok(!/<img[^>]+example\.com/.test(page.text), 'no remote image loads');
      assert.match(page.headers.get('content-security-policy'), /img-src 'self' data:;/);
      // the administrator may allow external images
      await setting({ external_images: 'on' });
      r = await u.alice.postJSON(`/api/v1/communities/${PUB}/threads`, {
        kind: 'discussion', title: `External images ${tag}`, body: 'See ![remote](https://example.com/y.png).',
      });
      assert.equal(r.status, 201, r.text);
      const p2 = await u.anon.get(r.json.url);
      assert.match(p2.text, /<img class="md-image" src="https:\/\/example.com\/y.png" alt="remote" loading="lazy"/);
      assert.match(p2.headers.get('content-security-policy'), /img-src 'self' data: https:;/);
      // a page from the anonymous page cache (SQLite) keeps the policy it was rendered with
      let p3;
      for (let i = 0; i < 50; i++) { // background jobs may write: poll for a hit
        p3 = await u.anon.get('/');
        if (backend !== 'sqlite' || p3.headers.get('x-cache') === 'hit') break;
        await new Promise((res) => setTimeout(res, 100));
      }
      if (backend === 'sqlite') assert.equal(p3.headers.get('x-cache'), 'hit');
      assert.match(p3.headers.get('content-security-policy'), /img-src 'self' data: https:;/);
      await setting({ external_images: 'off' });
    });

    test('an image of a private community is refused in texts other readers see, with a clear error', async () => {
      const MEM = `upm-${tag}`;
      let r = await u.alice.postJSON('/api/v1/communities', { name: `Community ${MEM}`, slug: MEM, visibility: 'members' });
      assert.equal(r.status, 201, r.text);
      const up = async (community) => {
        const x = await upload(u.alice, png(8, 8), { filename: 'p.png', type: 'image/png', fields: community ? { community } : {} });
        assert.equal(x.status, 201, x.text);
        return x.json.url;
      };
      const priv = await up(PRIV); const mem = await up(MEM); const pub = await up(PUB); const none = await up(null);
      const refused = (x, field = 'body') => {
        assert.equal(x.status, 400, x.text);
        assert.equal(x.json.error.field, field);
        assert.match(x.json.error.message, /belongs to a community whose readers are not all readers of this text/);
        assert.ok(!x.json.error.message.includes(PRIV), 'the community is not named');
      };
      // a public community's question: the private and the members-only images are refused
      for (const url of [priv, mem]) {
        r = await u.alice.postJSON(`/api/v1/communities/${PUB}/threads`, { kind: 'question', title: `Embed ${tag}`, body: `See ![x](${url})` });
        refused(r);
      }
      // a link to it is not an image: allowed (outsiders get a 404, as for any link)
      r = await u.alice.postJSON(`/api/v1/communities/${PUB}/threads`, { kind: 'question', title: `Linked ${tag}`, body: `See [the chart](${priv}) and ![p](${pub}) and ![n](${none}).` });
      assert.equal(r.status, 201, r.text);
      const t = r.json;
      const page = await u.anon.get(t.url);
      assert.equal((page.text.match(/<img class="md-image"/g) || []).length, 2, 'public and no-community images show');
      // replies and edits, articles, event descriptions and profiles follow the same rule
      refused(await u.alice.postJSON(`/api/v1/threads/${t.id}/posts`, { body: `![x](${priv})` }));
      refused(await u.alice.patchJSON(`/api/v1/posts/${t.first_post_id ?? (await u.alice.get(`/api/v1/threads/${t.id}`)).json.posts[0].id}`, { body: `![x](${priv})` }));
      refused(await u.alice.postJSON(`/api/v1/communities/${PUB}/articles`, { title: `Art ${tag}`, body_md: `![x](${priv})` }));
      const nextYear = new Date().getUTCFullYear() + 1;
      refused(await u.alice.postJSON(`/api/v1/communities/${PUB}/events`, {
        title: `Ev ${tag}`, start: `${nextYear}-06-02T18:00`, end: `${nextYear}-06-02T20:00`, timezone: 'UTC', description_md: `![x](${mem})`,
      }), 'description_md');
      refused(await u.alice.patchJSON('/api/v1/me', { bio: `Me: ![x](${priv})` }), 'bio');
      r = await u.alice.patchJSON('/api/v1/me', { bio: `Me: ![x](${none})` });
      assert.equal(r.status, 200, r.text);
      assert.match(r.json.bio_html ?? (await u.anon.get('/u/alice')).text, /<img class="md-image"/);
      // the charter of another community is a text of that community
      refused(await u.alice.patchJSON(`/api/v1/communities/${PUB}`, { charter_md: `![x](${priv})` }), 'charter_md');
      // where every reader can load it, it shows: its own community, or members-only in a
      // private community (its readers are signed in)
      for (const [slug, url] of [[PRIV, priv], [PRIV, mem], [MEM, mem], [MEM, pub]]) {
        r = await u.alice.postJSON(`/api/v1/communities/${slug}/threads`, { kind: 'discussion', title: `Fine ${slug}`, body: `![x](${url})` });
        assert.equal(r.status, 201, `${slug} ${url}: ${r.text}`);
        const v = await u.alice.get(r.json.url);
        assert.match(v.text, /<img class="md-image"/, `${slug} shows ${url}`);
      }
      r = await u.alice.patchJSON(`/api/v1/communities/${PRIV}`, { charter_md: `Ours: ![x](${priv})` });
      assert.equal(r.status, 200, r.text);
      // every Markdown composer carries the upload tools, with the text's community
      r = await u.alice.get('/settings/profile');
      assert.match(r.text, /<p class="upload-tools" data-upload-for="bio" data-upload-community="">/);
      r = await u.alice.get(`/c/${PUB}/edit`);
      assert.match(r.text, new RegExp(`<p class="upload-tools" data-upload-for="charter_md" data-upload-community="${PUB}">`));
      r = await u.alice.get('/c/new');
      assert.match(r.text, /data-upload-for="charter_md" data-upload-community="">/);
      r = await u.alice.get(t.url);
      assert.match(r.text, new RegExp(`data-upload-for="comment-body-\\d+" data-upload-community="${PUB}" data-upload-as="link">`), 'comment composers take files as links');
      // the page form says so next to the field and keeps the text
      await u.alice.get(`/c/${PUB}/t/new?kind=question`);
      r = await u.alice.post(`/c/${PUB}/t/new`, { kind: 'question', title: `Web embed ${tag}`, body: `![x](${priv})` });
      assert.equal(r.status, 422, r.text.slice(0, 300));
      assert.match(r.text, /belongs to a community whose readers are not all readers/);
      assert.ok(r.text.includes(`![x](${priv})</textarea>`));
    });

    test('the upload form works without JavaScript and answers with the Markdown', async () => {
      let r = await u.alice.get(`/uploads/new?community=${PUB}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /enctype="multipart\/form-data"/);
      assert.match(r.text, new RegExp(`name="community" value="${PUB}"`));
      r = await upload(u.alice, JPEG, { filename: 'form.jpg', type: 'image/jpeg', url: '/uploads', csrfField: true, fields: { community: PUB } });
      assert.equal(r.status, 200, r.text);
      const m = r.text.match(/<textarea id="upload-markdown"[^>]*>!\[form.jpg\]\((\/uploads\/[0-9a-f]{32}\/form.jpg)\)<\/textarea>/);
      assert.ok(m, r.text);
      assert.equal((await fetchBytes(u.alice, m[1])).status, 200);
      r = await upload(u.alice, Buffer.from('\x7fELF\x02\x01\x01\0\0\0', 'latin1'), { filename: 'form.jpg', type: 'image/jpeg', url: '/uploads', csrfField: true });
      assert.equal(r.status, 415);
      assert.match(r.text, /cannot be uploaded/);
      assert.equal((await u.anon.get('/uploads/new')).status, 303);
    });

    test('uploads travel with export, import praxis and backup', async () => {
      let r = await upload(u.alice, png(12, 9), { filename: 'travel.png', type: 'image/png', fields: { community: PUB } });
      assert.equal(r.status, 201, r.text);
      const up = r.json;
      r = await u.alice.postJSON(`/api/v1/communities/${PUB}/threads`, {
        kind: 'discussion', title: `Travelling image ${tag}`, body: `![travel](${up.url})`,
      });
      assert.equal(r.status, 201, r.text);
      const threadUrl = r.json.url;
      const original = (await fetchBytes(u.alice, up.url)).bytes;
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-upx-'));
      const file = path.join(work, 'all.jsonl');
      let x = await srv.cli(['export', '--output', file, '--uploads', dir]);
      assert.equal(x.code, 0, x.stderr);
      assert.match(x.stderr, /uploaded files copied to/);
      assert.ok(fs.existsSync(path.join(`${file}.uploads`, up.id)));
      assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`"type":"upload","id":"${up.id}"`));
      const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-upb-'));
      const B = await startServer({ backend, args: ['--uploads', dirB] });
      try {
        x = await B.cli(['import', 'praxis', file, '--uploads', dirB]);
        assert.equal(x.code, 0, x.stderr);
        assert.ok(fs.existsSync(path.join(dirB, up.id)));
        const anon = B.client();
        const res = await fetch(B.url + up.url);
        assert.equal(res.status, 200);
        assert.ok(Buffer.from(await res.arrayBuffer()).equals(original), 'the same bytes');
        const page = await anon.get(threadUrl);
        assert.equal(page.status, 200);
        assert.match(page.text, new RegExp(`<img class="md-image" src="${up.url}" alt="travel" width="12" height="9"`));
      } finally {
        await B.stop();
        fs.rmSync(dirB, { recursive: true, force: true });
      }
      if (backend === 'sqlite') {
        const copy = path.join(work, 'backup.db');
        x = await srv.cli(['backup', copy, '--uploads', dir]);
        assert.equal(x.code, 0, x.stderr);
        assert.ok(fs.existsSync(path.join(`${copy}.uploads`, up.id)));
      }
      fs.rmSync(work, { recursive: true, force: true });
    });

    test('malformed multipart bodies are 400', async () => {
      const h = { 'X-CSRF-Token': u.alice.csrf, Accept: 'application/json' };
      const send = (ct, body) => u.alice.request('POST', '/api/v1/uploads', { body, headers: { ...h, 'Content-Type': ct } });
      let r = await send('multipart/form-data; boundary=XX', '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nno closing boundary');
      assert.equal(r.status, 400, r.text);
      r = await send('multipart/form-data', '--XX\r\n\r\n--XX--\r\n');
      assert.equal(r.status, 400, r.text);
      r = await send('multipart/form-data; boundary=XX', '--XX\r\nContent-Type: text/plain\r\n\r\nx\r\n--XX--\r\n');
      assert.equal(r.status, 400, r.text);
      r = await send('multipart/form-data; boundary=XX', '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello\n\r\n--XX--\r\n');
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.name, 'a.txt');
    });
  });
}

// Images in answers, as people add them in Chromium: Tom answers Maria's question with a
// chart chosen with the "Add an image or file" button, a second one dropped onto the answer
// box and a third pasted into it; each upload's Markdown lands at the cursor, and after
// posting the images are shown in the answer (loaded from this instance). axe-core runs on
// the composer and on the thread at desktop and phone widths; the phone page must not
// scroll sideways.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, test } from 'node:test';

import { backends, checkA11y, checkNoSideScroll, PHONE, screenshot, signIn, startBrowserEnv } from './lib.mjs';
import { sql } from '../http/lib.mjs';

const PW = 'a long and private passphrase';
// The thread page's hidden per-post headings (h3 right after the h1) break heading-order
// today; that is the thread page's to fix (issue 15's accessibility item), not the uploads'.
const A11Y = { exclude: ['.post h3.visually-hidden'] };

function crc32(buf) {
  let crc = 0xffffffff;
  for (const byte of buf) {
    let c = (crc ^ byte) & 0xff;
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
// A w x h RGB PNG with a colour gradient (hue picks the blue channel).
function png(w, h, hue) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const o = y * (w * 3 + 1) + 1 + x * 3; raw[o] = (x * 255 / w) | 0; raw[o + 1] = (y * 255 / h) | 0; raw[o + 2] = hue;
  }
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

for (const backend of backends()) {
  let env, dir, threadUrl;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-bupl-'));
    env = await startBrowserEnv({ backend, args: ['--uploads', dir] });
    await env.srv.addUser('maria', { password: PW, admin: true });
    await env.srv.addUser('tom', { password: PW });
    const m = env.srv.client();
    await m.signin('maria', PW);
    await m.get('/');
    let r = await m.postJSON('/api/v1/communities', { name: 'Bench Chemists', slug: 'bench', visibility: 'public' });
    assert.equal(r.status, 201, r.text);
    r = await m.postJSON('/api/v1/communities/bench/threads', {
      kind: 'question', title: 'Why does my titration curve look flat?', body: 'I add NaOH and the pH barely moves.',
    });
    assert.equal(r.status, 201, r.text);
    threadUrl = r.json.url;
    const t = env.srv.client();
    await t.signin('tom', PW);
    await t.get('/');
    assert.equal((await t.postJSON('/api/v1/communities/bench/join', {})).status, 200);
    // brand-new accounts (trust level 0) may not upload: these members are past that
    sql(env.srv, 'UPDATE users SET trust_level = 1, trust_locked = 1');
  });
  after(async () => {
    await env?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });


  test(`[${backend}] upload by button, drop and paste into the answer composer`, async () => {
    const page = await (await env.newContext()).newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    await signIn(page, 'tom', PW);
    await page.goto(threadUrl);
    const box = page.getByRole('textbox', { name: 'Your answer' });
    const tools = page.locator('.upload-tools[data-upload-for="body"]');
    const status = tools.locator('.upload-status');
    await tools.getByRole('button', { name: 'Add an image or file' }).waitFor();
    assert.equal(await tools.locator('a.upload-link').isVisible(), false, 'the no-JS link gives way to the button');
    await box.fill('Your curve is flat because of the buffer. Compare:\n');

    // 1. the button: a file chooser
    const chooser = page.waitForEvent('filechooser');
    await tools.getByRole('button', { name: 'Add an image or file' }).click();
    await (await chooser).setFiles({ name: 'curve.png', mimeType: 'image/png', buffer: png(320, 200, 40) });
    await page.waitForFunction(() => /!\[curve\.png\]\(\/uploads\/[0-9a-f]{32}\/curve\.png\)/.test(document.getElementById('body').value), null, { timeout: 30000 });
    assert.match(await status.innerText(), /Uploaded curve\.png/);

    // 2. drag and drop onto the textarea, 3. paste into it
    const b64drop = png(200, 120, 200).toString('base64');
    const b64paste = png(160, 90, 120).toString('base64');
    await box.evaluate((el, [dropData, pasteData]) => {
      const file = (b64, name) => new File([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], name, { type: 'image/png' });
      const dt = new DataTransfer();
      dt.items.add(file(dropData, 'dropped.png'));
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      const cb = new DataTransfer();
      cb.items.add(file(pasteData, 'pasted.png'));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: cb, bubbles: true, cancelable: true }));
    }, [b64drop, b64paste]);
    await page.waitForFunction(() => {
      const v = document.getElementById('body').value;
      return /!\[dropped\.png\]\(/.test(v) && /!\[pasted\.png\]\(/.test(v);
    }, null, { timeout: 30000 });

    // a file the server refuses: the error is shown, nothing is inserted
    const chooser2 = page.waitForEvent('filechooser');
    await tools.getByRole('button', { name: 'Add an image or file' }).click();
    await (await chooser2).setFiles({ name: 'tool.png', mimeType: 'image/png', buffer: Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\0', 'latin1'), Buffer.alloc(64)]) });
    await page.waitForFunction(() => document.querySelector('.upload-status.upload-error'), null, { timeout: 30000 });
    assert.match(await status.innerText(), /tool\.png: This kind of file cannot be uploaded/);
    assert.ok(!/tool\.png/.test(await box.inputValue()));

    await screenshot(page, `${backend}-uploads-compose`);
    await checkA11y(page, A11Y);
    await page.getByRole('button', { name: 'Post your answer' }).click();
    await page.waitForLoadState();

    // the answer shows the three images, loaded from this instance
    const imgs = page.locator('.answers img.md-image');
    await imgs.first().waitFor();
    assert.equal(await imgs.count(), 3);
    await page.waitForFunction(() => [...document.querySelectorAll('.answers img.md-image')].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 30000 });
    assert.equal(await imgs.nth(0).getAttribute('alt'), 'curve.png');
    assert.equal(await imgs.nth(0).getAttribute('width'), '320');
    assert.equal(await imgs.nth(0).getAttribute('loading'), 'lazy');
    await screenshot(page, `${backend}-uploads-thread`);
    await checkA11y(page, A11Y);

    await page.setViewportSize(PHONE);
    await page.reload();
    await imgs.first().waitFor();
    await checkNoSideScroll(page);
    await checkA11y(page, A11Y);
    await screenshot(page, `${backend}-uploads-thread-phone`);
    await page.goto('/uploads/new?community=bench');
    await checkNoSideScroll(page);
    await checkA11y(page);
    await screenshot(page, `${backend}-uploads-form-phone`);
    assert.deepEqual(errors.filter((e) => !/415|Unsupported Media Type/.test(e)), []);
  });
}

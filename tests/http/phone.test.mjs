// Phone, theme, events and articles fixes of issue 15 (server side), on both backends: the
// member's colour theme (settings page and PATCH /api/v1/me) reaches <html data-theme>; the
// header is one <details> menu with a named search landmark.
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startServer } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

for (const backend of backends()) {
  test(`${backend}: theme choice is stored per member and set on <html>`, async () => {
    const srv = await startServer({ backend });
    try {
      await srv.addUser('ana', { password: PW });
      await srv.addUser('bob', { password: PW });
      const ana = srv.client();
      await ana.signin('ana', PW);
      let r = await ana.get('/');
      assert.match(r.text, /^<!doctype html>\n<html lang="en">/);
      assert.match(r.text, /<meta name="color-scheme" content="light dark">/);
      assert.match(r.text, /<details class="site-menu"><summary class="menu-button">/);
      assert.match(r.text, /<form class="site-search"[^>]* role="search" aria-label="Site">/);
      r = await ana.get('/settings/appearance');
      assert.equal(r.status, 200);
      assert.match(r.text, /id="theme-system" name="theme" value="system" checked/);
      r = await ana.post('/settings/appearance', { theme: 'dark' });
      assert.equal(r.status, 303, r.text);
      r = await ana.get('/settings/appearance?saved=1');
      assert.match(r.text, /^<!doctype html>\n<html lang="en" data-theme="dark">/);
      assert.match(r.text, /<meta name="color-scheme" content="dark">/);
      assert.match(r.text, /value="dark" checked/);
      r = await ana.post('/settings/appearance', { theme: 'purple' });
      assert.equal(r.status, 422);
      assert.match(r.text, /Choose system, light or dark/);
      // the API: read, set, refuse (nothing else saved with a bad theme)
      r = await ana.get('/api/v1/me');
      assert.equal(r.json.user.theme, 'dark');
      r = await ana.patchJSON('/api/v1/me', { theme: 'light' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.user.theme, 'light');
      r = await ana.get('/c/none');
      assert.match(r.text, /<html lang="en" data-theme="light">/); // error pages too
      r = await ana.patchJSON('/api/v1/me', { theme: 'sepia', display_name: 'Changed' });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'theme');
      r = await ana.get('/api/v1/me');
      assert.notEqual(r.json.user.display_name, 'Changed');
      // another member keeps the default
      const bob = srv.client();
      await bob.signin('bob', PW);
      r = await bob.get('/');
      assert.match(r.text, /<html lang="en">/);
      // anonymous pages (cached on SQLite) never carry a member's theme
      r = await srv.client().get('/');
      assert.match(r.text, /<html lang="en">/);
    } finally {
      await srv.stop();
    }
  });
}

// iCalendar text through Debian's python3-icalendar: the DESCRIPTION of every VEVENT.
function icalDescriptions(text) {
  const py = 'import sys, icalendar\n' +
    'cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())\n' +
    'for ev in cal.walk("VEVENT"):\n' +
    '    print(repr(str(ev.get("DESCRIPTION"))))\n';
  const r = spawnSync('/usr/bin/python3', ['-c', py], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').map((l) => l.slice(1, -1).replace(/\\n/g, '\n'));
}

for (const backend of backends()) {
  test(`${backend}: event form, organiser, plain iCal description, RSVP for a whole series`, async () => {
    const srv = await startServer({ backend });
    try {
      await srv.addUser('admin1', { password: PW, admin: true });
      await srv.addUser('ana', { password: PW });
      await srv.addUser('bob', { password: PW });
      const admin = srv.client();
      await admin.signin('admin1', PW);
      await admin.get('/');
      assert.equal((await admin.patchJSON('/api/v1/me', { display_name: 'Ada Organiser' })).status, 200);
      let r = await admin.postJSON('/api/v1/communities', { name: 'Bakers', slug: 'bakers', visibility: 'public' });
      assert.equal(r.status, 201, r.text);
      // the form: a datalist of zones, the admin has no profile zone -> the browser's (JS)
      r = await admin.get('/c/bakers/events/new');
      assert.match(r.text, /<input id="timezone" name="timezone" type="text"[^>]* list="tz-zones"[^>]* data-tz-browser value="UTC">/);
      assert.match(r.text, /<datalist id="tz-zones">(<option value="[^"]+">)+<\/datalist>/);
      assert.match(r.text, /<option value="Europe\/Berlin">/);
      assert.match(r.text, /<option value="UTC">/);
      assert.match(r.text, /<div class="repeat-part" data-freq="weekly">/);
      assert.match(r.text, /<div class="repeat-part" data-freq="monthly">/);
      // with a profile zone, that one, and no browser default
      await admin.patchJSON('/api/v1/me', { timezone: 'Asia/Tokyo' });
      r = await admin.get('/c/bakers/events/new');
      assert.match(r.text, /data-timezone-input value="Asia\/Tokyo">/);
      assert.doesNotMatch(r.text, /data-tz-browser/);
      // a zone outside the list is refused by the server
      r = await admin.post('/c/bakers/events/new', { title: 'Bad zone', start: '2031-03-02T18:00', end: '2031-03-02T19:00', timezone: 'Mars/Olympus', freq: 'none' });
      assert.equal(r.status, 422);
      assert.match(r.text, /is not a time zone/);

      const y = new Date().getUTCFullYear() + 1;
      r = await admin.postJSON('/api/v1/communities/bakers/events', {
        title: 'Weekly bake-along', start: `${y}-03-02T18:00`, end: `${y}-03-02T19:30`,
        timezone: 'Europe/Berlin', capacity: 1, freq: 'weekly', count: 4,
        description_md: 'Bring **flour** and [your starter](https://example.com/s).\n\n- a bowl\n- a scale',
      });
      assert.equal(r.status, 201, r.text);
      const eid = r.json.id;
      const first = r.json.occurrences[0].key;
      r = await admin.get(`/api/v1/events/${eid}`);
      assert.equal(r.json.organiser, 'admin1');
      assert.equal(r.json.organiser_display_name, 'Ada Organiser');
      r = await srv.client().get(`/events/${eid}/o/${first}`);
      assert.match(r.text, /<dt>Organiser<\/dt><dd><a class="author" href="\/u\/admin1" title="@admin1">Ada Organiser<\/a><\/dd>/);
      // iCal: DESCRIPTION is the text a reader sees, no Markdown
      r = await srv.client().get(`/events/${eid}/event.ics`);
      assert.equal(r.status, 200);
      const descs = icalDescriptions(r.text);
      assert.ok(descs.length >= 1);
      for (const d of descs) {
        assert.match(d, /^Bring flour and your starter\./);
        assert.doesNotMatch(d, /\*\*|\]\(|^- /m);
        assert.match(d, /a bowl/);
        assert.match(d, /Bakers \(Europe\/Berlin\)/);
      }

      const ana = srv.client();
      await ana.signin('ana', PW);
      await ana.get('/');
      await ana.postJSON('/api/v1/communities/bakers/join', {});
      const bob = srv.client();
      await bob.signin('bob', PW);
      await bob.get('/');
      await bob.postJSON('/api/v1/communities/bakers/join', {});
      // ana: every date through the page's series form
      r = await ana.get(`/events/${eid}/o/${first}`);
      assert.match(r.text, /<input type="hidden" name="scope" value="series"><p class="hint">All 4 dates still to come of this series:<\/p>/);
      r = await ana.post(`/events/${eid}/o/${first}/rsvp`, { scope: 'series', status: 'going' });
      assert.equal(r.status, 303);
      assert.match(r.location, /\?series=4&waitlisted=0$/);
      r = await ana.get(r.location);
      assert.match(r.text, /Your answer was saved for 4 dates\./);
      r = await ana.get(`/api/v1/events/${eid}`);
      for (const o of r.json.occurrences) {
        const x = await ana.get(`/api/v1/events/${eid}/occurrences/${o.key}`);
        assert.equal(x.json.my_rsvp, 'going', `date ${o.key}`);
      }
      // bob through the API: capacity 1, so every date waitlists him
      r = await bob.putJSON(`/api/v1/events/${eid}/rsvp`, { status: 'going' });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { status: 'going', dates: 4, waitlisted: 4 });
      r = await bob.putJSON(`/api/v1/events/${eid}/rsvp`, { status: 'perhaps' });
      assert.equal(r.status, 400);
      // ana withdraws from all: bob moves up on each date
      r = await ana.putJSON(`/api/v1/events/${eid}/rsvp`, { status: 'none' });
      assert.equal(r.status, 200);
      r = await bob.get(`/api/v1/events/${eid}/occurrences/${first}`);
      assert.equal(r.json.my_rsvp, 'going');
      // outsiders cannot
      await srv.addUser('eve', { password: PW });
      const eve = srv.client();
      await eve.signin('eve', PW);
      await eve.get('/');
      r = await eve.putJSON(`/api/v1/events/${eid}/rsvp`, { status: 'going' });
      assert.equal(r.status, 403);
    } finally {
      await srv.stop();
    }
  });
}

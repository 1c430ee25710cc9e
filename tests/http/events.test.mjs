// Events over HTTP, on every backend: scheduling (coordinators only), validation (time zones,
// DST gaps, impossible dates, end before start, huge recurrences), RSVPs with capacity and
// the waitlist promoted in order, visibility of a private community's events and feeds, feed
// tokens that reset, and the .ics output parsed with python3-icalendar.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { backends, startServer, randomName } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

// Parse an iCalendar text with python3-icalendar; returns [{uid, summary, start, status, seq}].
function parseIcs(text) {
  const py = `
import icalendar, sys, json
cal = icalendar.Calendar.from_ical(sys.stdin.read())
out = []
for ev in cal.walk('VEVENT'):
    out.append({'uid': str(ev['UID']), 'summary': str(ev['SUMMARY']),
                'start': ev.decoded('DTSTART').isoformat(), 'end': ev.decoded('DTEND').isoformat(),
                'status': str(ev.get('STATUS', '')), 'seq': int(ev.get('SEQUENCE', 0)),
                'location': str(ev.get('LOCATION', '')), 'description': str(ev.get('DESCRIPTION', ''))})
print(json.dumps(out))
`;
  const r = spawnSync(process.env.PRAXIS_PYTHON || '/usr/bin/python3', ['-c', py], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, `icalendar failed: ${r.stderr}\n${text.slice(0, 2000)}`);
  return JSON.parse(r.stdout);
}

const nextYear = new Date().getUTCFullYear() + 1;

// The last Sunday of March of year y (the night Europe/Berlin springs forward), as a UTC date.
function lastSundayOfMarch(y) {
  const d = new Date(Date.UTC(y, 2, 31));
  d.setUTCDate(31 - d.getUTCDay());
  return d;
}

for (const backend of backends()) {
  describe(`events (${backend})`, () => {
    let srv;
    const u = {};
    const tag = randomName().slice(0, 6);
    const PUB = `evpub-${tag}`;
    const PRIV = `evpriv-${tag}`;

    async function login(name) {
      const c = srv.client();
      const r = await c.signin(name, PW);
      assert.equal(r.status, 303, r.text.slice(0, 300));
      await c.get('/');
      return c;
    }

    before(async () => {
      srv = await startServer({ backend });
      await srv.addUser('admin1', { password: PW, admin: true });
      for (const n of ['coord', 'memb', 'memb2', 'outsider']) await srv.addUser(n, { password: PW });
      u.anon = srv.client();
      for (const n of ['admin1', 'coord', 'memb', 'memb2', 'outsider']) u[n] = await login(n);
      for (const [slug, vis] of [[PUB, 'public'], [PRIV, 'private']]) {
        const r = await u.admin1.postJSON('/api/v1/communities', { name: `Events ${slug}`, slug, visibility: vis });
        assert.equal(r.status, 201, r.text);
      }
      const inv = await u.admin1.postJSON(`/api/v1/communities/${PRIV}/invites`, { days: 7, max_uses: 0 });
      for (const n of ['coord', 'memb', 'memb2']) {
        assert.equal((await u[n].postJSON(`/api/v1/communities/${PUB}/join`, {})).status, 200);
        assert.equal((await u[n].postJSON(`/api/v1/communities/${PRIV}/join`, { invite: inv.json.token })).status, 200);
      }
      for (const slug of [PUB, PRIV]) {
        const r = await u.admin1.putJSON(`/api/v1/communities/${slug}/members/coord`, { role: 'coordinator' });
        assert.equal(r.status, 200, r.text);
      }
    });
    after(async () => { await srv?.stop(); });

    test('only coordinators schedule; validation refuses bad input', async () => {
      const base = { title: 'Clinic', start: `${nextYear}-06-02T18:00`, end: `${nextYear}-06-02T20:00`, timezone: 'Europe/Berlin' };
      let r = await u.memb.postJSON(`/api/v1/communities/${PUB}/events`, base);
      assert.equal(r.status, 403, r.text);
      r = await u.anon.get(`/c/${PUB}/events/new`);
      assert.equal(r.status, 303);
      const bad = [
        [{ timezone: 'Mars/Olympus' }, 'timezone'],
        [{ timezone: '../../etc/passwd' }, 'timezone'],
        [{ start: `${nextYear}-02-30T18:00` }, 'start'],
        [{ end: `${nextYear}-06-02T17:00` }, 'end'],
        [{ start: '2030-03-31T02:30', end: '2030-03-31T04:00' }, 'start'], // DST gap in Berlin
        [{ freq: 'weekly', byday: 'TU', count: 501 }, 'count'],
        [{ freq: 'daily', until: `${nextYear + 7}-01-01` }, 'until'],
        [{ freq: 'weekly', byday: 'XX', count: 3 }, 'byday'],
        [{ freq: 'weekly', byday: 'TU' }, 'until'],
        [{ title: '' }, 'title'],
        [{ online_url: 'javascript:alert(1)' }, 'online_url'],
      ];
      for (const [patch, field] of bad) {
        r = await u.coord.postJSON(`/api/v1/communities/${PUB}/events`, { ...base, ...patch });
        assert.ok(r.status === 400 || r.status === 413, `${JSON.stringify(patch)} -> ${r.status} ${r.text}`);
        assert.equal(r.json.error.field, field, JSON.stringify(patch) + r.text);
      }
      // the web form answers 422 with the message
      await u.coord.get(`/c/${PUB}/events/new`);
      r = await u.coord.post(`/c/${PUB}/events/new`, { ...base, timezone: 'Nowhere/Land', freq: 'none' });
      assert.equal(r.status, 422);
      assert.match(r.text, /is not a time zone/);
    });

    test('weekly at 02:30 Berlin across the March change; monthly on the 31st skips months', async () => {
      let r = await u.coord.postJSON(`/api/v1/communities/${PUB}/events`, {
        title: 'Night shift huddle', start: '2030-03-17T02:30', end: '2030-03-17T03:00',
        timezone: 'Europe/Berlin', freq: 'weekly', byday: 'SU', count: 3,
      });
      assert.equal(r.status, 201, r.text);
      const occ = r.json.occurrences;
      assert.deepEqual(occ.map((o) => o.start), ['2030-03-17T01:30:00Z', '2030-03-24T01:30:00Z', '2030-03-31T01:30:00Z']);
      assert.equal(occ[2].shifted, true); // 02:30 does not exist on 31 Mar: 03:30 CEST
      r = await u.coord.postJSON(`/api/v1/communities/${PUB}/events`, {
        title: 'Month end', start: `${nextYear}-01-31T10:00`, end: `${nextYear}-01-31T11:00`,
        timezone: 'UTC', freq: 'monthly', monthly: 'date', count: 4,
      });
      assert.equal(r.status, 201, r.text);
      assert.ok(r.json.skipped_months >= 1);
      assert.ok(r.json.occurrences.every((o) => o.start.slice(8, 10) === '31'), JSON.stringify(r.json.occurrences));
      r = await u.coord.postJSON(`/api/v1/communities/${PUB}/events`, {
        title: 'Second Tuesday', start: '2030-01-08T18:00', end: '2030-01-08T19:00',
        timezone: 'America/New_York', freq: 'monthly', monthly: 'weekday', count: 3,
      });
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(r.json.occurrences.map((o) => o.start), ['2030-01-08T23:00:00Z', '2030-02-12T23:00:00Z', '2030-03-12T22:00:00Z']);
      assert.match(r.json.recurrence.description, /second Tuesday/);
    });

    test('integer fields refuse reals, arrays and objects with 400 naming the field', async () => {
      for (const bad of [1e308, 2.5, [1], { n: 1 }]) {
        const r = await u.coord.postJSON(`/api/v1/communities/${PUB}/events`, {
          title: 'Bad capacity', start: `${nextYear}-06-01T18:00`, end: `${nextYear}-06-01T19:00`,
          timezone: 'UTC', capacity: bad,
        });
        assert.equal(r.status, 400, `${JSON.stringify(bad)}: ${r.text}`);
        assert.equal(r.json.error.field, 'capacity', JSON.stringify(bad));
      }
      const list = await u.coord.get(`/api/v1/communities/${PUB}/events`);
      assert.equal(list.status, 200);
      assert.ok(Array.isArray(list.json.occurrences), list.text.slice(0, 200));
      assert.ok(!list.text.includes('Bad capacity'), 'no event was created');
    });

    test('RSVP with capacity, waitlist promotion and the member feed', async () => {
      let r = await u.coord.postJSON(`/api/v1/communities/${PUB}/events`, {
        title: 'Weekly meetup', start: `${nextYear}-05-05T18:00`, end: `${nextYear}-05-05T19:30`,
        timezone: 'Europe/Berlin', freq: 'weekly', count: 4, capacity: 1,
        location: 'Room 1; Building A, floor 2', online_url: 'https://meet.example/abc',
      });
      assert.equal(r.status, 201, r.text);
      const id = r.json.id;
      const key = r.json.occurrences[0].key;
      const occUrl = `/api/v1/events/${id}/occurrences/${key}`;
      // summaries (home page) show each series once, at its next date, not every date
      const home = await u.memb.get('/');
      const upcoming = home.text.split('events-upcoming')[1] || '';
      assert.equal((upcoming.match(/Weekly meetup/g) || []).length, 1, upcoming);
      r = await u.outsider.putJSON(`${occUrl}/rsvp`, { status: 'going' });
      assert.equal(r.status, 403, r.text);
      r = await u.memb.putJSON(`${occUrl}/rsvp`, { status: 'going' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.my_rsvp, 'going');
      r = await u.memb2.putJSON(`${occUrl}/rsvp`, { status: 'going' });
      assert.equal(r.json.my_rsvp, 'waitlist');
      // memb2 subscribes to the "going" feed: nothing yet
      const tok = await u.memb2.postJSON('/api/v1/me/calendar', {});
      assert.equal(tok.status, 201, tok.text);
      let feed = await u.anon.get(tok.json.going);
      assert.equal(feed.status, 200);
      assert.match(feed.headers.get('content-type'), /text\/calendar/);
      assert.equal(parseIcs(feed.text).length, 0);
      r = await u.memb.putJSON(`${occUrl}/rsvp`, { status: 'no' });
      assert.equal(r.json.going, 1);
      r = await u.memb2.get(occUrl);
      assert.equal(r.json.my_rsvp, 'going');
      feed = await u.anon.get(tok.json.going);
      const evs = parseIcs(feed.text);
      assert.equal(evs.length, 1);
      assert.match(evs[0].uid, new RegExp(`^event-${id}-${key}@`));
      assert.equal(evs[0].start, `${nextYear}-05-05T16:00:00+00:00`);
      assert.equal(evs[0].location, 'Room 1; Building A, floor 2');
      // this date gets its own title; cancelling it through the API keeps that title
      r = await u.coord.patchJSON(occUrl, { title: 'Weekly meetup: guest speaker' });
      assert.equal(r.status, 200, r.text);
      // all-feed has 4 dates; cancelling one date raises its SEQUENCE and marks it CANCELLED
      r = await u.coord.patchJSON(occUrl, { cancelled: true });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.title, 'Weekly meetup: guest speaker');
      feed = await u.anon.get(tok.json.all);
      const all = parseIcs(feed.text).filter((e) => e.uid.startsWith(`event-${id}-`));
      assert.equal(all.length, 4);
      const c0 = all.find((e) => e.uid.startsWith(`event-${id}-${key}@`));
      assert.equal(c0.status, 'CANCELLED');
      assert.ok(c0.seq >= 1);
      // the per-event .ics and the public community feed parse, and hide the online link
      r = await u.anon.get(`/events/${id}/o/${key}/event.ics`);
      assert.equal(r.status, 200);
      assert.equal(parseIcs(r.text).length, 1);
      assert.doesNotMatch(r.text, /meet\.example/);
      r = await u.anon.get(`/c/${PUB}/events.ics`);
      assert.ok(parseIcs(r.text).length >= 4);
      // the HTML page shows the waitlist state and the attendee list to members only
      r = await u.memb2.get(`/events/${id}/o/${key}`);
      assert.equal(r.status, 200);
      r = await u.anon.get(`/events/${id}`);
      assert.doesNotMatch(r.text, /meet\.example/);
      assert.doesNotMatch(r.text, /event-attendees/);
      // reset: the old token stops working
      const tok2 = await u.memb2.postJSON('/api/v1/me/calendar', {});
      assert.equal((await u.anon.get(tok.json.all)).status, 404);
      assert.equal((await u.anon.get(tok2.json.all)).status, 200);
    });

    test('one date edited through the HTML form: permissions, move, feeds, validation, CSRF', async () => {
      // a weekly Tuesday meetup in Berlin; the third Tuesday falls after the March clock change
      const gap = lastSundayOfMarch(nextYear); // 02:00-03:00 does not exist in Berlin that night
      const first = new Date(Date.UTC(nextYear, 2, gap.getUTCDate() - 12)); // a Tuesday
      const d = (dt) => dt.toISOString().slice(0, 10);
      let r = await u.coord.postJSON(`/api/v1/communities/${PUB}/events`, {
        title: 'Tuesday clinic', start: `${d(first)}T18:00`, end: `${d(first)}T20:00`,
        timezone: 'Europe/Berlin', freq: 'weekly', count: 3, location: 'Room 1',
      });
      assert.equal(r.status, 201, r.text);
      const id = r.json.id;
      const key = r.json.occurrences[1].key; // the second Tuesday
      const base = `/events/${id}/o/${key}`;
      const edit = `${base}/edit`;
      const day2 = `${String(key).slice(0, 4)}-${String(key).slice(4, 6)}-${String(key).slice(6, 8)}`;
      r = await u.admin1.postJSON(`/api/v1/communities/${PRIV}/events`, {
        title: 'Private clinic', start: `${nextYear}-07-01T09:00`, end: `${nextYear}-07-01T10:00`, timezone: 'UTC',
      });
      assert.equal(r.status, 201, r.text);
      const privEdit = `/events/${r.json.id}/o/${r.json.occurrences[0].key}/edit`;

      // permissions: member 403, anonymous -> sign in, outsider of a private community 404
      assert.equal((await u.memb.get(edit)).status, 403);
      await u.memb.get(base);
      assert.equal((await u.memb.post(edit, { title: 'Hijacked' })).status, 403);
      r = await u.anon.get(edit);
      assert.equal(r.status, 303);
      assert.match(r.headers.get('location'), /^\/signin/);
      assert.notEqual((await u.anon.post(edit, { title: 'Hijacked' })).status, 200);
      assert.equal((await u.outsider.get(privEdit)).status, 404);
      await u.outsider.get('/');
      assert.equal((await u.outsider.post(privEdit, { title: 'Hijacked' })).status, 404);
      assert.equal((await u.memb.get(privEdit)).status, 403);
      assert.equal((await u.coord.get(privEdit)).status, 200);
      // the link is on the date's page for coordinators only
      r = await u.memb.get(base);
      assert.doesNotMatch(r.text, /Edit this date/);
      r = await u.coord.get(base);
      assert.match(r.text, new RegExp(`href="${edit}"[^>]*>Edit this date<`));
      assert.doesNotMatch(r.text, /This date was changed/);

      // the per-event .ics and the feed before the move
      const tok = await u.memb.postJSON('/api/v1/me/calendar', {});
      assert.equal(tok.status, 201, tok.text);
      const feedOf = async () => parseIcs((await u.anon.get(tok.json.all)).text)
        .find((e) => e.uid.startsWith(`event-${id}-${key}@`));
      const before = await feedOf();
      assert.ok(before, 'the date is in the feed');
      let ics = parseIcs((await u.anon.get(`${base}/event.ics`)).text);
      assert.equal(ics.length, 1);
      assert.equal(ics[0].uid, before.uid);

      // the form shows the date's current values in the event's zone
      r = await u.coord.get(edit);
      assert.equal(r.status, 200);
      assert.match(r.text, new RegExp(`value="${day2}T18:00"`));
      assert.match(r.text, /In Europe\/Berlin/);

      // CSRF: a missing or wrong token is refused and changes nothing
      assert.equal((await u.coord.post(edit, { title: 'No token' }, { csrf: false })).status, 403);
      assert.equal((await u.coord.post(edit, { title: 'Bad token', _csrf: '0'.repeat(32) })).status, 403);

      // validation: 422 with the input kept
      const form = { title: 'Moved clinic', start: `${day2}T19:00`, end: `${day2}T21:00`, location: 'Room 9' };
      await u.coord.get(edit);
      r = await u.coord.post(edit, { ...form, end: `${day2}T18:30` });
      assert.equal(r.status, 422, r.text.slice(0, 300));
      assert.match(r.text, /The end must be after the start/);
      assert.match(r.text, /value="Moved clinic"/);
      assert.match(r.text, new RegExp(`value="${day2}T18:30"`));
      r = await u.coord.post(edit, { ...form, start: `${d(gap)}T02:30`, end: `${d(gap)}T04:00` });
      assert.equal(r.status, 422);
      assert.match(r.text, /does not exist in Europe\/Berlin/);
      assert.match(r.text, new RegExp(`value="${d(gap)}T02:30"`));
      r = await u.coord.post(edit, { ...form, start: `${nextYear}-02-30T10:00`, end: `${nextYear}-02-30T11:00` });
      assert.equal(r.status, 422);
      assert.match(r.text, /is not a date and time that exists/);
      r = await u.coord.post(edit, { ...form, start: '' });
      assert.equal(r.status, 422);
      // every problem at once, each next to its field, with the summary linking to them
      r = await u.coord.post(edit, { title: 'T'.repeat(121), location: 'P'.repeat(201), start: '', end: 'soon' });
      assert.equal(r.status, 422, r.text.slice(0, 300));
      for (const [field, msg] of [['title', /The title is at most 120 characters/], ['location', /The place is at most 200 characters/],
        ['start', /When does this date start\?/], ['end', /&quot;soon&quot; is not a date and time that exists/]]) {
        assert.match(r.text, msg, field);
        assert.match(r.text, new RegExp(`<a href="#${field}">`), `summary links to ${field}`);
        assert.match(r.text, new RegExp(`id="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${field}"`), `${field} marked`);
      }
      assert.ok(r.text.includes(`value="${'T'.repeat(121)}"`), 'the input is kept');
      // a bad zone is refused on the series form (a date has its series' zone)
      await u.coord.get(`/events/${id}/edit`);
      r = await u.coord.post(`/events/${id}/edit`, { timezone: 'Mars/Olympus' });
      assert.equal(r.status, 422);
      assert.match(r.text, /is not a time zone/);
      assert.equal((await feedOf()).seq, before.seq, 'refused edits change nothing');

      // the move: the page, the .ics and the feed show the new time, same UID, higher SEQUENCE
      await u.coord.get(edit);
      r = await u.coord.post(edit, form);
      assert.equal(r.status, 303, r.text.slice(0, 300));
      assert.equal(r.headers.get('location'), `${base}?saved=1`);
      r = await u.coord.get(`${base}?saved=1`);
      assert.match(r.text, /This date was saved/);
      assert.match(r.text, /This date was changed/);
      assert.match(r.text, /<h1>Moved clinic<\/h1>/);
      assert.match(r.text, /Room 9/);
      assert.match(r.text, /19:00–21:00/);
      assert.match(r.text, /usually meets [^<]*18:00–20:00/);
      r = await u.anon.get(`/api/v1/events/${id}/occurrences/${key}`);
      const utcStart = r.json.start;
      assert.ok(utcStart.endsWith(':00:00Z') && utcStart.startsWith(day2), utcStart);
      ics = parseIcs((await u.anon.get(`${base}/event.ics`)).text);
      assert.equal(ics[0].uid, before.uid);
      assert.ok(ics[0].seq > before.seq, `${ics[0].seq} > ${before.seq}`);
      assert.equal(ics[0].summary, 'Moved clinic');
      assert.equal(ics[0].location, 'Room 9');
      assert.equal(ics[0].start, utcStart.replace('Z', '+00:00'));
      const after = await feedOf();
      assert.equal(after.uid, before.uid);
      assert.ok(after.seq > before.seq);
      assert.equal(after.start, utcStart.replace('Z', '+00:00'));
      assert.notEqual(after.start, before.start);
      // the other dates are untouched
      const other = parseIcs((await u.anon.get(`/events/${id}/event.ics`)).text).filter((e) => !e.uid.startsWith(`event-${id}-${key}@`));
      assert.equal(other.length, 2);
      assert.ok(other.every((e) => e.summary === 'Tuesday clinic' && e.location === 'Room 1'));
      // saving again without changes keeps the move; cancelling the date keeps its title and time
      await u.coord.get(edit);
      r = await u.coord.post(edit, form);
      assert.equal(r.status, 303);
      await u.coord.get(base);
      r = await u.coord.post(`${base}/cancel`, { cancelled: '1' });
      assert.equal(r.status, 303);
      ics = parseIcs((await u.anon.get(`${base}/event.ics`)).text);
      assert.equal(ics[0].status, 'CANCELLED');
      assert.equal(ics[0].summary, 'Moved clinic');
      assert.equal(ics[0].start, utcStart.replace('Z', '+00:00'));
    });

    test('answers are grouped Going / Maybe / Waitlist / Not going', async () => {
      let r = await u.coord.postJSON(`/api/v1/communities/${PUB}/events`, {
        title: 'Small group', start: `${nextYear}-04-06T18:00`, end: `${nextYear}-04-06T19:00`,
        timezone: 'UTC', capacity: 1,
      });
      assert.equal(r.status, 201, r.text);
      const id = r.json.id;
      const occ = `/api/v1/events/${id}/occurrences/${r.json.occurrences[0].key}`;
      assert.equal((await u.memb.putJSON(`${occ}/rsvp`, { status: 'going' })).json.my_rsvp, 'going');
      assert.equal((await u.memb2.putJSON(`${occ}/rsvp`, { status: 'going' })).json.my_rsvp, 'waitlist');
      assert.equal((await u.coord.putJSON(`${occ}/rsvp`, { status: 'no' })).status, 200);
      assert.equal((await u.admin1.putJSON(`${occ}/rsvp`, { status: 'maybe' })).status, 200);
      r = await u.memb.get(`/events/${id}`);
      assert.equal(r.status, 200);
      const sec = r.text.match(/<section class="event-attendees"[\s\S]*?<\/section>/)[0];
      assert.doesNotMatch(sec, /Who is coming/);
      const order = ['rsvp-group-going', 'rsvp-group-maybe', 'rsvp-group-waitlist', 'rsvp-group-no'].map((g) => sec.indexOf(g));
      assert.ok(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1])), JSON.stringify(order));
      const group = (g) => sec.match(new RegExp(`rsvp-group-${g}"[\\s\\S]*?</(ul|ol)>`))[0];
      assert.match(group('going'), /Going <span class="count">1<\/span>[\s\S]*\/u\/memb"/);
      assert.match(group('maybe'), /\/u\/admin1"/);
      assert.match(group('waitlist'), /<ol[\s\S]*\/u\/memb2"/);
      assert.match(group('no'), /Not going <span class="count">1<\/span>[\s\S]*\/u\/coord"/);
      assert.doesNotMatch(group('going') + group('maybe') + group('waitlist'), /\/u\/coord"/);
      // outsiders and anonymous visitors see no answers
      assert.doesNotMatch((await u.anon.get(`/events/${id}`)).text, /event-attendees/);
    });

    test('a private community\'s events and feeds are invisible to outsiders', async () => {
      let r = await u.coord.postJSON(`/api/v1/communities/${PRIV}/events`, {
        title: `Secret meeting ${tag}`, start: `${nextYear}-07-01T09:00`, end: `${nextYear}-07-01T10:00`, timezone: 'UTC',
      });
      assert.equal(r.status, 201, r.text);
      const id = r.json.id;
      for (const who of ['anon', 'outsider']) {
        assert.equal((await u[who].get(`/events/${id}`)).status, 404, who);
        assert.equal((await u[who].get(`/api/v1/events/${id}`)).status, 404, who);
        assert.equal((await u[who].get(`/c/${PRIV}/events.ics`)).status, 404, who);
        assert.equal((await u[who].get(`/events/${id}/event.ics`)).status, 404, who);
        const home = await u[who].get('/');
        assert.doesNotMatch(home.text, new RegExp(`Secret meeting ${tag}`));
      }
      const ot = await u.outsider.postJSON('/api/v1/me/calendar', {});
      assert.equal((await u.anon.get(`/c/${PRIV}/events.ics?token=${ot.json.token}`)).status, 404);
      const all = await u.anon.get(ot.json.all);
      assert.doesNotMatch(all.text, /Secret meeting/);
      const mt = await u.memb.postJSON('/api/v1/me/calendar', {});
      r = await u.anon.get(`/c/${PRIV}/events.ics?token=${mt.json.token}`);
      assert.equal(r.status, 200);
      assert.ok(parseIcs(r.text).some((e) => e.summary === `Secret meeting ${tag}`));
      assert.equal((await u.anon.get(`/c/${PRIV}/events.ics?token=${'0'.repeat(32)}`)).status, 404);
      assert.equal((await u.memb.get(`/events/${id}`)).status, 200);
    });
  });
}

// Browser test of events: a coordinator schedules a weekly meetup with capacity 1 through the
// form, a member RSVPs going, a second member is waitlisted, the first cancels, the second is
// promoted, and the second member's "going" calendar feed shows the meetup; the coordinator
// then moves that date through "Edit this date" and the feed follows. Screenshots of the event
// page and the date's edit form at 1280 and 390 px in dark mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, signedInPage, startBrowserEnv } from './lib.mjs';

const PW = 'correct-horse-battery-staple-7';

test('weekly meetup: RSVP, waitlist, promotion, feed', async () => {
  const env = await startBrowserEnv({});
  try {
    const { srv } = env;
    await srv.addUser('admin1', { password: PW, admin: true });
    for (const n of ['coord', 'ann', 'bob']) await srv.addUser(n, { password: PW });
    const admin = srv.client();
    await admin.signin('admin1', PW);
    await admin.get('/');
    let r = await admin.postJSON('/api/v1/communities', { name: 'Ward Rounds', slug: 'ward-rounds', visibility: 'public' });
    assert.equal(r.status, 201, r.text);
    for (const n of ['coord', 'ann', 'bob']) {
      const c = srv.client();
      await c.signin(n, PW);
      await c.get('/');
      assert.equal((await c.postJSON('/api/v1/communities/ward-rounds/join', {})).status, 200);
    }
    assert.equal((await admin.putJSON('/api/v1/communities/ward-rounds/members/coord', { role: 'coordinator' })).status, 200);

    const signin = (ctx, name) => signedInPage(ctx, name, PW);
    const y = new Date().getUTCFullYear() + 1;
    const coord = await signin(env.context, 'coord');
    await coord.goto('/c/ward-rounds/events/new');
    await coord.fill('input[name=title]', 'Weekly case meetup');
    await coord.fill('input[name=start]', `${y}-03-02T18:00`);
    await coord.fill('input[name=end]', `${y}-03-02T19:30`);
    await coord.fill('input[name=timezone]', 'Europe/Berlin');
    await coord.fill('input[name=location]', 'Seminar room 2, 3rd floor');
    await coord.fill('input[name=online_url]', 'https://meet.example/ward');
    await coord.fill('input[name=capacity]', '1');
    await coord.fill('textarea[name=description_md]', 'Bring **one case** you learned from.');
    await coord.selectOption('select[name=freq]', 'weekly');
    await coord.check('input[name=ends][value=count]');
    await coord.fill('input[name=count]', '8');
    await Promise.all([coord.waitForNavigation(), coord.click('form.event-form button[type=submit]')]);
    assert.match(coord.url(), /\/events\/\d+/);
    const eventUrl = new URL(coord.url()).pathname;

    const ann = await signin(await env.newContext(), 'ann');
    await ann.goto(eventUrl);
    await Promise.all([ann.waitForNavigation(), ann.click('button[name=status][value=going]')]);
    assert.match(await ann.textContent('.rsvp-state'), /Going/);

    const bobCtx = await env.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 900 } });
    const bob = await signin(bobCtx, 'bob');
    await bob.goto(eventUrl);
    await Promise.all([bob.waitForNavigation(), bob.click('button[name=status][value=going]')]);
    assert.match(await bob.textContent('.rsvp-state'), /waitlist/);
    // bob's calendar link
    await bob.goto('/calendar');
    await Promise.all([bob.waitForNavigation(), bob.click('form[action="/calendar/reset"] button')]);
    const goingUrl = (await bob.textContent('#feed-going')).trim();
    let feed = await (await fetch(goingUrl)).text();
    assert.doesNotMatch(feed, /Weekly case meetup/);

    await ann.goto(eventUrl);
    await Promise.all([ann.waitForNavigation(), ann.click('button[name=status][value=no]')]);
    await bob.goto(eventUrl);
    assert.match(await bob.textContent('.rsvp-state'), /Going/);
    assert.match(await bob.textContent('.rsvp-group-going'), /bob/);
    assert.match(await bob.textContent('.rsvp-group-no'), /ann/);
    assert.doesNotMatch(await bob.textContent('.rsvp-group-going'), /ann/);
    feed = await (await fetch(goingUrl)).text();
    assert.match(feed, /SUMMARY:Weekly case meetup/);
    assert.match(feed, /STATUS:CONFIRMED/);

    await screenshot(bob, 'events-1280-dark');
    await bob.setViewportSize({ width: 390, height: 844 });
    await bob.reload();
    await screenshot(bob, 'events-390-dark');
    await coord.emulateMedia({ colorScheme: 'dark' });
    // the coordinator moves one date through its form; the date's page says so
    await coord.setViewportSize({ width: 1280, height: 900 });
    await coord.goto(eventUrl);
    await Promise.all([coord.waitForNavigation(), coord.click('a:text("Edit this date")')]);
    await screenshot(coord, 'events-occ-edit-1280-dark');
    const start = await coord.inputValue('input[name=start]');
    await coord.fill('input[name=title]', 'Weekly case meetup (moved)');
    await coord.fill('input[name=start]', start.replace('T18:00', 'T19:00'));
    await coord.fill('input[name=end]', start.replace('T18:00', 'T20:30'));
    await Promise.all([coord.waitForNavigation(), coord.click('form.occ-form button[type=submit]')]);
    assert.match(await coord.textContent('.notice-changed'), /This date was changed/);
    assert.match(await coord.textContent('h1'), /\(moved\)/);
    await screenshot(coord, 'events-occ-moved-1280-dark');
    feed = await (await fetch(goingUrl)).text();
    assert.match(feed, /SUMMARY:Weekly case meetup \(moved\)/);
    await coord.setViewportSize({ width: 390, height: 844 });
    await coord.goto(`${new URL(coord.url()).pathname}/edit`);
    await screenshot(coord, 'events-occ-edit-390-dark');
    await coord.setViewportSize({ width: 390, height: 844 });
    await coord.goto('/c/ward-rounds/events/new');
    await screenshot(coord, 'events-new-390-dark');
  } finally {
    await env.close();
  }
});

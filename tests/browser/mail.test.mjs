// Browser test of mail as a person meets it, against a real SMTP sink (tests/smtp_sink.py):
// give an address on the settings page, open the confirmation link from the mail, forget the
// password, follow "Forgot password?" from the sign-in page, open the reset link, choose a
// new password and sign in with it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { screenshot, startBrowserEnv } from './lib.mjs';
import { linkIn, startSink } from '../http/mail_lib.mjs';

const PW = 'correct horse battery staple';
const PW2 = 'a brand new evening walk';
let env;
let sink;

before(async () => {
  sink = await startSink();
  env = await startBrowserEnv({ args: ['--smtp', sink.url, '--job-retry-base', '1'] });
  await env.srv.addUser('lena', { password: PW });
});
after(async () => {
  await env?.close();
  await sink?.stop();
  sink?.cleanup();
});

test('confirm an address, then reset a forgotten password by email', async () => {
  const { page } = env;
  await page.goto('/signin');
  await page.getByLabel('User name').fill('lena');
  await page.getByLabel('Password').fill(PW);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));

  await page.goto('/settings/profile');
  await page.getByRole('link', { name: 'Email' }).click();
  await page.getByLabel('Email address').fill('lena@example.org');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('we sent a link to it').waitFor();
  await screenshot(page, 'mail-settings-email');
  let files = await sink.waitFor(1);
  let m = sink.parse(files[0]);
  await page.goto(linkIn(m.text, '/verify-email?token='));
  await page.getByRole('heading', { name: 'Address confirmed' }).waitFor();
  await page.goto('/settings/email');
  assert.match(await page.locator('#email-status').innerText(), /lena@example.org: verified/);

  // sign out (a fresh context: no cookies) and forget the password
  const other = await env.newContext();
  const p2 = await other.newPage();
  await p2.goto('/signin');
  await p2.getByRole('link', { name: 'Forgot password?' }).click();
  await p2.getByLabel('User name or email address').fill('lena@example.org');
  await p2.getByRole('button', { name: 'Send the link' }).click();
  await p2.getByText('If an account with a verified email address matches').waitFor();
  await screenshot(p2, 'mail-reset-sent');
  files = await sink.waitFor(2);
  m = sink.parse(files[1]);
  await p2.goto(linkIn(m.text, '/password-reset/confirm?token='));
  await p2.getByLabel('New password', { exact: true }).fill(PW2);
  await p2.getByLabel('New password again').fill(PW2);
  await screenshot(p2, 'mail-reset-form');
  await p2.getByRole('button', { name: 'Set the password' }).click();
  await p2.getByRole('heading', { name: 'Password changed' }).waitFor();
  await p2.getByRole('link', { name: 'Sign in' }).last().click();
  await p2.getByLabel('User name').fill('lena');
  await p2.getByLabel('Password').fill(PW2);
  await p2.getByRole('button', { name: 'Sign in' }).click();
  await p2.waitForURL((u) => !u.pathname.startsWith('/signin'));

  // the first browser's session ended with the reset
  const res = await page.goto('/settings/email');
  assert.ok(new URL(page.url()).pathname.startsWith('/signin'), `redirected to sign in, got ${page.url()} (${res.status()})`);
});

// The foundation's end-to-end flow, as a person does it in Chromium:
// an administrator allows members to create communities; Maria signs up, creates a
// community and writes its charter in Markdown; Tom signs up in another browser and joins.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { backends, screenshot, signIn, startBrowserEnv } from './lib.mjs';

for (const backend of backends()) {
  let env;
  before(async () => {
    env = await startBrowserEnv({ backend });
    await env.srv.addUser('root-admin', { password: 'correct horse battery staple', admin: true });
  });
  after(async () => { await env?.close(); });

  async function signUp(page, name, password) {
    await page.goto('/signup');
    await page.getByLabel('User name').fill(name);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Password again').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForLoadState();
    // Signed in: the header shows the account's name and a sign-out button.
    await assert.doesNotReject(page.getByRole('button', { name: 'Sign out' }).waitFor());
  }

  test(`[${backend}] sign up, create a community, write its charter, a second person joins`, async () => {
    const { page, newContext } = env;

    // The administrator lets members create communities.
    await signIn(page, 'root-admin', 'correct horse battery staple');
    await page.goto('/admin');
    await page.locator('#community_creation-members').check();
    await screenshot(page, `${backend}-admin-settings`);
    await page.getByRole('button', { name: /save/i }).click();
    await page.waitForLoadState();
    assert.equal(await page.locator('#community_creation-members').isChecked(), true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForLoadState();

    // Maria signs up and creates a community with a Markdown charter.
    const maria = await (await newContext()).newPage();
    await signUp(maria, 'maria', 'a long and private passphrase');
    await maria.goto('/');
    await maria.getByRole('link', { name: /new community/i }).first().click();
    await maria.waitForLoadState();
    await maria.getByLabel('Name', { exact: true }).fill('Night Shift Nurses');
    await maria.getByLabel(/Signed-in users/).check();
    await maria.getByLabel('Charter').fill(
      '## Why we meet\n\nWe share what works on **night shifts**.\n\n- handovers\n- sleep\n\n' +
      '<script>alert(1)</script>');
    await maria.getByLabel('Tags').fill('handover, sleep, staffing');
    await screenshot(maria, `${backend}-new-community`);
    await maria.getByRole('button', { name: 'Create community' }).click();
    await maria.waitForLoadState();
    assert.match(maria.url(), /\/c\/night-shift-nurses$/);
    assert.equal(await maria.getByRole('heading', { name: 'Why we meet' }).count(), 1);
    assert.equal(await maria.locator('main strong', { hasText: 'night shifts' }).count(), 1);
    // Raw HTML in the charter is shown as text, never run.
    assert.equal(await maria.locator('main script').count(), 0);
    assert.match(await maria.locator('main').innerText(), /<script>alert\(1\)<\/script>/);
    await screenshot(maria, `${backend}-community-created`);

    // Maria edits the charter.
    await maria.getByRole('link', { name: /edit/i }).first().click();
    await maria.waitForLoadState();
    await maria.getByLabel('Charter').fill('## Why we meet\n\nWe share what works on night shifts.\n\nMonthly call: first Tuesday.');
    await maria.getByRole('button', { name: /save/i }).click();
    await maria.waitForLoadState();
    assert.match(await maria.locator('main').innerText(), /Monthly call: first Tuesday\./);

    // Tom signs up in another browser context and joins.
    const tom = await (await newContext()).newPage();
    await signUp(tom, 'tom', 'another long passphrase here');
    await tom.goto('/communities');
    await tom.getByRole('link', { name: 'Night Shift Nurses' }).click();
    await tom.waitForLoadState();
    await tom.getByRole('button', { name: 'Join' }).click();
    await tom.waitForLoadState();
    await assert.doesNotReject(tom.getByRole('button', { name: 'Leave' }).waitFor());
    await screenshot(tom, `${backend}-joined`);

    // Maria sees Tom among the members.
    await maria.goto('/c/night-shift-nurses/members');
    const members = await maria.locator('main').innerText();
    assert.match(members, /tom/);
    assert.match(members, /maria/);
    await screenshot(maria, `${backend}-members`);
  });
}

// Questions and answers as people do it in Chromium: Maria asks a question (similar
// questions appear as she types the title), Tom answers in another browser, Maria votes the
// answer up, accepts it, edits her question and looks at the history diff. Then a draft
// of a new question and a draft reply survive a page reload (autosaved by praxis.js).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { backends, screenshot, signIn, startBrowserEnv } from './lib.mjs';

const PW = 'a long and private passphrase';

for (const backend of backends()) {
  let env;
  before(async () => {
    env = await startBrowserEnv({ backend });
    await env.srv.addUser('maria', { password: PW, admin: true });
    await env.srv.addUser('tom', { password: PW });
    // The community exists already; Tom is a member.
    const m = env.srv.client();
    await m.signin('maria', PW);
    await m.get('/');
    const r = await m.postJSON('/api/v1/communities', {
      name: 'Night Shift Nurses', slug: 'nsn', visibility: 'public',
      charter_md: 'We share what works on night shifts.', tags: 'sleep, handover',
    });
    assert.equal(r.status, 201, r.text);
    const t = env.srv.client();
    await t.signin('tom', PW);
    await t.get('/');
    assert.equal((await t.postJSON('/api/v1/communities/nsn/join', {})).status, 200);
    // An older question, for the similar-questions box.
    await m.get('/c/nsn/t/new');
    const q = await m.post('/c/nsn/t/new', { kind: 'question', title: 'Daytime sleep with small children at home', body: 'Any tips?', tags: 'sleep' });
    assert.equal(q.status, 303, q.text.slice(0, 300));
  });
  after(async () => { await env?.close(); });


  test(`[${backend}] ask, answer, vote, accept, edit, history diff`, async () => {
    const { newContext } = env;
    const maria = await (await newContext()).newPage();
    const errors = [];
    maria.on('pageerror', (e) => errors.push(e.message));
    maria.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await signIn(maria, 'maria', PW);

    // Maria asks: the similar-questions box fills in as she types the title.
    await maria.goto('/c/nsn');
    await maria.getByRole('link', { name: 'New question' }).click();
    await maria.waitForLoadState();
    assert.match(maria.url(), /\/c\/nsn\/t\/new\?kind=question$/);
    await maria.getByLabel('Title').fill('How do you get enough daytime sleep after night shifts?');
    await maria.locator('#similar-results a', { hasText: 'Daytime sleep with small children' }).waitFor();
    await maria.getByLabel('Your question').fill('After three nights I cannot fall asleep before **noon**.');
    await maria.getByLabel('Tags').fill('sleep');
    await screenshot(maria, `${backend}-qa-compose`);
    await maria.getByRole('button', { name: 'Post your question' }).click();
    await maria.waitForLoadState();
    assert.match(maria.url(), /\/c\/nsn\/t\/\d+$/);
    const threadUrl = new URL(maria.url()).pathname;
    assert.equal(await maria.getByRole('heading', { level: 1 }).innerText(),
      'How do you get enough daytime sleep after night shifts?');
    assert.equal(await maria.locator('.post-first .post-body strong', { hasText: 'noon' }).count(), 1);

    // Tom answers in his own browser.
    const tom = await (await newContext()).newPage();
    await signIn(tom, 'tom', PW);
    await tom.goto(threadUrl);
    await tom.getByRole('textbox', { name: 'Your answer' }).fill('Blackout curtains, and keep the room cool.');
    await tom.getByRole('button', { name: 'Post your answer' }).click();
    await tom.waitForLoadState();
    const answer = tom.locator('.answers article.post');
    assert.equal(await answer.count(), 1);
    assert.match(await answer.innerText(), /Blackout curtains/);
    const answerId = await answer.getAttribute('id');
    // No voting on your own answer.
    assert.equal(await answer.locator('.vote-btn').count(), 0);

    // Maria votes the answer up.
    await maria.reload();
    const mAnswer = maria.locator(`#${answerId}`);
    assert.match(await mAnswer.locator('.score').innerText(), /^0/);
    await mAnswer.getByRole('button', { name: 'Vote up' }).click();
    await maria.waitForLoadState();
    assert.match(await maria.locator(`#${answerId} .score`).innerText(), /^1/);
    assert.equal(await maria.locator(`#${answerId} .vote-up`).getAttribute('aria-pressed'), 'true');

    // Maria accepts it.
    await maria.locator(`#${answerId}`).getByRole('button', { name: 'Accept this answer' }).click();
    await maria.waitForLoadState();
    assert.equal(await maria.locator(`#${answerId} .accepted-mark`).count(), 1);
    assert.equal(await maria.locator('.thread-head .badge-solved').count(), 1);
    await screenshot(maria, `${backend}-qa-question-solved`);

    // The list shows it solved.
    await maria.goto('/c/nsn/latest');
    assert.equal(await maria.locator('.thread-row.is-solved', { hasText: 'enough daytime sleep' }).count(), 1);
    await maria.goto(threadUrl);

    // Maria edits her question.
    await maria.locator('.post-first').getByRole('link', { name: 'Edit' }).click();
    await maria.waitForLoadState();
    await maria.getByLabel('Text').fill('After three nights I cannot fall asleep before **eleven**.');
    await maria.getByLabel('Edit summary').fill('Corrected the time');
    await maria.getByRole('button', { name: 'Save changes' }).click();
    await maria.waitForLoadState();
    assert.equal(await maria.locator('.post-first .post-body strong', { hasText: 'eleven' }).count(), 1);

    // ... and looks at the history: a word diff of the change.
    await maria.locator('.post-first').getByRole('link', { name: 'History' }).click();
    await maria.waitForLoadState();
    assert.match(maria.url(), /\/p\/\d+\/history$/);
    assert.match(await maria.locator('.diff-words del').allInnerTexts().then((a) => a.join(' ')), /noon/);
    assert.match(await maria.locator('.diff-words ins').allInnerTexts().then((a) => a.join(' ')), /eleven/);
    assert.match(await maria.locator('.revisions').innerText(), /Corrected the time/);
    await screenshot(maria, `${backend}-qa-history`);
    // Line mode through the GET form.
    await maria.getByLabel('Show').selectOption('lines');
    await maria.getByRole('button', { name: 'Compare' }).click();
    await maria.waitForLoadState();
    assert.match(maria.url(), /mode=lines/);
    assert.equal(await maria.locator('table.diff tr.diff-add').count() >= 1, true);
    assert.deepEqual(errors, []);
  });

  test(`[${backend}] drafts of a new question and of a reply survive a reload`, async () => {
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'tom', PW);
    await page.goto('/c/nsn/t/new?kind=discussion');
    await page.getByLabel('Title').fill('Snacks that keep you going until 4 am');
    await page.getByLabel('Message').fill('Mine: nuts and an apple.');
    await page.locator('form.compose .draft-status', { hasText: 'Draft saved' }).waitFor({ timeout: 30000 });
    await page.goto('/c/nsn/t/new');
    assert.equal(await page.getByLabel('Title').inputValue(), 'Snacks that keep you going until 4 am');
    assert.equal(await page.getByLabel('Message').inputValue(), 'Mine: nuts and an apple.');
    assert.equal(await page.locator('#kind-discussion').isChecked(), true);
    // Posting it deletes the draft.
    await page.getByRole('button', { name: 'Start the discussion' }).click();
    await page.waitForLoadState();
    const threadUrl = new URL(page.url()).pathname;
    assert.match(threadUrl, /\/c\/nsn\/t\/\d+$/);
    await page.goto('/c/nsn/t/new');
    assert.equal(await page.getByLabel('Title').inputValue(), '');

    // A reply draft.
    await page.goto(threadUrl);
    await page.getByRole('textbox', { name: 'Your reply' }).fill('Also: drink water.');
    await page.locator('form.reply-form .draft-status', { hasText: 'Draft saved' }).waitFor({ timeout: 30000 });
    await page.reload();
    assert.equal(await page.getByRole('textbox', { name: 'Your reply' }).inputValue(), 'Also: drink water.');
    await page.getByRole('button', { name: 'Post reply' }).click();
    await page.waitForLoadState();
    assert.equal(await page.locator('.posts article.post').count(), 2);
    await page.reload();
    assert.equal(await page.getByRole('textbox', { name: 'Your reply' }).inputValue(), '');
    await screenshot(page, `${backend}-qa-discussion`);
  });
}

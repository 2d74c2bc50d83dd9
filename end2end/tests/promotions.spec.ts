import { test, expect } from '@playwright/test';
import { expectAccessible, pageAs, people, signInAs, waitForHydration } from './helpers';

test('a packet goes from the manager to endorsements, calibration, the skip-level and a new level', async ({ page, browser }) => {
  // The manager opens a packet for Tom.
  await signInAs(page, people.manager);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Promotions' }).click();
  await waitForHydration(page);
  const tom = await page.locator('#person_id option', { hasText: 'Tom Becker' }).getAttribute('value');
  await page.getByLabel('Report and proposed level').selectOption(tom!);
  await page.getByRole('button', { name: 'Open a packet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tom Becker: promotion to L3 Senior');
  const packetUrl = page.url();
  await expect(page.getByRole('note')).toContainText('No peer endorsements have been requested');
  await waitForHydration(page);

  // The case, mapped to the criteria.
  await page.getByLabel('Evidence summary').fill('Tom designed and shipped the refunds service and now leads its on-call.');
  await page.getByLabel('Business case').fill('Payments needs a second senior engineer to own refunds and settlement next year.');
  await page.getByLabel('Performing at the target level since').fill('2026-01-05');
  await page.locator('#evidence-0').fill('Refunds service design: two approaches compared, chosen with the team.');
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expectAccessible(page);

  // Two colleagues are asked, chosen by name from the keyboard: typing a name lists people
  // with their title, team and address; the arrows and Enter put one's email in the field.
  const endorsements = page.getByRole('region', { name: 'Peer endorsements' });
  const emails = await endorsements.locator('.suggested__email').allTextContents();
  expect(emails.length).toBeGreaterThanOrEqual(2);
  const field = endorsements.getByLabel(/Ask colleagues/);
  const options = endorsements.getByRole('listbox');
  const active = options.locator('[aria-selected="true"]');
  for (const [i, email] of emails.slice(0, 2).entries()) {
    const name = (await endorsements.locator('.suggested li').nth(i).textContent())!.split(' · ')[0].trim();
    await field.pressSequentially(name);
    await expect(options.getByRole('option').filter({ hasText: email })).toBeVisible();
    for (let n = 0; n < 8 && !((await active.count()) > 0 && (await active.textContent())!.includes(email)); n++) {
      await field.press('ArrowDown');
    }
    await field.press('Enter');
    await expect(options).toBeHidden();
    expect(await field.inputValue()).toBe(emails.slice(0, i + 1).join(', ') + ', ');
  }
  await expect(endorsements.locator('.picker__chosen')).toContainText('Chosen: ');
  await expectAccessible(page);
  await endorsements.getByRole('button', { name: 'Request endorsements' }).click();
  await expect(endorsements.getByText('Asked, not written yet.')).toHaveCount(2);
  for (const email of emails.slice(0, 2)) {
    const colleague = await pageAs(browser, email);
    await colleague.goto('/promotions');
    await colleague.getByRole('region', { name: 'Endorsements asked of you' }).getByRole('link', { name: /Tom Becker for L3 Senior/ }).click();
    await waitForHydration(colleague);
    await colleague.getByLabel('Your endorsement').fill('Tom paired with me for a week on the refunds edge cases; I now run that part of the service on my own.');
    await colleague.getByRole('button', { name: 'Send my answer' }).click();
    await expect(colleague.getByText('You wrote this endorsement.')).toBeVisible();
    await colleague.close();
  }

  // Submitted for the promotion calibration.
  await page.reload();
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Submit for calibration' }).click();
  await expect(page.locator('.stepper [aria-current="step"]')).toHaveText(/Promotion calibration/);

  // Tom sees where it stands, and nothing of its content.
  const tomPage = await pageAs(browser, people.employee.email);
  await tomPage.goto(packetUrl);
  await expect(tomPage.getByRole('heading', { level: 1 })).toHaveText('Your promotion to L3 Senior');
  await expect(tomPage.getByText('refunds service and now leads')).toHaveCount(0);

  // HR names the panel and records its outcome.
  const hr = await pageAs(browser, people.hr.email);
  await hr.goto(packetUrl);
  await waitForHydration(hr);
  const panelEmails = await hr.locator('#panel-hint .suggested__email').allTextContents();
  // A refused form opens at its error summary, focused, and keeps what was typed.
  const typo = `${panelEmails[0]}, not-an-address`;
  await hr.getByLabel('Calibration panel (names or work emails)').fill(typo);
  await hr.getByRole('button', { name: 'Set the panel' }).click();
  await expect(hr).toHaveURL(/#error-summary$/);
  await waitForHydration(hr);
  await expect(hr.locator('#error-summary')).toBeFocused();
  await expect(hr.locator('#error-summary')).toBeInViewport();
  await expect(hr.getByLabel('Calibration panel (names or work emails)')).toHaveValue(typo);
  await expectAccessible(hr);
  await hr.getByLabel('Calibration panel (names or work emails)').fill(panelEmails.slice(0, 2).join(', '));
  await hr.getByRole('button', { name: 'Set the panel' }).click();
  await expect(hr.getByText(/^Panel: /)).toBeVisible();
  await hr.getByLabel('What the panel discussed and concluded').fill('Consistent senior-level evidence in all five dimensions.');
  await hr.getByRole('button', { name: 'Record the outcome' }).click();
  await expect(hr.locator('.stepper [aria-current="step"]')).toHaveText(/Skip-level decision/);
  await hr.close();

  // The skip-level approves; the level changes.
  const sam = await pageAs(browser, people.skipLevel.email);
  await sam.goto(packetUrl);
  await waitForHydration(sam);
  await sam.getByLabel('Reason (the person will read it)').fill('The evidence covers every criterion and the panel was unanimous.');
  await sam.getByLabel(/A decision is final/).check();
  await sam.getByRole('button', { name: 'Record the decision' }).click();
  await expect(sam.getByRole('status').filter({ hasText: 'Approved by Sam Whitfield' })).toBeVisible();
  await expectAccessible(sam);
  await sam.close();

  await tomPage.reload();
  await expect(tomPage.getByText('Approved by Sam Whitfield')).toBeVisible();
  // The outcome is also an update on Tom's My work, linking to the packet.
  await tomPage.goto('/');
  const updates = tomPage.getByRole('region', { name: 'Updates for you' });
  await updates.getByRole('link', { name: 'Your promotion: the outcome' }).click();
  await expect(tomPage).toHaveURL(new URL(packetUrl).pathname);
  await tomPage.goto('/');
  await expectAccessible(tomPage);
  await tomPage.goto('/ladders');
  await expect(tomPage.getByRole('region', { name: 'Your path' })).toContainText('You are L3 Senior');
  await tomPage.close();
});

test('an employee checks themself against the next level and the manager comments', async ({ page, browser }) => {
  const who = await pageAs(browser, people.employee.email);
  await who.goto('/promotions/self-evaluation');
  await expect(who.getByRole('heading', { level: 1 })).toContainText('Your self-evaluation against');
  await expectAccessible(who);
  await who.close();

  await signInAs(page, people.manager);
  await page.goto('/promotions');
  await page.getByRole('region', { name: 'Self-evaluations shared with you' }).getByRole('link').first().click();
  await waitForHydration(page);
  await page.getByLabel('Add a comment').fill('Let us pick a cross-team project for the leadership criteria.');
  await page.getByRole('button', { name: 'Comment' }).click();
  await expect(page.getByText('Let us pick a cross-team project')).toBeVisible();
});

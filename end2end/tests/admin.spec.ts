import { test, expect } from '@playwright/test';
import { expectAccessible, people, signInAs, waitForHydration } from './helpers';

test('HR reads the audit log, sees who is signed in and ends a session', async ({ browser }) => {
  const tomContext = await browser.newContext();
  const tom = await tomContext.newPage();
  await signInAs(tom, people.employee);
  // Tom tries HR's page: refused, and the refusal is logged.
  await tom.goto('/admin/audit');
  await expect(tom.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();

  const hrContext = await browser.newContext();
  const hr = await hrContext.newPage();
  await signInAs(hr, people.hr);
  await hr.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin', exact: true }).click();
  await expect(hr.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expectAccessible(hr);
  await hr.getByLabel('Outcome').selectOption('refused');
  await hr.getByRole('button', { name: 'Filter' }).click();
  const table = hr.getByRole('table');
  await expect(table.getByRole('row', { name: /Tom Becker.*read audit log.*refused/ }).first()).toBeVisible();

  await hr.getByRole('link', { name: 'Sessions', exact: true }).click();
  await expect(hr.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();
  await waitForHydration(hr);
  await expectAccessible(hr);
  await hr.getByRole('button', { name: 'End sessions of Tom Becker' }).click();
  await expect(hr.getByText(/Ended \d+ session/)).toBeVisible();

  await tom.goto('/');
  await expect(tom).toHaveURL(/\/sign-in\?error=expired/);
  await expect(tom.getByRole('alert')).toContainText('Your session ended');
  await tomContext.close();
  await hrContext.close();
});

test('HR records a departure with field-level errors first', async ({ page }) => {
  await signInAs(page, people.hr);
  await page.goto('/people?q=' + encodeURIComponent('Leo Yamamoto'));
  await page.getByRole('table').getByRole('link', { name: 'Leo Yamamoto', exact: true }).click();
  await waitForHydration(page);
  const form = page.getByRole('region', { name: 'Record a departure' });
  await form.getByRole('button', { name: 'Record departure' }).click();
  await expect(form.getByRole('alert')).toContainText('There is a problem');
  await expect(form.locator('#departed_on-error')).toBeVisible();
  await expect(form.locator('#reason-error')).toBeVisible();

  await form.getByLabel('Last working day').fill(new Date().toISOString().slice(0, 10));
  await form.getByLabel('Reason for leaving').fill('Resigned: relocating');
  await form.getByRole('button', { name: 'Record departure' }).click();
  await expect(page.locator('.page-header').getByText('Departed')).toBeVisible();
  await expect(page.getByText('Resigned: relocating')).toBeVisible();
});

import { test, expect } from '@playwright/test';
import { people, signInAs, waitForHydration } from './helpers';

async function openProfile(page: import('@playwright/test').Page, name: string) {
  await page.goto('/people?q=' + encodeURIComponent(name));
  await page.getByRole('table').getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('HR moves a person; bad input gets a field-level error and changes nothing', async ({ page }) => {
  await signInAs(page, people.hr);
  await openProfile(page, 'Elena Marsh');
  await waitForHydration(page);
  const form = page.getByRole('region', { name: 'Change manager' });

  // A loop: Elena cannot report to Tom, who reports to her.
  await form.getByLabel('New manager (a name or work email)').fill(people.employee.email);
  await form.getByRole('button', { name: 'Change manager' }).click();
  await expect(page.getByRole('alert')).toContainText('There is a problem');
  await expect(form.locator('.field__error')).toContainText('loop in the reporting lines');
  await expect(page.getByRole('complementary', { name: 'Reporting line' }).getByRole('link', { name: 'Sam Whitfield', exact: true })).toBeVisible();

  await form.getByLabel('New manager (a name or work email)').fill('nobody@lumen.example');
  await form.getByRole('button', { name: 'Change manager' }).click();
  await expect(form.locator('.field__error')).toContainText('Nobody in Trellis');

  // A valid move: under the CEO, then back again.
  await form.getByLabel('New manager (a name or work email)').fill(people.executive.email);
  await form.getByRole('button', { name: 'Change manager' }).click();
  await expect(page.getByText('Manager changed.')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Reporting line' }).getByRole('link', { name: 'Amara Okafor', exact: true }).first()).toBeVisible();
  await form.getByLabel('New manager (a name or work email)').fill(people.skipLevel.email);
  await form.getByRole('button', { name: 'Change manager' }).click();
  await expect(page.getByRole('complementary', { name: 'Reporting line' }).locator('li').first()).toContainText('Sam Whitfield');
});

test('a stale form does not overwrite a newer change', async ({ browser }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  await signInAs(first, people.hr);
  await signInAs(second, people.hr);
  await openProfile(first, 'Tom Becker');
  await openProfile(second, 'Tom Becker');
  await waitForHydration(first);
  await waitForHydration(second);

  const f1 = first.getByRole('region', { name: 'Change manager' });
  await f1.getByLabel('New manager (a name or work email)').fill(people.skipLevel.email);
  await f1.getByRole('button', { name: 'Change manager' }).click();
  await expect(first.getByText('Manager changed.')).toBeVisible();

  const f2 = second.getByRole('region', { name: 'Change manager' });
  await f2.getByLabel('New manager (a name or work email)').fill(people.executive.email);
  await f2.getByRole('button', { name: 'Change manager' }).click();
  await expect(second.getByRole('alert')).toContainText('Someone else changed this person');

  await second.reload();
  await expect(second.getByRole('complementary', { name: 'Reporting line' }).locator('li').first()).toContainText('Sam Whitfield');
  // Put Tom back under Elena for the other tests.
  const f3 = second.getByRole('region', { name: 'Change manager' });
  await waitForHydration(second);
  await f3.getByLabel('New manager (a name or work email)').fill(people.manager.email);
  await f3.getByRole('button', { name: 'Change manager' }).click();
  await expect(second.getByRole('complementary', { name: 'Reporting line' }).locator('li').first()).toContainText('Elena Marsh');
});

test('people without the HR grant see no way to change reporting lines', async ({ page }) => {
  await signInAs(page, people.executive);
  await openProfile(page, 'Tom Becker');
  await expect(page.getByRole('region', { name: 'Change manager' })).toHaveCount(0);
});

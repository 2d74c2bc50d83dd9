import { test, expect } from '@playwright/test';
import { people, signInAs, waitForHydration } from './helpers';

test('search the directory and open a profile with the reporting line', async ({ page }) => {
  await signInAs(page, people.employee);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await waitForHydration(page);

  await page.getByLabel('Search').fill('elena');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=elena/);
  await expect(page.getByRole('status')).toContainText('Showing 1 to 1 of 1 person');
  await page.getByRole('table').getByRole('link', { name: 'Elena Marsh', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Elena Marsh' })).toBeVisible();
  const line = page.getByRole('complementary', { name: 'Reporting line' });
  await expect(line).toContainText('Manager');
  await expect(line.getByRole('link', { name: 'Sam Whitfield', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Direct reports' }).getByRole('link', { name: 'Tom Becker', exact: true })).toBeVisible();
});

test('filters narrow the list and an empty result explains what to do', async ({ page }) => {
  await signInAs(page, people.employee);
  await page.goto('/people');
  await page.getByLabel('Department').selectOption({ label: 'Design' });
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/department=/);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toContainText('Design');

  await page.getByLabel('Search').fill('zzz-nobody');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('Nobody matches this search')).toBeVisible();
  await page.getByRole('link', { name: 'Clear the search and filters', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Showing 1 to 50');
});

test('only HR can list people who have left', async ({ page }) => {
  await signInAs(page, people.employee);
  await page.goto('/people');
  await expect(page.getByLabel('Status').locator('option', { hasText: 'Departed' })).toHaveCount(0);
  await page.goto('/people?status=departed');
  await expect(page.getByRole('table')).not.toContainText('Departed');

  await signInAs(page, people.hr);
  await page.goto('/people?status=departed');
  await expect(page.getByRole('table').getByText('Departed').first()).toBeVisible();
});

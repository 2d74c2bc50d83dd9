import { test, expect } from '@playwright/test';
import { people, signInAs, waitForHydration } from './helpers';

test('the org chart opens at the top, expands branches and focuses on a subtree', async ({ page }) => {
  await signInAs(page, people.employee);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Org chart', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Org chart' })).toBeVisible();
  await waitForHydration(page);
  const chart = page.locator('.orgchart-wrap');
  await expect(chart.getByRole('link', { name: 'Amara Okafor', exact: true })).toBeVisible();
  await expect(chart.getByRole('link', { name: 'Sam Whitfield', exact: true })).toBeHidden();

  // The CTO's (Sara Fraser's) branch starts closed; opening it shows the directors.
  await chart.locator('summary', { hasText: /of Sara Fraser$/ }).click();
  await expect(chart.getByRole('link', { name: 'Sam Whitfield', exact: true })).toBeVisible();

  await page.goto('/org?root=' + (await idOf(page, 'Sam Whitfield')));
  await expect(page.getByRole('navigation', { name: 'Above this part of the org' })).toContainText('Amara Okafor');
  await expect(chart.getByRole('link', { name: 'Elena Marsh', exact: true })).toBeVisible();
  await chart.locator('summary', { hasText: /of Elena Marsh$/ }).click();
  await expect(chart.getByRole('link', { name: 'Tom Becker', exact: true })).toBeVisible();
  // Everything below Sam is loaded, so there is no deeper level to ask for.
  await expect(page.getByRole('link', { name: 'Show one more level', exact: true })).toHaveCount(0);

  // From the top, one more level loads the managers below the directors.
  await page.goto('/org');
  await page.getByRole('link', { name: 'Show one more level', exact: true }).click();
  await expect(page).toHaveURL(/depth=3/);
  await expect(chart.locator('summary', { hasText: /of Sam Whitfield$/ })).toBeAttached();
});

async function idOf(page: import('@playwright/test').Page, name: string): Promise<string> {
  await page.goto('/people?q=' + encodeURIComponent(name));
  const href = await page.getByRole('table').getByRole('link', { name, exact: true }).getAttribute('href');
  return href!.split('/').pop()!;
}

import { test } from '@playwright/test';
import { people, signInAs } from '../tests/helpers';

const out = (name: string) => `../docs/screenshots/${name}.png`;

test('screenshots for the docs', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto('/sign-in');
  await page.screenshot({ path: out('sign-in'), fullPage: true });
  await signInAs(page, people.manager);
  await page.screenshot({ path: out('my-work'), fullPage: true });
  await page.goto('/people');
  await page.screenshot({ path: out('directory'), fullPage: true });
  await page.goto('/org');
  await page.locator('.orgchart-wrap summary', { hasText: /of Sara Fraser$/ }).click();
  await page.screenshot({ path: out('org-chart'), fullPage: true });
  await page.goto('/people?q=elena');
  await page.getByRole('table').getByRole('link', { name: 'Elena Marsh', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Elena Marsh' }).waitFor();
  await page.screenshot({ path: out('profile'), fullPage: true });
  await signInAs(page, people.hr);
  await page.screenshot({ path: out('my-work-hr'), fullPage: true });
  await page.goto('/admin/audit');
  await page.screenshot({ path: out('audit-log'), fullPage: true });
  await page.goto('/admin/sessions');
  await page.screenshot({ path: out('sessions'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/people?q=elena');
  await page.getByRole('table').getByRole('link', { name: 'Elena Marsh', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Elena Marsh' }).waitFor();
  await page.screenshot({ path: out('profile-phone'), fullPage: true });
  await page.goto('/org');
  await page.screenshot({ path: out('org-chart-phone'), fullPage: true });
});

import { test, expect } from '@playwright/test';
import { people, signInAs } from './helpers';

test('anonymous visitors only see the sign-in page', async ({ page }) => {
  for (const path of ['/', '/people', '/org', '/people/1']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in$/);
  }
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  for (const who of Object.values(people)) {
    await expect(page.getByRole('button', { name: new RegExp(who.name) })).toBeVisible();
  }
});

test('a persona signs in, sees the demo banner and their home, and signs out', async ({ page }) => {
  await signInAs(page, people.employee);
  await expect(page.getByRole('heading', { name: 'Welcome, Tom' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Demo mode' })).toContainText('Tom Becker');
  // The running review cycle puts his self-assessment first, with its deadline.
  await expect(page.getByRole('region', { name: 'Needs you now' }).getByRole('link', { name: /Write your self-assessment/ })).toBeVisible();
  // An employee without reports has no "My team" link; their manager is shown.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My team', exact: true })).toHaveCount(0);
  await expect(page.getByRole('complementary').getByRole('link', { name: 'Elena Marsh', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('navigation adapts to roles: managers get their team', async ({ page }) => {
  await signInAs(page, people.manager);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'My team', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your team' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Tom Becker', exact: true })).toBeVisible();
});

import { test, expect } from '@playwright/test';
import { ssoBaseURL } from '../playwright.config';

// These run against the SSO instance: company sign-in through a real OpenID provider.
test.use({ baseURL: ssoBaseURL });

async function signInAtProvider(page: import('@playwright/test').Page, login: string) {
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: /Tom Becker/ })).toHaveCount(0); // no demo personas
  await page.getByRole('link', { name: 'Sign in with your company account' }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:3101/);
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

test('a person signs in with their company account and out again', async ({ page }) => {
  await signInAtProvider(page, 'elena.marsh@lumen.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Elena' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Demo mode' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Your team' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('someone the company has not set up gets a clear page and no session', async ({ page }) => {
  await signInAtProvider(page, 'stranger@elsewhere.example');
  await expect(page.getByRole('heading', { name: 'You are not set up in Trellis' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('demo sign-in is switched off when SSO is configured', async ({ request }) => {
  const res = await request.post('/auth/demo', { form: { email: 'tom.becker@lumen.example' }, maxRedirects: 0 });
  expect(res.status()).toBe(404);
});

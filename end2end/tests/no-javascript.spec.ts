import { test, expect } from '@playwright/test';
import { people, signInAs } from './helpers';

// Every page arrives complete from the server and every form is a real form, so Trellis
// works before (or without) the wasm bundle.
test.use({ javaScriptEnabled: false });

test('sign in, search, browse the org chart and change a manager without JavaScript', async ({ page }) => {
  await signInAs(page, people.hr);

  await page.goto('/people');
  await page.getByLabel('Search').fill('tom becker');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=tom/);
  await page.getByRole('table').getByRole('link', { name: 'Tom Becker', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tom Becker' })).toBeVisible();

  const form = page.getByRole('region', { name: 'Change manager' });
  await form.getByLabel('New manager (a name or work email)').fill('nobody@lumen.example');
  await form.getByRole('button', { name: 'Change manager' }).click();
  await expect(page.getByRole('alert')).toContainText('There is a problem');
  await expect(page.locator('.field__error')).toContainText('Nobody in Trellis');
  // The refused page comes back with what was typed, to correct rather than retype.
  await expect(form.getByLabel('New manager (a name or work email)')).toHaveValue('nobody@lumen.example');

  // A person is found by name on the choose page, which comes back with their work email in
  // the field.
  await page.getByRole('region', { name: 'Change manager' }).getByRole('link', { name: 'Find someone by name' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a person');
  await page.getByLabel('Name', { exact: true }).fill('Sam Whit');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: 'Choose Sam Whitfield' }).click();
  await expect(page.getByRole('region', { name: 'Change manager' }).getByLabel('New manager (a name or work email)')).toHaveValue(people.skipLevel.email);
  await page.getByRole('region', { name: 'Change manager' }).getByRole('button', { name: 'Change manager' }).click();
  await expect(page.getByRole('complementary', { name: 'Reporting line' }).locator('li').first()).toContainText('Sam Whitfield');
  // The page says it worked (the server marks the success in the URL it sends the browser to).
  await expect(page.getByRole('status').filter({ hasText: 'Manager changed.' })).toBeVisible();
  await page.getByRole('region', { name: 'Change manager' }).getByLabel('New manager (a name or work email)').fill(people.manager.email);
  await page.getByRole('region', { name: 'Change manager' }).getByRole('button', { name: 'Change manager' }).click();
  await expect(page.getByRole('complementary', { name: 'Reporting line' }).locator('li').first()).toContainText('Elena Marsh');

  await page.goto('/org');
  const branch = page.locator('.orgchart-wrap summary', { hasText: /of Sara Fraser$/ });
  await branch.click();
  await expect(page.locator('.orgchart-wrap').getByRole('link', { name: 'Sam Whitfield', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('a self-assessment draft saves without JavaScript', async ({ page }) => {
  await signInAs(page, people.employee);
  await page.goto('/reviews');
  await page.getByRole('link', { name: 'Write your self-assessment' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your self-assessment' })).toBeVisible();
  const text = 'Written on a browser without JavaScript: the form is a real form.';
  await page.getByLabel(/fall short/).fill(text);
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your self-assessment' })).toBeVisible();
  await expect(page.getByLabel(/fall short/)).toHaveValue(text);
});

test('follow a review cycle down the org tree without JavaScript', async ({ page }) => {
  await signInAs(page, people.skipLevel);
  await page.goto('/reviews');
  await page.getByRole('region', { name: 'Review cycles' }).getByRole('link', { name: 'H2 2026 review', exact: true }).click();
  await page.getByRole('region', { name: 'Completion by organisation' }).getByRole('link', { name: people.manager.name, exact: true }).click();
  await expect(page).toHaveURL(/\?root=\d+$/);
  await expect(page.getByRole('heading', { level: 2, name: `Completion in ${people.manager.name}'s organisation` })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: people.employee.name, exact: true })).toBeVisible();
});

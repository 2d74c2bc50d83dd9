import { test, expect } from '@playwright/test';
import { expectAccessible, people, signInAs, waitForHydration } from './helpers';

test('an employee reads their ladder, compares two levels and sees the next step', async ({ page }) => {
  await signInAs(page, people.employee);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ladders' }).click();
  const path = page.getByRole('region', { name: 'Your path' });
  await expect(path).toContainText('You are L2 Intermediate');
  await expect(path).toContainText('Next step on your track');
  await expect(path.getByRole('link', { name: /L3 Senior/ })).toBeVisible();
  await expectAccessible(page);

  await path.getByRole('link', { name: 'What changes from L2 to L3' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What changes from L2 Intermediate to L3 Senior');
  await expect(page.getByRole('table')).toContainText('Senior Software Engineer');
  await expectAccessible(page);

  await page.goto('/ladders/engineering');
  await expect(page.locator('.ladder-grid').getByText('You are here')).toBeVisible();
  await page.getByLabel('Compare', { exact: true }).selectOption('L4');
  await page.getByLabel('with', { exact: true }).selectOption('M2');
  await page.getByRole('button', { name: 'Compare levels' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What changes from L4 Staff to M2 Senior Manager');
  await expectAccessible(page);

  await page.goto('/ladders/engineering/levels/L3');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('L3 Senior');
  await expect(page.getByRole('region', { name: 'Next step' })).toContainText('L4 Staff');
  await expectAccessible(page);
});

test('the ladder reads on a phone without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAs(page, people.employee);
  for (const path of ['/ladders', '/ladders/engineering', '/ladders/engineering/compare?from=L2&to=L3', '/ladders/engineering/levels/L2']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  // A track is its levels, yours marked, each opening its page; the grid (every level,
  // dimension by dimension, many screens long as blocks) opens when asked for.
  await page.goto('/ladders/engineering');
  const levels = page.getByRole('list', { name: 'Levels of the individual-contributor track' });
  await expect(levels.locator('li', { hasText: 'You are here' })).toContainText('L2 Intermediate');
  await expect(page.locator('.ladder-grid').first()).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(4000);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Read every level, dimension by dimension' }).first().click();
  await expect(page.locator('.ladder-grid').first()).toBeVisible();
  await levels.getByRole('link', { name: /L3 Senior/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('L3 Senior');
});

test('HR edits a draft, the lint catches a vague criterion, and the new version shows in the diff', async ({ page }) => {
  await signInAs(page, people.hr);
  await page.goto('/ladders/engineering');
  await page.getByRole('link', { name: 'Edit (HR)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit the Engineering ladder');
  await waitForHydration(page);
  const editor = page.getByLabel('Ladder file (TOML)');
  const source = await editor.inputValue();
  expect(source).toContain('slug = "engineering"');

  // A vague criterion with no example: saved (never lost), and flagged.
  const vague = source + '\n[[levels.criteria]]\ndimension = "leadership"\ntext = "Demonstrates leadership"\n';
  await editor.fill(vague.replace('title = "Staff Engineer"', 'title = "Staff Software Engineer"'));
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Draft saved by Jordan Ellis')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Checks and publishing' })).toContainText('is vague and has no behavioural example');
  await expectAccessible(page);

  // Fixed, then published with a summary.
  await page.getByLabel('Ladder file (TOML)').fill(source.replace('title = "Staff Engineer"', 'title = "Staff Software Engineer"'));
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('No problems found')).toBeVisible();
  await page.getByLabel('What changed, and why').fill('Renamed L4 to Staff Software Engineer to match the job architecture.');
  await page.getByRole('button', { name: 'Publish as a new version' }).click();
  await expect(page.getByText('Published. Everyone now reads the new version')).toBeVisible();

  await page.goto('/ladders/engineering/history');
  await expect(page.getByRole('table')).toContainText('Renamed L4 to Staff Software Engineer');
  await page.getByLabel('From').selectOption('2');
  await page.getByLabel('to', { exact: true }).selectOption('3');
  await page.getByRole('button', { name: 'Show changes' }).click();
  await expect(page.getByRole('heading', { name: 'Changes from version 2 to version 3' })).toBeVisible();
  await expect(page.locator('del', { hasText: 'Staff Engineer' }).first()).toBeVisible();
  await expect(page.locator('ins', { hasText: 'Staff Software Engineer' }).first()).toBeVisible();
  await expectAccessible(page);
});

test('an import with errors names the lines and changes nothing', async ({ page }) => {
  await signInAs(page, people.hr);
  await page.goto('/ladders');
  await waitForHydration(page);
  await page.getByLabel('Ladder file', { exact: true }).fill('slug = "legal"\nname = "Legal"\n\n[[levels]]\ncode = "L9"\ntitle = "Analyst"\n');
  await page.getByRole('button', { name: 'Import as draft' }).click();
  await expect(page.getByRole('alert')).toContainText('Line 5');
  await page.goto('/ladders');
  await expect(page.getByRole('list').getByRole('link', { name: 'Legal', exact: true })).toHaveCount(0);
});

import { test, expect } from '@playwright/test';
import { expectAccessible, people, signInAs, waitForHydration } from './helpers';

test('the sign-in page has no serious accessibility problems', async ({ page }) => {
  await page.goto('/sign-in');
  await expectAccessible(page);
});

for (const [label, who] of [['an employee', people.employee], ['HR', people.hr]] as const) {
  test(`every page is accessible for ${label}`, async ({ page }) => {
    // Nineteen pages, each loading the debug build's wasm and running axe: a long test.
    test.setTimeout(120_000);
    // Nothing on any page may log an error or a warning (a hydration mismatch, a missing
    // island, a panic); a page's own HTTP status is checked by the tests of that page.
    const logged: string[] = [];
    page.on('pageerror', (e) => logged.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      if ((m.type() === 'error' || m.type() === 'warning') && !m.text().startsWith('Failed to load resource')) {
        logged.push(`${page.url()}: ${m.text()}`);
      }
    });
    await signInAs(page, who);
    for (const path of ['/', '/people', '/people?q=zzz-nobody', '/people/1', '/org', '/org?depth=3', '/no-such-page', '/ladders', '/ladders/engineering', '/ladders/engineering/history?from=1&to=2', '/ladders/product/levels/M1', '/promotions', '/promotions/packets/2', '/promotions/self-evaluation', '/reviews', '/reviews/outbox', '/reviews/cycles/new', '/reviews/cycles/1', '/reviews/1', '/calibration', '/calibration/1', '/calibration/1?view=ninebox', '/calibration/1/report']) {
      await page.goto(path);
      await waitForHydration(page);
      await expectAccessible(page);
    }
    expect(logged).toEqual([]);
  });
}

test('pages fit a phone screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAs(page, people.manager);
  for (const path of ['/', '/people', '/people/1', '/promotions', '/promotions/packets/1']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

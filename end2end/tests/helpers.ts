import { expect, Browser, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The demo personas (see README). */
export const people = {
  employee: { name: 'Tom Becker', email: 'tom.becker@lumen.example' },
  manager: { name: 'Elena Marsh', email: 'elena.marsh@lumen.example' },
  skipLevel: { name: 'Sam Whitfield', email: 'sam.whitfield@lumen.example' },
  hr: { name: 'Jordan Ellis', email: 'jordan.ellis@lumen.example' },
  executive: { name: 'Amara Okafor', email: 'amara.okafor@lumen.example' },
};

/** Signs in through the demo persona picker, as a person would. */
export async function signInAs(page: Page, who: { name: string }) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: new RegExp(who.name) }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Welcome/ })).toBeVisible();
}

/** Waits until the wasm bundle has hydrated the page (so clicks are handled by Leptos). */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => (window as any).__TRELLIS_HYDRATED === true, undefined, { timeout: 20_000 });
}

/** No serious or critical accessibility violations on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Signs in as anyone in the demo company (not only the five personas) in a new page. */
export async function pageAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.request.post('/auth/demo', { form: { email }, maxRedirects: 0 });
  expect(res.status()).toBe(303);
  return page;
}

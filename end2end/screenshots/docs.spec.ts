import { test } from '@playwright/test';
import { people, signInAs, waitForHydration } from '../tests/helpers';

const out = (name: string) => `../docs/screenshots/${name}.png`;

test('screenshots for the docs', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
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
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/people?q=elena');
  await page.getByRole('table').getByRole('link', { name: 'Elena Marsh', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Elena Marsh' }).waitFor();
  await page.screenshot({ path: out('profile-phone'), fullPage: true });
  await page.goto('/org');
  await page.screenshot({ path: out('org-chart-phone'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, people.employee);
  await page.goto('/ladders/engineering');
  await page.screenshot({ path: out('ladder-phone'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/ladders');
  await page.screenshot({ path: out('ladders'), fullPage: true });
  await page.goto('/ladders/engineering');
  await page.screenshot({ path: out('ladder-track'), fullPage: false });
  await page.goto('/ladders/engineering/compare?from=L2&to=L3');
  await page.screenshot({ path: out('ladder-compare'), fullPage: false });
  await page.goto('/ladders/engineering/history?from=1&to=2');
  await page.screenshot({ path: out('ladder-history'), fullPage: true });
  await page.goto('/promotions/self-evaluation');
  await page.screenshot({ path: out('self-evaluation'), fullPage: false });
  await signInAs(page, people.hr);
  await page.goto('/ladders/engineering/edit');
  await page.screenshot({ path: out('ladder-editor'), fullPage: false });
  await page.goto('/promotions');
  await page.screenshot({ path: out('promotions'), fullPage: true });
  await page.goto('/promotions/packets/2');
  await page.screenshot({ path: out('promotion-packet'), fullPage: true });

  // Reviews.
  await page.goto('/reviews');
  await page.getByRole('region', { name: 'Review cycles' }).getByRole('listitem').first().getByRole('link').click();
  await page.getByRole('heading', { level: 2, name: 'Completion' }).waitFor();
  await page.screenshot({ path: out('review-cycle'), fullPage: true });
  // One organisation down the tree, as HR at a desk and as a manager on a phone would read it.
  await page.getByRole('region', { name: 'Completion by organisation' }).getByRole('link').first().click();
  await page.getByRole('heading', { level: 2, name: /Completion in/ }).waitFor();
  await page.screenshot({ path: out('review-cycle-branch'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: out('review-cycle-phone'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/reviews/cycles/new');
  await page.screenshot({ path: out('review-cycle-new'), fullPage: false });
  await page.goto('/reviews/outbox');
  await page.screenshot({ path: out('review-outbox'), fullPage: false });
  await signInAs(page, people.employee);
  await page.goto('/reviews');
  await page.screenshot({ path: out('reviews'), fullPage: true });
  await page.getByRole('link', { name: 'Write your self-assessment' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Your self-assessment' }).waitFor();
  await page.screenshot({ path: out('review-self-assessment'), fullPage: false });
  await page.goto('/reviews');
  await page.getByRole('link', { name: /Read (and acknowledge )?your review/ }).first().click();
  await page.getByRole('region', { name: 'The review' }).waitFor();
  await page.screenshot({ path: out('review-delivered'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: out('review-delivered-phone'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(page, people.manager);
  await page.goto('/reviews');
  await page.getByRole('region', { name: "Your team's reviews" }).locator('tr', { hasText: 'Submitted' }).getByRole('link', { name: 'Write' }).first().click();
  await page.getByRole('complementary', { name: 'Evidence' }).waitFor();
  await page.screenshot({ path: out('review-assessment'), fullPage: true });

  // Calibration: the open demo board as its facilitator, a person opened beside it, the
  // 9-box and the fairness report; HR's session form.
  await signInAs(page, people.executive);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/calibration');
  await page.screenshot({ path: out('calibration-sessions'), fullPage: true });
  await page.getByRole('link', { name: /Business teams .* calibration/ }).click();
  await page.locator('.board-table').waitFor();
  // The first screen of a meeting on a laptop: people and their ratings without scrolling.
  await page.screenshot({ path: out('calibration-board'), fullPage: false });
  // A manager following the meeting on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: out('calibration-board-phone'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.locator('.board-table tbody tr', { hasText: 'Changed' }).nth(1).locator('th a').click();
  await page.locator('aside.board-panel h2').waitFor();
  await waitForHydration(page);
  await page.screenshot({ path: out('calibration-person'), fullPage: false });
  // The same person on a phone: the panel covers the board.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: out('calibration-person-phone'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });
  const board = page.url().split('?')[0];
  await page.goto(board + '?view=ninebox');
  await page.screenshot({ path: out('calibration-ninebox'), fullPage: true });
  await page.goto(board + '/report');
  await page.screenshot({ path: out('calibration-report'), fullPage: true });
  await signInAs(page, people.hr);
  await page.goto('/calibration/new');
  await page.screenshot({ path: out('calibration-new'), fullPage: false });
});

import { test, expect, Page, Browser } from '@playwright/test';
import { expectAccessible, pageAs, people, waitForHydration } from './helpers';

/** The work email of a participant named on the board, read from their profile. */
async function emailOf(board: Page, browser: Browser, name: string): Promise<string> {
  const href = await board.locator('.board-room').getByRole('link', { name, exact: true, includeHidden: true }).getAttribute('href');
  const page = await pageAs(browser, people.hr.email);
  await page.goto(href!);
  const email = (await page.locator('a[href^="mailto:"]').first().textContent())!.trim();
  await page.context().close();
  return email;
}

/** The panel beside the board. */
const panel = (page: Page) => page.locator('aside.board-panel');

test('a facilitator runs the meeting from the keyboard on a laptop: people on the first screen, a person beside their row, rate with a rationale, next, previous, the 9-box and back', async ({ browser }) => {
  const amara = await pageAs(browser, people.executive.email);
  await amara.setViewportSize({ width: 1280, height: 800 });
  await amara.goto('/calibration');
  await amara.getByRole('link', { name: /Business teams .* calibration/ }).click();
  await waitForHydration(amara);
  const rows = amara.locator('.board-table tbody tr');
  const calibratedColumn = amara.locator('.board-table thead th', { hasText: 'Calibrated' });
  // The first screen shows people and their calibrated ratings, without scrolling.
  await expect(rows.nth(3).locator('th')).toBeInViewport({ ratio: 1 });
  await expect(rows.nth(3).locator('td').nth(4)).toBeInViewport({ ratio: 1 });
  // Every column fits beside the side column: nothing hides behind a sideways scroll.
  const overflow = () => amara.locator('.board-layout__main .table-wrap').first().evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expect(calibratedColumn).toBeInViewport({ ratio: 1 });

  // Open the fourth person from the keyboard: the panel opens beside their row, which stays
  // in view, as does the Calibrated column.
  const fourth = rows.nth(3);
  const name = (await fourth.locator('th a').textContent())!.trim();
  const nextName = (await rows.nth(4).locator('th a').textContent())!.trim();
  const before = (await fourth.locator('td strong').textContent())!.trim();
  await fourth.locator('th a').focus();
  await amara.keyboard.press('Enter');
  await waitForHydration(amara);
  await expect(panel(amara).getByRole('heading', { level: 2 })).toHaveText(name);
  await expect(panel(amara).getByRole('heading', { level: 2 })).toBeFocused();
  const open = amara.locator('.board-table tbody tr[aria-current="true"]');
  await expect(open).toContainText(name);
  await expect(open.locator('th')).toBeInViewport({ ratio: 1 });
  await expect(panel(amara)).toBeInViewport();
  await expect(open.locator('td').nth(4)).toBeInViewport({ ratio: 1 }); // its Calibrated rating
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expectAccessible(amara);

  // A digit chooses the rating (2 is Strong, 3 Meets Expectations) and moves to the rationale.
  const [key, label] = before === 'Strong' ? ['3', 'Meets Expectations'] : ['2', 'Strong'];
  await amara.keyboard.press(key);
  await expect(panel(amara).getByLabel(label, { exact: true })).toBeChecked();
  await expect(panel(amara).getByLabel('Rationale')).toBeFocused();
  // Keys typed into a field are the field's: 'n' and 'p' here are letters of the rationale.
  await amara.keyboard.type('The room compared the pipeline numbers with the peers on this board.');
  await amara.keyboard.press('Tab');
  await expect(panel(amara).getByRole('button', { name: 'Save the change' })).toBeFocused();
  await amara.keyboard.press('Enter');
  await expect(panel(amara).locator('.timeline')).toContainText('The room compared the pipeline numbers');
  await expect(panel(amara).locator('.facts')).toContainText(label);
  await expect(open).toContainText(name);

  // n and p walk the board person by person; Escape closes the panel where the row is.
  await waitForHydration(amara);
  await amara.keyboard.press('n');
  await expect(panel(amara).getByRole('heading', { level: 2 })).toHaveText(nextName);
  await expect(open).toContainText(nextName);
  await waitForHydration(amara);
  await amara.keyboard.press('p');
  await expect(panel(amara).getByRole('heading', { level: 2 })).toHaveText(name);
  await waitForHydration(amara);
  await amara.keyboard.press('Escape');
  await expect(panel(amara)).toHaveCount(0);
  await expect(amara).not.toHaveURL(/person=/);
  await expect(rows.filter({ hasText: name }).locator('th')).toBeInViewport();

  // The 9-box by its tab, and back.
  const nineBox = amara.getByRole('navigation', { name: 'Board views' }).getByRole('link', { name: '9-box' });
  await nineBox.focus();
  await amara.keyboard.press('Enter');
  await expect(amara.getByRole('heading', { name: 'Performance and potential' })).toBeVisible();
  await amara.goBack();
  await expect(rows.first()).toBeVisible();

  // On a phone the open person covers the board, and closing returns to their row.
  await amara.setViewportSize({ width: 390, height: 844 });
  await rows.filter({ hasText: name }).locator('th a').click();
  await expect(panel(amara).getByRole('heading', { level: 2 })).toBeInViewport();
  await panel(amara).getByRole('link', { name: 'Close' }).click();
  await expect(rows.filter({ hasText: name }).locator('th')).toBeInViewport();
});

test('a facilitator and two managers calibrate a board together: a conflict, an appeal, the outliers, the bias report, finalising and delivery', async ({ browser }) => {
  test.setTimeout(300_000);

  // The facilitator (Amara, the CEO) opens the demo's open board of about 40 people.
  const amara = await pageAs(browser, people.executive.email);
  await amara.goto('/calibration');
  await expectAccessible(amara);
  await amara.getByRole('link', { name: /Business teams .* calibration/ }).click();
  await waitForHydration(amara);
  const boardUrl = amara.url().split('?')[0];
  const rows = amara.locator('.board-table tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(30);
  await expect(amara.getByText('The guideline shares are a guide, never a quota.')).toBeVisible();
  await expect(amara.getByRole('img', { name: /Whole board: preliminary and calibrated/ })).toBeVisible();
  await expectAccessible(amara);

  // A person rated Meets Expectations with nothing pending, whose manager is in the room.
  const inTheRoom = (await amara.locator('.board-room a').allTextContents()).map((n) => n.trim());
  const candidates = rows.filter({ has: amara.locator('td strong', { hasText: /^Meets$/ }) }).filter({ hasNot: amara.locator('.badge') });
  let row = candidates.first();
  for (let i = 0; i < (await candidates.count()); i++) {
    if (inTheRoom.includes((await candidates.nth(i).locator('td').nth(0).textContent())!.trim())) {
      row = candidates.nth(i);
      break;
    }
  }
  const personName = (await row.locator('th a').textContent())!.trim();
  const personHref = (await row.locator('th a').getAttribute('href'))!;
  const managerName = (await row.locator('td').nth(0).textContent())!.trim();
  const otherName = inTheRoom.find((n) => n !== managerName && n !== people.executive.name)!;
  const own = await pageAs(browser, await emailOf(amara, browser, managerName));
  const other = await pageAs(browser, await emailOf(amara, browser, otherName));

  // Both managers open the same person at once.
  for (const page of [own, other]) {
    await page.goto(boardUrl + personHref);
    await waitForHydration(page);
    await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(personName);
  }
  await expectAccessible(own);

  // The other manager raises the rating, with a rationale.
  await panel(other).getByLabel('Strong', { exact: true }).check();
  await panel(other).getByLabel('Rationale').fill('Led the renewal of the two largest accounts, beyond what the level asks.');
  await panel(other).getByRole('button', { name: 'Save the change' }).click();
  await expect(panel(other).locator('.facts')).toContainText('Strong');
  await expect(panel(other).locator('.timeline')).toContainText('Led the renewal of the two largest accounts');

  // The person's own manager, still looking at the older version, tries another change: a
  // conflict names the newer rating, nothing is overwritten, and what they typed is kept.
  const mine = 'The renewals were a team effort; the evidence supports Meets Expectations.';
  await panel(own).getByLabel('Developing', { exact: true }).check();
  await panel(own).getByLabel('Rationale').fill(mine);
  await panel(own).getByRole('button', { name: 'Save the change' }).click();
  await expect(panel(own).getByRole('alert')).toContainText('was not saved');
  await expect(panel(own).getByRole('alert')).toContainText('Strong');
  await expect(panel(own).getByLabel('Rationale')).toHaveValue(mine);
  await expect(panel(own).locator('.facts')).toContainText('Strong');
  await expectAccessible(own);

  // Instead, they appeal the change.
  await panel(own).getByText('Appeal this change').click();
  await panel(own).getByLabel('Why you disagree').fill(mine);
  await panel(own).getByRole('button', { name: 'Record the appeal' }).click();
  await expect(panel(own)).toContainText('Waiting for the facilitator');

  // The facilitator's board refreshes by itself and shows the appeal.
  await expect(amara.locator('.board-table tbody tr', { hasText: personName }).getByText('Appeal', { exact: true })).toBeVisible({ timeout: 20_000 });
  await amara.goto(boardUrl + '?only=appeals');
  await waitForHydration(amara);
  // Resolve every waiting appeal (the demo has one of its own): this one is kept, with a reason.
  while ((await amara.locator('.board-table tbody tr').count()) > 0) {
    await amara.locator('.board-table tbody tr th a').first().click();
    await expect(panel(amara).getByRole('heading', { level: 2 })).toBeVisible();
    await panel(amara).getByLabel('Keep the change').first().check();
    await panel(amara).getByLabel('Reason', { exact: true }).first().fill('The room reviewed the evidence again: the change stands.');
    await panel(amara).getByRole('button', { name: 'Resolve' }).first().click();
    await expect(panel(amara).getByText('Change kept').first()).toBeVisible();
    await amara.goto(boardUrl + '?only=appeals');
    await waitForHydration(amara);
  }

  // Every outlier is discussed, with a note.
  await amara.goto(boardUrl + '?only=undiscussed');
  await waitForHydration(amara);
  while ((await amara.locator('.board-table tbody tr').count()) > 0) {
    await amara.locator('.board-table tbody tr th a').first().click();
    await expect(panel(amara).getByRole('heading', { level: 2 })).toBeVisible();
    await panel(amara).getByLabel('Mark discussed').fill('Discussed the evidence from the whole half; the room agreed the rating.');
    await panel(amara).getByRole('button', { name: 'Mark discussed' }).click();
    await expect(panel(amara).getByText('Discussed', { exact: true })).toBeVisible();
    await amara.goto(boardUrl + '?only=undiscussed');
    await waitForHydration(amara);
  }

  // The 9-box and the fairness report, reached by their tabs (the 9-box tab once changed
  // the address but not the view).
  await amara.goto(boardUrl);
  const views = amara.getByRole('navigation', { name: 'Board views' });
  await views.getByRole('link', { name: '9-box' }).click();
  await expect(amara).toHaveURL(/view=ninebox/);
  await expect(amara.getByRole('heading', { name: 'Performance and potential' })).toBeVisible();
  await expect(amara.getByRole('group', { name: /High potential and high performance/ })).toBeVisible();
  await expectAccessible(amara);
  await amara.goto(boardUrl + '/report');
  await expect(amara.getByRole('heading', { level: 1 })).toHaveText('Fairness report');
  await expect(amara.getByRole('heading', { name: /By team/ })).toBeVisible();
  // Demographic cuts are HR's only: the facilitator (an executive, not HR) gets none.
  await expect(amara.getByRole('heading', { name: /By gender/ })).toHaveCount(0);
  await expect(amara.getByText(/p = \d/).first()).toBeVisible();
  await expectAccessible(amara);

  // Finalise: the ratings go to delivery.
  await amara.goto(boardUrl);
  await waitForHydration(amara);
  await amara.getByLabel(/Finalising locks the board and sends the calibrated ratings of/).check();
  await amara.getByRole('button', { name: 'Finalise the session' }).click();
  await expect(amara.locator('.page-header .badge')).toContainText('Finalised');

  // The person's manager delivers the review; the person reads the calibrated rating.
  await own.goto(boardUrl + personHref);
  await panel(own).getByRole('link', { name: 'Review', exact: true }).click();
  await waitForHydration(own);
  await own.getByRole('button', { name: 'Deliver the review' }).click();
  await expect(own.getByText(/Delivered on/)).toBeVisible();
  const reviewUrl = own.url();
  await own.goto(boardUrl + personHref);
  const profile = (await panel(own).getByRole('link', { name: 'Profile', exact: true }).getAttribute('href'))!;
  await own.goto(profile);
  const employee = await pageAs(browser, (await own.locator('a[href^="mailto:"]').first().textContent())!.trim());
  await employee.goto(reviewUrl);
  await expect(employee.locator('.rating-result__value')).toHaveText('Strong');
});

test('only participants and HR see a board; HR creates a session with field-level errors', async ({ page, browser }) => {
  // Tom is on no session: no board, no calibration link.
  const tom = await pageAs(browser, people.employee.email);
  await tom.goto('/calibration');
  await expect(tom.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calibration' })).toHaveCount(0);
  await expect(tom.getByText('No calibration sessions for you yet')).toBeVisible();

  const hr = await pageAs(browser, people.hr.email);
  await hr.goto('/calibration/new');
  await waitForHydration(hr);
  await hr.getByLabel('Name', { exact: true }).fill('Engineering H2 calibration');
  await hr.getByLabel('Facilitator (a name or work email)').fill(people.employee.email);
  await hr.getByRole('button', { name: 'Create the session' }).click();
  await expect(hr.getByRole('alert')).toContainText('skip-level leader');
  await expect(hr.getByRole('alert')).toContainText('Choose at least one department or team');
  await waitForHydration(hr);
  await expect(hr.getByLabel('Name', { exact: true })).toHaveValue('Engineering H2 calibration');
  await expectAccessible(hr);
  await hr.getByLabel('Facilitator (a name or work email)').fill(people.skipLevel.email);
  await hr.getByLabel('Engineering', { exact: true }).check();
  await hr.getByRole('button', { name: 'Create the session' }).click();
  await expect(hr.getByRole('heading', { level: 1 })).toHaveText('Engineering H2 calibration');
  const url = hr.url();
  await expect(hr.locator('.board-table')).toContainText('Tom Becker');

  // Tom is on that board, and still may not open it.
  const res = await tom.goto(url);
  expect(res!.status()).toBe(403);
  void page;
});

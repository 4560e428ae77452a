// The page's first screen on a 375×740 phone: a whole chart on it, the
// status line visible (confirmations are seen), tap targets of at least
// 44 px, a run bar that keeps its shape when Play becomes Pause, no sideways
// scrolling, and the tour as a sheet that leaves the chart it speaks of in view.
const { test, expect } = require('@playwright/test');
const {
  watchForErrors, openPage, box, intersects, within, throughTour,
} = require('./helpers');

const WIDTH = 375;
const HEIGHT = 740;
test.use({ viewport: { width: WIDTH, height: HEIGHT }, hasTouch: true });

const onScreen = (a) => within(a, WIDTH, HEIGHT);

test('a phone shows a whole chart and the status on the first screen, without sideways scrolling', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page);
  const chart = await page.evaluate(() => {
    const canvas = document.getElementById('chart');
    const r = canvas.getBoundingClientRect();
    return { top: r.top, left: r.left, right: r.right, cell: Number(canvas.dataset.cellHeight) };
  });
  expect(chart.cell).toBeGreaterThan(100);
  expect(chart.top + chart.cell).toBeLessThanOrEqual(HEIGHT);
  expect(chart.left).toBeGreaterThanOrEqual(0);
  expect(chart.right).toBeLessThanOrEqual(WIDTH);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  const status = page.locator('#status');
  await expect(status).toBeVisible();
  expect(onScreen(await box(status))).toBe(true);
  await page.screenshot({ path: 'tests/e2e/screenshots/phone-first-screen.png' });
  watch.check();
});

test('a confirmation in the status line is seen on a phone, even scrolled down', async ({ page, context }) => {
  const watch = watchForErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPage(page);
  await page.locator('#copy-link').scrollIntoViewIfNeeded();
  await page.locator('#copy-link').tap();
  const status = page.locator('#status');
  await expect(status).toContainText(/link/i);
  // The run bar is sticky, so the status is on screen where the button was tapped.
  const where = await box(status);
  expect(onScreen(where)).toBe(true);
  expect(where.height).toBeGreaterThan(10);
  // Not clipped away: its text fits in its box.
  expect(await status.evaluate((n) => n.scrollHeight <= n.clientHeight + 1)).toBe(true);
  watch.check();
});

test('tap targets on a phone are at least 44 px, the tour sheet\'s too', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page);
  // Open the advanced parameters, so their controls are measured too.
  await page.locator('#advanced > summary').tap();
  const smallTargets = () => page.evaluate(() => {
    const selector = 'button, a.button, select, input[type="range"], input[type="number"], input[type="text"], [role="tab"], summary';
    return [...document.querySelectorAll(selector)].filter((node) => {
      if (node.closest('[hidden]') || node.closest('details:not([open]) > :not(summary)')) return false;
      const r = node.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return false;
      return r.height < 44 || r.width < 44;
    }).map((node) => `${node.tagName.toLowerCase()}#${node.id || ''}.${node.className} ${Math.round(node.getBoundingClientRect().width)}×${Math.round(node.getBoundingClientRect().height)}`);
  });
  let small = await smallTargets();
  expect(small, small.join('\n')).toEqual([]);
  // The tour's sheet is compact on a phone; its buttons must still take a finger.
  await page.locator('#tour-start').tap();
  await expect(page.locator('#tour')).toBeVisible();
  await expect(page.locator('#tour-next')).toBeVisible();
  small = await smallTargets();
  expect(small, small.join('\n')).toEqual([]);
  watch.check();
});

test('the run bar keeps its shape when Play becomes Pause', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page);
  const shape = async () => ({
    play: await box(page.locator('#play')), step: await box(page.locator('#step')),
    bar: (await box(page.locator('#run-bar'))).height,
  });
  const before = await shape();
  await page.locator('#play').tap();
  await expect(page.locator('#play')).toHaveText('Pause');
  const playing = await shape();
  await page.locator('#play').tap();
  await expect(page.locator('#play')).toHaveText('Play');
  const after = await shape();
  for (const now of [playing, after]) {
    expect(now.play.width).toBe(before.play.width);
    expect(now.step.left).toBe(before.step.left);
    expect(now.bar).toBe(before.bar);
  }
  watch.check();
});

test('on a phone the tour is a sheet that leaves the chart it speaks of in view', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page);
  const outlined = await throughTour(page, async (step, chart) => {
    const tour = await box(page.locator('#tour'));
    expect(onScreen(tour)).toBe(true);
    if (chart) {
      expect(onScreen(chart), `step ${step + 1}: the chart is on screen`).toBe(true);
      expect(intersects(tour, chart), `step ${step + 1}: the tour covers its chart`).toBe(false);
      // Nor does the sticky run bar.
      expect(intersects(await box(page.locator('#run-bar')), chart)).toBe(false);
    }
    if (step === 1) await page.screenshot({ path: 'tests/e2e/screenshots/phone-tour.png' });
  }, { tap: true });
  expect(outlined).toBeGreaterThanOrEqual(4);
  watch.check();
});

test('on a phone the tour scrolls the chart it speaks of whole between the sticky legend and the sheet', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page);
  const outlined = await throughTour(page, async (step, chart) => {
    if (chart) {
      const legend = await box(page.locator('#chart-legend'));
      const tour = await box(page.locator('#tour'));
      // Its top edge and title below the sticky legend (itself under the run bar) ...
      expect(chart.top, `step ${step + 1}: the legend covers the chart's top`).toBeGreaterThanOrEqual(legend.bottom);
      expect(chart.top).toBeGreaterThanOrEqual((await box(page.locator('#run-bar'))).bottom);
      // ... and its bottom edge above the sheet.
      expect(chart.bottom, `step ${step + 1}: the sheet covers the chart's bottom`).toBeLessThanOrEqual(tour.top);
      // The sheet keeps its buttons on screen.
      expect(onScreen(await box(page.locator('#tour-next')))).toBe(true);
      // The chart switcher above it shows whole or not at all (no sliver
      // of its buttons under the legend).
      const switcher = await box(page.locator('#chart-switcher'));
      expect(switcher.bottom <= legend.bottom || switcher.top >= legend.bottom,
        `step ${step + 1}: the switcher shows ${switcher.bottom - legend.bottom} of ${switcher.bottom - switcher.top} px`).toBe(true);
    }
  }, { tap: true });
  expect(outlined).toBeGreaterThanOrEqual(4);
  watch.check();
});

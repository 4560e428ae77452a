// Charts people can read: axes fitted to the data (0–1 on request), a month-0
// point, policy switches marked, a legend in view, and on a phone one chart
// at a time whose values stay after a tap.
const { test, expect } = require('@playwright/test');
const {
  watchForErrors, openScenarios, runToEnd, SMALL, box, intersects, within,
} = require('./helpers');

/** Mean row (canvas px) and count of the pixels of an RGB colour on #chart. */
async function colourRows(page, [r, g, b]) {
  return page.$eval('#chart', (canvas, [r, g, b]) => {
    const { data, width } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    let rows = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) < 8 && Math.abs(data[i + 1] - g) < 8 && Math.abs(data[i + 2] - b) < 8) {
        count += 1;
        rows += Math.floor(i / 4 / width);
      }
    }
    return { count, row: count ? rows / count : NaN };
  }, [r, g, b]);
}

/** Plays two small runs to their end, then taps the chart 60% across and
 * halfway down: the values of that month show. */
async function tapAfterRun(page) {
  await openScenarios(page, [{ preset: 'welfare-state', set: SMALL }, { preset: 'partner-state', set: SMALL }]);
  await runToEnd(page);
  await page.locator('#chart').scrollIntoViewIfNeeded();
  const chart = await page.locator('#chart').boundingBox();
  await page.touchscreen.tap(chart.x + chart.width * 0.6, chart.y + chart.height / 2);
  await expect(page.locator('#chart-tooltip')).toContainText('month');
}

const A = [0, 114, 178];
const B = [213, 94, 0];
const PHONE = { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true };

test.describe('on a phone', () => {
  test.use(PHONE);

  test('a share axis is fitted to the data unless 0–1 is asked for', async ({ page }) => {
    const watch = watchForErrors(page);
    await openScenarios(page, [{ preset: 'welfare-state', set: SMALL }, { preset: 'partner-state', set: SMALL }]);
    await runToEnd(page);
    // The second chart of the first panel is a share (citizens contributing).
    await page.click('#chart-next');
    await expect(page.locator('#chart-which')).toContainText('2 of');
    const rows = async () => [await colourRows(page, A), await colourRows(page, B)];
    const gap = (pair) => Math.abs(pair[0].row - pair[1].row);
    const fitted = await rows();
    await page.check('#unit-shares');
    // The redraw may wait for the charts to be seen in view again (the
    // checkbox scrolled into view first): read the canvas once it has come.
    await expect.poll(async () => gap(await rows()), { timeout: 5000 }).toBeLessThan(gap(fitted) / 1.5);
    const fixed = await rows();
    for (const s of [...fitted, ...fixed]) expect(s.count).toBeGreaterThan(50);
    // The same two series lie further apart on the fitted axis.
    expect(gap(fitted)).toBeGreaterThan(1.5 * gap(fixed));
    // The choice is part of what the link replays.
    await expect(page).toHaveURL(/[#&]shares=1(&|$)/);
    await page.reload();
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    await expect(page.locator('#unit-shares')).toBeChecked();
    await page.uncheck('#unit-shares');
    await expect(page).not.toHaveURL(/shares=1/);
    watch.check();
  });

  test('one chart at a time fits the screen, with buttons and a swipe between charts', async ({ page }) => {
    const watch = watchForErrors(page);
    await openScenarios(page, [{ preset: 'welfare-state', set: SMALL }]);
    const canvas = await page.locator('#chart').boundingBox();
    expect(canvas.width).toBeLessThanOrEqual(375);
    expect(canvas.height).toBeLessThan(740);
    for (const id of ['#chart-prev', '#chart-next']) {
      const box = await page.locator(id).boundingBox();
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    await expect(page.locator('#chart-which')).toContainText('1 of');
    await page.click('#chart-next');
    await expect(page.locator('#chart-which')).toContainText('2 of');
    await page.click('#chart-prev');
    await expect(page.locator('#chart-which')).toContainText('1 of');
    // A quick flick to the left turns to the next chart.
    await page.locator('#chart').scrollIntoViewIfNeeded();
    const box = await page.locator('#chart').boundingBox();
    const y = box.y + box.height / 2;
    await page.locator('#chart').dispatchEvent('pointerdown', { clientX: box.x + 300, clientY: y, pointerType: 'touch', isPrimary: true });
    await page.locator('#chart').dispatchEvent('pointerup', { clientX: box.x + 100, clientY: y, pointerType: 'touch', isPrimary: true });
    await expect(page.locator('#chart-which')).toContainText('2 of');
    watch.check();
  });

  test('a tap shows the values, and they stay after the finger lifts', async ({ page }) => {
    const watch = watchForErrors(page);
    await tapAfterRun(page);
    const tooltip = page.locator('#chart-tooltip');
    await expect(tooltip).toBeVisible();
    await page.waitForTimeout(600);
    await expect(tooltip).toBeVisible();
    watch.check();
  });

  test('the values of a tap stay on screen under the chart, over neither it nor what follows it', async ({ page }) => {
    const watch = watchForErrors(page);
    await tapAfterRun(page);
    await page.waitForTimeout(300);
    const values = await box(page.locator('#chart-tooltip'));
    expect.soft(within(values, 375, 740), 'the values are on screen').toBe(true);
    expect(intersects(values, await box(page.locator('#chart'))), 'the values cover the chart').toBe(false);
    // What follows the chart: the live numbers, the (empty) pinned levers,
    // the 0–1 axis box and the charts as text.
    const following = await page.$$eval(
      '#stage-side h3, #pins-empty, .pin, .monitor-block, label.check:has(#unit-shares), #panel-summary',
      (nodes) => nodes.filter((n) => n.getClientRects().length > 0).map((n) => {
        const r = n.getBoundingClientRect();
        return { name: n.id || n.className, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
    );
    expect(following.length).toBeGreaterThan(4);
    for (const other of following) expect(intersects(values, other), `the values cover ${other.name}`).toBe(false);
    watch.check();
  });

  test('the legend stays in view while the chart scrolls under it', async ({ page }) => {
    const watch = watchForErrors(page);
    await openScenarios(page, [{ preset: 'welfare-state', set: SMALL }, { preset: 'partner-state', set: SMALL }]);
    const chart = await page.locator('#chart').evaluate((c) => c.getBoundingClientRect().top + window.scrollY);
    await page.evaluate((top) => window.scrollTo(0, top + 100), chart);
    const legend = await page.locator('#chart-legend').boundingBox();
    expect(legend.y).toBeGreaterThanOrEqual(0);
    expect(legend.y + legend.height).toBeLessThan(740);
    watch.check();
  });
});

test('at month 0 every series shows its point; a policy switch is marked', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.setViewportSize({ width: 375, height: 740 });
  await openScenarios(page, [{ preset: 'welfare-state', set: SMALL }]);
  const plain = await colourRows(page, A);
  // A month-0 run is one point, drawn as a dot.
  expect(plain.count).toBeGreaterThan(10);
  await openScenarios(page, [{ preset: 'welfare-state', set: SMALL, schedule: [{ month: 12, regime: 'big-society' }] }]);
  const marked = await colourRows(page, A);
  // The dashed line and its label, in the scenario's colour.
  expect(marked.count).toBeGreaterThan(plain.count + 100);
  watch.check();
});

test('the charts keep their grid: light lines across and down every plot', async ({ page }) => {
  // The page's canvas backend strokes runs of opaque grid lines as one
  // path (src/web/canvas.rs): each of them must still reach the canvas.
  const watch = watchForErrors(page);
  await openScenarios(page, [{ preset: 'welfare-state', set: SMALL }, { preset: 'partner-state', set: SMALL }]);
  await runToEnd(page);
  const lines = await page.$eval('#chart', (canvas) => {
    const { data, width, height } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const grey = (x, y) => {
      const i = 4 * (y * width + x);
      return Math.abs(data[i] - 235) <= 2 && Math.abs(data[i + 1] - 235) <= 2 && Math.abs(data[i + 2] - 235) <= 2;
    };
    // How many lines of the canvas (`across` of them, each `along` long)
    // hold a run of 60 grid pixels or more.
    const gridLines = (across, along, at) => {
      let lines = 0;
      for (let a = 0; a < across; a += 1) {
        let run = 0;
        let best = 0;
        for (let b = 0; b < along; b += 1) {
          run = at(a, b) ? run + 1 : 0;
          best = Math.max(best, run);
        }
        if (best >= 60) lines += 1;
      }
      return lines;
    };
    const columns = gridLines(width, height, (x, y) => grey(x, y));
    const rows = gridLines(height, width, (y, x) => grey(x, y));
    return { columns, rows, charts: canvas.dataset.outcomes.split(' ').length };
  });
  // Each chart has light lines between its labelled ticks, both ways.
  expect(lines.columns).toBeGreaterThan(5 * lines.charts);
  expect(lines.rows).toBeGreaterThan(5 * lines.charts);
  watch.check();
});

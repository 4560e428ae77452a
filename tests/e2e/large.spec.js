// Large populations stay responsive: at 4 × 100,000 citizens the runner
// steps one scenario per frame slice, so a frame holds one scenario's month,
// not four, and a click is answered soon. A behaviour test with loose
// bounds (the machine is shared); the strict figures (50 ms, 100 ms) are
// in benches/page/large.bench.js.
const { test, expect } = require('@playwright/test');
const { watchForErrors, openScenarios } = require('./helpers');

const LARGE = { 'population.citizens': 100_000, 'population.projects': 5000, 'population.firms': 4000 };

/** Plays for `ms` and returns the long tasks (ms) seen meanwhile, and the
 * input-to-paint time of a click on Pause at the end. */
async function playAndWatch(page, ms) {
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    window.clicks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name === 'click' || entry.name === 'pointerup') window.clicks.push(entry.duration);
      }
    }).observe({ type: 'event', durationThreshold: 16 });
  });
  await page.click('#play');
  await expect(page.locator('#play')).toHaveText('Pause');
  await page.waitForTimeout(ms);
  const before = Number(await page.textContent('#month'));
  await page.click('#play');
  await expect(page.locator('#play')).toHaveText('Play', { timeout: 2000 });
  await page.waitForTimeout(300);
  return page.evaluate((month) => ({ longTasks: window.longTasks, clicks: window.clicks, month }), before);
}

test('4 × 100,000 citizens play without long frames and a click answers', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = watchForErrors(page);
  await openScenarios(page, ['welfare-state', 'corporate-welfare', 'partner-state', 'big-society']
    .map((preset) => ({ preset, set: LARGE })));
  await page.selectOption('#speed', '20');
  const { longTasks, clicks, month } = await playAndWatch(page, 4000);
  console.log(`4 × 100,000 citizens: month ${month} after 4 s; long tasks (ms): ${longTasks.map(Math.round).join(', ') || 'none'}; `
    + `click input-to-paint (ms, ≥ 16 only): ${clicks.map(Math.round).join(', ') || 'none'}`);
  // It moved: the months are stepped, not skipped.
  expect(month).toBeGreaterThanOrEqual(2);
  // Before slicing, a frame stepped all four scenarios' months (about 4 × 45 ms
  // here, with a redraw); now a frame holds one scenario's month and a redraw.
  // On a loaded shared machine one scenario's month can take 75 ms, so the
  // bound is on the typical long task: measured side by side, about 65 ms
  // with slicing against 105–110 ms stepping all four scenarios in one frame.
  const sorted = [...longTasks].sort((a, b) => a - b);
  const median = sorted.length ? sorted[sorted.length >> 1] : 0;
  expect(median, longTasks.join(', ')).toBeLessThan(90);
  expect(Math.max(0, ...clicks)).toBeLessThan(300);
  watch.check();
});

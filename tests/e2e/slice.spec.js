// The first vertical slice: the page loads the wasm model, runs it, and
// plotters draws a chart on the canvas.
const { test, expect } = require('@playwright/test');
const { watchForErrors, inkedPixels } = require('./helpers');

test('runs the model and draws the chart', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.goto('/');
  const run = page.getByRole('button', { name: 'Run' });
  await expect(run).toBeEnabled();
  await run.click();
  await expect(page.locator('#month')).toHaveText('120', { timeout: 20_000 });
  expect(await inkedPixels(page, '#chart')).toBeGreaterThan(2000);
  await page.screenshot({ path: 'tests/e2e/screenshots/slice.png', fullPage: true });
  watch.check();
});

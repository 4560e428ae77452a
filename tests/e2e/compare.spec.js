// The page for an analyst: scenarios side by side on one seed, ensembles over
// many seeds with bands (off the page's thread), and a CSV whose numbers are
// the page's.
const { test, expect } = require('@playwright/test');
const {
  watchForErrors, inkedPixels, openScenarios, runToEnd, tableValues, downloadCsv, SMALL,
} = require('./helpers');

test('compares two scenarios with a table of differences', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [{ preset: 'welfare-state', set: SMALL }, { preset: 'partner-state', set: SMALL }]);
  await runToEnd(page);
  await expect(page.locator('#values thead th')).toHaveCount(3);
  await expect(page.locator('#values thead')).toContainText('difference from A');
  const values = await tableValues(page);
  expect(Object.keys(values)).toHaveLength(await page.evaluate(async () =>
    (await import('./js/wasm.js')).catalogue.outcomes.length));
  expect(values.commons_knowledge[1]).not.toBe(values.commons_knowledge[0]);
  await expect(page.locator('#values td[data-scenario="1"] .diff').first()).toHaveText(/[+−±]/);
  expect(await inkedPixels(page, '#chart')).toBeGreaterThan(5000);

  // Hovering a chart names the month and every scenario's value.
  const box = await page.locator('#chart').boundingBox();
  await page.locator('#chart').hover({ position: { x: box.width * 0.3, y: 120 } });
  await expect(page.locator('#chart-tooltip')).toBeVisible();
  await expect(page.locator('#chart-tooltip')).toContainText(/month \d+/);
  await expect(page.locator('#chart-tooltip li')).toHaveCount(2);

  // Every outcome is charted: each panel lists its outcomes in text.
  // The list is redrawn after the click is handled, so each count is waited
  // for (a count read straight after the click can be the last panel's).
  const tabs = page.getByRole('tab');
  await expect(tabs).toHaveCount(4);
  const perPanel = await page.evaluate(async () => {
    const { catalogue } = await import('./js/wasm.js');
    const counts = [0, 0, 0, 0];
    catalogue.outcomes.forEach((o) => { counts[o.panel] += 1; });
    return counts;
  });
  expect(perPanel.reduce((a, b) => a + b, 0)).toBe(Object.keys(values).length);
  for (let i = 0; i < 4; i += 1) {
    await tabs.nth(i).click();
    await expect(tabs.nth(i)).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('#panel-summary-list li')).toHaveCount(perPanel[i]);
  }
  watch.check();
});

test('an ensemble reports its progress a few times a second, not after every run', async ({ page }) => {
  // Each report repaints the page; after every one of 80 quick runs they
  // took the workers' cores from them.
  const watch = watchForErrors(page);
  await openScenarios(page, [
    { preset: 'big-society', set: SMALL },
    { preset: 'partner-state', set: SMALL },
  ], { runs: 40 });
  await page.evaluate(() => {
    window.reports = [];
    const element = document.querySelector('#ensemble-status');
    new MutationObserver(() => window.reports.push([performance.now(), element.textContent]))
      .observe(element, { childList: true, characterData: true, subtree: true });
  });
  const started = await page.evaluate(() => performance.now());
  await page.click('#run-ensemble');
  await expect(page.locator('#status')).toContainText('80 runs done', { timeout: 60_000 });
  const reports = await page.evaluate(() => window.reports);
  const counts = reports.filter(([, text]) => / of 80 runs$/.test(text));
  const elapsed = reports.at(-1)[0] - started;
  expect(counts.length).toBeGreaterThan(0);
  expect(counts.length).toBeLessThanOrEqual(2 + elapsed / 200);
  expect(counts.length).toBeLessThan(80);
  // The last report is the whole: every run, then the time they took.
  expect(counts.at(-1)[1]).toBe('80 of 80 runs');
  expect(reports.at(-1)[1]).toMatch(/^80 runs in [0-9.]+ s$/);
  watch.check();
});

test('an ensemble runs in workers, keeps the page responsive and draws bands', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openScenarios(page, [
    { preset: 'big-society', set: { ...SMALL, months: 120 } },
    { preset: 'partner-state', set: { ...SMALL, months: 120 } },
  ], { runs: 12 });
  await expect(page.locator('#run-ensemble')).toHaveText('Run 12 seeds');
  const before = await inkedPixels(page, '#chart');
  await page.click('#run-ensemble');
  await expect(page.locator('#cancel-ensemble')).toBeVisible();
  // While it runs, the page answers at once.
  const frameDelay = await page.evaluate(() => new Promise((resolve) => {
    const start = performance.now();
    requestAnimationFrame(() => resolve(performance.now() - start));
  }));
  expect(frameDelay).toBeLessThan(200);
  await page.click('#panel-tab-1');
  await expect(page.locator('#panel-tab-1')).toHaveAttribute('aria-selected', 'true');
  await page.click('#panel-tab-0');

  await expect(page.locator('#show-bands')).toBeChecked({ timeout: 60_000 });
  await expect(page.locator('#status')).toContainText('24 runs done');
  await expect(page.locator('#chart-mode')).toContainText('medians of 12 runs');
  // The medians are read at the month on the counter (month 0 here), not the last month.
  await expect(page.locator('#values caption')).toContainText('Medians at month 0 over 12 seeds');
  expect(await inkedPixels(page, '#chart')).toBeGreaterThan(before);
  const box = await page.locator('#chart').boundingBox();
  await page.locator('#chart').hover({ position: { x: box.width * 0.25, y: 150 } });
  await expect(page.locator('#chart-tooltip')).toContainText('90%');
  await page.mouse.move(0, 0);
  await page.locator('#outcomes-title').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'tests/e2e/screenshots/compare-bands.png' });

  // The CSV holds every run of the ensemble, seed by seed.
  const rows = await downloadCsv(page);
  expect(new Set(rows.map((r) => r.seed))).toEqual(new Set(Array.from({ length: 12 }, (_, k) => 1 + k)));
  expect(rows).toHaveLength(2 * 12 * 121);

  // A chart saves as a PNG image, bands included.
  await page.selectOption('#png-outcome', 'commons_knowledge');
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  expect(png.suggestedFilename()).toBe('commons_knowledge-ensemble.png');
  const bytes = require('fs').readFileSync(await png.path());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(20_000);

  // Unticking shows the single run again.
  await page.uncheck('#show-bands');
  await expect(page.locator('#chart-mode')).toContainText('One run each');
  watch.check();
});

test('the CSV export has the command line columns and the on-page values', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [
    { preset: 'welfare-state', set: SMALL, name: 'a, "quoted" name' },
    { preset: 'corporate-welfare', set: SMALL },
  ]);
  await page.selectOption('#speed', '100000');
  for (let i = 0; i < 5; i += 1) await page.click('#step');
  await expect(page.locator('#month')).toHaveText('5');
  const rows = await downloadCsv(page);
  const header = await page.evaluate(async () => (await import('./js/wasm.js')).catalogue.csvHeader);
  expect(rows.header.join(',')).toBe(header);
  expect(rows.header.slice(0, 3)).toEqual(['scenario', 'seed', 'month']);
  expect(rows).toHaveLength(2 * 6);
  const table = await tableValues(page);
  const outcomes = rows.header.slice(3);
  // Each scenario is named by its letter and name (unique, see exports.spec.js).
  const last = rows.filter((r) => r.month === 5 && r.scenario === 'B corporate-welfare')[0];
  outcomes.forEach((name, o) => expect(last.values[o], name).toBe(table[name][1]));
  // A name with a comma and quotes is one quoted field (RFC 4180).
  expect(rows.filter((r) => r.scenario.startsWith('"A a'))).toHaveLength(6);
  watch.check();
});

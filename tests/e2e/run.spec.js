// The page for a class and a reader: it starts at once with the four regimes,
// runs, responds to presets, sliders and the keyboard, and fits a phone and
// a projector.
const { test, expect } = require('@playwright/test');
const {
  watchForErrors, inkedPixels, openPage, openScenarios, paintedWhere, runToEnd, tableValues, downloadCsv, SMALL,
} = require('./helpers');

test('starts with the four regimes, plays, pauses, steps and resets', async ({ page }) => {
  const watch = watchForErrors(page);
  const started = Date.now();
  await openPage(page);
  const loadTime = Date.now() - started;
  console.log(`page ready in ${loadTime} ms`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What kind of state lets a commons thrive?');
  await expect(page.locator('#scenario-list button')).toHaveCount(4);
  await expect(page.locator('#chart-legend li')).toHaveCount(4);
  await expect(page.locator('#society canvas')).toHaveCount(4);

  await page.click('#play');
  await expect(page.locator('#play')).toHaveText('Pause');
  await expect.poll(async () => Number(await page.textContent('#month')), { timeout: 10_000 }).toBeGreaterThan(12);
  await page.click('#play');
  await expect(page.locator('#play')).toHaveText('Play');
  const paused = Number(await page.textContent('#month'));
  await page.waitForTimeout(300);
  expect(Number(await page.textContent('#month'))).toBe(paused);
  expect(await inkedPixels(page, '#chart')).toBeGreaterThan(5000);
  await page.screenshot({ path: 'tests/e2e/screenshots/main.png' });
  // The picture of society is drawn when it scrolls into view.
  await page.locator('#society').scrollIntoViewIfNeeded();
  await expect.poll(() => inkedPixels(page, '#society canvas >> nth=0')).toBeGreaterThan(1000);
  await page.screenshot({ path: 'tests/e2e/screenshots/society.png' });
  // Below the citizens, the living projects are discs in the projects'
  // green (paler where its infrastructure is worn): at this size a disc
  // is many pixels, so there are more green pixels than projects alive.
  const picture = await page.$eval('#society canvas', (canvas) => {
    // Copied to be read, as `inkedPixels` does (a canvas the painting worker
    // paints has no context here; this one is painted here, see below).
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    copy.getContext('2d').drawImage(canvas, 0, 0);
    const { data, width, height } = copy.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let green = 0;
    for (let i = 4 * width * Math.ceil(height * 0.6); i < data.length; i += 4) {
      if (data[i + 1] > data[i] + 10 && data[i + 1] > data[i + 2]) green += 1;
    }
    const alive = Number(/(\d+) projects alive/.exec(canvas.getAttribute('aria-label'))?.[1]);
    return { green, alive };
  });
  // A small population is painted on the page's thread (no worker's memory for it).
  expect(await paintedWhere(page, '#society canvas')).toEqual(['here', 'here', 'here', 'here']);
  expect(picture.alive).toBeGreaterThan(0);
  expect(picture.green).toBeGreaterThanOrEqual(picture.alive);

  await page.click('#step');
  await expect(page.locator('#month')).toHaveText(String(paused + 1));
  await page.click('#reset');
  await expect(page.locator('#month')).toHaveText('0');
  watch.check();
});

test('a preset switch and a slider change alter the run', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [{ preset: 'welfare-state', set: SMALL }]);
  expect(await runToEnd(page)).toBe(36);
  const digest = async () => page.textContent('#digests');
  const welfare = await digest();

  // An edit re-runs the scenario to the month on screen.
  await page.selectOption('#preset', 'big-society');
  await expect.poll(digest).not.toBe(welfare);
  await expect(page.locator('#month')).toHaveText('36');
  const bigSociety = await digest();
  await expect(page.locator('#preset-explanation')).toContainText('Big Society');

  const before = await tableValues(page);
  await page.fill('#param-state-income_tax', '0.1');
  await page.press('#param-state-income_tax', 'Enter');
  await expect(page.locator('label[for="param-state-income_tax"]')).toContainText('(changed)');
  await expect.poll(digest).not.toBe(bigSociety);
  await expect(page.locator('#month')).toHaveText('36');
  const after = await tableValues(page);
  expect(after.median_income[0]).not.toBe(before.median_income[0]);

  // Out of range: the error names the field and its range; nothing changes.
  await page.fill('#param-state-income_tax', '3');
  await page.press('#param-state-income_tax', 'Enter');
  await expect(page.locator('#error')).toBeVisible();
  await expect(page.locator('#error')).toContainText('state.income_tax');
  await expect(page.locator('#error')).toContainText('0 to 0.9');
  await expect(page.locator('#param-state-income_tax')).toHaveValue('0.1');
  watch.check();
});

test('schedules a policy change at a month', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [
    { preset: 'welfare-state', set: SMALL },
    { preset: 'welfare-state', set: SMALL, name: 'cuts in year 2' },
  ]);
  await page.click('#scenario-chip-1');
  await page.click('#add-change');
  await page.fill('#change-0-month', '24');
  await page.press('#change-0-month', 'Enter');
  await expect(page.locator('#change-0-regime')).toHaveValue('big-society');
  await runToEnd(page);
  // Same seed: identical until the change at month 24, different after it.
  const rows = await downloadCsv(page);
  const byMonth = (name) => rows.filter((r) => r.scenario === name).map((r) => r.values.join(','));
  // The export names scenarios by letter and name (exports.spec.js).
  const [before, after] = [byMonth('A welfare-state'), byMonth('B cuts in year 2')];
  expect(before).toHaveLength(37);
  expect(after.slice(0, 25)).toEqual(before.slice(0, 25));
  expect(after.slice(26)).not.toEqual(before.slice(26));
  watch.check();
});

test('works with the keyboard alone, with visible focus', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [{ preset: 'welfare-state', set: SMALL }, { preset: 'partner-state', set: SMALL }]);
  await page.keyboard.press('Tab');
  const skip = page.locator('.skip-link');
  await expect(skip).toBeFocused();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.locator('#run-bar')).toBeFocused();

  // Shortcuts work when no control has focus.
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#month')).toHaveText('1');
  await page.keyboard.press('Space');
  await expect(page.locator('#play')).toHaveText('Pause');
  await page.keyboard.press('Space');
  await expect(page.locator('#play')).toHaveText('Play');
  await page.keyboard.press('r');
  await expect(page.locator('#month')).toHaveText('0');

  // Tab reaches Play; Enter plays; its focus ring shows.
  await page.keyboard.press('Tab');
  await expect(page.locator('#play')).toBeFocused();
  expect(await page.locator('#play').evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.locator('#play')).toHaveText('Pause');
  await page.keyboard.press('Enter');

  // A slider takes arrow keys without stepping the run.
  const slider = page.locator('#param-state-income_tax-slider');
  await slider.focus();
  const month = await page.textContent('#month');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#param-state-income_tax')).toHaveValue('0.355');
  await expect(slider).toBeFocused();
  await expect(page.locator('#month')).toHaveText(month);

  // The panel tabs follow the arrow keys.
  await page.locator('#panel-tab-0').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#panel-tab-1')).toBeFocused();
  await expect(page.locator('#panel-tab-1')).toHaveAttribute('aria-selected', 'true');
  watch.check();
});

test('fits a 375 px phone without horizontal scrolling', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.setViewportSize({ width: 375, height: 812 });
  await openPage(page);
  await page.click('#play');
  await expect.poll(async () => Number(await page.textContent('#month'))).toBeGreaterThan(6);
  await page.click('#play');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await page.screenshot({ path: 'tests/e2e/screenshots/phone.png' });
  await page.locator('#outcomes-title').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'tests/e2e/screenshots/phone-charts.png' });
  watch.check();
});

test('projector mode enlarges type and is kept in the link', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openPage(page);
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await size();
  await page.click('#projector');
  await expect(page.locator('#projector')).toHaveAttribute('aria-pressed', 'true');
  expect(await size()).toBeGreaterThan(normal * 1.2);
  await page.click('#play');
  await expect.poll(async () => Number(await page.textContent('#month'))).toBeGreaterThan(24);
  await page.click('#play');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('projector=1');
  await page.screenshot({ path: 'tests/e2e/screenshots/projector.png' });
  watch.check();
});

test('explains the model and takes a class on a tour', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page);
  for (const heading of ['What is it?', 'How it works', 'How to use it', 'Things to notice', 'Things to try',
    'Extending the model', 'Related models', 'Credits and references', 'How to cite the essay']) {
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  }
  await expect(page.locator('.citation')).toContainText('Bauwens, M. (2012)');
  await page.click('a[href="#about"]');
  await page.screenshot({ path: 'tests/e2e/screenshots/about.png' });

  await page.click('#tour-start');
  await expect(page.locator('#tour-title')).toHaveText('Four states, the same citizens');
  // Every step shows the four regimes at their letters (so their colours stay).
  await page.click('#tour-next');
  await expect(page.locator('#scenario-list button')).toHaveCount(4);
  await page.click('#tour-next');
  await expect(page.locator('#scenario-list button')).toHaveCount(4);
  await expect(page.locator('#scenario-list')).toContainText('cuts in year 5');
  await page.click('#tour-next');
  await expect(page.locator('#scenario-list')).toContainText('partner state, crowding-out 0.9');
  await page.screenshot({ path: 'tests/e2e/screenshots/tour.png' });
  await page.keyboard.press('Escape');
  await expect(page.locator('#tour')).toBeHidden();
  // Start over returns to the four regimes.
  await page.click('#start-over');
  await expect(page.locator('#scenario-list button')).toHaveCount(4);
  await expect(page.locator('#month')).toHaveText('0');
  watch.check();
});

// Accessible charts: read by the arrow keys through a live region without
// stepping the run; described as text by trends, peaks and crossings; society
// pictures named off screen; a focus ring of 3:1; tab order as on screen; the
// global keys working after a mouse click on a button.
const { test, expect } = require('@playwright/test');
const { watchForErrors, openScenarios, runToEnd, SMALL } = require('./helpers');

const TWO = [{ preset: 'welfare-state', set: SMALL }, { preset: 'partner-state', set: SMALL }];

test('a focused chart reads its values with the arrow keys, without stepping the run', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openScenarios(page, TWO);
  for (let i = 0; i < 5; i += 1) await page.click('#step');
  await expect(page.locator('#month')).toHaveText('5');
  await page.locator('#panel').focus();
  const announce = page.locator('#chart-announce');
  await expect(announce).toHaveAttribute('aria-live', 'polite');
  await page.keyboard.press('End');
  await expect(announce).toContainText('month 5:');
  await expect(announce).toContainText('A welfare-state');
  await expect(announce).toContainText('B partner-state');
  await page.keyboard.press('ArrowLeft');
  await expect(announce).toContainText('month 4:');
  await page.keyboard.press('Home');
  await expect(announce).toContainText('month 0:');
  await page.keyboard.press('ArrowRight');
  await expect(announce).toContainText('month 1:');
  const first = await announce.textContent();
  await page.keyboard.press('ArrowDown');
  await expect(announce).not.toHaveText(first);
  await expect(announce).toContainText('month 1:');
  // The cursor line is drawn, and the run did not move.
  await expect(page.locator('#chart-cursor')).toBeVisible();
  await expect(page.locator('#month')).toHaveText('5');
  watch.check();
});

test('the charts as text give trends, peaks and crossings', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, TWO);
  const months = await runToEnd(page);
  await page.click('#panel-summary summary');
  // The text is refreshed after the last month is drawn: wait for it.
  await expect(page.locator('#panel-summary-list li').first()).toContainText(`at month ${months}`);
  const items = page.locator('#panel-summary-list li');
  expect(await items.count()).toBeGreaterThan(2);
  const text = await page.locator('#panel-summary-list').textContent();
  expect(text).toMatch(/(rises|falls) from [\d.,]+ to [\d.,]+/);
  expect(text).toMatch(/peak [\d.,]+ at month \d+/);
  // Peaks fall in months other than the first and the last.
  const peakMonths = [...text.matchAll(/peak [\d.,]+ at month (\d+)/g)].map((m) => Number(m[1]));
  expect(peakMonths.some((m) => m !== 0 && m !== months)).toBe(true);
  // Noisy series of two regimes cross somewhere in 36 months.
  expect(text).toMatch(/(A welfare-state|B partner-state) overtakes (A welfare-state|B partner-state) at month \d+/);
  watch.check();
});

test('society pictures keep their names off screen', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.setViewportSize({ width: 1024, height: 600 });
  await openScenarios(page, TWO);
  await page.evaluate(() => window.scrollTo(0, 0));
  // A new seed rebuilds the pictures while they are off screen.
  await page.fill('#seed', '7');
  await page.locator('#seed').press('Enter');
  await page.locator('#seed').blur();
  const names = await page.$$eval('.society-canvas', (cs) => cs.map((c) => c.getAttribute('aria-label')));
  expect(names).toHaveLength(2);
  expect(names[0]).toContain('A welfare-state');
  expect(names[1]).toContain('B partner-state');
  // Drawn while the page is idle, off screen as they are (so that their
  // first sight costs no more than any other frame): their labels then
  // carry their counts.
  await expect.poll(() => page.$$eval('.society-canvas', (cs) => cs.map((c) => c.getAttribute('aria-label'))))
    .toEqual([expect.stringMatching(/^A welfare-state: .* citizens: /), expect.stringMatching(/^B partner-state: .* citizens: /)]);
  watch.check();
});

/** WCAG contrast of two CSS colours (rgb()/rgba() strings). */
function contrast(a, b) {
  const lum = (css) => {
    const [r, g, bl] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test('the focus ring has 3:1 contrast on white and on the page', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, TWO);
  await page.locator('#add-scenario').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineColor);
  const paper = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const card = await page.evaluate(() => getComputedStyle(document.querySelector('.card')).backgroundColor);
  for (const background of [paper, card, 'rgb(255, 255, 255)']) {
    expect(contrast(ring, background), `${ring} on ${background}`).toBeGreaterThanOrEqual(3);
  }
  watch.check();
});

test('tab order follows the screen: the results column comes before the controls', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openScenarios(page, TWO);
  const results = await page.locator('#results').boundingBox();
  const controls = await page.locator('#controls').boundingBox();
  // The DOM has the results first; so must the screen (left to right).
  expect(results.x).toBeLessThan(controls.x);
  await page.locator('#panel-tab-0').focus();
  const order = [];
  for (let i = 0; i < 60 && order.length < 2; i += 1) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => (document.activeElement.closest('#results') ? 'results'
      : document.activeElement.closest('#controls') ? 'controls' : 'other'));
    if (order.at(-1) !== where) order.push(where);
  }
  expect(order).toEqual(['results', 'controls']);
  watch.check();
});

test('a chart reached by Tab scrolls into view below the sticky run bar and legend', async ({ page }) => {
  const watch = watchForErrors(page);
  for (const [width, height, projector] of [[1024, 768, true], [1280, 800, false]]) {
    await page.setViewportSize({ width, height });
    await openScenarios(page, TWO, { projector });
    await page.locator('#panel-tab-0').focus();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.keyboard.press('Tab');
    await expect(page.locator('#panel')).toBeFocused();
    const { panel, covered } = await page.evaluate(() => ({
      panel: document.querySelector('#panel').getBoundingClientRect().top,
      covered: Math.max(...['#run-bar', '#chart-legend']
        .map((id) => document.querySelector(id).getBoundingClientRect().bottom)),
    }));
    // The chart's top edge (its focus ring, its title) shows, uncovered.
    expect(panel, `${width}×${height}`).toBeGreaterThanOrEqual(covered);
    expect(panel, `${width}×${height}`).toBeLessThan(height / 2);
  }
  watch.check();
});

test('Space, → and R work after Play was clicked with the mouse, once each', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, TWO);
  await page.click('#play');
  await expect(page.locator('#play')).toHaveText('Pause');
  await page.click('#play');
  await expect(page.locator('#play')).toHaveText('Play');
  await expect(page.locator('#play')).toBeFocused();
  const month = Number(await page.textContent('#month'));
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#month')).toHaveText(String(month + 1));
  // Space toggles once: not the shortcut and the button's own click too.
  await page.keyboard.press('Space');
  await expect(page.locator('#play')).toHaveText('Pause');
  await page.waitForTimeout(300);
  await expect(page.locator('#play')).toHaveText('Pause');
  await page.keyboard.press('Space');
  await expect(page.locator('#play')).toHaveText('Play');
  await page.keyboard.press('r');
  await expect(page.locator('#month')).toHaveText('0');
  // In a text field the keys are the field's.
  await page.locator('#scenario-name').focus();
  await page.keyboard.press('r');
  await expect(page.locator('#play')).toHaveText('Play');
  watch.check();
});

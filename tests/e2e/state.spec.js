// The page's state has one owner (www/js/state.js): a change made by any
// control reaches the runs, every control that shows it and the link; and
// the state cannot be changed behind the store's back.
const { test, expect } = require('@playwright/test');
const { watchForErrors, openPage, openScenarios, tableValues, SMALL } = require('./helpers');

const hash = (page) => page.evaluate(() => location.hash);

test('a change from any control reaches the runs, the controls and the link', async ({ page }) => {
  const watch = watchForErrors(page);
  // The link's panel is the one shown (the charts used to reset it to 0).
  await openScenarios(page, [
    { preset: 'welfare-state', set: SMALL },
    { preset: 'partner-state', set: SMALL },
  ], { panel: 2, runs: 7 });
  await expect(page.locator('#panel-tab-2')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#run-ensemble')).toHaveText('Run 7 seeds');

  // A tab, the number of seeds, the seed and projector mode each land in the link.
  await page.click('#panel-tab-1');
  await expect(page.locator('#panel-tab-1')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => hash(page)).toContain('panel=1');
  await page.fill('#runs', '9');
  await page.press('#runs', 'Enter');
  await expect(page.locator('#run-ensemble')).toHaveText('Run 9 seeds');
  await expect.poll(() => hash(page)).toContain('runs=9');
  await page.fill('#seed', '42');
  await page.press('#seed', 'Enter');
  await expect(page.locator('#chart-mode')).toContainText('seed 42');
  await expect.poll(() => hash(page)).toContain('seed=42');

  // Removing a scenario in the editor updates the legend, the pictures and the table.
  await page.click('#scenario-chip-1');
  await expect(page.locator('#editor-title')).toContainText('Scenario B');
  await page.click('#remove-scenario');
  await expect(page.locator('#scenario-list button')).toHaveCount(1);
  await expect(page.locator('#chart-legend li')).toHaveCount(1);
  await expect(page.locator('#society canvas')).toHaveCount(1);
  expect(Object.values(await tableValues(page))[0]).toHaveLength(1);

  // A scenario file sets the seed for every scenario: the seed field follows.
  const scenario = JSON.parse(await page.evaluate(async () => {
    const { model } = await import('./js/wasm.js');
    return model.presetScenario('big-society');
  }));
  await page.setInputFiles('#import-json', {
    name: 's.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...scenario, seed: 314, population: { ...scenario.population, citizens: 300 } })),
  });
  await expect(page.locator('#seed')).toHaveValue('314');
  await expect.poll(() => hash(page)).toContain('seed=314');
  watch.check();
});

test('the state changes only through the store, and the page has no test hook', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page);
  const outcome = await page.evaluate(async () => {
    'use strict'; // as the page's modules are: writing to a frozen object throws
    const { state } = await import('./js/state.js');
    const attempts = {
      field: () => { state().seed = 5; },
      list: () => { state().scenarios.push(state().scenarios[0]); },
      scenario: () => { state().scenarios[0].scenario.months = 1; },
    };
    const refused = {};
    for (const [name, attempt] of Object.entries(attempts)) {
      try {
        attempt();
        refused[name] = false;
      } catch {
        refused[name] = true;
      }
    }
    return { refused, seed: state().seed, count: state().scenarios.length, hook: 'commonsSim' in window };
  });
  expect(outcome).toEqual({ refused: { field: true, list: true, scenario: true }, seed: 1, count: 4, hook: false });
  watch.check();
});

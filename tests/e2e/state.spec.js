// The page's state has one owner (www/js/state.js): a change made by any
// control reaches the runs, every control that shows it and the link; the
// state cannot be changed behind the store's back; and "Another history"
// draws a fresh seed that is shown and kept, so the runs replay. The tour
// reads the state too: it names the ensemble size the page will run.
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

test('"Another history" draws a fresh seed, shows it, and the link replays it', async ({ page, context }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [{ preset: 'partner-state', set: SMALL }], { seed: 1 });
  for (let i = 0; i < 3; i += 1) await page.click('#step');
  await expect(page.locator('#month')).toHaveText('3');
  const first = await page.textContent('#digests');

  await page.click('#fresh-seed');
  await expect(page.locator('#seed')).not.toHaveValue('1');
  const seed = await page.inputValue('#seed');
  expect(seed).toMatch(/^\d+$/);
  expect(Number.isSafeInteger(Number(seed))).toBe(true);
  await expect(page.locator('#chart-mode')).toContainText(`seed ${seed}`);
  // The same month, another history.
  await expect(page.locator('#month')).toHaveText('3');
  await expect.poll(() => page.textContent('#digests')).not.toBe(first);
  await expect.poll(() => hash(page)).toContain(`seed=${seed}&`);
  const digests = await page.textContent('#digests');
  const values = await tableValues(page);

  // The link replays it.
  await page.click('#copy-link');
  const link = await page.inputValue('#link-text');
  expect(link).toContain(`seed=${seed}&`);
  const other = await context.newPage();
  const otherWatch = watchForErrors(other);
  await other.goto(link);
  await expect(other.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(other.locator('#seed')).toHaveValue(seed);
  await expect(other.locator('#month')).toHaveText('3');
  expect(await other.textContent('#digests')).toBe(digests);
  expect(await tableValues(other)).toEqual(values);
  otherWatch.check();

  // Each press draws again.
  await page.click('#fresh-seed');
  await expect(page.locator('#seed')).not.toHaveValue(seed);
  await page.locator('#controls').screenshot({ path: 'tests/e2e/screenshots/fresh-seed.png' });
  watch.check();
});

test('the tour names the ensemble size the page will run, and outcomes as the charts do', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [{ preset: 'welfare-state', set: SMALL }], { runs: 6 });
  await page.click('#tour-start');
  await expect(page.locator('#tour-text')).toContainText('“Citizens contributing” and “Commons knowledge (usable)”');
  await expect(page.locator('#tour-text')).toContainText('“Inequality and precarity”');
  for (let i = 0; i < 4; i += 1) await page.click('#tour-next');
  await expect(page.locator('#tour-title')).toHaveText('Is it luck?');
  await expect(page.locator('#tour-text')).toContainText('on the same 6 seeds');
  // It waits for the teacher; the step's four scenarios then run on 6 seeds.
  await page.click('#tour-play');
  await expect(page.locator('#ensemble-status')).toContainText('of 24 runs');
  await page.click('#cancel-ensemble');
  watch.check();
});

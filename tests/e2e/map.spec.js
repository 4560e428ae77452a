// "Where does it reverse?": the map of the paired difference of two
// scenarios over two levers. A small grid (4 × 4 × 2 seeds × 200 citizens ×
// 24 months) runs in the workers, draws, marks the cells whose 90% interval
// crosses zero, loads a cell into both scenarios by click and by keyboard,
// can be cancelled, and fits a phone. Its settings travel in the link.
const { test, expect } = require('@playwright/test');
const { watchForErrors, inkedPixels, openPage, openScenarios, openLinkAfresh, linkFor } = require('./helpers');

const SCENARIOS = [{ preset: 'partner-state' }, { preset: 'big-society' }, { preset: 'welfare-state' }];

/** Fills the map's form for a small, quick grid. */
async function smallMap(page, { grid = '4', seeds = '2', citizens = '200', months = '24' } = {}) {
  await page.selectOption('#map-grid', grid);
  await page.fill('#map-seeds', seeds);
  await page.fill('#map-citizens', citizens);
  await page.fill('#map-months', months);
}

async function runMap(page) {
  await page.click('#map-run');
  await expect(page.locator('#map-status')).toHaveText(/^\d+ runs in [0-9.]+ s\.$/, { timeout: 40_000 });
}

/** The map's cells as data: { i, j, x, y, mean, lower, upper, crosses }. */
async function cells(page) {
  return page.$$eval('#map-cells [role="gridcell"]', (nodes) => nodes.map((n) => ({
    i: Number(n.dataset.i), j: Number(n.dataset.j), x: Number(n.dataset.x), y: Number(n.dataset.y),
    mean: Number(n.dataset.mean), lower: Number(n.dataset.lower), upper: Number(n.dataset.upper),
    crosses: n.dataset.crosses === 'true', label: n.getAttribute('aria-label'),
  })));
}

/** Distinct colours inside a cell of the canvas (its interior, 3 px in). */
async function coloursInCell(page, i, j) {
  return page.evaluate(({ i, j }) => {
    const canvas = document.querySelector('#map-canvas');
    const box = document.querySelector('#map-cells');
    const button = box.querySelector(`[data-i="${i}"][data-j="${j}"]`);
    const c = canvas.getBoundingClientRect();
    const b = button.getBoundingClientRect();
    const scale = canvas.width / c.width;
    const left = Math.ceil((b.left - c.left + 3) * scale);
    const top = Math.ceil((b.top - c.top + 3) * scale);
    const w = Math.floor((b.width - 6) * scale);
    const h = Math.floor((b.height - 6) * scale);
    const { data } = canvas.getContext('2d').getImageData(left, top, w, h);
    const seen = new Set();
    for (let k = 0; k < data.length; k += 4) seen.add(`${data[k]},${data[k + 1]},${data[k + 2]}`);
    return seen.size;
  }, { i, j });
}

/** A scenario's value at a dotted path, from the page's own store. */
async function leverOf(page, index, path) {
  return page.evaluate(async ({ index, path }) => {
    const { state } = await import('./js/state.js');
    return path.split('.').reduce((node, key) => node[key], state().scenarios[index].scenario);
  }, { index, path });
}

test('a small map runs, draws, marks unclear cells and computes a paired t interval', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, SCENARIOS);
  await page.locator('#map').scrollIntoViewIfNeeded();
  await expect(page.locator('#map-view')).toBeHidden();
  // The defaults the brief asks for: A against B, 8 × 8, 4 seeds, 1,000 citizens, 240 months.
  await expect(page.locator('#map-a')).toHaveValue('0');
  await expect(page.locator('#map-b')).toHaveValue('1');
  await expect(page.locator('#map-grid')).toHaveValue('8');
  await expect(page.locator('#map-seeds')).toHaveValue('4');
  await expect(page.locator('#map-citizens')).toHaveValue('1000');
  await expect(page.locator('#map-months')).toHaveValue('240');
  // The levers' ranges default to the catalogue's.
  const range = await page.evaluate(async () => {
    const { catalogue } = await import('./js/wasm.js');
    return catalogue.params.find((p) => p.path === 'state.corporate_tax');
  });
  await expect(page.locator('#map-x')).toHaveValue('state.corporate_tax');
  expect(Number(await page.inputValue('#map-x-min'))).toBe(range.min);
  expect(Number(await page.inputValue('#map-x-max'))).toBe(range.max);

  await smallMap(page);
  await runMap(page);
  await expect(page.locator('#map-status')).toHaveText(/^64 runs/);
  await expect(page.locator('#map-view')).toBeVisible();
  expect(await inkedPixels(page, '#map-canvas')).toBeGreaterThan(1000);
  const grid = await cells(page);
  expect(grid).toHaveLength(16);
  for (const cell of grid) {
    expect(Number.isFinite(cell.mean)).toBe(true);
    expect(cell.lower).toBeLessThanOrEqual(cell.mean);
    expect(cell.upper).toBeGreaterThanOrEqual(cell.mean);
    expect(cell.crosses).toBe(cell.lower <= 0 && cell.upper >= 0);
  }
  // The corners span the chosen range.
  const xs = [...new Set(grid.map((c) => c.x))].sort((a, b) => a - b);
  expect(xs[0]).toBe(range.min);
  expect(xs.at(-1)).toBe(range.max);

  // One cell recomputed here, from single runs of the page's own facade:
  // the paired difference over the same seeds and its 90% t interval
  // (t(0.95, 1 degree of freedom) = 6.3138).
  const cell = grid.find((c) => c.i === 2 && c.j === 1);
  const check = await page.evaluate(async ({ x, y }) => {
    const { model } = await import('./js/wasm.js');
    const { state } = await import('./js/state.js');
    const { atPopulation } = await import('./js/map.js');
    const { withParameter } = await import('./js/scenarios.js');
    const { seed, scenarios } = state();
    const values = [0, 1].map((index) => {
      let s = atPopulation(scenarios[index].scenario, 200, 24);
      s = withParameter(withParameter(s, 'state.corporate_tax', x), 'cooperation.initial_belief', y);
      return [0, 1].map((k) => model.outcomeAt(JSON.stringify({ ...s, seed: seed + k }), 'commons_knowledge', 24));
    });
    return { a: values[0], b: values[1] };
  }, cell);
  const d = check.a.map((v, k) => v - check.b[k]);
  const mean = (d[0] + d[1]) / 2;
  const half = (6.313751515 * Math.abs(d[0] - d[1]) / Math.SQRT2) / Math.SQRT2;
  expect(cell.mean).toBeCloseTo(mean, 9);
  expect(cell.lower).toBeCloseTo(mean - half, 6);
  expect(cell.upper).toBeCloseTo(mean + half, 6);

  // Cells whose interval crosses zero are hatched (many colours inside),
  // the others one flat colour.
  const unclear = grid.filter((c) => c.crosses);
  const clear = grid.filter((c) => !c.crosses);
  expect(unclear.length, 'some cells cross zero').toBeGreaterThan(0);
  expect(clear.length, 'some cells are clear').toBeGreaterThan(0);
  expect(await coloursInCell(page, unclear[0].i, unclear[0].j)).toBeGreaterThan(2);
  expect(await coloursInCell(page, clear[0].i, clear[0].j)).toBe(1);
  expect(unclear[0].label).toMatch(/no clear difference/);

  // The legend says which colour means which scenario does better, with units.
  await expect(page.locator('#map-legend-a')).toHaveText(/^A better by [0-9.,]+ /);
  await expect(page.locator('#map-legend-b')).toHaveText(/^B better by /);

  // The text alternative: counts, reversals, and every cell.
  await page.click('#map-text summary');
  const firsts = clear.filter((c) => c.mean > 0).length;
  await expect(page.locator('#map-summary')).toContainText(
    `A better in ${firsts} of 16 cells, B better in ${clear.length - firsts}, no clear difference in ${unclear.length}.`);
  // Rows with clear wins for both A and B are the ones listed as reversals.
  const reversing = [0, 1, 2, 3].filter((j) => {
    const row = clear.filter((c) => c.j === j);
    return row.some((c) => c.mean > 0) && row.some((c) => c.mean < 0);
  });
  if (reversing.length) {
    await expect(page.locator('#map-summary')).toContainText(`The sign reverses along Corporate tax in ${reversing.length} of 4 rows`);
  } else {
    await expect(page.locator('#map-summary .map-no-reversal')).toContainText('the sign does not reverse along Corporate tax');
  }
  await expect(page.locator('#map-summary .map-reversal')).toHaveCount(reversing.length);
  await expect(page.locator('#map-table tbody tr')).toHaveCount(16);
  await expect(page.locator('#map-table tbody tr[data-crosses="true"]')).toHaveCount(unclear.length);
  watch.check();
});

test('a cell loads its levers into both scenarios, by click and by keyboard', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, SCENARIOS);
  await page.locator('#map').scrollIntoViewIfNeeded();
  await smallMap(page);
  // Compare A with C: B must stay as it was.
  await page.selectOption('#map-b', '2');
  await runMap(page);
  const bTax = await leverOf(page, 1, 'state.corporate_tax');

  const target = page.locator('#map-cells [data-i="3"][data-j="0"]');
  await target.click();
  const x = Number(await target.getAttribute('data-x'));
  const y = Number(await target.getAttribute('data-y'));
  for (const index of [0, 2]) {
    expect(await leverOf(page, index, 'state.corporate_tax')).toBe(x);
    expect(await leverOf(page, index, 'cooperation.initial_belief')).toBe(y);
  }
  expect(await leverOf(page, 1, 'state.corporate_tax')).toBe(bTax);
  await expect(page.locator('#status')).toContainText('into A and C; they run again');
  // The comparison runs again from month 0 with the new levers.
  await expect(page.locator('#month')).toHaveText('0');

  // Keyboard: the grid is one tab stop; arrows move, the values are read out.
  await expect(target).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  const left = page.locator('#map-cells [data-i="2"][data-j="0"]');
  await expect(left).toBeFocused();
  await expect(page.locator('#map-focus')).toHaveText(await left.getAttribute('aria-label'));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Home');
  const moved = page.locator('#map-cells [data-i="0"][data-j="2"]');
  await expect(moved).toBeFocused();
  await expect(page.locator('#map-cells [tabindex="0"]')).toHaveCount(1);
  await expect(page.locator('#map-focus')).toContainText(`Corporate tax 0,`);
  // The arrow keys moved the focus, not the simulation.
  await expect(page.locator('#month')).toHaveText('0');
  await page.keyboard.press('Enter');
  const y2 = Number(await moved.getAttribute('data-y'));
  for (const index of [0, 2]) {
    expect(await leverOf(page, index, 'state.corporate_tax')).toBe(0);
    expect(await leverOf(page, index, 'cooperation.initial_belief')).toBe(y2);
  }
  watch.check();
});

test('a map can be cancelled, and a bad range is refused in plain words', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, SCENARIOS);
  await page.locator('#map').scrollIntoViewIfNeeded();
  await page.fill('#map-x-min', '0.5');
  await page.fill('#map-x-max', '0.2');
  await page.click('#map-run');
  await expect(page.locator('#error')).toBeVisible();
  await expect(page.locator('#error .error-text')).toHaveText('The map cannot run: Corporate tax: “from” must be less than “to”');
  await page.fill('#map-x-min', '0');
  await page.fill('#map-x-max', '5');
  await page.click('#map-run');
  await expect(page.locator('#error .error-text')).toHaveText('The map cannot run: Corporate tax: the map\'s range must lie within 0–0.9');
  await page.fill('#map-x-max', '0.9');

  // A big map (16 × 16 × 4 seeds at 1,000 citizens), cancelled early.
  await page.selectOption('#map-grid', '16');
  await page.click('#map-run');
  await expect(page.locator('#error')).toBeHidden();
  await expect(page.locator('#map-cancel')).toBeVisible();
  await expect(page.locator('#map-progress')).toBeVisible();
  await expect(page.locator('#map-run')).toBeDisabled();
  await page.click('#map-cancel');
  await expect(page.locator('#map-status')).toHaveText('Map cancelled.');
  await expect(page.locator('#map-cancel')).toBeHidden();
  await expect(page.locator('#map-progress')).toBeHidden();
  await expect(page.locator('#map-run')).toBeEnabled();
  await expect(page.locator('#map-view')).toBeHidden();
  // The pool works again after the cancel; a map started during an
  // ensemble takes the workers over, and the ensemble says it stopped.
  await smallMap(page);
  await page.fill('#runs', '20');
  await page.locator('#runs').dispatchEvent('change');
  await page.click('#run-ensemble');
  await expect(page.locator('#cancel-ensemble')).toBeVisible();
  await runMap(page);
  await expect(page.locator('#map-cells [role="gridcell"]')).toHaveCount(16);
  await expect(page.locator('#run-ensemble')).toBeEnabled();
  await expect(page.locator('#cancel-ensemble')).toBeHidden();
  await expect(page.locator('#show-bands')).not.toBeChecked();
  watch.check();
});

test('the text alternative lists the rows where the sign reverses', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, SCENARIOS);
  await page.locator('#map').scrollIntoViewIfNeeded();
  await smallMap(page);
  // Median income, partner state against Big Society: on this small grid
  // some rows have clear wins for both.
  await page.selectOption('#map-outcome', 'median_income');
  await runMap(page);
  const grid = await cells(page);
  const reversing = [0, 1, 2, 3].filter((j) => {
    const row = grid.filter((c) => c.j === j && !c.crosses);
    return row.some((c) => c.mean > 0) && row.some((c) => c.mean < 0);
  });
  expect(reversing.length).toBeGreaterThan(0);
  await expect(page.locator('#map-summary')).toContainText(`The sign reverses along Corporate tax in ${reversing.length} of 4 rows`);
  const lines = page.locator('#map-summary .map-reversal');
  await expect(lines).toHaveCount(reversing.length);
  for (const text of await lines.allTextContents()) {
    expect(text).toMatch(/^Initial belief [0-9.]+: /);
    expect(text).toContain('A better at');
    expect(text).toContain('B better at');
  }
  // The canvas has both ends of the scale: purple where A, orange where B does better.
  const hues = await page.$eval('#map-canvas', (canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let purple = 0;
    let orange = 0;
    for (let k = 0; k < data.length; k += 4) {
      if (data[k + 2] > data[k] + 20 && data[k + 2] > data[k + 1] + 20) purple += 1;
      if (data[k] > data[k + 2] + 40 && data[k + 1] > data[k + 2]) orange += 1;
    }
    return { purple, orange };
  });
  expect(hues.purple).toBeGreaterThan(100);
  expect(hues.orange).toBeGreaterThan(100);
  await page.click('#map-text summary');
  await page.locator('#map-canvas').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/map-reversal.png', fullPage: false });
  watch.check();
});

test('the map can compare an earlier month than the last', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, SCENARIOS);
  await page.locator('#map').scrollIntoViewIfNeeded();
  await smallMap(page);
  await page.fill('#map-at', '30');
  await page.click('#map-run');
  await expect(page.locator('#error .error-text')).toHaveText('The map cannot run: At month must be a whole number from 0 to 24');
  await page.fill('#map-at', '12');
  await runMap(page);
  await expect(page.locator('#map-caption')).toContainText('at month 12 of 24');
  const cell = (await cells(page)).find((c) => c.i === 1 && c.j === 3);
  const d = await page.evaluate(async ({ x, y }) => {
    const { model } = await import('./js/wasm.js');
    const { state } = await import('./js/state.js');
    const { atPopulation } = await import('./js/map.js');
    const { withParameter } = await import('./js/scenarios.js');
    const { seed, scenarios } = state();
    const at = (index, k) => {
      let s = atPopulation(scenarios[index].scenario, 200, 24);
      s = withParameter(withParameter(s, 'state.corporate_tax', x), 'cooperation.initial_belief', y);
      return model.outcomeAt(JSON.stringify({ ...s, seed: seed + k }), 'commons_knowledge', 12);
    };
    return [at(0, 0) - at(1, 0), at(0, 1) - at(1, 1)];
  }, cell);
  expect(cell.mean).toBeCloseTo((d[0] + d[1]) / 2, 9);
  watch.check();
});

test('index.html#map reaches the map', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page, 'map');
  await expect(page.locator('#map-title')).toBeInViewport();
  watch.check();
});

/** The map's form as a reader sees it: each control's value. */
async function formValues(page) {
  const ids = ['x', 'x-min', 'x-max', 'y', 'y-min', 'y-max', 'a', 'b', 'outcome', 'grid', 'seeds', 'citizens', 'months', 'at'];
  const values = {};
  for (const id of ids) values[id] = await page.inputValue(`#map-${id}`);
  return values;
}

/** The link's `map.…` parameters. */
const mapParams = (page) => page.evaluate(() => Object.fromEntries(
  [...new URLSearchParams(location.hash.slice(1))].filter(([name]) => name.startsWith('map.'))));

test('the map\'s settings travel in the link; an untouched map adds nothing to it', async ({ page, browser }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, SCENARIOS);
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('&s=');
  expect(await mapParams(page)).toEqual({});
  const untouched = await formValues(page);

  await page.locator('#map').scrollIntoViewIfNeeded();
  await page.selectOption('#map-x', 'state.income_tax');
  await page.fill('#map-x-min', '0.1');
  await page.fill('#map-x-max', '0.5');
  await page.fill('#map-y-max', '0.8');
  await page.selectOption('#map-b', '2');
  await page.selectOption('#map-outcome', 'median_income');
  await smallMap(page);
  await page.fill('#map-at', '12');
  await page.press('#map-at', 'Tab');
  // Only what differs from the map's defaults, in the address bar at once.
  await expect.poll(() => mapParams(page)).toEqual({
    'map.x': 'state.income_tax', 'map.xmin': '0.1', 'map.xmax': '0.5', 'map.ymax': '0.8', 'map.b': 'C',
    'map.outcome': 'median_income', 'map.grid': '4', 'map.seeds': '2', 'map.citizens': '200', 'map.months': '24', 'map.at': '12',
  });
  const settings = await formValues(page);

  // Another browser (no storage of this one's) shows the same form; the map
  // is not run until asked, and then runs as its author set it.
  const { other, watch: otherWatch, close } = await openLinkAfresh(page, browser);
  expect(await formValues(other)).toEqual(settings);
  await expect(other.locator('#map-view')).toBeHidden();
  await expect(other.locator('#error')).toBeHidden();
  await runMap(other);
  await expect(other.locator('#map-status')).toHaveText(/^64 runs/);
  await expect(other.locator('#map-caption')).toContainText('A partner-state against C welfare-state: Median income');
  await expect(other.locator('#map-caption')).toContainText('at month 12 of 24, 200 citizens');
  otherWatch.check();
  await close();

  // index.html#map lands on the map, over the session saved with them.
  await openPage(page, 'map');
  await expect(page.locator('#map-title')).toBeInViewport();
  expect(await formValues(page)).toEqual(settings);
  // Removing scenario C takes the map back to A against B, in the link too.
  await page.click('#scenario-chip-2');
  await page.click('#remove-scenario');
  await expect(page.locator('#map-b')).toHaveValue('1');
  await expect.poll(async () => (await mapParams(page))['map.b']).toBeUndefined();
  // A link without map settings opens the map as it first was.
  await openScenarios(page, SCENARIOS);
  expect(await formValues(page)).toEqual(untouched);
  // Removing a scenario before the map's two moves the choice with them:
  // B against C becomes A against B, the same two scenarios.
  await page.selectOption('#map-a', '1');
  await page.selectOption('#map-b', '2');
  const names = async () => page.evaluate(() => ['#map-a', '#map-b']
    .map((id) => document.querySelector(id).selectedOptions[0].textContent.replace(/^[A-Z] /, '')));
  const before = await names();
  await page.click('#scenario-chip-0');
  await page.click('#remove-scenario');
  await expect(page.locator('#map-a')).toHaveValue('0');
  await expect(page.locator('#map-b')).toHaveValue('1');
  expect(await names()).toEqual(before);
  await expect.poll(async () => (await mapParams(page))['map.a']).toBeUndefined();
  await expect.poll(async () => (await mapParams(page))['map.b']).toBeUndefined();
  await openScenarios(page, SCENARIOS);
  expect(await formValues(page)).toEqual(untouched);
  watch.check();
});

test('a link with a map setting out of range opens without it, said in plain words; the rest of the link holds and the page works', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page);
  const base = await linkFor(page, SCENARIOS);
  const cases = [
    ['map.grid=99', 'map.grid (the map\'s grid) must be one of 4, 6, 8, 10, 12 and 16 (cells a side), not “99”'],
    ['map.xmin=5', 'map.xmin (the map\'s start of the range across) must be a number from 0 to 0.9 (the range of Corporate tax), not “5”'],
    ['map.b=D', 'map.b (the map\'s second scenario) must be the letter of a scenario of the link (A to C), not “D”'],
    ['map.x=months', 'map.x (the map\'s lever across) must be a parameter of the model other than the seed'],
  ];
  for (const [extra, message] of cases) {
    // With a good setting beside the bad one: it is kept.
    await openPage(page, `${extra}&map.seeds=3&${base}`);
    await expect(page.locator('#error .error-text')).toContainText(
      `This link opened without one of its settings, which could not be read: ${message}`);
    await expect(page.locator('#scenario-list button')).toHaveCount(SCENARIOS.length);
    await expect(page.locator('#map-seeds')).toHaveValue('3');
    await expect(page.locator('#map-grid')).toHaveValue('8');
    await expect(page.locator('#map-x')).toHaveValue('state.corporate_tax');
    await expect(page.locator('#map-x-min')).toHaveValue('0');
  }
  // A range given for a lever left out goes with it: it was not meant for
  // the default lever standing in.
  await openPage(page, `map.x=state.no_such&map.xmin=0.2&map.xmax=0.3&map.ymin=0.1&${base}`);
  await expect(page.locator('#error .error-text')).toContainText('This link opened without 3 of its settings');
  await expect(page.locator('#error .error-text')).toContainText('map.xmin (the map\'s start of the range across) was for the lever in map.x, which was left out');
  expect(await formValues(page)).toMatchObject({ x: 'state.corporate_tax', 'x-min': '0', 'x-max': '0.9', 'y-min': '0.1' });
  // The page still works: it steps, and its map runs.
  await page.click('#error-close');
  await page.click('#step');
  await expect(page.locator('#month')).toHaveText('1');
  await page.locator('#map').scrollIntoViewIfNeeded();
  await smallMap(page);
  await runMap(page);
  await expect(page.locator('#map-cells [role="gridcell"]')).toHaveCount(16);
  watch.check();
});

for (const [width, height] of [[375, 740], [1024, 768], [1920, 1080]]) {
  test(`the map fits a ${width} × ${height} screen`, async ({ page }) => {
    const watch = watchForErrors(page);
    await page.setViewportSize({ width, height });
    await openScenarios(page, SCENARIOS);
    await page.locator('#map').scrollIntoViewIfNeeded();
    await smallMap(page, { grid: '8' });
    await runMap(page);
    await page.locator('#map-view').scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await page.locator('#map-canvas').boundingBox();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    const cellBox = await page.locator('#map-cells [data-i="0"][data-j="0"]').boundingBox();
    expect(cellBox.width).toBeGreaterThan(20);
    await page.screenshot({ path: `/tmp/map-${width}.png` });
    await page.locator('#map-text summary').click();
    await page.locator('#map-summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/map-${width}-text.png` });
    watch.check();
  });
}

test.describe('on a touch phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

  test('the map\'s cells are at least 44 px, the plot scrolls sideways and the page does not', async ({ page }) => {
    const watch = watchForErrors(page);
    await openScenarios(page, SCENARIOS);
    await page.locator('#map').scrollIntoViewIfNeeded();
    await smallMap(page, { grid: '8' });
    await runMap(page);
    await page.locator('#map-view').scrollIntoViewIfNeeded();
    const cell = await page.locator('#map-cells [data-i="0"][data-j="0"]').boundingBox();
    expect(cell.width).toBeGreaterThanOrEqual(44);
    expect(cell.height).toBeGreaterThanOrEqual(44);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const plot = await page.locator('.map-plot').evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(plot.scroll).toBeGreaterThan(plot.client);
    watch.check();
  });
});

// Projector mode a teacher can stand behind: charts and run controls on the
// first screen at 1024×768 and 1920×1080, the tour beside the charts (never
// over one) opening the panel and outlining the chart it speaks of and
// waiting for "Play this step", a regime's colour fixed by its letter across
// the tour's steps, monitors, and levers pinned beside the charts (which
// travel in the link).
const { test, expect } = require('@playwright/test');
const {
  watchForErrors, openPage, openScenarios, openLinkAfresh, tableValues, SMALL, box, intersects, within, throughTour,
} = require('./helpers');

/** The part of `a` inside the viewport. */
const clip = (a, width, height) => ({
  left: Math.max(0, a.left), top: Math.max(0, a.top), right: Math.min(width, a.right), bottom: Math.min(height, a.bottom),
});

/** How many whole charts of the panel lie on the screen as it is scrolled. */
async function chartsOnScreen(page) {
  return page.evaluate(() => {
    const canvas = document.getElementById('chart');
    const r = canvas.getBoundingClientRect();
    const columns = Number(canvas.dataset.columns);
    const cell = Number(canvas.dataset.cellHeight);
    const charts = [...document.querySelectorAll('#panel-tabs [role="tab"]')].length && columns
      ? Math.round(r.height / cell) * columns : 0;
    let whole = 0;
    for (let i = 0; i < charts; i += 1) {
      const top = r.top + Math.floor(i / columns) * cell;
      const left = r.left + (i % columns) * (r.width / columns);
      if (top >= 0 && top + cell <= innerHeight + 0.5 && left >= 0 && left + r.width / columns <= innerWidth + 0.5) whole += 1;
    }
    return whole;
  });
}

for (const [width, height, charts] of [[1024, 768, 2], [1920, 1080, 4]]) {
  test(`projector mode at ${width}×${height}: ${charts}+ charts and the run controls on the first screen`, async ({ page }) => {
    const watch = watchForErrors(page);
    await page.setViewportSize({ width, height });
    await openPage(page);
    await page.click('#projector');
    await expect(page.locator('html')).toHaveClass(/projector/);
    await expect.poll(() => chartsOnScreen(page)).toBeGreaterThanOrEqual(charts);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    for (const id of ['#play', '#step', '#reset', '#month']) {
      expect(within(await box(page.locator(id)), width, height), `${id} on the first screen`).toBe(true);
    }
    // No wide empty margins: the charts start near the page's left edge.
    expect((await box(page.locator('#chart'))).left).toBeLessThan(80);
    // Large type in the charts too (the canvas is drawn with the projector's font).
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThanOrEqual(20);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    // The monitors sit beside the charts, on the first screen.
    const side = await box(page.locator('#monitors'));
    expect(side.left).toBeGreaterThanOrEqual((await box(page.locator('#chart'))).right - 1);
    expect(side.top).toBeLessThan(height);
    await page.screenshot({ path: `tests/e2e/screenshots/projector-${width}.png` });
    watch.check();
  });
}

for (const [width, height, projector] of [[1024, 768, true], [1920, 1080, true], [1280, 800, false]]) {
  test(`the tour at ${width}×${height}${projector ? ' (projector)' : ''} sits beside the charts, outlines the chart it names and waits to play`, async ({ page }) => {
    const watch = watchForErrors(page);
    await page.setViewportSize({ width, height });
    await openPage(page);
    if (projector) await page.click('#projector');
    const outlined = await throughTour(page, async (step, chart) => {
      const tour = await box(page.locator('#tour'));
      expect(within(tour, width, height), 'the tour box is on screen').toBe(true);
      // Never over a chart on screen.
      const canvas = clip(await box(page.locator('#chart')), width, height);
      if (canvas.bottom > canvas.top) expect(intersects(tour, canvas), `step ${step + 1}: tour over the charts`).toBe(false);
      // Docked in the side column, the tour is named in the column's name.
      const docked = await page.evaluate(() => document.querySelector('#tour').parentElement.id === 'stage-side');
      await expect(page.locator('#stage-side')).toHaveAttribute('aria-label',
        docked ? 'Guided tour, live numbers and pinned levers' : 'Live numbers and pinned levers');
      if (chart) {
        expect(within(chart, width, height), 'the outlined chart is on screen').toBe(true);
        // The panel shown is the one holding the outlined chart.
        const name = await page.locator('#chart-highlight').getAttribute('data-outcome');
        const panel = await page.evaluate(async (n) => {
          const { catalogue } = await import('./js/wasm.js');
          return catalogue.outcomes.find((o) => o.name === n).panel;
        }, name);
        await expect(page.locator(`#panel-tab-${panel}`)).toHaveAttribute('aria-selected', 'true');
      }
    });
    expect(outlined).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: `tests/e2e/screenshots/tour-${width}${projector ? '-projector' : ''}.png` });
    await page.click('#tour-close');
    await expect(page.locator('#stage-side')).toHaveAttribute('aria-label', 'Live numbers and pinned levers');
    watch.check();
  });
}

/** Pins scenario B's corporate tax from the editor, then scrolls back up. */
async function pinALever(page) {
  await page.click('#scenario-chip-1');
  await page.locator('#param-state-corporate_tax').locator('..').locator('.pin-button').click();
  await expect(page.locator('#pins-list .pin')).toHaveCount(1);
  await page.evaluate(() => window.scrollTo(0, 0));
}

for (const [width, height] of [[1024, 768], [1280, 800], [1920, 1080]]) {
  for (const projector of [false, true]) {
    test(`the tour at ${width}×${height}${projector ? ' (projector)' : ''} covers no chart, monitor or pinned lever`, async ({ page }) => {
      const watch = watchForErrors(page);
      await page.setViewportSize({ width, height });
      await openPage(page);
      if (projector) await page.click('#projector');
      await pinALever(page);
      await throughTour(page, async (step) => {
        const tour = await box(page.locator('#tour'));
        expect(within(tour, width, height), 'the tour box is on screen').toBe(true);
        expect(within(await box(page.locator('#tour-next')), width, height), 'its buttons are on screen').toBe(true);
        const covered = {
          charts: clip(await box(page.locator('#chart')), width, height),
          monitors: await box(page.locator('#monitors')),
          pin: await box(page.locator('#pins-list .pin')),
        };
        for (const [what, where] of Object.entries(covered)) {
          expect(intersects(tour, where), `step ${step + 1}: the tour covers the ${what}`).toBe(false);
        }
      });
      watch.check();
    });
  }
}

test('the tour does not play until the teacher asks', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.setViewportSize({ width: 1024, height: 768 });
  await openPage(page);
  await page.click('#tour-start');
  await page.waitForTimeout(800);
  await expect(page.locator('#month')).toHaveText('0');
  await expect(page.locator('#play')).toHaveText('Play');
  await page.click('#tour-next');
  await page.waitForTimeout(800);
  await expect(page.locator('#month')).toHaveText('0');
  await page.click('#tour-play');
  await expect.poll(async () => Number(await page.textContent('#month'))).toBeGreaterThan(0);
  await page.click('#play');
  await expect(page.locator('#status')).toContainText('Paused at month');
  // The next step's runs start at month 0, and the status says so, not
  // where the last step's runs paused.
  await page.click('#tour-next');
  await expect(page.locator('#month')).toHaveText('0');
  await expect(page.locator('#status')).toHaveText('Ready: press Play (or the space bar).');
  watch.check();
});

test('a regime keeps its letter and colour across the tour, in every part of the page', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openPage(page);
  await page.click('#tour-start');
  const colourOf = (needle) => page.evaluate((n) => {
    const item = [...document.querySelectorAll('#chart-legend li')].find((li) => li.textContent.toLowerCase().includes(n));
    return item ? [item.textContent.trim()[0], getComputedStyle(item.querySelector('.swatch')).backgroundColor] : null;
  }, needle);
  const seen = { partner: new Set(), welfare: new Set(), 'big society': new Set() };
  for (let step = 0; step < 4; step += 1) {
    if (step > 0) await page.click('#tour-next');
    await expect(page.locator('#tour-count')).toHaveText(new RegExp(`Step ${step + 1} `));
    for (const regime of Object.keys(seen)) {
      const found = await colourOf(regime.replace(' ', '-')) ?? await colourOf(regime);
      expect(found, `step ${step + 1} shows ${regime}`).not.toBeNull();
      seen[regime].add(found.join(' '));
    }
    // Legend, editor chips, society, table and monitors give a letter one colour.
    const colours = await page.evaluate(() => {
      const bg = (node) => (node ? getComputedStyle(node).backgroundColor : null);
      const bar = (node) => (node ? getComputedStyle(node).borderLeftColor : null);
      const count = document.querySelectorAll('#chart-legend li').length;
      return Array.from({ length: count }, (_, i) => new Set([
        bg(document.querySelectorAll('#chart-legend .swatch')[i]),
        bg(document.querySelector(`#scenario-chip-${i} .swatch`)),
        bg(document.querySelectorAll('#society figcaption .swatch')[i]),
        bg(document.querySelectorAll('#values thead .swatch')[i]),
        bar(document.querySelector(`.monitor[data-scenario="${i}"]`)),
      ]).size);
    });
    expect(colours.every((n) => n === 1), `step ${step + 1}: ${colours}`).toBe(true);
  }
  for (const [regime, values] of Object.entries(seen)) {
    expect([...values], `${regime} keeps one letter and colour`).toHaveLength(1);
  }
  watch.check();
});

test('monitors show the headline outcomes per scenario and follow the run', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [
    { preset: 'welfare-state', set: SMALL }, { preset: 'partner-state', set: SMALL },
  ]);
  const monitors = page.locator('#monitors');
  await expect(monitors.locator('.monitor-block')).toHaveCount(4);
  await expect(monitors.locator('.monitor-block').first().locator('.monitor')).toHaveCount(2);
  // Accessible text: each number is preceded by its scenario's name.
  await expect(monitors.locator('.monitor').nth(1)).toContainText('B partner-state');
  const read = () => page.$$eval('#monitors .monitor-block', (blocks) => Object.fromEntries(blocks.map((b) =>
    [b.dataset.outcome, [...b.querySelectorAll('.monitor-value')].map((v) => Number(v.dataset.value))])));
  const start = await read();
  await page.click('#play');
  await expect.poll(async () => Number(await page.textContent('#month'))).toBeGreaterThan(12);
  await expect.poll(async () => JSON.stringify(await read())).not.toBe(JSON.stringify(start));
  await page.click('#play');
  await expect(page.locator('#play')).toHaveText('Play');
  // Once paused, they show the values of the month on screen (as the table does).
  const month = await page.textContent('#month');
  await expect(page.locator('#monitors-when')).toHaveText(`month ${month}`);
  const table = await tableValues(page);
  const now = await read();
  for (const [outcome, values] of Object.entries(now)) expect(values).toEqual(table[outcome]);
  watch.check();
});

test('a lever pinned beside the charts edits the scenario and changes its run', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.setViewportSize({ width: 1024, height: 768 });
  await openScenarios(page, [
    { preset: 'welfare-state', set: SMALL }, { preset: 'partner-state', set: SMALL },
  ]);
  await page.click('#projector');
  await page.click('#scenario-chip-1');
  const pin = page.locator('#param-state-corporate_tax').locator('..').locator('.pin-button');
  await pin.click();
  await expect(pin).toHaveAttribute('aria-pressed', 'true');
  await page.evaluate(() => window.scrollTo(0, 0));
  const pinned = page.locator('#pins-list .pin');
  await expect(pinned).toHaveCount(1);
  await expect(pinned).toContainText('B · Corporate tax');
  // Beside the charts, on the first screen with them.
  const where = await box(pinned);
  expect(where.left).toBeGreaterThanOrEqual((await box(page.locator('#chart'))).right - 1);
  expect(within(where, 1024, 768)).toBe(true);

  await page.selectOption('#speed', '100000');
  await page.click('#play');
  await expect(page.locator('#play')).toBeDisabled({ timeout: 30_000 });
  const before = await tableValues(page);
  const value = Number(await pinned.locator('input[type="number"]').inputValue());
  await pinned.locator('.pin-nudge').last().click();
  // The editor shows the same state; B's run changes, A's does not.
  await expect.poll(async () => Number(await page.inputValue('#param-state-corporate_tax'))).toBeGreaterThan(value);
  await expect(pinned.locator('input[type="number"]')).toHaveValue(await page.inputValue('#param-state-corporate_tax'));
  await expect.poll(async () => Number(await page.textContent('#month'))).toBe(36);
  const after = await tableValues(page);
  expect(Object.keys(after).some((o) => after[o][1] !== before[o][1])).toBe(true);
  for (const o of Object.keys(after)) expect(after[o][0]).toBe(before[o][0]);
  // Five values are five clicks, with no scrolling.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  // The link carries the change, like any edit.
  const link = await page.evaluate(() => atob(new URLSearchParams(location.hash.slice(1)).get('s').replace(/-/g, '+').replace(/_/g, '/')));
  expect(JSON.parse(link)[1].set['state.corporate_tax']).toBeGreaterThan(value);
  watch.check();
});

test('pinned levers travel in the link: a fresh browser shows the same pins, a link without pins none', async ({ page, browser }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [
    { preset: 'welfare-state', set: SMALL }, { preset: 'partner-state', set: SMALL },
  ]);
  const pinOf = (path) => page.locator(`#param-${path.replaceAll('.', '-')}`).locator('..').locator('.pin-button');
  await page.click('#scenario-chip-1');
  await pinOf('state.corporate_tax').click();
  await page.click('#scenario-chip-0');
  await pinOf('state.basic_security').click();
  await expect(page.locator('#pins-list .pin')).toHaveCount(2);
  // Pinning changes the address bar, as any change of the state does.
  await expect.poll(() => page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('pins')))
    .toBe('B.state.corporate_tax,A.state.basic_security');

  // Another browser (no storage of this one's) shows the same pins, in order.
  const { link, other, watch: otherWatch, close } = await openLinkAfresh(page, browser);
  await expect(other.locator('#pins-list .pin')).toHaveText([/^B · Corporate tax/, /^A · Basic security/]);
  await expect(other.locator('#pins-list .pin').first()).toHaveAttribute('data-scenario', '1');
  await expect(other.locator('#error')).toBeHidden();
  otherWatch.check();
  await close();

  // The link wins over what this browser had pinned: without `pins`, none.
  const params = new URLSearchParams(new URL(link).hash.slice(1));
  params.delete('pins');
  await openPage(page, params.toString());
  await expect(page.locator('#pins-list .pin')).toHaveCount(0);
  await expect(page.locator('#pins-empty')).toBeVisible();
  await page.click('#scenario-chip-1');
  await expect(pinOf('state.corporate_tax')).toHaveAttribute('aria-pressed', 'false');
  // Pinning puts `pins` back in the link; unpinning the last lever takes it out.
  await pinOf('state.corporate_tax').click();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('pins=B.state.corporate_tax&');
  await page.locator('#pins-list .pin-remove').click();
  await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('pins=');
  watch.check();
});

test('removing a scenario takes its pins away and moves the later scenarios\' pins up a letter with them', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [
    { preset: 'welfare-state', set: SMALL }, { preset: 'big-society', set: SMALL }, { preset: 'partner-state', set: SMALL },
  ]);
  const pinOf = (path) => page.locator(`#param-${path.replaceAll('.', '-')}`).locator('..').locator('.pin-button');
  await page.click('#scenario-chip-1');
  await pinOf('state.civic_appeal').click();
  await page.click('#scenario-chip-2');
  await pinOf('state.infrastructure_grants').click();
  await expect(page.locator('#pins-list .pin')).toHaveText([/^B · /, /^C · /]);
  // Remove B (Big Society): its pin goes; the partner state becomes B and keeps its pin.
  await page.click('#scenario-chip-1');
  await page.click('#remove-scenario');
  await expect(page.locator('#pins-list .pin')).toHaveCount(1);
  await expect(page.locator('#pins-list .pin')).toHaveText(/^B · Infrastructure grants/);
  await expect(page.locator('#pins-list .pin')).toHaveAttribute('data-scenario', '1');
  await expect.poll(() => page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('pins')))
    .toBe('B.state.infrastructure_grants');
  // The pin edits the partner state, now B.
  await page.click('#scenario-chip-1');
  await expect(page.locator('#scenario-name')).toHaveValue(/partner/i);
  watch.check();
});

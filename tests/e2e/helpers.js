// Shared by the browser tests: fail on any console error, uncaught exception
// or request to another origin; open the page on given scenarios; read the
// page's numbers.
const { expect } = require('@playwright/test');

/** Collects console errors, page errors and requests leaving the page's
 * origin; call `check()` at the end. */
function watchForErrors(page, { allow = [] } = {}) {
  const errors = [];
  const allowed = (text) => allow.some((pattern) => pattern.test(text));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !allowed(msg.text())) errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    const base = new URL(process.env.E2E_BASE_URL);
    if (!['blob:', 'data:'].includes(url.protocol) && url.origin !== base.origin) {
      errors.push(`request to another origin: ${request.url()}`);
    }
  });
  return { errors, check: () => expect(errors, errors.join('\n')).toEqual([]) };
}

/** Number of canvas pixels that are not (near) white. */
async function inkedPixels(page, selector) {
  return page.$eval(selector, (canvas) => {
    // Copied first: a canvas a worker paints (the pictures of society) has
    // no context here, but can be drawn like an image.
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    copy.getContext('2d').drawImage(canvas, 0, 0);
    const { data } = copy.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) inked += 1;
    }
    return inked;
  });
}

/** Where each drawn picture of society matching `selector` is painted:
 * 'worker' if its canvas was handed to the painting worker (asking it for a
 * context then fails), else 'here'. Only for canvases already drawn: asking
 * an undrawn one for a context would keep it on the page's thread. */
async function paintedWhere(page, selector) {
  return page.$$eval(selector, (canvases) => canvases.map((canvas) => {
    try {
      return canvas.getContext('2d') ? 'here' : 'none';
    } catch {
      return 'worker';
    }
  }));
}

/** Opens the page and waits until the model is loaded. */
async function openPage(page, fragment = '') {
  // From a blank page, so that a new fragment loads a new document.
  if (fragment) await page.goto('about:blank');
  await page.goto(fragment ? `/#${fragment}` : '/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
}

/** A small, short scenario (a preset with fewer agents and months), for
 * tests whose behaviour does not depend on size. */
const SMALL = { 'population.citizens': 300, 'population.projects': 15, 'population.firms': 12, months: 36 };

/**
 * The permalink fragment for `scenarios` (each `{ preset, set, name, schedule }`),
 * built by the page's own encoder.
 */
async function linkFor(page, scenarios, options = {}) {
  return page.evaluate(async ({ scenarios, options }) => {
    const { encode } = await import('./js/permalink.js');
    const { fromDiff } = await import('./js/scenarios.js');
    const entries = scenarios.map((d, i) => fromDiff(d, i));
    return encode({ seed: 1, month: 0, runs: 20, bands: false, panel: 0, projector: false, ...options, scenarios: entries });
  }, { scenarios, options });
}

/** Opens the page on `scenarios` (see `linkFor`). */
async function openScenarios(page, scenarios, options = {}) {
  await openPage(page);
  const fragment = await linkFor(page, scenarios, options);
  await openPage(page, fragment);
}

/** Copies the page's link (“Copy link”) and opens it in a new browser
 * context, with none of this one's storage: `{ link, other, watch, close }`
 * (`watch` watches `other` for errors; `close()` ends the context). */
async function openLinkAfresh(page, browser) {
  await page.click('#copy-link');
  const link = await page.inputValue('#link-text');
  const context = await browser.newContext();
  const other = await context.newPage();
  const watch = watchForErrors(other);
  await other.goto(link);
  await expect(other.locator('body')).toHaveAttribute('data-ready', 'true');
  return { link, other, watch, close: () => context.close() };
}

/** Plays at full speed until the run ends. */
async function runToEnd(page) {
  await page.selectOption('#speed', '100000');
  await page.click('#play');
  await expect(page.locator('#play')).toBeDisabled({ timeout: 30_000 });
  return Number(await page.textContent('#month'));
}

/** The values table as { outcome: [value per scenario] } (full precision). */
async function tableValues(page) {
  return page.$$eval('#values td[data-outcome]', (cells) => {
    const values = {};
    for (const cell of cells) {
      (values[cell.dataset.outcome] ??= [])[Number(cell.dataset.scenario)] = Number(cell.dataset.value);
    }
    return values;
  });
}

/** Clicks “Export CSV” and parses the download: `{ header, rows: [{ scenario, seed, month, values }] }`
 * (returned as the rows array, with `header` as a property). */
async function downloadCsv(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const text = require('fs').readFileSync(await download.path(), 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  const rows = lines.map((line) => {
    const cells = line.split(',');
    return { scenario: cells[0], seed: Number(cells[1]), month: Number(cells[2]), values: cells.slice(3).map(Number) };
  });
  rows.header = header.split(',');
  return rows;
}

/** A bounding box (viewport coordinates) as { left, top, right, bottom, width, height }. */
function box(locator) {
  return locator.evaluate((node) => {
    const r = node.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  });
}

/** Whether two boxes overlap. */
const intersects = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Whether a box lies wholly inside a `width` × `height` viewport. */
const within = (a, width, height) => a.left >= 0 && a.top >= 0 && a.right <= width + 0.5 && a.bottom <= height + 0.5;

/** Starts the guided tour and calls `visit(step, chart)` at each of its
 * steps (from 0) once it has settled, `chart` the box of the chart it
 * outlines (null if none), going on with “Next”; with `tap`, by touch.
 * Returns how many steps outlined a chart. */
async function throughTour(page, visit, { tap = false } = {}) {
  const press = (selector) => (tap ? page.locator(selector).tap() : page.click(selector));
  await press('#tour-start');
  const steps = Number((await page.textContent('#tour-count')).match(/of (\d+)/)[1]);
  let outlined = 0;
  for (let step = 0; step < steps; step += 1) {
    await expect(page.locator('#tour-count')).toHaveText(`Step ${step + 1} of ${steps}`);
    await page.waitForTimeout(150);
    const highlight = page.locator('#chart-highlight');
    const chart = await highlight.isVisible() ? await box(highlight) : null;
    if (chart) outlined += 1;
    await visit(step, chart);
    if (step < steps - 1) await press('#tour-next');
  }
  return outlined;
}

/** Starts recording, in the page, its long tasks (`window.longTasks`, ms)
 * and the input-to-paint time of clicks taking 16 ms or more
 * (`window.clicks`, ms; a click's pointerup and click events both count). */
async function watchResponsiveness(page) {
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
}

module.exports = {
  watchForErrors, watchResponsiveness, inkedPixels, paintedWhere, openPage, openScenarios, openLinkAfresh, linkFor, runToEnd, tableValues,
  downloadCsv, SMALL,
  box, intersects, within, throughTour,
};

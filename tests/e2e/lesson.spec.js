// The lesson (lesson.html): every step's simulation runs and reports its
// numbers; a prediction comes before the run and is judged by the run's own
// numbers; the challenge's hints are reversals that really hold; its link
// opens the full page on the reader's world; it works by keyboard, on a
// phone, in projector mode, offline and without console errors.
const { test, expect } = require('@playwright/test');
const { watchForErrors } = require('./helpers');

const STEPS = ['infrastructure', 'free-time', 'forks', 'firms', 'four-states', 'big-society', 'challenge'];

async function openLesson(page, fragment = '') {
  await page.goto(`/lesson.html${fragment}`);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
}

/** Chooses prediction `n` of a step, runs it and waits for the result. */
async function predictAndRun(page, step, n = 0) {
  const lab = page.locator(`[data-section="${step}"]`);
  await lab.locator('.choice').nth(n).click();
  await lab.locator('button.run').click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  return lab;
}

/** What the step's own config gives for its levers as they are now, run
 * independently of the page's section code: the final values of every
 * scenario and the verdict. */
async function independentRun(page, step, levers) {
  return page.evaluate(async ({ step, levers }) => {
    const { SECTIONS, CHALLENGE } = await import('./js/lesson/sections.js');
    const { buildEntries, LocalRuns, SEED } = await import('./js/lesson/sim.js');
    const { runnable } = await import('./js/scenarios.js');
    const { catalogue } = await import('./js/wasm.js');
    const config = [...SECTIONS, CHALLENGE].find((c) => c.id === step);
    const entries = buildEntries(config.scenarios(levers));
    const seed = config.seed ? config.seed(levers) : SEED;
    const runs = new LocalRuns(entries.map((e) => runnable(e, seed)));
    runs.step(runs.comparison.length());
    const flat = runs.comparison.values(runs.comparison.length(), false);
    runs.free();
    const n = catalogue.outcomes.length;
    const values = entries.map((_, i) => Object.fromEntries(catalogue.outcomes.map((o, j) => [o.name, flat[i * n + j]])));
    return { values, verdict: config.judge(values, levers) };
  }, { step, levers });
}

test('the main page links to the lesson from its first screen', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/');
  const link = page.locator('header a[href="lesson.html"]');
  await expect(link).toBeVisible();
  const box = await link.boundingBox();
  expect(box.y + box.height).toBeLessThan(768);
  await link.click();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await expect(page.locator('h1')).toHaveText(/Why the state matters/);
});

test('every step runs its own simulation and shows its numbers, with no error and nothing from another origin', async ({ page }) => {
  const watch = watchForErrors(page);
  await openLesson(page);
  await expect(page.locator('.lab')).toHaveCount(STEPS.length);
  for (const step of STEPS) {
    const lab = await predictAndRun(page, step);
    const text = await lab.locator('.numbers').innerText();
    expect(text, step).toMatch(/month 240/);
    // At least two scenarios' values, each a number.
    expect((text.match(/\b[A-D] [−-]?\d[\d,.]*%?/g) ?? []).length, `${step}: ${text}`).toBeGreaterThanOrEqual(2);
    await expect(lab.locator('.verdict')).toHaveText(/You predicted “.+”: (right|not this time)\./);
    // The chart was drawn (plotters on the canvas).
    const inked = await lab.locator('canvas').evaluate((c) => {
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) n += 1;
      return n;
    });
    expect(inked, step).toBeGreaterThan(1000);
  }
  watch.check();
});

test('a prediction comes first, and the reveal reports the run’s real outcome', async ({ page }) => {
  const watch = watchForErrors(page);
  await openLesson(page);
  const lab = page.locator('[data-section="free-time"]');
  const run = lab.locator('button.run');
  await expect(run).toBeDisabled();
  await expect(lab.locator('.result')).toBeEmpty();
  // Move the lever (200 hours a month), then predict "higher".
  await lab.locator('input[type="range"]').fill('200');
  await lab.locator('input[type="range"]').dispatchEvent('change');
  await expect(lab.locator('legend')).toContainText('In B they have 200');
  await lab.locator('.choice', { hasText: 'Higher' }).click();
  await expect(run).toBeEnabled();
  await run.click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 30_000 });

  const truth = await independentRun(page, 'free-time', { hours: 200 });
  const [a, b] = truth.values.map((v) => `${(v.contributors_share * 100).toFixed(1)}%`);
  const numbers = await lab.locator('.numbers').innerText();
  expect(numbers).toContain(`A ${a}, B ${b}`);
  expect(numbers).toBe(truth.verdict.text);
  // Judged against the run: "higher" is right exactly when the run says so.
  await expect(lab).toHaveAttribute('data-answer', truth.verdict.answer);
  const right = truth.verdict.answer === 'higher';
  await expect(lab.locator('.verdict')).toHaveText(right ? /right\./ : /not this time\./);
  // Changing a lever withdraws the result until the reader runs again.
  await lab.locator('input[type="range"]').fill('300');
  await lab.locator('input[type="range"]').dispatchEvent('change');
  await expect(lab.locator('.result')).toBeEmpty();
  watch.check();
});

test('every hint of the challenge is a world where the partner state does not win', async ({ page }) => {
  const watch = watchForErrors(page);
  await openLesson(page);
  const lab = page.locator('[data-section="challenge"]');
  const hints = lab.locator('button.hint-try');
  const count = await hints.count();
  expect(count).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < count; i += 1) {
    await hints.nth(i).click();
    await expect(lab.locator('.result')).toBeEmpty();
    await lab.locator('.choice', { hasText: 'Yes, the partner state wins' }).click();
    await lab.locator('button.run').click();
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(lab, `hint ${i}`).toHaveAttribute('data-answer', 'other');
    await expect(lab.locator('.verdict')).toHaveText(/not this time/);
    await expect(lab.locator('.numbers')).toContainText('You found a world where the partner state does not win');
  }
  // And the default world is not one of them: there the partner state has the largest commons.
  await lab.locator('button.hint-try').first().click();
  await lab.locator('input[data-path="associations.crowding_out"]').fill('0.5');
  await lab.locator('input[data-path="associations.crowding_out"]').dispatchEvent('change');
  await predictAndRun(page, 'challenge', 0);
  await expect(lab).toHaveAttribute('data-answer', 'partner');
  watch.check();
});

test('the challenge’s link opens the full page with the reader’s world loaded', async ({ page }) => {
  const watch = watchForErrors(page);
  await openLesson(page);
  const lab = page.locator('[data-section="challenge"]');
  await lab.locator('button.hint-try').first().click(); // crowding-out 0.9
  await expect(lab.locator('input[data-path="associations.crowding_out"]')).toHaveValue('0.9');
  // Another history: seed 3, which the link carries.
  const seed = lab.locator('.lever', { hasText: 'Seed' }).locator('input');
  await seed.fill('3');
  await seed.dispatchEvent('change');
  await predictAndRun(page, 'challenge', 1);
  await expect(lab.locator('.numbers')).toContainText('seed 3');
  const truth = await independentRun(page, 'challenge', { crowding: 0.9, knowledge: 0.3, labour: 0.25, seed: 3, outcome: 'commons_knowledge' });
  await expect(lab.locator('.numbers')).toHaveText(truth.verdict.text);
  await expect(page.locator('[data-section="challenge"] a[href="index.html#map"]')).toBeVisible();
  const href = await page.locator('#challenge-link').getAttribute('href');
  expect(href).toMatch(/^index\.html#v=1&/);
  await page.goto('about:blank');
  await page.goto(`/${href}`);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await expect(page.locator('#chart-legend li')).toHaveCount(4);
  await expect(page.locator('#preset')).toHaveValue('welfare-state');
  await expect(page.locator('#param-associations-crowding_out')).toHaveValue('0.9');
  await expect(page.locator('#param-population-citizens')).toHaveValue('1000');
  await expect(page.locator('#seed')).toHaveValue('3');
  await expect(page.locator('#error')).toBeHidden();
  watch.check();
});

test('one step by keyboard alone, with a focus ring that stands out', async ({ page }) => {
  const watch = watchForErrors(page);
  await openLesson(page);
  const range = page.locator('[data-section="infrastructure"] input[type="range"]');
  let found = false;
  for (let i = 0; i < 30 && !found; i += 1) {
    await page.keyboard.press('Tab');
    found = await range.evaluate((node) => node === document.activeElement);
  }
  expect(found, 'Tab reaches the first lever').toBe(true);
  // The ring: at least 3 px, and at least 3:1 against the white card.
  const ring = await range.evaluate((node) => {
    const style = getComputedStyle(node);
    return { width: parseFloat(style.outlineWidth), style: style.outlineStyle, colour: style.outlineColor };
  });
  expect(ring.style).toBe('solid');
  expect(ring.width).toBeGreaterThanOrEqual(3);
  const [r, g, b] = ring.colour.match(/\d+/g).map(Number);
  const lum = [r, g, b].map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const contrast = 1.05 / (0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2] + 0.05);
  expect(contrast).toBeGreaterThanOrEqual(3);

  await page.keyboard.press('ArrowRight'); // grants 0 → 0.05
  await expect(page.locator('[data-section="infrastructure"] .lever-value')).toHaveText('0.05');
  await page.keyboard.press('Tab'); // the first prediction
  await page.keyboard.press('ArrowDown'); // radio groups move with the arrows
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-section="infrastructure"] input[type="radio"]:checked')).toHaveValue('lower');
  await page.keyboard.press('Tab'); // Run
  await expect(page.locator('[data-section="infrastructure"] button.run')).toBeFocused();
  await page.keyboard.press('Enter');
  const lab = page.locator('[data-section="infrastructure"]');
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(lab.locator('legend')).toContainText('grants of 0.05');
  await expect(lab.locator('.numbers')).toContainText('month 240');
  watch.check();
});

test('on a 375 px phone nothing scrolls sideways and every target is at least 44 px', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.setViewportSize({ width: 375, height: 740 });
  await openLesson(page);
  await predictAndRun(page, 'four-states', 3);
  await predictAndRun(page, 'challenge', 0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const small = await page.$$eval('.lesson button, .lesson .button, .lesson select, .lesson input[type="range"], .lesson .choice', (nodes) =>
    nodes.filter((n) => n.offsetParent !== null).map((n) => ({ what: n.outerHTML.slice(0, 60), h: n.getBoundingClientRect().height }))
      .filter((t) => t.h < 44));
  expect(small).toEqual([]);
  watch.check();
});

test('projector mode sets type a class can read from the back', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.setViewportSize({ width: 1024, height: 768 });
  await openLesson(page);
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.step p')).fontSize));
  expect(await size()).toBeLessThan(24);
  await page.click('#lesson-projector');
  await expect(page.locator('#lesson-projector')).toHaveAttribute('aria-pressed', 'true');
  expect(await size()).toBeGreaterThanOrEqual(24);
  // A link to the projector lesson opens in projector mode.
  await page.goto('about:blank');
  await openLesson(page, '#projector');
  expect(await size()).toBeGreaterThanOrEqual(24);
  watch.check();
});

test('a step’s run never blocks the main thread for more than 50 ms', async ({ page }) => {
  // Long tasks are wall-clock time, and the machine may be shared: a busy
  // neighbour can stretch a 10 ms frame past 50 ms. So the run is tried up
  // to three times and must be free of long tasks once. A run that did its
  // work in large blocks (say all 240 months in one frame, some 300 ms)
  // fails every attempt.
  const watch = watchForErrors(page);
  await openLesson(page);
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => Math.round(e.duration))))
      .observe({ type: 'longtask' });
  });
  const lab = page.locator('[data-section="four-states"]');
  await lab.locator('.choice').nth(0).click();
  const attempts = [];
  for (let i = 0; i < 3; i += 1) {
    await page.evaluate(() => { window.longTasks = []; });
    await lab.locator('button.run').click();
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    attempts.push(await page.evaluate(() => window.longTasks));
    if (attempts.at(-1).length === 0) break;
  }
  expect(attempts.at(-1), `long tasks (ms) in each attempt: ${JSON.stringify(attempts)}`).toEqual([]);
  watch.check();
});

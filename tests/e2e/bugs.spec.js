// The bugs issue 15 lists, one test each (each failed before its fix):
// bands and the month counter in step, bands dropped with a note, a truthful
// status after a failed load (and after a late step), the link's month kept while a slow link
// catches up, `#about` shareable, plain error messages, range hints equal to
// the page's limits, and a warning when citizens are scaled alone.
const { test, expect } = require('@playwright/test');
const { watchForErrors, openPage, openScenarios, linkFor, SMALL } = require('./helpers');

test('the bands caption reads the month on the counter, and dropped bands are said so', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [
    { preset: 'welfare-state', set: SMALL }, { preset: 'partner-state', set: SMALL },
  ], { runs: 3 });
  await page.click('#run-ensemble');
  await expect(page.locator('#show-bands')).toBeChecked({ timeout: 60_000 });
  await expect(page.locator('#month')).toHaveText('0');
  // At month 0 the medians are those of month 0, not of the last month.
  await expect(page.locator('#values caption')).toContainText('Medians at month 0 over 3 seeds');
  for (let i = 0; i < 2; i += 1) await page.click('#step');
  await expect(page.locator('#month')).toHaveText('2');
  await expect(page.locator('#values caption')).toContainText('Medians at month 2 over 3 seeds');
  await expect(page.locator('#ensemble-status')).not.toContainText('dropped');

  // An edit drops the bands, visibly.
  await page.fill('#seed', '7');
  await page.press('#seed', 'Enter');
  await expect(page.locator('#show-bands')).not.toBeChecked();
  await expect(page.locator('#ensemble-status')).toContainText('The bands were dropped');
  await expect(page.locator('#ensemble-status')).toBeVisible();
  watch.check();
});

test('the status line tells the truth after a bad link or a bad file', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page, 'v=1&s=!!!');
  await expect(page.locator('#error')).toContainText('This link could not be opened');
  await expect(page.locator('#status')).not.toContainText('Ready');
  await expect(page.locator('#status')).toContainText('could not be opened');

  await page.fill('#seed', '3');
  await page.press('#seed', 'Enter');
  await page.click('#step');
  // The step's own status arrives with the stepping worker's reply: wait
  // for it, so that it is not what overwrites the file's status below.
  await expect(page.locator('#month')).toHaveText('1');
  await expect(page.locator('#status')).toContainText('month 1');
  await expect(page.locator('#status')).not.toContainText('not loaded');
  await page.setInputFiles('#import-json', {
    name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"months": '),
  });
  await expect(page.locator('#error')).toContainText('The scenario file was not loaded');
  await expect(page.locator('#status')).toContainText('broken.json was not loaded');
  watch.check();
});

test('a step whose month arrives late does not overwrite what the page said meanwhile', async ({ page }) => {
  const watch = watchForErrors(page);
  // A slow host, made certain: the stepping worker's replies arrive 800 ms
  // late once `slowSteps` is set.
  await page.addInitScript(() => {
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url, options) {
        super(url, options);
        this.stepper = String(url).includes('stepper');
      }

      set onmessage(handler) {
        super.onmessage = (event) => {
          if (this.stepper && window.slowSteps) setTimeout(() => handler(event), 800);
          else handler(event);
        };
      }
    };
  });
  await openPage(page);
  await page.evaluate(() => { window.slowSteps = true; });
  await page.click('#step');
  await page.setInputFiles('#import-json', {
    name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"months": '),
  });
  await expect(page.locator('#status')).toContainText('broken.json was not loaded');
  // The file's news came first (else this test proves nothing) ...
  await expect(page.locator('#month')).toHaveText('0');
  // ... and stays when the step's month comes in.
  await expect(page.locator('#month')).toHaveText('1');
  await expect(page.locator('#status')).toContainText('broken.json was not loaded');
  // A step with nothing said meanwhile still says where it paused.
  await page.click('#step');
  await expect(page.locator('#month')).toHaveText('2');
  await expect(page.locator('#status')).toHaveText('Paused at month 2.');

  // A step whose runs are replaced before its month comes (the seed
  // changed) leaves the new runs' catch-up to say how it ended ...
  await page.click('#step');
  await page.fill('#seed', '42');
  await page.press('#seed', 'Enter');
  await expect(page.locator('#status')).toContainText('Catching up to month 2');
  await expect(page.locator('#status')).toHaveText('Paused at month 2.', { timeout: 10_000 });
  // ... as does a step pressed while the runs catch up.
  await page.fill('#seed', '43');
  await page.press('#seed', 'Enter');
  await expect(page.locator('#status')).toContainText('Catching up to month 2');
  await page.click('#step');
  await expect(page.locator('#status')).toHaveText('Paused at month 2.', { timeout: 10_000 });
  watch.check();
});

test('a slow link keeps its month in the address bar while it catches up', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page);
  const big = { 'population.citizens': 40_000, 'population.projects': 2000, 'population.firms': 1600, months: 240 };
  const fragment = await linkFor(page, [
    { preset: 'welfare-state', set: big }, { preset: 'partner-state', set: big },
  ], { month: 240 });
  expect(fragment).toContain('month=240');
  await openPage(page, fragment);
  // Still catching up: the address bar keeps month=240 and says so.
  expect(Number(await page.textContent('#month'))).toBeLessThan(240);
  expect(page.url()).toContain('month=240');
  await expect(page.locator('#status')).toContainText('Catching up to month 240');
  await page.waitForTimeout(500);
  expect(page.url()).toContain('month=240');
  await expect(page.locator('#month')).toHaveText('240', { timeout: 120_000 });
  await expect(page.locator('#status')).not.toContainText('Catching up');
  await expect(page.locator('#status')).toContainText('month 240');
  expect(page.url()).toContain('month=240');
  watch.check();
});

test('#about opens the About text and leaves the share link alone', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.goto('/#about');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await expect(page.locator('#error')).toBeHidden();
  await expect(page.locator('#about-title')).toBeInViewport();
  await expect(page.locator('#status')).toContainText('Ready');

  // Clicking "About this model" from a run keeps the link to the runs.
  const fragment = await linkFor(page, [{ preset: 'welfare-state', set: SMALL }], { month: 0 });
  await page.goto('about:blank');
  await page.goto(`/#${fragment}`);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  for (let i = 0; i < 3; i += 1) await page.click('#step');
  await expect(page.locator('#month')).toHaveText('3');
  await page.click('a[href="#about"]');
  await expect(page.locator('#about-title')).toBeInViewport();
  await expect.poll(() => page.url()).toContain('month=3');
  await page.click('#copy-link');
  expect(await page.inputValue('#link-text')).toContain('month=3');
  expect(await page.inputValue('#link-text')).not.toContain('#about');
  watch.check();
});

test('errors name the field and its range in plain words', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page);
  const upload = async (text) => {
    await page.setInputFiles('#import-json', {
      name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(text),
    });
    await expect(page.locator('#error')).toBeVisible();
    const shown = await page.textContent('#error .error-text');
    await page.click('#error-close');
    return shown;
  };
  const raw = /invalid value|invalid type|expected u32|expected u64|line 1 column|\d{20}/;
  for (const [text, field] of [
    ['{"population": {"citizens": -1}}', 'population.citizens'],
    ['{"seed": -1}', 'seed'],
    ['{"months": 1e308}', 'months'],
    ['{"schedule": [{"month": -1, "regime": "big-society"}]}', 'schedule[0].month'],
    ['{"state": {"income_tax": 1e308}}', 'state.income_tax'],
  ]) {
    const shown = await upload(text);
    expect(shown, text).toContain(field);
    expect(shown, text).toMatch(/allowed|from/);
    expect(shown, text).not.toMatch(raw);
  }
  expect(await upload('{"months": 1e308}')).toContain('1e308');
  expect(await upload('{"state": {"income_tax": 1e308}}')).toContain('1e308 is out of range');

  // The editor's number box gives the same plain words.
  await page.fill('#param-population-citizens', '-1');
  await page.press('#param-population-citizens', 'Enter');
  await expect(page.locator('#error')).toContainText('population.citizens');
  await expect(page.locator('#error')).toContainText('allowed 2 to 100000');
  expect(await page.textContent('#error .error-text')).not.toMatch(raw);
  watch.check();
});

test('range hints and field bounds are the page limits', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page);
  const limits = await page.evaluate(async () => (await import('./js/scenarios.js')).LIMITS);
  const shown = (n) => n.toLocaleString('en-GB');
  await expect(page.locator('#param-population-citizens-help')).toContainText(`–${shown(limits.citizens)}.`);
  await expect(page.locator('#param-population-citizens')).toHaveAttribute('max', String(limits.citizens));
  await expect(page.locator('#param-months-help')).toContainText(`–${shown(limits.months)}.`);
  // The largest value the hint offers is accepted; one more is refused.
  await page.fill('#param-population-citizens', String(limits.citizens + 1));
  await page.press('#param-population-citizens', 'Enter');
  await expect(page.locator('#error')).toContainText(`${limits.citizens}`);
  watch.check();
});

test('scaling citizens without projects and firms is warned about, with the proportional values', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page);
  const base = await page.evaluate(async () => {
    const { presetScenario } = await import('./js/scenarios.js');
    return presetScenario('welfare-state').population;
  });
  await expect(page.locator('#scale-warning')).toHaveCount(0);
  await page.fill('#param-population-citizens', String(base.citizens * 10));
  await page.press('#param-population-citizens', 'Enter');
  const warning = page.locator('#scale-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('10×');
  await expect(warning).toContainText(`${(base.projects * 10).toLocaleString('en-GB')} projects`);
  await expect(warning).toContainText(`${(base.firms * 10).toLocaleString('en-GB')} firms`);
  await page.locator('#scale-warning').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/exports-shots/scale-warning.png' });
  await page.click('#scale-together');
  await expect(page.locator('#scale-warning')).toHaveCount(0);
  await expect(page.locator('#param-population-projects')).toHaveValue(String(base.projects * 10));
  await expect(page.locator('#param-population-firms')).toHaveValue(String(base.firms * 10));
  watch.check();
});

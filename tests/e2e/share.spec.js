// The page for a reader who shares: a link replays exactly the same numbers,
// hostile links (their scenarios, pins and map settings) and files are
// refused with a clear message, a panic in wasm
// is reported, and the browser computes what native code computes.
const { test, expect } = require('@playwright/test');
const fs = require('fs');
const path = require('path');
const { watchForErrors, openPage, openScenarios, runToEnd, tableValues, SMALL } = require('./helpers');

test('a permalink opened in a new page reproduces identical numbers', async ({ page, context }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [
    { preset: 'partner-state', set: { ...SMALL, 'state.corporate_tax': 0.6 }, name: 'partner, high tax' },
    { preset: 'welfare-state', set: SMALL, schedule: [{ month: 10, regime: 'big-society' }] },
  ], { seed: 77 });
  await page.selectOption('#speed', '100000');
  for (let i = 0; i < 3; i += 1) await page.click('#step');
  await page.click('#copy-link');
  const link = await page.inputValue('#link-text');
  expect(link).toContain('#v=1');
  expect(link).toContain('seed=77');
  expect(link).toContain('month=3');
  expect(new URL(link).search).toBe('');
  const digests = await page.textContent('#digests');
  const values = await tableValues(page);

  const other = await context.newPage();
  const otherWatch = watchForErrors(other);
  await other.goto(link);
  await expect(other.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(other.locator('#month')).toHaveText('3');
  await expect(other.locator('#seed')).toHaveValue('77');
  await expect(other.locator('#scenario-list')).toContainText('partner, high tax');
  expect(await other.textContent('#digests')).toBe(digests);
  expect(await tableValues(other)).toEqual(values);
  await expect(other.locator('#error')).toBeHidden();
  otherWatch.check();
  watch.check();
});

test('a link made by another version of the model opens with a notice', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [{ preset: 'partner-state', set: SMALL }], { seed: 5 });
  await page.click('#copy-link');
  const link = await page.inputValue('#link-text');
  expect(link).toMatch(/[#&]m=[0-9a-f]{16}/);
  const elsewhere = link.replace(/([#&]m=)[0-9a-f]{16}/, '$10123456789abcde');
  const other = await page.context().newPage();
  await other.goto(elsewhere);
  await expect(other.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(other.locator('#error')).toContainText('another version of the model');
  await expect(other.locator('#seed')).toHaveValue('5');
  watch.check();
});

/** Fragments a hostile or broken link might carry, and what the message must name. */
function hostileLinks() {
  const encode = (list) => Buffer.from(JSON.stringify(list)).toString('base64url');
  const link = (list, extra = {}) => new URLSearchParams({ v: '1', seed: '1', month: '0', runs: '20', ...extra, s: encode(list) }).toString();
  return [
    [link([{ preset: 'welfare-state', set: { 'population.citizens': 1e9 } }]), 'population.citizens'],
    [link([{ preset: 'welfare-state', set: { months: 5e6 } }]), 'months'],
    [link([{ preset: 'welfare-state', set: { 'state.income_tax': 'NaN' } }]), 'state.income_tax'],
    [link([{ preset: 'welfare-state', set: { 'state.income_tax': null } }]), 'state.income_tax'],
    [link([{ preset: 'welfare-state', set: { '__proto__.polluted': 1 } }]), '__proto__.polluted'],
    [link([{ preset: '<script>alert(1)</script>' }]), 'unknown preset'],
    [link([{ preset: 'welfare-state', schedule: [{ month: 9999, regime: 'big-society' }] }]), 'schedule[0].month'],
    [link([{ preset: 'welfare-state', name: 'x'.repeat(500) }]), 'name'],
    [link(Array(9).fill({ preset: 'welfare-state' })), '1 to 4 scenarios'],
    [link([{ preset: 'welfare-state' }], { month: '99999999' }), 'month'],
    [link([{ preset: 'welfare-state' }], { runs: '1e9' }), 'runs'],
    [link([{ preset: 'welfare-state' }], { seed: '-1' }), 'seed'],
    ['v=1&s=%%%not-base64', 'could not be read'],
    [`v=1&s=${'A'.repeat(30_000)}`, 'too long'],
    ['v=2&s=W10', 'version'],
  ];
}

/** Pins and map settings a link might carry that cannot be read, and what
 * the note must name; the link opens without them. */
function badViewSettings() {
  const encode = (list) => Buffer.from(JSON.stringify(list)).toString('base64url');
  const link = (list, extra = {}) => new URLSearchParams({ v: '1', seed: '1', month: '0', runs: '20', ...extra, s: encode(list) }).toString();
  return [
    [link([{ preset: 'welfare-state' }], { pins: 'A.no.such.lever' }), 'pins: “no.such.lever” is not a lever of the editor'],
    [link([{ preset: 'welfare-state' }], { pins: 'A.seed' }), 'pins: “seed” is not a lever of the editor'],
    [link([{ preset: 'welfare-state' }, { preset: 'partner-state' }], { pins: 'C.state.corporate_tax' }),
      'pins: scenario C is not in the link (its scenarios: A to B)'],
    [link([{ preset: 'welfare-state' }], { pins: 'A.state.income_tax,A.state.income_tax' }), 'pins: A.state.income_tax is pinned twice', 1],
    [link([{ preset: 'welfare-state' }], { pins: ['income_tax', 'corporate_tax', 'basic_security', 'means_testing', 'take_up'].map((l) => `A.state.${l}`).join(',') }),
      'pins: at most 4 levers can be pinned, so A.state.take_up is not', 4],
    [link([{ preset: 'welfare-state' }], { pins: '<b>x</b>' }), 'pins: “<b>x</b>” is not a scenario\'s letter and a lever'],
    [link([{ preset: 'welfare-state' }], { 'map.grid': '99' }), 'map.grid (the map\'s grid) must be one of 4, 6, 8, 10, 12 and 16'],
    [link([{ preset: 'welfare-state' }], { 'map.b': 'B' }), 'map.b (the map\'s second scenario) must be the letter of a scenario of the link (A only)'],
  ];
}

test('a pin or map setting that cannot be read is left out, and said so; the link\'s scenarios open', async ({ page }) => {
  const watch = watchForErrors(page);
  for (const [fragment, named, pinsKept = 0] of badViewSettings()) {
    await openPage(page, `${fragment}&bands=0&projector=1`);
    await expect(page.locator('#error'), fragment.slice(0, 80)).toBeVisible();
    await expect(page.locator('#error')).toContainText('This link opened without one of its settings, which could not be read');
    await expect(page.locator('#error')).toContainText(named);
    await expect(page.locator('#error')).not.toContainText('could not be opened');
    await expect(page.locator('#status')).toHaveText('Opened without some settings: see the note.');
    // The rest of the link holds: its scenarios, projector mode, and the good pins.
    await expect(page.locator('#scenario-list button')).toHaveCount(new URLSearchParams(fragment).get('pins')?.startsWith('C.') ? 2 : 1);
    await expect(page.locator('html')).toHaveClass(/projector/);
    await expect(page.locator('#pins-list .pin')).toHaveCount(pinsKept);
    // The address bar no longer carries what was left out.
    const kept = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));
    expect(kept.get('map.grid')).toBeNull();
    expect(kept.get('map.b')).toBeNull();
    expect((kept.get('pins') ?? '').split(',').filter(Boolean)).toHaveLength(pinsKept);
  }
  // Thousands of bad pins: the note gives the first few reasons, and counts the rest.
  const [[many]] = badViewSettings();
  await openPage(page, many.replace('pins=A.no.such.lever', `pins=${Array(3000).fill('A.x').join('%2C')}`));
  await expect(page.locator('#error')).toContainText('This link opened without 3000 of its settings');
  await expect(page.locator('#error')).toContainText('; and 2997 more.');
  expect((await page.locator('#error .error-text').textContent()).length).toBeLessThan(600);
  watch.check();
});

test('hostile links give a clear message and fall back to the defaults', async ({ page }) => {
  const watch = watchForErrors(page);
  for (const [fragment, named] of hostileLinks()) {
    await openPage(page, fragment);
    await expect(page.locator('#error'), fragment.slice(0, 80)).toBeVisible();
    await expect(page.locator('#error')).toContainText('This link could not be opened');
    await expect(page.locator('#error')).toContainText(named);
    await expect(page.locator('#scenario-list button')).toHaveCount(4);
    expect(await page.evaluate(() => ({}).polluted)).toBeUndefined();
  }
  watch.check();
});

test('text from a link is shown as text, never run as HTML', async ({ page }) => {
  const watch = watchForErrors(page);
  const name = '<img src=x onerror="window.pwned=1"><b>bold</b>';
  await openScenarios(page, [{ preset: 'welfare-state', set: SMALL, name }]);
  await expect(page.locator('#scenario-list')).toContainText(name);
  await page.click('#step');
  await expect(page.locator('#values thead')).toContainText(name);
  expect(await page.locator('img, b').count()).toBe(0);
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();
  watch.check();
});

test('an invalid scenario file or saved session is refused with the reason', async ({ page }) => {
  const watch = watchForErrors(page);
  await openPage(page);
  const upload = (text) => page.setInputFiles('#import-json', {
    name: 'scenario.json', mimeType: 'application/json', buffer: Buffer.from(text),
  });
  await upload('{"households": {"saving_propensity": 1.5}}');
  await expect(page.locator('#error')).toContainText('households.saving_propensity');
  await expect(page.locator('#error')).toContainText('0 to 0.99');
  await upload('not json at all');
  await expect(page.locator('#error')).toContainText('The scenario file was not loaded');
  await upload('{"population": {"citizens": 150000}}');
  await expect(page.locator('#error')).toContainText('at most 100000');

  // A corrupted saved session: the page says so and starts from the defaults.
  await page.evaluate(() => localStorage.setItem('commons-sim:last-link', 'v=1&s=!!!'));
  await page.goto('about:blank');
  await openPage(page);
  await expect(page.locator('#error')).toContainText('Your saved session could not be restored');
  await expect(page.locator('#scenario-list button')).toHaveCount(4);
  watch.check();
});

test('a panic inside wasm becomes a readable message', async ({ page }) => {
  const watch = watchForErrors(page, { allow: [/deliberate panic/, /unreachable/] });
  await openPage(page);
  // The page's own module: the same instance the page uses, without a test
  // hook on `window`.
  await page.evaluate(async () => {
    const { model, guard } = await import('./js/wasm.js');
    guard(() => model.debugPanic());
  });
  await expect(page.locator('#error')).toBeVisible();
  await expect(page.locator('#error')).toContainText('internal error');
  await expect(page.locator('#error')).toContainText('deliberate panic');
  // The page still answers: the about section and the panels work.
  await page.click('#panel-tab-2');
  await expect(page.locator('#panel-tab-2')).toHaveAttribute('aria-selected', 'true');
  watch.check();
});

test('the same scenario and seed give identical series in the browser and natively', async ({ page }) => {
  const watch = watchForErrors(page);
  const common = fs.readFileSync(path.join(__dirname, '..', 'common', 'mod.rs'), 'utf8');
  const scenario = common.match(/REFERENCE_SCENARIO: &str = r#"([\s\S]*?)"#;/)[1];
  const digest = common.match(/REFERENCE_DIGEST: &str = "([0-9a-f]{16})";/)[1];
  await openPage(page);
  await page.setInputFiles('#import-json', {
    name: 'reference.json', mimeType: 'application/json', buffer: Buffer.from(scenario),
  });
  await expect(page.locator('#seed')).toHaveValue('2026');
  await expect(page.locator('#scenario-list button').first()).toContainText('reference');
  await runToEnd(page);
  await expect(page.locator('#month')).toHaveText('240');
  expect(await page.textContent('#digests')).toContain(`A ${digest}`);
  watch.check();
});

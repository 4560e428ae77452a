// Exports an analyst can cite: unique scenario names in the CSV, the
// manifest beside it (the command line's format), the ensemble's quantiles,
// PNGs stamped with what made them, and the share sheet where there is one.
const { test, expect } = require('@playwright/test');
const fs = require('fs');
const { watchForErrors, openScenarios, downloadCsv, SMALL } = require('./helpers');

/** 64-bit FNV-1a of some bytes as 16 hex digits (the library's digest). */
function fnv64(bytes) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

async function downloadText(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
}

test('two scenarios from one preset export under their own names, with a manifest', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [
    { preset: 'welfare-state', set: SMALL },
    { preset: 'welfare-state', set: { ...SMALL, 'state.income_tax': 0.2 } },
  ]);
  for (let i = 0; i < 3; i += 1) await page.click('#step');
  await expect(page.locator('#month')).toHaveText('3');
  let rows = await downloadCsv(page);
  expect(new Set(rows.map((r) => r.scenario))).toEqual(new Set(['A welfare-state', 'B welfare-state']));

  // The user renames B: the export follows.
  await page.click('#scenario-chip-1');
  await page.fill('#scenario-name', 'low tax');
  await page.press('#scenario-name', 'Enter');
  await expect(page.locator('#scenario-chip-1')).toContainText('low tax');
  for (let i = 0; i < 2; i += 1) await page.click('#step');
  rows = await downloadCsv(page);
  expect(new Set(rows.map((r) => r.scenario))).toEqual(new Set(['A welfare-state', 'B low tax']));

  // The manifest: the command line's format, scenarios in full, seeds,
  // fingerprint and the digest of the CSV as downloaded.
  const csv = await downloadText(page, '#export-csv');
  const meta = await downloadText(page, '#export-manifest');
  expect(meta.name).toBe(`${csv.name}.meta.json`);
  const manifest = JSON.parse(meta.bytes.toString('utf8'));
  const catalogue = await page.evaluate(async () => {
    const { catalogue } = await import('./js/wasm.js');
    return { fingerprint: catalogue.fingerprint, version: catalogue.version };
  });
  expect(manifest.format).toBe('commons-sim manifest 1');
  expect(manifest.program).toBe(catalogue.version);
  expect(manifest.model_fingerprint).toBe(catalogue.fingerprint);
  expect(manifest.first_seed).toBe(1);
  expect(manifest.seeds).toBe(1);
  expect(manifest.months).toBe(36);
  expect(manifest.scenarios).toHaveLength(2);
  expect(manifest.scenarios[1].name).toBe('low tax');
  expect(manifest.scenarios[1].state.income_tax).toBe(0.2);
  expect(manifest.scenarios[0].population.citizens).toBe(300);
  expect(manifest.rows).toBe(csv.bytes.toString('utf8').trim().split('\n').length - 1);
  expect(manifest.data_digest).toBe(fnv64(csv.bytes));
  watch.check();
});

test('the ensemble exports its quantiles month by month beside the raw runs', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [
    { preset: 'partner-state', set: SMALL },
    { preset: 'big-society', set: SMALL },
  ], { runs: 5 });
  await page.click('#run-ensemble');
  await expect(page.locator('#show-bands')).toBeChecked({ timeout: 60_000 });
  const raw = await downloadCsv(page);
  expect(raw).toHaveLength(2 * 5 * 37);
  const { name, bytes } = await downloadText(page, '#export-quantiles');
  expect(name).toBe('commons-sim-quantiles.csv');
  const [headerLine, ...lines] = bytes.toString('utf8').trim().split('\n');
  const header = headerLine.split(',');
  expect(header.slice(0, 5)).toEqual(['scenario', 'first_seed', 'seeds', 'month', 'quantile']);
  expect(header.slice(5)).toEqual(raw.header.slice(3));
  const rows = lines.map((line) => line.split(','));
  expect(rows).toHaveLength(2 * 37 * 5);
  expect(new Set(rows.map((r) => Number(r[4])))).toEqual(new Set([0.05, 0.25, 0.5, 0.75, 0.95]));
  // The median row is the median of the raw runs; quantiles are ordered.
  const outcome = header.indexOf('commons_knowledge') - 5;
  for (const scenario of ['A partner-state', 'B big-society']) {
    const at = rows.filter((r) => r[0] === scenario && r[3] === '36');
    expect(at.map((r) => Number(r[4]))).toEqual([0.05, 0.25, 0.5, 0.75, 0.95]);
    expect(at[0][1]).toBe('1');
    expect(at[0][2]).toBe('5');
    const values = at.map((r) => Number(r[5 + outcome]));
    for (let q = 1; q < values.length; q += 1) expect(values[q]).toBeGreaterThanOrEqual(values[q - 1]);
    const runs = raw.filter((r) => r.scenario === scenario && r.month === 36).map((r) => r.values[outcome]).sort((a, b) => a - b);
    expect(runs).toHaveLength(5);
    expect(values[2]).toBe(runs[2]);
    expect(values[0]).toBeCloseTo(runs[0] + 0.2 * (runs[1] - runs[0]), 12);
  }
  watch.check();
});

test('a saved chart is stamped with its scenarios, seed and model version', async ({ page }) => {
  const watch = watchForErrors(page);
  await openScenarios(page, [{ preset: 'welfare-state', set: SMALL }, { preset: 'partner-state', set: SMALL }]);
  for (let i = 0; i < 4; i += 1) await page.click('#step');
  await page.selectOption('#png-outcome', 'commons_knowledge');
  const { bytes } = await downloadText(page, '#export-png');
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  // IHDR: the chart's 750 px and a footer under it.
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect(width).toBe(1200);
  expect(height).toBeGreaterThan(750);
  fs.writeFileSync('/tmp/exports-shots/stamped.png', bytes);
  // The footer holds ink (the stamp's text), and the page says what it holds.
  const inked = await page.evaluate(async (base64) => {
    const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' });
    const image = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 750, image.width, image.height - 750);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 128) ink += 1;
    return ink;
  }, bytes.toString('base64'));
  expect(inked).toBeGreaterThan(200);
  await expect(page.locator('#status')).toContainText('stamped');
  const stamp = await page.evaluate(async () => {
    const { catalogue } = await import('./js/wasm.js');
    return catalogue.version;
  });
  expect(stamp).toMatch(/^commons-sim \d+\.\d+\.\d+$/);
  watch.check();
});

test('the share button uses the share sheet where there is one', async ({ page }) => {
  const watch = watchForErrors(page);
  await page.addInitScript(() => {
    window.sharedData = [];
    navigator.share = async (data) => { window.sharedData.push(data); };
    navigator.canShare = () => true;
  });
  await openScenarios(page, [{ preset: 'welfare-state', set: SMALL }]);
  await page.click('#copy-link');
  await expect(page.locator('#status')).toContainText('shared');
  const shared = await page.evaluate(() => window.sharedData);
  expect(shared).toHaveLength(1);
  expect(shared[0].url).toContain('#v=1');
  expect(shared[0].url).toBe(await page.inputValue('#link-text'));
  watch.check();
});

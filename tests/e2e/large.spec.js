// Large populations stay responsive: at 4 × 100,000 citizens the months
// are stepped in the stepping worker, so a frame holds only drawing, and a
// click is answered soon. A behaviour test with loose
// bounds (the machine is shared); the strict figures (50 ms, 100 ms) are
// in benches/page/large.bench.js.
const { test, expect } = require('@playwright/test');
const { watchForErrors, watchResponsiveness, openScenarios, inkedPixels, paintedWhere } = require('./helpers');

const LARGE = { 'population.citizens': 100_000, 'population.projects': 5000, 'population.firms': 4000 };

/** Opens the four regimes at 100,000 citizens each, at 20 months a second. */
async function openLarge(page) {
  await openScenarios(page, ['welfare-state', 'corporate-welfare', 'partner-state', 'big-society']
    .map((preset) => ({ preset, set: LARGE })));
  await page.selectOption('#speed', '20');
}

/** Plays for `ms` and returns the long tasks (ms) seen meanwhile, the
 * input-to-paint time of a click on Pause at the end, and the share of the
 * page's thread's profile samples that fell in the model's WebAssembly. */
async function playAndWatch(page, ms) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  await watchResponsiveness(page);
  await page.click('#play');
  await expect(page.locator('#play')).toHaveText('Pause');
  await page.waitForTimeout(ms);
  const { profile } = await cdp.send('Profiler.stop');
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const busy = profile.samples.map((id) => frames.get(id)).filter((frame) => frame?.functionName !== '(idle)');
  const wasmShare = busy.filter((frame) => frame.url.endsWith('.wasm')).length / Math.max(1, busy.length);
  const before = Number(await page.textContent('#month'));
  await page.click('#play');
  await expect(page.locator('#play')).toHaveText('Play', { timeout: 2000 });
  await page.waitForTimeout(300);
  const seen = await page.evaluate(() => ({ longTasks: window.longTasks, clicks: window.clicks }));
  return { ...seen, month: before, wasmShare };
}

test('4 × 100,000 citizens play without long frames and a click answers', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = watchForErrors(page);
  await openLarge(page);
  const { longTasks, clicks, month, wasmShare } = await playAndWatch(page, 4000);
  console.log(`4 × 100,000 citizens: month ${month} after 4 s; long tasks (ms): ${longTasks.map(Math.round).join(', ') || 'none'}; `
    + `click input-to-paint (ms, ≥ 16 only): ${clicks.map(Math.round).join(', ') || 'none'}; `
    + `WebAssembly ${(100 * wasmShare).toFixed(0)}% of the page thread's busy samples`);
  // It moved: the months are stepped, not skipped.
  expect(month).toBeGreaterThanOrEqual(2);
  // The months are stepped in the worker: what WebAssembly the page's thread
  // runs is drawing the charts (6% of its busy samples measured; stepping
  // there, as before the stepping worker, 79%).
  expect(wasmShare).toBeLessThan(0.35);
  // Drawing is all a frame holds; on a loaded shared machine (the worker
  // takes a core) frames still stretch, so the bound is on the typical one.
  const sorted = [...longTasks].sort((a, b) => a - b);
  const median = sorted.length ? sorted[sorted.length >> 1] : 0;
  expect(median, longTasks.join(', ')).toBeLessThan(90);
  expect(Math.max(0, ...clicks)).toBeLessThan(300);
  // Off screen, the pictures are still painted once (in the worker, at this
  // size) and named by their counts, for a screen reader.
  const labels = () => page.$$eval('.society-canvas', (cs) => cs.map((c) => c.getAttribute('aria-label')));
  await expect.poll(async () => (await labels()).filter((l) => /100,000 citizens: .* projects alive/.test(l)).length,
    { timeout: 15_000 }).toBe(4);
  expect(await paintedWhere(page, '.society-canvas')).toEqual(['worker', 'worker', 'worker', 'worker']);
  watch.check();
});

test('4 × 100,000 citizens with the picture of society in view: frames stay short', async ({ page }) => {
  // Four pictures of 100,000 citizens and 5,000 projects each, redrawn with
  // every month: drawn a disc at a time they made every frame a long one
  // (100–300 ms); each picture's discs are now one image, and pictures
  // this large are painted in the painting worker, off the page's thread.
  test.setTimeout(120_000);
  const watch = watchForErrors(page);
  await openLarge(page);
  await page.locator('#society').scrollIntoViewIfNeeded();
  const { longTasks, month } = await playAndWatch(page, 4000);
  console.log(`4 × 100,000 citizens, society in view: month ${month} after 4 s; long tasks (ms): `
    + `${longTasks.map(Math.round).join(', ') || 'none'}`);
  expect(month).toBeGreaterThanOrEqual(2);
  // Most months' frames are not long ones (each month is at least one
  // frame; drawn a disc at a time, every one was: 30 long tasks in 24
  // months). Loose, for a shared machine: fewer than three in four.
  expect(longTasks.length, longTasks.join(', ')).toBeLessThan(Math.max(6, 0.75 * month));
  const names = await page.$$eval('.society-canvas', (cs) => cs.map((c) => c.getAttribute('aria-label')));
  for (const name of names) expect(name).toMatch(/100,000 citizens: .* projects alive/);
  // Painted by the painting worker: each canvas was handed over (the page's
  // thread can no longer take a context of it) and shows its picture.
  expect(await paintedWhere(page, '.society-canvas')).toEqual(['worker', 'worker', 'worker', 'worker']);
  for (let i = 0; i < 4; i += 1) expect(await inkedPixels(page, `.society-canvas >> nth=${i}`)).toBeGreaterThan(1000);
  watch.check();
});

test('a painting worker that cannot start hands the pictures back to the page', async ({ page }) => {
  // The worker's script is refused: its error arrives after the first
  // month's pictures were handed to it, and the page paints the next
  // months' itself, on fresh canvases.
  test.setTimeout(120_000);
  const watch = watchForErrors(page);
  await page.route('**/painter.js', (route) => route.fulfill({ status: 404, body: '' }));
  await openLarge(page);
  await page.locator('#society').scrollIntoViewIfNeeded();
  await page.click('#play');
  // Counts in the names come only from pictures painted (the worker never
  // ran); asked before they are, `paintedWhere` would itself keep a canvas
  // on the page's thread.
  const labels = () => page.$$eval('.society-canvas', (cs) => cs.map((c) => c.getAttribute('aria-label')));
  await expect.poll(async () => (await labels()).filter((l) => /100,000 citizens: .* projects alive/.test(l)).length,
    { timeout: 30_000 }).toBe(4);
  await page.click('#play');
  expect(await paintedWhere(page, '.society-canvas')).toEqual(['here', 'here', 'here', 'here']);
  for (let i = 0; i < 4; i += 1) expect(await inkedPixels(page, `.society-canvas >> nth=${i}`)).toBeGreaterThan(1000);
  watch.check();
});

// Large populations, the strict figures of issue 15: at 4 × 100,000
// citizens, playing for 6 s, no long task over 50 ms and a click answered
// (input to paint) within 100 ms. Printed with a verdict, not asserted,
// like the other page benchmarks (a missed target must not hide the
// figures of the benches after it); the e2e test (tests/e2e/large.spec.js)
// asserts looser bounds as behaviour.
const { test, expect } = require('@playwright/test');
const { cpus } = require('node:os');
// The same recording of long tasks and clicks as the behaviour test's.
const { watchResponsiveness } = require('../../tests/e2e/helpers');

// The figures depend on the processor: name it above them.
test.beforeAll(() => console.log(`CPU: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores)`));

const LARGE = { 'population.citizens': 100000, 'population.projects': 5000, 'population.firms': 4000 };

function link(scenarios) {
  const s = Buffer.from(JSON.stringify(scenarios)).toString('base64url');
  return `/#v=1&seed=1&month=0&runs=20&s=${s}`;
}

/** Plays 6 s at 4 × 100,000 citizens (with the picture of society in view
 * if `society`), and prints the long tasks and the clicks' latency. */
async function playLarge(page, society) {
  await page.goto(link(['welfare-state', 'corporate-welfare', 'partner-state', 'big-society']
    .map((preset) => ({ preset, set: LARGE }))));
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await page.selectOption('#speed', '20');
  if (society) await page.locator('#society').scrollIntoViewIfNeeded();
  await watchResponsiveness(page);
  await page.click('#play');
  // Clicks while playing: the panel tabs, each answered while months step
  // (not with society in view: a click on a tab scrolls the charts back
  // into view; the Pause button, in the sticky run bar, is clicked there too).
  for (let i = 0; i < 6; i += 1) {
    await page.waitForTimeout(1000);
    if (!society) await page.click(`#panel-tab-${i % 2}`);
  }
  const month = Number(await page.textContent('#month'));
  await page.click('#play');
  await page.waitForTimeout(300);
  const { longTasks, clicks } = await page.evaluate(() => ({ longTasks: window.longTasks, clicks: window.clicks }));
  const sorted = [...longTasks].sort((a, b) => a - b);
  console.log(`4 × 100,000 citizens${society ? ', society in view' : ''}, 6 s of play: month ${month}; ${longTasks.length} long tasks, `
    + `median ${Math.round(sorted[sorted.length >> 1] ?? 0)} ms, worst ${Math.round(sorted.at(-1) ?? 0)} ms; `
    + `clicks over 16 ms (input to paint): ${clicks.map(Math.round).join(', ') || 'none'}`);
  const worstTask = Math.max(0, ...longTasks);
  const worstClick = Math.max(0, ...clicks);
  console.log(`target: no long task over 50 ms — ${worstTask <= 50 ? 'met' : `missed (worst ${Math.round(worstTask)} ms)`}; `
    + `a click within 100 ms — ${worstClick <= 100 ? 'met' : `missed (worst ${Math.round(worstClick)} ms)`}`);
  expect(month).toBeGreaterThan(0);
}

test('4 × 100,000 citizens: long tasks and click latency while playing', async ({ page }) => {
  test.setTimeout(180_000);
  await playLarge(page, false);
});

// The pictures of society redraw with every month too: the same with them on screen.
test('4 × 100,000 citizens, society in view: long tasks and click latency while playing', async ({ page }) => {
  test.setTimeout(180_000);
  await playLarge(page, true);
});

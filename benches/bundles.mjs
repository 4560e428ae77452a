// Two builds of the page's bundle side by side in headless Chromium: the
// shipped one (speed-tuned) against the size-tuned one it replaced, on the
// ensemble's runs (2,000 citizens) and the map's (1,000).
//
//   cargo xtask bench-bundles        (builds both, serves them, runs this)
//   node benches/bundles.mjs URL DIR [--rounds 12] [--seeds 8]
//
// URL serves DIR, which holds `index.html` (benches/page/bundles.html) and
// one folder per bundle (`shipped`, `size-tuned`). Prints the CPU, each
// bundle's size (raw, and compressed by Node's zlib at level 9), the median
// time a run and the median of the paired ratios, and whether every run's
// outcomes were identical.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import playwright from '@playwright/test';

const { chromium } = playwright;
const [url, dir] = process.argv.slice(2);
if (!url || !dir) {
  console.error('usage: node benches/bundles.mjs URL DIR [--rounds N] [--seeds N]');
  process.exit(2);
}
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const rounds = option('rounds', 12);
const seeds = option('seeds', 8);
for (const [name, value] of [['rounds', rounds], ['seeds', seeds]]) {
  if (!Number.isInteger(value) || value < 1 || value > 1000) {
    console.error(`--${name} takes a whole number from 1 to 1000, not ${process.argv[process.argv.indexOf(`--${name}`) + 1]}`);
    process.exit(2);
  }
}
const names = ['size-tuned', 'shipped'];

console.log(`CPU: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores)`);
for (const name of names) {
  const wasm = readFileSync(join(dir, name, 'commons_sim_bg.wasm'));
  console.log(`${name.padEnd(10)} ${(wasm.length / 1024).toFixed(0)} KB, ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(0)} KB with zlib at level 9`);
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
let failed = false;
try {
  console.log(`Chromium ${browser.version()}; ${rounds} alternating rounds of ${seeds} runs (the four presets in turn, 240 months)`);
  for (const citizens of [2000, 1000]) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}index.html?b=${names.join(',')}&rounds=${rounds}&seeds=${seeds}&citizens=${citizens}`);
    // The page says 'done' or 'error' (with the message) as soon as it knows.
    await page.waitForFunction(() => ['done', 'error'].includes(document.title), null, { timeout: 900_000, polling: 500 })
      .catch((error) => { throw new Error(errors[0] ?? error.message); });
    const text = await page.locator('#out').textContent();
    if ((await page.title()) === 'error') throw new Error(`the bench page failed: ${text}`);
    const result = JSON.parse(text);
    await page.close();
    const [base] = result.bundles;
    for (const b of result.bundles) {
      console.log(`  ${citizens} citizens, ${b.name.padEnd(10)} ${b.median.toFixed(2)} ms a run (rounds ${b.min.toFixed(1)}–${b.max.toFixed(1)})`);
    }
    for (const r of result.ratios) {
      console.log(`  ${citizens} citizens, ${r.name} / ${base.name}: ${r.median.toFixed(3)} (median of ${rounds} paired ratios; ${r.min.toFixed(3)}–${r.max.toFixed(3)})`);
    }
    console.log(`  outcomes identical in every run: ${result.identical ? 'yes' : 'NO'}`);
    failed ||= !result.identical;
  }
} finally {
  await browser.close();
}
if (failed) process.exitCode = 1;

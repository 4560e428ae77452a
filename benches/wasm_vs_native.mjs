// The same scenario and seed, run natively and as WebAssembly (in Node),
// timed in one script that prints both and the ratio.
//
//   cargo xtask bench-web            (builds both, then runs this script)
//   node benches/wasm_vs_native.mjs [--citizens 10000] [--months 120] [--runs 5]
//
// Both sides run the model to the scenario's end: natively through the
// release command line (`commons-sim run`, whose process start and CSV are
// about a millisecond), in wasm through the page's bundle (`runToEnd`).
// Runs alternate; the medians and the median paired ratio are reported, and
// whether the two final months' outcomes are bit-identical.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import init, { presetScenario, runToEnd } from '../www/pkg/commons_sim.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const citizens = option('citizens', 10_000);
const months = option('months', 120);
const runs = option('runs', 7);

await init({ module_or_path: readFileSync(join(root, 'www/pkg/commons_sim_bg.wasm')) });
const scenario = JSON.parse(presetScenario('partner-state'));
scenario.population.citizens = citizens;
scenario.population.projects = Math.floor(citizens / 20);
scenario.population.firms = Math.floor(citizens / 25);
scenario.months = months;
const json = JSON.stringify(scenario);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const perCitizenMonth = (seconds) => (seconds * 1e9) / (citizens * months);

// Native runs the release binary on the same scenario file; wasm runs in
// this process. They alternate, so that a machine whose speed drifts (a
// shared host) slows both alike, and each pair gives a ratio.
const dir = mkdtempSync(join(tmpdir(), 'commons-bench-'));
const file = join(dir, 'scenario.json');
const csv = join(dir, 'out.csv');
writeFileSync(file, json);
const binary = join(root, 'target/release/commons-sim');
const seconds = (run) => {
  const start = process.hrtime.bigint();
  const result = run();
  return [Number(process.hrtime.bigint() - start) / 1e9, result];
};
runToEnd(json); // warm-up: compilation tiers
const wasm = [];
const native = [];
let wasmLast;
for (let i = 0; i < runs; i += 1) {
  const [n] = seconds(() => execFileSync(binary, ['run', '--scenario', file, '--quiet', '--out', csv]));
  const [w, flat] = seconds(() => runToEnd(json));
  native.push(n);
  wasm.push(w);
  wasmLast = flat;
}
const nativeLast = readFileSync(csv, 'utf8').trim().split('\n').pop().split(',').slice(3).map(Number);
rmSync(dir, { recursive: true });

// The final month's outcomes agree exactly (the CSV writes round-trip numbers).
const width = nativeLast.length + 1;
const wasmFinal = Array.from(wasmLast.slice(wasmLast.length - width + 1));
const same = wasmFinal.length === nativeLast.length && wasmFinal.every((v, i) => Object.is(v, nativeLast[i]));

const w = perCitizenMonth(median(wasm));
const n = perCitizenMonth(median(native));
const ratios = wasm.map((t, i) => t / native[i]);
console.log(`CPU: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores)`);
console.log(`partner-state, ${citizens} citizens, ${months} months, ${runs} alternating runs each`);
console.log(`native:       ${n.toFixed(1)} ns per citizen-month (median)`);
console.log(`WebAssembly:  ${w.toFixed(1)} ns per citizen-month (median; Node ${process.versions.node})`);
console.log(`ratio:        ${median(ratios).toFixed(2)} (median of the ${runs} paired ratios wasm / native; ` +
  `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`);
console.log(`final outcomes identical: ${same ? 'yes' : 'NO'}`);
if (!same) process.exitCode = 1;

// The scenarios the page compares: each a full scenario object (the library's
// JSON format) and the preset it started from. Every scenario that enters the
// page — from a preset, a slider, a link or a file — is validated by the
// library (`normaliseScenario`), which names the field at fault.
import { model, catalogue } from './wasm.js';

/** How the page names compared scenarios: A, B, C, D. */
export const letter = (index) => String.fromCharCode(65 + index);

/** The letters of `count` scenarios, in words: “A to C”, or “A only”. */
export const letters = (count) => (count === 1 ? 'A only' : `A to ${letter(count - 1)}`);

/** What the page runs at most; larger runs belong to the command line. */
export const LIMITS = { scenarios: 4, months: 100_000, citizens: 100_000, runs: 100, scheduleChanges: 24, nameLength: 80, pins: 4 };

/** The largest value of a parameter the page runs: the library's maximum,
 * or the page's limit where the page is narrower (the one source of the
 * editor's hints, its fields' bounds and `validate`). */
export function pageMax(spec) {
  const limit = { months: LIMITS.months, 'population.citizens': LIMITS.citizens }[spec.path];
  return limit === undefined ? spec.max : Math.min(spec.max, limit);
}

/** Refuses a value of a parameter the page limits that is out of the
 * page's range, naming the field and that range (the library's range is
 * wider, and quoting it would contradict the page's hints). */
function checkPageRange(path, value) {
  const spec = catalogue.params.find((p) => p.path === path);
  if (!spec || typeof value !== 'number' || pageMax(spec) === spec.max) return;
  if (!(value >= spec.min && value <= pageMax(spec))) {
    // Long numbers as the library shows them: 1e308, not 309 digits.
    const shown = (String(value).length > 12 ? value.toExponential() : String(value)).replace('e+', 'e');
    throw new Error(`${path}: ${shown} is out of range; allowed ${spec.min} to ${pageMax(spec)} (${spec.unit}): `
      + `the page runs at most ${pageMax(spec)}; use the command line for more`);
  }
}

const presetCache = new Map();

/** The full scenario of a preset (a fresh copy). */
export function presetScenario(name) {
  if (!presetCache.has(name)) presetCache.set(name, model.presetScenario(name));
  return JSON.parse(presetCache.get(name));
}

/** The regimes' presets, in the library's order: the page's default comparison. */
export function regimeNames() {
  return catalogue.regimes;
}

export function presetTitle(name) {
  return catalogue.presets.find((p) => p.name === name)?.title ?? name;
}

/** A page scenario: `{ preset, scenario }`. */
export function fromPreset(name) {
  return { preset: name, scenario: presetScenario(name) };
}

/** Validates a scenario object with the library and the page's limits;
 * returns the complete scenario or throws an Error whose message names the field. */
export function validate(scenario) {
  for (const path of ['months', 'population.citizens']) checkPageRange(path, valueAt(scenario, path));
  const complete = JSON.parse(model.normaliseScenario(JSON.stringify(scenario)));
  if (complete.months > LIMITS.months) {
    throw new Error(`months: ${complete.months} is more than the page runs (at most ${LIMITS.months}); use the command line for longer runs`);
  }
  if (complete.population.citizens > LIMITS.citizens) {
    throw new Error(`population.citizens: ${complete.population.citizens} is more than the page runs (at most ${LIMITS.citizens}); use the command line for larger runs`);
  }
  if (complete.schedule.length > LIMITS.scheduleChanges) {
    throw new Error(`schedule: ${complete.schedule.length} changes are more than the page handles (at most ${LIMITS.scheduleChanges})`);
  }
  if (complete.name.length > LIMITS.nameLength) {
    throw new Error(`name: longer than ${LIMITS.nameLength} characters`);
  }
  return complete;
}

/** The value at a dotted path of a scenario object. */
export function valueAt(scenario, path) {
  return path.split('.').reduce((node, key) => (node == null ? undefined : node[key]), scenario);
}

/** The scenario with one parameter changed, validated by the library. */
export function withParameter(scenario, path, value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${path}: must be a finite number`);
  }
  checkPageRange(path, value);
  return validate(JSON.parse(model.setParameter(JSON.stringify(scenario), path, value)));
}

/** What sets a page scenario apart from its preset: changed parameters
 * (except the seed, which the page shares between scenarios), its name and
 * its schedule. This is what a link carries. */
export function diffFromPreset({ preset, scenario }) {
  const base = presetScenario(preset);
  const set = {};
  for (const { path } of catalogue.params) {
    if (path === 'seed') continue;
    const value = valueAt(scenario, path);
    if (value !== valueAt(base, path)) set[path] = value;
  }
  const diff = { preset };
  if (Object.keys(set).length) diff.set = set;
  if (scenario.name !== base.name) diff.name = scenario.name;
  if (scenario.schedule.length) diff.schedule = scenario.schedule;
  return diff;
}

/** Rebuilds a page scenario from `diffFromPreset`'s output, checking every
 * part (the input may come from a hostile link). */
export function fromDiff(diff, index) {
  const where = `scenario ${letter(index)}`;
  if (!diff || typeof diff !== 'object' || Array.isArray(diff)) throw new Error(`${where}: not a scenario description`);
  if (!catalogue.presets.some((p) => p.name === diff.preset)) {
    throw new Error(`${where}: unknown preset; the presets are ${catalogue.presets.map((p) => p.name).join(', ')}`);
  }
  let scenario = presetScenario(diff.preset);
  if (diff.name !== undefined) {
    if (typeof diff.name !== 'string') throw new Error(`${where}: name must be text`);
    scenario.name = diff.name;
  }
  if (diff.schedule !== undefined) {
    if (!Array.isArray(diff.schedule)) throw new Error(`${where}: schedule must be a list`);
    scenario.schedule = diff.schedule;
  }
  const set = diff.set ?? {};
  if (typeof set !== 'object' || Array.isArray(set)) throw new Error(`${where}: set must map parameters to numbers`);
  const known = new Set(catalogue.params.map((p) => p.path));
  for (const [path, value] of Object.entries(set)) {
    if (!known.has(path)) throw new Error(`${where}: ${path} is not a parameter`);
    scenario = withParameter(scenario, path, value);
  }
  try {
    return { preset: diff.preset, scenario: validate(scenario) };
  } catch (error) {
    throw new Error(`${where}: ${error.message}`);
  }
}

/** The preset a scenario differs least from (for scenarios loaded from files). */
export function closestPreset(scenario) {
  let best = null;
  for (const { name } of catalogue.presets) {
    const changes = Object.keys(diffFromPreset({ preset: name, scenario }).set ?? {}).length;
    if (!best || changes < best.changes) best = { name, changes };
  }
  return best.name;
}

/** The JSON the model runs: the scenario on the page's shared seed. */
export function runnable(entry, seed) {
  return { ...entry.scenario, seed };
}

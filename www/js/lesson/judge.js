// How a lesson section turns the numbers a simulation produced into the
// answer of its question and a sentence that quotes them. Nothing here is
// canned: every figure in the text is read from the run.
import { catalogue } from '../wasm.js';
import { formatNumber } from '../dom.js';
import { letter } from '../scenarios.js';

export const label = (name) => catalogue.outcomes.find((o) => o.name === name)?.label ?? name;

/** A value as people read it: shares as percentages, else the page's format. */
export function show(name, value) {
  const outcome = catalogue.outcomes.find((o) => o.name === name);
  if (outcome && /^share/.test(outcome.unit) && Number.isFinite(value)) return `${(value * 100).toFixed(1)}%`;
  return formatNumber(value);
}

/** "A 0.91, B 0.75": every scenario's value of an outcome. */
export function listing(values, name) {
  return values.map((v, i) => `${letter(i)} ${show(name, v[name])}`).join(', ');
}

/** Compares B with A on `name`: 'higher', 'same' or 'lower', where "same"
 * means within `tolerance` (relative to A, or absolute with `{absolute}`). */
export function direction(a, b, tolerance, { absolute = false } = {}) {
  const margin = absolute ? tolerance : Math.abs(a) * tolerance;
  if (b > a + margin) return 'higher';
  if (b < a - margin) return 'lower';
  return 'same';
}

/** The index of the scenario best on `name` (largest, or smallest with `lowest`). */
export function best(values, name, lowest = false) {
  let index = 0;
  values.forEach((v, i) => {
    if (lowest ? v[name] < values[index][name] : v[name] > values[index][name]) index = i;
  });
  return index;
}

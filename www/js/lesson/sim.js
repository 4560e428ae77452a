// A lesson section's small simulation: a few scenarios on one seed, stepped
// to their end on animation frames in slices that stay well inside a frame
// (so the page never freezes), the chart redrawn in the frame after each slice.
import { model, guard, catalogue } from '../wasm.js';
import { fromDiff, runnable } from '../scenarios.js';

/** Time a frame may spend stepping, in milliseconds (drawing comes on top). */
const SLICE_BUDGET = 8;

/** The size every lesson world shares: a twentieth of the page's 100,000
 * ceiling and half the presets' 2,000, with projects, firms and associations
 * scaled with the citizens (a smaller society, not a poorer one). */
export const SMALL_WORLD = {
  'population.citizens': 1000,
  'population.projects': 50,
  'population.firms': 40,
  'population.associations': 3,
};

/** The seed a step runs on unless it offers another: the same luck for
 * every scenario of the step. */
export const SEED = 1;

/** Page scenarios (`{preset, scenario}`, validated by the library) from
 * descriptions `{preset, name, set, schedule}`, each in the small world. */
export function buildEntries(descriptions) {
  return descriptions.map((d, i) => fromDiff({ ...d, set: { ...SMALL_WORLD, ...(d.set ?? {}) } }, i));
}

/** The column of an outcome in `Comparison.values`, by the library's name. */
export function outcomeIndex(name) {
  const index = catalogue.outcomes.findIndex((o) => o.name === name);
  if (index < 0) throw new Error(`the lesson names an unknown outcome “${name}”`);
  return index;
}

/** Runs of `scenarios` (runnable objects) kept on the page's thread, as the
 * lesson's small worlds can be (a month of 1,000 citizens is well under a
 * millisecond): the models (`Stepper`) and what is recorded of them
 * (`Comparison`), month 0 recorded. Throws if a scenario is invalid. */
export class LocalRuns {
  constructor(scenarios) {
    const json = JSON.stringify(scenarios);
    this.stepper = new model.Stepper(json);
    this.comparison = new model.Comparison(json);
    for (let i = 0; i < this.stepper.count(); i += 1) this.comparison.record(i, this.stepper.currentRow(i));
  }

  /** Steps every scenario by up to `months` months and records them;
   * returns the month reached. */
  step(months) {
    for (let i = 0; i < this.stepper.count(); i += 1) this.comparison.record(i, this.stepper.stepScenario(i, months));
    return this.comparison.month();
  }

  free() {
    this.stepper.free();
    this.comparison.free();
  }
}

/** Runs `entries` to their end on `seed`, drawing `outcome` on `canvas` as it goes;
 * resolves to each scenario's final value of every outcome, as
 * `[{name: value}]`, or null if it was cancelled (a newer run started). */
export class SmallSim {
  constructor(canvas, fontSize) {
    this.canvas = canvas;
    this.fontSize = fontSize;
    this.runs = null;
    this.generation = 0;
    this.outcome = null;
  }

  run(entries, outcome, seed = SEED) {
    const generation = ++this.generation;
    return new Promise((resolve) => {
      // Building the runs is a task of its own (a frame), so that it never
      // adds to the click that asked for it or to a frame that steps.
      requestAnimationFrame(() => {
        if (generation !== this.generation) return resolve(null);
        this.runs?.free();
        this.runs = guard(() => new LocalRuns(entries.map((e) => runnable(e, seed))));
        this.outcome = outcome;
        if (!this.runs) return resolve(null);
        requestAnimationFrame(frame);
      });
      // The first months cost most (the economy settles), so the first slice
      // is one month and each next slice is sized from the slowest month yet.
      // A frame either steps or draws, never both, so neither adds to the other.
      let msPerMonth = 0;
      let months = 1;
      let drawNext = false;
      const frame = () => {
        if (generation !== this.generation) return resolve(null);
        if (drawNext) {
          this.draw();
          drawNext = false;
          // The reveal (text and layout) gets a frame of its own too.
          if (this.comparison.finished()) return requestAnimationFrame(() => resolve(this.finalValues()));
        } else {
          const started = performance.now();
          if (guard(() => this.runs.step(months)) === undefined) return resolve(null);
          msPerMonth = Math.max(msPerMonth * 0.9, (performance.now() - started) / months);
          months = Math.max(1, Math.floor(SLICE_BUDGET / Math.max(msPerMonth, 0.01)));
          drawNext = true;
        }
        requestAnimationFrame(frame);
      };
    });
  }

  /** Redraws the chart at the canvas's size on screen. */
  draw() {
    if (!this.comparison || !this.outcome) return;
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    if (width === 0 || height === 0) return;
    const w = Math.round(width * ratio);
    const h = Math.round(height * ratio);
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    guard(() => this.comparison.drawOutcome(this.canvas, this.outcome, Math.round(this.fontSize() * ratio), false));
  }

  /** What is recorded of the runs (null before the first run). */
  get comparison() { return this.runs?.comparison ?? null; }

  get month() { return this.comparison ? this.comparison.month() : 0; }

  finalValues() {
    const values = this.comparison.values(this.comparison.length(), false);
    const count = catalogue.outcomes.length;
    const out = [];
    for (let i = 0; i * count < values.length; i += 1) {
      out.push(Object.fromEntries(catalogue.outcomes.map((o, j) => [o.name, values[i * count + j]])));
    }
    return out;
  }
}

/** Draws one chart off screen while the lesson loads: the first chart the
 * library ever draws costs several times the next (the canvas backend's
 * fonts), and that cost belongs to loading, not to a reader's first run.
 * (The number formatters are made when `dom.js` loads.) */
export function warmUp(entries, outcome) {
  const runs = guard(() => new LocalRuns(entries.map((e) => runnable(e, SEED))));
  if (!runs) return;
  const canvas = document.createElement('canvas');
  canvas.width = 400;
  canvas.height = 200;
  guard(() => runs.comparison.drawOutcome(canvas, outcome, 15, false));
  runs.free();
}

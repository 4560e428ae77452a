// "Where does it reverse?": the map's form and its runs. Two levers (any
// parameters of the catalogue) span a grid; two of the compared scenarios
// run at every point of it on the same seeds, in the worker pool, each run
// sending back one outcome's value at the month compared (by default the
// last); the facade turns them into the
// paired difference and its 90% t interval per cell (`pairedDifferences`),
// which `mapview.js` draws. Choosing a cell sets its two lever values in
// both scenarios through the store, as the editor does, so they run again.
// The form's settings are kept in the store too (`map`, see mapsettings.js),
// so the link carries them and a link opened fills the form in; it does not
// run the map.
import { catalogue, model, guard } from './wasm.js';
import { byId, el, formatNumber } from './dom.js';
import { showError, showStatus, clearError } from './messages.js';
import { LIMITS, letter, validate, withParameter } from './scenarios.js';
import { runValues, cancelValues, valuesRunning } from './ensemble.js';
import { state, subscribe, update } from './state.js';
import { MapView } from './mapview.js';
import { GRIDS, mapDefaults, mapLevers, readMapSettings, specOf } from './mapsettings.js';

/** The interval's level: the map marks cells whose 90% interval crosses zero. */
const LEVEL = 0.9;
/** The form's field for each setting (mapsettings.js names them). */
const FIELDS = {
  x: 'map-x', xmin: 'map-x-min', xmax: 'map-x-max', y: 'map-y', ymin: 'map-y-min', ymax: 'map-y-max', a: 'map-a', b: 'map-b',
  outcome: 'map-outcome', grid: 'map-grid', seeds: 'map-seeds', citizens: 'map-citizens', months: 'map-months', at: 'map-at',
};

/** The scenario at the map's population and length: projects and firms
 * scale with citizens in the proportion the scenario has them (as the
 * presets' 2,000 citizens, 100 projects, 80 firms do at every size). */
export function atPopulation(scenario, citizens, months) {
  const { population } = scenario;
  const scaled = (count) => (count > 0 ? Math.max(1, Math.round((count * citizens) / population.citizens)) : 0);
  let s = withParameter(scenario, 'population.citizens', citizens);
  s = withParameter(s, 'population.projects', scaled(population.projects));
  s = withParameter(s, 'population.firms', scaled(population.firms));
  return withParameter(s, 'months', months);
}

/** `n` evenly spaced values from `min` to `max`, both included (whole
 * numbers for integer parameters). */
export function axisValues(spec, min, max, n) {
  return Array.from({ length: n }, (_, i) => {
    const value = min + ((max - min) * i) / (n - 1);
    return spec.integer ? Math.round(value) : Number(value.toPrecision(12));
  });
}

/** A copy of a scenario object with the value at a dotted path replaced
 * (not validated: see the caller). */
function setAt(scenario, path, value) {
  const copy = structuredClone(scenario);
  const keys = path.split('.');
  const last = keys.pop();
  keys.reduce((node, key) => node[key], copy)[last] = value;
  return copy;
}

export function setupMap() {
  const input = Object.fromEntries(Object.entries(FIELDS).map(([name, id]) => [name, byId(id)]));
  const runButton = byId('map-run');
  const cancel = byId('map-cancel');
  const progress = byId('map-progress');
  const status = byId('map-status');
  const view = new MapView({ onChoose: (cell) => load(cell) });
  let shown = null;

  for (const axis of ['x', 'y']) {
    input[axis].append(...mapLevers().map((p) => el('option', { value: p.path }, `${p.label} (${p.unit})`)));
    // A new lever spans its whole range.
    input[axis].addEventListener('change', () => {
      const spec = specOf(input[axis].value);
      input[`${axis}min`].value = String(spec.min);
      input[`${axis}max`].value = String(spec.max);
    });
  }
  input.outcome.append(...catalogue.outcomes.map((o) => el('option', { value: o.name }, `${o.label} (${o.unit})`)));
  input.grid.append(...GRIDS.map((n) => el('option', { value: String(n) }, `${n} × ${n}`)));
  input.seeds.max = String(LIMITS.runs);
  input.citizens.max = String(LIMITS.citizens);
  input.months.max = String(LIMITS.months);

  /** The scenario choices follow the compared scenarios (by letter); a
   * choice made (or opened from a link) is kept while its scenario is. */
  const showScenarios = () => {
    const { scenarios } = state();
    for (const [key, fallback] of [['a', 0], ['b', 1]]) {
      const select = input[key];
      // The state's choice: removing a scenario moves it with its scenario (editor.js).
      const kept = state().map[key];
      select.replaceChildren(...scenarios.map((e, i) => el('option', { value: String(i) }, `${letter(i)} ${e.scenario.name}`)));
      select.value = String(select.dataset.chosen && kept < scenarios.length ? kept : Math.min(fallback, scenarios.length - 1));
    }
    runButton.disabled = valuesRunning();
  };
  for (const key of ['a', 'b']) input[key].addEventListener('change', () => { input[key].dataset.chosen = 'true'; });

  /** Fills the form in with the state's settings (the link's, or the defaults). */
  const showSettings = () => {
    const { map, scenarios } = state();
    const usual = mapDefaults(scenarios.length);
    for (const [name, node] of Object.entries(input)) node.value = map[name] === null ? '' : String(map[name]);
    for (const key of ['a', 'b']) if (map[key] !== usual[key]) input[key].dataset.chosen = 'true';
  };
  /** The form's text for a setting (the scenarios by letter, as a link has them). */
  const formText = (name) => (name === 'a' || name === 'b' ? letter(Number(input[name].value)) : input[name].value);
  /** Keeps the form's settings in the state, and so in the link, when each
   * is within its range; otherwise the state keeps the last that were (the
   * map, asked to run, names the field at fault). */
  const keepSettings = () => {
    let map;
    try {
      map = readMapSettings(formText, state().scenarios.length);
    } catch {
      return;
    }
    update(() => ({ map }));
  };
  for (const node of Object.values(input)) node.addEventListener('change', keepSettings);
  // When the scenarios change, the choice of two may fall back (see
  // `showScenarios`): the state follows it, whatever the other fields hold.
  subscribe((now, changed) => {
    if (!changed.has('scenarios')) return;
    showScenarios();
    const [a, b] = [Number(input.a.value), Number(input.b.value)];
    if (a !== now.map.a || b !== now.map.b) update((s) => ({ map: { ...s.map, a, b } }));
  });
  showScenarios();
  showSettings();

  /** The form, checked: throws an Error naming the field at fault. */
  const read = () => {
    const whole = (key, name, min, max) => {
      const value = Number(input[key].value);
      if (input[key].value === '' || !Number.isInteger(value) || value < min || value > max) {
        throw new Error(`${name} must be a whole number from ${min} to ${max}`);
      }
      return value;
    };
    const axis = (key) => {
      const spec = specOf(input[key].value);
      const min = Number(input[`${key}min`].value);
      const max = Number(input[`${key}max`].value);
      const range = `${formatNumber(spec.min)}–${formatNumber(spec.max)}`;
      if (input[`${key}min`].value === '' || input[`${key}max`].value === '' || !(min >= spec.min && max <= spec.max)) {
        throw new Error(`${spec.label}: the map's range must lie within ${range}`);
      }
      if (!(min < max)) throw new Error(`${spec.label}: “from” must be less than “to”`);
      return { spec, min, max };
    };
    const x = axis('x');
    const y = axis('y');
    if (x.spec.path === y.spec.path) throw new Error('Choose two different levers for the map');
    const a = Number(input.a.value);
    const b = Number(input.b.value);
    if (a === b) throw new Error('Choose two different scenarios to compare');
    const months = whole('months', 'Months', 1, LIMITS.months);
    // The month compared: the last unless one is given.
    const at = input.at.value === '' ? months : whole('at', 'At month', 0, months);
    return {
      x, y, a, b, outcome: input.outcome.value, n: Number(input.grid.value),
      seeds: whole('seeds', 'Seeds', 2, LIMITS.runs),
      citizens: whole('citizens', 'Citizens', 1, LIMITS.citizens),
      months, at,
    };
  };

  const run = async () => {
    let plan;
    let runs;
    try {
      plan = read();
      const { scenarios, seed } = state();
      plan.seed = seed;
      plan.names = [plan.a, plan.b].map((i) => `${letter(i)} ${scenarios[i].scenario.name}`);
      plan.letters = [letter(plan.a), letter(plan.b)];
      plan.xs = axisValues(plan.x.spec, plan.x.min, plan.x.max, plan.n);
      plan.ys = axisValues(plan.y.spec, plan.y.min, plan.y.max, plan.n);
      const bases = [plan.a, plan.b].map((i) => atPopulation(scenarios[i].scenario, plan.citizens, plan.months));
      // The corners are validated here, so a range the library refuses (free
      // riders and altruists over 1, say) is named before anything runs.
      // Every point is validated again where it runs (the worker parses it
      // with the library); validating all of them here would cost the page's
      // thread about a second at 8 × 8.
      for (const base of bases) {
        for (const xv of [plan.xs[0], plan.xs.at(-1)]) {
          for (const yv of [plan.ys[0], plan.ys.at(-1)]) {
            withParameter(withParameter(base, plan.x.spec.path, xv), plan.y.spec.path, yv);
          }
        }
      }
      runs = [];
      for (let j = 0; j < plan.n; j += 1) {
        for (let i = 0; i < plan.n; i += 1) {
          for (const base of bases) {
            const point = setAt(setAt(base, plan.x.spec.path, plan.xs[i]), plan.y.spec.path, plan.ys[j]);
            for (let k = 0; k < plan.seeds; k += 1) {
              runs.push({ scenario: { ...point, seed: seed + k }, outcome: plan.outcome, month: plan.at });
            }
          }
        }
      }
    } catch (error) {
      showError(`The map cannot run: ${error.message}`);
      return;
    }
    clearError();
    const cells = plan.n * plan.n;
    const perCell = 2 * plan.seeds;
    const values = [new Float64Array(cells * plan.seeds), new Float64Array(cells * plan.seeds)];
    runButton.disabled = true;
    cancel.hidden = false;
    progress.hidden = false;
    progress.value = 0;
    const total = runs.length;
    status.textContent = `Running ${total} runs in the background…`;
    const started = performance.now();
    try {
      await runValues(runs, {
        onValue: (index, value) => {
          const cell = Math.floor(index / perCell);
          const side = Math.floor((index % perCell) / plan.seeds);
          values[side][cell * plan.seeds + (index % plan.seeds)] = value;
        },
        onProgress: (done) => {
          progress.value = done / total;
          status.textContent = `${done} of ${total} runs`;
        },
      });
      const result = guard(() => model.pairedDifferences(values[0], values[1], plan.seeds, LEVEL));
      if (!result) return;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      shown = { ...plan, cells: result, level: LEVEL };
      view.show(shown);
      status.textContent = `${total} runs in ${seconds} s.`;
      showStatus(`The map is ready: ${total} runs in ${seconds} s.`);
    } catch (error) {
      if (error.message === 'cancelled') {
        status.textContent = 'Map cancelled.';
        showStatus('Map cancelled.');
      } else {
        showError(`The map failed: ${error.message}`);
        status.textContent = '';
      }
    } finally {
      runButton.disabled = false;
      cancel.hidden = true;
      progress.hidden = true;
    }
  };

  /** Sets the cell's two lever values in both scenarios, which run again. */
  const load = ({ x, y }) => {
    if (!shown) return;
    const { scenarios } = state();
    const targets = [shown.a, shown.b];
    if (targets.some((i) => i >= scenarios.length)) {
      showError('The map\'s scenarios are no longer both compared: run the map again.');
      return;
    }
    let next;
    try {
      next = scenarios.map((entry, i) => (targets.includes(i)
        ? { preset: entry.preset, scenario: validate(withParameter(withParameter(entry.scenario, shown.x.spec.path, x), shown.y.spec.path, y)) }
        : entry));
    } catch (error) {
      showError(`That point was not loaded: ${error.message}`);
      return;
    }
    clearError();
    update(() => ({ scenarios: next }));
    showStatus(`Loaded ${shown.x.spec.label} ${formatNumber(x)} and ${shown.y.spec.label} ${formatNumber(y)} ` +
      `into ${shown.letters.join(' and ')}; they run again.`);
  };

  runButton.addEventListener('click', run);
  cancel.addEventListener('click', () => cancelValues());
  runButton.disabled = false;
  // A link to index.html#map: the browser scrolled to the card before the
  // page filled in the controls above it, so scroll again once it has (the
  // next frame comes after the page's start-up, which runs without a break).
  if (location.hash === '#map') requestAnimationFrame(() => byId('map').scrollIntoView());
}

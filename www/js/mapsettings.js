// The settings of the map "Where does it reverse?" (map.js): the two levers
// and their ranges, the two scenarios compared, the outcome, the month, the
// grid, the seeds and the population. They are part of the page's state
// (state.js) and of the link (permalink.js), so a link replays the map's form
// as its author left it. Here are their defaults and how they are read from
// text and written back, one name per setting (the link's `map.<name>`).
//
// Each setting is checked on its own, against its range; whether they go
// together (“from” below “to”, two different levers or scenarios, the month
// within the run) is checked when the map runs, as it is for the form, so
// that a link can carry any form its author could leave.
import { catalogue } from './wasm.js';
import { LIMITS, letter, letters } from './scenarios.js';

/** Parameters the map does not offer as levers: the seed (shared by the
 * runs), the run's length and the population (the map sets them). */
const NOT_LEVERS = new Set(['seed', 'months', 'population.citizens', 'population.projects', 'population.firms']);
/** The levers the map opens on: a lever of the state (the search
 * for a reversal over the corporate tax) against a trait of the citizens
 * whose whole range is valid whatever else a scenario sets. */
const DEFAULT_X = 'state.corporate_tax';
const DEFAULT_Y = 'cooperation.initial_belief';
/** The grid's sizes (cells a side) the map offers. */
export const GRIDS = [4, 6, 8, 10, 12, 16];

export const specOf = (path) => catalogue.params.find((p) => p.path === path);

/** The parameters the map offers as levers. */
export const mapLevers = () => catalogue.params.filter((p) => !NOT_LEVERS.has(p.path));

/** The settings the map opens with, for `count` compared scenarios. */
export function mapDefaults(count) {
  const levers = mapLevers();
  const x = specOf(DEFAULT_X) ? DEFAULT_X : levers[0].path;
  const y = specOf(DEFAULT_Y) ? DEFAULT_Y : levers[1].path;
  return {
    x, xmin: specOf(x).min, xmax: specOf(x).max, y, ymin: specOf(y).min, ymax: specOf(y).max,
    a: 0, b: Math.min(1, count - 1), outcome: catalogue.outcomes[0].name,
    grid: 8, seeds: 4, citizens: 1000, months: 240, at: null,
  };
}

const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d{1,3})?$/i;

/** Readers of a setting's text: each returns the value or throws an Error
 * saying what the setting must be. */
const whole = (min, max) => (text) => {
  const value = Number(text);
  if (!/^\d{1,16}$/.test(text) || value < min || value > max) throw new Error(`a whole number from ${min} to ${max}`);
  return value;
};

const lever = (text) => {
  if (!mapLevers().some((p) => p.path === text)) {
    throw new Error('a parameter of the model other than the seed, the months and the population, such as state.corporate_tax');
  }
  return text;
};

/** An end of the range of the lever chosen for `axis`, within the lever's range. */
const end = (axis) => (text, settings) => {
  const spec = specOf(settings[axis]);
  const value = Number(text);
  if (text.length > 32 || !DECIMAL.test(text) || !(value >= spec.min && value <= spec.max)) {
    throw new Error(`a number from ${spec.min} to ${spec.max} (the range of ${spec.label})`);
  }
  return value;
};

const scenario = (text, _, count) => {
  const index = text.length === 1 ? text.charCodeAt(0) - 65 : -1;
  if (!(index >= 0 && index < count)) throw new Error(`the letter of a scenario of the link (${letters(count)})`);
  return index;
};

const outcome = (text) => {
  const names = catalogue.outcomes.map((o) => o.name);
  if (!names.includes(text)) throw new Error(`one of the outcomes ${names.join(', ')}`);
  return text;
};

const grid = (text) => {
  const value = Number(text);
  if (!GRIDS.includes(value) || String(value) !== text) {
    throw new Error(`one of ${GRIDS.slice(0, -1).join(', ')} and ${GRIDS.at(-1)} (cells a side)`);
  }
  return value;
};

/** Empty: the last month. */
const month = (text) => (text === '' ? null : whole(0, LIMITS.months)(text));

/** Each setting in the order it is read (a range after its lever): what it
 * is in words, its reader, its text, and its default where that depends on
 * another setting (a range is the lever's whole range, `of` its lever). */
const SETTINGS = {
  x: { label: 'lever across', read: lever },
  xmin: { label: 'start of the range across', read: end('x'), fallback: (s) => specOf(s.x).min, of: 'x' },
  xmax: { label: 'end of the range across', read: end('x'), fallback: (s) => specOf(s.x).max, of: 'x' },
  y: { label: 'lever up', read: lever },
  ymin: { label: 'start of the range up', read: end('y'), fallback: (s) => specOf(s.y).min, of: 'y' },
  ymax: { label: 'end of the range up', read: end('y'), fallback: (s) => specOf(s.y).max, of: 'y' },
  a: { label: 'first scenario', read: scenario, text: letter },
  b: { label: 'second scenario', read: scenario, text: letter },
  outcome: { label: 'outcome', read: outcome },
  grid: { label: 'grid', read: grid },
  seeds: { label: 'seeds', read: whole(2, LIMITS.runs) },
  citizens: { label: 'citizens', read: whole(1, LIMITS.citizens) },
  months: { label: 'months', read: whole(1, LIMITS.months) },
  at: { label: 'month compared', read: month, text: (at) => (at === null ? '' : String(at)) },
};

/** Reads the settings from text: `text(name)` is a setting's text, or null
 * where it is not given (it then takes its default). A setting that cannot
 * be read is reported in words naming it (`map.<name>` and its label) and
 * what it must be: to `drop(reason)`, if given, which keeps its default
 * (a link), else thrown as an Error (the map's form). */
export function readMapSettings(text, count, drop) {
  const settings = mapDefaults(count);
  const left = new Set();
  for (const [name, { label, read, fallback, of }] of Object.entries(SETTINGS)) {
    const given = text(name);
    if (given === null || given === undefined) {
      if (fallback) settings[name] = fallback(settings);
      continue;
    }
    let reason;
    if (left.has(of)) {
      // A range given for a lever that was left out was meant for that
      // lever, not for the default standing in for it.
      reason = `map.${name} (the map's ${label}) was for the lever in map.${of}, which was left out`;
    } else {
      try {
        settings[name] = read(given, settings, count);
        continue;
      } catch (error) {
        reason = `map.${name} (the map's ${label}) must be ${error.message}, not “${given.slice(0, 40)}”`;
      }
    }
    if (!drop) throw new Error(reason);
    // Left as it was: its default, or what the settings before it give.
    if (fallback) settings[name] = fallback(settings);
    left.add(name);
    drop(reason);
  }
  return settings;
}

/** The settings that differ from their defaults, as `[name, text]` pairs
 * (none for a map left as it opened, so the link stays short). */
export function changedMapSettings(settings, count) {
  const defaults = mapDefaults(count);
  const changed = [];
  for (const [name, { text = String, fallback }] of Object.entries(SETTINGS)) {
    const usual = fallback ? fallback(settings) : defaults[name];
    if (settings[name] !== usual) changed.push([name, text(settings[name])]);
  }
  return changed;
}

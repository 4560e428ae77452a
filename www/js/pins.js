// Pinned levers: a teacher pins a lever of one scenario from the editor
// ("Pin" beside each lever) and it appears beside the charts with a slider,
// a number box and − / + buttons, so that a change and its effect are on one
// screen. A pinned lever edits the same state as the editor (state.js): the
// runs restart to the month on screen and the editor shows the new value.
// Pins are kept for the session in this browser, not in the link.
import { catalogue } from './wasm.js';
import { byId, el, formatNumber } from './dom.js';
import { showError, clearError, showStatus } from './messages.js';
import { letter, valueAt, withParameter } from './scenarios.js';
import { state, subscribe, update } from './state.js';

/** At most this many levers are pinned (they share the space beside the charts). */
const MAX_PINS = 4;
const SAVED = 'commons-sim:pins';

/** A "nice" step for the − / + buttons: about a twentieth of the range,
 * rounded to 1, 2 or 5 times a power of ten (whole numbers for counts). */
function nudge(spec) {
  const raw = (spec.max - spec.min) / 20;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  return spec.integer ? Math.max(1, Math.round(step)) : step;
}

/** Removes the floating-point noise of adding steps (0.30000000000000004 → 0.3). */
const tidy = (value, step) => Number(value.toFixed(Math.max(0, -Math.floor(Math.log10(step)) + 1)));

let pins = [];
const listeners = [];

function load() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SAVED) ?? '[]');
    const known = new Set(catalogue.params.map((p) => p.path));
    if (Array.isArray(saved)) {
      pins = saved.filter((p) => Number.isInteger(p?.scenario) && known.has(p?.path)).slice(0, MAX_PINS);
    }
  } catch {
    pins = [];
  }
}

function save() {
  try {
    sessionStorage.setItem(SAVED, JSON.stringify(pins));
  } catch {
    // Storage can be off; the pins still work until the page closes.
  }
}

const isPinned = (scenario, path) => pins.some((p) => p.scenario === scenario && p.path === path);

function changed() {
  save();
  for (const fn of listeners) fn();
}

/** Pins or unpins a lever of scenario `index`. */
function toggle(index, path) {
  if (isPinned(index, path)) {
    pins = pins.filter((p) => !(p.scenario === index && p.path === path));
  } else {
    if (pins.length >= MAX_PINS) {
      showStatus(`At most ${MAX_PINS} levers can be pinned: unpin one first.`);
      return;
    }
    pins = [...pins, { scenario: index, path }];
  }
  changed();
}

/** The "Pin" button the editor puts beside a lever of the selected scenario. */
export function pinButton(spec) {
  const index = state().selected;
  const pinned = isPinned(index, spec.path);
  return el('button', {
    type: 'button', class: 'pin-button', 'aria-pressed': String(pinned),
    'aria-label': `${pinned ? 'Unpin' : 'Pin'} ${spec.label} of scenario ${letter(index)} beside the charts`,
    onclick: () => toggle(index, spec.path),
  }, pinned ? 'Pinned' : 'Pin');
}

/** Sets a pinned lever, validated by the library like every edit. */
function set(index, path, value) {
  const entry = state().scenarios[index];
  let scenario;
  try {
    scenario = withParameter(entry.scenario, path, value);
  } catch (error) {
    showError(`That change was not applied: ${error.message}`);
    render();
    return;
  }
  clearError();
  update((s) => ({ scenarios: s.scenarios.with(index, { ...s.scenarios[index], scenario }) }));
}

/** One pinned lever: its scenario and name, − / +, a slider and a number box. */
function control({ scenario: index, path }) {
  const spec = catalogue.params.find((p) => p.path === path);
  const entry = state().scenarios[index];
  const value = valueAt(entry.scenario, path);
  const step = nudge(spec);
  const id = `pin-${index}-${path.replaceAll('.', '-')}`;
  const clamp = (v) => Math.min(spec.max, Math.max(spec.min, tidy(v, step)));
  const number = el('input', {
    type: 'number', id, value: String(value), min: String(spec.min), max: String(spec.max),
    step: spec.integer ? '1' : 'any', inputmode: spec.integer ? 'numeric' : 'decimal',
    onchange: (event) => set(index, path, Number(event.target.value === '' ? NaN : event.target.value)),
  });
  const slider = el('input', {
    type: 'range', id: `${id}-slider`, min: String(spec.min), max: String(spec.max), step: String(step / 5),
    value: String(value), 'aria-label': `${spec.label} of scenario ${letter(index)} (${spec.unit})`,
    oninput: (event) => { number.value = String(tidy(Number(event.target.value), step / 5)); },
    onchange: (event) => set(index, path, tidy(Number(event.target.value), step / 5)),
  });
  const by = (sign) => el('button', {
    type: 'button', class: 'pin-nudge', id: `${id}-${sign < 0 ? 'down' : 'up'}`, disabled: sign < 0 ? value <= spec.min : value >= spec.max,
    'aria-label': `${sign < 0 ? 'Lower' : 'Raise'} ${spec.label} of scenario ${letter(index)} by ${formatNumber(step)}`,
    onclick: () => set(index, path, clamp(value + sign * step)),
  }, sign < 0 ? '−' : '+');
  return el('div', { class: 'pin', style: `--scenario:${catalogue.colours[index]}`, 'data-path': path, 'data-scenario': String(index) },
    el('label', { for: id },
      el('span', { class: 'swatch', style: `background:${catalogue.colours[index]}` }),
      `${letter(index)} · ${spec.label}`, el('span', { class: 'unit' }, ` ${spec.unit}`)),
    el('div', { class: 'pin-inputs' }, by(-1), slider, by(1), number),
    el('button', { type: 'button', class: 'pin-remove', onclick: () => toggle(index, path) },
      el('span', { 'aria-hidden': 'true' }, 'Unpin'),
      el('span', { class: 'visually-hidden' }, `Unpin ${spec.label} of scenario ${letter(index)}`)));
}

function render() {
  // Every edit redraws the strip; the control that made it keeps the focus.
  const focused = document.activeElement?.id;
  const count = state().scenarios.length;
  const shown = pins.filter((p) => p.scenario < count);
  byId('pins-list').replaceChildren(...shown.map(control));
  byId('pins-empty').hidden = shown.length > 0;
  byId('pins').classList.toggle('has-pins', shown.length > 0);
  if (focused?.startsWith('pin-') && document.activeElement?.id !== focused) document.getElementById(focused)?.focus();
}

/** Reads the session's pins and keeps the strip in step with the state;
 * `onChange()` is told when pins change (the editor redraws its buttons). */
export function setupPins(onChange) {
  load();
  listeners.push(render, onChange);
  subscribe((_, what) => {
    if (what.has('scenarios')) render();
  });
  render();
}

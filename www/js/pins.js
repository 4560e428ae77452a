// Pinned levers: a teacher pins a lever of one scenario from the editor
// ("Pin" beside each lever) and it appears beside the charts with a slider,
// a number box and − / + buttons, so that a change and its effect are on one
// screen. A pinned lever edits the same state as the editor (state.js): the
// runs restart to the month on screen and the editor shows the new value.
// The pins are part of the page's state (`pins`, a list of `{ scenario,
// path }`), so the link carries them (permalink.js) and with it the session
// saved in this browser (session.js): a link opened shows its own pins, none
// if it has none, whatever this browser had pinned before.
import { catalogue } from './wasm.js';
import { byId, el, formatNumber } from './dom.js';
import { showError, clearError, showStatus } from './messages.js';
import { LIMITS, letter, valueAt, withParameter } from './scenarios.js';
import { state, subscribe, update } from './state.js';

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

const isPinned = (scenario, path) => state().pins.some((p) => p.scenario === scenario && p.path === path);

/** Pins or unpins a lever of scenario `index` (at most `LIMITS.pins`: they
 * share the space beside the charts). */
function toggle(index, path) {
  const { pins } = state();
  if (isPinned(index, path)) {
    update(() => ({ pins: pins.filter((p) => !(p.scenario === index && p.path === path)) }));
  } else if (pins.length >= LIMITS.pins) {
    showStatus(`At most ${LIMITS.pins} levers can be pinned: unpin one first.`);
  } else {
    update(() => ({ pins: [...pins, { scenario: index, path }] }));
  }
}

/** Unpins the levers of scenarios no longer compared, so that the pins
 * shown are the pins kept (and a link never names a missing scenario). */
function dropRemoved({ pins, scenarios }) {
  const kept = pins.filter((p) => p.scenario < scenarios.length);
  if (kept.length < pins.length) update(() => ({ pins: kept }));
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
  const { pins } = state();
  byId('pins-list').replaceChildren(...pins.map(control));
  byId('pins-empty').hidden = pins.length > 0;
  byId('pins').classList.toggle('has-pins', pins.length > 0);
  if (focused?.startsWith('pin-') && document.activeElement?.id !== focused) document.getElementById(focused)?.focus();
}

/** Keeps the strip in step with the state; `onChange()` is told when pins
 * change (the editor redraws its buttons). */
export function setupPins(onChange) {
  subscribe((now, what) => {
    if (what.has('scenarios')) dropRemoved(now);
    if (what.has('scenarios') || what.has('pins')) render();
    if (what.has('pins')) onChange();
  });
  render();
}

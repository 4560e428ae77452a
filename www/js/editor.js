// The scenario editor: the list of compared scenarios, and for the selected
// one its preset, name, parameters and policy schedule. The controls are
// generated from the library's parameter table (labels, units, ranges,
// descriptions, sources): no parameter is listed by hand here.
import { catalogue } from './wasm.js';
import { byId, el, formatNumber } from './dom.js';
import { showError, clearError } from './messages.js';
import { LIMITS, pageMax, letter, fromPreset, presetScenario, presetTitle, regimeNames, validate, valueAt, withParameter } from './scenarios.js';
import { state, subscribe, update } from './state.js';
import { pinButton } from './pins.js';
import { mapDefaults } from './mapsettings.js';

const SECTION_TITLES = {
  run: 'The run', population: 'Population', households: 'Households', cooperation: 'Cooperation',
  commons: 'Commons projects', market: 'Market and firms', associations: 'For-benefit associations',
  programmes: 'State programmes', state: 'State levers', legitimacy: 'Legitimacy',
};

const sectionTitle = (section) => SECTION_TITLES[section] ?? section[0].toUpperCase() + section.slice(1);

/** A slider step giving about 200 positions: 1, 2 or 5 times a power of ten. */
function sliderStep(spec) {
  if (spec.integer) return Math.max(1, 10 ** Math.floor(Math.log10(Math.max(1, (spec.max - spec.min) / 200))));
  const raw = (spec.max - spec.min) / 200;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
}

/** Ranges too wide for a useful slider get a number box only. */
function sliderFriendly(spec) {
  return spec.path !== 'months' && (spec.max - spec.min) / sliderStep(spec) <= 1000;
}

/** Removes the floating-point noise of stepping (0.30000000000000004 → 0.3). */
function tidy(value, step) {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(decimals));
}

export class Editor {
  /** Edits the state's `scenarios` (the one at `selected`), and redraws when
   * they change, whoever changed them. */
  constructor() {
    subscribe((_, changed) => {
      if (changed.has('scenarios') || changed.has('selected')) this.render();
    });
    byId('add-scenario').addEventListener('click', () => this.add());
    byId('remove-scenario').addEventListener('click', () => this.remove());
    byId('reset-preset').addEventListener('click', () => this.resetToPreset());
    byId('preset').append(...catalogue.presets.map((p) => el('option', { value: p.name }, p.title)));
    byId('preset').addEventListener('change', (event) => this.choosePreset(event.target.value));
    byId('scenario-name').addEventListener('change', (event) => this.rename(event.target.value));
    byId('add-change').addEventListener('click', () => this.addChange());
  }

  get entry() {
    const { scenarios, selected } = state();
    return scenarios[selected];
  }

  /** Commits a new scenario for the selected entry (from `preset`), validated;
   * on error shows it and redraws the controls with the old values. */
  commit(change, preset = this.entry.preset) {
    let scenario;
    try {
      scenario = validate(change(structuredClone(this.entry.scenario)));
    } catch (error) {
      showError(`That change was not applied: ${error.message}`);
      this.render();
      return;
    }
    clearError();
    update((s) => ({ scenarios: s.scenarios.with(s.selected, { preset, scenario }) }));
  }

  /** Redraws the list and the editor, keeping keyboard focus where it was. */
  render() {
    const focused = document.activeElement?.id;
    this.renderControls();
    if (focused && document.activeElement?.id !== focused) document.getElementById(focused)?.focus();
  }

  renderControls() {
    const { scenarios, selected } = state();
    byId('scenario-list').replaceChildren(...scenarios.map((entry, i) => el('li', {},
      el('button', {
        type: 'button', class: 'scenario-chip', id: `scenario-chip-${i}`, 'aria-pressed': String(i === selected),
        onclick: () => update(() => ({ selected: i })),
      }, el('span', { class: 'swatch', style: `background:${catalogue.colours[i]}` }),
      `${letter(i)} `, entry.scenario.name))));
    byId('add-scenario').disabled = scenarios.length >= LIMITS.scenarios;
    byId('remove-scenario').disabled = scenarios.length <= 1;
    const entry = this.entry;
    byId('editor-title').textContent = `Scenario ${letter(selected)}: ${entry.scenario.name}`;
    byId('editor-swatch').style.background = catalogue.colours[selected];
    byId('preset').value = entry.preset;
    const preset = catalogue.presets.find((p) => p.name === entry.preset);
    byId('preset-summary').textContent = preset.summary;
    byId('preset-explanation').textContent = preset.explanation;
    byId('scenario-name').value = entry.scenario.name;
    const specs = catalogue.params.filter((p) => p.path !== 'seed');
    byId('key-params').replaceChildren(...this.sections(specs.filter((p) => p.key)));
    const advanced = specs.filter((p) => !p.key);
    byId('advanced-count').textContent = String(advanced.length);
    byId('advanced-params').replaceChildren(...this.sections(advanced));
    this.renderSchedule();
  }

  /** Fieldsets of controls, one per section, in table order. */
  sections(specs) {
    const sections = [...new Set(specs.map((p) => p.section))];
    return sections.map((section) => el('fieldset', { class: 'param-section' },
      el('legend', {}, sectionTitle(section)),
      specs.filter((p) => p.section === section).map((spec) => this.control(spec))));
  }

  /** A labelled control for one parameter, with its unit, range, description and source. */
  control(spec) {
    const id = `param-${spec.path.replaceAll('.', '-')}`;
    const value = valueAt(this.entry.scenario, spec.path);
    const changed = value !== valueAt(presetScenario(this.entry.preset), spec.path);
    const set = (raw) => this.commit((s) => withParameter(s, spec.path, raw));
    const warning = spec.path === 'population.citizens' ? this.scaleWarning() : null;
    const number = el('input', {
      type: 'number', id, value: String(value), min: String(spec.min), max: String(pageMax(spec)),
      step: spec.integer ? '1' : 'any', inputmode: spec.integer ? 'numeric' : 'decimal',
      'aria-describedby': warning ? `${id}-help scale-warning` : `${id}-help`,
      onchange: (event) => set(Number(event.target.value === '' ? NaN : event.target.value)),
    });
    let slider = null;
    if (sliderFriendly(spec)) {
      const step = sliderStep(spec);
      slider = el('input', {
        type: 'range', id: `${id}-slider`, min: String(spec.min), max: String(pageMax(spec)), step: String(step), value: String(value),
        'aria-label': `${spec.label} (${spec.unit})`, 'aria-describedby': `${id}-help`,
        oninput: (event) => { number.value = String(tidy(Number(event.target.value), step)); },
        onchange: (event) => set(tidy(Number(event.target.value), step)),
      });
    }
    return el('div', { class: `param${changed ? ' changed' : ''}` },
      el('label', { for: id }, spec.label, el('span', { class: 'unit' }, ` ${spec.unit}`),
        changed ? el('span', { class: 'changed-mark' }, ' (changed)') : null),
      el('div', { class: 'param-inputs' }, slider, number, pinButton(spec)),
      el('p', { class: 'help', id: `${id}-help` },
        `${spec.description} Range ${formatNumber(spec.min)}–${formatNumber(pageMax(spec))}.`),
      warning,
      el('details', { class: 'source' }, el('summary', {}, 'Source'), el('p', {}, spec.source)));
  }

  /** Next to the citizens: a warning when they were scaled from the preset
   * without the projects and firms (the economy's density then changes, not
   * only its size), with the proportional values and a button to use them. */
  scaleWarning() {
    const { scenario, preset } = this.entry;
    const base = presetScenario(preset).population;
    const now = scenario.population;
    const factor = now.citizens / base.citizens;
    const off = (key) => {
      const ratio = (now[key] / base[key]) / factor;
      return ratio > 1.5 || ratio < 1 / 1.5;
    };
    if (!off('projects') && !off('firms')) return null;
    const spec = (path) => catalogue.params.find((p) => p.path === path);
    const scaled = (key) => {
      const s = spec(`population.${key}`);
      return Math.min(pageMax(s), Math.max(s.min, Math.round(base[key] * factor)));
    };
    const projects = scaled('projects');
    const firms = scaled('firms');
    const times = (n) => `${formatNumber(n)}×`;
    return el('div', { class: 'scale-warning', id: 'scale-warning', role: 'note' },
      el('p', {}, `Citizens are ${times(factor)} the preset's, but projects ${times(now.projects / base.projects)} and firms `
        + `${times(now.firms / base.firms)}: the economy gets denser or thinner, not only larger. For the preset's proportions use `
        + `${formatNumber(projects)} projects and ${formatNumber(firms)} firms.`),
      el('button', {
        type: 'button', id: 'scale-together',
        onclick: () => this.commit((s) => withParameter(withParameter(s, 'population.projects', projects), 'population.firms', firms)),
      }, `Use ${formatNumber(projects)} projects and ${formatNumber(firms)} firms`));
  }

  renderSchedule() {
    const { schedule, months } = this.entry.scenario;
    const levers = catalogue.params.filter((p) => p.section === 'state');
    const edit = (fn) => this.commit((s) => { fn(s.schedule); return s; });
    const items = schedule.map((change, i) => {
      const regimeSelect = el('select', {
        id: `change-${i}-regime`,
        onchange: (event) => edit((list) => {
          if (event.target.value) list[i].regime = event.target.value;
          else delete list[i].regime;
        }),
      }, el('option', { value: '' }, 'keep the current levers'),
      regimeNames().map((name) => el('option', { value: name, selected: change.regime === name }, presetTitle(name))));
      const leverRows = Object.entries(change.levers ?? {}).map(([name, value]) => {
        const spec = levers.find((p) => p.path === `state.${name}`);
        const rowId = `change-${i}-lever-${name}`;
        return el('li', {},
          el('label', { for: rowId }, `${spec ? spec.label : name} (${spec ? spec.unit : ''})`),
          el('input', {
            type: 'number', id: rowId, value: String(value), step: 'any',
            min: spec ? String(spec.min) : undefined, max: spec ? String(spec.max) : undefined,
            onchange: (event) => edit((list) => { list[i].levers[name] = Number(event.target.value); }),
          }),
          el('button', { type: 'button', onclick: () => edit((list) => { delete list[i].levers[name]; }) },
            `Remove ${spec ? spec.label : name}`));
      });
      const unused = levers.filter((p) => !(p.path.slice(6) in (change.levers ?? {})));
      const leverPicker = el('select', { id: `change-${i}-add-lever`, 'aria-label': 'Lever to set' },
        unused.map((p) => el('option', { value: p.path.slice(6) }, p.label)));
      return el('li', { class: 'change' },
        el('div', { class: 'change-head' },
          el('label', { for: `change-${i}-month` }, 'At month'),
          el('input', {
            type: 'number', id: `change-${i}-month`, min: '0', max: String(months), step: '1', value: String(change.month),
            onchange: (event) => edit((list) => { list[i].month = Number(event.target.value); }),
          }),
          el('label', { for: `change-${i}-regime` }, 'switch to'), regimeSelect),
        leverRows.length ? el('ul', { class: 'lever-changes' }, leverRows) : null,
        el('div', { class: 'change-actions' },
          leverPicker,
          el('button', {
            type: 'button',
            onclick: () => edit((list) => {
              const name = leverPicker.value;
              list[i].levers = { ...(list[i].levers ?? {}), [name]: valueAt(this.entry.scenario, `state.${name}`) };
            }),
          }, 'Set this lever too'),
          el('button', { type: 'button', onclick: () => edit((list) => list.splice(i, 1)) }, 'Remove this change')));
    });
    byId('schedule-list').replaceChildren(...items);
    byId('schedule-empty').hidden = schedule.length > 0;
    byId('add-change').disabled = schedule.length >= LIMITS.scheduleChanges;
  }

  addChange() {
    this.commit((s) => {
      s.schedule.push({ month: Math.min(60, s.months), regime: 'big-society' });
      return s;
    });
  }

  choosePreset(name) {
    this.commit(() => presetScenario(name), name);
  }

  resetToPreset() {
    this.commit(() => presetScenario(this.entry.preset));
  }

  rename(name) {
    this.commit((s) => ({ ...s, name: name.trim() || s.name }));
  }

  add() {
    const { scenarios } = state();
    if (scenarios.length >= LIMITS.scenarios) return;
    const used = new Set(scenarios.map((s) => s.preset));
    const free = regimeNames().find((name) => !used.has(name));
    const added = free ? fromPreset(free) : structuredClone(this.entry);
    update(() => ({ scenarios: [...scenarios, added], selected: scenarios.length }));
  }

  remove() {
    const { scenarios, selected, pins, map } = state();
    if (scenarios.length <= 1) return;
    // The scenarios after the removed one move up a letter; their pins and
    // the map's choice of two go with them. The removed one's pins go, and
    // a map side that was the removed one falls back to the map's default.
    const moved = (i) => (i > selected ? i - 1 : i);
    const kept = pins.filter((p) => p.scenario !== selected).map((p) => ({ ...p, scenario: moved(p.scenario) }));
    const usual = mapDefaults(scenarios.length - 1);
    const side = (key) => (map[key] === selected ? usual[key] : moved(map[key]));
    update(() => ({
      scenarios: scenarios.toSpliced(selected, 1),
      selected: Math.min(selected, scenarios.length - 2),
      pins: kept,
      map: { ...map, a: side('a'), b: side('b') },
    }));
  }
}

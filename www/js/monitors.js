// The monitors: big live numbers for a few headline outcomes, one per
// scenario in its letter's colour, beside the charts, so that a room can read
// where each regime stands without reading a chart. They are refreshed at
// most a few times a second while the run plays (drawing text is cheap, but
// numbers that change sixty times a second cannot be read).
import { catalogue } from './wasm.js';
import { byId, el, formatNumber } from './dom.js';
import { letter } from './scenarios.js';

/** The headline outcomes, by their library names: the commons, who builds
 * it, what citizens earn and how unequally. */
const HEADLINES = ['commons_knowledge', 'contributors_share', 'median_income', 'gini_income'];

/** The fewest milliseconds between two refreshes while playing. */
const THROTTLE_MS = 250;

export class Monitors {
  constructor() {
    this.list = byId('monitors-list');
    this.when = byId('monitors-when');
    // An outcome the library lost stops the page at its start, not mid-run.
    this.outcomes = HEADLINES.map((name) => {
      const index = catalogue.outcomes.findIndex((o) => o.name === name);
      if (index < 0) throw new Error(`the monitors name an unknown outcome, ${name}`);
      return { index, ...catalogue.outcomes[index] };
    });
    this.last = 0;
    this.cells = [];
  }

  /** Builds one block per headline outcome with a number per scenario. */
  setScenarios(names) {
    this.cells = [];
    const blocks = this.outcomes.map((outcome) => {
      const row = names.map((name, i) => {
        const value = el('span', { class: 'monitor-value' }, '–');
        this.cells.push({ outcome: outcome.index, scenario: i, value });
        return el('li', { class: 'monitor', style: `--scenario:${catalogue.colours[i]}`, 'data-scenario': String(i) },
          el('span', { class: 'monitor-letter', 'aria-hidden': 'true' }, letter(i)),
          el('span', { class: 'visually-hidden' }, `${name}: `),
          value);
      });
      return el('div', { class: 'monitor-block', 'data-outcome': outcome.name },
        el('p', { class: 'monitor-label', title: outcome.description }, outcome.label,
          el('span', { class: 'unit' }, ` (${outcome.unit})`)),
        el('ul', { class: 'monitor-row' }, row));
    });
    this.list.replaceChildren(...blocks);
  }

  /** Shows the values at `month` (`values` as `Comparison.values` gives
   * them: every outcome of each scenario in turn); while `playing`, at most
   * once every THROTTLE_MS. */
  show(values, month, playing) {
    const now = performance.now();
    if (playing && now - this.last < THROTTLE_MS) return;
    this.last = now;
    const count = catalogue.outcomes.length;
    for (const { outcome, scenario, value } of this.cells) {
      const number = values[scenario * count + outcome];
      value.textContent = formatNumber(number);
      value.dataset.value = String(number);
    }
    this.when.textContent = `month ${month}`;
  }
}

// The numbers behind the charts, as text: a table of every outcome for every
// scenario with differences from the first (what analysts read and screen
// readers reach), and a sentence per chart of the panel in view.
import { catalogue } from './wasm.js';
import { byId, el, formatNumber } from './dom.js';

function signed(value) {
  if (Number.isNaN(value)) return '–';
  return value > 0 ? `+${formatNumber(value)}` : value < 0 ? `−${formatNumber(-value)}` : '±0';
}

/** Fills the values table: `values` holds every outcome of each scenario in turn. */
export function renderTable(names, values, caption) {
  const count = catalogue.outcomes.length;
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Outcome'),
    names.map((name, i) => el('th', { scope: 'col' },
      el('span', { class: 'swatch', style: `background:${catalogue.colours[i]}` }), name,
      i > 0 ? el('span', { class: 'diff-head' }, ' (difference from A)') : null)));
  const bodies = catalogue.panels.map((title, panel) => el('tbody', {},
    el('tr', { class: 'panel-row' }, el('th', { scope: 'rowgroup', colspan: names.length + 1 }, title)),
    catalogue.outcomes.map((outcome, o) => outcome.panel !== panel ? null : el('tr', {},
      el('th', { scope: 'row' }, outcome.label, el('span', { class: 'unit' }, ` (${outcome.unit})`)),
      names.map((_, i) => {
        const value = values[i * count + o];
        const diff = i > 0 ? el('span', { class: 'diff' }, ` ${signed(value - values[o])}`) : null;
        return el('td', { 'data-outcome': outcome.name, 'data-scenario': i, 'data-value': String(value) },
          el('span', { class: 'value' }, formatNumber(value)), diff);
      })))));
  const table = byId('values');
  table.replaceChildren(el('caption', {}, caption), el('thead', {}, head), ...bodies);
}

/** One sentence per chart of a panel: each scenario's value at month 0 and now. */
export function renderSummary(panel, names, start, now, when) {
  const count = catalogue.outcomes.length;
  const items = catalogue.outcomes.map((outcome, o) => {
    if (outcome.panel !== panel) return null;
    const parts = names.map((name, i) =>
      `${name}: ${formatNumber(start[i * count + o])} at month 0, ${formatNumber(now[i * count + o])} ${when}`);
    return el('li', {}, el('strong', {}, `${outcome.label} (${outcome.unit}). `), `${parts.join('; ')}.`);
  });
  byId('panel-summary-list').replaceChildren(...items.filter(Boolean));
}

// The numbers behind the charts, as text: a table of every outcome for every
// scenario with differences from the first (what analysts read and screen
// readers reach), and for each chart of the panel in view its series'
// trends, peaks and crossings.
import { catalogue } from './wasm.js';
import { byId, el, formatNumber } from './dom.js';

function signed(value) {
  if (Number.isNaN(value)) return '–';
  return value > 0 ? `+${formatNumber(value)}` : value < 0 ? `−${formatNumber(-value)}` : '±0';
}

/** The table as last built: which scenarios it is for, and per value its
 * cell and the cell's two texts, so that a refresh while playing (twice a
 * second) rewrites texts, not the whole table and its layout. */
let built = null;

/** Fills the values table: `values` holds every outcome of each scenario in turn. */
export function renderTable(names, values, caption) {
  const count = catalogue.outcomes.length;
  const table = byId('values');
  const key = JSON.stringify(names);
  if (!built || built.key !== key || !table.contains(built.caption)) {
    built = buildTable(table, names, key);
  }
  if (built.caption.textContent !== caption) built.caption.textContent = caption;
  for (const cell of built.cells) {
    const value = values[cell.i * count + cell.o];
    const text = formatNumber(value);
    const diff = cell.i > 0 ? ` ${signed(value - values[cell.o])}` : '';
    const exact = String(value);
    if (cell.td.dataset.value !== exact) cell.td.dataset.value = exact;
    if (cell.value.textContent !== text) cell.value.textContent = text;
    if (cell.diff && cell.diff.textContent !== diff) cell.diff.textContent = diff;
  }
}

/** Builds the table's rows for `names` (its values are filled by `renderTable`). */
function buildTable(table, names, key) {
  const cells = [];
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Outcome'),
    names.map((name, i) => el('th', { scope: 'col' },
      el('span', { class: 'swatch', style: `background:${catalogue.colours[i]}` }), name,
      i > 0 ? el('span', { class: 'diff-head' }, ' (difference from A)') : null)));
  const bodies = catalogue.panels.map((title, panel) => el('tbody', {},
    el('tr', { class: 'panel-row' }, el('th', { scope: 'rowgroup', colspan: names.length + 1 }, title)),
    catalogue.outcomes.map((outcome, o) => outcome.panel !== panel ? null : el('tr', {},
      el('th', { scope: 'row' }, outcome.label, el('span', { class: 'unit' }, ` (${outcome.unit})`)),
      names.map((_, i) => {
        const value = el('span', { class: 'value' });
        const diff = i > 0 ? el('span', { class: 'diff' }) : null;
        const td = el('td', { 'data-outcome': outcome.name, 'data-scenario': i }, value, diff);
        cells.push({ i, o, td, value, diff });
        return td;
      })))));
  const caption = el('caption');
  table.replaceChildren(caption, el('thead', {}, head), ...bodies);
  return { key, caption, cells };
}

/** The month and value of a series' highest point (the first, if tied). */
function peak(months, values) {
  let best = 0;
  for (let k = 1; k < values.length; k += 1) if (values[k] > values[best]) best = k;
  return { month: months[best], value: values[best] };
}

/** Rises, falls or stays: the change from the first to the last value,
 * "about the same" within 2% of the series' range or size. */
function trend(values) {
  const first = values[0];
  const last = values[values.length - 1];
  const size = Math.max(...values.map(Math.abs));
  if (Math.abs(last - first) <= 0.02 * size || size === 0) return `stays at about ${formatNumber(last)}`;
  return `${last > first ? 'rises' : 'falls'} from ${formatNumber(first)} to ${formatNumber(last)}`;
}

/** The months at which series b overtakes a or a overtakes b (the sign of
 * b − a changes, ignoring months where they are equal), as sentences. */
function crossings(names, i, j, months, a, b) {
  const out = [];
  let sign = 0;
  for (let k = 0; k < Math.min(a.length, b.length); k += 1) {
    const d = b[k] - a[k];
    const s = Math.abs(d) <= 1e-12 * Math.max(Math.abs(a[k]), Math.abs(b[k])) ? 0 : Math.sign(d);
    if (s !== 0 && sign !== 0 && s !== sign) {
      const [ahead, behind] = s > 0 ? [names[j], names[i]] : [names[i], names[j]];
      out.push(`${ahead} overtakes ${behind} at month ${months[k]}`);
    }
    if (s !== 0) sign = s;
  }
  return out;
}

/** A paragraph per chart of a panel: each scenario's trend and peak (value
 * and month) over the months so far, and the months where one scenario
 * overtakes another, read from the series the charts draw. */
export function renderSummary(panel, names, comparison, bands, when) {
  const items = catalogue.outcomes.map((outcome) => {
    if (outcome.panel !== panel) return null;
    const series = names.map((_, i) => ({
      months: comparison.months(i, bands), values: comparison.series(outcome.name, i, bands),
    }));
    const parts = names.map((name, i) => {
      const { months, values } = series[i];
      if (values.length === 0) return `${name}: no values yet`;
      if (values.length === 1) return `${name}: ${formatNumber(values[0])} at month ${months[0]}`;
      const top = peak(months, values);
      return `${name} ${trend(values)} (month ${months[0]} to ${months[months.length - 1]}), peak ${
        formatNumber(top.value)} at month ${top.month}`;
    });
    const crossed = [];
    for (let i = 0; i < names.length; i += 1) {
      for (let j = i + 1; j < names.length; j += 1) {
        const a = series[i];
        const b = series[j];
        // Only series recorded at the same months can be compared month by month.
        if (a.months.length !== b.months.length || a.months.some((m, k) => m !== b.months[k])) continue;
        const found = crossings(names, i, j, a.months, a.values, b.values);
        // A noisy pair can cross often: the first few and how many in all.
        crossed.push(...found.slice(0, 3));
        if (found.length > 3) crossed.push(`${names[i]} and ${names[j]} cross ${found.length} times in all`);
      }
    }
    const crossing = crossed.length > 0 ? ` Crossings: ${crossed.join('; ')}.` : ' No scenario overtakes another.';
    return el('li', {}, el('strong', {}, `${outcome.label} (${outcome.unit}), ${when}. `), `${parts.join('; ')}.${crossing}`);
  });
  byId('panel-summary-list').replaceChildren(...items.filter(Boolean));
}

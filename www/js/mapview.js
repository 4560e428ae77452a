// The map drawn: a heat map on a canvas of the paired difference A − B per
// cell (a diverging scale, purple where the first scenario does better,
// orange where the second does), hatched where the 90% interval crosses
// zero; over it a grid of cell buttons (click, touch, or arrow keys and
// Enter, with the focused cell's values read out); and the map as text (where
// the sign reverses, and every cell in a table).
import { catalogue, model } from './wasm.js';
import { byId, el, formatNumber } from './dom.js';

/** Colour-blind-safe diverging ends (ColorBrewer PuOr) and its middle. */
const FIRST = [94, 60, 153];
const SECOND = [230, 97, 1];
const MIDDLE = [247, 247, 247];
const MARGIN = { left: 64, right: 8, top: 8, bottom: 48 };
/** The largest cell side, so a map fits a projector screen. */
const MAX_SIDE = 560;
/** The smallest cell a finger can hit (WCAG 2.5.5: 44 CSS px); a mouse
 * manages with 12. Where cells would be smaller, the plot scrolls sideways. */
const FINGER = 44;
const COARSE = window.matchMedia('(pointer: coarse)');

let directions = null;

const mix = (from, to, t) => from.map((c, i) => Math.round(c + (to[i] - c) * t));
const rgb = ([r, g, b]) => `rgb(${r},${g},${b})`;

export class MapView {
  /** `onChoose({ x, y })` loads a cell's lever values into the comparison. */
  constructor({ onChoose }) {
    this.onChoose = onChoose;
    this.root = byId('map-view');
    this.canvas = byId('map-canvas');
    this.cellsBox = byId('map-cells');
    this.focusNote = byId('map-focus');
    this.map = null;
    this.focus = { i: 0, j: 0 };
    directions ??= JSON.parse(model.outcomeDirections());
    new ResizeObserver(() => { if (this.map) this.draw(); }).observe(this.canvas.parentElement);
  }

  /** Shows a finished map: `map` has the plan (levers, values, names) and
   * `cells`, `[mean, lower, upper]` per cell, row by row from the lowest y. */
  show(map) {
    this.map = map;
    const outcome = catalogue.outcomes.find((o) => o.name === map.outcome);
    const better = directions[map.outcome];
    // "Better" only where the library says which way better lies.
    this.word = better ? 'better' : 'higher';
    this.firstWins = better === 'lower' ? (d) => d < 0 : (d) => d > 0;
    this.outcome = outcome;
    this.maxAbs = 0;
    for (let c = 0; c < map.n * map.n; c += 1) this.maxAbs = Math.max(this.maxAbs, Math.abs(map.cells[3 * c]));
    const [first, second] = map.letters;
    byId('map-caption').textContent = `${map.names[0]} against ${map.names[1]}: ${outcome.label} (${outcome.unit}) ` +
      `at month ${map.at} of ${map.months}, ${formatNumber(map.citizens)} citizens, seeds ${map.seed}–${map.seed + map.seeds - 1}` +
      ` (the same for both).${better ? ` ${better === 'higher' ? 'More' : 'Less'} is better.` : ''}`;
    byId('map-scale').style.background = `linear-gradient(to right, ${rgb(FIRST)}, ${rgb(MIDDLE)}, ${rgb(SECOND)})`;
    const by = `by ${formatNumber(this.maxAbs)} ${outcome.unit}`;
    byId('map-legend-a').textContent = `${first} ${this.word} ${by}`;
    byId('map-legend-b').textContent = `${second} ${this.word} ${by}`;
    this.root.hidden = false;
    this.focus = { i: 0, j: map.n - 1 };
    this.buildCells();
    this.draw();
    this.renderText();
  }

  cell(i, j) {
    const { cells, n, xs, ys } = this.map;
    const c = j * n + i;
    const [mean, lower, upper] = [cells[3 * c], cells[3 * c + 1], cells[3 * c + 2]];
    const crosses = lower <= 0 && upper >= 0;
    return { i, j, x: xs[i], y: ys[j], mean, lower, upper, crosses };
  }

  /** Who does better in a cell, in words. */
  verdict(cell) {
    const [first, second] = this.map.letters;
    if (cell.crosses) return 'no clear difference';
    return `${this.firstWins(cell.mean) ? first : second} ${this.word}`;
  }

  describe(cell) {
    const { x, y, names } = this.map;
    const unit = this.outcome.unit;
    return `${x.spec.label} ${formatNumber(cell.x)}, ${y.spec.label} ${formatNumber(cell.y)}: ` +
      `${this.verdict(cell)}; ${names[0].split(' ')[0]} − ${names[1].split(' ')[0]} = ${formatNumber(cell.mean)} ${unit} ` +
      `(90% interval ${formatNumber(cell.lower)} to ${formatNumber(cell.upper)}).`;
  }

  /** One button per cell, top row (highest y) first, one tab stop for the
   * grid (roving tabindex): arrows move, Home/End go to a row's ends, Enter
   * or a click loads the cell. */
  buildCells() {
    const { n } = this.map;
    const rows = [];
    for (let j = n - 1; j >= 0; j -= 1) {
      const buttons = [];
      for (let i = 0; i < n; i += 1) {
        const cell = this.cell(i, j);
        buttons.push(el('button', {
          type: 'button', role: 'gridcell', class: 'map-cell', tabindex: '-1',
          'aria-label': this.describe(cell),
          'data-i': String(i), 'data-j': String(j), 'data-x': String(cell.x), 'data-y': String(cell.y),
          'data-mean': String(cell.mean), 'data-lower': String(cell.lower), 'data-upper': String(cell.upper),
          'data-crosses': String(cell.crosses),
          onclick: () => { this.moveTo(i, j); this.onChoose(cell); },
          onfocus: () => this.moveTo(i, j, false),
        }));
      }
      rows.push(el('div', { role: 'row', class: 'map-row' }, buttons));
    }
    this.cellsBox.replaceChildren(...rows);
    this.cellsBox.style.gridTemplateColumns = `repeat(${n}, 1fr)`;
    this.cellsBox.onkeydown = (event) => this.key(event);
    this.moveTo(this.focus.i, this.focus.j, false);
  }

  button(i, j) {
    return this.cellsBox.querySelector(`[data-i="${i}"][data-j="${j}"]`);
  }

  /** Makes cell (i, j) the grid's tab stop (and focuses it if `focus`), and
   * reads its values out. */
  moveTo(i, j, focus = true) {
    const previous = this.button(this.focus.i, this.focus.j);
    if (previous) previous.tabIndex = -1;
    this.focus = { i, j };
    const button = this.button(i, j);
    button.tabIndex = 0;
    if (focus && document.activeElement !== button) button.focus();
    this.focusNote.textContent = this.describe(this.cell(i, j));
  }

  key(event) {
    const { n } = this.map;
    let { i, j } = this.focus;
    switch (event.key) {
      case 'ArrowLeft': i = Math.max(0, i - 1); break;
      case 'ArrowRight': i = Math.min(n - 1, i + 1); break;
      case 'ArrowUp': j = Math.min(n - 1, j + 1); break;
      case 'ArrowDown': j = Math.max(0, j - 1); break;
      case 'Home': i = 0; break;
      case 'End': i = n - 1; break;
      default: return;
    }
    event.preventDefault();
    // The page's global keys (space, →, R) must not also act on the run.
    event.stopPropagation();
    this.moveTo(i, j);
  }

  /** Draws the cells, their hatching and the axes at the plot's width. */
  draw() {
    const { n, xs, ys, x, y } = this.map;
    const width = this.canvas.parentElement.clientWidth;
    if (width === 0) return;
    const smallest = COARSE.matches ? FINGER : 12;
    const side = Math.max(n * smallest, Math.min(MAX_SIDE, width - MARGIN.left - MARGIN.right));
    const cssWidth = side + MARGIN.left + MARGIN.right;
    const cssHeight = side + MARGIN.top + MARGIN.bottom;
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(cssWidth * ratio);
    this.canvas.height = Math.round(cssHeight * ratio);
    this.canvas.style.width = `${cssWidth}px`;
    this.canvas.style.height = `${cssHeight}px`;
    Object.assign(this.cellsBox.style, {
      left: `${MARGIN.left}px`, top: `${MARGIN.top}px`, width: `${side}px`, height: `${side}px`,
    });
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, cssWidth, cssHeight);
    const size = side / n;
    for (let j = 0; j < n; j += 1) {
      for (let i = 0; i < n; i += 1) {
        const cell = this.cell(i, j);
        const left = MARGIN.left + i * size;
        const top = MARGIN.top + (n - 1 - j) * size;
        const t = this.maxAbs > 0 ? Math.abs(cell.mean) / this.maxAbs : 0;
        ctx.fillStyle = rgb(mix(MIDDLE, this.firstWins(cell.mean) ? FIRST : SECOND, t));
        ctx.fillRect(left, top, size, size);
        if (cell.crosses) this.hatch(ctx, left, top, size);
      }
    }
    ctx.strokeStyle = '#444';
    ctx.lineWidth = 1;
    ctx.strokeRect(MARGIN.left + 0.5, MARGIN.top + 0.5, side - 1, side - 1);
    // Axes: the first, middle and last values of each lever, and its name.
    ctx.fillStyle = '#222';
    ctx.font = '13px system-ui, sans-serif';
    const ticks = [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const i of ticks) ctx.fillText(formatNumber(xs[i]), MARGIN.left + (i + 0.5) * size, MARGIN.top + side + 4);
    ctx.fillText(`${x.spec.label} →`, MARGIN.left + side / 2, MARGIN.top + side + 24);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const j of ticks) ctx.fillText(formatNumber(ys[j]), MARGIN.left - 6, MARGIN.top + (n - 1 - j + 0.5) * size);
    ctx.save();
    ctx.translate(14, MARGIN.top + side / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText(`${y.spec.label} →`, 0, 0);
    ctx.restore();
  }

  /** Diagonal lines over a cell: its interval crosses zero. */
  hatch(ctx, left, top, size) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, size, size);
    ctx.clip();
    ctx.strokeStyle = 'rgba(40, 40, 40, 0.55)';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let d = -size; d < size; d += 7) {
      ctx.moveTo(left + d, top + size);
      ctx.lineTo(left + d + size, top);
    }
    ctx.stroke();
    ctx.restore();
  }

  /** Where the sign reverses, row by row, and every cell in a table. */
  renderText() {
    const { n, x, y, letters } = this.map;
    const counts = { first: 0, second: 0, unclear: 0 };
    const lines = [];
    for (let j = n - 1; j >= 0; j -= 1) {
      // Runs of cells along the row with the same verdict.
      const spans = [];
      for (let i = 0; i < n; i += 1) {
        const cell = this.cell(i, j);
        const verdict = this.verdict(cell);
        if (cell.crosses) counts.unclear += 1;
        else if (this.firstWins(cell.mean)) counts.first += 1;
        else counts.second += 1;
        const last = spans.at(-1);
        if (last && last.verdict === verdict) last.to = cell.x;
        else spans.push({ verdict, from: cell.x, to: cell.x });
      }
      const clear = new Set(spans.map((s) => s.verdict).filter((v) => v !== 'no clear difference'));
      if (clear.size > 1) {
        const parts = spans.map((s) => `${s.verdict} at ${formatNumber(s.from)}${s.to !== s.from ? `–${formatNumber(s.to)}` : ''}`);
        lines.push(el('li', { class: 'map-reversal' }, `${y.spec.label} ${formatNumber(this.map.ys[j])}: ${parts.join('; ')}.`));
      }
    }
    const total = n * n;
    const overview = `${letters[0]} ${this.word} in ${counts.first} of ${total} cells, ${letters[1]} ${this.word} in ` +
      `${counts.second}, no clear difference in ${counts.unclear}.`;
    byId('map-summary').replaceChildren(
      el('p', {}, overview),
      lines.length
        ? el('div', {}, el('p', {}, `The sign reverses along ${x.spec.label} in ${lines.length} of ${n} rows:`), el('ul', {}, lines))
        : el('p', { class: 'map-no-reversal' }, `No row has clear wins for both ${letters[0]} and ${letters[1]}: the sign does not reverse along ${x.spec.label}.`));
    const unit = this.outcome.unit;
    const head = el('tr', {}, el('th', { scope: 'col' }, x.spec.label), el('th', { scope: 'col' }, y.spec.label),
      el('th', { scope: 'col' }, `${letters[0]} − ${letters[1]} (${unit})`), el('th', { scope: 'col' }, '90% interval'),
      el('th', { scope: 'col' }, 'Verdict'));
    const rows = [];
    for (let j = 0; j < n; j += 1) {
      for (let i = 0; i < n; i += 1) {
        const cell = this.cell(i, j);
        rows.push(el('tr', { 'data-crosses': String(cell.crosses) },
          el('td', {}, formatNumber(cell.x)), el('td', {}, formatNumber(cell.y)), el('td', {}, formatNumber(cell.mean)),
          el('td', {}, `${formatNumber(cell.lower)} to ${formatNumber(cell.upper)}`), el('td', {}, this.verdict(cell))));
      }
    }
    byId('map-table').replaceChildren(el('thead', {}, head), el('tbody', {}, rows));
  }
}

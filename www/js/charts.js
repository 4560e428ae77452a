// The outcome charts: one tab per panel of the library's outcomes, drawn by
// plotters (in Rust) on one canvas, only for the panel in view. Hovering a
// chart shows every scenario's value at that month.
import { catalogue } from './wasm.js';
import { byId, el, formatNumber } from './dom.js';

export class Charts {
  /** `view()` returns `{ comparison, bands, projector, names }`; `onPanel(i)`
   * reports that the reader chose a tab, which the page then `show`s. */
  constructor({ view, panel, onPanel }) {
    this.view = view;
    this.onPanel = onPanel;
    this.panel = panel;
    this.canvas = byId('chart');
    this.tooltip = byId('chart-tooltip');
    this.cursor = byId('chart-cursor');
    this.tabs = catalogue.panels.map((title, i) =>
      el('button', {
        type: 'button', role: 'tab', id: `panel-tab-${i}`, 'aria-controls': 'panel',
        onclick: () => this.onPanel(i),
      }, title));
    const list = byId('panel-tabs');
    list.append(...this.tabs);
    list.addEventListener('keydown', (event) => this.arrowKeys(event));
    this.canvas.addEventListener('pointermove', (event) => this.hover(event));
    this.canvas.addEventListener('pointerleave', () => this.hideTooltip());
    new ResizeObserver(() => this.draw()).observe(byId('panel'));
    this.show(panel);
  }

  /** Shows panel `index`: its tab selected, its charts drawn. */
  show(index) {
    this.panel = index;
    this.tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
    });
    byId('panel').setAttribute('aria-labelledby', `panel-tab-${index}`);
    this.hideTooltip();
    this.draw();
  }

  /** The tab pattern: arrows, Home and End move between panels. */
  arrowKeys(event) {
    const last = this.tabs.length - 1;
    const moves = { ArrowRight: this.panel + 1, ArrowLeft: this.panel - 1, Home: 0, End: last };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const index = (moves[event.key] + this.tabs.length) % this.tabs.length;
    this.onPanel(index);
    this.tabs[index].focus();
  }

  /** Outcomes of the panel in view. */
  outcomes() {
    return catalogue.outcomes.filter((o) => o.panel === this.panel);
  }

  /** The grid the panel is drawn in: `{ columns, cellHeight }`. In projector
   * mode the cells are sized to the window, so that a row of charts (two
   * rows on a tall screen) fits below the run bar without scrolling. */
  grid(width, projector) {
    if (!projector) {
      return { columns: width < 560 ? 1 : width < 1000 ? 2 : 3, cellHeight: width < 560 ? 240 : 270 };
    }
    const columns = width < 560 ? 1 : width < 1200 ? 2 : 3;
    const top = this.canvas.getBoundingClientRect().top + window.scrollY;
    const rows = window.innerHeight >= 900 ? 2 : 1;
    const room = Math.floor((window.innerHeight - top - 8) / rows);
    return { columns, cellHeight: Math.max(260, Math.min(420, room)) };
  }

  /** Redraws the panel in view, sizing the canvas to its box. */
  draw() {
    const { comparison, bands, projector } = this.view();
    if (!comparison) return;
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.parentElement.clientWidth;
    if (width === 0) return;
    const { columns, cellHeight } = this.grid(width, projector);
    const rows = Math.ceil(this.outcomes().length / columns);
    // Where each chart lies, for the tour's highlight and the layout tests.
    Object.assign(this.canvas.dataset, { columns: String(columns), cellHeight: String(cellHeight) });
    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(rows * cellHeight * ratio);
    if (this.canvas.width !== pixelWidth || this.canvas.height !== pixelHeight) {
      this.canvas.width = pixelWidth;
      this.canvas.height = pixelHeight;
      this.canvas.style.height = `${rows * cellHeight}px`;
    }
    // Lines are drawn a sixth of the font size thick (src/charts): the
    // projector's larger type also gives it thicker lines.
    const font = Math.round((projector ? 22 : 15) * ratio);
    comparison.drawPanel(this.canvas, this.panel, columns, font, bands);
    const labels = this.outcomes().map((o) => o.label).join(', ');
    this.canvas.setAttribute('aria-label', `Charts of ${catalogue.panels[this.panel]}: ${labels}. Their values are summarised in text below.`);
  }

  hover(event) {
    const { comparison, bands, names } = this.view();
    if (!comparison) return;
    const box = this.canvas.getBoundingClientRect();
    const scale = this.canvas.width / box.width;
    const x = (event.clientX - box.left) * scale;
    const hit = comparison.hover(x, (event.clientY - box.top) * scale, bands);
    if (hit.length === 0) {
      this.hideTooltip();
      return;
    }
    const outcome = catalogue.outcomes[hit[0]];
    const month = hit[1];
    const rows = names.map((name, i) => {
      const [value, lower, upper] = hit.slice(2 + 3 * i, 5 + 3 * i);
      const band = Number.isNaN(lower) ? '' : ` (${catalogue.bandPercent}%: ${formatNumber(lower)}–${formatNumber(upper)})`;
      return el('li', {},
        el('span', { class: 'swatch', style: `background:${catalogue.colours[i]}` }),
        `${name}: ${formatNumber(value)}${band}`);
    });
    this.tooltip.replaceChildren(
      el('strong', {}, `${outcome.label} — month ${month}`),
      el('ul', {}, rows),
    );
    this.tooltip.hidden = false;
    this.cursor.hidden = false;
    const left = event.clientX - box.left;
    this.cursor.style.left = `${left}px`;
    const room = box.width - left;
    this.tooltip.style.left = room < 240 ? 'auto' : `${left + 12}px`;
    this.tooltip.style.right = room < 240 ? `${room + 12}px` : 'auto';
    this.tooltip.style.top = `${Math.max(0, event.clientY - box.top - 20)}px`;
  }

  hideTooltip() {
    this.tooltip.hidden = true;
    this.cursor.hidden = true;
  }
}

/** Draws one outcome alone on a new canvas and returns it as a PNG blob. */
export async function chartImage(comparison, outcome, bands) {
  const canvas = el('canvas', { width: 1200, height: 750 });
  comparison.drawOutcome(canvas, outcome, 26, bands);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

// The outcome charts: one tab per panel of the library's outcomes, drawn by
// plotters (in Rust) on one canvas, only for the panel in view (on a phone,
// one chart of it at a time, with buttons and a swipe between them).
// Hovering, tapping or dragging a chart shows every scenario's value at that
// month (a tap's values stay); a focused chart is read with the arrow keys,
// announced through a live region, without stepping the run.
import { catalogue } from './wasm.js';
import { byId, el, formatNumber } from './dom.js';

/** A phone's screen (up to 560 CSS px wide): one chart at a time. */
const PHONE = window.matchMedia('(max-width: 560px)');

export class Charts {
  /** `view()` returns `{ comparison, bands, projector, unitShares, names }`;
   * `onPanel(i)` reports that the reader chose a tab, which the page then
   * `show`s, and `onUnitShares(on)` that they ticked or cleared the fixed
   * 0–1 axis, which the page keeps in its state (and link) and redraws. */
  constructor({ view, panel, onPanel, onUnitShares }) {
    this.view = view;
    this.onPanel = onPanel;
    this.onUnitShares = onUnitShares;
    this.panel = panel;
    this.single = 0; // the chart shown on a phone, within the panel
    this.key = null; // the keyboard cursor: { chart, month } or null
    this.pinned = false; // a tap's values stay until the next tap
    this.canvas = byId('chart');
    this.tooltip = byId('chart-tooltip');
    this.cursor = byId('chart-cursor');
    this.box = byId('panel');
    this.tabs = catalogue.panels.map((title, i) =>
      el('button', {
        type: 'button', role: 'tab', id: `panel-tab-${i}`, 'aria-controls': 'panel',
        onclick: () => this.onPanel(i),
      }, title));
    const list = byId('panel-tabs');
    list.append(...this.tabs);
    list.addEventListener('keydown', (event) => this.arrowKeys(event));
    this.buildControls();
    this.canvas.addEventListener('pointerdown', (event) => this.pointerDown(event));
    this.canvas.addEventListener('pointermove', (event) => this.pointerMove(event));
    this.canvas.addEventListener('pointerup', (event) => this.pointerUp(event));
    this.canvas.addEventListener('pointerleave', (event) => {
      if (event.pointerType === 'mouse' && !this.key) this.hideTooltip();
    });
    this.box.addEventListener('keydown', (event) => this.readKeys(event));
    this.box.addEventListener('blur', () => {
      this.key = null;
      this.hideTooltip();
    });
    this.redrawOnWidthChange();
    // The legend is pinned below the sticky run bar: it needs that bar's
    // height. A chart focused by the keyboard scrolls to below both.
    const bar = byId('run-bar');
    const legend = byId('chart-legend');
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() => {
      root.setProperty('--run-bar-height', `${bar.offsetHeight}px`);
      root.setProperty('--legend-height', `${legend.offsetHeight}px`);
    });
    observer.observe(bar);
    observer.observe(legend);
    this.show(panel);
  }

  /** Redraws the charts when their box changes width. Not when only its
   * height changes: the charts set it (and a phone's values under them). */
  redrawOnWidthChange() {
    let width = null;
    new ResizeObserver(([entry]) => {
      if (entry.contentRect.width === width) return;
      width = entry.contentRect.width;
      this.draw();
    }).observe(this.box);
  }

  /** The checkbox for a fixed 0–1 axis, the phone's chart switcher and the
   * live region the keyboard cursor speaks through. */
  buildControls() {
    this.unitShares = el('input', {
      type: 'checkbox', id: 'unit-shares', onchange: () => this.onUnitShares(this.unitShares.checked),
    });
    // The state's choice, shown whether or not the charts have been drawn.
    this.unitShares.checked = !!this.view().unitShares;
    // Below the charts, so that it does not push them off a first screen.
    byId('panel-summary').before(el('label', { class: 'check' }, this.unitShares, ' Shares on a fixed 0–1 axis'));
    this.prev = el('button', { type: 'button', id: 'chart-prev', 'aria-label': 'Previous chart', onclick: () => this.turn(-1) }, '‹');
    this.next = el('button', { type: 'button', id: 'chart-next', 'aria-label': 'Next chart', onclick: () => this.turn(1) }, '›');
    this.which = el('span', { id: 'chart-which', class: 'chart-which', 'aria-live': 'polite' });
    this.switcher = el('div', { class: 'chart-switcher', id: 'chart-switcher' }, this.prev, this.which, this.next);
    this.box.before(this.switcher);
    this.announcer = el('p', { id: 'chart-announce', class: 'visually-hidden', 'aria-live': 'polite' });
    this.box.after(this.announcer);
    this.box.setAttribute('aria-roledescription', 'charts');
    this.box.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight ArrowUp ArrowDown Home End');
  }

  /** Shows panel `index`: its tab selected, its charts drawn. */
  show(index) {
    this.panel = index;
    this.single = 0;
    this.key = null;
    this.tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
    });
    this.box.setAttribute('aria-labelledby', `panel-tab-${index}`);
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

  /** Whether the charts are shown one at a time (a phone's width). */
  phone() {
    return PHONE.matches;
  }

  /** The outcomes drawn: the panel's, or on a phone the one in view. */
  drawn() {
    const all = this.outcomes();
    return this.phone() ? [all[Math.min(this.single, all.length - 1)]] : all;
  }

  /** Brings the chart of outcome `name` into view: on a phone, where one
   * chart of the panel shows at a time, turns to it (the panel must be
   * shown already). */
  showOutcome(name) {
    const index = this.outcomes().findIndex((o) => o.name === name);
    if (index < 0 || index === this.single) return;
    this.single = index;
    this.key = null;
    this.pinned = false;
    this.hideTooltip();
    this.draw();
  }

  /** On a phone, shows the next (`+1`) or previous (`-1`) chart of the panel. */
  turn(by) {
    const count = this.outcomes().length;
    this.single = (this.single + by + count) % count;
    this.key = null;
    this.pinned = false;
    this.hideTooltip();
    this.draw();
  }

  /** Redraws the panel in view, sizing the canvas to its box. */
  draw() {
    const { comparison, bands, projector, unitShares } = this.view();
    if (!comparison) return;
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.parentElement.clientWidth;
    if (width === 0) return;
    const phone = this.phone();
    const outcomes = this.drawn();
    const all = this.outcomes();
    this.switcher.hidden = !phone;
    this.which.textContent = phone ? `${outcomes[0].label} (${this.single + 1} of ${all.length})` : '';
    const grid = this.grid(width, projector);
    const columns = phone ? 1 : grid.columns;
    // On a phone the one chart fits the screen's width and most of its height.
    const cellHeight = phone ? Math.min(320, Math.round(width * 0.85)) : grid.cellHeight;
    const rows = Math.ceil(outcomes.length / columns);
    // Where each chart lies, for the tour's highlight and the layout tests.
    Object.assign(this.canvas.dataset, {
      columns: String(columns), cellHeight: String(cellHeight), outcomes: outcomes.map((o) => o.name).join(' '),
    });
    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(rows * cellHeight * ratio);
    if (this.canvas.width !== pixelWidth || this.canvas.height !== pixelHeight) {
      this.canvas.width = pixelWidth;
      this.canvas.height = pixelHeight;
      this.canvas.style.height = `${rows * cellHeight}px`;
    }
    // Lines are drawn a fifth of the font size thick (src/charts): the
    // projector's larger type also gives it thicker lines.
    const font = Math.round((projector ? 22 : 15) * ratio);
    const columnsOf = Uint32Array.from(outcomes.map((o) => catalogue.outcomes.indexOf(o)));
    this.unitShares.checked = !!unitShares;
    comparison.drawCharts(this.canvas, columnsOf, columns, font, bands, !!unitShares);
    const labels = outcomes.map((o) => o.label).join(', ');
    this.canvas.setAttribute('aria-label', `Charts of ${catalogue.panels[this.panel]}: ${labels}. Their values are summarised in text below.`);
    if (this.key) this.readAt(false);
    // For what is laid over the charts (the tour's outline): a layout to follow.
    this.canvas.dispatchEvent(new Event('drawn'));
  }

  // ── Pointer: hover with a mouse; tap or drag with a finger or pen ──────
  pointerDown(event) {
    this.down = { x: event.clientX, y: event.clientY, t: performance.now(), type: event.pointerType };
    if (event.pointerType !== 'mouse') this.hover(event);
  }

  pointerMove(event) {
    if (event.pointerType === 'mouse' || this.down) this.hover(event);
  }

  pointerUp(event) {
    const down = this.down;
    this.down = null;
    if (!down) return;
    const dx = event.clientX - down.x;
    // A quick horizontal flick on a phone turns to the next chart; anything
    // else leaves the values of the point let go on screen.
    if (this.phone() && Math.abs(dx) > 70 && Math.abs(event.clientY - down.y) < 50
        && performance.now() - down.t < 400) {
      this.turn(dx < 0 ? 1 : -1);
      return;
    }
    this.pinned = event.pointerType !== 'mouse';
    if (this.pinned && this.phone() && !this.tooltip.hidden) this.revealValues();
  }

  /** Scrolls a phone's values under the chart into view, if the finger
   * lifted with them below the screen's edge: they are there to be read. */
  revealValues() {
    if (this.tooltip.getBoundingClientRect().bottom > window.innerHeight) {
      this.tooltip.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    }
  }

  hover(event) {
    const box = this.canvas.getBoundingClientRect();
    const scale = this.canvas.width / box.width;
    this.showAt((event.clientX - box.left) * scale, (event.clientY - box.top) * scale);
  }

  /** Shows the values under canvas pixel (x, y); returns the hit or null. */
  showAt(x, y) {
    const { comparison, bands, names } = this.view();
    if (!comparison) return null;
    const hit = comparison.hover(x, y, bands);
    if (hit.length === 0) {
      if (!this.pinned) this.hideTooltip();
      return null;
    }
    const outcome = catalogue.outcomes[hit[0]];
    const month = hit[1];
    const values = names.map((name, i) => {
      const [value, lower, upper] = hit.slice(2 + 3 * i, 5 + 3 * i);
      const band = Number.isNaN(lower) ? '' : ` (${catalogue.bandPercent}%: ${formatNumber(lower)}–${formatNumber(upper)})`;
      return { name, text: `${name}: ${formatNumber(value)}${band}`, i };
    });
    this.tooltip.replaceChildren(
      el('strong', {}, `${outcome.label} — month ${month}`),
      el('ul', {}, values.map((v) => el('li', {},
        el('span', { class: 'swatch', style: `background:${catalogue.colours[v.i]}` }), v.text))),
    );
    const scale = this.canvas.width / this.canvas.getBoundingClientRect().width;
    const area = comparison.plotArea(hit[0]);
    const left = x / scale;
    const width = this.canvas.clientWidth;
    this.tooltip.hidden = false;
    this.cursor.hidden = false;
    this.cursor.style.left = `${left}px`;
    this.cursor.style.top = `${area[2] / scale}px`;
    this.cursor.style.bottom = 'auto';
    this.cursor.style.height = `${(area[3] - area[2]) / scale}px`;
    const room = width - left;
    if (this.phone()) {
      // A finger covers the point: on a phone the values sit under the
      // chart, across its width, in the page's flow (style.css), so that
      // they push what follows down rather than cover it.
      Object.assign(this.tooltip.style, { left: '', right: '', top: '' });
    } else {
      this.tooltip.style.left = room < 240 ? 'auto' : `${left + 12}px`;
      this.tooltip.style.right = room < 240 ? `${room + 12}px` : 'auto';
      this.tooltip.style.top = `${Math.max(0, y / scale - 20)}px`;
    }
    return { outcome, month, values };
  }

  hideTooltip() {
    this.pinned = false;
    this.tooltip.hidden = true;
    this.cursor.hidden = true;
  }

  // ── Keyboard: the focused panel read month by month ───────────────────
  /** ← → move a month, ↑ ↓ another chart, Home/End the first/last month. */
  readKeys(event) {
    if (event.target !== this.box || event.altKey || event.ctrlKey || event.metaKey) return;
    const { comparison, bands } = this.view();
    if (!comparison) return;
    const moves = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];
    if (!moves.includes(event.key)) return;
    // Handled here: the page's shortcut for → (step a month) must not run.
    event.preventDefault();
    const months = comparison.months(0, bands);
    const count = this.drawn().length;
    const last = months.length - 1;
    this.key ??= { chart: 0, index: last };
    const key = this.key;
    if (event.key === 'ArrowLeft') key.index = Math.max(0, key.index - 1);
    if (event.key === 'ArrowRight') key.index = Math.min(last, key.index + 1);
    if (event.key === 'Home') key.index = 0;
    if (event.key === 'End') key.index = last;
    if (event.key === 'ArrowDown') key.chart = (key.chart + 1) % count;
    if (event.key === 'ArrowUp') key.chart = (key.chart + count - 1) % count;
    key.index = Math.min(key.index, last);
    this.readAt(true);
  }

  /** Draws the keyboard cursor and, if `speak`, announces its values. */
  readAt(speak) {
    const { comparison, bands } = this.view();
    const outcome = this.drawn()[this.key.chart];
    if (!comparison || !outcome) return;
    const months = comparison.months(0, bands);
    const month = months[Math.min(this.key.index, months.length - 1)];
    const area = comparison.plotArea(catalogue.outcomes.indexOf(outcome));
    if (area.length === 0) return;
    const [left, right, top, bottom, xMax] = area;
    const x = left + (month / xMax) * (right - left);
    const shown = this.showAt(Math.min(x, right), (top + bottom) / 2);
    if (shown && speak) {
      this.announcer.textContent = `${shown.outcome.label}, month ${shown.month}: ${
        shown.values.map((v) => v.text).join(', ')}`;
    }
  }
}

/** Draws one outcome alone on a new canvas and returns it as a PNG blob. */
export async function chartImage(comparison, outcome, bands) {
  const canvas = el('canvas', { width: 1200, height: 750 });
  comparison.drawOutcome(canvas, outcome, 26, bands);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

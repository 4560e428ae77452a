// The picture of society, one per scenario (painted by societypaint.js): the
// figures, their captions, counts and names, and where the painting runs.
// Large populations are painted in the painting worker (painter.js), off
// the page's thread, where the browser can hand a canvas to a worker;
// smaller ones here, which saves the worker's memory. Either way it reads
// the copies of the agents' state that the stepping worker sends with each
// reply (typed arrays): no call and no object per agent.
import { catalogue } from './wasm.js';
import { byId, el } from './dom.js';
import { STATES, SocietyPainter } from './societypaint.js';

/** Whether canvases can be painted by a worker (not in Safari before 16.4). */
const OFFSCREEN = typeof OffscreenCanvas === 'function'
  && typeof HTMLCanvasElement.prototype.transferControlToOffscreen === 'function';

/** Citizens in all the pictures together from which they are painted in the
 * worker. At 4 × 100,000 citizens, painted here, the frame that drew them
 * ran up to 40 ms of script and lasted over 50 ms. At 10,000 citizens they
 * take a few, and the worker (a JavaScript instance of its own) cost more
 * than it saved: in the page bench at 10,000 citizens (one run each),
 * painting there gave a PSS of 202 MB, over the page's 200 MB target, and
 * 663 months/s, painting here 159 MB and 843 months/s. Sizes between were
 * not measured: the threshold is set where the frames were long. */
const WORKER_CITIZENS = 100_000;

export class Society {
  constructor() {
    this.container = byId('society');
    this.names = [];
    this.panels = [];
    /** The panels `warmUp` is drawing, if it is. */
    this.warming = null;
    /** Which set of panels is the page's (a worker's answer for another is dropped). */
    this.generation = 0;
    /** The agents' copies handed to the worker (emptied here; it paints from them). */
    this.handedOver = new WeakSet();
    /** Pictures waiting for the worker (by panel), and whether it is busy. */
    this.queued = new Map();
    this.painting = false;
    /** Where this set of pictures is painted: `null` until its first draw
     * (when its populations are known), then 'worker' or 'here'. */
    this.where = null;
    this.painter = null;
    this.painterFailed = false;
    this.here = null;
    byId('society-legend').append(...STATES.map((s) =>
      el('li', {}, el('span', { class: 'swatch', style: `background:${s.colour}` }), s.label)));
  }

  /** The painting worker, answering each draw with the pictures' counts. A
   * worker that fails hands the painting back to the page's thread, on
   * fresh canvases (a canvas once handed over cannot be painted here). */
  startPainter() {
    const worker = new Worker(new URL('./painter.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => {
      this.painting = false;
      if (data.generation === this.generation) {
        for (const [index, text] of data.texts) this.label(this.panels[index], text);
      }
      this.sendQueued();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.painterFailed = true;
      this.stopPainter();
      this.setScenarios(this.names);
    };
    return worker;
  }

  /** Stops the painting worker, if there is one, and forgets its queue. */
  stopPainter() {
    this.painter?.terminate();
    this.painter = null;
    this.painting = false;
    this.queued.clear();
  }

  /** Decides, at a set of pictures' first draw, where they are painted:
   * in the worker if their populations are large and the browser can. */
  settle(societies) {
    if (this.where !== null || !societies?.length) return;
    const citizens = societies.reduce((n, society) => n + (society?.citizens ?? 0), 0);
    if (citizens >= WORKER_CITIZENS && OFFSCREEN && !this.painterFailed) {
      try {
        this.painter ??= this.startPainter();
        const canvases = this.panels.map((panel) => panel.canvas.transferControlToOffscreen());
        const tables = { citizenFlags: catalogue.citizenFlags, projectStride: catalogue.projectStride };
        this.painter.postMessage({ kind: 'panels', generation: this.generation, tables, canvases }, canvases);
        this.where = 'worker';
        return;
      } catch {
        // No worker (or a canvas that cannot be handed over): painted here,
        // on fresh canvases, from now on.
        this.painterFailed = true;
        this.stopPainter();
        this.setScenarios(this.names);
      }
    }
    this.where = 'here';
    // Painted here: the worker's memory back.
    this.stopPainter();
    this.panels.forEach((panel) => { panel.target = SocietyPainter.target(panel.canvas); });
  }

  /** Makes one figure per scenario (when the scenarios change). */
  setScenarios(names) {
    this.names = names;
    this.generation += 1;
    this.queued.clear();
    this.panels = names.map((name, i) => {
      // Named from the start: a picture off screen is not drawn, but keeps
      // its name (and its last counts) for a screen reader.
      const canvas = el('canvas', { class: 'society-canvas', role: 'img', 'aria-label': `${name}: picture of society` });
      const caption = el('figcaption', {},
        el('span', { class: 'swatch', style: `background:${catalogue.colours[i]}` }), name);
      const counts = el('p', { class: 'society-counts' });
      const figure = el('figure', { class: 'society-figure' }, caption, canvas, counts);
      return { name, canvas, counts, figure, target: null, sent: false, drawn: '' };
    });
    this.container.replaceChildren(...this.panels.map((p) => p.figure));
    this.where = null;
  }

  /** Redraws every scenario's picture from its agents (`{ flags,
   * projects, citizens }` per scenario: a byte of state bits per citizen, a
   * record of `catalogue.projectStride` numbers per project, and the count
   * of citizens, which stays when the copies are handed to the worker). */
  draw(societies) {
    if (!societies?.length) return;
    this.settle(societies);
    this.drawPanels(this.panels.map((panel, i) => [panel, societies[i]]));
  }

  /** Draws, one at a time in moments the page is idle, each picture never
   * drawn since the scenarios were set (pictures off screen are not
   * redrawn), from `societies()` as it is then, so that pictures off screen
   * carry their counts. On the page's thread a picture's first draw sizes
   * its canvas and makes its buffers, its loops not yet optimised: done in
   * the frame the pictures scrolled into view, at 4 × 100,000 citizens
   * (before such pictures went to the worker), it took 46 ms of that
   * frame, where later draws took 20–30 ms for all four. */
  warmUp(societies) {
    const { panels } = this;
    if (this.warming === panels || panels.every((panel) => panel.sent)) return;
    this.warming = panels;
    const idle = window.requestIdleCallback
      ? (fn) => window.requestIdleCallback(fn, { timeout: 1000 })
      : (fn) => setTimeout(fn, 100);
    const next = () => {
      const now = societies();
      const i = panels.findIndex((panel) => !panel.sent);
      // New scenarios, or nothing left to warm: stop.
      if (this.panels !== panels || i < 0 || !now?.[i]) return;
      this.settle(now);
      this.drawPanels([[panels[i], now[i]]]);
      idle(next);
    };
    idle(next);
  }

  /** Draws each of `pairs` (`[panel, society]`): sends them to the painting
   * worker (the latest of each picture waits while it paints), or paints
   * them here. */
  drawPanels(pairs) {
    // Every picture's size is read before any is drawn: reading a size after
    // a change to the page lays the page out again, once per picture.
    const ratio = window.devicePixelRatio || 1;
    const widths = pairs.map(([panel]) => Math.max(120, Math.round(panel.canvas.clientWidth * ratio)));
    pairs.forEach(([panel, society], k) => {
      if (!society) return;
      const index = this.panels.indexOf(panel);
      if (this.where === 'worker') {
        this.queued.set(index, { index, width: widths[k], society });
      } else {
        // Copies handed to a worker that then failed are empty here: the
        // picture waits for the next month's.
        if (this.handedOver.has(society)) return;
        this.here ??= new SocietyPainter(catalogue);
        this.label(panel, this.here.paint(panel.target, widths[k], society.flags, society.projects));
      }
      panel.sent = true;
    });
    this.sendQueued();
  }

  /** Sends the worker the pictures waiting, unless it is painting. */
  sendQueued() {
    if (this.where !== 'worker' || !this.painter || this.painting || this.queued.size === 0) return;
    // The agents' copies are handed over, not copied again (cloning them
    // took 223 ms of the page's thread in 6 s of play at 4 × 100,000
    // citizens); a
    // copy already handed over (its buffer now empty here) is one the
    // worker holds, and it paints from that.
    const transfer = [];
    const items = [...this.queued.values()].map(({ index, width, society }) => {
      if (this.handedOver.has(society)) return { index, width };
      this.handedOver.add(society);
      transfer.push(society.flags.buffer, society.projects.buffer);
      return { index, width, flags: society.flags, projects: society.projects };
    });
    this.queued.clear();
    this.painter.postMessage({ kind: 'draw', generation: this.generation, items }, transfer);
    this.painting = true;
  }

  /** Writes a picture's counts beside it and into its name. */
  label(panel, text) {
    if (!panel || panel.drawn === text) return;
    panel.counts.textContent = text;
    panel.canvas.setAttribute('aria-label', `${panel.name}: ${text}`);
    panel.drawn = text;
  }
}

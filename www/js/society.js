// The picture of society, one per scenario: every citizen a cell coloured by
// state, every project a disc sized by its knowledge (filled as far as its
// infrastructure is healthy), forks ringed and tied to their parent. It reads
// the copies of the agents' state that the stepping worker sends with each
// reply (typed arrays): no call and no object per agent.
import { catalogue } from './wasm.js';
import { byId, el } from './dom.js';

/** Whole numbers as the page writes them (a formatter made once). */
const WHOLE = new Intl.NumberFormat('en-GB');

/** Citizen states, in the order a citizen is classed (first match wins). */
export const STATES = [
  { key: 'precarious', label: 'Precarious', colour: '#d55e00' },
  { key: 'contributing', label: 'Contributing', colour: '#009e73' },
  { key: 'owner', label: 'Owns a firm', colour: '#e69f00' },
  { key: 'employed', label: 'Employed', colour: '#0072b2' },
  { key: 'other', label: 'None of these', colour: '#c8c8c8' },
];

/** Packs a #rrggbb colour as a little-endian RGBA pixel. */
function pixel(hex) {
  const n = parseInt(hex.slice(1), 16);
  return (0xff << 24) | ((n & 0xff) << 16) | (n & 0xff00) | (n >> 16);
}

/** One state per flag combination (256 entries), so classing is a lookup. */
function classTable() {
  const bits = catalogue.citizenFlags;
  const table = new Uint8Array(256);
  for (let f = 0; f < 256; f += 1) {
    const index = STATES.findIndex((s) => s.key === 'other' || (f & bits[s.key]) !== 0);
    table[f] = index;
  }
  return table;
}

export class Society {
  constructor() {
    this.container = byId('society');
    this.panels = [];
    this.classes = null;
    /** The panels `warmUp` is drawing, if it is. */
    this.warming = null;
    this.pixels = STATES.map((s) => pixel(s.colour));
    byId('society-legend').append(...STATES.map((s) =>
      el('li', {}, el('span', { class: 'swatch', style: `background:${s.colour}` }), s.label)));
  }

  /** Makes one figure per scenario (when the scenarios change). */
  setScenarios(names) {
    this.panels = names.map((name, i) => {
      // Named from the start: a picture off screen is not drawn, but keeps
      // its name (and its last counts) for a screen reader.
      const canvas = el('canvas', { class: 'society-canvas', role: 'img', 'aria-label': `${name}: picture of society` });
      const caption = el('figcaption', {},
        el('span', { class: 'swatch', style: `background:${catalogue.colours[i]}` }), name);
      const counts = el('p', { class: 'society-counts' });
      const figure = el('figure', { class: 'society-figure' }, caption, canvas, counts);
      return { name, canvas, counts, figure, image: null, buffer: null, discs: null, discsBuffer: null, drawn: '' };
    });
    this.container.replaceChildren(...this.panels.map((p) => p.figure));
  }

  /** Redraws every scenario's picture from its agents (`{ flags,
   * projects }` per scenario: a byte of state bits per citizen, a record of
   * `catalogue.projectStride` numbers per project). */
  draw(societies) {
    if (!societies?.length) return;
    this.drawPanels(this.panels.map((panel, i) => [panel, societies[i]]));
  }

  /** Draws, one at a time in moments the page is idle, each picture never
   * drawn since the scenarios were set (pictures off screen are not
   * redrawn), from `societies()` as it is then. A picture's first draw
   * sizes its canvas and makes its buffers, its loops not yet optimised:
   * done in the frame the pictures scroll into view, at 4 × 100,000
   * citizens, it took 46 ms of that frame, where the pictures' later draws
   * take 20–30 ms together. */
  warmUp(societies) {
    const { panels } = this;
    if (this.warming === panels || !panels.some((panel) => panel.image === null)) return;
    this.warming = panels;
    const idle = window.requestIdleCallback
      ? (fn) => window.requestIdleCallback(fn, { timeout: 1000 })
      : (fn) => setTimeout(fn, 100);
    const next = () => {
      const now = societies();
      const i = panels.findIndex((panel) => panel.image === null);
      // New scenarios, or nothing left to warm: stop.
      if (this.panels !== panels || i < 0 || !now?.[i]) return;
      this.drawPanels([[panels[i], now[i]]]);
      idle(next);
    };
    idle(next);
  }

  /** Draws each of `pairs` (`[panel, society]`). */
  drawPanels(pairs) {
    this.classes ??= classTable();
    // Every picture's size is read before any is drawn: reading a size after
    // a change to the page lays the page out again, once per picture.
    const ratio = window.devicePixelRatio || 1;
    const widths = pairs.map(([panel]) => Math.max(120, Math.round(panel.canvas.clientWidth * ratio)));
    const texts = pairs.map(([panel, society], k) => (society
      ? this.drawOne(panel, widths[k], society.flags, society.projects, catalogue.projectStride)
      : null));
    pairs.forEach(([panel], k) => {
      const text = texts[k];
      if (text === null || panel.drawn === text) return;
      panel.counts.textContent = text;
      panel.canvas.setAttribute('aria-label', `${panel.name}: ${text}`);
      panel.drawn = text;
    });
  }

  /** Draws one picture `width` device pixels wide; returns its counts as text. */
  drawOne(panel, width, flags, projects, stride) {
    const { canvas } = panel;
    const height = Math.round(width * 0.95);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    const citizensHeight = Math.round(height * 0.58);
    const counts = this.drawCitizens(panel, context, flags, width, citizensHeight);
    this.drawProjects(panel, context, projects, stride, citizensHeight + 4, width, height - citizensHeight - 4);
    const total = Math.max(1, flags.length);
    const shares = STATES.slice(0, 4).map((s, k) => `${s.label.toLowerCase()} ${Math.round((100 * counts[k]) / total)}%`);
    const alive = countAlive(projects, stride);
    return `${WHOLE.format(flags.length)} citizens: ${shares.join(', ')}. ${alive} projects alive.`;
  }

  /** Citizens as a grid of cells: drawn at one pixel each, then scaled up. */
  drawCitizens(panel, context, flags, width, height) {
    const n = flags.length;
    const columns = Math.max(1, Math.ceil(Math.sqrt((n * width) / height)));
    const rows = Math.max(1, Math.ceil(n / columns));
    if (!panel.image || panel.image.width !== columns || panel.image.height !== rows) {
      panel.image = new ImageData(columns, rows);
      panel.buffer = new OffscreenCanvas(columns, rows);
    }
    const out = new Uint32Array(panel.image.data.buffer);
    out.fill(0);
    const counts = new Array(STATES.length).fill(0);
    for (let i = 0; i < n; i += 1) {
      const state = this.classes[flags[i]];
      counts[state] += 1;
      out[i] = this.pixels[state];
    }
    panel.buffer.getContext('2d').putImageData(panel.image, 0, 0);
    const cell = Math.min(width / columns, height / rows);
    context.imageSmoothingEnabled = false;
    context.drawImage(panel.buffer, 0, 0, columns * cell, rows * cell);
    return counts;
  }

  /** Projects as discs in a grid, in id order: area ∝ knowledge, filled as
   * far as infrastructure is healthy; forks ringed and tied to their parent.
   * The ties are a path; the discs and rings are computed pixel by pixel
   * (edges smoothed by how far a pixel's centre lies from them) into the
   * panel's own image and drawn on top in one go: at 4 × 5,000 projects,
   * drawing each disc as a path to fill and stroke took about a tenth of a
   * second a frame, for discs a few pixels across. */
  drawProjects(panel, context, projects, stride, top, width, height) {
    const count = projects.length / stride;
    if (count === 0) return;
    const columns = Math.max(1, Math.ceil(Math.sqrt((count * width) / height)));
    const rows = Math.ceil(count / columns);
    const cell = Math.min(width / columns, height / rows);
    let most = 1;
    for (let p = 0; p < count; p += 1) most = Math.max(most, projects[p * stride]);
    // A project's centre in the grid (no array made per project: at 4 ×
    // 5,000 projects a frame, their garbage was collected mid-frame).
    const centreX = (p) => ((p % columns) + 0.5) * cell;
    const centreY = (p) => (Math.floor(p / columns) + 0.5) * cell;
    const ring = Math.max(1, cell / 10);
    context.lineWidth = ring;
    context.strokeStyle = RING_RGB;
    context.beginPath();
    for (let p = 0; p < count; p += 1) {
      const parent = projects[p * stride + 2];
      if (projects[p * stride + 4] === 0 || parent < 0) continue;
      context.moveTo(centreX(p), top + centreY(p));
      context.lineTo(centreX(parent), top + centreY(parent));
    }
    context.stroke();
    const w = Math.max(1, Math.ceil(columns * cell));
    const h = Math.max(1, Math.ceil(rows * cell));
    if (!panel.discs || panel.discs.width !== w || panel.discs.height !== h) {
      panel.discs = new ImageData(w, h);
      panel.discsBuffer = new OffscreenCanvas(w, h);
    }
    const data = panel.discs.data;
    data.fill(0);
    for (let p = 0; p < count; p += 1) {
      const base = p * stride;
      if (projects[base + 4] === 0) continue;
      const radius = Math.max(1, (cell / 2 - 1) * Math.sqrt(Math.max(0, projects[base]) / most));
      const fill = 0.15 + 0.85 * Math.min(1, Math.max(0, projects[base + 1]));
      paintDisc(data, w, h, centreX(p), centreY(p), radius, fill, projects[base + 2] >= 0 ? ring / 2 : 0);
    }
    panel.discsBuffer.getContext('2d').putImageData(panel.discs, 0, 0);
    context.drawImage(panel.discsBuffer, 0, top);
  }
}

/** The discs' colour and the forks' rings' (as in the legend). */
const DISC = [0, 158, 115];
const RING = [204, 121, 167];
const RING_RGB = `rgb(${RING.join(',')})`;

/** Paints into `data` (RGBA, `w` × `h`) a disc of `radius` pixels at
 * (`cx`, `cy`), of opacity `fill`, ringed (if `halfRing` > 0) by an opaque
 * line that far either side of its edge. A pixel's share of each is 1 where
 * its centre lies half a pixel inside the edge, 0 half a pixel outside,
 * linear between; where a neighbour's ring already reached a pixel, the
 * more opaque of the two is kept. */
function paintDisc(data, w, h, cx, cy, radius, fill, halfRing) {
  // Pixels whose centre lies within `outer` of the centre have a share.
  const outer = radius + halfRing + 0.5;
  const outerSquared = outer * outer;
  const x0 = Math.max(0, Math.ceil(cx - outer - 0.5));
  const x1 = Math.min(w - 1, Math.floor(cx + outer - 0.5));
  const y0 = Math.max(0, Math.ceil(cy - outer - 0.5));
  const y1 = Math.min(h - 1, Math.floor(cy + outer - 0.5));
  for (let y = y0; y <= y1; y += 1) {
    const dy = y + 0.5 - cy;
    for (let x = x0; x <= x1; x += 1) {
      const dx = x + 0.5 - cx;
      const squared = dx * dx + dy * dy;
      if (squared >= outerSquared) continue;
      const distance = Math.sqrt(squared);
      const disc = fill * Math.min(1, Math.max(0, radius + 0.5 - distance));
      const rim = halfRing > 0 ? Math.min(1, Math.max(0, halfRing + 0.5 - Math.abs(distance - radius))) : 0;
      // The ring over the disc ("source over"), as straight (unpremultiplied) colour.
      const alpha = rim + disc * (1 - rim);
      const at = 4 * (y * w + x);
      if (alpha <= 0 || 255 * alpha <= data[at + 3]) continue;
      const under = disc * (1 - rim);
      data[at] = (RING[0] * rim + DISC[0] * under) / alpha;
      data[at + 1] = (RING[1] * rim + DISC[1] * under) / alpha;
      data[at + 2] = (RING[2] * rim + DISC[2] * under) / alpha;
      data[at + 3] = 255 * alpha;
    }
  }
}

function countAlive(projects, stride) {
  let alive = 0;
  for (let p = 4; p < projects.length; p += stride) alive += projects[p];
  return alive;
}

// The picture of society, one per scenario: every citizen a cell coloured by
// state, every project a disc sized by its knowledge (filled as far as its
// infrastructure is healthy), forks ringed and tied to their parent. It reads
// the copies of the agents' state that the stepping worker sends with each
// reply (typed arrays): no call and no object per agent.
import { catalogue } from './wasm.js';
import { byId, el } from './dom.js';

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
      return { name, canvas, counts, figure, image: null, buffer: null, drawn: '' };
    });
    this.container.replaceChildren(...this.panels.map((p) => p.figure));
  }

  /** Redraws every scenario's picture from its agents (`{ flags,
   * projects }` per scenario: a byte of state bits per citizen, a record of
   * `catalogue.projectStride` numbers per project). */
  draw(societies) {
    if (!societies?.length) return;
    this.classes ??= classTable();
    this.panels.forEach((panel, i) => {
      const society = societies[i];
      if (society) this.drawOne(panel, society.flags, society.projects, catalogue.projectStride);
    });
  }

  drawOne(panel, flags, projects, stride) {
    const { canvas } = panel;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(120, Math.round(canvas.clientWidth * ratio));
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
    this.drawProjects(context, projects, stride, citizensHeight + 4, width, height - citizensHeight - 4);
    const total = Math.max(1, flags.length);
    const shares = STATES.slice(0, 4).map((s, k) => `${s.label.toLowerCase()} ${Math.round((100 * counts[k]) / total)}%`);
    const alive = countAlive(projects, stride);
    const text = `${flags.length.toLocaleString('en-GB')} citizens: ${shares.join(', ')}. ${alive} projects alive.`;
    if (panel.drawn !== text) {
      panel.counts.textContent = text;
      canvas.setAttribute('aria-label', `${panel.name}: ${text}`);
      panel.drawn = text;
    }
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
   * far as infrastructure is healthy; forks ringed and tied to their parent. */
  drawProjects(context, projects, stride, top, width, height) {
    const count = projects.length / stride;
    if (count === 0) return;
    const columns = Math.max(1, Math.ceil(Math.sqrt((count * width) / height)));
    const cell = Math.min(width / columns, height / Math.ceil(count / columns));
    let most = 1;
    for (let p = 0; p < count; p += 1) most = Math.max(most, projects[p * stride]);
    const centre = (p) => [((p % columns) + 0.5) * cell, top + (Math.floor(p / columns) + 0.5) * cell];
    context.lineWidth = Math.max(1, cell / 10);
    context.strokeStyle = '#cc79a7';
    context.beginPath();
    for (let p = 0; p < count; p += 1) {
      const parent = projects[p * stride + 2];
      if (projects[p * stride + 4] === 0 || parent < 0) continue;
      const [x, y] = centre(p);
      const [px, py] = centre(parent);
      context.moveTo(x, y);
      context.lineTo(px, py);
    }
    context.stroke();
    for (let p = 0; p < count; p += 1) {
      const base = p * stride;
      if (projects[base + 4] === 0) continue;
      const [x, y] = centre(p);
      const radius = Math.max(1, (cell / 2 - 1) * Math.sqrt(Math.max(0, projects[base]) / most));
      context.beginPath();
      context.arc(x, y, radius, 0, 2 * Math.PI);
      context.fillStyle = `rgba(0, 158, 115, ${0.15 + 0.85 * Math.min(1, Math.max(0, projects[base + 1]))})`;
      context.fill();
      if (projects[base + 2] >= 0) context.stroke();
    }
  }
}

function countAlive(projects, stride) {
  let alive = 0;
  for (let p = 4; p < projects.length; p += stride) alive += projects[p];
  return alive;
}

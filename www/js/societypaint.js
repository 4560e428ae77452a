// Paints the picture of society onto a canvas: every citizen a cell coloured
// by state, every project a disc sized by its knowledge (filled as far as its
// infrastructure is healthy), forks ringed and tied to their parent. It
// needs no document where offscreen canvases exist, so the same code paints
// on the page's thread or, for large populations where the browser can hand
// a canvas to a worker, in the painting worker (painter.js), so that a
// month's pictures at 4 × 100,000 citizens take nothing from the page's
// frames.

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

/** One state per flag combination (256 entries), so classing is a lookup;
 * `bits` is the model's `citizenFlags` (a bit per state). */
function classTable(bits) {
  const table = new Uint8Array(256);
  for (let f = 0; f < 256; f += 1) {
    const index = STATES.findIndex((s) => s.key === 'other' || (f & bits[s.key]) !== 0);
    table[f] = index;
  }
  return table;
}

/** Paints pictures for the model's tables (`{ citizenFlags, projectStride }`,
 * from its catalogue). A target is `{ canvas }` (an HTML or offscreen
 * canvas) and keeps, between paintings, its context and the buffers it was
 * painted with (a buffer is the context of a canvas not shown). */
export class SocietyPainter {
  constructor(tables) {
    this.classes = classTable(tables.citizenFlags);
    this.stride = tables.projectStride;
    this.pixels = STATES.map((s) => pixel(s.colour));
  }

  /** A target for `canvas`, with no buffers yet. */
  static target(canvas) {
    return { canvas, context: null, image: null, buffer: null, discs: null, discsBuffer: null };
  }

  /** Paints `target`'s picture `width` device pixels wide from a scenario's
   * agents (a byte of state bits per citizen, a record of `stride` numbers
   * per project); returns its counts as text. */
  paint(target, width, flags, projects) {
    const { stride } = this;
    const { canvas } = target;
    const height = Math.round(width * 0.95);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    // Contexts are asked for once: a canvas keeps its context, and asking
    // again cost 96 ms in a 6 s profile of play at 4 × 100,000 citizens.
    target.context ??= canvas.getContext('2d');
    const { context } = target;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    const citizensHeight = Math.round(height * 0.58);
    const counts = this.drawCitizens(target, context, flags, width, citizensHeight);
    this.drawProjects(target, context, projects, stride, citizensHeight + 4, width, height - citizensHeight - 4);
    const total = Math.max(1, flags.length);
    const shares = STATES.slice(0, 4).map((s, k) => `${s.label.toLowerCase()} ${Math.round((100 * counts[k]) / total)}%`);
    const alive = countAlive(projects, stride);
    return `${WHOLE.format(flags.length)} citizens: ${shares.join(', ')}. ${alive} projects alive.`;
  }

  /** Citizens as a grid of cells: drawn at one pixel each, then scaled up. */
  drawCitizens(target, context, flags, width, height) {
    const n = flags.length;
    const columns = Math.max(1, Math.ceil(Math.sqrt((n * width) / height)));
    const rows = Math.max(1, Math.ceil(n / columns));
    if (!target.image || target.image.width !== columns || target.image.height !== rows) {
      target.image = new ImageData(columns, rows);
      target.buffer = scratchContext(columns, rows);
    }
    const out = new Uint32Array(target.image.data.buffer);
    out.fill(0);
    const counts = new Array(STATES.length).fill(0);
    for (let i = 0; i < n; i += 1) {
      const state = this.classes[flags[i]];
      counts[state] += 1;
      out[i] = this.pixels[state];
    }
    target.buffer.putImageData(target.image, 0, 0);
    const cell = Math.min(width / columns, height / rows);
    context.imageSmoothingEnabled = false;
    context.drawImage(target.buffer.canvas, 0, 0, columns * cell, rows * cell);
    return counts;
  }

  /** Projects as discs in a grid, in id order: area ∝ knowledge, filled as
   * far as infrastructure is healthy; forks ringed and tied to their parent.
   * The ties are a path; the discs and rings are computed pixel by pixel
   * (edges smoothed by how far a pixel's centre lies from them) into the
   * target's own image and drawn on top in one go: at 4 × 5,000 projects,
   * drawing each disc as a path to fill and stroke took about a tenth of a
   * second a frame, for discs a few pixels across. */
  drawProjects(target, context, projects, stride, top, width, height) {
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
    if (!target.discs || target.discs.width !== w || target.discs.height !== h) {
      target.discs = new ImageData(w, h);
      target.discsBuffer = scratchContext(w, h);
    }
    const data = target.discs.data;
    data.fill(0);
    for (let p = 0; p < count; p += 1) {
      const base = p * stride;
      if (projects[base + 4] === 0) continue;
      const radius = Math.max(1, (cell / 2 - 1) * Math.sqrt(Math.max(0, projects[base]) / most));
      const fill = 0.15 + 0.85 * Math.min(1, Math.max(0, projects[base + 1]));
      paintDisc(data, w, h, centreX(p), centreY(p), radius, fill, projects[base + 2] >= 0 ? ring / 2 : 0);
    }
    target.discsBuffer.putImageData(target.discs, 0, 0);
    context.drawImage(target.discsBuffer.canvas, 0, top);
  }
}

/** A 2D context on a canvas of `w` × `h` not shown anywhere: an offscreen
 * canvas where there is one (always in a worker), else a canvas element
 * (on the page's thread of a browser without offscreen canvases). */
function scratchContext(w, h) {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(w, h).getContext('2d');
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  return canvas.getContext('2d');
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

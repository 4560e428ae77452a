// The painting worker: paints the pictures of society on canvases the page
// handed over (`transferControlToOffscreen`), so that neither the painting
// nor its raster runs on the page's thread. At 4 × 100,000 citizens,
// painted on the page's thread, the frame that drew the first stepped month
// ran 37–40 ms of script and lasted 56–61 ms in all (two runs); here a
// month's four pictures take about 15–20 ms, and the page's frames none of
// it. The page sends only large populations here (see society.js).
//
// Messages: `{ kind: 'panels', generation, tables, canvases }` (new
// scenarios: the canvases to paint, the model's tables) and `{ kind:
// 'draw', generation, items: [{ index, width, flags, projects }] }` (the
// agents handed over, not copied; without them, those of the picture's last
// draw); each draw is answered `{ generation, texts: [[index, text]] }`, the
// counts each picture shows, for the page to write beside it and name it by.
import { SocietyPainter } from './societypaint.js';

let painter = null;
let generation = -1;
let targets = [];

self.onmessage = ({ data }) => {
  if (data.kind === 'panels') {
    painter ??= new SocietyPainter(data.tables);
    generation = data.generation;
    targets = data.canvases.map((canvas) => SocietyPainter.target(canvas));
    return;
  }
  if (data.kind !== 'draw') return;
  const texts = [];
  try {
    if (data.generation !== generation) return;
    for (const { index, width, flags, projects } of data.items) {
      const target = targets[index];
      if (!target) continue;
      // Without agents: those the page handed over last, for this picture.
      if (flags) target.agents = { flags, projects };
      if (target.agents) texts.push([index, painter.paint(target, width, target.agents.flags, target.agents.projects)]);
    }
  } finally {
    // Answered even when stale, empty or failed: the page sends its next
    // draw on the answer (a failure also reaches it as an error event).
    self.postMessage({ generation: data.generation, texts });
  }
};

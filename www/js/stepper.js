// The stepping worker: holds the compared scenarios' models (a `Stepper`)
// off the page's thread, so that however large the populations, a month
// never blocks the page (a month of one 100,000-citizen scenario takes tens
// of milliseconds). The page's runner (runner.js) asks it to build the runs
// (`load`) or to bring them to a month (`step`); each reply carries the
// months stepped since the last, as flat rows per scenario, and a copy of
// every scenario's agents for the picture of society.
//
// A reply is sent after about REPLY_BUDGET of stepping, so the page sees
// months as they come and a pause takes effect soon; the scenarios move in
// rounds that leave them all at the same month.
import init, { Stepper, catalogue, lastPanic } from '../pkg/commons_sim.js';
import { isTrap } from './wasm.js';

/** Milliseconds of stepping before a reply (unless a single round of one
 * month each takes longer, as at 4 × 100,000 citizens). */
const REPLY_BUDGET = 30;

/** Numbers per row (the month and every outcome) and per project record. */
let ROW = 0;
let STRIDE = 0;

const ready = init().then((exports) => {
  const tables = JSON.parse(catalogue());
  ROW = tables.outcomes.length + 1;
  STRIDE = tables.projectStride;
  return exports;
});
let stepper = null;
/** Each scenario's cost of a month, in milliseconds (measured as it runs). */
let msPerMonth = [];

/** Every scenario's agents, copied out of wasm memory (the copies travel). */
function societies(memory) {
  const out = [];
  for (let i = 0; i < stepper.count(); i += 1) {
    const citizens = stepper.updateSociety(i);
    // Views are made after the call: it may have grown the memory.
    const flags = new Uint8Array(memory.buffer, stepper.citizenFlagsPtr(), citizens).slice();
    const projects = new Float32Array(memory.buffer, stepper.projectsPtr(), stepper.projectCount() * STRIDE).slice();
    // The count travels too: the copies may be handed on (and emptied here).
    out.push({ flags, projects, citizens });
  }
  return out;
}

/** Steps the scenarios toward `goal` in rounds that bring every one to the
 * same month (so the charts' lines end together), as many months a round
 * as fit REPLY_BUDGET at the cost measured so far (one, until measured);
 * returns each scenario's rows (one Float64Array each). */
function stepToward(goal) {
  const count = stepper.count();
  const parts = Array.from({ length: count }, () => []);
  const started = performance.now();
  for (;;) {
    const months = Array.from({ length: count }, (_, i) => stepper.scenarioMonth(i));
    const unfinished = months.filter((m, i) => !stepper.scenarioFinished(i));
    const level = unfinished.length ? Math.min(...unfinished) : goal;
    if (level >= goal) break;
    const roundCost = msPerMonth.reduce((a, b) => a + b, 0);
    const size = Number.isFinite(roundCost) ? Math.max(1, Math.floor(REPLY_BUDGET / Math.max(roundCost, 0.01))) : 1;
    const roundGoal = Math.min(goal, level + size);
    for (let i = 0; i < count; i += 1) {
      if (months[i] >= roundGoal) continue;
      const turn = performance.now();
      const rows = stepper.stepScenario(i, roundGoal - months[i]);
      const stepped = rows.length / ROW;
      if (stepped > 0) {
        const cost = (performance.now() - turn) / stepped;
        msPerMonth[i] = Number.isFinite(msPerMonth[i]) ? 0.7 * msPerMonth[i] + 0.3 * cost : cost;
        parts[i].push(rows);
      }
    }
    if (performance.now() - started >= REPLY_BUDGET) break;
  }
  return parts.map(concat);
}

function concat(arrays) {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

self.onmessage = async ({ data }) => {
  const { memory } = await ready;
  const reply = { generation: data.generation, kind: data.kind };
  try {
    if (data.kind === 'load') {
      stepper?.free();
      stepper = null;
      stepper = new Stepper(data.scenarios);
      msPerMonth = Array.from({ length: stepper.count() }, () => Infinity);
      reply.rows = Array.from({ length: stepper.count() }, (_, i) => stepper.currentRow(i));
    } else if (data.kind === 'step' && stepper) {
      reply.rows = stepToward(data.goal);
    } else {
      return;
    }
    reply.societies = societies(memory);
    const transfer = [...reply.rows.map((r) => r.buffer), ...reply.societies.flatMap((s) => [s.flags.buffer, s.projects.buffer])];
    self.postMessage(reply, transfer);
  } catch (error) {
    // A trap (a Rust panic) leaves the models unusable: say so, and drop them.
    const trap = isTrap(error);
    const message = trap ? (lastPanic() || String(error.message || error)) : String(error?.message ?? error);
    if (trap) stepper = null;
    self.postMessage({ generation: data.generation, error: message, trap });
  }
};

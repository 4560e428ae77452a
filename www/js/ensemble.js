// Ensembles: every scenario over the same seeds (common random numbers),
// run by a small pool of Web Workers so the page never freezes. The runs go
// back into the page's `Comparison`, which summarises them (median and 90%
// band) with the library's code. The same pool runs the map's jobs
// (`runValues`), which send back one outcome's value instead of a history.
//
// The pool is started once, when the page is idle (`warmUp`), and kept: a
// worker spends a moment loading and compiling the model, which should not
// be part of every ensemble. Each worker has two runs queued at a time, so
// it never waits for the page between runs.

/** Workers to start: one per core, at most four. */
const POOL = Math.min(4, Math.max(1, navigator.hardwareConcurrency || 2));
/** Runs queued per worker. */
const QUEUED = 2;
/** The least time between two progress reports (ms). Each report repaints
 * the page (its bar and its count), and a repaint of this page costs the
 * main thread several milliseconds: reported after every run (80 for an
 * ensemble, 512 for the map) they took a core's fifth from the workers on
 * a two-core machine. Five a second still reads as steady progress. */
const PROGRESS_INTERVAL = 200;

let pool = [];
let active = null;

function spawn() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}

/** Starts the workers, if they are not running, so an ensemble begins at once. */
export function warmUp() {
  while (pool.length < POOL) pool.push(spawn());
}

/** Runs `scenarios` (runnable objects) on seeds `first`, `first + 1`, … (`count`
 * of them). `onRun(index, seed, flat)` receives each finished run and
 * `onProgress(done, total)` the count (at most five times a second, at
 * most that late, and at once when the last run is in). Resolves when all are done; rejects
 * on an error or when cancelled (or when other jobs replace them). */
export function runEnsemble(scenarios, first, count, { onRun, onProgress }) {
  const jobs = [];
  scenarios.forEach((scenario, index) => {
    for (let k = 0; k < count; k += 1) {
      const seed = first + k;
      jobs.push({ index, seed, message: { kind: 'history', scenario: JSON.stringify({ ...scenario, seed }) } });
    }
  });
  return runJobs('ensemble', jobs, (job, data) => onRun(job.index, job.seed, data.flat), onProgress);
}

/** Runs each of `runs` (`{ scenario, outcome, month }`: a runnable scenario
 * object, an outcome's name, a month) and sends back only that outcome's
 * value at that month (the map's job: no history crosses between threads).
 * `onValue(index, value)` receives each; `onProgress(done, total)` the
 * count (as for `runEnsemble`). Resolves when all are done; rejects on an error or when cancelled. */
export function runValues(runs, { onValue, onProgress }) {
  const jobs = runs.map(({ scenario, outcome, month }, index) => ({
    index, message: { kind: 'value', scenario: JSON.stringify(scenario), outcome, month },
  }));
  return runJobs('values', jobs, (job, data) => onValue(job.index, data.value), onProgress);
}

/** Feeds `jobs` (each with the `message` a worker runs) to the pool, `kind`
 * naming who asked (an ensemble or the map), since one set of jobs runs at
 * a time: starting one stops the other. */
function runJobs(kind, jobs, onResult, onProgress) {
  active?.cancel();
  warmUp();
  const total = jobs.length;
  const workers = pool.slice(0, Math.min(pool.length, total));
  let done = 0;
  let next = 0;
  // Progress: reported at once if the last report is old enough, else
  // once the interval is up (so that a count is never held back for a
  // whole run, which at 100,000 citizens lasts seconds); the last run's
  // always at once.
  let reported = -Infinity;
  let due = null;
  const reportNow = () => {
    clearTimeout(due);
    due = null;
    reported = performance.now();
    onProgress(done, total);
  };
  const report = () => {
    const wait = PROGRESS_INTERVAL - (performance.now() - reported);
    if (done === total || wait <= 0) reportNow();
    else if (due === null) due = setTimeout(reportNow, wait);
  };
  return new Promise((resolve, reject) => {
    const finish = (error) => {
      if (active?.workers !== workers) return;
      active = null;
      // Nothing reports after the end (or a cancel).
      clearTimeout(due);
      workers.forEach((w) => { w.onmessage = null; w.onerror = null; });
      if (error) {
        // Stop whatever is still running, and start a fresh pool for next time.
        pool.forEach((w) => w.terminate());
        pool = [];
        warmUp();
        reject(error);
      } else {
        resolve();
      }
    };
    if (total === 0) {
      resolve();
      return;
    }
    const feed = (worker) => {
      if (next < jobs.length) {
        const job = next;
        next += 1;
        worker.postMessage({ job, ...jobs[job].message });
      }
    };
    active = { kind, workers, cancel: () => finish(new Error('cancelled')) };
    for (const worker of workers) {
      worker.onmessage = ({ data }) => {
        if (data.error) {
          finish(new Error(data.error));
          return;
        }
        onResult(jobs[data.job], data);
        done += 1;
        report();
        if (done === total) finish();
        else feed(worker);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        finish(new Error(`a worker failed: ${event.message || 'unknown error'}`));
      };
      for (let q = 0; q < QUEUED; q += 1) feed(worker);
    }
  });
}

/** Stops a running ensemble, if any (not the map's runs). */
export function cancelEnsemble() {
  if (active?.kind === 'ensemble') active.cancel();
}

export function ensembleRunning() {
  return active?.kind === 'ensemble';
}

/** Stops the map's runs, if they are running. */
export function cancelValues() {
  if (active?.kind === 'values') active.cancel();
}

export function valuesRunning() {
  return active?.kind === 'values';
}

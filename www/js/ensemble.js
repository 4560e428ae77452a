// Ensembles: every scenario over the same seeds (common random numbers),
// run by a small pool of Web Workers so the page never freezes. The runs go
// back into the page's `Comparison`, which summarises them (median and 90%
// band) with the library's code.

/** Workers to start: one per core, at most four. */
const POOL = Math.min(4, Math.max(1, navigator.hardwareConcurrency || 2));

let active = null;

/** Runs `scenarios` (runnable objects) on seeds `first`, `first + 1`, … (`count`
 * of them). `onRun(index, seed, flat)` receives each finished run and
 * `onProgress(done, total)` the count. Resolves when all are done; rejects
 * on an error or when cancelled. */
export function runEnsemble(scenarios, first, count, { onRun, onProgress }) {
  cancelEnsemble();
  const jobs = [];
  scenarios.forEach((scenario, index) => {
    for (let k = 0; k < count; k += 1) {
      const seed = first + k;
      jobs.push({ index, seed, scenario: JSON.stringify({ ...scenario, seed }) });
    }
  });
  const total = jobs.length;
  let done = 0;
  let next = 0;
  return new Promise((resolve, reject) => {
    const workers = [];
    const finish = (error) => {
      workers.forEach((w) => w.terminate());
      if (active?.workers === workers) active = null;
      if (error) reject(error);
      else resolve();
    };
    const feed = (worker) => {
      if (next < jobs.length) {
        const job = next;
        next += 1;
        worker.postMessage({ job, scenario: jobs[job].scenario });
      }
    };
    for (let i = 0; i < Math.min(POOL, total); i += 1) {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
      worker.onmessage = ({ data }) => {
        if (data.error) {
          finish(new Error(data.error));
          return;
        }
        const { index, seed } = jobs[data.job];
        onRun(index, seed, data.flat);
        done += 1;
        onProgress(done, total);
        if (done === total) finish();
        else feed(worker);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        finish(new Error(`a worker failed: ${event.message || 'unknown error'}`));
      };
      workers.push(worker);
      feed(worker);
    }
    active = { workers, cancel: () => finish(new Error('cancelled')) };
  });
}

/** Stops a running ensemble, if any. */
export function cancelEnsemble() {
  active?.cancel();
}

export function ensembleRunning() {
  return active !== null;
}

// The ensemble worker: runs whole scenarios off the page's thread and sends
// back each run's history (flattened rows: month, then every outcome), or,
// for the map (`kind: 'value'`), one outcome's value at one month.
import init, { outcomeAt, presetScenario, runToEnd } from '../pkg/commons_sim.js';

/** Months of the warm-up run: enough for the engine to optimise the model's
 * hot code, a few milliseconds of work. */
const WARM_UP_MONTHS = 48;

// WebAssembly starts in a baseline compiler and is optimised as it runs (V8
// tiers up hot functions in the background). A short run as soon as the
// worker starts does that while the reader is still reading, rather than
// during, and competing with, the first ensemble.
const ready = init().then(() => {
  try {
    const scenario = JSON.parse(presetScenario('partner-state'));
    runToEnd(JSON.stringify({ ...scenario, months: WARM_UP_MONTHS }));
  } catch {
    // A warm-up that fails costs nothing but speed: real runs report errors.
  }
});

self.onmessage = async ({ data }) => {
  await ready;
  try {
    if (data.kind === 'value') {
      self.postMessage({ job: data.job, value: outcomeAt(data.scenario, data.outcome, data.month) });
      return;
    }
    const flat = runToEnd(data.scenario);
    self.postMessage({ job: data.job, flat }, [flat.buffer]);
  } catch (error) {
    self.postMessage({ job: data.job, error: String(error?.message ?? error) });
  }
};

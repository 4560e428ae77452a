// The ensemble worker: runs whole scenarios off the page's thread and sends
// back each run's history (flattened rows: month, then every outcome).
import init, { runToEnd } from '../pkg/commons_sim.js';

const ready = init();

self.onmessage = async ({ data }) => {
  await ready;
  try {
    const flat = runToEnd(data.scenario);
    self.postMessage({ job: data.job, flat }, [flat.buffer]);
  } catch (error) {
    self.postMessage({ job: data.job, error: String(error?.message ?? error) });
  }
};

// The uncertainty controls: how many seeds, run the ensemble (in workers,
// with progress and a cancel button), and show or hide the bands.
import { catalogue, guard } from './wasm.js';
import { byId } from './dom.js';
import { showError, showStatus, clearError } from './messages.js';
import { LIMITS, runnable } from './scenarios.js';
import { runEnsemble, cancelEnsemble, ensembleRunning } from './ensemble.js';
import { state, subscribe, update } from './state.js';

/** Wires the controls to the state's `runs` and `bands`; `comparison()` gives
 * the runs on screen, to which the ensemble's runs are added. */
export function setupUncertainty({ comparison }) {
  const runsInput = byId('runs');
  const button = byId('run-ensemble');
  const cancel = byId('cancel-ensemble');
  const progress = byId('ensemble-progress');
  const status = byId('ensemble-status');
  const checkbox = byId('show-bands');
  const showRuns = ({ runs }) => {
    runsInput.value = String(runs);
    button.textContent = `Run ${runs} seeds`;
  };

  runsInput.max = String(LIMITS.runs);
  showRuns(state());
  runsInput.addEventListener('change', () => {
    const value = Number(runsInput.value);
    if (!Number.isInteger(value) || value < 2 || value > LIMITS.runs) {
      showError(`The number of seeds must be a whole number from 2 to ${LIMITS.runs}.`);
      showRuns(state());
      return;
    }
    clearError();
    update(() => ({ runs: value }));
  });
  subscribe((now, changed) => {
    if (changed.has('runs')) showRuns(now);
    if (changed.has('bands')) checkbox.checked = now.bands;
  });

  const start = async () => {
    const runs = comparison();
    if (!runs) return;
    // The bands on screen, if any, were of the previous ensemble.
    update(() => ({ bands: false }));
    guard(() => runs.clearEnsembles());
    checkbox.disabled = true;
    button.disabled = true;
    cancel.hidden = false;
    progress.hidden = false;
    progress.value = 0;
    const started = performance.now();
    status.textContent = '';
    const { scenarios, seed, runs: count } = state();
    const total = scenarios.length * count;
    showStatus(`Running ${total} runs in the background…`);
    try {
      await runEnsemble(scenarios.map((e) => runnable(e, seed)), seed, count, {
        onRun: (index, runSeed, flat) => runs.addEnsembleRun(index, runSeed, flat),
        onProgress: (done) => {
          progress.value = done / total;
          status.textContent = `${done} of ${total} runs`;
        },
      });
      if (comparison() !== runs || !guard(() => runs.summarise())) return;
      checkbox.disabled = false;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      showStatus(`${total} runs done in ${seconds} s: the charts show medians and ${catalogue.bandPercent}% bands.`);
      status.textContent = `${total} runs in ${seconds} s`;
      update(() => ({ bands: true }));
    } catch (error) {
      if (error.message !== 'cancelled') showError(`The ensemble failed: ${error.message}`);
      else showStatus('Ensemble cancelled.');
    } finally {
      button.disabled = false;
      cancel.hidden = true;
      progress.hidden = true;
    }
  };

  /** Stops a running ensemble and hides the bands (the runs changed). */
  const forget = () => {
    const running = ensembleRunning();
    if (running) cancelEnsemble();
    const had = state().bands || running;
    checkbox.disabled = true;
    update(() => ({ bands: false }));
    // Never drop bands silently: say why they went and how to get them back.
    if (had) {
      const note = 'The bands were dropped: the scenarios or the seed changed. Run the seeds again for new bands.';
      status.textContent = note;
      showStatus(note);
    }
  };

  button.addEventListener('click', start);
  cancel.addEventListener('click', () => { if (ensembleRunning()) cancelEnsemble(); });
  checkbox.addEventListener('change', () => update(() => ({ bands: checkbox.checked })));
  return { start, forget };
}

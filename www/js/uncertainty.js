// The uncertainty controls: how many seeds, run the ensemble (in workers,
// with progress and a cancel button), and show or hide the bands.
import { guard } from './wasm.js';
import { byId } from './dom.js';
import { showError, showStatus, clearError } from './messages.js';
import { LIMITS, runnable } from './scenarios.js';
import { runEnsemble, cancelEnsemble, ensembleRunning } from './ensemble.js';

/** `page` holds `scenarios`, `seed`, `runs` and `bands`; `comparison()` the
 * runs on screen; `onBands()` redraws once bands are shown or hidden. */
export function setupUncertainty({ page, comparison, onBands, saveLink }) {
  const runsInput = byId('runs');
  const button = byId('run-ensemble');
  const cancel = byId('cancel-ensemble');
  const progress = byId('ensemble-progress');
  const status = byId('ensemble-status');
  const checkbox = byId('show-bands');
  const label = () => { button.textContent = `Run ${page.runs} seeds`; };

  runsInput.max = String(LIMITS.runs);
  runsInput.value = String(page.runs);
  label();
  runsInput.addEventListener('change', () => {
    const value = Number(runsInput.value);
    if (!Number.isInteger(value) || value < 2 || value > LIMITS.runs) {
      showError(`The number of seeds must be a whole number from 2 to ${LIMITS.runs}.`);
      runsInput.value = String(page.runs);
      return;
    }
    clearError();
    page.runs = value;
    label();
    saveLink();
  });

  const start = async () => {
    const runs = comparison();
    if (!runs) return;
    guard(() => runs.clearEnsembles());
    button.disabled = true;
    cancel.hidden = false;
    progress.hidden = false;
    progress.value = 0;
    const started = performance.now();
    const total = page.scenarios.length * page.runs;
    showStatus(`Running ${total} runs in the background…`);
    try {
      await runEnsemble(page.scenarios.map((e) => runnable(e, page.seed)), page.seed, page.runs, {
        onRun: (index, seed, flat) => runs.addEnsembleRun(index, seed, flat),
        onProgress: (done) => {
          progress.value = done / total;
          status.textContent = `${done} of ${total} runs`;
        },
      });
      if (comparison() !== runs || !guard(() => runs.summarise())) return;
      page.bands = true;
      checkbox.disabled = false;
      checkbox.checked = true;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      showStatus(`${total} runs done in ${seconds} s: the charts show medians and 90% bands.`);
      status.textContent = `${total} runs in ${seconds} s`;
      onBands();
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
    if (ensembleRunning()) cancelEnsemble();
    page.bands = false;
    checkbox.checked = false;
    checkbox.disabled = true;
  };

  button.addEventListener('click', start);
  cancel.addEventListener('click', () => { if (ensembleRunning()) cancelEnsemble(); });
  checkbox.addEventListener('change', () => {
    page.bands = checkbox.checked;
    onBands();
  });
  return { start, forget };
}

// Share and keep: copy the link, export CSV (the command line's columns),
// save and load a scenario as JSON (validated), save a chart as PNG.
import { catalogue } from './wasm.js';
import { byId, download, el } from './dom.js';
import { showError, showStatus, clearError } from './messages.js';
import { closestPreset, validate } from './scenarios.js';

/** The most a scenario file may weigh. */
const MAX_FILE = 1_000_000;

/** A file name made of safe characters only. */
function fileName(text, extension) {
  const base = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${base || 'scenario'}.${extension}`;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Wires the buttons; `app` gives the page's state and actions. */
export function setupExports(app) {
  byId('copy-link').addEventListener('click', async () => {
    const link = app.link();
    const field = byId('link-text');
    field.value = link;
    field.hidden = false;
    if (await copyText(link)) showStatus('The link is copied: it replays exactly these runs.');
    else {
      field.select();
      showStatus('Copy the selected link (the clipboard is not available here).');
    }
  });

  byId('export-csv').addEventListener('click', () => {
    const { comparison, bands } = app.view();
    if (!comparison) return;
    download(bands ? 'commons-sim-ensemble.csv' : 'commons-sim-runs.csv', comparison.csv(bands), 'text/csv');
    showStatus('CSV saved.');
  });

  byId('export-json').addEventListener('click', () => {
    const { entry, seed } = app.selected();
    const scenario = validate({ ...entry.scenario, seed });
    download(fileName(scenario.name, 'json'), `${JSON.stringify(scenario, null, 2)}\n`, 'application/json');
    showStatus(`Scenario ${scenario.name} saved as JSON.`);
  });

  byId('import-json').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    event.target.value = '';
    if (!file) return;
    try {
      if (file.size > MAX_FILE) throw new Error(`the file is ${file.size} bytes; a scenario is at most ${MAX_FILE}`);
      const scenario = validate(JSON.parse(await file.text()));
      clearError();
      app.replaceSelected({ preset: closestPreset(scenario), scenario });
      showStatus(`Loaded ${scenario.name}; its seed ${scenario.seed} now applies to every scenario.`);
    } catch (error) {
      showError(`The scenario file was not loaded: ${error.message}`);
    }
  });

  const chartSelect = byId('png-outcome');
  chartSelect.append(...catalogue.outcomes.map((o) => el('option', { value: o.name }, o.label)));
  byId('export-png').addEventListener('click', async () => {
    const { comparison, bands } = app.view();
    if (!comparison) return;
    const blob = await app.chartImage(chartSelect.value);
    if (blob) download(`${chartSelect.value}${bands ? '-ensemble' : ''}.png`, blob, 'image/png');
  });
}

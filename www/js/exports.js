// Share and keep: share or copy the link, export CSV (the command line's
// columns, each scenario named by its letter and name) with its manifest
// (the command line's format: scenarios in full, seeds, the model's
// fingerprint, the data's digest), the ensemble's quantiles month by month,
// save and load a scenario as JSON (validated), save a chart as PNG stamped
// with what made it.
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

/** Shares the link through the system's share sheet where there is one
 * (phones), else nothing: returns 'shared', 'cancelled' or 'unavailable'. */
async function shareLink(url) {
  if (typeof navigator.share !== 'function') return 'unavailable';
  const data = { title: document.title, url };
  if (typeof navigator.canShare === 'function' && !navigator.canShare(data)) return 'unavailable';
  try {
    await navigator.share(data);
    return 'shared';
  } catch (error) {
    return error?.name === 'AbortError' ? 'cancelled' : 'unavailable';
  }
}

/** The line stamped under a saved chart: scenarios, seeds, model version. */
function stampText(app, bands) {
  const { names, seed, runs } = app.stamp();
  const seeds = bands ? `seeds ${seed}–${seed + runs - 1} (medians, ${catalogue.bandPercent}% bands)` : `seed ${seed}`;
  return `${names.join(' · ')} — ${seeds} — ${catalogue.version}, model ${catalogue.fingerprint}`;
}

/** The chart image with a footer line drawn under it (so the figure carries
 * what made it wherever it goes). */
async function stamped(blob, text) {
  const image = await createImageBitmap(blob);
  const footer = 44;
  const canvas = el('canvas', { width: image.width, height: image.height + footer });
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0);
  context.fillStyle = '#333333';
  let size = 20;
  context.font = `${size}px sans-serif`;
  // Shrunk to fit the width, never cut.
  while (size > 10 && context.measureText(text).width > canvas.width - 24) {
    size -= 1;
    context.font = `${size}px sans-serif`;
  }
  context.textBaseline = 'middle';
  context.fillText(text, 12, image.height + footer / 2);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

/** Wires the buttons; `app` gives the page's state and actions. */
export function setupExports(app) {
  byId('copy-link').addEventListener('click', async () => {
    const link = app.link();
    const field = byId('link-text');
    field.value = link;
    field.hidden = false;
    const shared = await shareLink(link);
    if (shared === 'shared') showStatus('The link is shared: it replays exactly these runs.');
    else if (shared === 'cancelled') showStatus('Sharing cancelled; the link is in the field below.');
    else if (await copyText(link)) showStatus('The link is copied: it replays exactly these runs.');
    else {
      field.select();
      showStatus('Copy the selected link (the clipboard is not available here).');
    }
  });

  const csvName = (bands) => (bands ? 'commons-sim-ensemble.csv' : 'commons-sim-runs.csv');
  byId('export-csv').addEventListener('click', () => {
    const { comparison, bands } = app.view();
    if (!comparison) return;
    download(csvName(bands), comparison.labelledCsv(bands), 'text/csv');
    showStatus('CSV saved; “Manifest (JSON)” saves the scenarios, seeds and fingerprint that made it.');
  });

  byId('export-manifest').addEventListener('click', () => {
    const { comparison, bands } = app.view();
    if (!comparison) return;
    const name = csvName(bands);
    const manifest = comparison.manifest(comparison.labelledCsv(bands), name, bands);
    download(`${name}.meta.json`, manifest, 'application/json');
    showStatus(`Manifest of ${name} saved.`);
  });

  byId('export-quantiles').addEventListener('click', () => {
    const { comparison, bands } = app.view();
    if (!comparison) return;
    if (!bands) {
      showStatus('Run the seeds first (Uncertainty): the quantiles are of an ensemble.');
      return;
    }
    download('commons-sim-quantiles.csv', comparison.quantileCsv(), 'text/csv');
    showStatus('Quantiles saved: 5%, 25%, 50%, 75% and 95% of every outcome, month by month.');
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
      showStatus(`The file ${file.name.slice(0, 60)} was not loaded; the scenarios are as they were.`);
    }
  });

  const chartSelect = byId('png-outcome');
  chartSelect.append(...catalogue.outcomes.map((o) => el('option', { value: o.name }, o.label)));
  byId('export-png').addEventListener('click', async () => {
    const { comparison, bands } = app.view();
    if (!comparison) return;
    const blob = await app.chartImage(chartSelect.value);
    if (!blob) return;
    const image = await stamped(blob, stampText(app, bands));
    download(`${chartSelect.value}${bands ? '-ensemble' : ''}.png`, image, 'image/png');
    showStatus('Chart saved as PNG, stamped with its scenarios, seeds and model version.');
  });
}

// The page's entry point: loads the model, reads the link (or the saved
// session, or the defaults), and wires the editor, the runner, the charts,
// the picture of society, the tables, the ensembles, exports and the tour.
// All model state lives in wasm; this file owns events and layout.
import { load, catalogue, model, guard } from './wasm.js';
import { byId, el } from './dom.js';
import { showError, showStatus, clearError } from './messages.js';
import { letter, runnable } from './scenarios.js';
import { encode } from './permalink.js';
import { defaults, initialState, keep } from './session.js';
import { Runner } from './runner.js';
import { Charts, chartImage } from './charts.js';
import { Society } from './society.js';
import { Editor } from './editor.js';
import { renderTable, renderSummary } from './table.js';
import { setupUncertainty } from './uncertainty.js';
import { warmUp } from './ensemble.js';
import { setupExports } from './exports.js';
import { setupShortcuts } from './keyboard.js';
import { setupTour } from './tour.js';

async function main() {
  byId('error-close').addEventListener('click', clearError);
  await load();
  const page = { ...initialState(), selected: 0 };
  let lastTable = 0;
  const names = () => page.scenarios.map((e, i) => `${letter(i)} ${e.scenario.name}`);
  const bandsShown = () => page.bands && !!runner.comparison?.hasBands();
  const view = () => ({ comparison: runner.comparison, bands: bandsShown(), projector: page.projector, names: names() });

  const fragment = () => encode({ ...page, month: runner.month, bands: bandsShown() });
  const saveLink = () => keep(fragment());

  const refreshText = () => {
    const comparison = runner.comparison;
    if (!comparison) return;
    const bands = bandsShown();
    const month = bands ? comparison.length() : comparison.month();
    const when = bands ? `at month ${month} (median of ${page.runs} seeds)` : `at month ${month}`;
    const now = comparison.values(month, bands);
    renderTable(names(), now, bands
      ? `Medians at month ${month} over ${page.runs} seeds (${page.seed} to ${page.seed + page.runs - 1})`
      : `Values at month ${month} (seed ${page.seed})`);
    renderSummary(charts.panel, names(), comparison.values(0, bands), now, when);
    byId('chart-mode').textContent = bands
      ? `Lines: medians of ${page.runs} runs (seeds ${page.seed} to ${page.seed + page.runs - 1}); shaded: the band holding 90% of them.`
      : `One run each, on seed ${page.seed}. Hover a chart for the values at a month.`;
    byId('digests').textContent = comparison.digests().map((d, i) => `${letter(i)} ${d}`).join(' · ');
  };

  const onFrame = () => {
    const comparison = runner.comparison;
    const month = comparison.month();
    byId('month').textContent = String(month);
    byId('length').textContent = String(comparison.length());
    byId('year').textContent = `year ${Math.floor(month / 12)}`;
    guard(() => {
      if (inView.charts) charts.draw();
      if (inView.society) society.draw(comparison);
    });
    const now = performance.now();
    if (!runner.playing || now - lastTable > 500) {
      lastTable = now;
      refreshText();
    }
    updateButtons();
  };

  const updateButtons = () => {
    const play = byId('play');
    play.textContent = runner.playing ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(runner.playing));
    play.disabled = runner.finished;
    byId('step').disabled = runner.finished;
  };

  const runner = new Runner({
    onFrame,
    onPlay: () => {
      updateButtons();
      showStatus('Playing.');
    },
    onStop: () => {
      updateButtons();
      refreshText();
      saveLink();
      showStatus(runner.finished ? `Finished: month ${runner.month}.` : `Paused at month ${runner.month}.`);
    },
  });

  /** New runs after the scenarios or the seed changed, at the same month. */
  const rebuild = (month = runner.month) => {
    uncertainty.forget();
    society.setScenarios(names());
    byId('chart-legend').replaceChildren(...names().map((name, i) =>
      el('li', {}, el('span', { class: 'swatch', style: `background:${catalogue.colours[i]}` }), name)));
    try {
      runner.load(page.scenarios.map((e) => runnable(e, page.seed)), month);
    } catch (error) {
      showError(`The scenarios could not run: ${error.message}`);
      return;
    }
    saveLink();
    refreshText();
  };

  // Only what is on screen is redrawn while running; a part is redrawn as
  // soon as it scrolls into view.
  const inView = { charts: true, society: true };
  const watchView = (id, key, redraw) => new IntersectionObserver(([entry]) => {
    const appeared = entry.isIntersecting && !inView[key];
    inView[key] = entry.isIntersecting;
    if (appeared && runner.comparison) guard(redraw);
  }).observe(byId(id));
  const society = new Society();
  watchView('society', 'society', () => society.draw(runner.comparison));
  watchView('panel', 'charts', () => charts.draw());
  const charts = new Charts({ view, onPanel: (panel) => { page.panel = panel; refreshText(); if (runner.comparison) saveLink(); } });
  const editor = new Editor({ page, onChange: () => rebuild() });

  // ── The run bar ─────────────────────────────────────────────────────────
  const reset = () => {
    runner.pause();
    rebuild(0);
    showStatus('Reset to month 0.');
  };
  byId('play').addEventListener('click', () => runner.toggle());
  byId('step').addEventListener('click', () => runner.stepOnce());
  byId('reset').addEventListener('click', reset);
  byId('speed').addEventListener('change', (event) => {
    runner.monthsPerSecond = Number(event.target.value);
  });
  runner.monthsPerSecond = Number(byId('speed').value);
  setupShortcuts({ toggle: () => runner.toggle(), step: () => runner.stepOnce(), reset });

  const seedInput = byId('seed');
  seedInput.addEventListener('change', () => {
    const value = Number(seedInput.value);
    if (!Number.isSafeInteger(value) || value < 0) {
      showError(`The seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}.`);
      seedInput.value = String(page.seed);
      return;
    }
    clearError();
    page.seed = value;
    rebuild();
  });

  // ── Uncertainty ─────────────────────────────────────────────────────────
  const uncertainty = setupUncertainty({
    page,
    comparison: () => runner.comparison,
    onBands: () => {
      onFrame();
      saveLink();
    },
    saveLink,
  });

  // ── Projector mode ──────────────────────────────────────────────────────
  const setProjector = (on) => {
    page.projector = on;
    document.documentElement.classList.toggle('projector', on);
    byId('projector').setAttribute('aria-pressed', String(on));
    if (runner.comparison) onFrame();
  };
  byId('projector').addEventListener('click', () => {
    setProjector(!page.projector);
    saveLink();
  });

  // ── Share, keep, tour ───────────────────────────────────────────────────
  const app = {
    view,
    link: () => `${location.href.split('#')[0]}#${fragment()}`,
    selected: () => ({ entry: page.scenarios[page.selected], seed: page.seed }),
    replaceSelected: (entry) => {
      page.scenarios[page.selected] = entry;
      page.seed = entry.scenario.seed;
      seedInput.value = String(page.seed);
      editor.render();
      rebuild();
    },
    chartImage: (outcome) => guard(() => chartImage(runner.comparison, outcome, bandsShown())),
    runEnsemble: () => uncertainty.start(),
    showScenarios: (entries) => {
      page.scenarios = entries;
      page.selected = 0;
      editor.render();
      rebuild(0);
      runner.play();
    },
  };
  byId('start-over').addEventListener('click', () => {
    const start = defaults();
    Object.assign(page, { scenarios: start.scenarios, seed: start.seed, selected: 0 });
    seedInput.value = String(page.seed);
    editor.render();
    runner.pause();
    rebuild(0);
    showStatus('Back to the four regimes on seed 1.');
  });
  setupExports(app);
  setupTour(app);
  // A pasted link replays its runs; an in-page anchor (#about) keeps ours.
  window.addEventListener('hashchange', () => {
    const ours = `#${fragment()}`;
    if (location.hash === ours) return;
    if (location.hash.startsWith('#v=')) location.reload();
    else if (runner.comparison) history.replaceState(null, '', ours);
  });

  // ── Start ───────────────────────────────────────────────────────────────
  seedInput.value = String(page.seed);
  setProjector(page.projector);
  editor.render();
  charts.select(page.panel);
  const wantBands = page.bands;
  rebuild(page.month);
  for (const id of ['play', 'step', 'reset', 'run-ensemble']) byId(id).disabled = false;
  updateButtons();
  if (wantBands) uncertainty.start();
  // For the page's tests: a deliberate panic must end in a readable message.
  window.commonsSim = { debugPanic: () => guard(() => model.debugPanic()) };
  document.body.dataset.ready = 'true';
  showStatus('Ready: press Play (or the space bar).');
  // Start the ensemble workers once the page has settled, so that asking for
  // many seeds does not wait for them to load the model.
  setTimeout(warmUp, 1000);
}

main().catch((error) => {
  showError(`The simulation could not start: ${error.message}`);
});

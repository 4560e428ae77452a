// The page's entry point: loads the model, reads the link (or the saved
// session, or the defaults) into the state (state.js), and wires the editor,
// the runner, the charts, the picture of society, the tables, the ensembles,
// exports and the tour. All model state lives in wasm and the page's state in
// the store; this file turns the store's changes into runs and redraws, and
// owns events and layout.
import { load, catalogue, model, guard } from './wasm.js';
import { byId, el } from './dom.js';
import { showError, showStatus, clearError, messagesShown } from './messages.js';
import { letter, runnable } from './scenarios.js';
import { encode } from './permalink.js';
import { defaults, initialState, keep } from './session.js';
import { initState, state, subscribe, update } from './state.js';
import { Runner } from './runner.js';
import { Charts, chartImage } from './charts.js';
import { Society } from './society.js';
import { Editor } from './editor.js';
import { renderTable, renderSummary } from './table.js';
import { setupUncertainty } from './uncertainty.js';
import { setupMap } from './map.js';
import { warmUp } from './ensemble.js';
import { setupExports } from './exports.js';
import { setupShortcuts } from './keyboard.js';
import { setupTour } from './tour.js';
import { Monitors } from './monitors.js';
import { setupPins } from './pins.js';

/** Which parts (`{ key: [element id, redraw] }`) are on screen, kept up to
 * date: only those are redrawn while running, and a part is redrawn as soon
 * as it scrolls into view (if `ready()`). */
function watchView(parts, ready) {
  const inView = {};
  for (const [key, [id, redraw]] of Object.entries(parts)) {
    inView[key] = true;
    new IntersectionObserver(([entry]) => {
      const appeared = entry.isIntersecting && !inView[key];
      inView[key] = entry.isIntersecting;
      if (appeared && ready()) guard(redraw);
    }).observe(byId(id));
  }
  return inView;
}

async function main() {
  byId('error-close').addEventListener('click', clearError);
  await load();
  const opened = initialState();
  initState({
    scenarios: opened.scenarios, selected: 0, seed: opened.seed, runs: opened.runs,
    bands: opened.bands, panel: opened.panel, projector: opened.projector, unitShares: opened.unitShares,
    pins: opened.pins, map: opened.map,
  });

  const runner = new Runner();
  const names = () => state().scenarios.map((e, i) => `${letter(i)} ${e.scenario.name}`);
  const bandsShown = () => state().bands && !!runner.comparison?.hasBands();
  const view = () => ({
    comparison: runner.ready ? runner.comparison : null, bands: bandsShown(), projector: state().projector, unitShares: state().unitShares,
    names: names(),
  });
  // While a link catches up, the link keeps the month it asked for.
  const fragment = () => encode({ ...state(), month: runner.seeking ? runner.target : runner.month, bands: bandsShown() });
  const saveLink = () => keep(fragment());

  const society = new Society();
  const monitors = new Monitors();
  const charts = new Charts({
    view, panel: state().panel,
    onPanel: (panel) => update(() => ({ panel })),
    onUnitShares: (unitShares) => update(() => ({ unitShares })),
  });
  const inView = watchView({
    charts: ['panel', () => charts.draw()],
    society: ['society', () => society.draw(runner.societies)],
  }, () => runner.ready);

  const refreshText = () => {
    const comparison = runner.comparison;
    if (!runner.ready) return;
    const { seed, runs, panel } = state();
    const bands = bandsShown();
    // The month on the counter, bands or not: the medians are read there.
    const month = comparison.month();
    const when = bands ? `at month ${month} (median of ${runs} seeds)` : `at month ${month}`;
    const now = comparison.values(month, bands);
    renderTable(names(), now, bands
      ? `Medians at month ${month} over ${runs} seeds (${seed} to ${seed + runs - 1})`
      : `Values at month ${month} (seed ${seed})`);
    renderSummary(panel, names(), comparison, bands, when);
    byId('chart-mode').textContent = bands
      ? `Lines: medians of ${runs} runs (seeds ${seed} to ${seed + runs - 1}); shaded: the band holding ${catalogue.bandPercent}% of them.`
      : `One run each, on seed ${seed}. Hover or tap a chart for the values at a month; focused, its arrow keys read them.`;
    byId('digests').textContent = comparison.digests().map((d, i) => `${letter(i)} ${d}`).join(' · ');
  };

  const updateButtons = () => {
    const play = byId('play');
    play.textContent = runner.playing ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(runner.playing));
    play.disabled = runner.finished;
    byId('step').disabled = runner.finished;
  };

  let lastTable = 0;
  let textDue = false;
  let catchingUp = false;
  const onFrame = () => {
    const comparison = runner.comparison;
    if (!runner.ready) return;
    const month = comparison.month();
    byId('month').textContent = String(month);
    byId('length').textContent = String(comparison.length());
    byId('year').textContent = `year ${Math.floor(month / 12)}`;
    guard(() => {
      if (inView.charts) charts.draw();
      if (inView.society) society.draw(runner.societies);
      else society.warmUp(() => runner.societies);
    });
    if (runner.seeking) showStatus(`Catching up to month ${runner.target}: month ${month} so far…`);
    else if (catchingUp) {
      catchingUp = false;
      showStatus(`Reached month ${month}: press Play (or the space bar).`);
    }
    const now = performance.now();
    if (!runner.playing) refreshText();
    else if (now - lastTable > 500 && !textDue) {
      // While playing, the text (table and summaries) is refreshed in a task
      // of its own, so a frame holds the charts' redraw and not both.
      lastTable = now;
      textDue = true;
      setTimeout(() => {
        textDue = false;
        refreshText();
      }, 0);
    }
    guard(() => monitors.show(comparison.values(month, false), month, runner.playing));
    updateButtons();
  };
  runner.addEventListener('frame', onFrame);
  /** A step in flight: the runs it was asked of (`generation`) and the
   * count of messages shown by then (`shown`); see `step`. */
  let stepInFlight = null;
  runner.addEventListener('play', () => {
    stepInFlight = null;
    updateButtons();
    showStatus('Playing.');
  });
  runner.addEventListener('stop', () => {
    updateButtons();
    refreshText();
    // The last frame of a run may have fallen within the monitors' throttle.
    const comparison = runner.comparison;
    if (runner.ready) guard(() => monitors.show(comparison.values(comparison.month(), false), comparison.month(), false));
    saveLink();
    // A step's month arrives later, from the worker; if the page said
    // something else meanwhile (a file that failed to load, say), that
    // stays, rather than this older news.
    const asked = stepInFlight;
    stepInFlight = null;
    if (asked && asked.generation === runner.generation && messagesShown() !== asked.shown) return;
    showStatus(runner.finished ? `Finished: month ${runner.month}.` : `Paused at month ${runner.month}.`);
  });

  const uncertainty = setupUncertainty({ comparison: () => runner.comparison });
  setupMap();

  /** New runs of the state's scenarios on its seed, fast-forwarded to
   * `month`: by default the month on screen (month 0 after `runner.clear()`). */
  const rebuild = (month = runner.month) => {
    uncertainty.forget();
    society.setScenarios(names());
    monitors.setScenarios(names());
    byId('chart-legend').replaceChildren(...names().map((name, i) =>
      el('li', {}, el('span', { class: 'swatch', style: `background:${catalogue.colours[i]}` }), name)));
    const { scenarios, seed } = state();
    try {
      runner.load(scenarios.map((e) => runnable(e, seed)), month);
    } catch (error) {
      showError(`The scenarios could not run: ${error.message}`);
      return;
    }
    saveLink();
    refreshText();
  };

  /** Changes the state and runs its scenarios again from month 0 (even if
   * the change left them as they were). */
  const restart = (fn) => {
    runner.clear();
    update(fn);
    if (!runner.comparison) rebuild();
  };

  const editor = new Editor();
  setupPins(() => editor.render());
  const seedInput = byId('seed');
  const showProjector = (on) => {
    document.documentElement.classList.toggle('projector', on);
    byId('projector').setAttribute('aria-pressed', String(on));
  };

  // Every change of the state, whoever made it, reaches the runs, the
  // controls that show it and the link.
  subscribe((now, changed) => {
    if (changed.has('seed')) seedInput.value = String(now.seed);
    if (changed.has('projector')) showProjector(now.projector);
    if (changed.has('panel')) {
      charts.show(now.panel);
      // The new panel's charts are painted first; its text follows.
      requestAnimationFrame(() => setTimeout(refreshText, 0));
    }
    if (changed.has('scenarios') || changed.has('seed')) rebuild();
    else if (changed.has('bands') || changed.has('projector') || changed.has('unitShares')) onFrame();
    if (changed.has('unitShares')) byId('unit-shares').checked = now.unitShares;
    if (runner.comparison) saveLink();
  });

  // ── The run bar ─────────────────────────────────────────────────────────
  const reset = () => {
    runner.clear();
    rebuild();
    showStatus('Reset to month 0.');
  };
  byId('play').addEventListener('click', () => runner.toggle());
  /** One month on. Its month comes back from the worker: what the page
   * has said by now is noted, for the status the step ends with. A step
   * pressed while the runs catch up (after an edit) is part of that catch-up,
   * whose own status lines say how it goes: nothing is noted. */
  const step = () => {
    const wasSeeking = runner.seeking;
    runner.stepOnce();
    stepInFlight = !wasSeeking && runner.seeking ? { generation: runner.generation, shown: messagesShown() } : null;
  };
  byId('step').addEventListener('click', step);
  byId('reset').addEventListener('click', reset);
  byId('speed').addEventListener('change', (event) => {
    runner.monthsPerSecond = Number(event.target.value);
  });
  runner.monthsPerSecond = Number(byId('speed').value);
  setupShortcuts({ toggle: () => runner.toggle(), step, reset });

  // ── The seed ────────────────────────────────────────────────────────────
  seedInput.addEventListener('change', () => {
    const value = Number(seedInput.value);
    if (!Number.isSafeInteger(value) || value < 0) {
      showError(`The seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}.`);
      seedInput.value = String(state().seed);
      return;
    }
    clearError();
    update(() => ({ seed: value }));
  });
  // Another possible history: a seed nobody chose, drawn by the browser. It
  // goes in the seed field and the link like any other, so the run replays.
  byId('fresh-seed').addEventListener('click', () => {
    const seed = guard(() => model.freshSeed());
    if (seed === undefined) return;
    clearError();
    update(() => ({ seed }));
    showStatus(`Another history: seed ${seed}. The link replays it.`);
  });

  // ── Projector mode ──────────────────────────────────────────────────────
  byId('projector').addEventListener('click', () => update((s) => ({ projector: !s.projector })));

  // ── Share, keep, tour ───────────────────────────────────────────────────
  const app = {
    view,
    link: () => `${location.href.split('#')[0]}#${fragment()}`,
    selected: () => ({ entry: state().scenarios[state().selected], seed: state().seed }),
    replaceSelected: (entry) => update((s) => ({
      scenarios: s.scenarios.with(s.selected, entry), seed: entry.scenario.seed,
    })),
    chartImage: (outcome) => guard(() => chartImage(runner.comparison, outcome, bandsShown())),
    runEnsemble: () => uncertainty.start(),
    runs: () => state().runs,
    stamp: () => ({ names: names(), seed: state().seed, runs: state().runs }),
    showScenarios: (entries) => {
      restart(() => ({ scenarios: entries, selected: 0 }));
      // The status said where the last runs were; these start at month 0.
      showStatus('Ready: press Play (or the space bar).');
    },
    play: () => runner.play(),
    showPanel: (panel) => update(() => ({ panel })),
    showOutcome: (name) => charts.showOutcome(name),
  };
  byId('start-over').addEventListener('click', () => {
    const start = defaults();
    restart(() => ({ scenarios: start.scenarios, seed: start.seed, selected: 0 }));
    showStatus(`Back to the four regimes on seed ${start.seed}.`);
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
  // The state as opened: shown once here, then kept up to date by the
  // subscribers above. The month comes from the link, not the state.
  seedInput.value = String(state().seed);
  showProjector(state().projector);
  for (const node of document.querySelectorAll('.band-percent')) node.textContent = String(catalogue.bandPercent);
  editor.render();
  const wantBands = state().bands;
  rebuild(opened.month);
  for (const id of ['play', 'step', 'reset', 'run-ensemble', 'fresh-seed']) byId(id).disabled = false;
  updateButtons();
  if (wantBands) uncertainty.start();
  // Ready once the runs' month 0 is on screen (it comes from the stepping
  // worker), or at once if the scenarios could not run; a link to a part of
  // the page (#map) lands there then, once the charts above it have taken
  // their height.
  const showReady = () => {
    document.body.dataset.ready = 'true';
    if (!opened.anchor) return;
    const target = document.getElementById(opened.anchor);
    target?.scrollIntoView();
    target?.focus({ preventScroll: true });
  };
  // The status tells the truth about how the page opened.
  // A link that opened without some settings says so first; its runs still
  // catch up to its month, and say so when they have.
  if (runner.seeking) catchingUp = true;
  if (opened.problem) showStatus(opened.problem);
  else if (runner.seeking) showStatus(`Catching up to month ${runner.target}…`);
  else showStatus('Ready: press Play (or the space bar).');
  if (runner.comparison) runner.addEventListener('frame', showReady, { once: true });
  else showReady();
  // Start the ensemble workers once the page has settled, so that asking for
  // many seeds does not wait for them to load the model.
  setTimeout(warmUp, 1000);
}

main().catch((error) => {
  showError(`The simulation could not start: ${error.message}`);
});

// The guided tour for a class: a few steps that each set up scenarios, open
// the panel and outline the chart they speak of, say what to look at, and
// wait for the teacher's "Play this step" before running. It asks questions
// rather than giving the answers: the model is there to test the essay's
// argument, not to repeat it. The box sits beside the charts (at the top of
// the side column, above the live numbers and pinned levers, or over the
// scenarios column), or on a phone as a sheet at the bottom with the chart
// it speaks of scrolled above it: it never hides that chart, nor the live
// numbers and levers beside it.
// Every step shows the four regimes at the page's letters (welfare state A,
// corporate welfare B, Big Society C, partner state D), so a regime keeps its
// colour from step to step.
import { catalogue } from './wasm.js';
import { byId } from './dom.js';
import { fromPreset, regimeNames, withParameter } from './scenarios.js';

const named = (entry, name) => ({ ...entry, scenario: { ...entry.scenario, name } });
const scheduled = (preset, name, month, regime) => {
  const entry = named(fromPreset(preset), name);
  entry.scenario.schedule = [{ month, regime }];
  return entry;
};

/** An outcome from the catalogue by its library name; an outcome the tour
 * names but the library lost stops the page at its start, not mid-tour. */
function outcome(name) {
  const found = catalogue.outcomes.find((o) => o.name === name);
  if (!found) throw new Error(`the tour names an unknown outcome, ${name}`);
  return found;
}
/** An outcome's label as the charts show it, quoted. */
const label = (name) => `“${outcome(name).label}”`;
/** The title of the panel that shows an outcome, quoted. */
const panelOf = (name) => `“${catalogue.panels[outcome(name).panel]}”`;

/** Each step: a title, what to do and notice (text, or text made from the
 * page's state), the scenarios it sets up (null: keep those on screen), the
 * outcome whose chart it outlines (its panel is opened), and what "Play this
 * step" does besides playing. The outcomes and panels it points to are
 * quoted from the catalogue, so they read as the page shows them. */
function tourSteps() {
  // The four regimes in the library's order: the page's default letters.
  const regimes = regimeNames();
  const crowded = (preset) => named(
    { ...fromPreset(preset), scenario: withParameter(fromPreset(preset).scenario, 'associations.crowding_out', 0.9) },
    `${preset.replace('-', ' ')}, crowding-out 0.9`);
  return [
    {
      title: 'Four states, the same citizens',
      text: 'The four regimes run on the same seed: the same people, skills and luck; only the state differs. '
        + `Watch ${label('contributors_share')} and ${label('commons_knowledge')}. Then open ${panelOf('precarity_rate')}: `
        + 'who has the free time to contribute under each regime?',
      setup: () => regimes.map(fromPreset),
      watch: 'contributors_share',
    },
    {
      title: 'Welfare state or partner state?',
      text: 'Compare A, the welfare state, with D, the partner state. Both keep basic security; the partner '
        + 'state also funds the infrastructure of cooperation, trains citizens, lends tools and matches what '
        + `citizen teams raise, and its benefits are easy to claim. Compare ${label('infrastructure_health')} and `
        + `${label('contributors_share')}. What does the partner state cost: look at ${label('state_balance')} `
        + `and ${label('market_output')}.`,
      setup: () => regimes.map(fromPreset),
      watch: 'infrastructure_health',
    },
    {
      title: 'Welfare state, then a new state in year 5',
      text: 'All four runs start as the same welfare state; at month 60 B switches to corporate welfare, C to '
        + 'Big Society cuts and D to a partner state. Before month 60 the lines lie exactly on top of each other '
        + '(same seed). After it, which outcome moves first, and which takes years to move?',
      setup: () => [
        named(fromPreset('welfare-state'), 'welfare state throughout'),
        scheduled('welfare-state', 'corporate welfare from year 5', 60, 'corporate-welfare'),
        scheduled('welfare-state', 'cuts in year 5 (Big Society)', 60, 'big-society'),
        scheduled('welfare-state', 'partner state from year 5', 60, 'partner-state'),
      ],
      watch: 'commons_knowledge',
    },
    {
      title: 'When the contrast reverses',
      text: 'Grants are not free. Where state money crowds out most of what members, firms and volunteers '
        + 'would give of their own accord (crowding-out 0.9 here, 0.5 by default), the partner state\'s grants '
        + `and matching cost more volunteering than they buy infrastructure. Watch ${label('commons_knowledge')} `
        + `and ${label('contributors_share')}: which state grows the larger commons now? Then pin the partner `
        + 'state\'s corporate tax (“Pin” beside it in the editor), raise it step by step and watch firms leave, '
        + 'a few at a time.',
      setup: () => regimes.map(crowded),
      watch: 'commons_knowledge',
    },
    {
      title: 'Is it luck?',
      text: (app) => `One run is one possible history. “Play this step” runs each scenario on the same ${app.runs()} `
        + 'seeds in the background (“Uncertainty” shows the progress); the charts then show the median with a '
        + `band holding ${catalogue.bandPercent}% of the runs. Where the bands of two scenarios overlap, the `
        + 'difference between them could be chance.',
      setup: null,
      watch: 'commons_knowledge',
      action: (app) => app.runEnsemble(),
    },
    {
      title: 'Your turn',
      text: 'Change one lever at a time — in the editor, or pinned beside the charts — and watch which outcomes '
        + 'move. Can you find settings in which Big Society does better than the partner state? Copy the link '
        + 'to share exactly what you found.',
      setup: null,
      watch: null,
    },
  ];
}

/** The gap kept between the box, the chart it outlines and what covers
 * the screen's top (px). */
const GAP = 8;

/** How far down the screen the sticky run bar and the scenarios' legend
 * pinned under it reach: a chart scrolled above that is hidden. */
function stickyBottom() {
  return byId('run-bar').offsetHeight + byId('chart-legend').offsetHeight;
}

/** The gap to leave above the outlined chart `rect` when scrolling it to
 * just below the sticky legend: GAP, or less where a phone's chart
 * switcher sits closer above it, so that the switcher goes wholly under
 * the legend rather than showing a sliver of its buttons. */
function gapAbove(rect) {
  const switcher = byId('chart-switcher');
  if (!switcher || switcher.hidden) return GAP;
  const space = rect.top - switcher.getBoundingClientRect().bottom;
  return space >= 0 && space < GAP ? space : GAP;
}

/** Where the box goes: 'docked' in the side column beside the charts, if
 * there is one, above the live numbers and pinned levers (it must cover
 * neither); else 'beside' the charts over the scenarios column; else a
 * 'sheet' at the bottom of the screen. */
function placeFor() {
  const charts = byId('panel').getBoundingClientRect();
  const side = byId('stage-side').getBoundingClientRect();
  const controls = byId('controls').getBoundingClientRect();
  if (side.width > 0 && side.left >= charts.right - 1) return 'docked';
  if (controls.width > 0 && (controls.left >= charts.right - 1 || controls.right <= charts.left + 1)) return 'beside';
  return 'sheet';
}

/** Places the box (see `placeFor`); `home` marks its place in the page
 * when not docked, and a sheet leaves room above it for the outlined
 * chart, `chartHeight` tall (0 for none). */
function place(box, home, chartHeight) {
  const where = placeFor();
  for (const mode of ['docked', 'beside', 'sheet']) box.classList.toggle(mode, mode === where);
  box.style.cssText = '';
  if (where === 'docked') {
    dock(box);
    return;
  }
  undock(box, home);
  if (where === 'beside') overScenarios(box);
  // The sheet's height is kept within bounds by style.css.
  else box.style.setProperty('--room', `${window.innerHeight - stickyBottom() - chartHeight - 2 * GAP}px`);
}

/** The side column's own accessible name (index.html's), kept while the
 * tour renames it. */
const columnName = (column) => (column.dataset.name ??= column.getAttribute('aria-label'));

/** The side column's name while the tour is docked in it. */
const columnNameWithTour = (column) => `Guided tour, ${columnName(column).replace(/^./, (c) => c.toLowerCase())}`;

/** Puts the box at the top of the side column, in the flow: the live
 * numbers and pinned levers move down under it. The column reaches up
 * beside the legend and the note above the charts (which style.css keeps
 * clear of it), and sticks under the run bar while the charts scroll. */
function dock(box) {
  const column = byId('stage-side');
  if (box.parentElement !== column) keepingFocus(box, () => column.prepend(box));
  // The column is named for what it holds: the tour too, now.
  // (dock runs on every scroll: the name is set once.)
  const name = columnNameWithTour(column);
  if (column.getAttribute('aria-label') !== name) column.setAttribute('aria-label', name);
  const stage = column.parentElement.getBoundingClientRect();
  const tabs = byId('panel-tabs').getBoundingClientRect();
  column.style.marginTop = `${-Math.max(0, stage.top - tabs.bottom - GAP)}px`;
  // As tall as the screen leaves under it, so that its buttons are in view
  // (its text scrolls); style.css keeps it readable on a short screen.
  const top = Math.max(box.getBoundingClientRect().top, byId('run-bar').getBoundingClientRect().bottom + GAP);
  box.style.setProperty('--room', `${window.innerHeight - top - GAP}px`);
}

/** Takes the box out of the side column, back to its place in the page. */
function undock(box, home) {
  const column = byId('stage-side');
  column.style.marginTop = '';
  column.setAttribute('aria-label', columnName(column));
  if (box.parentElement === column) keepingFocus(box, () => home.after(box));
}

/** Moves the box with `move()`: a control in it that had the focus keeps
 * it (moving an element drops the focus). */
function keepingFocus(box, move) {
  const focused = box.contains(document.activeElement) ? document.activeElement : null;
  move();
  focused?.focus({ preventScroll: true });
}

/** Places the box over the scenarios column: below the run bar and the
 * tabs (which it must not hide), up to the top of the column. */
function overScenarios(box) {
  const column = byId('controls').getBoundingClientRect();
  const bar = byId('run-bar').getBoundingClientRect().bottom;
  const below = Math.max(bar, byId('panel-tabs').getBoundingClientRect().bottom) + GAP;
  const top = Math.max(Math.min(column.top, below), bar + GAP);
  Object.assign(box.style, {
    left: `${column.left}px`, width: `${column.width}px`, top: `${top}px`,
    maxHeight: `${window.innerHeight - top - GAP}px`,
  });
}

/** The chart of `outcome` within the panel's canvas: its box in the
 * panel's coordinates, from the grid charts.js drew (evenly split cells). */
function cellOf(outcome) {
  const canvas = byId('chart');
  // The charts drawn, in order (a phone draws one at a time).
  const index = (canvas.dataset.outcomes || '').split(' ').indexOf(outcome.name);
  const columns = Number(canvas.dataset.columns);
  const height = Number(canvas.dataset.cellHeight);
  if (index < 0 || !columns || !height) return null;
  const width = canvas.clientWidth / columns;
  return { left: (index % columns) * width, top: Math.floor(index / columns) * height, width, height };
}

/** Wires the tour. `app.showScenarios(entries)` sets up a step's scenarios
 * (without playing), `app.play()` plays them, `app.showPanel(i)` opens a
 * panel, `app.showOutcome(name)` turns a phone's charts to one,
 * `app.runEnsemble()` runs them over `app.runs()` seeds. */
export function setupTour(app) {
  const steps = tourSteps();
  const box = byId('tour');
  const highlight = byId('chart-highlight');
  // Where the box goes back to from the side column.
  const home = document.createComment(' the tour, when not in the side column ');
  box.before(home);
  let step = 0;
  let watched = null;
  /** Whether the watched chart still has to be scrolled to (its step's runs
   * had not drawn it yet: they arrive from the stepping worker). */
  let scrollDue = false;

  /** Outlines the watched chart, and scrolls it into the part of the screen
   * the box leaves free (between the sticky run bar and legend and a bottom
   * sheet). */
  const outline = (scroll) => {
    const cell = watched && !box.hidden ? cellOf(watched) : null;
    highlight.hidden = !cell;
    scrollDue = scroll && !cell;
    if (!cell) return;
    Object.assign(highlight.style, {
      left: `${cell.left}px`, top: `${cell.top}px`, width: `${cell.width}px`, height: `${cell.height}px`,
    });
    highlight.dataset.outcome = watched.name;
    if (!scroll) return;
    const rect = highlight.getBoundingClientRect();
    const top = stickyBottom();
    const bottom = box.classList.contains('sheet') ? box.getBoundingClientRect().top : window.innerHeight;
    if (rect.top < top || rect.bottom > bottom) {
      window.scrollTo({ top: window.scrollY + rect.top - top - gapAbove(rect), behavior: 'instant' });
    }
  };
  /** The outlined chart's height the box was last placed for. */
  let placedFor = null;
  const watchedHeight = () => (watched && cellOf(watched)?.height) || 0;
  const placeBox = () => {
    placedFor = watchedHeight();
    place(box, home, placedFor);
  };
  new ResizeObserver(() => outline(false)).observe(byId('chart'));
  // The charts are drawn every frame while playing: the box is placed again
  // only when the outlined chart's height changed (its room depends on
  // nothing else drawn), which spares a forced layout a frame.
  byId('chart').addEventListener('drawn', () => {
    if (box.hidden) return;
    if (scrollDue || watchedHeight() !== placedFor) placeBox();
    outline(scrollDue);
  });
  // A new screen size: the box placed again, the outline moved with the chart.
  window.addEventListener('resize', () => {
    if (box.hidden) return;
    placeBox();
    outline(false);
  });
  // A box beside the charts follows the scroll (its height too, when docked).
  window.addEventListener('scroll', () => { if (!box.hidden && !box.classList.contains('sheet')) placeBox(); }, { passive: true });

  const play = byId('tour-play');
  const show = (index) => {
    step = index;
    const { title, text, setup, action, watch } = steps[step];
    byId('tour-count').textContent = `Step ${step + 1} of ${steps.length}`;
    byId('tour-title').textContent = title;
    byId('tour-text').textContent = typeof text === 'function' ? text(app) : text;
    byId('tour-back').disabled = step === 0;
    byId('tour-next').textContent = step === steps.length - 1 ? 'Finish' : 'Next';
    play.hidden = !setup && !action;
    play.textContent = action ? 'Run the seeds' : 'Play this step';
    box.hidden = false;
    if (setup) app.showScenarios(setup());
    watched = watch ? outcome(watch) : null;
    if (watched) {
      app.showPanel(watched.panel);
      app.showOutcome(watched.name);
    }
    placeBox();
    outline(true);
    byId('tour-title').focus({ preventScroll: true });
  };
  play.addEventListener('click', () => {
    const { action } = steps[step];
    if (action) action(app);
    else app.play();
  });
  byId('tour-start').addEventListener('click', () => show(0));
  byId('tour-back').addEventListener('click', () => show(Math.max(0, step - 1)));
  byId('tour-next').addEventListener('click', () => {
    if (step === steps.length - 1) close();
    else show(step + 1);
  });
  const close = () => {
    box.hidden = true;
    undock(box, home);
    highlight.hidden = true;
    byId('tour-start').focus();
  };
  byId('tour-close').addEventListener('click', close);
  box.addEventListener('keydown', (event) => { if (event.key === 'Escape') close(); });
}

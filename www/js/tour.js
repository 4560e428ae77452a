// The guided tour for a class: a few steps that each set up scenarios, start
// them, and say what to look at. It asks questions rather than giving the
// answers: the model is there to test the essay's argument, not to repeat it.
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
 * page's state), the scenarios it sets up and what it does. The outcomes and
 * panels it points to are quoted from the catalogue, so they read as the
 * page shows them. */
function tourSteps() {
  return [
    {
      title: 'Four states, the same citizens',
      text: 'The four regimes run on the same seed: the same people, skills and luck; only the state differs. '
        + `Watch ${label('contributors_share')} and ${label('commons_knowledge')}. Then open ${panelOf('precarity_rate')}: `
        + 'who has the free time to contribute under each regime?',
      setup: () => regimeNames().map(fromPreset),
    },
    {
      title: 'Welfare state or partner state?',
      text: 'Both keep basic security; the partner state also funds the infrastructure of cooperation, trains '
        + 'citizens, lends tools and matches what citizen teams raise, and its benefits are easy to claim. '
        + `Compare ${label('infrastructure_health')} and ${label('contributors_share')}. What does the partner `
        + `state cost: look at ${label('state_balance')} and ${label('market_output')}.`,
      setup: () => ['welfare-state', 'partner-state'].map(fromPreset),
    },
    {
      title: 'Welfare state, then cuts in year 5',
      text: 'Three runs start as the same welfare state; at month 60 one switches to Big Society cuts and one '
        + 'to a partner state. Before month 60 the lines lie exactly on top of each other (same seed). After '
        + 'it, which outcome moves first, and which takes years to move?',
      setup: () => [
        named(fromPreset('welfare-state'), 'welfare state throughout'),
        scheduled('welfare-state', 'cuts in year 5', 60, 'big-society'),
        scheduled('welfare-state', 'partner state from year 5', 60, 'partner-state'),
      ],
    },
    {
      title: 'When the contrast reverses',
      text: 'Grants are not free. Where state money crowds out most of what members, firms and volunteers '
        + 'would give of their own accord (crowding-out 0.9 here, 0.5 by default), the partner state\'s grants '
        + `and matching cost more volunteering than they buy infrastructure. Watch ${label('commons_knowledge')} `
        + `and ${label('contributors_share')}: which state grows the larger commons now? Then try the partner `
        + 'state\'s corporate tax: raise it step by step and watch firms leave, a few at a time.',
      setup: () => [
        named({ ...fromPreset('big-society'), scenario: withParameter(fromPreset('big-society').scenario, 'associations.crowding_out', 0.9) },
          'Big Society, crowding-out 0.9'),
        named({ ...fromPreset('partner-state'), scenario: withParameter(fromPreset('partner-state').scenario, 'associations.crowding_out', 0.9) },
          'partner state, crowding-out 0.9'),
      ],
    },
    {
      title: 'Is it luck?',
      text: (app) => `One run is one possible history. The page now runs each scenario on the same ${app.runs()} `
        + 'seeds in the background (“Uncertainty” shows the progress); the charts then show the median with a '
        + `band holding ${catalogue.bandPercent}% of the runs. Where the bands of two scenarios overlap, the `
        + 'difference between them could be chance.',
      setup: null,
      action: (app) => app.runEnsemble(),
    },
    {
      title: 'Your turn',
      text: 'Change one lever at a time in the editor and watch which outcomes move. Can you find settings in '
        + 'which Big Society does better than the partner state? Copy the link to share exactly what you found.',
      setup: null,
    },
  ];
}

/** Wires the tour; `app.showScenarios(entries)` sets up and plays a step's
 * scenarios, `app.runEnsemble()` runs them over `app.runs()` seeds. */
export function setupTour(app) {
  const steps = tourSteps();
  const box = byId('tour');
  let step = 0;
  const show = (index) => {
    step = index;
    const { title, text, setup, action } = steps[step];
    byId('tour-count').textContent = `Step ${step + 1} of ${steps.length}`;
    byId('tour-title').textContent = title;
    byId('tour-text').textContent = typeof text === 'function' ? text(app) : text;
    byId('tour-back').disabled = step === 0;
    byId('tour-next').textContent = step === steps.length - 1 ? 'Finish' : 'Next';
    box.hidden = false;
    if (setup) app.showScenarios(setup());
    byId('tour-title').focus();
    action?.(app);
  };
  byId('tour-start').addEventListener('click', () => show(0));
  byId('tour-back').addEventListener('click', () => show(Math.max(0, step - 1)));
  byId('tour-next').addEventListener('click', () => {
    if (step === steps.length - 1) close();
    else show(step + 1);
  });
  const close = () => {
    box.hidden = true;
    byId('tour-start').focus();
  };
  byId('tour-close').addEventListener('click', close);
  box.addEventListener('keydown', (event) => { if (event.key === 'Escape') close(); });
}

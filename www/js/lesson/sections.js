// The lesson's experiments, one per section, in the order of the essay's
// argument. Each says which scenarios it runs (presets and changed
// parameters, by the library's names), which outcome its chart shows, the
// question the reader answers before the run, and how the run's numbers
// answer it. The prose around them is in lesson.html.
import { presetTitle, presetScenario, valueAt } from '../scenarios.js';
import { label, show, listing, direction, best } from './judge.js';

const REGIMES = ['welfare-state', 'corporate-welfare', 'big-society', 'partner-state'];
const MONTHS = 240;
const higherSameLower = (what) => [
  { value: 'higher', label: `Higher than A’s` },
  { value: 'same', label: `About the same as A’s${what}` },
  { value: 'lower', label: `Lower than A’s` },
];
/** A preset's value of a parameter, so the prose quotes the library's presets. */
const preset = (name, path) => valueAt(presetScenario(name), path);
const SAID = { higher: 'higher than', same: 'about the same as', lower: 'lower than' };

/** The judge of a step that sets B beside A: how B's `outcome` at the end
 * compares with A's (within `tolerance`, relative or `absolute`), in a
 * sentence quoting the run's numbers, then the `context` outcomes. A `count`
 * (forks) is read "by month", a level "at month". */
const judgeB = (outcome, tolerance, { absolute = false, count = false, context = [] } = {}) => (values) => {
  const [a, b] = values;
  const answer = direction(a[outcome], b[outcome], tolerance, { absolute });
  const rest = context.map((name) => `${label(name)}: ${listing(values, name)}`).join('; ');
  return {
    answer,
    text: `${label(outcome)} ${count ? 'by' : 'at'} month ${MONTHS}: ${listing(values, outcome)} — `
      + `B’s ${count ? 'are' : 'is'} ${SAID[answer]} A’s. ${rest}.`,
  };
};

export const SECTIONS = [
  {
    id: 'infrastructure',
    levers: [{ key: 'grants', path: 'state.infrastructure_grants', label: 'B’s grants to infrastructure', min: 0, max: 1, step: 0.05, value: 0 }],
    scenarios: ({ grants }) => [
      { preset: 'partner-state', name: 'Partner state' },
      { preset: 'partner-state', name: `Partner state, grants ${grants}`, set: { 'state.infrastructure_grants': grants } },
    ],
    outcome: () => 'infrastructure_health',
    question: ({ grants }) => `A is the partner state, whose grants pay ${preset('partner-state', 'state.infrastructure_grants')} of what its projects’ servers and tools need. B is the same state with grants of ${grants}. After ${MONTHS / 12} years, B’s infrastructure health will be…`,
    options: () => higherSameLower(' (within 0.02)'),
    judge(values) {
      const [a, b] = values;
      const answer = direction(a.infrastructure_health, b.infrastructure_health, 0.02, { absolute: true });
      const knowledge = direction(a.commons_knowledge, b.commons_knowledge, 0.02);
      return {
        answer,
        text: `${label('infrastructure_health')} at month ${MONTHS}: ${listing(values, 'infrastructure_health')} — B’s is ${SAID[answer]} A’s. ` +
          `${label('commons_knowledge')}: ${listing(values, 'commons_knowledge')} (B ${SAID[knowledge]} A); ` +
          `${label('contributors_share')}: ${listing(values, 'contributors_share')}.`,
      };
    },
  },
  {
    id: 'free-time',
    levers: [{ key: 'hours', path: 'households.time_budget', label: 'B’s time budget (hours a month)', min: 200, max: 400, step: 25, value: 200 }],
    scenarios: ({ hours }) => [
      { preset: 'welfare-state', name: 'Welfare state' },
      { preset: 'welfare-state', name: `Welfare state, ${hours} h`, set: { 'households.time_budget': hours } },
    ],
    outcome: () => 'contributors_share',
    question: ({ hours }) => `A is the welfare state, where citizens have ${preset('welfare-state', 'households.time_budget')} hours a month for work, needs and everything else. In B they have ${hours}. After ${MONTHS / 12} years, the share of B’s citizens contributing will be…`,
    options: () => higherSameLower(' (within half a point)'),
    judge: judgeB('contributors_share', 0.005, { absolute: true, context: ['commons_knowledge', 'precarity_rate'] }),
  },
  {
    id: 'forks',
    levers: [{ key: 'unfairness', path: 'commons.maintainer_unfairness', label: 'B’s maintainer unfairness', min: 0, max: 0.6, step: 0.05, value: 0.3 }],
    scenarios: ({ unfairness }) => [
      { preset: 'welfare-state', name: 'Welfare state' },
      { preset: 'welfare-state', name: `Welfare state, unfairness ${unfairness}`, set: { 'commons.maintainer_unfairness': unfairness } },
    ],
    outcome: () => 'forks_total',
    question: ({ unfairness }) => `In A, maintainers judge patches almost only on merit (unfairness ${preset('welfare-state', 'commons.maintainer_unfairness')}). In B their unfairness is ${unfairness}. After ${MONTHS / 12} years, B’s number of forks will be…`,
    options: () => higherSameLower(' (within 10%)'),
    judge: judgeB('forks_total', 0.1, { count: true, context: ['acceptance_rate', 'commons_knowledge'] }),
  },
  {
    id: 'firms',
    levers: [
      { key: 'knowledge', path: 'market.knowledge_elasticity', label: 'How much firms gain from the commons (knowledge elasticity)', min: 0, max: 1, step: 0.05, value: 0.3 },
      { key: 'labour', path: 'households.labour_supply_elasticity', label: 'How much taxes cut working hours (labour supply elasticity)', min: 0, max: 1, step: 0.05, value: 0.25 },
    ],
    scenarios: ({ knowledge, labour }) => REGIMES.filter((r) => r === 'corporate-welfare' || r === 'partner-state').map((preset) => ({
      preset, name: presetTitle(preset),
      set: { 'market.knowledge_elasticity': knowledge, 'households.labour_supply_elasticity': labour },
    })),
    outcome: () => 'market_output',
    question: () => `A is corporate welfare: low taxes, subsidies to firms. B is the partner state: high taxes that fund the commons firms build on. After ${MONTHS / 12} years, B’s market output per citizen will be…`,
    options: () => higherSameLower(' (within 1%)'),
    judge: judgeB('market_output', 0.01, { context: ['commons_knowledge', 'median_income'] }),
  },
  {
    id: 'four-states',
    levers: [{
      key: 'outcome', label: 'The outcome to judge', choices: [
        { value: 'commons_knowledge', label: 'the largest usable commons' },
        { value: 'precarity_rate', label: 'the fewest citizens in precarity' },
        { value: 'median_income', label: 'the highest median income' },
        { value: 'legitimacy', label: 'the most legitimacy' },
      ], value: 'commons_knowledge',
    }],
    scenarios: () => REGIMES.map((preset) => ({ preset, name: presetTitle(preset) })),
    outcome: ({ outcome }) => outcome,
    question: ({ outcome }) => `Four states, the same citizens, the same luck. Which will have ${({ commons_knowledge: 'the largest usable commons', precarity_rate: 'the fewest citizens in precarity', median_income: 'the highest median income', legitimacy: 'the most legitimacy' })[outcome]} after ${MONTHS / 12} years?`,
    options: () => REGIMES.map((preset) => ({ value: preset, label: presetTitle(preset) })),
    judge(values, { outcome }) {
      const winner = REGIMES[best(values, outcome, outcome === 'precarity_rate')];
      return { answer: winner, text: `${label(outcome)} at month ${MONTHS}: ${listing(values, outcome)} — best: ${presetTitle(winner)}.` };
    },
  },
  {
    id: 'big-society',
    levers: [{ key: 'month', label: 'The month the policy changes', min: 12, max: 180, step: 12, value: 60 }],
    scenarios: ({ month }) => [
      { preset: 'welfare-state', name: 'Welfare state throughout' },
      { preset: 'welfare-state', name: `Big Society from month ${month}`, schedule: [{ month, regime: 'big-society' }] },
      { preset: 'welfare-state', name: `Partner state from month ${month}`, schedule: [{ month, regime: 'partner-state' }] },
    ],
    outcome: () => 'contributors_share',
    question: ({ month }) => `A stays a welfare state. At month ${month}, B cuts transfers, services and infrastructure and calls loudly on citizens to volunteer (Big Society); C becomes a partner state. By month ${MONTHS}, the share of B’s citizens contributing will be…`,
    options: () => higherSameLower(' (within half a point)'),
    judge: judgeB('contributors_share', 0.005, { absolute: true, context: ['precarity_rate', 'commons_knowledge'] }),
  },
];

/** The closing challenge: four regimes in a world the reader shapes. */
export const CHALLENGE = {
  id: 'challenge',
  levers: [
    { key: 'crowding', path: 'associations.crowding_out', label: 'Crowding-out: how much state money replaces voluntary effort', min: 0, max: 1, step: 0.05, value: 0.5 },
    { key: 'knowledge', path: 'market.knowledge_elasticity', label: 'How much firms gain from the commons (knowledge elasticity)', min: 0, max: 1, step: 0.05, value: 0.3 },
    { key: 'labour', path: 'households.labour_supply_elasticity', label: 'How much taxes cut working hours (labour supply elasticity)', min: 0, max: 1, step: 0.05, value: 0.25 },
    { key: 'seed', label: 'Seed (another history with the same rules)', min: 1, max: 20, step: 1, value: 1 },
    {
      key: 'outcome', label: 'The outcome to judge', choices: [
        { value: 'commons_knowledge', label: 'Usable commons (largest wins)' },
        { value: 'market_output', label: 'Market output (largest wins)' },
        { value: 'median_income', label: 'Median income (largest wins)' },
        { value: 'precarity_rate', label: 'Precarity (fewest wins)' },
        { value: 'legitimacy', label: 'Legitimacy (most wins)' },
      ], value: 'commons_knowledge',
    },
  ],
  scenarios: ({ crowding, knowledge, labour }) => REGIMES.map((preset) => ({
    preset, name: presetTitle(preset),
    set: { 'associations.crowding_out': crowding, 'market.knowledge_elasticity': knowledge, 'households.labour_supply_elasticity': labour },
  })),
  outcome: ({ outcome }) => outcome,
  seed: ({ seed }) => seed,
  question: ({ outcome }) => `In the world these levers make, will the partner state (D) still be best on ${label(outcome).toLowerCase()}?`,
  options: () => [{ value: 'partner', label: 'Yes, the partner state wins' }, { value: 'other', label: 'No, another state wins' }],
  judge(values, { outcome, seed }) {
    const winner = REGIMES[best(values, outcome, outcome === 'precarity_rate')];
    const answer = winner === 'partner-state' ? 'partner' : 'other';
    const verdict = answer === 'other' ? `You found a world where the partner state does not win: ${presetTitle(winner)} does.` : 'The partner state wins here.';
    return { answer, winner, text: `${label(outcome)} at month ${MONTHS}, seed ${seed}: ${listing(values, outcome)}. ${verdict}` };
  },
  /** Reversals the model's documentation gives (docs/ODD.md, “Where each
   * regime wins”); the lesson's test runs every one and checks it holds here. */
  hints: [
    { text: 'Crowding-out high (0.9): grants and matching replace more volunteering than they buy.', set: { crowding: 0.9, knowledge: 0.3, labour: 0.25, seed: 1, outcome: 'commons_knowledge' } },
    { text: 'Knowledge matters little to firms (0.1) and taxes cost hours (0.4): judge market output.', set: { crowding: 0.5, knowledge: 0.1, labour: 0.4, seed: 1, outcome: 'market_output' } },
    { text: 'At the defaults, judge median income: the partner state’s high income tax shortens working hours.', set: { crowding: 0.5, knowledge: 0.3, labour: 0.25, seed: 1, outcome: 'median_income' } },
    { text: 'At the defaults, judge legitimacy: services everyone receives against programmes for contributors.', set: { crowding: 0.5, knowledge: 0.3, labour: 0.25, seed: 1, outcome: 'legitimacy' } },
  ],
};

export { show };

/** Checks that every outcome and parameter the steps name by hand is one
 * the library knows, so a renamed one stops the lesson at its start with a
 * message rather than failing when a reader reaches that step. */
export function checkNames(catalogue) {
  const outcomes = new Set(catalogue.outcomes.map((o) => o.name));
  const params = new Set(catalogue.params.map((p) => p.path));
  for (const config of [...SECTIONS, CHALLENGE]) {
    for (const lever of config.levers) {
      if (lever.path && !params.has(lever.path)) throw new Error(`step “${config.id}” names an unknown parameter “${lever.path}”`);
      for (const choice of lever.choices ?? []) {
        if (!outcomes.has(choice.value)) throw new Error(`step “${config.id}” names an unknown outcome “${choice.value}”`);
      }
    }
    const defaults = Object.fromEntries(config.levers.map((l) => [l.key, l.value]));
    for (const { preset } of config.scenarios(defaults)) {
      if (!catalogue.presets.some((p) => p.name === preset)) throw new Error(`step “${config.id}” names an unknown preset “${preset}”`);
    }
    if (!outcomes.has(config.outcome(defaults))) throw new Error(`step “${config.id}” names an unknown outcome “${config.outcome(defaults)}”`);
  }
}

// One lesson section's interactive part: its levers, the prediction the
// reader makes before anything runs, the Run button, the chart and the
// result, which quotes the run's numbers and says whether the guess was right.
import { el } from '../dom.js';
import { buildEntries, SmallSim, SEED } from './sim.js';
import { label } from './judge.js';

let counter = 0;

/** Builds the section's controls into `host` (an element of lesson.html) from
 * a config of sections.js; `fontSize()` is the chart's type size in CSS px.
 * Returns `{ levers, setLevers, run }` for the page and the challenge. */
export function mountSection(host, config, { fontSize, onResult = () => {} }) {
  const id = `${config.id}-${(counter += 1)}`;
  const levers = Object.fromEntries(config.levers.map((l) => [l.key, l.value]));
  const inputs = {};

  const leverBox = el('div', { class: 'levers' }, config.levers.map((lever) => {
    const inputId = `${id}-${lever.key}`;
    if (lever.choices) {
      const select = el('select', { id: inputId, onchange: (e) => changed(lever.key, e.target.value) },
        lever.choices.map((c) => el('option', { value: c.value, selected: c.value === lever.value }, c.label)));
      inputs[lever.key] = { set: (v) => { select.value = v; } };
      return el('div', { class: 'lever' }, el('label', { for: inputId }, lever.label), select);
    }
    const output = el('output', { for: inputId, class: 'lever-value' }, String(lever.value));
    const range = el('input', {
      type: 'range', id: inputId, min: String(lever.min), max: String(lever.max), step: String(lever.step), value: String(lever.value),
      'data-path': lever.path ?? '',
      oninput: (e) => { output.textContent = e.target.value; },
      onchange: (e) => changed(lever.key, Number(e.target.value)),
    });
    inputs[lever.key] = { set: (v) => { range.value = String(v); output.textContent = String(v); } };
    return el('div', { class: 'lever' }, el('label', { for: inputId }, lever.label, ' ', output), range);
  }));

  const legend = el('legend', {});
  const choices = el('div', { class: 'choices' });
  const predict = el('fieldset', { class: 'predict' }, legend, choices);
  const runButton = el('button', { type: 'button', class: 'primary run', disabled: true, onclick: () => run() }, 'Run it');
  const runHint = el('p', { class: 'run-hint', id: `${id}-hint` }, 'Make your prediction first: the simulation runs when you have chosen.');
  runButton.setAttribute('aria-describedby', runHint.id);
  const canvas = el('canvas', { class: 'lesson-chart', role: 'img', 'aria-label': 'The chart appears when the simulation runs.' });
  const progress = el('p', { class: 'progress', 'aria-live': 'off' }, 'The chart draws here when you run it.');
  const result = el('div', { class: 'result', role: 'status', 'aria-live': 'polite' });
  host.append(leverBox, predict, el('div', { class: 'run-row' }, runButton, runHint),
    el('div', { class: 'chart-box', 'data-idle': '' }, canvas, progress), result);

  const sim = new SmallSim(canvas, fontSize);
  new ResizeObserver(() => sim.draw()).observe(canvas);

  /** Rebuilds the question and its choices, keeping the guess when it still exists. */
  function renderQuestion() {
    const previous = choices.querySelector('input:checked')?.value;
    legend.textContent = config.question(levers);
    choices.replaceChildren(...config.options(levers).map((option) => {
      const inputId = `${id}-guess-${option.value}`;
      const radio = el('input', {
        type: 'radio', name: `${id}-guess`, id: inputId, value: option.value, checked: option.value === previous,
        onchange: () => guessed(),
      });
      return el('label', { class: 'choice', for: inputId }, radio, ' ', option.label);
    }));
    guessed();
  }

  function guess() {
    return choices.querySelector('input:checked')?.value ?? null;
  }

  function guessed() {
    runButton.disabled = guess() === null;
    runHint.hidden = guess() !== null;
  }

  function changed(key, value) {
    levers[key] = value;
    sim.generation += 1; // a run under way is for the old levers: drop it
    result.replaceChildren();
    host.dataset.state = 'waiting';
    renderQuestion();
  }

  async function run() {
    const prediction = guess();
    if (prediction === null) return null;
    host.dataset.state = 'running';
    result.replaceChildren();
    progress.textContent = 'Running…';
    progress.parentElement.removeAttribute('data-idle');
    // Validating the scenarios is a task of its own, not part of the click.
    const generation = sim.generation;
    await new Promise(requestAnimationFrame);
    if (generation !== sim.generation) return null;
    let entries;
    try {
      entries = buildEntries(config.scenarios(levers));
    } catch (error) {
      // The library's one-line message names the field and its range.
      result.replaceChildren(el('p', { class: 'error-text' }, `This world cannot run: ${error.message}`));
      host.dataset.state = 'error';
      return null;
    }
    const outcome = config.outcome(levers);
    const seed = config.seed ? config.seed(levers) : SEED;
    const values = await sim.run(entries, outcome, seed);
    if (!values) return null;
    progress.textContent = '';
    const verdict = config.judge(values, levers);
    const option = config.options(levers).find((o) => o.value === prediction);
    const right = verdict.answer === prediction;
    canvas.setAttribute('aria-label', `Chart of ${label(outcome)} over ${sim.month} months, seed ${seed}. ${verdict.text}`);
    result.replaceChildren(
      el('p', { class: `verdict ${right ? 'right' : 'wrong'}` },
        right ? `You predicted “${option.label}”: right.` : `You predicted “${option.label}”: not this time.`),
      el('p', { class: 'numbers' }, verdict.text),
    );
    host.dataset.state = 'done';
    host.dataset.answer = verdict.answer;
    host.dataset.right = String(right);
    onResult({ values, verdict, entries, levers: { ...levers } });
    return verdict;
  }

  function setLevers(values) {
    for (const [key, value] of Object.entries(values)) {
      levers[key] = value;
      inputs[key]?.set(value);
    }
    changed(Object.keys(values)[0], values[Object.keys(values)[0]]);
  }

  host.dataset.state = 'waiting';
  renderQuestion();
  return { levers, setLevers, run, seed: () => (config.seed ? config.seed(levers) : SEED), redraw: () => sim.draw(), entries: () => buildEntries(config.scenarios(levers)) };
}

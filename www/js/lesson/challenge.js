// The closing challenge: the reader shapes a world with three context
// levers and looks for one where the partner state does not win; the
// documented reversals are offered as hints, and the world opens in the
// full simulator through a permalink in the page's own format.
import { el } from '../dom.js';
import { encode } from '../permalink.js';
import { CHALLENGE } from './sections.js';
import { mountSection } from './section.js';

export function mountChallenge(host, { fontSize, projector }) {
  const link = el('a', { class: 'button full-link', id: 'challenge-link' }, 'Open this world in the full simulator');
  const section = mountSection(host, CHALLENGE, { fontSize, onResult: () => refresh() });

  /** The permalink of the four scenarios as the levers now set them. */
  function refresh() {
    const fragment = encode({
      seed: section.seed(), month: 0, runs: 20, bands: false, panel: 0, projector: projector(), scenarios: section.entries(),
    });
    link.href = `index.html#${fragment}`;
  }

  const hints = el('ol', { class: 'hints' }, CHALLENGE.hints.map((hint, i) => el('li', {},
    hint.text, ' ',
    el('button', {
      type: 'button', class: 'hint-try', 'data-hint': String(i),
      onclick: () => { section.setLevers(hint.set); refresh(); host.querySelector('.predict input')?.focus(); },
    }, 'Set these levers'))));
  host.append(el('div', { class: 'lab-extra' },
    el('h3', {}, 'Hints: worlds the model’s documentation says reverse a result'),
    hints,
    el('p', { class: 'map-link' }, 'To see where a result reverses across a whole range of two levers, use ',
      el('a', { href: 'index.html#map' }, 'the map “Where does it reverse?” on the main page'), '.'),
    el('p', {}, link),
  ));
  host.addEventListener('change', () => refresh());
  refresh();
  return { ...section, refresh };
}

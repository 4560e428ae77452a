// The session: where the page's state comes from when it opens (the link,
// else the last session saved in this browser, else the defaults) and where
// it is kept (the URL fragment and local storage).
import { catalogue } from './wasm.js';
import { showError } from './messages.js';
import { fromPreset, regimeNames } from './scenarios.js';
import { decode } from './permalink.js';
import { mapDefaults } from './mapsettings.js';

const SAVED = 'commons-sim:last-link';
/** The most reasons a note gives for the settings a link opened without. */
const SHOWN_REASONS = 3;

/** The four regimes on seed 1, no pins and the map as it opens: what the page opens with. */
export function defaults() {
  const scenarios = regimeNames().map(fromPreset);
  return {
    scenarios, seed: 1, month: 0, runs: 20, bands: false, panel: 0, projector: false, unitShares: false,
    pins: [], map: mapDefaults(scenarios.length),
  };
}

/** The state to start from; anything unreadable is reported and replaced by
 * the defaults (with `problem`, a line for the status), or, for a pin or a
 * map setting, left out (the link's scenarios open without it). `anchor` names the
 * section a `#about`-style address asked for. */
export function initialState() {
  // Only a fragment starting `v=` is a link; any other (`#about`) is an
  // anchor in the page, opened over the saved session or the defaults.
  const anchor = /^#[A-Za-z][\w-]*$/.test(location.hash) ? location.hash.slice(1) : null;
  const opened = start(anchor === null);
  return { ...opened, anchor };
}

function start(readLink) {
  const fromLink = readLink && location.hash.length > 1;
  let saved = null;
  try {
    saved = localStorage.getItem(SAVED);
  } catch {
    // Storage can be off (private windows); the defaults do.
  }
  const fragment = fromLink ? location.hash.slice(1) : saved;
  if (!fragment) return defaults();
  try {
    const state = decode(fragment, catalogue.panels.length);
    const what = fromLink ? 'This link' : 'Your saved session';
    const notes = [];
    if (fromLink && state.model && state.model !== catalogue.fingerprint) {
      notes.push('This link was made with another version of the model: it opens, but its numbers may differ '
        + 'from what its author saw.');
    }
    const { dropped } = state;
    if (dropped.length) {
      // The first few reasons: a hostile link could carry thousands, and
      // the box is read out whole.
      const shown = dropped.slice(0, SHOWN_REASONS).join('; ');
      const more = dropped.length > SHOWN_REASONS ? `; and ${dropped.length - SHOWN_REASONS} more` : '';
      notes.push(`${what} opened without ${dropped.length === 1 ? 'one of its settings' : `${dropped.length} of its settings`}, `
        + `which could not be read: ${shown}${more}.`);
    }
    if (notes.length) showError(notes.join(' '));
    // The status line is short (one line in projector mode): the note says which.
    return dropped.length ? { ...state, problem: 'Opened without some settings: see the note.' } : state;
  } catch (error) {
    const what = fromLink ? 'This link could not be opened' : 'Your saved session could not be restored';
    showError(`${what}: ${error.message}. Showing the default comparison instead.`);
    return { ...defaults(), problem: `${what}; showing the default comparison.` };
  }
}

/** Keeps a fragment in the address bar (without a new history entry) and in storage. */
export function keep(fragment) {
  history.replaceState(null, '', `#${fragment}`);
  try {
    localStorage.setItem(SAVED, fragment);
  } catch {
    // Nothing to do: the link still carries the state.
  }
}

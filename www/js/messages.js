// Messages to the user: a polite status line and an error box. Both take
// text only, so a hostile scenario name or link cannot inject markup.
import { byId } from './dom.js';

const status = () => byId('status');
const errorBox = () => byId('error');

/** How many messages (statuses and errors) have been shown so far. */
let shown = 0;

/** A count that changes whenever a status or an error is shown: work that
 * reports when it ends (a step, say, whose month comes back from a worker)
 * compares it with the count when it began, so as not to replace what the
 * page said meanwhile (a file that failed to load, say). */
export function messagesShown() {
  return shown;
}

/** Says what the page is doing (read out politely by screen readers). */
export function showStatus(text) {
  shown += 1;
  status().textContent = text;
}

/** Shows an error the user can act on; it stays until dismissed or replaced. */
export function showError(text) {
  shown += 1;
  const box = errorBox();
  box.querySelector('.error-text').textContent = text;
  box.hidden = false;
}

export function clearError() {
  errorBox().hidden = true;
}

/** Shows that the model itself failed; the page stays usable for reading and sharing. */
export function showFatal(text) {
  showError(`${text} Your scenarios are kept in the link: reload the page to start again.`);
  document.documentElement.classList.add('model-failed');
}

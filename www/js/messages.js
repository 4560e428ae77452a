// Messages to the user: a polite status line and an error box. Both take
// text only, so a hostile scenario name or link cannot inject markup.
import { byId } from './dom.js';

const status = () => byId('status');
const errorBox = () => byId('error');

/** Says what the page is doing (read out politely by screen readers). */
export function showStatus(text) {
  status().textContent = text;
}

/** Shows an error the user can act on; it stays until dismissed or replaced. */
export function showError(text) {
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

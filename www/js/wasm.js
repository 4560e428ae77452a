// Loads the model (WebAssembly) and describes it: every list the page shows
// (outcomes, panels, parameters, presets) comes from the library's tables.
import init, * as model from '../pkg/commons_sim.js';
import { showFatal } from './messages.js';

export { model };

/** The model's tables (see `catalogue` in src/web/mod.rs). */
export let catalogue = null;
/** The wasm instance's memory, for typed-array views. */
export let memory = null;

export async function load() {
  const exports = await init();
  memory = exports.memory;
  catalogue = JSON.parse(model.catalogue());
  return catalogue;
}

/** Whether an exception came from a trap inside wasm (a Rust panic), after
 * which the model's state cannot be trusted. */
export function isTrap(error) {
  return error instanceof WebAssembly.RuntimeError || /recursive use of an object/.test(String(error?.message));
}

/** Says that the model failed inside (a panic: `reason`) and cannot go on. */
export function showInternalError(reason) {
  showFatal(`The simulation stopped because of an internal error (${reason}).`);
}

/** Calls into the model; a trap becomes a readable message and `undefined`,
 * other errors are thrown on to the caller (they carry a message for users). */
export function guard(call) {
  try {
    return call();
  } catch (error) {
    if (!isTrap(error)) throw error;
    showInternalError(model.lastPanic() || String(error.message || error));
    return undefined;
  }
}

// The page's state, in one place: the scenarios compared (and which one the
// editor shows), the seed, the ensemble size, whether bands are shown, the
// panel in view, projector mode, whether shares are drawn on 0–1, the levers
// pinned beside the charts (pins.js) and the map's settings (mapsettings.js).
// Everything a link carries but the month, which belongs to the runs (see
// runner.js).
//
// Modules read it with `state()` and change it only with `update(fn)`; each
// change makes a new state, frozen to the leaves, so no module can change it
// behind another's back (trying throws), and every subscriber hears of it
// with the names of the fields that changed. A subscriber may itself call
// `update`: the fields it changes are announced in a further round, once
// every subscriber has heard of the current one.

let current = null;
const subscribers = [];
let pending = null;

/** Freezes a value made of plain objects and arrays, all the way down. */
function deepFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Sets the state the page opens with (once, before any subscriber). */
export function initState(initial) {
  current = deepFreeze({ ...initial });
}

/** The current state (frozen: change it with `update`). */
export function state() {
  return current;
}

/** Applies `fn(state)`, which returns the fields to change, and tells every
 * subscriber which fields changed (nothing, if none did). */
export function update(fn) {
  const patch = fn(current);
  const changed = Object.keys(patch).filter((key) => !Object.is(patch[key], current[key]));
  if (changed.length === 0) return;
  current = deepFreeze({ ...current, ...patch });
  if (pending) {
    for (const key of changed) pending.add(key);
    return;
  }
  pending = new Set(changed);
  try {
    while (pending.size > 0) {
      const keys = pending;
      pending = new Set();
      for (const subscriber of subscribers) subscriber(current, keys);
    }
  } finally {
    pending = null;
  }
}

/** Calls `fn(state, changed)` after every change; `changed` is a Set of field names. */
export function subscribe(fn) {
  subscribers.push(fn);
}

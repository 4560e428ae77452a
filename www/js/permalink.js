// The permalink: everything needed to replay exactly what is on screen, in
// the URL fragment (never the query, so nothing reaches a server):
//
//   #v=1&m=<model>&seed=1&month=120&runs=20&bands=1&panel=0&projector=1&shares=1
//     &pins=B.state.corporate_tax,A.state.basic_security&map.grid=4&map.b=C&s=<scenarios>
//
// (`shares=1`: shares drawn on a fixed 0–1 axis rather than fitted.)
// `pins`: the levers pinned beside the charts (pins.js), each a scenario's
// letter and a parameter's path, comma separated (%2C once encoded), at
// most four; a link without it shows no pins.
// `map.<name>`: the settings of the map “Where does it reverse?” that differ
// from its defaults (see mapsettings.js): `map.x` and `map.y` (the levers,
// parameter paths), `map.xmin`, `map.xmax`, `map.ymin`, `map.ymax` (their
// ranges), `map.a` and `map.b` (the scenarios, by letter), `map.outcome`,
// `map.grid` (cells a side), `map.seeds`, `map.citizens`, `map.months` and
// `map.at` (the month compared; empty: the last). A map left as it opened
// adds nothing to the link.
//
// `m` is the fingerprint of the model that made the link (a digest of its
// behaviour): opened by another model, the link still opens, with a notice
// that the numbers may differ from what its author saw.
// `s` is base64url of a JSON list with, for each scenario, its preset and
// what differs from it (see `diffFromPreset`). Everything read from a link
// is checked. A bad scenario, seed, month or count refuses the link (the
// caller shows the error and falls back to defaults); a bad pin or map
// setting is left out, with its reason in the state's `dropped`.
import { diffFromPreset, fromDiff, letter, letters, LIMITS } from './scenarios.js';
import { changedMapSettings, readMapSettings } from './mapsettings.js';
import { catalogue } from './wasm.js';

const VERSION = '1';
const MAX_LENGTH = 20_000;

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the scenarios are not base64url text');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The fragment (without `#`) for a page state. */
export function encode(view) {
  const params = new URLSearchParams();
  params.set('v', VERSION);
  params.set('m', catalogue.fingerprint);
  params.set('seed', String(view.seed));
  params.set('month', String(view.month));
  params.set('runs', String(view.runs));
  if (view.bands) params.set('bands', '1');
  if (view.panel) params.set('panel', String(view.panel));
  if (view.projector) params.set('projector', '1');
  if (view.unitShares) params.set('shares', '1');
  // Pins of the link's own scenarios only, so that the link always opens
  // (pins.js drops those of a removed scenario; the lesson's links carry
  // neither pins nor a map).
  const count = view.scenarios.length;
  const pins = (view.pins ?? []).filter((pin) => pin.scenario < count);
  if (pins.length) params.set('pins', pins.map((pin) => `${letter(pin.scenario)}.${pin.path}`).join(','));
  if (view.map) {
    for (const [name, text] of changedMapSettings(view.map, count)) params.set(`map.${name}`, text);
  }
  params.set('s', toBase64Url(JSON.stringify(view.scenarios.map(diffFromPreset))));
  return params.toString();
}

/** A whole number from a link parameter, in [min, max]. */
function integer(params, name, min, max, fallback) {
  if (!params.has(name)) return fallback;
  const text = params.get(name);
  const value = Number(text);
  if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not “${text.slice(0, 40)}”`);
  }
  return value;
}

/** The pinned levers of `pins=` for a link of `count` scenarios: at most
 * `LIMITS.pins`, each a scenario's letter and a lever of the editor (any
 * parameter but the seed), none twice. A pin that is none of these is left
 * out, and `drop` told why in plain words: pins only arrange the page, and
 * one bad one (from a newer version, say) should not cost the reader the
 * scenarios. */
function readPins(params, count, drop) {
  const text = params.get('pins');
  if (!text) return [];
  const pins = [];
  for (const item of text.split(',')) {
    const [, code, path] = /^([A-Z])\.(.+)$/.exec(item) ?? [];
    const scenario = code ? code.charCodeAt(0) - 65 : -1;
    if (!code) drop(`pins: “${item.slice(0, 60)}” is not a scenario's letter and a lever, as in B.state.corporate_tax`);
    else if (scenario >= count) drop(`pins: scenario ${code} is not in the link (its scenarios: ${letters(count)})`);
    else if (path === 'seed' || !catalogue.params.some((p) => p.path === path)) {
      drop(`pins: “${path.slice(0, 60)}” is not a lever of the editor (a parameter's path, such as state.corporate_tax)`);
    } else if (pins.some((pin) => pin.scenario === scenario && pin.path === path)) {
      drop(`pins: ${item.slice(0, 60)} is pinned twice`);
    } else if (pins.length === LIMITS.pins) {
      drop(`pins: at most ${LIMITS.pins} levers can be pinned, so ${item.slice(0, 60)} is not`);
    } else {
      pins.push({ scenario, path });
    }
  }
  return pins;
}

/** Reads a fragment (without `#`) into a page state, or throws an Error
 * whose message says what is wrong with the link. Pins and map settings
 * that cannot be read are left out instead (the page's defaults stand in
 * for them), each with its reason in the state's `dropped`: they arrange
 * the page, while a link is opened for its scenarios. */
export function decode(fragment, panels) {
  if (fragment.length > MAX_LENGTH) throw new Error(`the link is too long (${fragment.length} characters; at most ${MAX_LENGTH})`);
  const params = new URLSearchParams(fragment);
  if (params.get('v') !== VERSION) throw new Error(`unknown link version “${String(params.get('v')).slice(0, 20)}”`);
  let list;
  try {
    list = JSON.parse(fromBase64Url(params.get('s') ?? ''));
  } catch (error) {
    throw new Error(`the scenarios could not be read (${error.message})`);
  }
  if (!Array.isArray(list) || list.length < 1 || list.length > LIMITS.scenarios) {
    throw new Error(`a link holds 1 to ${LIMITS.scenarios} scenarios`);
  }
  const scenarios = list.map((diff, i) => fromDiff(diff, i));
  const length = Math.max(...scenarios.map((s) => s.scenario.months));
  const model = params.get('m');
  const dropped = [];
  const drop = (reason) => dropped.push(reason);
  return {
    model: model && /^[0-9a-f]{1,16}$/.test(model) ? model : null,
    scenarios,
    seed: integer(params, 'seed', 0, Number.MAX_SAFE_INTEGER, 1),
    month: integer(params, 'month', 0, length, 0),
    runs: integer(params, 'runs', 2, LIMITS.runs, 20),
    bands: params.get('bands') === '1',
    panel: integer(params, 'panel', 0, panels - 1, 0),
    projector: params.get('projector') === '1',
    unitShares: params.get('shares') === '1',
    pins: readPins(params, scenarios.length, drop),
    map: readMapSettings((name) => params.get(`map.${name}`), scenarios.length, drop),
    dropped,
  };
}

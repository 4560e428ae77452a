// Building elements from data. Text always goes in as text (textContent),
// never as HTML: names and messages can come from links and files.

/** Creates an element with attributes (`class`, `for`, aria-*, …; `on…` functions
 * become listeners) and children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return node;
}

/** The element with this id (it must exist: the page is static). */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page lacks #${id}`);
  return node;
}

/** One formatter per count of decimals (0–3), made once: `toLocaleString`
 * with options builds a new formatter on every call, and the page formats
 * hundreds of numbers each time its table refreshes while playing (most of
 * that refresh's time at 4 × 100,000 citizens). Same output. */
const FORMATTERS = [0, 1, 2, 3].map((digits) =>
  new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 }));

/** Formats a number for people: up to 3 significant digits, no exponent for everyday sizes. */
export function formatNumber(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 0.001 || magnitude >= 1e7)) return value.toExponential(2);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return FORMATTERS[digits].format(value);
}

/** Saves text or a blob as a file download. */
export function download(filename, content, type = 'text/plain') {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

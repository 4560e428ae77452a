// Keyboard shortcuts: space plays or pauses, → steps a month, r resets. They
// work wherever focus is (on a button too: after clicking Play with the
// mouse, focus stays on it) except where typing or a control needs the keys:
// text and number fields, selects, text areas, sliders, check boxes, tabs,
// and anything that handled the key first (a focused chart reads its values
// with the arrows).

/** Where the keys belong to the control: fields, disclosures, tabs' arrows. */
const TYPING = 'input, select, textarea, summary, [contenteditable], [role="tab"], [role="slider"]';

export function setupShortcuts({ toggle, step, reset }) {
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    if (event.target instanceof Element && event.target.closest(TYPING)) return;
    const action = { ' ': toggle, ArrowRight: step, r: reset, R: reset }[event.key];
    if (!action) return;
    // On a focused button Space would also click it (Play would toggle
    // twice, another button do its own job as well): the shortcut alone runs.
    event.preventDefault();
    if (event.repeat && event.key !== 'ArrowRight') return;
    action();
  });
}

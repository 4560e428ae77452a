// Keyboard shortcuts: space plays or pauses, → steps a month, r resets. They
// stay out of the way of typing and of controls that use those keys.

const INTERACTIVE = 'input, select, textarea, button, summary, a[href], [contenteditable], [role="tab"]';

export function setupShortcuts({ toggle, step, reset }) {
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    if (event.target instanceof Element && event.target.closest(INTERACTIVE)) return;
    const action = { ' ': toggle, ArrowRight: step, r: reset, R: reset }[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
}

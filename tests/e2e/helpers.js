// Shared by the browser tests: fail on any console error or uncaught
// exception, and count the drawn pixels of a canvas.
const { expect } = require('@playwright/test');

/** Collects console errors and page errors; call `check()` at the end. */
function watchForErrors(page) {
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  return { errors, check: () => expect(errors, errors.join('\n')).toEqual([]) };
}

/** Number of canvas pixels that are not (near) white. */
async function inkedPixels(page, selector) {
  return page.$eval(selector, (canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) inked += 1;
    }
    return inked;
  });
}

module.exports = { watchForErrors, inkedPixels };

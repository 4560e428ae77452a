// The page: loads the wasm module, runs the model month by month and redraws
// its chart. All model state lives in wasm; this file owns events and layout.
import init, { Simulation } from './pkg/commons_sim.js';

const runButton = document.getElementById('run');
const monthOutput = document.getElementById('month');
const status = document.getElementById('status');
const canvas = document.getElementById('chart');

function show(message) {
  status.textContent = message;
}

function runFor(simulation) {
  const tick = () => {
    simulation.step(4);
    monthOutput.textContent = String(simulation.month());
    simulation.draw(canvas, 'gini_wealth');
    if (simulation.finished()) {
      runButton.disabled = false;
      show('Done.');
    } else {
      requestAnimationFrame(tick);
    }
  };
  requestAnimationFrame(tick);
}

try {
  await init();
  runButton.disabled = false;
  runButton.addEventListener('click', () => {
    runButton.disabled = true;
    show('Running…');
    runFor(new Simulation(JSON.stringify({ months: 120, seed: 1 })));
  });
} catch (error) {
  show(`The simulation could not start: ${error.message}`);
}

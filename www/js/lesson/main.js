// The lesson page's start: loads the model, mounts each section's
// simulation into its place in lesson.html, and keeps projector mode (large
// type for a class, from the toggle or a `#projector` fragment).
import { load } from '../wasm.js';
import { showError } from '../messages.js';
import { SECTIONS, checkNames } from './sections.js';
import { mountSection } from './section.js';
import { buildEntries, warmUp } from './sim.js';
import { mountChallenge } from './challenge.js';

const projectorButton = document.getElementById('lesson-projector');
/** Every mounted section, to redraw when the type size changes. */
const mounted = [];
let challenge = null;
const projector = () => document.body.classList.contains('projector');
/** The charts' type size in CSS pixels: readable from the back in projector mode. */
const fontSize = () => (projector() ? 30 : window.innerWidth < 560 ? 13 : 15);

function setProjector(on) {
  document.body.classList.toggle('projector', on);
  projectorButton.setAttribute('aria-pressed', String(on));
  const url = new URL(window.location.href);
  url.hash = on ? 'projector' : '';
  history.replaceState(null, '', on ? url : url.pathname);
  for (const section of mounted) section.redraw();
}

async function start() {
  setProjector(window.location.hash === '#projector');
  projectorButton.addEventListener('click', () => { setProjector(!projector()); challenge?.refresh(); });
  try {
    checkNames(await load());
    for (const config of SECTIONS) {
      mounted.push(mountSection(document.querySelector(`[data-section="${config.id}"]`), config, { fontSize }));
    }
    challenge = mountChallenge(document.querySelector('[data-section="challenge"]'), { fontSize, projector });
    mounted.push(challenge);
    const first = SECTIONS[0];
    const defaults = Object.fromEntries(first.levers.map((l) => [l.key, l.value]));
    warmUp(buildEntries(first.scenarios(defaults)), first.outcome(defaults));
    document.body.dataset.ready = 'true';
  } catch (error) {
    showError(`The lesson could not start: ${error.message}`);
  }
}

start();

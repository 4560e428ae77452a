// Runs the compared scenarios month by month. The models live in the
// stepping worker (stepper.js), so that no month, however large the
// populations, blocks the page's thread; this side keeps what the page
// shows, a `Comparison` that records every month the worker sends, and the
// latest picture of each scenario's agents.
//
// Each animation frame works out the month the runs should reach (the
// speed, a fast-forward, a step) and, if the worker is idle, asks for it;
// a reply is recorded at once and the next request sent straight away, so
// the worker never waits on a frame, and the page redraws once in the next
// frame with whatever has arrived.
import { model, guard, showInternalError } from './wasm.js';
import { showError } from './messages.js';

/** How far ahead of the runs playing may ask, in seconds of play: a slow
 * model falls behind the speed chosen without piling up months to catch up. */
const AHEAD_SECONDS = 0.25;

/** Tells its listeners `frame` (months moved, or new runs: redraw), `play`
 * and `stop` (play started or stopped). */
export class Runner extends EventTarget {
  constructor() {
    super();
    this.comparison = null;
    /** Each scenario's agents at its latest month (`{ flags, projects, citizens }`). */
    this.societies = [];
    this.playing = false;
    this.monthsPerSecond = 20;
    /** The month a fast-forward or a step is bringing the runs to. */
    this.target = 0;
    /** The month play has reached on the clock (the runs may lag behind it). */
    this.played = 0;
    this.carry = 0;
    this.frame = null;
    this.last = 0;
    /** Which load the worker's replies must belong to (older ones are dropped). */
    this.generation = 0;
    /** Whether a request is with the worker. */
    this.busy = false;
    /** Whether months arrived since the last redraw. */
    this.dirty = false;
    /** Whether those months were stepped (not the new runs' month 0). */
    this.stepped = false;
    this.worker = new Worker(new URL('./stepper.js', import.meta.url), { type: 'module' });
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(`the simulation's worker failed: ${event.message || 'unknown error'}`, true);
    };
  }

  /** Starts new runs of `scenarios` (runnable scenario objects), then
   * fast-forwards to `month`. Throws if a scenario is invalid. */
  load(scenarios, month = 0) {
    const json = JSON.stringify(scenarios);
    const next = guard(() => new model.Comparison(json));
    if (!next) return;
    this.comparison?.free();
    this.comparison = next;
    this.societies = [];
    this.generation += 1;
    this.target = Math.min(month, next.length());
    this.played = 0;
    this.carry = 0;
    this.busy = true;
    this.worker.postMessage({ kind: 'load', generation: this.generation, scenarios: json });
  }

  /** Pauses and drops the runs, so that the next `load` starts at month 0. */
  clear() {
    this.pause();
    this.comparison?.free();
    this.comparison = null;
    this.societies = [];
    this.generation += 1;
    this.busy = false;
    this.target = 0;
  }

  emit(name) {
    this.dispatchEvent(new Event(name));
  }

  /** Whether the runs' month 0 has arrived (until then there is nothing to show). */
  get ready() { return !!this.comparison && this.comparison.started(); }
  get month() { return this.ready ? this.comparison.month() : 0; }
  get length() { return this.comparison ? this.comparison.length() : 0; }
  get finished() { return !this.ready || this.comparison.finished(); }
  /** Whether the runner is catching up to a month (after an edit or a link). */
  get seeking() { return !!this.comparison && this.target > this.month && !(this.ready && this.comparison.finished()); }

  play() {
    if (!this.ready || this.finished) return;
    this.playing = true;
    this.played = this.month;
    this.emit('play');
    this.schedule();
  }

  pause() {
    if (!this.playing) return;
    this.playing = false;
    this.emit('stop');
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  /** One month forward (pausing first). */
  stepOnce() {
    this.pause();
    if (!this.ready || this.finished) return;
    this.target = Math.max(this.target, this.month + 1);
    this.schedule();
  }

  /** The month the runs should reach now. */
  goal() {
    return Math.min(this.length, Math.max(this.target, this.playing ? this.played : 0));
  }

  /** Asks for a frame if there is work; `continuing` from a frame keeps its clock. */
  schedule(continuing = false) {
    if (this.frame === null && (this.playing || this.seeking || this.busy || this.dirty)) {
      if (!continuing) this.last = performance.now();
      this.frame = requestAnimationFrame((now) => this.tick(now));
    }
  }

  tick(now) {
    this.frame = null;
    if (!this.comparison) return;
    const elapsed = Math.min(now - this.last, 250);
    this.last = now;
    if (this.playing) {
      this.carry += (this.monthsPerSecond * elapsed) / 1000;
      const due = Math.floor(this.carry);
      this.carry -= due;
      const most = this.month + Math.max(1, Math.ceil(this.monthsPerSecond * AHEAD_SECONDS));
      this.played = Math.min(Math.max(this.played, this.month) + due, most);
    }
    this.request();
    if (this.dirty) {
      this.dirty = false;
      this.emit('frame');
      if (this.finished && this.playing) {
        this.playing = false;
        this.emit('stop');
      } else if (this.stepped && !this.playing && !this.seeking && !this.busy) {
        // A fast-forward or a step has arrived.
        this.emit('stop');
      }
      this.stepped = false;
    }
    this.schedule(true);
  }

  /** Sends the worker the month to reach, unless it is busy or there. */
  request() {
    if (this.busy || !this.ready) return;
    const goal = this.goal();
    if (!this.comparison.behind(goal)) return;
    this.busy = true;
    this.worker.postMessage({ kind: 'step', generation: this.generation, goal });
  }

  /** Records a reply from the worker and asks for more if more is due. */
  receive(data) {
    if (data.generation !== this.generation || !this.comparison) return;
    this.busy = false;
    if (data.error) {
      if (data.trap) this.fail(data.error, true);
      else this.fail(`The scenarios could not run: ${data.error}`, false);
      return;
    }
    const recorded = guard(() => {
      data.rows.forEach((rows, i) => this.comparison.record(i, rows));
      return true;
    });
    if (!recorded) return;
    this.societies = data.societies;
    this.stepped ||= data.kind === 'step';
    this.dirty = true;
    this.request();
    this.schedule(true);
  }

  /** Stops after the worker failed: `fatal` (an internal error, `message`
   * its reason) if the runs cannot go on. */
  fail(message, fatal) {
    this.playing = false;
    this.busy = false;
    this.target = this.month;
    if (fatal) showInternalError(message);
    else showError(message);
    this.emit('stop');
  }
}


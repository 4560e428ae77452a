// Runs the compared scenarios month by month. One call into the model per
// frame steps every scenario by as many months as the speed (or a
// fast-forward) asks, within a time budget so the page never freezes; then
// the page redraws once.
import { model, guard } from './wasm.js';

/** Time a frame may spend stepping, in milliseconds. */
const FRAME_BUDGET = 24;

/** Tells its listeners `frame` (months moved, or new runs: redraw), `play`
 * and `stop` (play started or stopped). */
export class Runner extends EventTarget {
  constructor() {
    super();
    this.comparison = null;
    this.playing = false;
    this.monthsPerSecond = 20;
    this.target = 0;
    this.carry = 0;
    this.msPerMonth = 1;
    this.frame = null;
    this.last = 0;
  }

  /** Starts new runs of `scenarios` (runnable scenario objects), then
   * fast-forwards to `month`. Throws if a scenario is invalid. */
  load(scenarios, month = 0) {
    const next = guard(() => new model.Comparison(JSON.stringify(scenarios)));
    if (!next) return;
    this.comparison?.free();
    this.comparison = next;
    this.target = Math.min(month, next.length());
    this.carry = 0;
    this.emit('frame');
    this.schedule();
  }

  /** Pauses and drops the runs, so that the next `load` starts at month 0. */
  clear() {
    this.pause();
    this.comparison?.free();
    this.comparison = null;
    this.target = 0;
  }

  emit(name) {
    this.dispatchEvent(new Event(name));
  }

  get month() { return this.comparison ? this.comparison.month() : 0; }
  get length() { return this.comparison ? this.comparison.length() : 0; }
  get finished() { return !this.comparison || this.comparison.finished(); }
  /** Whether the runner is catching up to a month (after an edit or a link). */
  get seeking() { return !!this.comparison && this.target > this.month && !this.finished; }

  play() {
    if (!this.comparison || this.finished) return;
    this.playing = true;
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
    if (!this.comparison || this.finished) return;
    this.target = Math.max(this.target, this.month + 1);
    this.schedule();
  }

  /** Asks for a frame if there is work; `continuing` from a frame keeps its clock. */
  schedule(continuing = false) {
    if (this.frame === null && (this.playing || this.seeking)) {
      if (!continuing) this.last = performance.now();
      this.frame = requestAnimationFrame((now) => this.tick(now));
    }
  }

  tick(now) {
    this.frame = null;
    if (!this.comparison) return;
    const elapsed = Math.min(now - this.last, 250);
    this.last = now;
    let due = 0;
    if (this.seeking) {
      due = this.target - this.month;
    } else if (this.playing) {
      this.carry += (this.monthsPerSecond * elapsed) / 1000;
      due = Math.floor(this.carry);
      this.carry -= due;
    }
    if (due > 0) {
      const affordable = Math.max(1, Math.floor(FRAME_BUDGET / this.msPerMonth));
      const months = Math.min(due, affordable);
      const started = performance.now();
      const reached = guard(() => this.comparison.step(months));
      if (reached === undefined) {
        this.playing = false;
        return;
      }
      this.msPerMonth = 0.7 * this.msPerMonth + 0.3 * Math.max(0.01, (performance.now() - started) / months);
      this.emit('frame');
    }
    if (this.finished && this.playing) {
      this.playing = false;
      this.emit('stop');
    } else if (!this.seeking && !this.playing && due > 0) {
      this.emit('stop');
    }
    this.schedule(true);
  }
}

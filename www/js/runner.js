// Runs the compared scenarios month by month. Each frame steps the
// scenarios by as many months as the speed (or a fast-forward) asks, within
// a time budget so the page never freezes; then the page redraws once.
// Scenarios are stepped one call each (`stepScenario`), and a round of
// months that does not fit one frame's budget (large populations: a month
// of 100,000 citizens takes tens of milliseconds) is finished over the next
// frames, scenario by scenario, so no frame runs four scenarios' months.
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
    /** The month every scenario is being brought to, while a round of
     * months is spread over frames (null between rounds). */
    this.goal = null;
    /** Whether the last round finished in a long frame, its redraw left to the next. */
    this.redrawDue = false;
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
    this.goal = null;
    this.redrawDue = false;
    this.emit('frame');
    this.schedule();
  }

  /** Pauses and drops the runs, so that the next `load` starts at month 0. */
  clear() {
    this.pause();
    this.comparison?.free();
    this.comparison = null;
    this.target = 0;
    this.goal = null;
  }

  emit(name) {
    this.dispatchEvent(new Event(name));
  }

  get month() { return this.comparison ? this.comparison.month() : 0; }
  get length() { return this.comparison ? this.comparison.length() : 0; }
  get finished() { return !this.comparison || this.comparison.finished(); }
  /** Whether the runner is catching up to a month (after an edit or a link). */
  get seeking() { return !!this.comparison && this.target > this.month && !this.finished; }
  /** Whether a round of months is part done (some scenarios behind the others). */
  get midRound() { return this.goal !== null; }

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
    if (this.frame === null && (this.playing || this.seeking || this.midRound || this.redrawDue)) {
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
    if (this.midRound) {
      // Finish the round first: its months were already due.
    } else if (this.seeking) {
      due = this.target - this.month;
    } else if (this.playing) {
      this.carry += (this.monthsPerSecond * elapsed) / 1000;
      due = Math.floor(this.carry);
      this.carry -= due;
    }
    if (due > 0) {
      // msPerMonth is the cost of one month of every scenario.
      const affordable = Math.max(1, Math.floor(FRAME_BUDGET / this.msPerMonth));
      this.goal = this.month + Math.min(due, affordable);
    }
    let moved = false;
    if (this.redrawDue) {
      // A round finished in a long frame last time: redraw in this one.
      this.redrawDue = false;
      moved = true;
      this.emit('frame');
    } else if (this.midRound) {
      const started = performance.now();
      const reached = guard(() => this.stepRound());
      if (reached === undefined) {
        this.playing = false;
        this.goal = null;
        return;
      }
      // A frame that stepped long (large populations) leaves the redraw to
      // the next, so stepping and drawing never add up in one frame.
      if (reached && performance.now() - started > FRAME_BUDGET) {
        this.redrawDue = true;
        this.schedule(true);
        return;
      }
      moved = reached;
      if (reached) this.emit('frame');
    }
    if (this.finished && this.playing) {
      this.playing = false;
      this.emit('stop');
    } else if (!this.seeking && !this.playing && moved) {
      this.emit('stop');
    }
    this.schedule(true);
  }

  /** Steps the scenarios behind the round's goal, one call each, until the
   * frame's budget is spent; returns whether the round is complete. */
  stepRound() {
    const comparison = this.comparison;
    const started = performance.now();
    const count = comparison.count();
    let months = 0;
    for (let i = 0; i < count; i += 1) {
      const behind = this.goal - comparison.scenarioMonth(i);
      if (behind <= 0) continue;
      // After the first call, go on only if another call of the same size fits.
      const spent = performance.now() - started;
      if (months > 0 && spent + (spent / months) * behind > FRAME_BUDGET) break;
      const before = comparison.scenarioMonth(i);
      months += comparison.stepScenario(i, behind) - before;
    }
    const spent = performance.now() - started;
    if (months > 0) {
      const perMonth = Math.max(0.01, (spent / months) * count);
      this.msPerMonth = 0.7 * this.msPerMonth + 0.3 * perMonth;
    }
    const done = [...Array(count).keys()].every((i) => comparison.scenarioMonth(i) >= this.goal) || comparison.finished();
    // A scenario shorter than the goal ends where it ends.
    if (done || months === 0) this.goal = null;
    return this.goal === null;
  }
}

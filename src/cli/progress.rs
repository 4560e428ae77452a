//! A progress bar on stderr for anything that takes more than a second:
//! months simulated (across all runs, so one long run moves it too), grid
//! points checked, rows merged. It appears only after a second, fits the
//! terminal's width, and is hidden with `--quiet`, when stderr is not a
//! terminal (a pipe, a file, a batch job's log), and when an output is
//! written to the terminal it would draw on ([`hide`]).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Set once an output goes to standard error, or to standard output on a
/// terminal: a bar there would mix with the data.
static HIDDEN: AtomicBool = AtomicBool::new(false);

/// No bar from now on (see [`HIDDEN`]).
pub fn hide() {
    HIDDEN.store(true, Ordering::Relaxed);
}

/// How long work runs before its bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// Counts work done; cheap to call from every worker thread.
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    /// Still waiting for [`DELAY`] to pass before drawing.
    waiting: AtomicBool,
}

impl Progress {
    /// A bar for `months` simulated months in all.
    pub fn new(months: u64, quiet: bool) -> Progress {
        Progress::counting(months, "months simulated", quiet)
    }

    /// A bar for `total` steps of work, each `what` ("grid points checked").
    pub fn counting(total: u64, what: &str, quiet: bool) -> Progress {
        let wanted =
            !quiet && total > 1 && !HIDDEN.load(Ordering::Relaxed) && std::io::stderr().is_terminal();
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        // `wide_bar` takes what the text leaves of the terminal's width, so
        // the line never wraps.
        let style = ProgressStyle::with_template("{wide_bar} {pos}/{len} {msg}, ~{eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message(what.to_string());
        Progress { bar, started: Instant::now(), waiting: AtomicBool::new(wanted) }
    }

    /// One more step done.
    pub fn advance(&self) {
        self.advance_by(1);
    }

    pub fn advance_by(&self, steps: u64) {
        self.bar.inc(steps);
        if self.waiting.load(Ordering::Relaxed)
            && self.started.elapsed() >= DELAY
            && self.waiting.swap(false, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

impl Drop for Progress {
    /// The bar disappears when the command is done with it.
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

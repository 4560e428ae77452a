//! A progress bar on stderr for every command that runs the model: months
//! simulated (across all runs, so one long run moves it too), elapsed time
//! and the time left. Hidden with `--quiet` and when stderr is not a
//! terminal (a pipe, a file, a batch job's log).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Counts simulated months; cheap to call from every worker thread.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar for `months` simulated months in all, shown only if wanted.
    pub fn new(months: u64, quiet: bool) -> Progress {
        if quiet || months <= 1 || !std::io::stderr().is_terminal() {
            return Progress { bar: ProgressBar::hidden() };
        }
        let bar = ProgressBar::with_draw_target(Some(months), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{bar:40} {pos}/{len} months simulated, {elapsed} elapsed, about {eta} left",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Progress { bar }
    }

    /// One more month simulated.
    pub fn advance(&self) {
        self.bar.inc(1);
    }
}

impl Drop for Progress {
    /// The bar disappears when the command is done with it.
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

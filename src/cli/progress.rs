//! A progress bar on stderr for commands that run the model more than once:
//! runs done, elapsed time and the time left. Hidden with `--quiet`, when
//! stderr is not a terminal (a pipe, a file, a batch job's log), and for a
//! single run.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Counts finished runs; cheap to call from every worker thread.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar for `runs` runs, shown only if it is useful and wanted.
    pub fn new(runs: u64, quiet: bool) -> Progress {
        if quiet || runs <= 1 || !std::io::stderr().is_terminal() {
            return Progress { bar: ProgressBar::hidden() };
        }
        let bar = ProgressBar::with_draw_target(Some(runs), ProgressDrawTarget::stderr());
        let style =
            ProgressStyle::with_template("{bar:40} {pos}/{len} runs, {elapsed} elapsed, about {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Progress { bar }
    }

    /// One more run finished.
    pub fn advance(&self) {
        self.bar.inc(1);
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

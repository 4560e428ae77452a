//! The command line's one error type: a sentence for the user, printed as
//! `error: …` on one line, with exit status 2.

use commons_sim::scenario::one_line;
use std::fmt;

/// Something the user can fix: a bad option, scenario, file or range. The
/// message names the problem and what is allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CliError {
    message: String,
    /// Standard output was closed by its reader (`commons-sim run | head`):
    /// not a failure, so nothing is printed and the exit status is 0.
    stdout_closed: bool,
}

impl CliError {
    pub fn new(message: impl Into<String>) -> CliError {
        // Keep every error on one line, whatever a library or a user put in it.
        CliError { message: one_line(&message.into()), stdout_closed: false }
    }

    /// The reader of standard output went away.
    pub fn stdout_closed() -> CliError {
        CliError { message: "standard output was closed".into(), stdout_closed: true }
    }

    pub fn is_stdout_closed(&self) -> bool {
        self.stdout_closed
    }

    /// The same error with what it concerns in front (an option, a file).
    pub fn context(self, what: impl fmt::Display) -> CliError {
        CliError { message: format!("{}: {}", one_line(&what.to_string()), self.message), ..self }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<commons_sim::scenario::ScenarioError> for CliError {
    fn from(error: commons_sim::scenario::ScenarioError) -> CliError {
        CliError::new(error.to_string())
    }
}

pub type Result<T, E = CliError> = std::result::Result<T, E>;

/// A value the user gave, in backticks for a message: control characters
/// escaped and long values shortened (see [`one_line`]).
pub fn quote(text: &str) -> String {
    one_line(&format!("`{text}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_stay_on_one_line() {
        let error = CliError::new("a\nb c").context("--set x=1");
        assert_eq!(error.to_string(), "--set x=1: a\\nb c");
        assert_eq!(quote(&"y".repeat(100)), format!("`{}…`", "y".repeat(60)));
    }
}

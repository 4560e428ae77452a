//! The command line's one error type: a sentence for the user, printed as
//! `error: …` on one line, with exit status 2.

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
        // Keep every error on one line, whatever a library put in its message.
        let message: String = message.into();
        CliError { message: message.split_whitespace().collect::<Vec<_>>().join(" "), stdout_closed: false }
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
        CliError { message: format!("{what}: {}", self.message), ..self }
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

/// A whole number from `min` to `max` given to option `flag`, or an error
/// that says so.
pub fn whole_number(flag: &str, text: &str, (min, max): (u64, u64)) -> Result<u64> {
    match text.trim().parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(CliError::new(format!("{flag} takes a whole number from {min} to {max}, not `{text}`"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_stay_on_one_line() {
        let error = CliError::new("a\nb  c").context("--set x=1");
        assert_eq!(error.to_string(), "--set x=1: a b c");
    }

    #[test]
    fn whole_numbers_name_the_option_and_range() {
        assert_eq!(whole_number("--seeds", "12", (1, 100)), Ok(12));
        let error = whole_number("--seeds", "0", (1, 100)).unwrap_err();
        assert_eq!(error.to_string(), "--seeds takes a whole number from 1 to 100, not `0`");
        assert!(whole_number("--seeds", "-3", (1, 100)).is_err());
        assert!(whole_number("--seeds", "many", (1, 100)).is_err());
    }
}

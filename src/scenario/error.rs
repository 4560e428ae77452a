//! The one error type of scenarios: which field is wrong, and what is allowed.

use std::fmt;

/// A scenario that cannot be run, with the dotted path of the field at fault
/// (`state.income_tax`, `schedule[2].month`) and a sentence a user can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// Dotted path of the offending field, or empty when the whole input is at fault.
    pub field: String,
    /// What is wrong and what would be right.
    pub message: String,
}

impl ScenarioError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError { field: field.into(), message: message.into() }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

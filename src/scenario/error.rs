//! The one error type of scenarios: which field is wrong, and what is allowed.
//!
//! Messages quote what the user wrote, which may be anything: [`one_line`]
//! keeps every message on one readable line, whatever it quotes.

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
        ScenarioError { field: one_line(&field.into()), message: one_line(&message.into()) }
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

/// Most characters of a quoted value a message shows.
pub const SHOWN_CHARS: usize = 60;

/// A message made safe to print on one line: control characters (line
/// breaks, terminal escapes) written as escapes (`\n`, `\u{1b}`), and every
/// span between backticks or double quotes, and every word outside them,
/// longer than [`SHOWN_CHARS`] shortened to its start and "…", so a 100 KB
/// value stays a short line.
pub fn one_line(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(512));
    let mut open: Option<char> = None;
    // Characters of the current quoted span, or of the current word outside quotes.
    let mut count = 0usize;
    for c in message.chars() {
        match open {
            Some(quote) if c == quote => {
                open = None;
                count = 0;
            }
            None if c == '`' || c == '"' => {
                open = Some(c);
                count = 0;
            }
            None if c.is_whitespace() || c == ':' => count = 0,
            _ => {
                count += 1;
                if count > SHOWN_CHARS {
                    if count == SHOWN_CHARS + 1 {
                        out.push('…');
                    }
                    continue;
                }
            }
        }
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        // Line and paragraph separators break lines in some readers; the
        // bidirectional controls reorder what a terminal shows.
        c if c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
        {
            out.push_str(&c.escape_unicode().to_string())
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_control_characters_and_shorten_long_quotes() {
        assert_eq!(one_line("bad `a\nb\u{1b}[31m`"), "bad `a\\nb\\u{1b}[31m`");
        assert_eq!(one_line("`a\u{2028}b\u{2029}c\u{202e}`"), "`a\\u{2028}b\\u{2029}c\\u{202e}`");
        let long = format!("unknown `{}` here", "x".repeat(100_000));
        let shown = one_line(&long);
        assert_eq!(shown, format!("unknown `{}…` here", "x".repeat(SHOWN_CHARS)));
        assert_eq!(one_line("\"ab\" and `cd`"), "\"ab\" and `cd`");
        let word = format!("households.{}: unknown", "k".repeat(1000));
        assert_eq!(one_line(&word), format!("households.{}…: unknown", "k".repeat(SHOWN_CHARS - 11)));
    }
}

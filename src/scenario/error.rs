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

/// A number as a message shows it: as written when short (`0.35`, `-1`,
/// `200000`), in scientific notation when it would be long (`1e308`, not
/// 309 digits; `1.5e-12`), so a message stays readable whatever was typed.
pub fn shown_number(number: f64) -> String {
    let plain = number.to_string();
    if plain.len() <= 12 { plain } else { format!("{number:e}") }
}

/// A message of serde's in plain words: "invalid value: integer `-1`,
/// expected u32" becomes "must be a whole number from 0 to 4294967295, not
/// -1"; serde's line and column (of JSON the page built, not typed) are dropped.
pub fn plain_serde_message(message: &str) -> String {
    let message = message.rfind(" at line ").map_or(message, |at| &message[..at]);
    let Some(rest) =
        message.strip_prefix("invalid value: ").or_else(|| message.strip_prefix("invalid type: "))
    else {
        return message.to_string();
    };
    let Some((found, expected)) = rest.split_once(", expected ") else { return message.to_string() };
    let found = found
        .strip_prefix("integer ")
        .or_else(|| found.strip_prefix("floating point "))
        .map_or(found.to_string(), |n| n.trim_matches('`').to_string());
    let expected = match expected {
        "u8" => "a whole number from 0 to 255".to_string(),
        "u16" => "a whole number from 0 to 65535".to_string(),
        "u32" => format!("a whole number from 0 to {}", u32::MAX),
        "u64" | "usize" => format!("a whole number from 0 to {}", u64::MAX),
        "i32" | "i64" => "a whole number".to_string(),
        "f32" | "f64" => "a number".to_string(),
        "a string" => "text in quotes".to_string(),
        "a boolean" => "true or false".to_string(),
        other => other.to_string(),
    };
    format!("must be {expected}, not {found}")
}

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
    fn serde_messages_become_plain_words() {
        assert_eq!(
            plain_serde_message("invalid value: integer `-1`, expected u32 at line 1 column 2335"),
            "must be a whole number from 0 to 4294967295, not -1"
        );
        assert_eq!(
            plain_serde_message("invalid type: string \"x\", expected f64"),
            "must be a number, not string \"x\""
        );
        assert_eq!(plain_serde_message("unknown variant `x`"), "unknown variant `x`");
    }

    #[test]
    fn numbers_in_messages_stay_short() {
        assert_eq!(shown_number(1e308), "1e308");
        assert_eq!(shown_number(-1.0), "-1");
        assert_eq!(shown_number(0.35), "0.35");
        assert_eq!(shown_number(200_000.0), "200000");
        assert_eq!(shown_number(1.5e-12), "1.5e-12");
    }

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

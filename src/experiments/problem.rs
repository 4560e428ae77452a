//! The parameters of an experiment: SALib's parameter file, one line per
//! parameter, `name lower upper`, separated by whitespace or commas.
//!
//! Lines starting with `#` and blank lines are skipped (SALib's own reader
//! takes neither, so files meant for SALib carry none). What a name means is
//! the caller's business: the command line checks names against the
//! scenario's parameter table.

use super::LineError;

/// One parameter and its range.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub lower: f64,
    pub upper: f64,
    /// The line of the parameter file it came from (1-based).
    pub line: usize,
}

impl Parameter {
    /// `unit` ∈ [0, 1] scaled to the range, as SALib's `scale_samples`.
    pub fn scale(&self, unit: f64) -> f64 {
        unit * (self.upper - self.lower) + self.lower
    }

    /// The width of the range.
    pub fn width(&self) -> f64 {
        self.upper - self.lower
    }
}

/// Parses a parameter file's text. Errors name the line and the field.
pub fn parse(text: &str) -> Result<Vec<Parameter>, LineError> {
    let mut parameters: Vec<Parameter> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> =
            trimmed.split(|c: char| c == ',' || c.is_whitespace()).filter(|f| !f.is_empty()).collect();
        let error = |field: &str, message: String| Err(LineError::new(line, field, message));
        if fields.len() < 3 {
            return error("line", format!("takes `name lower upper`, not `{trimmed}`"));
        }
        let name = fields[0].to_string();
        let bound = |field: &str, text: &str| match text.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(value),
            _ => Err(LineError::new(line, field, format!("`{text}` is not a number"))),
        };
        let lower = bound("lower", fields[1])?;
        let upper = bound("upper", fields[2])?;
        if lower >= upper {
            return error("lower", format!("{name}: lower bound {lower} must be below upper bound {upper}"));
        }
        if parameters.iter().any(|p| p.name == name) {
            return error("name", format!("{name} appears twice"));
        }
        parameters.push(Parameter { name, lower, upper, line });
    }
    if parameters.is_empty() {
        return Err(LineError::new(0, "file", "has no parameters; expected lines `name lower upper`".into()));
    }
    Ok(parameters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_salib_files_with_either_separator_and_comments() {
        let text = "# our comment\nx1 -3.5 3.5\n\nx2,0,1\nx3\t0 2 group\n";
        let p = parse(text).unwrap();
        assert_eq!(p.len(), 3);
        assert_eq!((p[0].name.as_str(), p[0].lower, p[0].upper, p[0].line), ("x1", -3.5, 3.5, 2));
        assert_eq!((p[1].name.as_str(), p[1].upper, p[2].upper), ("x2", 1.0, 2.0));
        assert_eq!(p[1].scale(0.5), 0.5);
    }

    #[test]
    fn errors_name_the_line_and_field() {
        let e = parse("a 0 1\nb 1 0\n").unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (2, "lower"));
        let e = parse("a 0 x\n").unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (1, "upper"));
        assert_eq!(parse("a 0\n").unwrap_err().line, 1);
        assert_eq!(parse("a 0 1\na 0 2\n").unwrap_err().field, "name");
        assert!(parse("# nothing\n").is_err());
    }
}

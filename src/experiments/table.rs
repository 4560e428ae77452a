//! SALib's number files: `model_input.txt` (a design, one row per sample, one
//! column per parameter) and `model_output.txt` (one row per sample, one
//! column per output), whitespace-separated, no header.
//!
//! Rows are parsed one line at a time so that a caller can stream a file.
//! Numbers are written in Rust's shortest form that reads back to the same
//! bits, so a design read back is the design written.

use super::LineError;

/// Parses one line into numbers: `None` for a blank line. `width`, when
/// given, is the number of columns the row must have.
pub fn parse_row(text: &str, line: usize, width: Option<usize>) -> Result<Option<Vec<f64>>, LineError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let mut row = Vec::with_capacity(width.unwrap_or(4));
    for (column, field) in
        text.split(|c: char| c == ',' || c.is_whitespace()).filter(|f| !f.is_empty()).enumerate()
    {
        match field.parse::<f64>() {
            Ok(value) if value.is_finite() => row.push(value),
            _ => {
                return Err(LineError::new(
                    line,
                    format!("column {}", column + 1),
                    format!("`{field}` is not a number"),
                ));
            }
        }
    }
    if let Some(width) = width
        && row.len() != width
    {
        return Err(LineError::new(line, "row", format!("has {} columns; expected {width}", row.len())));
    }
    Ok(Some(row))
}

/// Parses a whole file's text into rows of `width` columns (any width, the
/// same for every row, when `None`).
pub fn parse(text: &str, width: Option<usize>) -> Result<Vec<Vec<f64>>, LineError> {
    let mut rows: Vec<Vec<f64>> = Vec::new();
    let mut width = width;
    for (i, line) in text.lines().enumerate() {
        if let Some(row) = parse_row(line, i + 1, width)? {
            width = Some(row.len());
            rows.push(row);
        }
    }
    Ok(rows)
}

/// One row as a line: numbers separated by single spaces, newline-terminated.
pub fn format_row(row: &[f64]) -> String {
    let mut line = String::with_capacity(row.len() * 20);
    for (i, value) in row.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        // `{}` is the shortest text that parses back to the same f64.
        line.push_str(&format!("{value}"));
    }
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_and_salib_notation_reads() {
        let row = vec![0.1, -2.5e-7, 1.0 / 3.0, 12.0];
        let text = format_row(&row);
        assert_eq!(text, "0.1 -0.00000025 0.3333333333333333 12\n");
        assert_eq!(parse_row(&text, 1, Some(4)).unwrap(), Some(row));
        assert_eq!(
            parse("1.00000000e+00 2.5e-01\n\n3 4\n", None).unwrap(),
            vec![vec![1.0, 0.25], vec![3.0, 4.0]]
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse("1 2\n3 x\n", None).unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (2, "column 2"));
        let e = parse("1 2\n3\n", None).unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (2, "row"));
        assert!(parse_row("nan", 1, None).is_err());
    }
}

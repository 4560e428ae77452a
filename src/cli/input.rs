//! Reading the files a user names (scenarios, manifests, an experiment's
//! ranges, designs and outputs) with a size limit, so a huge file or
//! `/dev/zero` is refused instead of filling memory.

use super::error::{CliError, Result, quote};
use std::io::Read;
use std::path::Path;

/// Largest scenario or manifest file read: far above any real one.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// The text of `path`, refused when it is larger than [`MAX_INPUT_BYTES`]
/// or not UTF-8; `what` says what it is ("scenario file", "manifest").
pub fn read_limited(path: &Path, what: &str) -> Result<String> {
    read_at_most(path, what, MAX_INPUT_BYTES)
}

/// Largest design or outputs file read: above the largest design `sample`
/// writes (50 million numbers).
pub const MAX_TABLE_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// The text of `path`, refused when it is larger than `limit` bytes or not
/// UTF-8.
pub fn read_at_most(path: &Path, what: &str, limit: u64) -> Result<String> {
    let shown = quote(&path.to_string_lossy());
    let cannot = |why: String| CliError::new(format!("cannot read {what} {shown}: {why}"));
    if path.is_dir() {
        return Err(cannot("it is a directory".into()));
    }
    let file = std::fs::File::open(path).map_err(|e| cannot(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| cannot(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(cannot(too_large(limit)));
    }
    String::from_utf8(bytes).map_err(|e| cannot(format!("it is not UTF-8 text ({e})")))
}

fn too_large(limit: u64) -> String {
    format!("it is larger than {} MB", limit / (1024 * 1024))
}

/// Calls `each(number, text)` for every line of `path` (numbered from 1),
/// reading one line at a time and refusing a file larger than
/// [`MAX_TABLE_BYTES`] or not UTF-8; returns the digest of its bytes.
pub fn for_each_line(
    path: &Path,
    what: &str,
    mut each: impl FnMut(usize, &str) -> Result<()>,
) -> Result<String> {
    use std::io::BufRead;
    let shown = quote(&path.to_string_lossy());
    let cannot = |why: String| CliError::new(format!("cannot read {what} {shown}: {why}"));
    if path.is_dir() {
        return Err(cannot("it is a directory".into()));
    }
    let file = std::fs::File::open(path).map_err(|e| cannot(e.to_string()))?;
    let mut reader = std::io::BufReader::new(file.take(MAX_TABLE_BYTES + 1));
    let (mut line, mut read, mut number) = (String::new(), 0u64, 0);
    let mut digest = commons_sim::digest::Fnv64::default();
    loop {
        line.clear();
        let n = reader.read_line(&mut line).map_err(|e| cannot(e.to_string()))?;
        if n == 0 {
            return Ok(digest.hex());
        }
        digest.write(line.as_bytes());
        read += n as u64;
        if read > MAX_TABLE_BYTES {
            return Err(cannot(too_large(MAX_TABLE_BYTES)));
        }
        number += 1;
        each(number, line.trim_end_matches(['\n', '\r']))?;
    }
}

//! Reading the files a user names (scenarios, manifests) with a size limit,
//! so a huge file or `/dev/zero` is refused in a moment instead of filling
//! memory.

use super::error::{CliError, Result, quote};
use std::io::Read;
use std::path::Path;

/// Largest scenario or manifest file read: far above any real one.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// The text of `path`, refused when it is larger than [`MAX_INPUT_BYTES`]
/// or not UTF-8; `what` says what it is ("scenario file", "manifest").
pub fn read_limited(path: &Path, what: &str) -> Result<String> {
    let shown = quote(&path.to_string_lossy());
    let cannot = |why: String| CliError::new(format!("cannot read {what} {shown}: {why}"));
    if path.is_dir() {
        return Err(cannot("it is a directory".into()));
    }
    let file = std::fs::File::open(path).map_err(|e| cannot(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| cannot(e.to_string()))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(cannot(format!("it is larger than {} MB", MAX_INPUT_BYTES / (1024 * 1024))));
    }
    String::from_utf8(bytes).map_err(|e| cannot(format!("it is not UTF-8 text ({e})")))
}

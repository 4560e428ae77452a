//! Output destinations: standard output, or a file written whole or not at
//! all.
//!
//! A file is written to a temporary file in the same directory, created when
//! the command starts (so an unwritable place fails before any run), and
//! renamed over the destination only when everything is written. On any
//! error the temporary file is removed and the destination is untouched.

use super::error::{CliError, Result};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Where a command writes one of its outputs.
pub struct Output {
    sink: Sink,
}

enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File { temp: BufWriter<NamedTempFile>, path: PathBuf },
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        Output { sink: Sink::Stdout(BufWriter::new(io::stdout())) }
    }

    /// A file at `path`, through a temporary file beside it.
    pub fn file(path: &str) -> Result<Output> {
        let path = PathBuf::from(path);
        let cannot = |e: io::Error| CliError::new(format!("cannot write `{}`: {e}", path.display()));
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let name = path.file_name().ok_or_else(|| cannot(io::ErrorKind::InvalidInput.into()))?;
        let prefix = format!(".{}.", name.to_string_lossy());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            // Like any new file: readable by others unless the umask says not.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(dir).map_err(cannot)?;
        Ok(Output { sink: Sink::File { temp: BufWriter::new(temp), path } })
    }

    /// `--out`: a file, or standard output for none or `-`.
    pub fn file_or_stdout(path: Option<&str>) -> Result<Output> {
        match path {
            None | Some("-") => Ok(Output::stdout()),
            Some(path) => Output::file(path),
        }
    }

    pub fn write(&mut self, text: impl AsRef<[u8]>) -> Result<()> {
        let result = match &mut self.sink {
            Sink::Stdout(out) => out.write_all(text.as_ref()),
            Sink::File { temp, .. } => temp.write_all(text.as_ref()),
        };
        result.map_err(|e| self.error(e))
    }

    /// Finishes the output: flushes standard output, or renames the
    /// temporary file over the destination.
    pub fn commit(self) -> Result<()> {
        match self.sink {
            Sink::Stdout(mut out) => out.flush().map_err(stdout_error),
            Sink::File { temp, path } => {
                let cannot = |e: io::Error| CliError::new(format!("cannot write `{}`: {e}", path.display()));
                let temp = temp.into_inner().map_err(|e| cannot(e.into_error()))?;
                temp.as_file().sync_all().map_err(cannot)?;
                temp.persist(&path).map_err(|e| cannot(e.error))?;
                Ok(())
            }
        }
    }

    fn error(&self, e: io::Error) -> CliError {
        match &self.sink {
            Sink::Stdout(_) => stdout_error(e),
            Sink::File { path, .. } => CliError::new(format!("cannot write `{}`: {e}", path.display())),
        }
    }
}

fn stdout_error(e: io::Error) -> CliError {
    if e.kind() == io::ErrorKind::BrokenPipe {
        CliError::stdout_closed()
    } else {
        CliError::new(format!("cannot write to standard output: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_whole_on_commit_and_not_at_all_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let path_text = path.to_str().unwrap();
        let mut out = Output::file(path_text).unwrap();
        out.write("a,b\n").unwrap();
        assert!(!path.exists(), "nothing at the destination before commit");
        out.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a,b\n");

        let mut abandoned = Output::file(path_text).unwrap();
        abandoned.write("partial").unwrap();
        drop(abandoned);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a,b\n", "an abandoned output changes nothing");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }

    #[test]
    fn an_unwritable_place_fails_at_once_naming_it() {
        let error = Output::file("/nonexistent-dir/out.csv").err().unwrap().to_string();
        assert!(error.starts_with("cannot write `/nonexistent-dir/out.csv`"), "{error}");
    }
}

//! Output destinations, treated the way coreutils and ripgrep treat them.
//!
//! - `-` (or no `--out`) is standard output, and so are `/dev/stdout`,
//!   `/dev/fd/1` and `/proc/self/fd/1` (or a link to one of them): written
//!   through the descriptor the command was given, so a pipe, a `>` file
//!   and a `>>` file each get the output as with `-`. `/dev/stderr`,
//!   `/dev/fd/2` and `/proc/self/fd/2` are standard error, written the same
//!   way. Two outputs may not both go to one of them.
//! - A FIFO or a character device (`/dev/null`, a pipe made
//!   with `mkfifo`) is written directly, streaming: there is no file to
//!   replace, and a temporary file beside `/dev/null` could not be made.
//!   So is another descriptor's name (`/proc/self/fd/N`) that the system
//!   resolves to a pipe, which has no path to follow.
//! - A regular file, new or existing, is written to a temporary file in the
//!   same directory, created when the command starts (so an unwritable place
//!   fails before any run), and renamed over the destination only when
//!   everything is written. An existing file keeps its mode, setuid, setgid
//!   and sticky bits included, and (where the system allows) its owner and
//!   group; as with `cp -p`, the setuid and setgid bits are dropped when
//!   the owner and group cannot be kept. A symbolic link is followed, so the file it
//!   points to is replaced and the link stays a link.
//! - A directory, an empty path, a socket and a read-only file are refused
//!   when the command starts, as are two outputs that are the same file
//!   ([`check_distinct`]). The manifest beside a regular file
//!   (`FILE.meta.json`) is opened then too, as an output of its own, so it
//!   is checked in the same way, and an output may not be another's manifest.
//!
//! On any error, and on SIGINT or SIGTERM ([`remove_temporaries_on_signal`]),
//! the temporary files are removed and the destination is untouched. SIGKILL
//! cannot be caught: it may leave the hidden temporary file
//! (`.NAME.XXXXXX.tmp`), never a partial file under the destination's name.

use super::error::{CliError, Result, quote};
use super::manifest::Manifest;
use commons_sim::digest::Fnv64;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tempfile::NamedTempFile;

/// Where a command writes one of its outputs.
pub struct Output {
    sink: Sink,
    /// Of every byte written, for the manifest.
    digest: Fnv64,
}

enum Sink {
    /// Standard output (1) or standard error (2), through the descriptor
    /// the command was given.
    Standard { out: BufWriter<Box<dyn Write + Send + Sync>>, fd: u8, shown: String },
    /// A FIFO or a device, written as it goes.
    Stream { file: BufWriter<File>, shown: String, identity: Identity },
    /// A regular file, through a temporary file beside its target.
    File {
        temp: BufWriter<Temporary>,
        target: PathBuf,
        shown: String,
        keep: Option<Box<std::fs::Metadata>>,
        /// The mode it gets (for a manifest, the data file's), where not `keep`'s.
        mode: Option<u32>,
        /// Where its manifest goes, opened with it (none for a manifest).
        manifest: Option<Box<Output>>,
    },
}

/// What makes two paths the same file: device and inode when it exists,
/// otherwise the canonical directory and the name.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Identity {
    /// Standard output (1) or standard error (2).
    Standard(u8),
    Inode(u64, u64),
    New(PathBuf),
}

/// What a destination path turned out to be.
enum Kind {
    New,
    Regular(std::fs::Metadata),
    Stream,
}

/// Temporary files not yet renamed into place, removed by the signal handler.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn temporaries() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARIES.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Removes every temporary file and exits with status 130 on SIGINT or
/// SIGTERM, so a stopped command leaves nothing behind.
pub fn remove_temporaries_on_signal() {
    // If a handler cannot be installed, a stopped run may leave its
    // temporary file, as after SIGKILL; that is no reason to refuse to run.
    let _ = ctrlc::set_handler(|| {
        for path in temporaries().drain(..) {
            let _ = std::fs::remove_file(path);
        }
        std::process::exit(130);
    });
}

/// A temporary file that the signal handler knows about until it is
/// renamed into place or dropped (which removes it).
struct Temporary {
    file: Option<NamedTempFile>,
}

impl Temporary {
    fn new(file: NamedTempFile) -> Temporary {
        temporaries().push(file.path().to_path_buf());
        Temporary { file: Some(file) }
    }

    fn file(&mut self) -> &mut NamedTempFile {
        self.file.as_mut().expect("a temporary file is present until persisted")
    }

    fn forget(&self) {
        if let Some(file) = &self.file {
            temporaries().retain(|p| p != file.path());
        }
    }

    /// Renames the file over `target`.
    fn persist(mut self, target: &Path) -> io::Result<()> {
        let file = self.file.take().expect("a temporary file is present until persisted");
        let path = file.path().to_path_buf();
        let result = file.persist(target).map(drop).map_err(|e| e.error);
        temporaries().retain(|p| *p != path);
        result
    }
}

impl Write for Temporary {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file().flush()
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        // NamedTempFile removes the file itself.
        self.forget();
    }
}

/// The names of this process's standard output (1) and standard error
/// (2): written as `-` is, through the descriptor, not resolved to its
/// target (a pipe has no path; a file opened again would lose the shell's
/// `>>`).
fn standard(path: &Path) -> Option<u8> {
    match path.to_str()? {
        "/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1" => Some(1),
        "/dev/stderr" | "/dev/fd/2" | "/proc/self/fd/2" => Some(2),
        _ => None,
    }
}

/// Follows symbolic links (at most 40, as Linux does) to the path that will
/// really be written, stopping at a name of standard output or error, and
/// at a link that only the system can resolve (`/proc/self/fd/N` of a pipe
/// reads `pipe:[N]`, no path; opening it reaches the pipe).
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        if standard(&path).is_some() {
            return Ok(path);
        }
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&path)?;
                let next = match path.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
                let dangling =
                    matches!(std::fs::symlink_metadata(&next), Err(e) if e.kind() == io::ErrorKind::NotFound);
                if dangling && std::fs::metadata(&path).is_ok() {
                    return Ok(path);
                }
                path = next;
            }
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(path),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

fn kind_of(target: &Path, shown: &str) -> Result<Kind> {
    let cannot = |why: String| CliError::new(format!("cannot write {}: {why}", quote(shown)));
    let meta = match std::fs::metadata(target) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Kind::New),
        Err(e) => return Err(cannot(e.to_string())),
    };
    let file_type = meta.file_type();
    if file_type.is_dir() {
        return Err(cannot("it is a directory; give a file name".into()));
    }
    if file_type.is_file() {
        // A file we may not write is refused, as `cp` would, rather than
        // replaced by renaming over it.
        OpenOptions::new().write(true).open(target).map_err(|e| cannot(e.to_string()))?;
        return Ok(Kind::Regular(meta));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() || file_type.is_char_device() {
            return Ok(Kind::Stream);
        }
    }
    Err(cannot("it is neither a file, a FIFO nor a character device".into()))
}

/// A file's permission bits.
#[cfg(unix)]
fn mode_of(meta: &std::fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(meta.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn mode_of(_: &std::fs::Metadata) -> Option<u32> {
    None
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> Identity {
    use std::os::unix::fs::MetadataExt;
    Identity::Inode(meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> Identity {
    Identity::New(PathBuf::new())
}

impl Output {
    fn new(sink: Sink) -> Output {
        Output { sink, digest: Fnv64::new() }
    }

    /// Standard output.
    pub fn stdout() -> Output {
        Output::standard(1, "-")
    }

    /// Standard output (`fd` 1) or standard error (2), named `shown`. A
    /// progress bar would mix with the data on standard error, or on a
    /// terminal that is standard output too: there is none then.
    fn standard(fd: u8, shown: &str) -> Output {
        use std::io::IsTerminal;
        if fd == 2 || io::stdout().is_terminal() {
            super::progress::hide();
        }
        let out: Box<dyn Write + Send + Sync> = match fd {
            1 => Box::new(io::stdout()),
            _ => Box::new(io::stderr()),
        };
        Output::new(Sink::Standard { out: BufWriter::new(out), fd, shown: shown.into() })
    }

    /// The destination `path` and, for a regular file, its manifest beside
    /// it: see the module's documentation.
    pub fn file(path: &str) -> Result<Output> {
        Output::open(path, true, None)
    }

    /// Opens `path`, with its manifest if `with_manifest`; `mode` is the
    /// mode it gets, if not that of the file it replaces.
    fn open(path: &str, with_manifest: bool, mode: Option<u32>) -> Result<Output> {
        let cannot = |e: &dyn std::fmt::Display| CliError::new(format!("cannot write {}: {e}", quote(path)));
        if path.is_empty() {
            return Err(CliError::new("an output path is empty; give a file name or `-`"));
        }
        let target = follow_links(Path::new(path)).map_err(|e| cannot(&e))?;
        if let Some(fd) = standard(&target) {
            return Ok(Output::standard(fd, path));
        }
        match kind_of(&target, path)? {
            Kind::Stream => {
                let file = OpenOptions::new().write(true).open(&target).map_err(|e| cannot(&e))?;
                let identity = file.metadata().map(|m| inode(&m)).map_err(|e| cannot(&e))?;
                Ok(Output::new(Sink::Stream { file: BufWriter::new(file), shown: path.into(), identity }))
            }
            kind => {
                let keep = match kind {
                    Kind::Regular(meta) => Some(Box::new(meta)),
                    _ => None,
                };
                let (dir, name) =
                    split(&target).ok_or_else(|| cannot(&"it names no file; give a file name"))?;
                let prefix = format!(".{}.", name.to_string_lossy());
                let mut builder = tempfile::Builder::new();
                builder.prefix(&prefix).suffix(".tmp");
                #[cfg(unix)]
                {
                    // A new file like any other (readable by others unless
                    // the umask says not); a replacement never more open
                    // than the file it replaces, even while it is written.
                    use std::os::unix::fs::PermissionsExt;
                    let created = mode.or_else(|| keep.as_deref().and_then(mode_of)).unwrap_or(0o666);
                    builder.permissions(std::fs::Permissions::from_mode(created & 0o777));
                }
                let temp = builder.tempfile_in(dir).map_err(|e| cannot(&e))?;
                let temp = BufWriter::new(Temporary::new(temp));
                let manifest = match with_manifest {
                    // The manifest takes the data file's mode: no more open than the data.
                    true => Some(Box::new(Output::open(
                        &Manifest::path_beside(&target).to_string_lossy(),
                        false,
                        keep.as_deref().and_then(mode_of).map(|mode| mode & 0o777),
                    )?)),
                    false => None,
                };
                Ok(Output::new(Sink::File { temp, target, shown: path.into(), keep, mode, manifest }))
            }
        }
    }

    /// `--out`: a file, or standard output for none or `-`.
    pub fn file_or_stdout(path: Option<&str>) -> Result<Output> {
        match path {
            None | Some("-") => Ok(Output::stdout()),
            Some(path) => Output::file(path),
        }
    }

    /// The manifest opened beside a regular file.
    fn manifest(&self) -> Option<&Output> {
        match &self.sink {
            Sink::File { manifest, .. } => manifest.as_deref(),
            _ => None,
        }
    }

    /// The path as the user gave it (`-` for standard output).
    pub fn shown(&self) -> &str {
        match &self.sink {
            Sink::Standard { shown, .. } | Sink::Stream { shown, .. } | Sink::File { shown, .. } => shown,
        }
    }

    fn identity(&self) -> Option<Identity> {
        match &self.sink {
            Sink::Standard { fd, .. } => Some(Identity::Standard(*fd)),
            Sink::Stream { identity, .. } => Some(identity.clone()),
            Sink::File { target, keep: Some(meta), .. } => Some(inode(meta)).filter(|_| target.exists()),
            Sink::File { target, .. } => {
                let (dir, name) = split(target)?;
                let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
                Some(Identity::New(dir.join(name)))
            }
        }
    }

    pub fn write(&mut self, text: impl AsRef<[u8]>) -> Result<()> {
        self.digest.write(text.as_ref());
        let result = match &mut self.sink {
            Sink::Standard { out, .. } => out.write_all(text.as_ref()),
            Sink::Stream { file, .. } => file.write_all(text.as_ref()),
            Sink::File { temp, .. } => temp.write_all(text.as_ref()),
        };
        result.map_err(|e| self.error(e))
    }

    /// Finishes the output and, beside a regular file, writes its manifest
    /// (`FILE.meta.json`) with `rows` and the digest of what was written.
    /// The manifest is prepared first and renamed into place last, so a
    /// file never appears with another file's manifest beside it unnoticed:
    /// `merge` checks the digest.
    pub fn commit_with(mut self, manifest: Manifest, rows: u64) -> Result<()> {
        let meta = match &mut self.sink {
            Sink::File { manifest, .. } => manifest.take(),
            _ => None,
        };
        let Some(mut meta) = meta else { return self.commit() };
        meta.write(manifest.finish(rows, self.digest.hex()).to_json())?;
        self.commit()?;
        meta.commit()
    }

    /// Finishes the output: flushes standard output or the stream, or
    /// renames the temporary file over the destination, keeping the mode
    /// and owner of the file it replaces.
    pub fn commit(self) -> Result<()> {
        match self.sink {
            Sink::Standard { mut out, fd, .. } => out.flush().map_err(|e| standard_error(fd, e)),
            Sink::Stream { mut file, shown, .. } => file.flush().map_err(|e| cannot_write(&shown, e)),
            Sink::File { temp, target, shown, keep, mode, .. } => {
                let cannot = |e: io::Error| cannot_write(&shown, e);
                let mut temp = temp.into_inner().map_err(|e| cannot(e.into_error()))?;
                let file = temp.file().as_file();
                file.sync_all().map_err(cannot)?;
                if let Some(meta) = keep {
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::{MetadataExt, PermissionsExt};
                        // Only root may give a file away; anyone else keeps
                        // the group where allowed and is the owner anyway.
                        // The owner first: a change of owner clears the
                        // setuid and setgid bits, which the mode then sets.
                        let owned =
                            std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_ok();
                        // As `cp -p`: setuid and setgid only with the owner and group kept.
                        let bits = if owned { 0o7777 } else { 0o1777 };
                        file.set_permissions(std::fs::Permissions::from_mode(meta.mode() & bits))
                            .map_err(cannot)?;
                    }
                    #[cfg(not(unix))]
                    file.set_permissions(meta.permissions()).map_err(cannot)?;
                }
                #[cfg(unix)]
                if let Some(mode) = mode {
                    use std::os::unix::fs::PermissionsExt;
                    file.set_permissions(std::fs::Permissions::from_mode(mode)).map_err(cannot)?;
                }
                temp.persist(&target).map_err(cannot)
            }
        }
    }

    fn error(&self, e: io::Error) -> CliError {
        match &self.sink {
            Sink::Standard { fd, .. } => standard_error(*fd, e),
            Sink::Stream { shown, .. } | Sink::File { shown, .. } => cannot_write(shown, e),
        }
    }
}

/// The directory and the file name of a target path.
fn split(target: &Path) -> Option<(&Path, &std::ffi::OsStr)> {
    let name = target.file_name()?;
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    Some((dir, name))
}

/// Refuses two outputs that are the same file (`--out a.svg --chart a.svg`,
/// or a link and its target) or both standard output (`--out -` and a
/// chart linked to `/dev/stdout`), or an output that is another's manifest
/// (`--out c.svg.meta.json --chart c.svg`), before anything runs.
pub fn check_distinct<'a>(outputs: impl IntoIterator<Item = &'a Output>) -> Result<()> {
    let mut seen: Vec<(Identity, String)> = Vec::new();
    for output in outputs {
        let manifest = output.manifest().map(|m| (m, format!("the manifest of {}", quote(output.shown()))));
        for (file, shown) in std::iter::once((output, quote(output.shown()))).chain(manifest) {
            let Some(identity) = file.identity() else { continue };
            if let Some((_, earlier)) = seen.iter().find(|(id, _)| *id == identity) {
                let same = match identity {
                    Identity::Standard(1) => "both standard output",
                    Identity::Standard(_) => "both standard error",
                    _ => "the same file",
                };
                return Err(CliError::new(format!(
                    "{earlier} and {shown} are {same}; give each output its own"
                )));
            }
            seen.push((identity, shown));
        }
    }
    Ok(())
}

fn cannot_write(shown: &str, e: io::Error) -> CliError {
    CliError::new(format!("cannot write {}: {e}", quote(shown)))
}

/// A reader closing standard output or error early (`| head`) is not an error.
fn standard_error(fd: u8, e: io::Error) -> CliError {
    if e.kind() == io::ErrorKind::BrokenPipe {
        CliError::stdout_closed()
    } else if fd == 1 {
        CliError::new(format!("cannot write to standard output: {e}"))
    } else {
        CliError::new(format!("cannot write to standard error: {e}"))
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
        // Other tests run at the same time: look only at this directory's files.
        let registered = temporaries().iter().filter(|p| p.starts_with(dir.path())).count();
        assert_eq!(registered, 0, "the signal handler forgets what is gone");
    }

    #[test]
    fn an_unwritable_place_fails_at_once_naming_it() {
        let error = Output::file("/nonexistent-dir/out.csv").err().unwrap().to_string();
        assert!(error.starts_with("cannot write `/nonexistent-dir/out.csv`"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_modes_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.csv");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink("target.csv", &link).unwrap();
        let mut out = Output::file(link.to_str().unwrap()).unwrap();
        out.write("new").unwrap();
        out.commit().unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);
        let a = Output::file(link.to_str().unwrap()).unwrap();
        let b = Output::file(target.to_str().unwrap()).unwrap();
        assert!(check_distinct([&a, &b]).unwrap_err().to_string().contains("are the same file"));
    }
}

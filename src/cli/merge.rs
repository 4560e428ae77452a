//! `commons-sim merge`: joins the CSV files of `run --shard` or `sweep
//! --shard`, or the outputs of `evaluate --shard`, into the file one
//! machine would have written, or refuses.
//!
//! Every shard carries its manifest (`FILE.meta.json`, see `manifest`).
//! Before writing anything, merge checks that:
//!
//! - every input has a manifest, and all manifests have the same settings
//!   (program, model, command, scenarios in full, seeds, months, axes,
//!   `--every-month`), naming the first setting that differs;
//! - the inputs are shards 1 to N of the same N, each exactly once;
//! - each file holds exactly what its manifest records: its header, its
//!   rows (the count) and their digest, and its runs in order, so a cut,
//!   damaged or edited file is refused.
//!
//! Files are read by the `csv` crate, so a copy saved with CRLF line ends
//! or a byte-order mark is accepted: the digest is taken over each record
//! written back as `commons-sim` writes it ([`canonical`]), which is also what
//! the merged file holds. Shard I holds runs I−1, I−1+N, …, in order, so the
//! merge streams: it takes each run from its shard in turn, holding one
//! record per shard in memory, never a whole file.
//!
//! `evaluate`'s shards are consecutive blocks of design rows with no key
//! columns: each must hold exactly its block's rows (from the design's row
//! count in the manifest) and its recorded digest, and the merged file is
//! the shards' bytes in shard order — byte for byte what one `evaluate`
//! without `--shard` writes.

use super::args::MergeArgs;
use super::error::{CliError, Result, quote};
use super::manifest::Manifest;
use super::output::Output;
use super::progress::Progress;
use super::shard::Shard;
use commons_sim::digest::Fnv64;
use commons_sim::export::{csv_header, csv_quote};
use std::io::Read;
use std::path::Path;

/// Longest line a shard may have: far above any row `commons-sim` writes,
/// so a file that is not one (say `/dev/zero`) is refused in a moment.
const MAX_LINE_BYTES: u64 = 1024 * 1024;

/// A checked `merge`: shards in order, each verified against its manifest.
pub struct Plan {
    shards: Vec<ShardFile>,
    manifest: Manifest,
    runs: u64,
    /// `evaluate`'s outputs: shards joined end to end, not run by run.
    blocks: bool,
    out: Output,
}

struct ShardFile {
    path: String,
    shard: Shard,
}

/// Where a run's key is in a row.
#[derive(Clone, Copy, Debug)]
struct Columns {
    /// A sweep's `point`; runs of `run` have none.
    point: Option<usize>,
    seed: usize,
}

impl Plan {
    pub fn new(args: &MergeArgs) -> Result<Plan> {
        let mut manifests = Vec::new();
        for path in &args.inputs {
            let manifest = Manifest::read_beside(path).or_else(|first| {
                // A file written through a link has its manifest beside the link's target.
                let target = std::fs::canonicalize(path).map_err(|_| first.clone())?;
                Manifest::read_beside(&target.to_string_lossy()).map_err(|_| first)
            })?;
            let shard = Shard::parse(&manifest.shard).map_err(|_| {
                CliError::new(format!("the manifest of {} has no valid shard `I/N`", quote(path)))
            })?;
            manifests.push((path.as_str(), manifest, shard));
        }
        let (first_path, first, first_shard) = manifests[0].clone();
        if !["run", "sweep", "evaluate"].contains(&first.command.as_str()) {
            return Err(CliError::new(format!(
                "{} was written by `{}`; merge joins the shards of run, sweep or evaluate",
                quote(first_path),
                first.command
            )));
        }
        let count = first_shard.count();
        let mut slots: Vec<Option<&str>> = vec![None; count as usize];
        for (path, manifest, shard) in &manifests {
            if let Some(why) = first.difference(manifest, (first_path, path)) {
                return Err(CliError::new(format!(
                    "{} is not a shard of the same experiment as {}: {why}",
                    quote(path),
                    quote(first_path)
                )));
            }
            if shard.count() != count {
                return Err(CliError::new(format!(
                    "{} is shard {shard} but {} is shard {first_shard}: the experiment was split differently",
                    quote(path),
                    quote(first_path)
                )));
            }
            let slot = &mut slots[shard.index() as usize - 1];
            if let Some(earlier) = slot {
                return Err(CliError::new(format!(
                    "shard {shard} is given twice, as {} and {}; pass each shard's file once",
                    quote(earlier),
                    quote(path)
                )));
            }
            *slot = Some(path);
        }
        if let Some(missing) = slots.iter().position(Option::is_none) {
            return Err(CliError::new(format!(
                "shard {}/{count} is missing; pass every shard's file (given: {})",
                missing + 1,
                manifests.iter().map(|(_, _, s)| s.to_string()).collect::<Vec<_>>().join(", ")
            )));
        }
        let mut shards: Vec<ShardFile> = manifests
            .iter()
            .map(|(path, _, shard)| ShardFile { path: path.to_string(), shard: *shard })
            .collect();
        shards.sort_by_key(|s| s.shard.index());
        let quiet = args.quiet.quiet;
        let mut manifest = first.clone();
        manifest.arguments = super::manifest::arguments();
        let manifest = manifest.shard(Shard::ALL);
        if first.command == "evaluate" {
            let rows =
                first.settings.get("design_rows").and_then(|r| r.parse::<u64>().ok()).ok_or_else(|| {
                    CliError::new(format!("the manifest of {} records no design_rows", quote(first_path)))
                })?;
            for (path, manifest, shard) in &manifests {
                verify_block(path, manifest, *shard, rows, quiet)?;
            }
            let out = Output::file_or_stdout(args.out.path.as_deref())?;
            return Ok(Plan { shards, manifest, runs: rows, blocks: true, out });
        }
        let points = match first.command.as_str() {
            "sweep" => first.settings.get("points").and_then(|p| p.parse::<u64>().ok()).unwrap_or(0),
            _ => 1,
        };
        // A damaged manifest may record any numbers: refuse rather than overflow.
        let runs = points.checked_mul(first.seeds).ok_or_else(|| {
            CliError::new(format!(
                "the manifest of {} records {points} grid points of {} seeds, more runs than can be counted: \
                 the manifest is damaged; write that shard again",
                quote(first_path),
                first.seeds
            ))
        })?;
        let mut header = None;
        for (path, manifest, shard) in &manifests {
            let found = verify(path, manifest, *shard, runs, first.seeds, first.first_seed, quiet)?;
            match &header {
                None => header = Some((found, *path)),
                Some((expected, from)) if *expected != found => {
                    return Err(CliError::new(format!(
                        "{} has another header than {}; merge only shards of one command",
                        quote(path),
                        quote(from)
                    )));
                }
                Some(_) => {}
            }
        }
        let out = Output::file_or_stdout(args.out.path.as_deref())?;
        Ok(Plan { shards, manifest, runs, blocks: false, out })
    }

    pub fn execute(self, quiet: bool) -> Result<()> {
        let Plan { shards, manifest, runs, blocks, mut out } = self;
        if blocks {
            for file in &shards {
                for_each_chunk(&file.path, |bytes| out.write(bytes))?;
            }
            return out.commit_with(manifest, runs);
        }
        let mut readers = Vec::new();
        for file in &shards {
            let mut reader = Records::open(&file.path)?;
            let header = reader.next_record()?.ok_or_else(|| changed(&file.path))?;
            if readers.is_empty() {
                out.write(canonical(&header))?;
            }
            readers.push(reader);
        }
        let columns = match readers.first() {
            Some(reader) => reader.columns()?,
            None => return out.commit_with(manifest, 0),
        };
        let progress = Progress::counting(runs, "runs merged", quiet);
        let mut rows = 0u64;
        let n = readers.len() as u64;
        for run in 0..runs {
            let reader = &mut readers[(run % n) as usize];
            let path = &shards[(run % n) as usize].path;
            let mut key = None;
            while let Some(record) = reader.peek()? {
                let this = key_of(record, columns, path)?;
                if key.is_some_and(|k| k != this) {
                    break;
                }
                key = Some(this);
                out.write(canonical(record))?;
                rows += 1;
                reader.consume();
            }
            progress.advance();
        }
        out.commit_with(manifest, rows)
    }
}

/// Checks one shard against its manifest: readable, its runs in order, as
/// many rows as recorded and the same digest. Returns its header.
fn verify(
    path: &str,
    manifest: &Manifest,
    shard: Shard,
    runs: u64,
    seeds: u64,
    first_seed: u64,
    quiet: bool,
) -> Result<String> {
    let mut records = Records::open(path)?;
    let header = records.next_record()?.ok_or_else(|| {
        CliError::new(format!("{} is empty; expected a CSV written by run or sweep", quote(path)))
    })?;
    let header_line = canonical(&header);
    let columns = records.columns()?;
    let mut digest = Fnv64::new();
    digest.write(header_line.as_bytes());
    let mut expected = shard.runs(runs).map(|run| {
        (if columns.point.is_some() { run / seeds } else { 0 }, first_seed.wrapping_add(run % seeds))
    });
    let progress = Progress::counting(manifest.rows, "rows checked", quiet);
    let (mut rows, mut current) = (0u64, None);
    while let Some(record) = records.next_record()? {
        let key = key_of(&record, columns, path)?;
        if current != Some(key) {
            if expected.next() != Some(key) {
                return Err(changed(path));
            }
            current = Some(key);
        }
        digest.write(canonical(&record).as_bytes());
        rows += 1;
        progress.advance();
    }
    if expected.next().is_some() || rows != manifest.rows {
        return Err(CliError::new(format!(
            "{} holds {rows} rows where its manifest records {}: the file was cut or changed after it was written",
            quote(path),
            manifest.rows
        )));
    }
    if digest.hex() != manifest.data_digest {
        return Err(changed(path));
    }
    Ok(header_line)
}

/// Checks one shard of `evaluate` against its manifest: it holds the rows
/// of its block of the design's `rows` (each a line) and its digest.
fn verify_block(path: &str, manifest: &Manifest, shard: Shard, rows: u64, quiet: bool) -> Result<()> {
    let block = shard.block(rows);
    let expected = block.end - block.start;
    if manifest.rows != expected {
        return Err(CliError::new(format!(
            "the manifest of {} records {} rows, but shard {shard} of a design of {rows} rows holds {expected}",
            quote(path),
            manifest.rows
        )));
    }
    let progress = Progress::counting(manifest.rows, "rows checked", quiet);
    let (mut digest, mut lines, mut ended) = (Fnv64::new(), 0u64, true);
    for_each_chunk(path, |bytes| {
        digest.write(bytes);
        let newlines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        (0..newlines).for_each(|_| progress.advance());
        lines += newlines;
        ended = bytes.last() == Some(&b'\n');
        Ok(())
    })?;
    if lines != manifest.rows || !ended && lines > 0 {
        return Err(CliError::new(format!(
            "{} holds {lines} whole rows where its manifest records {}: the file was cut or changed after it \
             was written",
            quote(path),
            manifest.rows
        )));
    }
    if digest.hex() != manifest.data_digest {
        return Err(changed(path));
    }
    Ok(())
}

/// Hands the bytes of `path` to `each`, a block at a time.
fn for_each_chunk(path: &str, mut each: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
    let cannot = |e: std::io::Error| CliError::new(format!("cannot read {}: {e}", quote(path)));
    if Path::new(path).is_dir() {
        return Err(CliError::new(format!("cannot read {}: it is a directory", quote(path))));
    }
    let mut file = LineLimit { inner: std::fs::File::open(path).map_err(cannot)?, line: 0 };
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buffer).map_err(cannot)?;
        if n == 0 {
            return Ok(());
        }
        each(&buffer[..n])?;
    }
}

fn changed(path: &str) -> CliError {
    CliError::new(format!(
        "{} does not hold what its manifest records (rows or data digest differ): the file was changed \
         or damaged after it was written; write that shard again",
        quote(path)
    ))
}

/// A record as `commons-sim` writes it: fields quoted as the writer quotes
/// them, joined by commas, ending in `\n`.
fn canonical(record: &csv::StringRecord) -> String {
    let mut line = record.iter().map(csv_quote).collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

/// The run a row belongs to: (grid point, seed).
fn key_of(record: &csv::StringRecord, columns: Columns, path: &str) -> Result<(u64, u64)> {
    let number = |i: usize| {
        let text = record.get(i).unwrap_or("");
        text.parse::<u64>().map_err(|_| {
            CliError::new(format!(
                "{} has a row with {} where a whole number belongs",
                quote(path),
                quote(text)
            ))
        })
    };
    Ok((columns.point.map_or(Ok(0), number)?, number(columns.seed)?))
}

/// The records of a shard, read by the `csv` crate with a lookahead of one.
struct Records {
    path: String,
    reader: csv::Reader<LineLimit<std::fs::File>>,
    header: Option<csv::StringRecord>,
    peeked: Option<csv::StringRecord>,
}

impl Records {
    fn open(path: &str) -> Result<Records> {
        let file = std::fs::File::open(Path::new(path))
            .map_err(|e| CliError::new(format!("cannot read {}: {e}", quote(path))))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(CliError::new(format!("cannot read {}: it is a directory", quote(path))));
        }
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(false)
            .from_reader(LineLimit { inner: file, line: 0 });
        Ok(Records { path: path.into(), reader, header: None, peeked: None })
    }

    fn read(&mut self) -> Result<Option<csv::StringRecord>> {
        let mut record = csv::StringRecord::new();
        let more = self.reader.read_record(&mut record).map_err(|e| {
            let at = e.position().map_or(String::new(), |p| format!(" at line {}", p.line()));
            CliError::new(format!("{} is cut or damaged{at}: {e}", quote(&self.path)))
        })?;
        if !more {
            return Ok(None);
        }
        if self.header.is_none() {
            // A byte-order mark, as some editors save, is not part of the first name.
            if let Some(first) = record.get(0).and_then(|f| f.strip_prefix('\u{feff}')) {
                let mut fields: Vec<String> = record.iter().map(str::to_string).collect();
                fields[0] = first.to_string();
                record = csv::StringRecord::from(fields);
            }
            self.header = Some(record.clone());
        }
        Ok(Some(record))
    }

    fn next_record(&mut self) -> Result<Option<csv::StringRecord>> {
        match self.peeked.take() {
            Some(record) => Ok(Some(record)),
            None => self.read(),
        }
    }

    fn peek(&mut self) -> Result<Option<&csv::StringRecord>> {
        if self.peeked.is_none() {
            self.peeked = self.read()?;
        }
        Ok(self.peeked.as_ref())
    }

    fn consume(&mut self) {
        self.peeked = None;
    }

    /// Where the keys are, from the header: a run's or a sweep's.
    fn columns(&self) -> Result<Columns> {
        let header: Vec<&str> = self.header.iter().flat_map(|h| h.iter()).collect();
        let run_header = csv_header();
        let run: Vec<&str> = run_header.split(',').collect();
        let not = || {
            CliError::new(format!(
                "{} is not a CSV written by `commons-sim run` or `sweep`: its header should end in `{}`",
                quote(&self.path),
                run_header
            ))
        };
        if header == run {
            return Ok(Columns { point: None, seed: 1 });
        }
        match header.strip_suffix(&run[..]) {
            Some(prefix) if prefix.first() == Some(&"point") => {
                Ok(Columns { point: Some(0), seed: prefix.len() + 1 })
            }
            _ => Err(not()),
        }
    }
}

/// A reader that fails on a line longer than [`MAX_LINE_BYTES`], so one
/// record cannot fill memory.
struct LineLimit<R> {
    inner: R,
    line: u64,
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &byte in &buf[..n] {
            self.line = if byte == b'\n' { 0 } else { self.line + 1 };
        }
        if self.line > MAX_LINE_BYTES {
            return Err(std::io::Error::other(format!(
                "a line is longer than {} MB, which no shard has",
                MAX_LINE_BYTES / (1024 * 1024)
            )));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_written_back_as_the_writer_writes_them() {
        let record = csv::StringRecord::from(vec!["'1e5", "a,b", "7", "NaN"]);
        assert_eq!(canonical(&record), "\"'1e5\",\"a,b\",7,NaN\n");
    }
}

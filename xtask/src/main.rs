//! `cargo xtask`: the project's one build tool.
//!
//! - `cargo xtask serve [--port N]` builds the wasm bundle and serves `www/`
//!   on `http://127.0.0.1:8000/` until Ctrl-C.
//! - `cargo xtask test` runs every check: formatting, clippy (native and
//!   wasm32), native tests, wasm tests under Node, and the page's end-to-end
//!   tests in headless Chromium.
//! - `cargo xtask build-web` only builds the bundle into `www/pkg/`.
//! - `cargo xtask bench-web` times wasm against native and the page in
//!   Chromium (the figures in docs/PERFORMANCE.md).
//! - `cargo xtask bench-bundles` times the shipped bundle against the
//!   size-tuned one in Chromium, on the same runs.
//!
//! Each command first installs what it is missing (see `tools`), so a fresh
//! machine with rustup, Node/npm and git needs nothing else. It shells out to
//! cargo, npm and the wasm-bindgen CLI rather than linking them, so this crate
//! has no dependencies and compiles in a second.

mod bench;
mod serve;
mod tools;
mod web;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [--port N] [--no-build]   build the page and serve it on http://127.0.0.1:N/ (default 8000)
  test                            run every test: fmt, clippy, native, wasm and browser tests
  build-web                       build the wasm bundle into www/pkg/
  bench-web                       time wasm against native, and the page in Chromium (see docs/PERFORMANCE.md)
  bench-bundles                   time the shipped bundle against the size-tuned one, in Chromium
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve_command(&args[1..]),
        Some("test") => test_command(),
        Some("build-web") => tools::ensure_web_tools().and_then(|()| web::build()),
        Some("bench-web") => bench::bench_web(),
        Some("bench-bundles") => bench::bench_bundles(),
        Some("-h" | "--help") | None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The target the page's bundle and the wasm tests are built for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The repository root (the parent of this crate's directory).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the repository root")
        .to_path_buf()
}

/// Runs a command in the repository root, echoing it, and fails if it fails.
pub fn run(program: &str, args: &[&str]) -> Result<(), String> {
    run_with_env(program, args, &[])
}

/// Like [`run`], with extra environment variables.
pub fn run_with_env(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start `{program}`: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("`{program} {}` failed ({status})", args.join(" "))) }
}

fn serve_command(args: &[String]) -> Result<(), String> {
    let mut port = 8000u16;
    let mut build = true;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => {
                let value = rest.next().ok_or("--port needs a number")?;
                port = value
                    .parse()
                    .map_err(|_| format!("--port takes a number from 1 to 65535, not `{value}`"))?;
            }
            "--no-build" => build = false,
            other => return Err(format!("unknown option `{other}`\n\n{USAGE}")),
        }
    }
    if build {
        tools::ensure_web_tools()?;
        web::build()?;
    }
    serve::serve_forever(&root().join("www"), port)
}

fn test_command() -> Result<(), String> {
    tools::ensure_web_tools()?;
    tools::ensure_chromium()?;
    run("cargo", &["fmt", "--all", "--check"])?;
    run("cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    run("cargo", &["clippy", "--target", WASM_TARGET, "--lib", "--tests", "--", "-D", "warnings"])?;
    run("cargo", &["test", "--workspace"])?;
    // Only tests/wasm.rs holds #[wasm_bindgen_test]s; the other test files are
    // native (processes, threads, files) and compile to nothing on wasm32.
    run("cargo", &["test", "--target", WASM_TARGET, "--test", "wasm"])?;
    web::build()?;
    web::end_to_end()?;
    eprintln!("xtask: every test passed");
    Ok(())
}

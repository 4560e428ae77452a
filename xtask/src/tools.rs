//! Installs the tools the build needs, once, and only when missing.
//!
//! Everything comes from the package registries this project is allowed to
//! use: rustup's wasm32 target, crates.io (the wasm-bindgen CLI, at exactly the
//! version in `Cargo.lock`), npm (Playwright, and binaryen's `wasm-opt` for
//! the size-tuned bundle `bench-bundles` compares with, from the committed
//! `package-lock.json`) and Debian's packages (Chromium).

use crate::{WASM_TARGET, root, run};
use std::path::Path;
use std::process::Command;

/// What the web commands need: the wasm32 target, the bindgen CLI, and the npm
/// packages (Playwright for the browser tests and benchmarks, binaryen's
/// `wasm-opt` for the size-tuned bundle `bench-bundles` compares with).
pub fn ensure_web_tools() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_npm_packages()
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    run("rustup", &["target", "add", WASM_TARGET])
}

/// The wasm-bindgen version the crate is locked to; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next().and_then(|l| l.trim().strip_prefix("version = "))
        {
            return Ok(version.trim_matches('"').to_string());
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn ensure_wasm_bindgen() -> Result<(), String> {
    let wanted = locked_wasm_bindgen_version()?;
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = output("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(wanted.as_str()) && !runner.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing wasm-bindgen-cli {wanted} (a few minutes, once)");
    // Without --locked: the CLI's own lock file wants a webpki-roots release
    // that the registry mirror here does not carry.
    run("cargo", &["install", "wasm-bindgen-cli", "--version", &wanted, "--force"])
}

fn ensure_npm_packages() -> Result<(), String> {
    let root = root();
    let lock = root.join("package-lock.json");
    let installed = root.join("node_modules/.package-lock.json");
    if is_newer_or_same(&installed, &lock) {
        return Ok(());
    }
    run("npm", &["ci", "--no-audit", "--no-fund"])
}

/// Chromium and ChromeDriver from Debian's packages, for the browser tests.
pub fn ensure_chromium() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists() {
        return Ok(());
    }
    eprintln!("xtask: installing Debian's chromium (about a minute, once)");
    let as_root = output("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    let (program, prefix): (&str, &[&str]) = if as_root { ("apt-get", &[]) } else { ("sudo", &["apt-get"]) };
    let args = |rest: &[&'static str]| -> Vec<&str> { prefix.iter().chain(rest).copied().collect() };
    run(program, &args(&["update"]))?;
    run_noninteractive(program, &args(&["install", "-y", "chromium", "chromium-driver"]))
}

fn run_noninteractive(program: &str, args: &[&str]) -> Result<(), String> {
    crate::run_with_env(program, args, &[("DEBIAN_FRONTEND", "noninteractive")])
}

/// A command's standard output, or `None` if it cannot run or fails.
fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn is_newer_or_same(candidate: &Path, reference: &Path) -> bool {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    match (modified(candidate), modified(reference)) {
        (Some(c), Some(r)) => c >= r,
        _ => false,
    }
}

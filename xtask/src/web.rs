//! Builds the page's wasm bundle and runs the page's browser tests.
//!
//! The bundle is the library compiled for wasm32 with the speed-tuned `web`
//! profile, bound to JavaScript by the wasm-bindgen CLI (`--target web`: an
//! ES module the page imports, no bundler), without its name and producers
//! sections (nothing reads them; 80 KB of names). It is not passed through
//! binaryen's `wasm-opt`: after `opt-level = 3`, `-Os` made it slower and
//! `-O1` no faster overall, side by side (docs/PERFORMANCE.md). The
//! size-tuned bundle it replaced (`opt-level = "s"`, then `wasm-opt -Os`) is
//! still built for `cargo xtask bench-bundles`, which measures the two.

use crate::{WASM_TARGET, root, run, run_with_env, serve};

/// Builds `www/pkg/`: `commons_sim.js` and `commons_sim_bg.wasm`.
pub fn build() -> Result<(), String> {
    run("cargo", &["build", "--lib", "--target", WASM_TARGET, "--profile", "web"])?;
    let wasm = format!("target/{WASM_TARGET}/web/commons_sim.wasm");
    bind(&wasm, "www/pkg")?;
    let size = std::fs::metadata(root().join("www/pkg/commons_sim_bg.wasm")).map(|m| m.len()).unwrap_or(0);
    eprintln!("xtask: built www/pkg ({} KB of wasm)", size / 1024);
    Ok(())
}

/// Builds the size-tuned bundle the page shipped until 4 December 2026 into
/// `out` (relative to the root), for comparison only: the same code at
/// `opt-level = "s"`, in a target folder of its own (so that neither build
/// invalidates the other), then shrunk by `wasm-opt -Os`.
pub fn build_size_tuned(out: &str) -> Result<(), String> {
    let target_dir = "target/web-size-tuned";
    run_with_env(
        "cargo",
        &["build", "--lib", "--target", WASM_TARGET, "--profile", "web"],
        &[("CARGO_PROFILE_WEB_OPT_LEVEL", "s"), ("CARGO_TARGET_DIR", target_dir)],
    )?;
    bind(&format!("{target_dir}/{WASM_TARGET}/web/commons_sim.wasm"), out)?;
    let bound = format!("{out}/commons_sim_bg.wasm");
    run(
        "npx",
        &[
            "--no-install",
            "wasm-opt",
            "-Os",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            &bound,
            "-o",
            &bound,
        ],
    )
}

/// Binds a compiled module to JavaScript in `out`: `commons_sim.js` and `commons_sim_bg.wasm`.
fn bind(wasm: &str, out: &str) -> Result<(), String> {
    if !root().join(wasm).is_file() {
        return Err(format!("{wasm} was not built (is CARGO_TARGET_DIR or build.target-dir set elsewhere?)"));
    }
    run(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--remove-name-section",
            "--remove-producers-section",
            "--out-dir",
            out,
            wasm,
        ],
    )
}

/// Serves `www/` on a free loopback port and runs the Playwright suite against it.
pub fn end_to_end() -> Result<(), String> {
    let base_url = serve::serve_in_background(&root().join("www"))?;
    run_with_env(
        "npx",
        &["--no-install", "playwright", "test", "--config", "tests/e2e/playwright.config.js"],
        &[("E2E_BASE_URL", &base_url)],
    )
}

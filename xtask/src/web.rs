//! Builds the page's wasm bundle and runs the page's browser tests.
//!
//! The bundle is the library compiled for wasm32 with the size-tuned `web`
//! profile, bound to JavaScript by the wasm-bindgen CLI (`--target web`: an
//! ES module the page imports, no bundler), then shrunk by binaryen's
//! `wasm-opt` from npm (Debian's older binaryen emits modules Chromium rejects).

use crate::{WASM_TARGET, root, run, run_with_env, serve};

/// Builds `www/pkg/`: `commons_sim.js` and `commons_sim_bg.wasm`.
pub fn build() -> Result<(), String> {
    run("cargo", &["build", "--lib", "--target", WASM_TARGET, "--profile", "web"])?;
    let wasm = format!("target/{WASM_TARGET}/web/commons_sim.wasm");
    run("wasm-bindgen", &["--target", "web", "--no-typescript", "--out-dir", "www/pkg", &wasm])?;
    let bound = "www/pkg/commons_sim_bg.wasm";
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
            bound,
            "-o",
            bound,
        ],
    )?;
    let size = std::fs::metadata(root().join(bound)).map(|m| m.len()).unwrap_or(0);
    eprintln!("xtask: built www/pkg ({} KB of wasm)", size / 1024);
    Ok(())
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

//! `cargo xtask bench-web`: the speed figures that need a browser or Node,
//! beside the criterion benchmarks (`cargo bench`).
//!
//! Builds the page's bundle and the release command line, then runs
//! `benches/wasm_vs_native.mjs` (the same run natively and as wasm, and their
//! ratio) and the page benchmarks in `benches/page/` (months per second at
//! 10,000 citizens with every chart redrawing, the renderer's memory, and an
//! ensemble of 4 × 20 × 240 × 2,000) in headless Chromium.

use crate::{root, run, run_with_env, serve, tools, web};

pub fn bench_web() -> Result<(), String> {
    tools::ensure_web_tools()?;
    tools::ensure_chromium()?;
    web::build()?;
    run("cargo", &["build", "--release", "--bin", "commons-sim"])?;
    // The bundle is a plain ES module without a package.json type: Node
    // parses it correctly but warns; the warning is noise here.
    run("node", &["--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", "benches/wasm_vs_native.mjs"])?;
    let base_url = serve::serve_in_background(&root().join("www"))?;
    run_with_env(
        "npx",
        &["--no-install", "playwright", "test", "--config", "benches/page/playwright.config.js"],
        &[("E2E_BASE_URL", &base_url)],
    )
}

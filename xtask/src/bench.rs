//! `cargo xtask bench-web`: the speed figures that need a browser or Node,
//! beside the criterion benchmarks (`cargo bench`).
//!
//! Builds the page's bundle and the release command line, then runs
//! `benches/wasm_vs_native.mjs` (the same run natively and as wasm, and their
//! ratio) and the page benchmarks in `benches/page/` (months per second at
//! 10,000 citizens with every chart redrawing, the renderer's memory, and an
//! ensemble of 4 × 20 × 240 × 2,000) in headless Chromium.
//!
//! `cargo xtask bench-bundles` builds the shipped bundle and the size-tuned
//! one beside it in `target/bundles/`, serves them with
//! `benches/page/bundles.html`, and runs `benches/bundles.mjs`, which times
//! them on the same runs in Chromium.

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

/// `cargo xtask bench-bundles`: the shipped bundle against the size-tuned
/// one it replaced, side by side in Chromium (`benches/bundles.mjs`).
pub fn bench_bundles() -> Result<(), String> {
    tools::ensure_web_tools()?;
    tools::ensure_chromium()?;
    web::build()?;
    let dir = root().join("target/bundles");
    copy_folder(&root().join("www/pkg"), &dir.join("shipped"))?;
    web::build_size_tuned("target/bundles/size-tuned")?;
    let page = root().join("benches/page/bundles.html");
    std::fs::copy(&page, dir.join("index.html"))
        .map_err(|e| format!("cannot copy {}: {e}", page.display()))?;
    let base_url = serve::serve_in_background(&dir)?;
    let dir = dir.to_string_lossy().into_owned();
    run("node", &["benches/bundles.mjs", &base_url, &dir])
}

/// Copies the files of `from` into `to`, folders and all (the bundle is
/// wasm-bindgen's output: its module, its glue and any snippets).
fn copy_folder(from: &std::path::Path, to: &std::path::Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_folder(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::copy_folder;

    #[test]
    fn copying_a_bundle_takes_every_file_and_folder() {
        let root = std::env::temp_dir().join(format!("xtask-copy-{}", std::process::id()));
        let (from, to) = (root.join("pkg"), root.join("copy"));
        std::fs::create_dir_all(from.join("snippets/inline")).unwrap();
        std::fs::write(from.join("commons_sim.js"), "glue").unwrap();
        std::fs::write(from.join("commons_sim_bg.wasm"), [0u8, 97, 115, 109]).unwrap();
        std::fs::write(from.join("snippets/inline/a.js"), "snippet").unwrap();
        copy_folder(&from, &to).unwrap();
        assert_eq!(std::fs::read_to_string(to.join("commons_sim.js")).unwrap(), "glue");
        assert_eq!(std::fs::read(to.join("commons_sim_bg.wasm")).unwrap(), [0u8, 97, 115, 109]);
        assert_eq!(std::fs::read_to_string(to.join("snippets/inline/a.js")).unwrap(), "snippet");
        let missing = copy_folder(&root.join("absent"), &root.join("elsewhere")).unwrap_err();
        assert!(missing.starts_with("cannot read") && missing.contains("absent"), "{missing}");
        std::fs::remove_dir_all(&root).unwrap();
    }
}

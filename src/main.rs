//! `commons-sim`, the native command line for batch experiments: runs,
//! ensembles, comparisons, sweeps, charts and shards (see `src/cli/` and
//! docs/CLI.md). WebAssembly has no command line; the page is its interface.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

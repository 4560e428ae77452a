//! `presets` and `scenario`: what scenarios there are, and one in full.

use super::args::Changes;
use super::error::Result;
use super::output::Output;
use super::source;
use commons_sim::scenario::PRESETS;

/// `commons-sim presets`: one preset per line, its name then its summary.
pub fn list() -> Result<()> {
    let width = PRESETS.iter().map(|p| p.name.len()).max().unwrap_or(0);
    let mut out = Output::stdout();
    for preset in PRESETS {
        out.write(format!("{:width$}  {}\n", preset.name, preset.summary))?;
    }
    out.commit()
}

/// `commons-sim scenario NAME|FILE.json`: the scenario with every
/// parameter, as pretty JSON.
pub fn show(argument: &str, changes: &Changes) -> Result<()> {
    let scenario = source::load_with(argument, changes)?;
    let mut out = Output::stdout();
    out.write(scenario.to_json_pretty() + "\n")?;
    out.commit()
}

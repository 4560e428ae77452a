//! The font charts lay out and draw text with natively: DejaVu Sans, embedded
//! in the binary, so a PNG needs no system fontconfig or freetype.
//!
//! plotters' `ab_glyph` text backend knows only the fonts registered with it;
//! [`register`] gives it DejaVu Sans as the "sans-serif" family the charts
//! ask for. SVG output still names "sans-serif" and lets the viewer choose.
//! In WebAssembly the browser lays out text, so this module is native only.

use plotters::style::{FontStyle, register_font};
use std::sync::Once;

/// The family name every chart uses.
pub const FAMILY: &str = "sans-serif";

/// Registers the embedded font with plotters, once per process; drawing
/// calls it, so callers never need to.
pub fn register() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let registered = register_font(FAMILY, FontStyle::Normal, dejavu::sans::regular()).is_ok();
        debug_assert!(registered, "the embedded DejaVu Sans parses");
    });
}

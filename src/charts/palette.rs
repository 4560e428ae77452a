//! Colours: the Okabe–Ito palette, which stays distinguishable under the
//! common forms of colour blindness (Okabe & Ito 2008, "Color Universal Design").

use plotters::style::RGBColor;

/// One colour per compared scenario, in order.
pub const SCENARIOS: [RGBColor; 4] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
];

/// The colour of the `index`-th scenario (cycling past four).
pub fn scenario(index: usize) -> RGBColor {
    SCENARIOS[index % SCENARIOS.len()]
}

//! The page's chart backend: plotters' canvas backend, with text measured
//! by the canvas itself.
//!
//! plotters measures text on the web (for the axes' label areas) by adding
//! a `<span>` to the document, reading its size and removing it: every
//! measurement forces the browser to lay out the whole page again, and a
//! panel of charts measures every tick label. At 4 × 100,000 citizens
//! those layouts made up much of a frame on the page's thread. Here the
//! canvas's 2D context measures instead (`measureText`, no layout): the
//! same font string the canvas backend draws with, the width rounded up and
//! the height the font's ascent plus descent (what a `<span>` with the
//! normal line height measures, give or take a pixel). Setting the
//! context's font parses the font string, so a measurement sets it only
//! when it differs from the last one set (a panel measures every tick label
//! in one font).
//!
//! Opaque straight lines (`draw_line`: plotters' grid, some hundred a
//! chart) of one colour and width that follow one another go into one
//! path, stroked once when something else is drawn: one `stroke` instead
//! of one a line, and no style set again between them. They are placed
//! exactly as the canvas backend places a line. Only opaque ones: where
//! translucent lines cross, one path paints the crossing once and separate
//! strokes twice, and browsers need not agree on it. Everything else is the
//! canvas backend's.

use std::cell::RefCell;

use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// plotters' canvas backend, measuring text with the canvas's context.
pub struct Canvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// The font the context holds, if this backend set it last: drawing
    /// text (the inner backend's) sets its own and forgets this.
    font: RefCell<Option<String>>,
    /// The colour and width of the opaque lines in the open path, not yet stroked.
    lines: Option<LineStyle>,
}

/// An opaque line's look, as the canvas strokes it.
#[derive(Clone, Copy, PartialEq)]
struct LineStyle {
    rgb: (u8, u8, u8),
    width: u32,
}

impl Drop for Canvas {
    fn drop(&mut self) {
        self.stroke_lines();
    }
}

/// Where the canvas backend puts a line's ends: a horizontal or vertical
/// line half a pixel up or left, so that a one-pixel line fills one row or
/// column of pixels instead of two half-covered ones (as `plotters-canvas`
/// 0.3 does, whose function for it is private).
fn line_ends(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut from, mut to) = ((f64::from(from.0), f64::from(from.1)), (f64::from(to.0), f64::from(to.1)));
    if from.0 == to.0 {
        from.0 -= 0.5;
        to.0 -= 0.5;
    }
    if from.1 == to.1 {
        from.1 -= 0.5;
        to.1 -= 0.5;
    }
    (from, to)
}

impl Canvas {
    /// The backend for `canvas`, or None if it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Canvas> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Canvas {
            inner: CanvasBackend::with_canvas_object(canvas)?,
            context,
            font: RefCell::new(None),
            lines: None,
        })
    }

    /// Strokes the lines waiting in the open path, if any.
    fn stroke_lines(&mut self) {
        if self.lines.take().is_some() {
            self.context.stroke();
        }
    }
}

type Result<T = ()> = std::result::Result<T, DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>>;

impl DrawingBackend for Canvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result {
        self.stroke_lines();
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        self.stroke_lines();
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result {
        let color = style.color();
        if color.alpha < 1.0 {
            // Translucent (or invisible, which the inner backend skips): a stroke of its own.
            self.stroke_lines();
            return self.inner.draw_line(from, to, style);
        }
        let look = LineStyle { rgb: color.rgb, width: style.stroke_width() };
        if self.lines != Some(look) {
            self.stroke_lines();
            let (r, g, b) = look.rgb;
            // The inner backend's colour string, at alpha 1.
            self.context.set_stroke_style_str(&format!("rgba({r},{g},{b},1)"));
            self.context.set_line_width(f64::from(look.width));
            self.context.begin_path();
            self.lines = Some(look);
        }
        let (from, to) = line_ends(from, to);
        self.context.move_to(from.0, from.1);
        self.context.line_to(to.0, to.1);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        self.stroke_lines();
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        self.stroke_lines();
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        self.stroke_lines();
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        self.stroke_lines();
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result {
        self.stroke_lines();
        self.font.get_mut().take();
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32)> {
        // The font string plotters' canvas backend draws with.
        let font = format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str());
        let mut set = self.font.borrow_mut();
        if set.as_deref() != Some(font.as_str()) {
            self.context.set_font(&font);
            *set = Some(font);
        }
        let metrics = self.context.measure_text(text).map_err(|e| {
            DrawingErrorKind::FontError(format!("the canvas could not measure text: {e:?}").into())
        })?;
        let height = metrics.font_bounding_box_ascent() + metrics.font_bounding_box_descent();
        Ok((metrics.width().ceil() as u32, height.round() as u32))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result {
        self.stroke_lines();
        self.inner.blit_bitmap(pos, size, src)
    }
}

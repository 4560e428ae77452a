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
//! in one font). Everything else is the canvas backend's.

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
}

impl Canvas {
    /// The backend for `canvas`, or None if it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Canvas> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Canvas { inner: CanvasBackend::with_canvas_object(canvas)?, context, font: RefCell::new(None) })
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
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result {
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
        self.inner.blit_bitmap(pos, size, src)
    }
}

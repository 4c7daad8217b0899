//! Render stage: draws a [`Scene`] as a self-contained SVG document with the theme's styles and
//! icons inlined.

use crate::layout::Scene;
use crate::theme::Theme;

/// Renders one scene to SVG text.
pub fn svg(scene: &Scene, theme: &Theme, title: &str) -> String {
    let _ = (scene, theme, title);
    String::new() // FIXME(layout-owner)
}

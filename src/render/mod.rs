//! Render stage: draws a [`Scene`] as a self-contained SVG document with the theme's styles and
//! icons inlined.
//!
//! Input: [`Scene`] (from the layout stage) and a [`Theme`]. Output: SVG text — our own writer,
//! so fonts, colours and icons come from the theme and the bytes are deterministic. Nothing
//! external is referenced: styles sit in `<style>`, icons in `<defs>` as `<symbol>`s, links only
//! point at `#anchors` of the document.

mod shapes;
mod xml;

use crate::layout::Scene;
use crate::theme::Theme;
use std::collections::BTreeSet;
use std::fmt::Write;

pub use xml::esc;

/// The edge kinds the legend lists (those drawn), its height, and the canvas (width, height)
/// with the legend under the scene.
fn canvas(scene: &Scene) -> (Vec<&'static str>, f64, f64, f64) {
    let kinds: Vec<&'static str> = shapes::LEGEND
        .iter()
        .map(|(kind, _)| *kind)
        .filter(|kind| scene.edges.iter().any(|e| e.class == *kind))
        .collect();
    let legend = if kinds.is_empty() { 0.0 } else { shapes::LEGEND_HEIGHT };
    let (w, h) = (scene.width.max(shapes::legend_width(&kinds)).max(1.0), scene.height.max(1.0) + legend);
    (kinds, legend, w, h)
}

/// The size of the SVG [`svg`] writes for this scene: the layout's plus the legend.
pub fn size(scene: &Scene) -> (f64, f64) {
    let (_, _, w, h) = canvas(scene);
    (w, h)
}

/// Renders one scene to SVG text.
pub fn svg(scene: &Scene, theme: &Theme, title: &str) -> String {
    let (kinds, legend, w, h) = canvas(scene);
    let mut out = String::with_capacity(4096 + scene.nodes.len() * 900);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" class=\"zumen\" \
         viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" aria-labelledby=\"diagram-title\">",
        xml::num(w),
        xml::num(h)
    );
    let _ = writeln!(out, "<title id=\"diagram-title\">{}</title>", esc(title));
    let _ = writeln!(out, "<style>\n{}</style>", esc_css(&theme.diagram_css));
    defs(&mut out, scene, theme);
    let _ = writeln!(
        out,
        "<rect class=\"background\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"/>",
        xml::num(w),
        xml::num(h)
    );
    out.push_str("<g class=\"groups\">\n");
    for g in &scene.groups {
        shapes::group(&mut out, g);
    }
    out.push_str("</g>\n<g class=\"edges\">\n");
    for e in &scene.edges {
        shapes::edge(&mut out, e);
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for n in &scene.nodes {
        shapes::node(&mut out, n, theme);
    }
    out.push_str("</g>\n<g class=\"edge-labels\">\n");
    for e in &scene.edges {
        shapes::edge_label(&mut out, e);
    }
    out.push_str("</g>\n");
    if !kinds.is_empty() {
        shapes::legend(&mut out, &kinds, h - legend);
    }
    out.push_str("</svg>\n");
    out
}

/// CSS goes in as escaped text: `&`/`<` in a user's CSS must not end the `<style>` element.
fn esc_css(css: &str) -> String {
    css.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Arrowhead markers per edge kind and one `<symbol>` per icon the scene uses.
fn defs(out: &mut String, scene: &Scene, theme: &Theme) {
    out.push_str("<defs>\n");
    for kind in ["traffic", "config", "dependency"] {
        let _ = writeln!(
            out,
            "<marker id=\"arrow-{kind}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" \
             markerHeight=\"7\" orient=\"auto\"><path class=\"arrow {kind}\" d=\"M0 0L10 5L0 10z\"/></marker>"
        );
    }
    let used: BTreeSet<&str> = scene.nodes.iter().map(|n| theme.icon_for(&n.icon, &n.class)).collect();
    for name in used {
        let body = theme.icons.get(name).map(String::as_str).unwrap_or_default();
        let _ = writeln!(out, "<symbol id=\"icon-{}\" viewBox=\"0 0 24 24\">{body}</symbol>", xml::ident(name));
    }
    out.push_str("</defs>\n");
}

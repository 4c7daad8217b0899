//! Drawing of the scene's pieces for the render stage: group boxes, nodes, edges and labels.
//! Positions come from the [`Scene`](crate::layout::Scene); text sizes from the same
//! [`Metrics`] the layout measured with, so text fits the boxes it was sized for.

use super::xml::{classes, esc, ident, num};
use crate::layout::{Metrics, PlacedEdge, PlacedGroup, PlacedNode};
use crate::theme::Theme;
use std::fmt::Write;

/// A group box with its title in the top-left corner, and its description line under it.
pub fn group(out: &mut String, g: &PlacedGroup) {
    let m = Metrics::default();
    let description = g
        .description
        .as_deref()
        .map(|d| {
            format!(
                "<text class=\"description\" x=\"{}\" y=\"{}\">{}</text>",
                num(g.x + 12.0),
                num(g.y + m.group_pad + m.group_title_size + m.description_height()),
                esc(d)
            )
        })
        .unwrap_or_default();
    let tooltip = match &g.description {
        Some(d) => format!("{}: {}", g.label, d),
        None => g.label.clone(),
    };
    let _ = writeln!(
        out,
        "<g class=\"group {}\" id=\"group-{}\"><title>{}</title>\
         <rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\"/>\
         <text class=\"title\" x=\"{}\" y=\"{}\">{}</text>{description}</g>",
        classes(&g.class),
        ident(&g.id),
        esc(&tooltip),
        num(g.x),
        num(g.y),
        num(g.width),
        num(g.height),
        num(g.x + 12.0),
        num(g.y + m.group_pad + m.group_title_size),
        esc(&g.label)
    );
}

/// A node: card, icon tile, label lines, sublabel, badge; a link to its document section.
pub fn node(out: &mut String, n: &PlacedNode, theme: &Theme) {
    let m = Metrics::default();
    // The anchor is the document's own (`model::anchor`, Unicode letters kept), so it is only
    // escaped, never rewritten; links can only point inside the document (`#…`).
    let anchor = n.link.as_deref().map(|l| esc(l.trim_start_matches('#')).replace(' ', "-")).filter(|l| !l.is_empty());
    let id = anchor.clone().unwrap_or_else(|| ident(&n.id));
    let cat = ident(theme.category_class(&n.class));
    let _ = write!(out, "<g class=\"node cat-{cat}\" id=\"node-{id}\"><title>{}</title>", esc(&n.tooltip));
    if let Some(a) = &anchor {
        let _ = write!(out, "<a href=\"#{a}\" xlink:href=\"#{a}\">");
    }
    let _ = write!(
        out,
        "<rect class=\"box\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\"/>",
        num(n.x),
        num(n.y),
        num(n.width),
        num(n.height)
    );
    let (tx, ty) = (n.x + m.node_pad, n.y + (n.height - m.icon) / 2.0);
    let icon = ident(theme.icon_for(&n.icon, &n.class));
    let _ = write!(
        out,
        "<rect class=\"tile\" x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"{2}\" rx=\"6\"/>\
         <use class=\"icon\" href=\"#icon-{icon}\" xlink:href=\"#icon-{icon}\" x=\"{3}\" y=\"{4}\" width=\"{5}\" height=\"{5}\"/>",
        num(tx),
        num(ty),
        num(m.icon),
        num(tx + 4.0),
        num(ty + 4.0),
        num(m.icon - 8.0)
    );
    let line_h = m.label_size + 3.0;
    let sub_h = if n.sublabel.is_empty() { 0.0 } else { m.sublabel_size + 4.0 };
    let text_x = n.x + m.node_pad * 2.0 + m.icon;
    let mut y = n.y + (n.height - n.lines.len() as f64 * line_h - sub_h) / 2.0;
    for line in &n.lines {
        let _ = write!(
            out,
            "<text class=\"label\" x=\"{}\" y=\"{}\">{}</text>",
            num(text_x),
            num(y + m.label_size),
            esc(line)
        );
        y += line_h;
    }
    if !n.sublabel.is_empty() {
        let _ = write!(
            out,
            "<text class=\"sublabel\" x=\"{}\" y=\"{}\">{}</text>",
            num(text_x),
            num(y + 2.0 + m.sublabel_size),
            esc(&n.sublabel)
        );
    }
    if let Some(b) = n.badge.as_deref().filter(|b| !b.is_empty()) {
        let w = m.badge_width(b);
        let (bx, by) = (n.x + n.width - w - 6.0, n.y + 6.0);
        let _ = write!(
            out,
            "<g class=\"badge\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" rx=\"8\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
            num(bx),
            num(by),
            num(w),
            num(bx + w / 2.0),
            num(by + 12.0),
            esc(b)
        );
    }
    if anchor.is_some() {
        out.push_str("</a>");
    }
    out.push_str("</g>\n");
}

/// An edge as a smooth path: straight where it runs level, an S-shaped cubic Bézier where it
/// changes height (both control points at the segment's turn x keep the ends horizontal, so
/// the arrowhead meets the node square on).
pub fn edge(out: &mut String, e: &PlacedEdge) {
    let Some(&(x0, y0)) = e.points.first() else { return };
    if e.points.len() < 2 {
        return;
    }
    let mut d = format!("M{} {}", num(x0), num(y0));
    for (k, w) in e.points.windows(2).enumerate() {
        let ((ax, ay), (bx, by)) = (w[0], w[1]);
        if (ay - by).abs() < 0.05 {
            let _ = write!(d, "L{} {}", num(bx), num(by));
        } else {
            let mx = e.turns.get(k).copied().flatten().unwrap_or((ax + bx) / 2.0);
            let _ = write!(d, "C{} {} {} {} {} {}", num(mx), num(ay), num(mx), num(by), num(bx), num(by));
        }
    }
    let kind = ident(&e.class);
    let _ = writeln!(
        out,
        "<g class=\"edge {kind}\"><title>{} → {}</title><path class=\"line\" d=\"{d}\" marker-end=\"url(#arrow-{kind})\"/></g>",
        esc(&e.from),
        esc(&e.to)
    );
}

/// An edge label on a small background so it reads over lines and boxes.
pub fn edge_label(out: &mut String, e: &PlacedEdge) {
    let (Some(text), Some((x, y))) = (e.label.as_deref(), e.label_pos) else { return };
    let m = Metrics::default();
    let (w, h) = e.label_size.unwrap_or((m.text_width(text, m.edge_label_size) + 10.0, m.edge_label_size + 6.0));
    let _ = writeln!(
        out,
        "<g class=\"edge {}\"><g class=\"tag\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\"/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g></g>",
        ident(&e.class),
        num(x - w / 2.0),
        num(y - h / 2.0),
        num(w),
        num(h),
        num(x),
        num(y + m.edge_label_size * 0.35),
        esc(text)
    );
}

/// What each line style means, in the order the legend lists them.
pub const LEGEND: [(&str, &str); 3] = [
    ("traffic", "traffic (requests; label: port)"),
    ("config", "configuration (uses, reads, runs)"),
    ("dependency", "other reference"),
];

/// Height of the legend strip under the diagram.
pub const LEGEND_HEIGHT: f64 = 30.0;

/// Width the legend needs for these edge kinds.
pub fn legend_width(kinds: &[&str]) -> f64 {
    let m = Metrics::default();
    let items: f64 = LEGEND
        .iter()
        .filter(|(k, _)| kinds.contains(k))
        .map(|(_, text)| 40.0 + m.text_width(text, m.edge_label_size) + 24.0)
        .sum();
    items + 2.0 * m.margin
}

/// A one-line key to the line styles drawn (only those), at the bottom of the diagram: a reader
/// of a diagram attached to a pull request or a submission has no document beside it.
pub fn legend(out: &mut String, kinds: &[&str], top: f64) {
    let m = Metrics::default();
    let y = top + LEGEND_HEIGHT / 2.0;
    let mut x = m.margin;
    out.push_str("<g class=\"legend\">\n");
    for (kind, text) in LEGEND.iter().filter(|(k, _)| kinds.contains(k)) {
        let _ = writeln!(
            out,
            "<g class=\"edge {kind}\"><path class=\"line\" d=\"M{} {}L{} {}\" marker-end=\"url(#arrow-{kind})\"/></g>\
             <text class=\"legend-text\" x=\"{}\" y=\"{}\">{}</text>",
            num(x),
            num(y),
            num(x + 30.0),
            num(y),
            num(x + 40.0),
            num(y + m.edge_label_size * 0.35),
            esc(text)
        );
        x += 40.0 + m.text_width(text, m.edge_label_size) + 24.0;
    }
    out.push_str("</g>\n");
}

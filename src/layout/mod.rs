//! Layout stage: positions the nodes, groups and edges of a [`Diagram`] into a [`Scene`].
//!
//! Input: [`Diagram`]. Output: [`Scene`] — boxes, paths and text with coordinates; it knows
//! nothing of Terraform. The flow reads left to right (users → DNS → CDN/LB → compute → data).
//!
//! The work is split into small steps behind one [`Engine`] trait so another algorithm can be
//! swapped in and measured (see `docs/layout.md` for why our own layered engine won):
//! `graph` cleans the input (bad indices, cyclic group parents, self-loops, duplicates),
//! `rank` assigns columns, `order` orders and stacks each column inside nested groups
//! (with `stack` for the skyline packing and `transpose` for adjacent swaps), `route`
//! turns the result into boxes and edge polylines (with `tracks` spreading turns in a gap), [`stats`] measures it. `text` sizes nodes
//! from their labels.

mod graph;
mod order;
mod rank;
mod route;
mod stack;
mod stats;
mod text;
mod tracks;
mod transpose;

use crate::analyze::Diagram;
use serde::Serialize;

pub use stats::stats;
pub use text::{Metrics, MAX_LINE_CHARS};

/// A positioned node; `x`/`y` is the top-left corner.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PlacedNode {
    pub id: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Visible label, already wrapped/truncated to lines.
    pub lines: Vec<String>,
    pub sublabel: String,
    pub class: String,
    pub icon: String,
    pub badge: Option<String>,
    pub link: Option<String>,
    pub tooltip: String,
    /// Index into [`Scene::groups`] of the innermost box holding this node.
    pub group: Option<usize>,
}

/// A positioned group box; `x`/`y` is the top-left corner, the title sits inside at the top.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PlacedGroup {
    pub id: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub label: String,
    pub class: String,
    /// Nesting depth, 0 for top-level boxes; groups are listed outermost first.
    pub depth: usize,
    /// Index into [`Scene::groups`] of the enclosing box.
    pub parent: Option<usize>,
    /// A one-line description under the title, already truncated to fit the box.
    pub description: Option<String>,
}

/// A routed edge: a polyline/spline through `points`, arrowhead at the last point.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PlacedEdge {
    pub from: String,
    pub to: String,
    pub points: Vec<(f64, f64)>,
    /// Per segment (`points.len() - 1`): the x where a segment that changes height makes its
    /// turn (the control points of its S-curve), so edges sharing a gap do not run on top of
    /// each other; `None` (or missing) means the segment's middle.
    pub turns: Vec<Option<f64>>,
    /// The edge kind: `traffic`, `config`, `dependency`.
    pub class: String,
    pub label: Option<String>,
    /// Centre of the label.
    pub label_pos: Option<(f64, f64)>,
    /// Label box size (width, height) used to keep labels off nodes.
    pub label_size: Option<(f64, f64)>,
}

/// Everything the renderer draws, in drawing order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub groups: Vec<PlacedGroup>,
    pub nodes: Vec<PlacedNode>,
    pub edges: Vec<PlacedEdge>,
}

/// Quality figures printed by `zumen build --stats`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub nodes: usize,
    pub edges: usize,
    pub boxes: usize,
    pub crossings: usize,
    pub overlaps: usize,
    pub width: f64,
    pub height: f64,
    pub millis: f64,
}

/// A layout failure, reported as a diagnostic naming the view.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutError(pub String);

impl std::fmt::Display for LayoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "layout failed: {}", self.0)
    }
}

impl std::error::Error for LayoutError {}

/// A layout algorithm: one diagram in, one scene out. Kept tiny so engines can be compared.
pub trait Engine {
    /// Short name for benchmarks and `docs/layout.md`.
    fn name(&self) -> &'static str;
    /// Lays out one diagram.
    fn layout(&self, diagram: &Diagram) -> Result<Scene, LayoutError>;
}

/// Our layered (Sugiyama-style) engine with nested groups: global columns by longest path,
/// barycentric ordering with skyline stacking inside each group, edges routed through the gaps
/// between columns so they never cross a node.
#[derive(Debug, Clone, Default)]
pub struct Layered {
    pub metrics: Metrics,
}

impl Engine for Layered {
    fn name(&self) -> &'static str {
        "layered"
    }

    fn layout(&self, diagram: &Diagram) -> Result<Scene, LayoutError> {
        // Containment: nothing in the steps below should panic, but a layout bug must become a
        // diagnostic naming the view, never a crashed build.
        std::panic::catch_unwind(|| {
            let g = graph::Graph::new(diagram, &self.metrics);
            let ranks = rank::assign(&g);
            let placed = order::place(&g, &ranks, &self.metrics);
            route::scene(diagram, &g, &ranks, &placed, &self.metrics)
        })
        .map_err(|_| LayoutError(format!("internal error while laying out view `{}`", diagram.id)))?
    }
}

/// Lays out one diagram with the default engine and metrics.
pub fn layout(diagram: &Diagram) -> Result<Scene, LayoutError> {
    Layered::default().layout(diagram)
}

/// Rounds a coordinate to 0.1 so output bytes do not depend on float noise.
pub(crate) fn round(v: f64) -> f64 {
    if v.is_finite() {
        (v * 10.0).round() / 10.0
    } else {
        0.0
    }
}

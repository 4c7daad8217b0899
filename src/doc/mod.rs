//! Doc stage: the design document (`DESIGN.md`, `index.html`) and `model.json`.
//!
//! Input: [`Model`], [`Analysis`] and the rendered SVGs. Output: [`Artifact`]s.

use crate::analyze::Analysis;
use crate::model::Model;
use crate::output::Artifact;
use crate::theme::Theme;

/// A rendered diagram handed to the document: its id (file stem), title and SVG text.
pub struct RenderedDiagram<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub svg: &'a str,
}

pub fn markdown(model: &Model, analysis: &Analysis, diagrams: &[RenderedDiagram<'_>]) -> Artifact {
    let _ = (model, analysis, diagrams);
    Artifact { path: "DESIGN.md".into(), bytes: Vec::new() } // FIXME(doc-owner)
}

pub fn html(model: &Model, analysis: &Analysis, diagrams: &[RenderedDiagram<'_>], theme: &Theme) -> Artifact {
    let _ = (model, analysis, diagrams, theme);
    Artifact { path: "index.html".into(), bytes: Vec::new() } // FIXME(doc-owner)
}

pub fn json(model: &Model, analysis: &Analysis) -> Artifact {
    let _ = (model, analysis);
    Artifact { path: "model.json".into(), bytes: Vec::new() } // FIXME(doc-owner)
}

//! Doc stage: the design document (`DESIGN.md`, `index.html`) and `model.json`.
//!
//! Input: [`Model`], [`Analysis`] and the rendered SVGs. Output: [`Artifact`]s. Both documents are
//! askama templates over one [`context::DocContext`], so they carry the same content in the same
//! order; [`escape`] holds the escaping rules for every output position, [`intent`] makes intent
//! Markdown safe. `docs/model-json.md` documents the JSON schema.
//!
//! Document order (both documents): title, summary, module header; diagrams (image links in
//! Markdown, inlined SVG in HTML) with what they left out; the responsibilities table; one section
//! per resource, data source and module call, grouped by role (defined roles in order, other roles
//! by id, then "Other resources"), model order within a group; resources without intent; inputs;
//! outputs; modules; requirements; diagnostics (warnings and errors only, when there are any).
//! A section or table with nothing to show is left out or says so ("No inputs.").
//!
//! Escaping: every Terraform string is [`escape::clean`]ed (no `\r`, controls or bidi overrides),
//! then escaped for where it lands — see [`escape`] for cells, inline text and code spans, and
//! [`intent`] for Markdown blocks (raw HTML neutralised in both documents).

pub mod context;
pub mod escape;
pub mod intent;
pub mod json;
pub mod md;
pub mod page;
pub mod roles;
pub mod section;
pub mod svg;

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

/// `DESIGN.md`: GitHub-flavoured Markdown with the diagrams as relative image links.
pub fn markdown(model: &Model, analysis: &Analysis, diagrams: &[RenderedDiagram<'_>]) -> Artifact {
    let doc = context::DocContext::new(model, analysis, diagrams);
    Artifact { path: "DESIGN.md".into(), bytes: md::render(&doc).into_bytes() }
}

/// `index.html`: one self-contained page with the diagrams inlined and the theme's CSS.
pub fn html(model: &Model, analysis: &Analysis, diagrams: &[RenderedDiagram<'_>], theme: &Theme) -> Artifact {
    let doc = context::DocContext::new(model, analysis, diagrams);
    Artifact { path: "index.html".into(), bytes: page::render(&doc, theme).into_bytes() }
}

/// `DESIGN.md` and/or `index.html` from one shared context (built once: on large roots building
/// it is most of the document work).
pub fn documents(
    model: &Model,
    analysis: &Analysis,
    diagrams: &[RenderedDiagram<'_>],
    theme: &Theme,
    markdown: bool,
    html: bool,
) -> Vec<Artifact> {
    if !markdown && !html {
        return Vec::new();
    }
    let doc = context::DocContext::new(model, analysis, diagrams);
    let mut out = Vec::new();
    if markdown {
        out.push(Artifact { path: "DESIGN.md".into(), bytes: md::render(&doc).into_bytes() });
    }
    if html {
        out.push(Artifact { path: "index.html".into(), bytes: page::render(&doc, theme).into_bytes() });
    }
    out
}

/// `model.json`: the model and analysis as data, schema `zumen.model/1`.
pub fn json(model: &Model, analysis: &Analysis) -> Artifact {
    Artifact { path: "model.json".into(), bytes: json::render(model, analysis).into_bytes() }
}

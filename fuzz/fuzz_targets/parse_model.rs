//! Fuzz target: arbitrary bytes through parse → model → analyze → layout → render → documents.
//!
//! The bytes are read (lossily) as UTF-8 and parsed both as native HCL and as `.tf.json`, and
//! as a `zumen.toml` sidecar; whatever parses becomes one root module (with that sidecar, if it
//! parsed), which then goes through every later stage: diagrams, `DESIGN.md`, `index.html` and
//! `model.json`. Any panic, stack overflow or hang here is a bug: zumen must turn bad input into
//! diagnostics. Layout is deliberately *not* wrapped in `catch_unwind` as `build` does, so that
//! a panic contained there in production still shows up here.

#![no_main]

use libfuzzer_sys::fuzz_target;
use zumen::catalog::Catalog;
use zumen::doc::{self, RenderedDiagram};
use zumen::model::sidecar::Sidecar;
use zumen::parse::{self, ParsedModule, ParsedTree};
use zumen::theme::Theme;
use zumen::{analyze, layout, model, render};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut tree = ParsedTree::default();
    let mut files = Vec::new();
    for (display, json) in [("main.tf", false), ("main.tf.json", true)] {
        match parse::parse_text(display, &text, json) {
            Ok(file) => files.push(file),
            Err(diagnostic) => tree.diagnostics.push(diagnostic),
        }
    }
    tree.modules.push(ParsedModule { address: String::new(), dir: String::new(), files });
    let sidecar = Sidecar::parse("zumen.toml", &text).ok();
    let model = model::build(&tree, sidecar.as_ref(), "t");
    let analysis = analyze::analyze(&model, &Catalog::builtin());
    let Some(theme) = Theme::builtin("default") else { return };
    let mut svgs = Vec::new();
    for diagram in &analysis.diagrams {
        if let Ok(scene) = layout::layout(diagram) {
            svgs.push((diagram.id.clone(), diagram.title.clone(), render::svg(&scene, &theme, &diagram.title)));
        }
    }
    let rendered: Vec<RenderedDiagram<'_>> =
        svgs.iter().map(|(id, title, svg)| RenderedDiagram { id, title, svg }).collect();
    let _ = doc::documents(&model, &analysis, &rendered, &theme, true, true);
    let _ = doc::json(&model, &analysis);
});

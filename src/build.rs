//! The `zumen build` pipeline as a library call: discover → parse → model → analyze → layout →
//! render/doc, returning the artifacts without writing them (output is the caller's choice:
//! write atomically, or compare for `--check`).

use crate::analyze::{self, Analysis};
use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Level};
use crate::doc::{self, RenderedDiagram};
use crate::layout::{self, Stats};
use crate::model::{self, sidecar::Sidecar, Model};
use crate::output::Artifact;
use crate::parse::{self, ParsedTree};
use crate::render;
use crate::theme::Theme;
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Which artifacts to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub svg: bool,
    pub md: bool,
    pub html: bool,
    pub json: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats { svg: true, md: true, html: true, json: true }
    }
}

impl Formats {
    /// Parses `svg,md,html,json` (any subset).
    pub fn parse(list: &str) -> Result<Formats, String> {
        let mut f = Formats { svg: false, md: false, html: false, json: false };
        if list.split(',').all(|p| p.trim().is_empty()) {
            return Err("--format needs at least one of svg, md, html, json".into());
        }
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "svg" => f.svg = true,
                "md" | "markdown" => f.md = true,
                "html" => f.html = true,
                "json" => f.json = true,
                other => return Err(format!("unknown format `{other}` (expected svg, md, html, json)")),
            }
        }
        Ok(f)
    }
}

/// What to build.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// Sidecar path; defaults to `<root>/zumen.toml` when it exists.
    pub config: Option<PathBuf>,
    pub formats: Formats,
    pub theme: Theme,
    /// A catalog file merged over the built-in one (`--catalog`, docs/catalog.md).
    pub catalog: Option<PathBuf>,
}

/// What one build produced.
pub struct BuildOutput {
    pub model: Model,
    pub analysis: Analysis,
    pub artifacts: Vec<Artifact>,
    /// Per diagram id: layout quality figures.
    pub stats: Vec<(String, Stats)>,
    /// Every diagnostic of every stage.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads the sidecar: the explicit path (which must exist), else `<root>/zumen.toml` if present.
pub fn load_sidecar(root: &Path, explicit: Option<&Path>) -> Result<Option<Result<Sidecar, Diagnostic>>> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let p = root.join("zumen.toml");
            if !p.is_file() {
                return Ok(None);
            }
            p
        }
    };
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    // Findings name the sidecar as the user would: relative to the root when it is the root's
    // own `zumen.toml`, else as given on the command line.
    let display = if explicit.is_some() { path.display().to_string() } else { parse::relative_display(root, &path) };
    Ok(Some(Sidecar::parse(&display, &text)))
}

/// Parses and models a root (no diagrams, no documents).
pub fn model_only(root: &Path, config: Option<&Path>) -> Result<Model> {
    if !root.exists() {
        bail!("{} does not exist", root.display());
    }
    if !root.is_dir() {
        bail!("{} is not a directory", root.display());
    }
    model_from_tree(root, parse::load(root), config)
}

/// Models an already parsed root.
pub fn model_from_tree(root: &Path, tree: ParsedTree, config: Option<&Path>) -> Result<Model> {
    if tree.modules.iter().all(|m| m.files.is_empty()) && tree.diagnostics.is_empty() {
        match crate::roots::first_terraform_folder(root) {
            Some(below) => bail!(
                "no Terraform files found in {} (but {} has some: build that folder, or every root below with --recursive)",
                root.display(),
                below.display()
            ),
            None => bail!("no Terraform files found in {}", root.display()),
        }
    }
    let mut diagnostics = Vec::new();
    let sidecar = match load_sidecar(root, config)? {
        Some(Ok(s)) => Some(s),
        Some(Err(d)) => {
            diagnostics.push(d);
            None
        }
        None => None,
    };
    let title = root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Terraform".to_string());
    let mut model = model::build(&tree, sidecar.as_ref(), &title);
    model.diagnostics.extend(diagnostics);
    crate::diagnostic::dedup(&mut model.diagnostics);
    Ok(model)
}

/// Runs the whole pipeline.
pub fn build(options: &Options) -> Result<BuildOutput> {
    let model = model_only(&options.root, options.config.as_deref())?;
    build_model(model, options)
}

/// Runs the pipeline on an already parsed root.
pub fn build_tree(tree: ParsedTree, options: &Options) -> Result<BuildOutput> {
    let model = model_from_tree(&options.root, tree, options.config.as_deref())?;
    build_model(model, options)
}

fn build_model(model: Model, options: &Options) -> Result<BuildOutput> {
    let catalog = match &options.catalog {
        Some(path) => Catalog::with_extra(path)?,
        None => Catalog::builtin(),
    };
    let analysis = analyze::analyze(&model, &catalog);
    // Diagrams are laid out only when something shows them.
    let drawn = options.formats.svg || options.formats.md || options.formats.html;
    let diagrams: &[crate::analyze::Diagram] = if drawn { &analysis.diagrams } else { &[] };
    let (laid_out, failures) = lay_out_all(diagrams, &options.theme, &layout::Layered::default());
    // A view that could not be drawn is said in the document too, not only on stderr: a reader
    // of DESIGN.md must not take a missing diagram for a missing part of the system.
    let mut model = model;
    model.diagnostics.extend(failures);
    let mut svgs: Vec<(String, String, String)> = Vec::new();
    let mut stats = Vec::new();
    for (id, title, s, svg) in laid_out {
        stats.push((id.clone(), s));
        svgs.push((id, title, svg));
    }
    let rendered: Vec<RenderedDiagram<'_>> =
        svgs.iter().map(|(id, title, svg)| RenderedDiagram { id, title, svg }).collect();
    let mut artifacts = Vec::new();
    if options.formats.svg {
        for d in &rendered {
            artifacts.push(Artifact { path: format!("{}.svg", d.id).into(), bytes: d.svg.as_bytes().to_vec() });
        }
    }
    artifacts.extend(doc::documents(
        &model,
        &analysis,
        &rendered,
        &options.theme,
        options.formats.md,
        options.formats.html,
    ));
    if options.formats.json {
        artifacts.push(doc::json(&model, &analysis));
    }
    let diagnostics = model.diagnostics.clone();
    Ok(BuildOutput { model, analysis, artifacts, stats, diagnostics })
}

/// One laid-out and rendered view: id, title, layout figures, SVG text.
type Drawn = (String, String, Stats, String);

/// Lays out and renders every diagram, in parallel (a large root has one detail view per
/// module). Layout is contained: a failure, or a panic, becomes an error diagnostic naming the
/// view, and the other views are still drawn.
fn lay_out_all(
    diagrams: &[crate::analyze::Diagram],
    theme: &Theme,
    engine: &(dyn layout::Engine + Sync + std::panic::RefUnwindSafe),
) -> (Vec<Drawn>, Vec<Diagnostic>) {
    let results: Vec<Result<Drawn, Diagnostic>> = diagrams
        .par_iter()
        .map(|diagram| {
            let started = Instant::now();
            let scene = match std::panic::catch_unwind(|| engine.layout(diagram)) {
                Ok(Ok(scene)) => scene,
                Ok(Err(layout::LayoutError(message))) => {
                    return Err(Diagnostic::new(Level::Error, "layout", format!("view `{}`: {message}", diagram.id)))
                }
                Err(_) => {
                    return Err(Diagnostic::new(
                        Level::Error,
                        "layout",
                        format!("view `{}`: layout failed", diagram.id),
                    ))
                }
            };
            let millis = started.elapsed().as_secs_f64() * 1000.0;
            let mut stats = layout::stats(&scene, millis);
            // The size of the file written, legend included.
            (stats.width, stats.height) = render::size(&scene);
            Ok((diagram.id.clone(), diagram.title.clone(), stats, render::svg(&scene, theme, &diagram.title)))
        })
        .collect();
    let mut drawn = Vec::new();
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(d) => drawn.push(d),
            Err(d) => failures.push(d),
        }
    }
    (drawn, failures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{Diagram, Node};
    use crate::layout::{Engine, Layered, LayoutError, Scene};

    /// The real engine, except that it refuses the view `refused` and panics on `panics`:
    /// analysis never makes a view our engine fails on, so the failure is staged.
    struct Flaky;

    impl Engine for Flaky {
        fn name(&self) -> &'static str {
            "flaky"
        }

        fn layout(&self, diagram: &Diagram) -> Result<Scene, LayoutError> {
            match diagram.id.as_str() {
                "refused" => Err(LayoutError("too many crossings".into())),
                "panics" => panic!("staged layout bug"),
                _ => Layered::default().layout(diagram),
            }
        }
    }

    fn view(id: &str) -> Diagram {
        let node = Node { id: "a".into(), label: "a".into(), ..Node::default() };
        Diagram { id: id.into(), title: id.to_uppercase(), nodes: vec![node], ..Diagram::default() }
    }

    #[test]
    fn a_failed_layout_is_a_diagnostic_and_the_other_views_are_drawn() {
        let theme = Theme::builtin("default").expect("theme");
        let views = [view("architecture"), view("refused"), view("panics")];
        let (drawn, failures) = lay_out_all(&views, &theme, &Flaky);
        assert_eq!(drawn.iter().map(|d| d.0.as_str()).collect::<Vec<_>>(), ["architecture"]);
        assert!(drawn[0].3.contains("<title id=\"diagram-title\">ARCHITECTURE</title>"), "{}", &drawn[0].3);
        let messages: Vec<_> = failures.iter().map(|d| (d.level, d.message.as_str())).collect();
        assert_eq!(
            messages,
            [(Level::Error, "view `refused`: too many crossings"), (Level::Error, "view `panics`: layout failed")]
        );
    }
}

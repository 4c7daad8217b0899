//! `zumen check`: the intent linter for CI.
//!
//! Sits beside the pipeline, after the model stage: it reads the [`Model`] (with the sidecar
//! applied) and a second model of the comments alone, and reports intent coverage over resources
//! and module calls, plus findings about the annotations themselves (see [`lint`]). Nothing is
//! drawn and nothing is written; [`format`] turns the [`Report`] into text, JSON or GitHub
//! workflow commands.
//!
//! Data sources are not counted: they look something up, they do not create anything whose
//! reason for existing needs writing down. Variables and outputs are listed (with where their
//! description came from) but not counted either.

pub mod format;
mod lint;

use crate::build;
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::{self, sidecar::Sidecar, AnnotationSource, ItemKind, Model};
use crate::parse;
use anyhow::{Context, Result};
use serde::Serialize;
use std::path::Path;

/// The version of the JSON report's schema (`docs/check-json.md`); bumped on breaking changes.
pub const SCHEMA_VERSION: u32 = 1;

/// What `zumen check` measures against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// The lowest acceptable coverage, in percent (0–100).
    pub min_coverage: f64,
}

/// Intent coverage over the counted items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub covered: usize,
    pub total: usize,
    /// `covered / total` in whole percent, rounded down (100 when nothing is counted).
    pub percent: u32,
    pub min: f64,
    /// True when coverage reaches `min`.
    pub ok: bool,
}

/// One item of the report: whether it has intent and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemReport {
    pub address: String,
    pub kind: ItemKind,
    pub file: String,
    pub line: usize,
    pub intent: bool,
    /// The intent (or description) text, when there is one.
    pub text: Option<String>,
    /// `comment`, `sidecar`, `description` or `none`.
    pub source: &'static str,
    pub role: Option<String>,
    pub hidden: bool,
    /// True when the item counts towards coverage (a resource or module call, not hidden).
    pub counted: bool,
}

/// Counts of diagnostics by level.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

/// Everything `zumen check` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub version: u32,
    /// The root as given on the command line.
    pub root: String,
    pub coverage: Coverage,
    /// Resources, module calls, data sources, variables and outputs, sorted by address.
    pub items: Vec<ItemReport>,
    /// Sorted by file, line, column.
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
}

impl Report {
    /// True when any finding is an error (coverage below the bar included).
    pub fn failed(&self) -> bool {
        self.summary.errors > 0
    }
}

/// The sidecar as text and parsed, for findings that need its line numbers.
pub(crate) struct SidecarText {
    pub sidecar: Sidecar,
    pub text: String,
}

/// Checks a root. `Err` only for unreadable input (not a directory, no Terraform files, an
/// explicit `--config` that cannot be read); everything else is a finding in the report.
pub fn check(root: &Path, config: Option<&Path>, options: &Options) -> Result<Report> {
    let model = build::model_only(root, config)?;
    // A second model of the comments alone tells which value the sidecar overrode.
    let comments = model::build(&parse::load(root), None, &model.title);
    let sidecar = read_sidecar(root, config)?;
    let mut diagnostics = lint::carried_over(&model.diagnostics);
    if let Some(s) = &sidecar {
        diagnostics.extend(lint::dangling(&model, s));
        diagnostics.extend(lint::sidecar_roles(&model, s));
        diagnostics.extend(lint::conflicts(&comments, s));
    }
    diagnostics.extend(lint::comment_roles(&model, &comments));
    let items = items(&model);
    let coverage = coverage(&items, options.min_coverage);
    diagnostics.extend(missing(&model, &items, sidecar.as_ref(), &coverage));
    // Located findings in file order; the coverage verdict (no location) last, next to the
    // coverage line.
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| (d.location.is_none(), d.location.clone(), std::cmp::Reverse(d.level), d.code);
        key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
    });
    let mut summary = Summary::default();
    for d in &diagnostics {
        match d.level {
            Level::Error => summary.errors += 1,
            Level::Warning => summary.warnings += 1,
            Level::Note => summary.notes += 1,
        }
    }
    let root = root.to_string_lossy().into_owned();
    Ok(Report { version: SCHEMA_VERSION, root, coverage, items, diagnostics, summary })
}

/// Intent coverage of a model against a bar of 100%, for summaries outside `zumen check`.
pub fn model_coverage(model: &Model) -> Coverage {
    coverage(&items(model), 100.0)
}

fn read_sidecar(root: &Path, config: Option<&Path>) -> Result<Option<SidecarText>> {
    let path = match config {
        Some(p) => p.to_path_buf(),
        None => root.join("zumen.toml"),
    };
    if config.is_none() && !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let display = parse::relative_display(root, &path);
    // A sidecar that does not parse is already an error in the model's diagnostics.
    Ok(Sidecar::parse(&display, &text).ok().map(|sidecar| SidecarText { sidecar, text }))
}

fn items(model: &Model) -> Vec<ItemReport> {
    let mut items: Vec<ItemReport> = model
        .items
        .iter()
        .filter(|i| i.kind != ItemKind::Local)
        .map(|i| {
            let a = &i.annotation;
            let intent = a.intent.as_ref().is_some_and(|t| !t.trim().is_empty());
            let source = match (intent, a.intent_source) {
                (true, Some(AnnotationSource::Comment)) => "comment",
                (true, Some(AnnotationSource::Sidecar)) => "sidecar",
                (true, Some(AnnotationSource::Description)) => "description",
                _ => "none",
            };
            ItemReport {
                address: i.address.clone(),
                kind: i.kind,
                file: i.location.file.clone(),
                line: i.location.line,
                intent,
                text: a.intent.clone().filter(|_| intent),
                source,
                role: a.role.clone(),
                hidden: a.hide,
                counted: matches!(i.kind, ItemKind::Resource | ItemKind::Module) && !a.hide,
            }
        })
        .collect();
    items.sort_by(|a, b| a.address.cmp(&b.address));
    items
}

fn coverage(items: &[ItemReport], min: f64) -> Coverage {
    let counted = items.iter().filter(|i| i.counted);
    let total = counted.clone().count();
    let covered = counted.filter(|i| i.intent).count();
    let percent = (covered * 100).checked_div(total).map_or(100, |p| p as u32);
    // Compare exactly (not the rounded percent), so 99.5% does not pass a bar of 100.
    let ok = covered as f64 * 100.0 >= min * total as f64;
    Coverage { covered, total, percent, min, ok }
}

/// One `missing-intent` finding per uncovered item (errors when coverage is below the bar,
/// warnings otherwise), plus a `coverage` error when it is.
fn missing(model: &Model, items: &[ItemReport], sidecar: Option<&SidecarText>, cov: &Coverage) -> Vec<Diagnostic> {
    let level = if cov.ok { Level::Warning } else { Level::Error };
    let mut out = Vec::new();
    for item in items.iter().filter(|i| i.counted && !i.intent) {
        let declared = format!("{}:{}", item.file, item.line);
        // An exact sidecar entry with an empty intent (as `zumen init` writes) is where the
        // intent goes: point there.
        let slot = sidecar.and_then(|s| {
            s.sidecar.resources.get(&item.address).filter(|e| e.intent.is_some()).map(|_| Location {
                file: s.sidecar.file.clone(),
                line: lint::header_line(&s.text, &item.address),
                column: 1,
            })
        });
        let (location, message) = match slot {
            Some(loc) => (loc, format!("{} has an empty intent (declared at {declared})", item.address)),
            None => {
                let loc = model
                    .find(&item.address)
                    .and_then(|id| model.items.get(id))
                    .map(|i| i.location.clone())
                    .unwrap_or(Location { file: item.file.clone(), line: item.line, column: 1 });
                (loc, format!("{} has no intent (add `# @intent …` above it or an entry in zumen.toml)", item.address))
            }
        };
        out.push(Diagnostic::new(level, "missing-intent", message).at(location));
    }
    if !cov.ok {
        out.push(Diagnostic::new(
            Level::Error,
            "coverage",
            format!(
                "intent coverage {}/{} ({}%) is below the minimum of {}%",
                cov.covered, cov.total, cov.percent, cov.min
            ),
        ));
    }
    out
}

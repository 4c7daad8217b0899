//! The document as data: [`DocContext`], built once from the [`Model`] and [`Analysis`] and shared
//! by the Markdown and HTML templates, so both documents say the same things in the same order.
//!
//! Strings here are Terraform text, only [`clean`]ed (no `\r`, controls or bidi overrides); each
//! template escapes them for its own output through [`super::md`] or [`super::page`] helpers.

use super::escape::clean;
use super::RenderedDiagram;
use crate::analyze::Analysis;
use crate::diagnostic::Level;
use crate::model::{anchor, ItemKind, Model};
use std::collections::BTreeSet;

/// Everything the document templates show, in document order.
pub struct DocContext {
    pub title: String,
    pub summary: Option<String>,
    /// Module header (Markdown).
    pub header: Option<String>,
    pub diagrams: Vec<DiagramView>,
    pub roles: Vec<RoleRow>,
    pub groups: Vec<SectionGroup>,
    pub without_intent: Vec<ItemRef>,
    /// How many sections (resources, data sources, module calls) the document has.
    pub documented: usize,
    pub inputs: Vec<Input>,
    pub outputs: Vec<Output>,
    pub modules: Vec<ModuleRow>,
    pub requirements: Requirements,
    /// Rendered warnings and errors (`file:line:col: warning[code]: message`).
    pub diagnostics: Vec<String>,
}

/// A link to an item's section.
#[derive(Clone)]
pub struct ItemRef {
    pub address: String,
    pub anchor: String,
    /// `file:line`.
    pub location: String,
}

pub struct DiagramView {
    pub id: String,
    pub title: String,
    /// Relative image path, `architecture.svg`.
    pub file: String,
    pub omitted: Vec<String>,
    /// The SVG without its XML prolog, for inlining into HTML.
    pub svg: String,
}

/// How many members a responsibilities row links before "and N more": a role with hundreds of
/// members would otherwise make one unreadable cell.
pub const MEMBERS_SHOWN: usize = 12;

/// One row of the responsibilities table.
pub struct RoleRow {
    pub id: String,
    /// The anchor of the role's group of sections.
    pub anchor: String,
    pub label: String,
    pub description: Option<String>,
    /// The first [`MEMBERS_SHOWN`] members.
    pub members: Vec<ItemRef>,
    /// Members not listed in the row (its section lists them all).
    pub more: usize,
    pub count: usize,
}

/// The sections of one role, under one heading.
pub struct SectionGroup {
    /// The role id; `None` for the group of items with no role.
    pub role: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub anchor: String,
    pub sections: Vec<super::section::Section>,
}

/// A root variable, as the Inputs table shows it.
pub struct Input {
    pub name: String,
    pub description: Option<String>,
    /// The type expression as source text.
    pub type_text: Option<String>,
    /// The default as source text; `None` when required.
    pub default: Option<String>,
}

pub struct Output {
    pub name: String,
    pub description: Option<String>,
    pub sensitive: bool,
}

pub struct ModuleRow {
    pub address: String,
    pub anchor: String,
    pub source: String,
    pub version: Option<String>,
    /// `expanded`, `remote` or `missing`.
    pub status: &'static str,
}

pub struct Requirements {
    pub terraform: Option<String>,
    pub providers: Vec<Provider>,
    /// True when no `required_providers` were declared and the names come from resource types.
    pub inferred: bool,
}

pub struct Provider {
    pub name: String,
    pub source: Option<String>,
    pub version: Option<String>,
}

impl Requirements {
    pub fn is_empty(&self) -> bool {
        self.terraform.is_none() && self.providers.is_empty()
    }
}

pub(super) fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(clean).filter(|s| !s.trim().is_empty())
}

impl DocContext {
    /// Builds the document's content; deterministic for the same model and analysis.
    pub fn new(model: &Model, analysis: &Analysis, diagrams: &[RenderedDiagram<'_>]) -> DocContext {
        let defs = super::roles::role_defs(model, analysis);
        let sections = super::section::build_all(model, analysis, &defs);
        let groups = super::roles::group_by_role(sections, &defs);
        let roles = groups
            .iter()
            .filter_map(|g| {
                Some(RoleRow {
                    id: g.role.clone()?,
                    anchor: g.anchor.clone(),
                    label: g.title.clone(),
                    description: g.description.clone(),
                    members: g.sections.iter().take(MEMBERS_SHOWN).map(|s| s.item_ref()).collect(),
                    more: g.sections.len().saturating_sub(MEMBERS_SHOWN),
                    count: g.sections.len(),
                })
            })
            .collect();
        let without_intent = groups
            .iter()
            .flat_map(|g| g.sections.iter())
            .filter(|s| s.intent.is_none())
            .map(|s| s.item_ref())
            .collect();
        // Every anchor the document defines: diagram links to them must keep pointing here.
        let anchors: BTreeSet<String> = groups
            .iter()
            .flat_map(|g| std::iter::once(g.anchor.clone()).chain(g.sections.iter().map(|s| s.anchor.clone())))
            .collect();
        let documented = groups.iter().map(|g| g.sections.len()).sum();
        DocContext {
            documented,
            title: non_empty(Some(&model.title)).unwrap_or_else(|| "Architecture".to_string()),
            summary: non_empty(model.summary.as_deref()),
            header: non_empty(model.header.as_deref()),
            diagrams: diagrams.iter().map(|d| diagram_view(d, analysis, &anchors)).collect(),
            roles,
            groups,
            without_intent,
            inputs: inputs(model),
            outputs: outputs(model),
            modules: modules(model),
            requirements: requirements(model),
            diagnostics: model
                .diagnostics
                .iter()
                .filter(|d| d.level >= Level::Warning)
                .map(|d| clean(d.render().lines().next().unwrap_or_default()))
                .collect(),
        }
    }
}

fn diagram_view(d: &RenderedDiagram<'_>, analysis: &Analysis, anchors: &BTreeSet<String>) -> DiagramView {
    let omitted = analysis.diagrams.iter().find(|a| a.id == d.id).map(|a| a.omitted.clone()).unwrap_or_default();
    DiagramView {
        id: anchor(d.id),
        title: clean(d.title),
        file: format!("{}.svg", d.id),
        omitted: omitted.iter().map(|s| clean(s)).collect(),
        svg: super::svg::scope_ids(super::svg::strip_prolog(d.svg), &format!("svg-{}", anchor(d.id)), anchors),
    }
}

/// A variable's or output's description: the `description` attribute when it is a plain string
/// (it wins over a leading comment, shared case 027), else the annotation's intent.
fn description(item: &crate::model::Item) -> Option<String> {
    match item.attr("description").and_then(|e| e.as_str()) {
        Some(text) => non_empty(Some(text)),
        None => non_empty(item.annotation.intent.as_deref()),
    }
}

fn inputs(model: &Model) -> Vec<Input> {
    model
        .of_kind(ItemKind::Variable)
        .filter(|(_, i)| i.module.is_empty())
        .map(|(_, i)| Input {
            name: clean(&i.name),
            description: description(i),
            type_text: i.attr("type").map(|e| clean(&e.to_string())),
            default: i.attr("default").map(|e| clean(&e.to_string())),
        })
        .collect()
}

fn outputs(model: &Model) -> Vec<Output> {
    model
        .of_kind(ItemKind::Output)
        .filter(|(_, i)| i.module.is_empty())
        .map(|(_, i)| Output {
            name: clean(&i.name),
            description: description(i),
            sensitive: matches!(i.attr("sensitive"), Some(crate::syntax::Expr::Bool(true))),
        })
        .collect()
}

fn modules(model: &Model) -> Vec<ModuleRow> {
    model
        .of_kind(ItemKind::Module)
        .map(|(_, i)| {
            let call = i.module_call.as_ref();
            ModuleRow {
                address: clean(&i.address),
                anchor: anchor(&i.address),
                source: call.map(|c| clean(&c.source)).unwrap_or_default(),
                version: call.and_then(|c| non_empty(c.version.as_deref())),
                status: match call.map(|c| c.status) {
                    Some(crate::model::ModuleStatus::Expanded) => "expanded",
                    Some(crate::model::ModuleStatus::Remote) => "remote",
                    Some(crate::model::ModuleStatus::Missing) | None => "missing",
                },
            }
        })
        .collect()
}

fn requirements(model: &Model) -> Requirements {
    let terraform = non_empty(model.terraform_version.as_deref());
    if !model.providers.is_empty() {
        let mut providers: Vec<Provider> = model
            .providers
            .iter()
            .map(|p| Provider {
                name: clean(&p.name),
                source: non_empty(p.source.as_deref()),
                version: non_empty(p.version.as_deref()),
            })
            .collect();
        providers.sort_by(|a, b| a.name.cmp(&b.name));
        return Requirements { terraform, providers, inferred: false };
    }
    // No required_providers: the prefixes of the resource types name the providers in use.
    let names: std::collections::BTreeSet<String> = model
        .items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::Resource | ItemKind::Data))
        .map(|i| clean(i.provider()))
        .filter(|p| !p.is_empty())
        .collect();
    let providers = names.into_iter().map(|name| Provider { name, source: None, version: None }).collect();
    Requirements { terraform, providers, inferred: true }
}

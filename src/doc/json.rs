//! `model.json`: the model and the analysis as data for scripts, dashboards and tests.
//!
//! The schema (`zumen.model/1`) is documented field by field in `docs/model-json.md`. Keys come out
//! in struct field order and collections in model order (edges sorted), so the file is
//! byte-for-byte deterministic. Strings are [`clean`]ed; JSON escaping is serde_json's.

use super::escape::clean;
use crate::analyze::{Analysis, EdgeKind, RoleSource};
use crate::diagnostic::Level;
use crate::model::{AnnotationSource, Instances, ItemKind, Model};
use serde::Serialize;

/// The schema identifier; bumped on any incompatible change.
pub const SCHEMA: &str = "zumen.model/1";

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    title: String,
    summary: Option<String>,
    header: Option<String>,
    files: Vec<String>,
    roles: Vec<Role>,
    nodes: Vec<Node<'a>>,
    edges: Vec<Edge>,
    references: Vec<Reference>,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Serialize)]
struct Role {
    id: String,
    label: Option<String>,
    description: Option<String>,
}

#[derive(Serialize)]
struct Node<'a> {
    address: String,
    kind: ItemKind,
    #[serde(rename = "type")]
    resource_type: Option<String>,
    module: String,
    name: String,
    file: String,
    line: usize,
    role: Option<String>,
    role_source: Option<RoleSource>,
    role_reason: Option<String>,
    group: Option<String>,
    owner: Option<String>,
    intent: Option<String>,
    intent_source: Option<AnnotationSource>,
    links: Vec<String>,
    hidden: bool,
    imported: bool,
    instances: &'a Instances,
    folded_into: Option<String>,
    category: Option<String>,
    facts: Option<FactsJson>,
}

/// Type-specific facts, named fields instead of the analysis's tuples.
#[derive(Serialize)]
struct FactsJson {
    rows: Vec<Pair>,
    containers: Vec<ContainerJson>,
}

#[derive(Serialize)]
struct Pair {
    label: String,
    value: String,
}

#[derive(Serialize)]
struct ContainerJson {
    name: String,
    image: String,
    ports: Vec<String>,
    essential: Option<bool>,
    secrets: Vec<Secret>,
    environment: Vec<Pair>,
    log_driver: Option<String>,
    command: Option<String>,
    depends_on: Vec<String>,
}

#[derive(Serialize)]
struct Secret {
    name: String,
    from: String,
}

fn pairs(list: &[(String, String)]) -> Vec<Pair> {
    list.iter().map(|(l, v)| Pair { label: clean(l), value: clean(v) }).collect()
}

fn facts_json(f: &crate::analyze::Facts) -> FactsJson {
    FactsJson {
        rows: pairs(&f.rows),
        containers: f
            .containers
            .iter()
            .map(|c| ContainerJson {
                name: clean(&c.name),
                image: clean(&c.image),
                ports: c.ports.iter().map(|p| clean(p)).collect(),
                essential: c.essential,
                secrets: c.secrets.iter().map(|(n, f)| Secret { name: clean(n), from: clean(f) }).collect(),
                environment: pairs(&c.environment),
                log_driver: opt(c.log_driver.as_deref()),
                command: opt(c.command.as_deref()),
                depends_on: c.depends_on.iter().map(|d| clean(d)).collect(),
            })
            .collect(),
    }
}

#[derive(Serialize, PartialEq, PartialOrd)]
struct Edge {
    from: String,
    to: String,
    kind: EdgeKind,
    label: Option<String>,
}

#[derive(Serialize)]
struct Reference {
    from: String,
    to: String,
    attribute: String,
}

#[derive(Serialize)]
struct Diagnostic {
    level: Level,
    code: &'static str,
    message: String,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
}

fn opt(s: Option<&str>) -> Option<String> {
    s.map(clean).filter(|s| !s.is_empty())
}

/// Renders `model.json` (pretty-printed, trailing newline).
pub fn render(model: &Model, analysis: &Analysis) -> String {
    let address = |id: usize| model.items.get(id).map(|i| clean(&i.address));
    // The first diagram node drawn for each address gives its category; indexed once, because a
    // search per item made this quadratic (10 % of a 6,000-resource build).
    let mut categories: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for node in analysis.diagrams.iter().flat_map(|d| d.nodes.iter()) {
        categories.entry(node.id.as_str()).or_insert(node.category.as_str());
    }
    let category = |addr: &str| categories.get(addr).map(|c| clean(c));
    let nodes = model
        .items
        .iter()
        .enumerate()
        .map(|(id, i)| {
            let role = analysis.roles.get(&id);
            let ann = &i.annotation;
            Node {
                address: clean(&i.address),
                kind: i.kind,
                resource_type: opt(Some(&i.resource_type)),
                module: clean(&i.module),
                name: clean(&i.name),
                file: clean(&i.location.file),
                line: i.location.line,
                role: role.map(|r| clean(&r.role)).or_else(|| opt(ann.role.as_deref())),
                role_source: role.map(|r| r.source).or(ann.role.as_ref().map(|_| RoleSource::Annotation)),
                role_reason: role.and_then(|r| opt(r.reason.as_deref())),
                group: opt(ann.group.as_deref()),
                owner: opt(ann.owner.as_deref()),
                intent: opt(ann.intent.as_deref()),
                intent_source: ann.intent.as_ref().and(ann.intent_source),
                links: ann.links.iter().map(|l| clean(l)).collect(),
                hidden: ann.hide,
                imported: i.imported,
                instances: &i.instances,
                folded_into: analysis.folded.get(&id).copied().flatten().and_then(address),
                category: category(&i.address),
                facts: analysis.facts.get(&id).map(facts_json),
            }
        })
        .collect();
    // Same rule as the document's "connects to": the model's resolved dependencies stand in when
    // the analysis produced no connections at all.
    let mut edges: Vec<Edge> = if analysis.connections.is_empty() {
        model
            .dependencies
            .iter()
            .filter_map(|d| {
                Some(Edge { from: address(d.from)?, to: address(d.to)?, kind: EdgeKind::Dependency, label: None })
            })
            .collect()
    } else {
        analysis
            .connections
            .iter()
            .filter_map(|c| {
                Some(Edge { from: address(c.from)?, to: address(c.to)?, kind: c.kind, label: opt(c.label.as_deref()) })
            })
            .collect()
    };
    edges.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    edges.dedup();
    let references = model
        .references
        .iter()
        .filter_map(|r| Some(Reference { from: address(r.from)?, to: address(r.to)?, attribute: clean(&r.attribute) }))
        .collect();
    let doc = Document {
        schema: SCHEMA,
        title: clean(&model.title),
        summary: opt(model.summary.as_deref()),
        header: opt(model.header.as_deref()),
        files: model.files.iter().map(|f| clean(f)).collect(),
        roles: super::roles::role_defs(model, analysis)
            .iter()
            .map(|d| Role {
                id: clean(&d.id),
                label: opt(d.label.as_deref()),
                description: opt(d.description.as_deref()),
            })
            .collect(),
        nodes,
        edges,
        references,
        diagnostics: model
            .diagnostics
            .iter()
            .map(|d| Diagnostic {
                level: d.level,
                code: d.code,
                message: clean(&d.message),
                file: d.location.as_ref().map(|l| clean(&l.file)),
                line: d.location.as_ref().map(|l| l.line),
                column: d.location.as_ref().map(|l| l.column),
            })
            .collect(),
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

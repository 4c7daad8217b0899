//! Builds the [`Model`] from a [`ParsedTree`]: items by address, annotations, instances.

use super::annotate::{self, apply_sidecar};
use super::sidecar::Sidecar;
use super::{AnnotationSource, Instances, Item, ItemKind, Model, ModuleCall, ModuleStatus, ProviderRequirement};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::parse::{is_local_source, ParsedFile, ParsedTree};
use crate::syntax::{Attribute, Block, Body, Expr, Step};
use std::collections::BTreeMap;

/// Top-level block types Terraform knows; others get a warning (and are otherwise ignored).
const KNOWN_BLOCKS: &[&str] = &[
    "resource",
    "data",
    "ephemeral",
    "module",
    "variable",
    "output",
    "locals",
    "provider",
    "terraform",
    "moved",
    "import",
    "removed",
    "check",
];

/// Builds the model of one root. `title` is used when the sidecar gives none.
pub fn build(tree: &ParsedTree, sidecar: Option<&Sidecar>, title: &str) -> Model {
    let mut model = Model { title: title.to_string(), diagnostics: tree.diagnostics.clone(), ..Model::default() };
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut imports: Vec<(String, Location)> = Vec::new();
    for module in &tree.modules {
        for file in &module.files {
            model.files.push(file.display.clone());
            if module.address.is_empty() && (file.display == "main.tf") {
                model.header.clone_from(&file.header);
            }
            for block in &file.body.blocks {
                let location = Location { file: file.display.clone(), line: block.line, column: block.column };
                add_block(&mut model, &mut index, tree, &module.address, file, block, location, &mut imports);
            }
        }
    }
    model.files.sort();
    for (target, location) in imports {
        match index.get(&target) {
            Some(&id) => model.items[id].imported = true,
            None => model.diagnostics.push(
                Diagnostic::new(
                    Level::Warning,
                    "import-target",
                    format!("import block targets {target}, which is not declared"),
                )
                .at(location),
            ),
        }
    }
    if let Some(sidecar) = sidecar {
        apply(&mut model, sidecar);
    }
    super::refs::link(&mut model);
    super::instances::evaluate(&mut model);
    model
}

#[allow(clippy::too_many_arguments)]
fn add_block(
    model: &mut Model,
    index: &mut BTreeMap<String, usize>,
    tree: &ParsedTree,
    module: &str,
    file: &ParsedFile,
    block: &Block,
    location: Location,
    imports: &mut Vec<(String, Location)>,
) {
    let prefix = if module.is_empty() { String::new() } else { format!("{module}.") };
    let label = |i: usize| block.labels.get(i).cloned().unwrap_or_default();
    let mut push = |model: &mut Model,
                    kind: ItemKind,
                    address: String,
                    resource_type: String,
                    name: String,
                    body: Body,
                    location: Location| {
        if index.contains_key(&address) {
            model.diagnostics.push(
                Diagnostic::new(
                    Level::Warning,
                    "duplicate",
                    format!("{address} is declared more than once; the first is kept"),
                )
                .at(location),
            );
            return;
        }
        let mut comment = annotate::from_comment(&block.leading_comment);
        // An untagged comment that only names the block (`# ECS Cluster`) is a label, not intent.
        let untagged = comment.annotation.intent.is_some()
            && comment.annotation.role.is_none()
            && !block.leading_comment.iter().any(|l| l.trim_start().starts_with("@intent"));
        if untagged && comment.annotation.intent.as_deref().is_some_and(|i| annotate::restates(i, &block.labels)) {
            comment.annotation.intent = None;
            comment.annotation.intent_source = None;
        }
        for (tag, offset) in &comment.unknown {
            let hint = annotate::suggest(tag).map(|t| format!("; did you mean @{t}?")).unwrap_or_default();
            let line = location.line.saturating_sub(block.leading_comment.len()) + offset;
            model.diagnostics.push(
                Diagnostic::new(Level::Warning, "unknown-tag", format!("unknown annotation tag @{tag}{hint}"))
                    .at(Location { file: location.file.clone(), line: line.max(1), column: 1 }),
            );
        }
        let mut annotation = if kind == ItemKind::Local { Default::default() } else { comment.annotation };
        if matches!(kind, ItemKind::Variable | ItemKind::Output) {
            if let Some(description) =
                body.attributes.iter().find(|a| a.key == "description").and_then(|a| description_text(&a.value))
            {
                annotation.intent = Some(description);
                annotation.intent_source = Some(AnnotationSource::Description);
            }
        }
        let module_call = (kind == ItemKind::Module).then(|| module_call(tree, &address, &body));
        if let Some(call) = &module_call {
            let diagnostic = match call.status {
                ModuleStatus::Missing => Some(Diagnostic::new(
                    Level::Warning,
                    "module-missing",
                    format!("{address}: local module directory {} not found; shown as an opaque node", call.source),
                )),
                ModuleStatus::Remote => Some(Diagnostic::new(
                    Level::Note,
                    "module-remote",
                    format!(
                        "{address}: not expanded (remote source {}); run `terraform init` to let zumen follow it",
                        call.source
                    ),
                )),
                ModuleStatus::Expanded => None,
            };
            model.diagnostics.extend(diagnostic.map(|d| d.at(location.clone())));
        }
        index.insert(address.clone(), model.items.len());
        model.items.push(Item {
            address,
            kind,
            module: module.to_string(),
            resource_type,
            name,
            location,
            body,
            instances: Instances::Single,
            annotation,
            module_call,
            imported: false,
        });
    };
    match block.kind.as_str() {
        "resource" => push(
            model,
            ItemKind::Resource,
            format!("{prefix}{}.{}", label(0), label(1)),
            label(0),
            label(1),
            block.body.clone(),
            location,
        ),
        "data" => push(
            model,
            ItemKind::Data,
            format!("{prefix}data.{}.{}", label(0), label(1)),
            label(0),
            label(1),
            block.body.clone(),
            location,
        ),
        "module" => push(
            model,
            ItemKind::Module,
            format!("{prefix}module.{}", label(0)),
            String::new(),
            label(0),
            block.body.clone(),
            location,
        ),
        "variable" => push(
            model,
            ItemKind::Variable,
            format!("{prefix}var.{}", label(0)),
            String::new(),
            label(0),
            block.body.clone(),
            location,
        ),
        "output" => push(
            model,
            ItemKind::Output,
            format!("{prefix}output.{}", label(0)),
            String::new(),
            label(0),
            block.body.clone(),
            location,
        ),
        "locals" => {
            for attr in &block.body.attributes {
                let body = Body {
                    attributes: vec![Attribute { key: "value".into(), value: attr.value.clone(), line: attr.line }],
                    blocks: Vec::new(),
                };
                let loc = Location { file: file.display.clone(), line: attr.line, column: 1 };
                push(
                    model,
                    ItemKind::Local,
                    format!("{prefix}local.{}", attr.key),
                    String::new(),
                    attr.key.clone(),
                    body,
                    loc,
                );
            }
        }
        "terraform" if module.is_empty() => terraform_block(model, block),
        "import" => {
            if let Some(Expr::Ref(r)) = block.body.attributes.iter().find(|a| a.key == "to").map(|a| &a.value) {
                let name = r.attr(0).unwrap_or_default();
                let target = if r.root == "module" { r.to_string() } else { format!("{prefix}{}.{name}", r.root) };
                imports.push((target, location));
            }
        }
        kind if KNOWN_BLOCKS.contains(&kind) => {}
        other => model.diagnostics.push(
            Diagnostic::new(
                Level::Warning,
                "unknown-block",
                format!("unknown top-level block type `{other}`; ignored"),
            )
            .at(location),
        ),
    }
}

/// A description attribute as text (heredocs included); `None` when it is not a literal.
fn description_text(expr: &Expr) -> Option<String> {
    match expr {
        Expr::String(s) => Some(s.replace("\r\n", "\n")).filter(|s| !s.trim().is_empty()),
        Expr::Template(_) => Some(expr.to_string()),
        _ => None,
    }
}

fn module_call(tree: &ParsedTree, address: &str, body: &Body) -> ModuleCall {
    let text =
        |key: &str| body.attributes.iter().find(|a| a.key == key).and_then(|a| a.value.as_str()).map(str::to_string);
    let source = text("source").unwrap_or_default();
    let status = if tree.module(address).is_some() {
        ModuleStatus::Expanded
    } else if is_local_source(&source) {
        ModuleStatus::Missing
    } else {
        ModuleStatus::Remote
    };
    ModuleCall { source, version: text("version"), status }
}

fn terraform_block(model: &mut Model, block: &Block) {
    if let Some(v) = block.body.attributes.iter().find(|a| a.key == "required_version").and_then(|a| a.value.as_str()) {
        model.terraform_version = Some(v.to_string());
    }
    for providers in block.body.blocks.iter().filter(|b| b.kind == "required_providers") {
        for attr in &providers.body.attributes {
            let field = |k: &str| attr.value.get(k).and_then(Expr::as_str).map(str::to_string);
            let (source, version) = match &attr.value {
                Expr::String(v) => (None, Some(v.clone())),
                _ => (field("source"), field("version")),
            };
            if !model.providers.iter().any(|p| p.name == attr.key) {
                model.providers.push(ProviderRequirement { name: attr.key.clone(), source, version });
            }
        }
    }
}

/// Sidecar: title, summary, roles, actors, and per-address fields (the sidecar wins).
fn apply(model: &mut Model, sidecar: &Sidecar) {
    if let Some(title) = &sidecar.title {
        model.title.clone_from(title);
    }
    model.summary.clone_from(&sidecar.summary);
    model.roles = sidecar.roles.values().cloned().collect();
    model.actors = sidecar.actors.values().cloned().collect();
    let mut used: Vec<&str> = Vec::new();
    for item in model.items.iter_mut() {
        if let Some((key, entry)) = sidecar.entry_for(&item.address) {
            apply_sidecar(&mut item.annotation, entry);
            used.push(key);
        }
    }
    for key in sidecar.resources.keys() {
        if !used.contains(&key.as_str()) {
            model.diagnostics.push(
                Diagnostic::new(
                    Level::Warning,
                    "dangling-sidecar",
                    format!("[resources.\"{key}\"] matches no address"),
                )
                .at(Location {
                    file: sidecar.file.clone(),
                    line: sidecar.lines.get(key).copied().unwrap_or(1),
                    column: 1,
                }),
            );
        }
    }
}

/// The output name a `module.x…` reference reads (`module.x["k"].out` → `out`).
pub fn module_output_name(steps: &[Step]) -> Option<&str> {
    steps.iter().skip(1).find_map(|s| match s {
        Step::Attr(a) => Some(a.as_str()),
        _ => None,
    })
}

//! References between items, and dependencies resolved to the resources they come from.
//!
//! A reference is what the code mentions (`var.subnet_id`); a dependency follows locals,
//! variables (into the calling module's argument) and module outputs until it reaches a resource,
//! a data source or an opaque module, so that a reference through a module still becomes an edge.

use super::build::module_output_name;
use super::{Dependency, ItemId, ItemKind, Model, ModuleStatus, Reference};
use crate::syntax::{Body, Ref};
use std::collections::BTreeMap;

/// Roots that are never references to items.
const META_ROOTS: &[&str] = &["count", "each", "self", "path", "terraform", "provider"];

/// Fills `model.references` and `model.dependencies`.
pub fn link(model: &mut Model) {
    let index: BTreeMap<&str, ItemId> =
        model.items.iter().enumerate().map(|(i, item)| (item.address.as_str(), i)).collect();
    let mut references = Vec::new();
    for (from, item) in model.items.iter().enumerate() {
        let prefix = prefix_of(&item.module);
        let mut found = Vec::new();
        walk_body(&item.body, "", &mut found);
        for (attribute, r) in found {
            if let Some(to) = target(&index, &prefix, r) {
                if to != from {
                    references.push(Reference { from, to, attribute });
                }
            }
        }
        // A module's variable gets its value from the calling block's argument of that name.
        if item.kind == ItemKind::Variable && !item.module.is_empty() {
            if let Some(&call) = index.get(item.module.as_str()) {
                let call_item = &model.items[call];
                let caller_prefix = prefix_of(&call_item.module);
                if let Some(attr) = call_item.body.attributes.iter().find(|a| a.key == item.name) {
                    for r in attr.value.refs() {
                        if let Some(to) = target(&index, &caller_prefix, r) {
                            references.push(Reference { from, to, attribute: "(module argument)".into() });
                        }
                    }
                }
            }
        }
    }
    references.sort();
    references.dedup();
    model.references = references;
    model.index = model.items.iter().enumerate().map(|(i, item)| (item.address.clone(), i)).collect();
    model.dependencies = resolve_all(model);
    let mut resolver = Resolver::new(model);
    let reach: Vec<Vec<ItemId>> = (0..model.items.len())
        .map(|id| {
            if is_terminal(model, id) {
                Vec::new()
            } else {
                let mut targets: Vec<ItemId> = resolver.through(id).into_iter().map(|(t, _)| t).collect();
                targets.sort_unstable();
                targets
            }
        })
        .collect();
    model.reach = reach;
}

pub(super) fn prefix_of(module: &str) -> String {
    if module.is_empty() {
        String::new()
    } else {
        format!("{module}.")
    }
}

/// Collects (attribute path, reference) pairs from a body, nested blocks included.
fn walk_body<'a>(body: &'a Body, path: &str, out: &mut Vec<(String, &'a Ref)>) {
    for attr in &body.attributes {
        let key = join(path, &attr.key);
        for r in attr.value.refs() {
            out.push((key.clone(), r));
        }
    }
    for block in &body.blocks {
        let name = if block.kind == "dynamic" {
            block.labels.first().cloned().unwrap_or_default()
        } else {
            block.kind.clone()
        };
        walk_body(&block.body, &join(path, &name), out);
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The item a reference names, in the module with address prefix `prefix`.
pub(super) fn target<K: std::borrow::Borrow<str> + Ord>(
    index: &BTreeMap<K, ItemId>,
    prefix: &str,
    r: &Ref,
) -> Option<ItemId> {
    if META_ROOTS.contains(&r.root.as_str()) {
        return None;
    }
    let first = r.attr(0);
    let address = match r.root.as_str() {
        "var" => format!("{prefix}var.{}", first?),
        "local" => format!("{prefix}local.{}", first?),
        "data" => format!("{prefix}data.{}.{}", first?, r.attr(1)?),
        "module" => {
            let call = format!("{prefix}module.{}", first?);
            if let Some(output) = module_output_name(&r.steps) {
                let out = format!("{call}.output.{output}");
                if let Some(&id) = index.get(out.as_str()) {
                    return Some(id);
                }
            }
            call
        }
        root => format!("{prefix}{root}.{}", first?),
    };
    index.get(address.as_str()).copied()
}

/// True for items a dependency chain ends at.
pub(super) fn is_terminal(model: &Model, id: ItemId) -> bool {
    let item = &model.items[id];
    match item.kind {
        ItemKind::Resource | ItemKind::Data => true,
        ItemKind::Module => item.module_call.as_ref().is_none_or(|c| c.status != ModuleStatus::Expanded),
        ItemKind::Variable | ItemKind::Output | ItemKind::Local => false,
    }
}

/// For every item, the terminal items it reaches through non-terminal ones, each with the
/// chain in between. Memoised per non-terminal item; cycles end the walk.
/// Terminal items reached, each with the chain of items in between.
type Reached = Vec<(ItemId, Vec<ItemId>)>;

pub(super) struct Resolver<'m> {
    model: &'m Model,
    outgoing: Vec<Vec<ItemId>>,
    memo: Vec<Option<Reached>>,
    visiting: Vec<bool>,
}

impl<'m> Resolver<'m> {
    pub(super) fn new(model: &'m Model) -> Self {
        let mut outgoing = vec![Vec::new(); model.items.len()];
        for r in &model.references {
            if !outgoing[r.from].contains(&r.to) {
                outgoing[r.from].push(r.to);
            }
        }
        let n = model.items.len();
        Resolver { model, outgoing, memo: vec![None; n], visiting: vec![false; n] }
    }

    /// Terminal items reached from `id` (a non-terminal item), with the chain.
    pub(super) fn through(&mut self, id: ItemId) -> Reached {
        if let Some(done) = &self.memo[id] {
            return done.clone();
        }
        if self.visiting[id] {
            return Vec::new();
        }
        self.visiting[id] = true;
        let mut out: Reached = Vec::new();
        for to in self.outgoing[id].clone() {
            if is_terminal(self.model, to) {
                push_unique(&mut out, to, vec![id]);
            } else {
                for (t, chain) in self.through(to) {
                    let mut via = vec![id];
                    via.extend(chain);
                    push_unique(&mut out, t, via);
                }
            }
        }
        self.visiting[id] = false;
        self.memo[id] = Some(out.clone());
        out
    }
}

fn push_unique(out: &mut Reached, to: ItemId, via: Vec<ItemId>) {
    if !out.iter().any(|(t, _)| *t == to) {
        out.push((to, via));
    }
}

fn resolve_all(model: &Model) -> Vec<Dependency> {
    let mut resolver = Resolver::new(model);
    let mut deps = Vec::new();
    for r in &model.references {
        if !is_terminal(model, r.from) && model.items[r.from].kind != ItemKind::Module {
            continue;
        }
        if is_terminal(model, r.to) {
            deps.push(Dependency { from: r.from, to: r.to, attribute: r.attribute.clone(), via: Vec::new() });
        } else {
            for (to, via) in resolver.through(r.to) {
                if to != r.from {
                    deps.push(Dependency { from: r.from, to, attribute: r.attribute.clone(), via });
                }
            }
        }
    }
    deps.sort();
    deps.dedup_by(|a, b| a.from == b.from && a.to == b.to && a.attribute == b.attribute);
    deps
}

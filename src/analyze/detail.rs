//! Detail views: one diagram per module (and the root) when the overview had to collapse.
//!
//! Runs after the architecture view's level-of-detail step (VIEWS.md "Level of detail": "let
//! per-module diagrams and the document carry the rest"). Only when [`super::lod::limit`]
//! collapsed the overview, or the root has more than [`DETAIL_ABOVE`] resources (folding can
//! make 422 resources fit in 20 nodes, shared case 029, yet then most are only in the
//! document), one diagram per scope that holds resources:
//! - `root` ("Root module") for resources of the root module;
//! - `module-<anchor of the call's address>` ("Module module.x") for each expanded module call.
//!
//! A detail view is full detail for the scope's own items: every managed resource, and every
//! data source the catalog draws as a node, is one node (glue included, so nothing is only in
//! the document), never collapsed or consolidated. A module call nested in the scope is one
//! module node linking to its own section. Boxes as in the overview (VPC, subnet tiers), with
//! the VPC resource itself inside its box. Edges are the resource-level connections, plus plain
//! references where no connection explains a pair, except a reference to the VPC whose box
//! already holds the item. Items outside the scope are left out.

use super::architecture::merge_edges;
use super::classify::Classes;
use super::containment::place;
use super::labels::{created, node};
use super::links::Links;
use super::relations::Relations;
use super::{Diagram, Edge, EdgeKind, Node};
use crate::catalog::{Catalog, TypeKind};
use crate::model::{anchor, ItemId, ItemKind, Model, ModuleStatus};
use std::collections::{BTreeMap, BTreeSet};

/// Above this many managed resources a root gets detail views even when its overview fits.
pub const DETAIL_ABOVE: usize = 2 * super::lod::MAX_NODES;

/// Whether the root is too large for the overview alone (see [`DETAIL_ABOVE`]).
pub(crate) fn too_many_for_one_page(model: &Model) -> bool {
    model.items.iter().filter(|i| i.kind == ItemKind::Resource).count() > DETAIL_ABOVE
}

/// Id (and file stem) of the detail diagram of module path `module` (`""` is the root):
/// `module.app.module.db` → `module-app-module-db`. Never `architecture` or `responsibilities`,
/// because a module path always starts with `module.`.
pub fn detail_id(module: &str) -> String {
    if module.is_empty() {
        "root".to_string()
    } else {
        anchor(module)
    }
}

/// The detail diagrams, root first, then module calls by address.
pub(crate) fn details(
    model: &Model,
    catalog: &Catalog,
    links: &Links,
    classes: &Classes,
    rel: &Relations,
) -> Vec<Diagram> {
    let shown = |id: ItemId| {
        let item = &model.items[id];
        let drawn = match item.kind {
            ItemKind::Resource => true,
            ItemKind::Data => classes.kind(id).is_some_and(|k| k != TypeKind::Hidden && k != TypeKind::Glue),
            _ => false,
        };
        drawn && created(&item.instances) && !classes.of.get(&id).is_some_and(|c| c.hidden)
    };
    let mut scopes: BTreeMap<&str, Vec<ItemId>> = BTreeMap::new();
    for id in (0..model.items.len()).filter(|&id| shown(id)) {
        scopes.entry(model.items[id].module.as_str()).or_default().push(id);
    }
    let expanded = |id: ItemId| {
        model.items[id].kind == ItemKind::Module
            && model.items[id].module_call.as_ref().is_some_and(|c| c.status == ModuleStatus::Expanded)
    };
    let mut out: Vec<Diagram> = Vec::new();
    // Calls of one module source with the same resources are drawn once: 250 calls of
    // `./modules/stack` would otherwise give 250 identical pictures (and 250 layouts).
    let mut drawn: BTreeMap<(String, Vec<String>), (usize, Vec<String>)> = BTreeMap::new();
    for (&scope, items) in &scopes {
        if !scope.is_empty() && !model.index.get(scope).is_some_and(|&id| expanded(id)) {
            continue;
        }
        if !scope.is_empty() {
            let source =
                model.index.get(scope).and_then(|&id| model.items[id].module_call.as_ref()).map(|c| c.source.clone());
            let prefix = format!("{scope}.");
            let shape: Vec<String> = items
                .iter()
                .map(|&id| model.items[id].address.strip_prefix(&prefix).unwrap_or_default().to_string())
                .collect();
            if let Some(source) = source {
                match drawn.get_mut(&(source.clone(), shape.clone())) {
                    Some((_, same)) => {
                        same.push(scope.to_string());
                        continue;
                    }
                    None => {
                        drawn.insert((source, shape), (out.len(), Vec::new()));
                    }
                }
            }
        }
        out.push(detail(model, catalog, links, classes, rel, scope, items));
    }
    for ((source, _), (index, same)) in drawn {
        if same.is_empty() {
            continue;
        }
        let shown: Vec<&str> = same.iter().take(5).map(String::as_str).collect();
        let more =
            if same.len() > shown.len() { format!(" and {} more", same.len() - shown.len()) } else { String::new() };
        let calls = if same.len() == 1 { "call" } else { "calls" };
        out[index].omitted.push(format!(
            "{} other {calls} of {source} with the same resources, drawn once here: {}{more}",
            same.len(),
            shown.join(", ")
        ));
    }
    out
}

/// One scope's diagram.
fn detail(
    model: &Model,
    catalog: &Catalog,
    links: &Links,
    classes: &Classes,
    rel: &Relations,
    scope: &str,
    items: &[ItemId],
) -> Diagram {
    let title = if scope.is_empty() { "Root module".to_string() } else { format!("Module {scope}") };
    let mut d = Diagram { id: detail_id(scope), title, ..Diagram::default() };
    let own: BTreeSet<ItemId> = items.iter().copied().collect();
    let prefix = if scope.is_empty() { String::new() } else { format!("{scope}.") };
    // The node an item is drawn as here: itself, the nested module call holding it, or none.
    let rep = |id: ItemId| -> Option<String> {
        let item = model.items.get(id)?;
        if own.contains(&id) {
            return Some(item.address.clone());
        }
        let inner = if item.kind == ItemKind::Module { item.address.as_str() } else { item.module.as_str() };
        let rest = inner.strip_prefix(prefix.as_str())?.strip_prefix("module.")?;
        let name = rest.split('.').next().filter(|n| !n.is_empty())?;
        Some(format!("{prefix}module.{name}"))
    };
    // Containment as in the overview: VPC and subnet-tier boxes; a VPC or subnet resource itself
    // sits in its VPC's box, and its members' references to it are the box, not edges.
    let boxed: Vec<ItemId> =
        items.iter().copied().filter(|&id| classes.kind(id) != Some(TypeKind::Container)).collect();
    let placement = place(model, catalog, links, classes, &boxed);
    let vpc_box = |addr: &str| placement.groups.iter().position(|g| g.id == format!("vpc:{addr}"));
    for &id in items {
        let mut n = node(model, catalog, classes, id);
        n.group = match placement.of.get(&id) {
            Some(&g) => Some(g),
            None => vpc_box(&n.id).or_else(|| links.from(id).iter().find_map(|l| vpc_box(links.address(l.to)))),
        };
        d.nodes.push(n);
    }
    d.groups = placement.groups.clone();
    let mut calls: BTreeSet<String> = BTreeSet::new();
    let mut edges = Vec::new();
    let mut add = |from: Option<String>, to: Option<String>, kind: EdgeKind, label: Option<String>| {
        if let (Some(f), Some(t)) = (from, to) {
            for end in [&f, &t] {
                if model.index.get(end.as_str()).is_some_and(|&i| model.items[i].kind == ItemKind::Module) {
                    calls.insert(end.clone());
                }
            }
            edges.push(Edge { from: f, to: t, kind, label });
        }
    };
    for c in &rel.connections {
        add(rep(c.from), rep(c.to), c.kind, c.label.clone());
    }
    for &id in items {
        for l in links.from(id) {
            add(rep(l.from), rep(l.to), EdgeKind::Dependency, None);
        }
    }
    // Nested calls appear even when nothing here references them.
    for (i, item) in model.items.iter().enumerate() {
        if item.kind == ItemKind::Module && item.module == scope {
            calls.insert(model.items[i].address.clone());
        }
    }
    for call in calls {
        let name = call.rsplit('.').next().unwrap_or(&call).to_string();
        d.nodes.push(Node {
            label: name,
            sublabel: "Module".into(),
            category: "module".into(),
            icon: "module".into(),
            link: Some(format!("#{}", anchor(&call))),
            tooltip: format!("{call} (module; see its own diagram {}.svg)", detail_id(&call)),
            id: call,
            ..Node::default()
        });
    }
    let edges = merge_edges(edges);
    // A reference next to a traffic or configuration edge the other way adds nothing.
    let strong: BTreeSet<(String, String)> =
        edges.iter().filter(|e| e.kind != EdgeKind::Dependency).map(|e| (e.to.clone(), e.from.clone())).collect();
    let group_of: BTreeMap<&str, usize> = d.nodes.iter().filter_map(|n| Some((n.id.as_str(), n.group?))).collect();
    let inside = |node: &str, container: &str| {
        let Some(target) = vpc_box(container) else { return false };
        let mut cur = group_of.get(node).copied();
        for _ in 0..64 {
            match cur {
                Some(g) if g == target => return true,
                Some(g) => cur = d.groups.get(g).and_then(|g| g.parent),
                None => return false,
            }
        }
        false
    };
    let kept: Vec<Edge> = edges
        .into_iter()
        .filter(|e| e.kind != EdgeKind::Dependency || !strong.contains(&(e.from.clone(), e.to.clone())))
        .filter(|e| e.kind != EdgeKind::Dependency || !inside(&e.from, &e.to))
        .collect();
    d.edges = kept;
    super::lod::prune_groups(&mut d);
    d.omitted.push("items outside this module are not drawn (see the architecture view)".to_string());
    d
}

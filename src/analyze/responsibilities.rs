//! The responsibilities view: the same things grouped by the role they carry.
//!
//! Built after roles are assigned. Nodes are the architecture's nodes plus every task
//! definition (the interesting part: which container runs all the time, which once per deploy,
//! which only for checks). One box per role, ordered by the role definitions. Edges are kept to
//! the few that explain responsibilities (a service `runs` its task definition, catalog
//! `responsibilities = true`), drawn as configuration; traffic is the architecture view's job.

use super::classify::Classes;
use super::labels::{created, node};
use super::lod::Meta;
use super::relations::Relations;
use super::{Diagram, Edge, EdgeKind, Group, RoleAssignment};
use crate::catalog::{Catalog, TypeKind};
use crate::model::{ItemId, Model, RoleDef};
use std::collections::BTreeMap;

pub(crate) fn responsibilities(
    model: &Model,
    catalog: &Catalog,
    classes: &Classes,
    rel: &Relations,
    roles: &BTreeMap<ItemId, RoleAssignment>,
    defs: &[RoleDef],
    folded: &BTreeMap<ItemId, Option<ItemId>>,
) -> (Diagram, BTreeMap<String, Meta>) {
    let shown = |id: ItemId| {
        let Some(class) = classes.of.get(&id) else { return false };
        !class.hidden
            && (matches!(class.kind, TypeKind::Node | TypeKind::Detail) || classes.promoted.contains(&id))
            && !folded.get(&id).is_some_and(Option::is_some)
            && created(&model.items[id].instances)
    };
    let items: Vec<ItemId> = classes.of.keys().copied().filter(|&id| shown(id)).collect();
    let mut d = Diagram { id: "responsibilities".into(), title: "Responsibilities".into(), ..Diagram::default() };
    // Role boxes in role order; roles used but not defined go last, by id.
    let mut used: Vec<&str> = items.iter().filter_map(|id| roles.get(id)).map(|r| r.role.as_str()).collect();
    used.sort_by_key(|r| (defs.iter().position(|d| d.id == *r).unwrap_or(usize::MAX), *r));
    used.dedup();
    let mut index = BTreeMap::new();
    for role in used {
        let label =
            defs.iter().find(|d| d.id == role).and_then(|d| d.label.clone()).unwrap_or_else(|| role.to_string());
        index.insert(role.to_string(), d.groups.len());
        d.groups.push(Group { id: format!("role:{role}"), label, class: "role".into(), parent: None });
    }
    let mut meta = BTreeMap::new();
    for &id in &items {
        let mut n = node(model, catalog, classes, id);
        n.group = roles.get(&id).and_then(|r| index.get(&r.role)).copied();
        let item = &model.items[id];
        meta.insert(n.id.clone(), Meta { module: item.module.clone(), rtype: item.resource_type.clone() });
        d.nodes.push(n);
    }
    let shown_set: std::collections::BTreeSet<ItemId> = items.iter().copied().collect();
    for c in &rel.connections {
        if rel.responsibilities.contains(&(c.from, c.to)) && shown_set.contains(&c.from) && shown_set.contains(&c.to) {
            let addr = |id: ItemId| model.items[id].address.clone();
            d.edges.push(Edge { from: addr(c.from), to: addr(c.to), kind: EdgeKind::Config, label: c.label.clone() });
        }
    }
    d.edges = super::architecture::merge_edges(d.edges);
    d.omitted = super::declutter::omitted(model, classes, folded, false);
    (d, meta)
}

//! The responsibilities view: the same things grouped by the role they carry.
//!
//! Built after roles are assigned. Nodes are the architecture's nodes plus every task
//! definition (the interesting part: which container runs all the time, which once per deploy,
//! which only for checks), plus one node per monitoring agent running beside a task's main
//! container (`datadog-agent`, "sidecar of fastapi-app"; keywords from the catalog). One box per
//! role, ordered by the role definitions, titled with the role's label and carrying its
//! description ([`Group::description`]). Edges are kept to
//! the few that explain responsibilities (a service `runs` its task definition, catalog
//! `responsibilities = true`), drawn as configuration; traffic is the architecture view's job.

use super::classify::Classes;
use super::labels::{created, display_name, node};
use super::lod::Meta;
use super::relations::Relations;
use super::{Diagram, Edge, EdgeKind, Facts, Group, Node, RoleAssignment};
use crate::catalog::{Catalog, TypeKind};
use crate::model::{anchor, ItemId, Model, RoleDef};
use std::collections::BTreeMap;

/// What the responsibilities view is built from, besides the model and the catalog.
pub(crate) struct Inputs<'a> {
    pub classes: &'a Classes,
    pub rel: &'a Relations,
    pub roles: &'a BTreeMap<ItemId, RoleAssignment>,
    pub defs: &'a [RoleDef],
    pub facts: &'a BTreeMap<ItemId, Facts>,
}

pub(crate) fn responsibilities(
    model: &Model,
    catalog: &Catalog,
    inputs: &Inputs,
    folded: &BTreeMap<ItemId, Option<ItemId>>,
) -> (Diagram, BTreeMap<String, Meta>) {
    let Inputs { classes, rel, roles, defs, facts } = *inputs;
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
    let agents = sidecars(model, catalog, classes, facts, &items);
    if !agents.is_empty() {
        used.push(MONITORING);
    }
    used.sort_by_key(|r| (defs.iter().position(|d| d.id == *r).unwrap_or(usize::MAX), *r));
    used.dedup();
    let mut index = BTreeMap::new();
    for role in used {
        let def = defs.iter().find(|d| d.id == role);
        let label = def.and_then(|d| d.label.clone()).unwrap_or_else(|| role.to_string());
        let description = def.and_then(|d| d.description.clone());
        index.insert(role.to_string(), d.groups.len());
        d.groups.push(Group { id: format!("role:{role}"), label, class: "role".into(), parent: None, description });
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
    for (task, mut agent) in agents {
        agent.group = index.get(MONITORING).copied();
        let label = Some("sidecar".to_string());
        d.edges.push(Edge {
            from: model.items[task].address.clone(),
            to: agent.id.clone(),
            kind: EdgeKind::Config,
            label,
        });
        d.nodes.push(agent);
    }
    d.edges = super::architecture::merge_edges(d.edges);
    d.omitted = super::declutter::omitted(model, classes, folded, false);
    (d, meta)
}

/// Role id of the box monitoring agents go in.
const MONITORING: &str = "monitoring";

/// Monitoring agents running beside a task definition's main container (the `datadog-agent` of
/// `fastapi-app`): one node each, for task definitions with more than one container. The main
/// container is the first essential one that is not an agent; an agent is a container whose
/// name or image holds one of the catalog's `monitoring_keywords`.
fn sidecars(
    model: &Model,
    catalog: &Catalog,
    classes: &Classes,
    facts: &BTreeMap<ItemId, Facts>,
    items: &[ItemId],
) -> Vec<(ItemId, Node)> {
    let agent = |name: &str, image: &str| {
        let (name, image) = (name.to_lowercase(), image.to_lowercase());
        catalog.monitoring_keywords.iter().any(|k| name.contains(k.as_str()) || image.contains(k.as_str()))
    };
    let mut out = Vec::new();
    for &task in items {
        let Some(list) = facts.get(&task).map(|f| &f.containers).filter(|l| l.len() > 1) else { continue };
        let main = list.iter().position(|c| c.essential != Some(false) && !agent(&c.name, &c.image)).unwrap_or(0);
        let owner = display_name(model, catalog, classes, task);
        let address = &model.items[task].address;
        for (i, c) in list.iter().enumerate() {
            if i == main || !agent(&c.name, &c.image) {
                continue;
            }
            out.push((
                task,
                Node {
                    id: format!("container.{address}.{}", c.name),
                    label: c.name.clone(),
                    sublabel: format!("sidecar of {owner}"),
                    category: MONITORING.into(),
                    icon: MONITORING.into(),
                    link: Some(format!("#{}", anchor(address))),
                    tooltip: format!("container {} ({}) of {address}", c.name, c.image),
                    ..Node::default()
                },
            ));
        }
    }
    out
}

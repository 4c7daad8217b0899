//! The architecture view: traffic inside containment, configuration drawn light.
//!
//! Built from the classified items and resource-level relations. Node-level rules:
//! - every item whose [`Classes::node_of`] is itself is a node; glue and used task definitions
//!   fold into the node they configure, so their relations are drawn from that node;
//! - relays (target groups) that forward traffic disappear: LB → TG →(HTTP 8000)→ service
//!   becomes LB →(HTTP 8000)→ service, labelled with the hop the relay forwards on; the
//!   listener's `HTTPS 443` labels the edges into the LB (see [`Relations::entry`]);
//! - plain dependencies are drawn only when an endpoint's type is not in the catalog (the catalog
//!   states every relation worth drawing for the types it knows); all of them stay in
//!   [`super::Analysis::connections`] for the document;
//! - actors from `zumen.toml`, or an automatic "Internet" actor when something is public.

use super::classify::Classes;
use super::containment::place;
use super::declutter::counted;
use super::labels::{created, node};
use super::links::{exprs_at, Links};
use super::lod::Meta;
use super::relations::Relations;
use super::{Diagram, Edge, EdgeKind, Node};
use crate::catalog::{Catalog, TypeKind};
use crate::model::{ItemId, Model};
use crate::syntax::Expr;
use std::collections::{BTreeMap, BTreeSet};

/// Id of the automatic internet actor.
pub(crate) const INTERNET: &str = "actor.internet";

pub(crate) fn architecture(
    model: &Model,
    catalog: &Catalog,
    links: &Links,
    classes: &Classes,
    rel: &Relations,
    folded: &mut BTreeMap<ItemId, Option<ItemId>>,
) -> (Diagram, BTreeMap<String, Meta>) {
    let mut items: Vec<ItemId> = classes.of.keys().copied().filter(|&id| classes.node_of(id) == Some(id)).collect();
    let mut edges: BTreeSet<(ItemId, ItemId, EdgeKind, Option<String>)> = BTreeSet::new();
    let mut weak = BTreeSet::new();
    let folded_detail =
        |id: ItemId| classes.kind(id) == Some(TypeKind::Detail) && classes.fold.get(&id).is_some_and(Option::is_some);
    let guessed = |id: ItemId| classes.spec(id).is_some_and(|s| s.guessed) && !model.items[id].resource_type.is_empty();
    for c in &rel.connections {
        // A used task definition is drawn as the services that run it: its own relations belong
        // to each of them, and the "runs" relation itself is the fold.
        if folded_detail(c.to) {
            continue;
        }
        let sources: BTreeSet<ItemId> = if folded_detail(c.from) {
            links.into(c.from).iter().filter_map(|l| classes.node_of(l.from)).collect()
        } else {
            classes.node_of(c.from).into_iter().collect()
        };
        let Some(t) = classes.node_of(c.to) else { continue };
        for f in sources {
            if f != t && (c.kind != EdgeKind::Dependency || guessed(f) || guessed(t)) {
                edges.insert((f, t, c.kind, c.label.clone()));
                if rel.firewall.contains(&(c.from, c.to, c.label.clone())) {
                    weak.insert((f, t, c.label.clone()));
                }
            }
        }
    }
    // Relays forward what they receive. Edges are bucketed once (a big root has hundreds of
    // target groups); a relay feeding another relay is joined through in a second round.
    let relays: BTreeSet<ItemId> =
        items.iter().copied().filter(|&id| classes.spec(id).is_some_and(|s| s.relay)).collect();
    for _ in 0..2 {
        type E = (ItemId, ItemId, EdgeKind, Option<String>);
        let mut ins: BTreeMap<ItemId, Vec<E>> = BTreeMap::new();
        let mut outs: BTreeMap<ItemId, Vec<E>> = BTreeMap::new();
        for e in edges.iter().filter(|e| relays.contains(&e.0) || relays.contains(&e.1)) {
            if relays.contains(&e.1) {
                ins.entry(e.1).or_default().push(e.clone());
            }
            if relays.contains(&e.0) && e.2 == EdgeKind::Traffic {
                outs.entry(e.0).or_default().push(e.clone());
            }
        }
        let joined: BTreeSet<ItemId> = outs.keys().copied().filter(|r| !folded.contains_key(r)).collect();
        if joined.is_empty() {
            break;
        }
        edges.retain(|e| !joined.contains(&e.0) && !joined.contains(&e.1));
        for &relay in &joined {
            let out = outs.get(&relay).map_or(&[][..], Vec::as_slice);
            if let Some(first) = out.first() {
                folded.insert(relay, Some(first.1));
            }
            for i in ins.get(&relay).map_or(&[][..], Vec::as_slice) {
                for o in out.iter().filter(|o| o.1 != i.0) {
                    // The joined edge is the relay's outgoing hop (the target group's port).
                    edges.insert((i.0, o.1, i.2, o.3.clone().or_else(|| i.3.clone())));
                }
            }
        }
    }
    let gone = |id: &ItemId| relays.contains(id) && folded.get(id).is_some_and(Option::is_some);
    edges.retain(|e| !gone(&e.0) && !gone(&e.1));
    // A firewall port next to a target group's `HTTP 8000` on the same hop would only repeat it;
    // where the hop has no other label, the firewall port stays.
    let strong: BTreeSet<(ItemId, ItemId)> = edges
        .iter()
        .filter(|e| e.2 == EdgeKind::Traffic && e.3.is_some() && !weak.contains(&(e.0, e.1, e.3.clone())))
        .map(|e| (e.0, e.1))
        .collect();
    edges.retain(|e| !(weak.contains(&(e.0, e.1, e.3.clone())) && strong.contains(&(e.0, e.1))));
    items.retain(|id| !folded.get(id).is_some_and(Option::is_some));
    // Not created with default inputs (`count = 0`, `for_each` over nothing): left out, counted.
    let absent: BTreeSet<ItemId> = items.iter().copied().filter(|&id| !created(&model.items[id].instances)).collect();
    items.retain(|id| !absent.contains(id));
    edges.retain(|e| !absent.contains(&e.0) && !absent.contains(&e.1));
    let (identities, lookups) = super::declutter::declutter(model, catalog, classes, &mut items, &mut edges);
    let placement = place(model, catalog, links, classes, &items);
    // A network module zumen cannot look into that became a VPC box is that box, not also a node.
    let boxed = &placement.boxed;
    items.retain(|id| !boxed.contains(id));
    edges.retain(|e| !boxed.contains(&e.0) && !boxed.contains(&e.1));
    let mut d = Diagram { id: "architecture".into(), title: "Architecture".into(), ..Diagram::default() };
    let mut meta = BTreeMap::new();
    for &id in &items {
        let mut n = node(model, catalog, classes, id);
        n.group = placement.of.get(&id).copied();
        let item = &model.items[id];
        meta.insert(n.id.clone(), Meta { module: item.module.clone(), rtype: item.resource_type.clone() });
        d.nodes.push(n);
    }
    d.groups = placement.groups;
    let addr = |id: ItemId| model.items[id].address.clone();
    let mut drawn: Vec<Edge> = edges
        .iter()
        .map(|(f, t, kind, label)| Edge { from: addr(*f), to: addr(*t), kind: *kind, label: label.clone() })
        .collect();
    actors(model, classes, rel, &items, &mut d.nodes, &mut drawn);
    d.edges = merge_edges(drawn);
    let eligible: BTreeSet<String> = items
        .iter()
        .filter(|&&id| classes.spec(id).is_some_and(|s| s.consolidate))
        .map(|&id| model.items[id].address.clone())
        .collect();
    d.omitted = super::declutter::omitted(model, classes, folded, true);
    if identities > 0 {
        d.omitted.push(counted(
            identities,
            "IAM identity shown in the document only",
            "IAM identities shown in the document only",
        ));
    }
    if lookups > 0 {
        d.omitted.push(counted(
            lookups,
            "data source that carries no traffic (a lookup) shown in the document only",
            "data sources that carry no traffic (lookups) shown in the document only",
        ));
    }
    super::lod::consolidate(&mut d, &meta, &eligible);
    (d, meta)
}

/// Actor nodes and their edges: `zumen.toml` actors to what they connect to, and the automatic
/// Internet actor to the first hop of every public entry (a DNS record before its LB) that no
/// actor of the sidecar reaches.
fn actors(
    model: &Model,
    classes: &Classes,
    rel: &Relations,
    items: &[ItemId],
    nodes: &mut Vec<Node>,
    edges: &mut Vec<Edge>,
) {
    let actor = |id: String, label: String, tooltip: String| Node {
        id,
        label,
        sublabel: "External actor".into(),
        category: "actor".into(),
        icon: "actor".into(),
        tooltip,
        ..Node::default()
    };
    let entry: BTreeMap<&str, &String> =
        rel.entry.iter().map(|(&id, label)| (model.items[id].address.as_str(), label)).collect();
    let entry_label = |to: &str| entry.get(to).map(|l| (*l).clone());
    if !model.actors.is_empty() {
        for a in &model.actors {
            let id = format!("actor.{}", a.id);
            let label = a.label.clone().unwrap_or_else(|| a.id.clone());
            nodes.push(actor(id.clone(), label, a.description.clone().unwrap_or_else(|| id.clone())));
            let mut targets = BTreeSet::new();
            for pattern in &a.connects_to {
                for (i, item) in model.items.iter().enumerate() {
                    let hit = item.address == *pattern || crate::model::sidecar::glob_match(pattern, &item.address);
                    if let Some(n) = hit.then(|| classes.node_of(i)).flatten() {
                        targets.insert(model.items[n].address.clone());
                    }
                }
            }
            for t in targets {
                edges.push(Edge { from: id.clone(), label: entry_label(&t), to: t, kind: EdgeKind::Traffic });
            }
        }
    }
    let public = |id: ItemId| {
        classes.spec(id).is_some_and(|s| {
            s.public
                || s.public_unless.as_ref().is_some_and(|a| {
                    !exprs_at(&model.items[id].body, a).first().is_some_and(|e| **e == Expr::Bool(true))
                })
        })
    };
    let mut entries: BTreeSet<String> =
        items.iter().copied().filter(|&i| public(i)).map(|i| model.items[i].address.clone()).collect();
    entries.extend(
        rel.internet
            .iter()
            .filter_map(|&i| classes.node_of(i))
            .filter(|i| items.contains(i))
            .map(|i| model.items[i].address.clone()),
    );
    // Public entries your own actors already reach (directly or downstream of what they connect
    // to) need no Internet actor; the others still get one, so defining a "Developers" actor for
    // the pipeline does not leave the public load balancer with no one in front of it.
    let actor_targets = edges.iter().filter(|e| e.from.starts_with("actor.")).map(|e| e.to.clone());
    let reached = downstream(edges, actor_targets);
    entries.retain(|e| !reached.contains(e));
    if entries.is_empty() {
        return;
    }
    nodes.push(actor(INTERNET.into(), "Internet".into(), "Users and clients on the public internet".into()));
    let mut roots = BTreeSet::new();
    for e in entries {
        roots.extend(first_hops(edges, &e));
    }
    for r in roots {
        edges.push(Edge { from: INTERNET.into(), label: entry_label(&r), to: r, kind: EdgeKind::Traffic });
    }
}

/// The nodes `starts` and everything traffic edges lead to from them.
fn downstream(edges: &[Edge], starts: impl Iterator<Item = String>) -> BTreeSet<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut todo: Vec<String> = starts.collect();
    while let Some(cur) = todo.pop() {
        if !seen.insert(cur.clone()) {
            continue;
        }
        todo.extend(edges.iter().filter(|e| e.from == cur && e.kind == EdgeKind::Traffic).map(|e| e.to.clone()));
    }
    seen
}

/// Walks incoming traffic edges back from `entry` to the nodes nothing sends traffic to.
fn first_hops(edges: &[Edge], entry: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::from([entry.to_string()]);
    let mut todo = vec![entry.to_string()];
    let mut roots = BTreeSet::new();
    while let Some(cur) = todo.pop() {
        let ins: Vec<&Edge> = edges.iter().filter(|e| e.to == cur && e.kind == EdgeKind::Traffic).collect();
        if ins.is_empty() {
            roots.insert(cur.clone());
        }
        for e in ins {
            if seen.insert(e.from.clone()) {
                todo.push(e.from.clone());
            }
        }
    }
    if roots.is_empty() {
        roots.insert(entry.to_string());
    }
    roots
}

/// One edge per (from, to, kind), labels merged (`HTTP 80, HTTPS 443`); a dependency next to a
/// traffic or configuration edge between the same nodes is dropped.
pub(crate) fn merge_edges(edges: Vec<Edge>) -> Vec<Edge> {
    let mut by_key: BTreeMap<(String, String, EdgeKind), BTreeSet<String>> = BTreeMap::new();
    for e in edges.into_iter().filter(|e| e.from != e.to) {
        let labels = by_key.entry((e.from, e.to, e.kind)).or_default();
        labels.extend(e.label);
    }
    let strong: BTreeSet<(String, String)> =
        by_key.keys().filter(|k| k.2 != EdgeKind::Dependency).map(|k| (k.0.clone(), k.1.clone())).collect();
    by_key
        .into_iter()
        .filter(|(k, _)| k.2 != EdgeKind::Dependency || !strong.contains(&(k.0.clone(), k.1.clone())))
        .map(|((from, to, kind), labels)| {
            let label = (!labels.is_empty()).then(|| labels.into_iter().collect::<Vec<_>>().join(", "));
            Edge { from, to, kind, label }
        })
        .collect()
}

//! Security groups as edges (VIEWS.md "The connections that are not references").
//!
//! Part of the relation step. A firewall group (catalog `firewall_group = true`) is worn by every
//! resource that references it. Each rule "group G accepts peer P on port N" — an inline block of
//! G or a separate rule resource, per the catalog's `firewall` entries — becomes traffic from the
//! wearers of P to the wearers of G, labelled with the port. `0.0.0.0/0` ingress marks G's
//! wearers as reachable from the internet.

use super::classify::Classes;
use super::labels::created;
use super::links::{exprs_at, Links};
use super::relations::literal_text;
use crate::catalog::{FirewallRule, TypeKind};
use crate::model::{ItemId, Model};
use crate::syntax::{Body, Expr};
use std::collections::{BTreeMap, BTreeSet};

/// Traffic edges (from, to, port label) and internet-facing items.
#[derive(Debug, Default)]
pub(crate) struct FirewallEdges {
    pub edges: BTreeSet<(ItemId, ItemId, Option<String>)>,
    pub internet: BTreeSet<ItemId>,
}

pub(crate) fn edges(model: &Model, links: &Links, classes: &Classes) -> FirewallEdges {
    let wearers = wearers(links, classes);
    let mut out = FirewallEdges::default();
    // A rule not created with default inputs (`count = 0`) opens nothing.
    for (&id, class) in classes.of.iter().filter(|(&id, _)| created(&model.items[id].instances)) {
        for rule in &class.spec.firewall {
            let bodies: Vec<&Body> = match &rule.block {
                Some(block) => {
                    model.items[id].body.blocks.iter().filter(|b| &b.kind == block).map(|b| &b.body).collect()
                }
                None => vec![&model.items[id].body],
            };
            let groups: Vec<ItemId> = match &rule.group {
                Some(path) => first_exprs(&model.items[id].body, path).flat_map(|e| links.resolve(id, e)).collect(),
                None => vec![id],
            };
            for body in bodies {
                apply(links, id, rule, body, &groups, &wearers, &mut out);
            }
        }
    }
    out
}

fn apply(
    links: &Links,
    id: ItemId,
    rule: &FirewallRule,
    body: &Body,
    groups: &[ItemId],
    wearers: &Wearers,
    out: &mut FirewallEdges,
) {
    let direction = rule
        .direction
        .clone()
        .or_else(|| rule.direction_attribute.as_ref().and_then(|a| first_exprs(body, a).find_map(literal_text)))
        .unwrap_or_else(|| "ingress".to_string());
    let peers: BTreeSet<ItemId> =
        rule.peer.iter().flat_map(|p| first_exprs(body, p)).flat_map(|e| links.resolve(id, e)).collect();
    let open = rule.cidr.iter().flat_map(|c| first_exprs(body, c)).any(is_anywhere);
    let label = port_label(body, rule);
    let empty = BTreeSet::new();
    for group in groups {
        let inside = wearers.of.get(group).unwrap_or(&empty);
        if open && direction == "ingress" {
            out.internet.extend(inside.iter().filter(|w| !wearers.clients.contains(w)));
        }
        // A group admitting itself describes traffic among its own members, not a flow between
        // parts of the architecture; drawn, it would tie every member to every other.
        for peer in peers.iter().filter(|p| *p != group) {
            let outside = wearers.of.get(peer).unwrap_or(&empty);
            let (from, to) = if direction == "egress" { (inside, outside) } else { (outside, inside) };
            for f in from {
                for t in to.iter().filter(|t| *t != f && !wearers.clients.contains(t)) {
                    out.edges.insert((*f, *t, label.clone()));
                }
            }
        }
    }
}

fn first_exprs<'a>(body: &'a Body, path: &str) -> impl Iterator<Item = &'a Expr> {
    exprs_at(body, path).into_iter()
}

/// Who wears each firewall group.
#[derive(Default)]
struct Wearers {
    /// Group → the items wearing it.
    of: BTreeMap<ItemId, BTreeSet<ItemId>>,
    /// Items that wear groups only as launched tasks: they open connections (a migration task
    /// reaching MySQL) but listen for none, so no traffic is drawn into them — a group admitting
    /// the load balancer admits it to the service, not to the one-off task run in the same group.
    clients: BTreeSet<ItemId>,
}

/// Group → the items wearing it: every non-firewall item referencing it, glue mapped to what it
/// folds into (a launch template's groups are worn by its Auto Scaling group), and the
/// `launched_in_groups` items named beside it (see [`launched_wearers`]).
fn wearers(links: &Links, classes: &Classes) -> Wearers {
    let mut out: BTreeMap<ItemId, BTreeSet<ItemId>> = BTreeMap::new();
    for (&group, class) in &classes.of {
        if !class.spec.firewall_group {
            continue;
        }
        for link in links.into(group).iter().filter(|l| !l.path.starts_with("depends_on")) {
            let Some(wearer) = classes.of.get(&link.from) else { continue };
            if wearer.spec.firewall_group || !wearer.spec.firewall.is_empty() || wearer.kind == TypeKind::Container {
                continue;
            }
            if let Some(item) = classes.item_of(link.from) {
                out.entry(group).or_default().insert(item);
            }
        }
    }
    let worn: BTreeSet<ItemId> = out.values().flatten().copied().collect();
    let mut launched = BTreeMap::new();
    launched_wearers(links, classes, &mut launched);
    let clients = launched.values().flatten().copied().filter(|t| !worn.contains(t)).collect();
    for (group, items) in launched {
        out.entry(group).or_default().extend(items);
    }
    Wearers { of: out, clients }
}

/// A one-off ECS task names no security group: whoever launches it does, in the same breath —
/// `aws ecs run-task --task-definition … securityGroups=[…]` in an output, or an EventBridge
/// target's `ecs_target { task_definition_arn, network_configuration { security_groups } }`.
/// So when one attribute of one item (same first path segment) references both a
/// `launched_in_groups` item and a firewall group, the launched item wears the group. Resources
/// are seen through the links; outputs and locals, which the links leave out, through the
/// model's direct references.
fn launched_wearers(links: &Links, classes: &Classes, out: &mut BTreeMap<ItemId, BTreeSet<ItemId>>) {
    let spec = |id: ItemId| classes.of.get(&id).map(|c| &c.spec);
    let is_group = |id: ItemId| spec(id).is_some_and(|s| s.firewall_group);
    let head = |path: &str| path.split('.').next().unwrap_or_default().to_string();
    // Most roots run no task definition on its own: skip indexing every reference then.
    if !classes.of.keys().any(|&id| spec(id).is_some_and(|s| s.launched_in_groups)) {
        return;
    }
    // (launcher, attribute) → what that attribute references.
    let mut named: BTreeMap<(ItemId, String), BTreeSet<ItemId>> = BTreeMap::new();
    for r in &links.model().references {
        named.entry((r.from, head(&r.attribute))).or_default().insert(r.to);
    }
    for (&id, _) in classes.of.iter().filter(|(&id, _)| spec(id).is_some_and(|s| s.launched_in_groups)) {
        for link in links.into(id).iter().filter(|l| !l.path.starts_with("depends_on")) {
            named
                .entry((link.from, head(&link.path)))
                .or_default()
                .extend(links.from(link.from).iter().filter(|l| head(&l.path) == head(&link.path)).map(|l| l.to));
        }
    }
    for targets in named.values() {
        let launched: Vec<ItemId> = targets
            .iter()
            .filter(|&&t| spec(t).is_some_and(|s| s.launched_in_groups))
            .filter_map(|&t| classes.item_of(t))
            .collect();
        if launched.is_empty() {
            continue;
        }
        for &group in targets.iter().filter(|&&t| is_group(t)) {
            out.entry(group).or_default().extend(launched.iter().copied());
        }
    }
}

/// `0.0.0.0/0` or `::/0`, as a string or inside a list.
fn is_anywhere(expr: &Expr) -> bool {
    match expr {
        Expr::String(s) => s == "0.0.0.0/0" || s == "::/0",
        Expr::List(items) => items.iter().any(is_anywhere),
        _ => false,
    }
}

/// `3306`, `8000-8080`; `None` when the ports are not literal, or are every port (`-1`,
/// `0-65535`): a label saying "all" tells the reader nothing about the hop.
fn port_label(body: &Body, rule: &FirewallRule) -> Option<String> {
    let number = |path: &str| first_exprs(body, path).find_map(literal_text).and_then(|t| t.parse::<i64>().ok());
    let protocol = first_exprs(body, &rule.protocol).find_map(literal_text).unwrap_or_default();
    if protocol == "-1" || protocol == "all" {
        return None;
    }
    match (number(&rule.from_port), number(&rule.to_port)) {
        (Some(0), Some(0) | Some(65535)) | (Some(-1), _) | (_, Some(-1)) => None,
        (Some(a), Some(b)) if a == b => Some(a.to_string()),
        (Some(a), Some(b)) => Some(format!("{a}-{b}")),
        (Some(a), None) | (None, Some(a)) => Some(a.to_string()),
        (None, None) => None,
    }
}

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
    wearers: &BTreeMap<ItemId, BTreeSet<ItemId>>,
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
        let inside = wearers.get(group).unwrap_or(&empty);
        if open && direction == "ingress" {
            out.internet.extend(inside);
        }
        // A group admitting itself describes traffic among its own members, not a flow between
        // parts of the architecture; drawn, it would tie every member to every other.
        for peer in peers.iter().filter(|p| *p != group) {
            let outside = wearers.get(peer).unwrap_or(&empty);
            let (from, to) = if direction == "egress" { (inside, outside) } else { (outside, inside) };
            for f in from {
                for t in to.iter().filter(|t| *t != f) {
                    out.edges.insert((*f, *t, label.clone()));
                }
            }
        }
    }
}

fn first_exprs<'a>(body: &'a Body, path: &str) -> impl Iterator<Item = &'a Expr> {
    exprs_at(body, path).into_iter()
}

/// Group → the items wearing it: every non-firewall item referencing it, glue mapped to what it
/// folds into (a launch template's groups are worn by its Auto Scaling group).
fn wearers(links: &Links, classes: &Classes) -> BTreeMap<ItemId, BTreeSet<ItemId>> {
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
    out
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

//! Resource-level relations: traffic, configuration and leftover dependencies between items.
//!
//! Third step of the analyze stage. Interprets the catalog's `flow` rules (direction and kind per
//! attribute path), glue `edge` rules (a listener is the LB → target group edge) and firewall
//! rules ("group X may reach group Y on port P" becomes edges between the resources wearing X and
//! Y, see [`super::firewall`]). A reference no rule explains becomes a [`EdgeKind::Dependency`].
//!
//! Ports land on the hop they describe: a listener's `protocol`/`port` (`listen`) labels the
//! traffic *into* its load balancer (clients reach the LB on HTTPS 443); a target group's
//! (`forward_label`) labels the traffic it sends on (LB → tasks on HTTP 8000). Glue that is not
//! created with default inputs (`count = 0`, `for_each` over nothing) contributes nothing.

use super::classify::Classes;
use super::firewall;
use super::labels::created;
use super::links::{exprs_at, path_matches, Links};
use super::{Connection, EdgeKind};
use crate::catalog::{FlowDirection, FlowKind, TypeKind};
use crate::model::{ItemId, Model};
use crate::syntax::Expr;
use std::collections::{BTreeMap, BTreeSet};

/// What the relation step found.
#[derive(Debug, Default)]
pub(crate) struct Relations {
    /// Sorted, deduplicated, endpoints are non-glue items.
    pub connections: Vec<Connection>,
    /// Connections also drawn in the responsibilities view (service `runs` task definition).
    pub responsibilities: BTreeSet<(ItemId, ItemId)>,
    /// Items reachable from the internet (`0.0.0.0/0` ingress on a group they wear).
    pub internet: BTreeSet<ItemId>,
    /// Connections that come from firewall rules only. Their port label is weaker evidence than
    /// a listener's: the view drops them where a labelled traffic edge says more.
    pub firewall: BTreeSet<(ItemId, ItemId, Option<String>)>,
    /// Items with listeners → what clients reach them on (`HTTPS 443, HTTP 80→443`): the label
    /// of every traffic edge into them, actors' included.
    pub entry: BTreeMap<ItemId, String>,
}

pub(crate) fn relations(model: &Model, links: &Links, classes: &Classes) -> Relations {
    let mut rel = Relations::default();
    let mut found: BTreeSet<(ItemId, ItemId, EdgeKind, Option<String>)> = BTreeSet::new();
    let add = |found: &mut BTreeSet<(ItemId, ItemId, EdgeKind, Option<String>)>,
               rel: &mut Relations,
               from: ItemId,
               to: ItemId,
               kind: EdgeKind,
               label: Option<String>,
               resp: bool| {
        let (Some(f), Some(t)) = (classes.item_of(from), classes.item_of(to)) else { return };
        if f != t {
            found.insert((f, t, kind, label));
            if resp {
                rel.responsibilities.insert((f, t));
            }
        }
    };
    // Glue that does not exist with default inputs says nothing about the architecture.
    let absent_glue = |id: ItemId| classes.kind(id) == Some(TypeKind::Glue) && !created(&model.items[id].instances);
    for (&id, class) in classes.of.iter().filter(|(&id, _)| !absent_glue(id)) {
        let spec = &class.spec;
        for rule in &spec.flow {
            for to in links.targets(id, &rule.attribute) {
                let target_cat = classes.spec(to).map_or("", |s| s.category.as_str());
                let kind = if rule.kind == FlowKind::Traffic || rule.traffic_to.iter().any(|c| c == target_cat) {
                    EdgeKind::Traffic
                } else {
                    EdgeKind::Config
                };
                let (f, t) = match rule.direction {
                    FlowDirection::Out => (id, to),
                    FlowDirection::In => (to, id),
                };
                add(&mut found, &mut rel, f, t, kind, rule.label.clone(), rule.responsibilities);
            }
        }
        if let Some(edge) = &spec.edge {
            let label = literal_label(&model.items[id].body, &edge.label);
            let kind = if edge.kind == FlowKind::Traffic { EdgeKind::Traffic } else { EdgeKind::Config };
            for f in links.targets(id, &edge.from) {
                for t in links.targets(id, &edge.to) {
                    add(&mut found, &mut rel, f, t, kind, label.clone(), false);
                }
            }
        }
    }
    let fw = firewall::edges(model, links, classes);
    for (f, t, label) in fw.edges {
        if let (Some(f), Some(t)) = (classes.item_of(f), classes.item_of(t)) {
            if !found.contains(&(f, t, EdgeKind::Traffic, label.clone())) {
                rel.firewall.insert((f, t, label.clone()));
            }
        }
        add(&mut found, &mut rel, f, t, EdgeKind::Traffic, label, false);
    }
    // A category guess never contradicts a rule: no opaque edge against an edge already found
    // (a Lambda module naming the event rule that triggers it is not Lambda → rule).
    let mut guessed = Vec::new();
    opaque_flows(links, classes, &mut |f, t| guessed.push((f, t)));
    for (f, t) in guessed {
        let (Some(fi), Some(ti)) = (classes.item_of(f), classes.item_of(t)) else { continue };
        if !found.iter().any(|c| c.0 == ti && c.1 == fi) {
            add(&mut found, &mut rel, f, t, EdgeKind::Traffic, None, false);
        }
    }
    rel.internet = fw.internet;
    rel.entry = entry_labels(model, links, classes, &absent_glue);
    found = found
        .into_iter()
        .map(|(f, t, kind, label)| {
            if kind != EdgeKind::Traffic {
                return (f, t, kind, label);
            }
            if let Some(entry) = rel.entry.get(&t) {
                return (f, t, kind, Some(entry.clone()));
            }
            let forward = || classes.spec(f).and_then(|s| resolved_label(links, f, &s.forward_label));
            (f, t, kind, label.or_else(forward))
        })
        .collect();
    // A listener's label is better evidence than a firewall port on the same hop.
    rel.firewall.retain(|(_, t, _)| !rel.entry.contains_key(t));
    // Leftover references between two nodes: kept as dependencies when no rule explains them.
    for (&id, class) in &classes.of {
        if class.kind == TypeKind::Glue || class.kind == TypeKind::Hidden {
            continue;
        }
        for link in links.from(id) {
            if explained(classes, id, &link.path, link.to) {
                continue;
            }
            let target_kind = classes.kind(link.to);
            if matches!(target_kind, Some(TypeKind::Node | TypeKind::Detail)) {
                add(&mut found, &mut rel, id, link.to, EdgeKind::Dependency, None, false);
            }
        }
    }
    // A dependency already covered by a traffic/config connection is noise.
    let covered: BTreeSet<(ItemId, ItemId)> =
        found.iter().filter(|c| c.2 != EdgeKind::Dependency).flat_map(|c| [(c.0, c.1), (c.1, c.0)]).collect();
    rel.connections = found
        .into_iter()
        .filter(|c| c.2 != EdgeKind::Dependency || !covered.contains(&(c.0, c.1)))
        .map(|(from, to, kind, label)| Connection { from, to, kind, label })
        .collect();
    rel
}

/// References to or from a module call zumen cannot look into, which no rule explains, read by
/// category through the catalog's `opaque_flow` (an ECS service module naming the ALB module's
/// target group is ALB → service traffic). Calls `traffic(from, to)` for each.
fn opaque_flows(links: &Links, classes: &Classes, traffic: &mut dyn FnMut(ItemId, ItemId)) {
    if classes.opaque.is_empty() {
        return;
    }
    let category =
        |id: ItemId| classes.opaque.get(&id).cloned().or_else(|| classes.spec(id).map(|s| s.category.clone()));
    for &id in classes.of.keys() {
        for link in links.from(id).iter().filter(|l| !l.path.starts_with("depends_on")) {
            let touches_opaque = classes.opaque.contains_key(&id) || classes.opaque.contains_key(&link.to);
            if !touches_opaque || explained(classes, id, &link.path, link.to) {
                continue;
            }
            let (Some(from), Some(to)) = (category(id), category(link.to)) else { continue };
            let rule = classes.opaque_flow.iter().find(|r| r.referrer.contains(&from) && r.target.contains(&to));
            match rule.map(|r| r.direction) {
                Some(FlowDirection::Out) => traffic(id, link.to),
                Some(FlowDirection::In) => traffic(link.to, id),
                None => {}
            }
        }
    }
}

/// What clients reach each listened-for item on: its listeners' labels, plain ones first
/// (`HTTPS 443, HTTP 80→443`).
fn entry_labels(
    model: &Model,
    links: &Links,
    classes: &Classes,
    absent: &dyn Fn(ItemId) -> bool,
) -> BTreeMap<ItemId, String> {
    let mut by_item: BTreeMap<ItemId, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for (&id, class) in classes.of.iter().filter(|(&id, _)| !absent(id)) {
        let Some(listen) = &class.spec.listen else { continue };
        let body = &model.items[id].body;
        let Some(label) = resolved_label(links, id, &listen.label) else { continue };
        let to =
            listen.redirect.as_ref().and_then(|r| exprs_at(body, r).first().and_then(|e| value_text(links, id, e, 0)));
        for on in links.targets(id, &listen.on).into_iter().filter_map(|t| classes.item_of(t)) {
            let labels = by_item.entry(on).or_default();
            match &to {
                Some(port) => labels.1.insert(format!("{label}\u{2192}{port}")),
                None => labels.0.insert(label.clone()),
            };
        }
    }
    by_item
        .into_iter()
        .map(|(id, (plain, redirects))| (id, plain.into_iter().chain(redirects).collect::<Vec<_>>().join(", ")))
        .collect()
}

/// True when a catalog rule of `from`'s type already accounts for the reference at `path`.
fn explained(classes: &Classes, from: ItemId, path: &str, to: ItemId) -> bool {
    let Some(spec) = classes.spec(from) else { return true };
    let by_rule = spec.flow.iter().any(|r| path_matches(path, &r.attribute))
        || spec.contained_by.iter().chain(&spec.fold_into).any(|p| path_matches(path, p))
        || spec.edge.as_ref().is_some_and(|e| path_matches(path, &e.from) || path_matches(path, &e.to))
        || spec.listen.as_ref().is_some_and(|l| path_matches(path, &l.on));
    let target = classes.of.get(&to);
    let structural = target.is_some_and(|t| t.spec.firewall_group || t.kind == TypeKind::Container);
    by_rule || structural || classes.fold.get(&to).copied().flatten() == Some(from)
}

/// Like [`literal_label`], following `var.x` and `local.x` to their values with default inputs:
/// a module call's argument, else the variable's default (`port = var.backend_port` → `8000`).
/// `None` unless every attribute present has a value.
fn resolved_label(links: &Links, id: ItemId, attributes: &[String]) -> Option<String> {
    let body = &links.model().items[id].body;
    let mut parts = Vec::new();
    for a in attributes {
        let Some(expr) = exprs_at(body, a).into_iter().next() else { continue };
        parts.push(value_text(links, id, expr, 0)?);
    }
    parts.retain(|p| !p.is_empty());
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The literal value of `expr` as seen from item `from`, through variables, module call
/// arguments and locals (a few levels).
fn value_text(links: &Links, from: ItemId, expr: &Expr, depth: usize) -> Option<String> {
    if let Some(text) = literal_text(expr) {
        return Some(text);
    }
    let Expr::Ref(r) = expr else { return None };
    let name = r.attr(0).filter(|_| r.steps.len() == 1 && depth < 6)?;
    let model = links.model();
    let module = model.items.get(from)?.module.as_str();
    let prefix = if module.is_empty() { String::new() } else { format!("{module}.") };
    match r.root.as_str() {
        "var" => {
            let var = links.find(&format!("{prefix}var.{name}"))?;
            // The caller's argument wins over the default; an argument that is not a literal,
            // variable or local leaves the value unknown.
            if let Some(call) = (!module.is_empty()).then(|| links.find(module)).flatten() {
                if let Some(arg) = model.items[call].attr(name) {
                    return value_text(links, call, arg, depth + 1);
                }
            }
            value_text(links, var, model.items[var].attr("default")?, depth + 1)
        }
        "local" => {
            let local = links.find(&format!("{prefix}local.{name}"))?;
            value_text(links, local, model.items[local].attr("value")?, depth + 1)
        }
        _ => None,
    }
}

/// Joins the literal values of `attributes` (`HTTPS 443`); `None` when none is literal.
pub(crate) fn literal_label(body: &crate::syntax::Body, attributes: &[String]) -> Option<String> {
    let parts: Vec<String> =
        attributes.iter().filter_map(|a| exprs_at(body, a).first().and_then(|e| literal_text(e))).collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The text of a literal string, number or boolean.
pub(crate) fn literal_text(expr: &Expr) -> Option<String> {
    match expr {
        Expr::String(s) => Some(s.clone()),
        Expr::Number(_) | Expr::Bool(_) => Some(expr.to_string()),
        Expr::Template(parts) => {
            let mut out = String::new();
            for p in parts {
                match p {
                    crate::syntax::TemplatePart::Literal(s) => out.push_str(s),
                    _ => return None,
                }
            }
            Some(out)
        }
        Expr::Paren(e) => literal_text(e),
        _ => None,
    }
}

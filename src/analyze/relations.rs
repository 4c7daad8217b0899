//! Resource-level relations: traffic, configuration and leftover dependencies between items.
//!
//! Third step of the analyze stage. Interprets the catalog's `flow` rules (direction and kind per
//! attribute path), glue `edge` rules (a listener is the LB → target group edge) and firewall
//! rules ("group X may reach group Y on port P" becomes edges between the resources wearing X and
//! Y, see [`super::firewall`]). A reference no rule explains becomes a [`EdgeKind::Dependency`].

use super::classify::Classes;
use super::firewall;
use super::links::{exprs_at, path_matches, Links};
use super::{Connection, EdgeKind};
use crate::catalog::{FlowDirection, FlowKind, TypeKind};
use crate::model::{ItemId, Model};
use crate::syntax::Expr;
use std::collections::BTreeSet;

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
    for (&id, class) in &classes.of {
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
    rel.internet = fw.internet;
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

/// True when a catalog rule of `from`'s type already accounts for the reference at `path`.
fn explained(classes: &Classes, from: ItemId, path: &str, to: ItemId) -> bool {
    let Some(spec) = classes.spec(from) else { return true };
    let by_rule = spec.flow.iter().any(|r| path_matches(path, &r.attribute))
        || spec.contained_by.iter().chain(&spec.fold_into).any(|p| path_matches(path, p))
        || spec.edge.as_ref().is_some_and(|e| path_matches(path, &e.from) || path_matches(path, &e.to));
    let target = classes.of.get(&to);
    let structural = target.is_some_and(|t| t.spec.firewall_group || t.kind == TypeKind::Container);
    by_rule || structural || classes.fold.get(&to).copied().flatten() == Some(from)
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

//! How an item looks as a diagram node: short label, type sublabel, `×N` badge, link, tooltip.
//!
//! Shared by both views of the analyze stage.

use super::classify::Classes;
use super::links::exprs_at;
use super::relations::literal_text;
use super::{Diagram, Node};
use crate::catalog::Catalog;
use crate::model::{anchor, Instances, ItemId, Model};
use std::collections::{BTreeMap, BTreeSet};

/// Longest node label before it is cut with `…`; longer names make boxes unreadably wide.
const MAX_LABEL: usize = 32;

/// The node's name: the first literal label attribute of its type (`name`, `bucket`, `family`),
/// else the resource name.
pub(crate) fn display_name(model: &Model, _catalog: &Catalog, classes: &Classes, id: ItemId) -> String {
    let item = &model.items[id];
    let named = classes.spec(id).and_then(|spec| {
        spec.label_attributes.iter().find_map(|a| exprs_at(&item.body, a).first().and_then(|e| literal_text(e)))
    });
    shorten(named.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| fallback_name(&item.name, &item.module)))
}

/// Names that only say "the one in this module"; the module's name says more.
const GENERIC_NAMES: &[&str] = &["this", "main", "default", "self", "current"];

/// The innermost call's name of a module path: `module.app.module.db` → `db`, `""` → `""`.
fn module_name(module: &str) -> &str {
    module.rsplit("module.").next().unwrap_or("").trim_end_matches('.')
}

/// `module.database` + `aws_db_instance.this` → `database`.
fn fallback_name(name: &str, module: &str) -> String {
    let module_name = module_name(module);
    if GENERIC_NAMES.contains(&name) && !module_name.is_empty() {
        module_name.to_string()
    } else {
        name.to_string()
    }
}

/// Nodes of one view that would read alike (same label, same type line) get what tells them
/// apart on the type line: the name of the module each is in, else its resource name. Two `alb`
/// load balancers of `module.alb_server` and `module.alb_client` read `alb_server · Application
/// Load Balancer` and `alb_client · …` under their name (unless each is drawn in its own module
/// box, whose title says it already); a reader should never have to hover to know which is which.
/// The type line, not the name, takes the qualifier so the name keeps its full 32 characters,
/// and it comes first because the renderer cuts a long type line at its end.
pub(crate) fn disambiguate(diagram: &mut Diagram, model: &Model) {
    let mut alike: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, node) in diagram.nodes.iter().enumerate() {
        alike.entry((node.label.clone(), node.sublabel.clone())).or_default().push(i);
    }
    for members in alike.into_values().filter(|m| m.len() > 1) {
        // Nodes drawn in different module boxes are told apart by the boxes' titles already.
        let boxes: BTreeSet<Option<&str>> =
            members.iter().map(|&i| module_box(diagram, diagram.nodes[i].group)).collect();
        if boxes.len() == members.len() && !boxes.contains(&None) {
            continue;
        }
        let items: Option<Vec<ItemId>> = members.iter().map(|&i| model.find(&diagram.nodes[i].id)).collect();
        // Collapsed nodes (`×N` by module or type) are not items; they already differ by count.
        let Some(items) = items else { continue };
        let by_module: Vec<String> = items.iter().map(|&id| module_name(&model.items[id].module).to_string()).collect();
        let by_name: Vec<String> = items.iter().map(|&id| model.items[id].name.clone()).collect();
        let distinct =
            |q: &[String]| q.iter().all(|x| !x.is_empty()) && q.iter().collect::<BTreeSet<_>>().len() == q.len();
        let qualifiers = if distinct(&by_module) {
            by_module
        } else if distinct(&by_name) {
            by_name
        } else {
            continue;
        };
        for (&i, qualifier) in members.iter().zip(qualifiers) {
            let node = &mut diagram.nodes[i];
            node.sublabel = if node.sublabel.is_empty() {
                shorten(qualifier)
            } else {
                format!("{} · {}", shorten(qualifier), node.sublabel)
            };
        }
    }
}

/// The title of the innermost module box around a node, if any.
fn module_box(diagram: &Diagram, mut group: Option<usize>) -> Option<&str> {
    for _ in 0..diagram.groups.len() {
        let g = diagram.groups.get(group?)?;
        if g.class == "module" {
            return Some(g.label.as_str());
        }
        group = g.parent;
    }
    None
}

fn shorten(text: String) -> String {
    if text.chars().count() <= MAX_LABEL {
        return text;
    }
    let mut out: String = text.chars().take(MAX_LABEL - 1).collect();
    out.push('…');
    out
}

/// Whether the item exists with default inputs: not `count = 0`, not `for_each` over nothing.
/// Items that do not are left out of the diagrams and counted in their `omitted` lines.
pub(crate) fn created(instances: &Instances) -> bool {
    match instances {
        Instances::Count { value: Some(0), .. } => false,
        Instances::ForEach { keys: Some(keys), .. } => !keys.is_empty(),
        _ => true,
    }
}

/// `×3`, `×N` (unknown), `0..1` (conditional), `None` for one instance.
pub(crate) fn badge(instances: &Instances) -> Option<String> {
    match instances {
        Instances::Single => None,
        Instances::Count { expr, value } => {
            let conditional = expr.contains('?');
            match value {
                Some(0) => Some("0..1".to_string()),
                Some(1) if conditional => Some("0..1".to_string()),
                Some(1) => None,
                Some(n) => Some(format!("×{n}")),
                None if conditional && (expr.contains(": 0") || expr.contains(":0")) => Some("0..1".to_string()),
                None => Some("×N".to_string()),
            }
        }
        Instances::ForEach { keys: Some(keys), .. } if keys.len() == 1 => None,
        Instances::ForEach { keys: Some(keys), .. } => Some(format!("×{}", keys.len())),
        Instances::ForEach { keys: None, .. } => Some("×N".to_string()),
    }
}

/// The node for one item (resource, data source, detail or opaque module call).
pub(crate) fn node(model: &Model, catalog: &Catalog, classes: &Classes, id: ItemId) -> Node {
    let item = &model.items[id];
    let spec = classes.spec(id);
    let kind_text = if item.resource_type.is_empty() { "module".to_string() } else { item.resource_type.clone() };
    Node {
        id: item.address.clone(),
        label: display_name(model, catalog, classes, id),
        sublabel: spec.map_or_else(String::new, |s| s.label.clone()),
        category: spec.map_or_else(|| "generic".to_string(), |s| s.category.clone()),
        icon: spec.map_or_else(|| "generic".to_string(), |s| s.icon().to_string()),
        badge: badge(&item.instances),
        group: None,
        link: Some(format!("#{}", anchor(&item.address))),
        tooltip: format!("{} ({kind_text})", item.address),
    }
}

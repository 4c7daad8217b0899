//! How an item looks as a diagram node: short label, type sublabel, `×N` badge, link, tooltip.
//!
//! Shared by both views of the analyze stage.

use super::classify::Classes;
use super::links::exprs_at;
use super::relations::literal_text;
use super::Node;
use crate::catalog::Catalog;
use crate::model::{anchor, Instances, ItemId, Model};

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

/// `module.database` + `aws_db_instance.this` → `database`.
fn fallback_name(name: &str, module: &str) -> String {
    let module_name = module.rsplit("module.").next().unwrap_or("").trim_end_matches('.');
    if GENERIC_NAMES.contains(&name) && !module_name.is_empty() {
        module_name.to_string()
    } else {
        name.to_string()
    }
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

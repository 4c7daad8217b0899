//! Roles: which responsibility each item carries, and how that was decided.
//!
//! Part of the analyze stage, before the responsibilities view. Precedence (VIEWS.md): an
//! annotation (`@role` or the sidecar) > usage (catalog `usage`: a task definition run by a
//! service is resident, one no service runs is one-off) > the catalog (the type's `role`, else
//! its category's). An expanded module call takes the most common role of its resources.

use super::classify::Classes;
use super::links::{path_matches, Links};
use super::{RoleAssignment, RoleSource};
use crate::catalog::{Catalog, TypeKind};
use crate::model::{ItemId, ItemKind, Model, RoleDef};
use std::collections::BTreeMap;

/// Default vocabulary merged with `zumen.toml`: the sidecar relabels, reorders and adds roles.
/// Sorted by `order` (defaults 1–10, `other` 100; new roles without an order after the defaults).
pub(crate) fn role_defs(model: &Model) -> Vec<RoleDef> {
    let mut defs: Vec<RoleDef> = crate::roles::DEFAULT_ROLES
        .iter()
        .enumerate()
        .map(|(i, r)| RoleDef {
            id: r.id.to_string(),
            label: Some(r.label.to_string()),
            description: Some(r.description.to_string()),
            order: Some(if r.id == "other" { 100 } else { i as i64 + 1 }),
        })
        .collect();
    for custom in &model.roles {
        match defs.iter_mut().find(|d| d.id == custom.id) {
            Some(d) => {
                d.label = custom.label.clone().or(d.label.take());
                d.description = custom.description.clone().or(d.description.take());
                d.order = custom.order.or(d.order);
            }
            None => defs.push(RoleDef { order: custom.order.or(Some(50)), ..custom.clone() }),
        }
    }
    // Stable sort: equal orders keep the vocabulary's order, then the sidecar's.
    defs.sort_by_key(|d| d.order.unwrap_or(50));
    defs
}

/// The role of every resource, data source and module call.
pub(crate) fn assign(
    model: &Model,
    catalog: &Catalog,
    links: &Links,
    classes: &Classes,
    defs: &[RoleDef],
) -> BTreeMap<ItemId, RoleAssignment> {
    let mut roles = BTreeMap::new();
    let mut modules = Vec::new();
    for (&id, class) in &classes.of {
        let item = &model.items[id];
        if let Some(role) = &item.annotation.role {
            roles.insert(id, RoleAssignment { role: role.clone(), source: RoleSource::Annotation, reason: None });
        } else if let Some(usage) = &class.spec.usage {
            let (ty, attr) = usage.used_by.split_once('.').unwrap_or((usage.used_by.as_str(), ""));
            let mut users: Vec<&str> = links
                .into(id)
                .iter()
                .filter(|l| model.items[l.from].resource_type == ty && (attr.is_empty() || path_matches(&l.path, attr)))
                .map(|l| model.items[l.from].address.as_str())
                .collect();
            users.dedup();
            let assignment = if users.is_empty() {
                RoleAssignment {
                    role: usage.unused_role.clone(),
                    source: RoleSource::Usage,
                    reason: Some(usage.unused_reason.replace("{type}", ty)),
                }
            } else {
                RoleAssignment {
                    role: usage.role.clone(),
                    source: RoleSource::Usage,
                    reason: Some(format!("run by {}", users.join(", "))),
                }
            };
            roles.insert(id, assignment);
        } else if item.kind == ItemKind::Module && class.kind == TypeKind::Container {
            modules.push(id);
        } else {
            let reason = if class.spec.guessed {
                format!("category {} guessed from the name", class.spec.category)
            } else {
                format!("{} ({})", class.spec.label, class.spec.category)
            };
            roles.insert(
                id,
                RoleAssignment {
                    role: catalog.default_role(&class.spec),
                    source: RoleSource::Catalog,
                    reason: Some(reason),
                },
            );
        }
    }
    // Deepest modules first, so a parent module sees its children's roles.
    modules.sort_by_key(|&id| std::cmp::Reverse(model.items[id].address.matches("module.").count()));
    for id in modules {
        let own = &model.items[id].address;
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (other, a) in &roles {
            if model.items[*other].module == *own {
                *counts.entry(a.role.as_str()).or_default() += 1;
            }
        }
        let order = |r: &str| defs.iter().position(|d| d.id == r).unwrap_or(usize::MAX);
        let best =
            counts.iter().max_by(|a, b| a.1.cmp(b.1).then(order(b.0).cmp(&order(a.0)))).map(|(r, _)| r.to_string());
        let (role, reason) = match best {
            Some(r) => (r.clone(), format!("most of its resources are {r}")),
            None => ("other".to_string(), "no resources to infer from".to_string()),
        };
        roles.insert(id, RoleAssignment { role, source: RoleSource::Usage, reason: Some(reason) });
    }
    roles
}

//! Roles in the document: which definitions apply, the role shown for each item (and whether it
//! was inferred), and the grouping of sections by role that both documents follow.
//!
//! Part of the doc stage's [`super::context::DocContext`]; strings are cleaned, not escaped.

use super::context::{non_empty, SectionGroup};
use super::escape::clean;
use super::section::Section;
use crate::analyze::{Analysis, RoleSource};
use crate::model::{anchor, ItemId, Model, RoleDef};

/// The role of an item and how it was decided.
pub struct RoleView {
    pub id: String,
    pub label: String,
    /// `@role`, `zumen.toml`, `annotated` (either), `inferred from usage`, `inferred from catalog`.
    pub how: &'static str,
    pub inferred: bool,
    pub reason: Option<String>,
}

/// The role definitions in display order: the analysis's (defaults merged with `zumen.toml`), or
/// when the analysis has none, the sidecar's own sorted by `order` then id.
pub fn role_defs(model: &Model, analysis: &Analysis) -> Vec<RoleDef> {
    if !analysis.role_defs.is_empty() {
        return analysis.role_defs.clone();
    }
    let mut defs = model.roles.clone();
    defs.sort_by(|a, b| (a.order.unwrap_or(i64::MAX), &a.id).cmp(&(b.order.unwrap_or(i64::MAX), &b.id)));
    defs
}

/// The label shown for a role id: its definition's label, else the id.
pub fn role_label(defs: &[RoleDef], id: &str) -> String {
    defs.iter().find(|d| d.id == id).and_then(|d| non_empty(d.label.as_deref())).unwrap_or_else(|| clean(id))
}

pub fn role_view(model: &Model, analysis: &Analysis, defs: &[RoleDef], id: ItemId) -> Option<RoleView> {
    let (role, how, inferred, reason) = match analysis.roles.get(&id) {
        Some(a) => {
            let (how, inferred) = match a.source {
                RoleSource::Annotation => ("@role", false),
                RoleSource::Sidecar => ("zumen.toml", false),
                RoleSource::Usage => ("inferred from usage", true),
                RoleSource::Catalog => ("inferred from catalog", true),
            };
            (a.role.clone(), how, inferred, a.reason.clone())
        }
        // The analysis did not decide (or has not run): an annotated role still counts. The model
        // has merged `@role` and `zumen.toml` by then, so the wording names neither.
        None => (model.items.get(id)?.annotation.role.clone()?, "annotated", false, None),
    };
    Some(RoleView {
        label: role_label(defs, &role),
        id: clean(&role),
        how,
        inferred,
        reason: non_empty(reason.as_deref()),
    })
}

/// Groups sections by role: defined roles in their display order, then other roles by id, then
/// the items with no role. Within a group, model order.
pub fn group_by_role(sections: Vec<(Option<String>, Section)>, defs: &[RoleDef]) -> Vec<SectionGroup> {
    let mut order: Vec<String> = defs.iter().map(|d| clean(&d.id)).collect();
    let mut extra: Vec<String> =
        sections.iter().filter_map(|(r, _)| r.clone()).filter(|r| !order.contains(r)).collect();
    extra.sort();
    extra.dedup();
    order.extend(extra);
    let mut groups: Vec<SectionGroup> = order
        .iter()
        .map(|id| SectionGroup {
            role: Some(id.clone()),
            title: role_label(defs, id),
            anchor: anchor(&format!("role-{id}")),
            description: defs.iter().find(|d| d.id == *id).and_then(|d| non_empty(d.description.as_deref())),
            sections: Vec::new(),
        })
        .collect();
    let mut other = SectionGroup {
        role: None,
        title: "Other resources".into(),
        anchor: "role-none".into(),
        description: None,
        sections: Vec::new(),
    };
    for (role, s) in sections {
        match role.and_then(|r| order.iter().position(|o| *o == r)) {
            Some(i) => groups[i].sections.push(s),
            None => other.sections.push(s),
        }
    }
    groups.push(other);
    groups.retain(|g| !g.sections.is_empty());
    groups
}

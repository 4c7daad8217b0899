//! What the architecture overview leaves out, and saying so.
//!
//! Part of the architecture view (and, for [`omitted`], the responsibilities view). The overview
//! is about traffic inside containment (VIEWS.md "Three kinds of relation"); the catalog decides
//! what would only clutter it:
//! - types marked `skip_overview` (IAM roles, users, OIDC providers) are not nodes — their
//!   configuration edges fanned across the whole picture; the responsibilities view and the
//!   document keep them;
//! - configuration edges are drawn only into the categories of `overview_config_to` (secret
//!   read, image pulled, log written), and only when both ends are drawn;
//! - data sources are drawn only when they carry traffic (a looked-up zone records alias into is
//!   a lookup, an AMI id always is).

use super::classify::Classes;
use super::labels::created;
use super::EdgeKind;
use crate::catalog::{Catalog, TypeKind};
use crate::model::{ItemId, ItemKind, Model};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) type Edges = BTreeSet<(ItemId, ItemId, EdgeKind, Option<String>)>;

/// Keeps the overview about traffic (VIEWS.md "Three kinds of relation"): drops identities the
/// catalog marks `skip_overview`, configuration edges except into the catalog's
/// `overview_config_to` categories, and data sources with no traffic edge. Returns how many
/// identities and data sources it left out.
pub(crate) fn declutter(
    model: &Model,
    catalog: &Catalog,
    classes: &Classes,
    items: &mut Vec<ItemId>,
    edges: &mut Edges,
) -> (usize, usize) {
    let category = |id: ItemId| classes.spec(id).map_or("generic", |s| s.category.as_str());
    edges.retain(|e| e.2 != EdgeKind::Config || catalog.overview_config_to.iter().any(|c| c == category(e.1)));
    let skipped: BTreeSet<ItemId> =
        items.iter().copied().filter(|&id| classes.spec(id).is_some_and(|s| s.skip_overview)).collect();
    edges.retain(|e| !skipped.contains(&e.0) && !skipped.contains(&e.1));
    let carries: BTreeSet<ItemId> =
        edges.iter().filter(|e| e.2 == EdgeKind::Traffic).flat_map(|e| [e.0, e.1]).collect();
    let lookups: BTreeSet<ItemId> =
        items.iter().copied().filter(|&id| model.items[id].kind == ItemKind::Data && !carries.contains(&id)).collect();
    edges.retain(|e| !lookups.contains(&e.0) && !lookups.contains(&e.1));
    items.retain(|id| !skipped.contains(id) && !lookups.contains(id));
    (skipped.len(), lookups.len())
}

/// What the view leaves out, for the document.
pub(crate) fn omitted(
    model: &Model,
    classes: &Classes,
    folded: &BTreeMap<ItemId, Option<ItemId>>,
    boxes_drawn: bool,
) -> Vec<String> {
    let count = |f: &dyn Fn(ItemId) -> bool| classes.of.keys().filter(|&&id| f(id)).count();
    let glue = folded.keys().count();
    let hidden = count(&|id| classes.of.get(&id).is_some_and(|c| c.hidden));
    let absent = count(&|id| {
        !created(&model.items[id].instances)
            && !folded.get(&id).is_some_and(Option::is_some)
            && classes.kind(id) != Some(TypeKind::Hidden)
    });
    let lookups = count(&|id| classes.kind(id) == Some(TypeKind::Hidden));
    let boxes = count(&|id| classes.kind(id) == Some(TypeKind::Container) && !model.items[id].resource_type.is_empty());
    let mut out = Vec::new();
    let mut say = |n: usize, one: &str, many: &str| {
        if n > 0 {
            out.push(counted(n, one, many));
        }
    };
    say(
        glue,
        "resource folded into the node it configures or turned into an edge",
        "resources folded into the node they configure or turned into edges",
    );
    if boxes_drawn {
        say(
            boxes,
            "network or subnet shown as a box around what it holds",
            "networks and subnets shown as boxes around what they hold",
        );
    } else {
        say(
            boxes,
            "network or subnet not drawn (the architecture view shows it)",
            "networks and subnets not drawn (the architecture view shows them)",
        );
    }
    say(lookups, "lookup or helper not drawn", "lookups and helpers not drawn");
    say(hidden, "item marked @hide", "items marked @hide");
    say(
        absent,
        "resource not created with default inputs (count = 0)",
        "resources not created with default inputs (count = 0)",
    );
    out
}

/// `1 resource …` / `3 resources …`: the count with the phrase that agrees with it.
pub(crate) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

//! Where each architecture node lives: VPC ⊃ subnet-tier boxes, else its module's box.
//!
//! Part of the architecture view. A node's containers come from its catalog `contained_by`
//! paths, followed through intermediates (an RDS instance → its DB subnet group → subnets).
//! Rules, in order:
//! 1. Subnets are grouped per **tier** ("Public subnets", "Private subnets", "Database
//!    subnets", from the catalog's `[[tiers]]` keywords or the subnet's public flag), not per AZ:
//!    a service spread over two private subnets sits in one "Private subnets" box.
//! 2. A node in subnets of one tier sits in that tier's box inside its VPC box; in subnets of
//!    several tiers of one VPC, or with only a VPC reference, directly in the VPC box.
//! 3. Otherwise a node annotated `@group x` sits in a box `x` (the annotation says more than
//!    the module it happens to live in), inside its module's box when every member of `x` is in
//!    that module;
//! 4. otherwise a node of `module.x` sits in a `module.x` box (nested like the module calls).
//! 5. A VPC box sits inside a module box only when every node in it belongs to that module.

use super::classify::Classes;
use super::labels::display_name;
use super::links::{exprs_at, Links};
use super::Group;
use crate::catalog::{Catalog, TypeKind};
use crate::model::{ItemId, Model};
use crate::syntax::Expr;
use std::collections::{BTreeMap, BTreeSet};

/// Groups of the architecture view and the group of each node item.
#[derive(Debug, Default)]
pub(crate) struct Placement {
    pub groups: Vec<Group>,
    pub of: BTreeMap<ItemId, usize>,
    /// Network module calls zumen cannot look into that became a VPC box: the box stands for
    /// them, so the view draws no node for them.
    pub boxed: BTreeSet<ItemId>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Tier(Option<ItemId>, String),
    Vpc(ItemId),
    Module(String),
    /// `@group x`: a named box, for items outside any VPC.
    Annotated(String),
}

/// Where a node sits by what it names of a network module zumen cannot look into
/// (`subnets = module.vpc.private_subnets`): the module call and, for a `…subnets` output, the
/// tier that output names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct OpaqueSlot {
    vpc: ItemId,
    tier: Option<String>,
}

pub(crate) fn place(model: &Model, catalog: &Catalog, links: &Links, classes: &Classes, nodes: &[ItemId]) -> Placement {
    let class_of = |id: ItemId| classes.spec(id).and_then(|s| s.group_class.clone()).unwrap_or_default();
    let vpc_of = |subnet: ItemId| containers(links, classes, subnet, 0).into_iter().find(|c| class_of(*c) == "vpc");
    let mut slots: BTreeMap<ItemId, Slot> = BTreeMap::new();
    for &node in nodes {
        let found = containers(links, classes, node, 0);
        let subnets: Vec<ItemId> = found.iter().copied().filter(|c| class_of(*c) == "subnet").collect();
        let vpcs: BTreeSet<ItemId> = found.iter().copied().filter(|c| class_of(*c) == "vpc").collect();
        let tiers: BTreeSet<(Option<ItemId>, String)> =
            subnets.iter().map(|&s| (vpc_of(s), tier(model, catalog, classes, s))).collect();
        let tier_vpcs: BTreeSet<Option<ItemId>> = tiers.iter().map(|t| t.0).collect();
        let slot = if tiers.len() == 1 {
            tiers.into_iter().next().map(|(v, t)| Slot::Tier(v, t))
        } else if tier_vpcs.len() == 1 && !tiers.is_empty() {
            tier_vpcs.into_iter().next().flatten().map(Slot::Vpc)
        } else if vpcs.len() == 1 && subnets.is_empty() {
            vpcs.into_iter().next().map(Slot::Vpc)
        } else if found.is_empty() {
            // No VPC zumen can see: perhaps one a registry module makes.
            match opaque_slot(model, catalog, links, classes, node, 0) {
                Some(OpaqueSlot { vpc, tier: Some(t) }) => Some(Slot::Tier(Some(vpc), t)),
                Some(OpaqueSlot { vpc, tier: None }) => Some(Slot::Vpc(vpc)),
                None => None,
            }
        } else {
            None
        };
        let module = &model.items[node].module;
        let annotated = model.items[node].annotation.group.clone().filter(|g| !g.trim().is_empty());
        // Module boxes already say who owns what; an `@group` box is drawn only for root-module
        // items, where nothing else groups them (boxes of both kinds crossing each other read
        // as noise).
        match slot {
            Some(s) => slots.insert(node, s),
            None if !module.is_empty() => slots.insert(node, Slot::Module(module.clone())),
            None if annotated.is_some() => slots.insert(node, Slot::Annotated(annotated.unwrap_or_default())),
            None => None,
        };
    }
    // An opaque network module that holds nodes is drawn as their VPC box, so it takes no slot
    // of its own (which could leave an empty module box behind).
    let boxed: BTreeSet<ItemId> = slots
        .values()
        .filter_map(|slot| match slot {
            Slot::Vpc(v) | Slot::Tier(Some(v), _) if classes.opaque.contains_key(v) => Some(*v),
            _ => None,
        })
        .collect();
    slots.retain(|node, _| !boxed.contains(node));
    let mut b = Builder { model, placement: Placement { boxed, ..Placement::default() }, ids: BTreeMap::new() };
    // VPC boxes go inside a module box only when all their members belong to that module.
    let mut vpc_modules: BTreeMap<ItemId, BTreeSet<&str>> = BTreeMap::new();
    for (node, slot) in &slots {
        if let Slot::Vpc(v) | Slot::Tier(Some(v), _) = slot {
            vpc_modules.entry(*v).or_default().insert(model.items[*node].module.as_str());
        }
    }
    // An `@group` box sits inside a module box when all its members belong to that module.
    let mut group_modules: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (node, slot) in &slots {
        if let Slot::Annotated(g) = slot {
            group_modules.entry(g.as_str()).or_default().insert(model.items[*node].module.as_str());
        }
    }
    for &node in nodes {
        let Some(slot) = slots.get(&node) else { continue };
        let index = match slot {
            Slot::Module(m) => b.module(m),
            // Styled like a module box: both are named groupings of things outside a network.
            Slot::Annotated(g) => {
                let module = group_modules.get(g.as_str()).filter(|ms| ms.len() == 1).and_then(|ms| ms.first());
                let parent = module.filter(|m| !m.is_empty()).map(|m| b.module(m));
                let id = format!("group:{}:{g}", parent.map_or("", |_| module.copied().unwrap_or_default()));
                b.group(id, g.clone(), "module", parent)
            }
            Slot::Vpc(v) => b.vpc(catalog, classes, *v, &vpc_modules),
            Slot::Tier(v, tier) => {
                let parent = v.map(|v| b.vpc(catalog, classes, v, &vpc_modules));
                let id = format!("subnets:{}:{tier}", v.map_or("", |v| model.items[v].address.as_str()));
                b.group(id, tier.clone(), "subnet", parent)
            }
        };
        b.placement.of.insert(node, index);
    }
    b.placement
}

/// VPC-class containers no node sits in (directly or through a subnet): drawn as nodes instead,
/// so a VPC holding only glue (security groups, route tables) or peered VPCs stay visible.
pub(crate) fn empty_vpcs(links: &Links, classes: &Classes) -> BTreeSet<ItemId> {
    let class_of = |id: ItemId| classes.spec(id).and_then(|s| s.group_class.clone()).unwrap_or_default();
    let mut occupied = BTreeSet::new();
    for &id in classes.of.keys().filter(|&&id| classes.node_of(id) == Some(id)) {
        for c in containers(links, classes, id, 0) {
            occupied.insert(c);
            occupied.extend(containers(links, classes, c, 0));
        }
    }
    classes
        .of
        .iter()
        .filter(|(id, c)| c.kind == TypeKind::Container && class_of(**id) == "vpc" && !occupied.contains(*id))
        .map(|(id, _)| *id)
        .collect()
}

/// Containers an item's `contained_by` paths reach, directly or through items that are
/// themselves contained (a DB subnet group).
fn containers(links: &Links, classes: &Classes, id: ItemId, depth: usize) -> BTreeSet<ItemId> {
    let mut out = BTreeSet::new();
    let Some(spec) = classes.spec(id) else { return out };
    for path in &spec.contained_by {
        for target in links.targets(id, path) {
            if classes.kind(target) == Some(TypeKind::Container)
                && classes.spec(target).is_some_and(|s| s.group_class.is_some())
            {
                out.insert(target);
            } else if depth < 4 {
                out.extend(containers(links, classes, target, depth + 1));
            }
        }
    }
    out
}

/// The slot a node takes from a network module call zumen cannot look into: the first
/// `module.<call>.<output>` naming subnets, else the first naming anything of it, — in its `contained_by` paths (a resource) or anywhere among
/// its inputs (an opaque module call) — where `<call>` is such a module of its own scope. An
/// output with `subnet` in its name gives the tier (`private_subnets` → "Private subnets",
/// `public_subnets` → "Public subnets"); `vpc_id` and the like give the VPC box alone. Followed
/// through intermediates (an RDS instance → its DB subnet group), four levels at most.
fn opaque_slot(
    model: &Model,
    catalog: &Catalog,
    links: &Links,
    classes: &Classes,
    node: ItemId,
    depth: usize,
) -> Option<OpaqueSlot> {
    if !classes.opaque.values().any(|c| c == "network") {
        return None;
    }
    let item = &model.items[node];
    let exprs: Vec<&Expr> = if classes.opaque.contains_key(&node) {
        item.body.attributes.iter().map(|a| &a.value).collect()
    } else {
        let spec = classes.spec(node)?;
        spec.contained_by.iter().flat_map(|path| exprs_at(&item.body, path)).collect()
    };
    let scope = if item.module.is_empty() { String::new() } else { format!("{}.", item.module) };
    let mut vpc_only = None;
    for expr in exprs {
        for r in expr.refs() {
            let (Some(call), Some(output)) = (r.attr(0), r.attr(1)) else { continue };
            if r.root != "module" {
                continue;
            }
            let Some(vpc) = model.find(&format!("{scope}module.{call}")) else { continue };
            if vpc == node || classes.opaque.get(&vpc).map(String::as_str) != Some("network") {
                continue;
            }
            // Subnets say more than the VPC id an ALB module is also given.
            if output.contains("subnet") {
                return Some(OpaqueSlot { vpc, tier: Some(catalog.tier(output, output.contains("public"))) });
            }
            vpc_only.get_or_insert(OpaqueSlot { vpc, tier: None });
        }
    }
    // Through what the node is contained by (an RDS instance → its DB subnet group), as
    // `containers` does for VPCs zumen can see.
    if vpc_only.is_none() && depth < 4 {
        let spec = classes.spec(node)?;
        let through = spec.contained_by.iter().flat_map(|path| links.targets(node, path));
        for target in through.collect::<Vec<_>>() {
            if let Some(slot) = opaque_slot(model, catalog, links, classes, target, depth + 1) {
                return Some(slot);
            }
        }
    }
    vpc_only
}

/// The tier label of a subnet from its name, `Name` tag and public flag.
fn tier(model: &Model, catalog: &Catalog, classes: &Classes, subnet: ItemId) -> String {
    let item = &model.items[subnet];
    let tag =
        exprs_at(&item.body, "tags.Name").first().and_then(|e| super::relations::literal_text(e)).unwrap_or_default();
    let public = classes
        .spec(subnet)
        .and_then(|s| s.public_attribute.as_ref())
        .is_some_and(|a| exprs_at(&item.body, a).first().is_some_and(|e| **e == Expr::Bool(true)));
    catalog.tier(&format!("{} {tag}", item.name), public)
}

struct Builder<'m> {
    model: &'m Model,
    placement: Placement,
    ids: BTreeMap<String, usize>,
}

impl Builder<'_> {
    fn group(&mut self, id: String, label: String, class: &str, parent: Option<usize>) -> usize {
        if let Some(&i) = self.ids.get(&id) {
            return i;
        }
        let index = self.placement.groups.len();
        self.placement.groups.push(Group {
            id: id.clone(),
            label,
            class: class.to_string(),
            parent,
            description: None,
        });
        self.ids.insert(id, index);
        index
    }

    /// The box of a module path, with the boxes of its parents (`module.a.module.b` in `module.a`).
    fn module(&mut self, path: &str) -> usize {
        let parent = path.rfind(".module.").map(|i| self.module(&path[..i]));
        self.group(format!("module:{path}"), path.to_string(), "module", parent)
    }

    fn vpc(
        &mut self,
        catalog: &Catalog,
        classes: &Classes,
        vpc: ItemId,
        modules: &BTreeMap<ItemId, BTreeSet<&str>>,
    ) -> usize {
        let item = &self.model.items[vpc];
        let own = item.module.as_str();
        let inside = !own.is_empty()
            && modules.get(&vpc).is_some_and(|ms| ms.iter().all(|m| *m == own || m.starts_with(&format!("{own}."))));
        let parent = inside.then(|| self.module(own));
        // A network module zumen cannot look into reads as the VPC it makes.
        let spec_label = match classes.opaque.contains_key(&vpc) {
            true => "VPC",
            false => classes.spec(vpc).map_or("VPC", |s| s.label.as_str()),
        };
        let label = format!("{spec_label} {}", display_name(self.model, catalog, classes, vpc));
        self.group(format!("vpc:{}", item.address), label, "vpc", parent)
    }
}

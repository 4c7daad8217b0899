//! Analyze stage: turns the [`Model`] into an architecture picture.
//!
//! Input: [`Model`] and the [`Catalog`]. Output: [`Analysis`] — presentation-agnostic
//! [`Diagram`]s (architecture overview, responsibilities), each item's role and how it was found,
//! glue folded into the node it configures, traffic/configuration connections, and type-specific
//! facts (ECS containers, services) for the document. See `../shared/VIEWS.md` for the rules
//! and `docs/catalog.md` for the data that drives them.
//!
//! Steps, one submodule each:
//! 1. `links` — who references whom at which attribute path (model dependencies + direct refs);
//! 2. `classify` — catalog entry per item: node, glue (and what it folds into), container, detail;
//! 3. `relations` (+ `firewall`) — traffic/config/dependency connections between items;
//! 4. `roles` — annotation > usage > catalog, with reasons; role definitions;
//! 5. `architecture` (+ `containment`, `labels`) and `responsibilities` — the two views;
//! 6. [`lod`] — consolidation and level of detail, never silently; [`detail`] — one full
//!    diagram per module (and the root) when the overview collapsed;
//! 7. `facts` (+ `containers`) — document rows and ECS containers.

use crate::catalog::Catalog;
use crate::model::{ItemId, Model};
use serde::Serialize;
use std::collections::BTreeMap;

/// How an item's role was decided; shown in the document so inferred roles are visible as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RoleSource {
    /// `@role` in a comment.
    Annotation,
    /// `zumen.toml`.
    Sidecar,
    /// Usage, e.g. a task definition no service runs is a one-off task.
    Usage,
    /// The catalog category of the resource type.
    Catalog,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleAssignment {
    /// Role id, e.g. `resident`, `one-off`, `check`, `monitoring`, `edge`, `network`, `data`.
    pub role: String,
    pub source: RoleSource,
    /// Why, for inferred roles: "no aws_ecs_service runs this task definition".
    pub reason: Option<String>,
}

/// The kind of a relation between two items (VIEWS.md "Three kinds of relation").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EdgeKind {
    /// Requests or data flow at run time, in flow direction.
    Traffic,
    /// Uses/reads/pulls: IAM role, secret, image, log group, certificate.
    Config,
    /// A plain reference with no better interpretation.
    Dependency,
}

/// A resource-level connection, listed in the document under "connects to / from".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Connection {
    pub from: ItemId,
    pub to: ItemId,
    pub kind: EdgeKind,
    pub label: Option<String>,
}

/// One container of an ECS task definition, from `container_definitions = jsonencode([...])`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Container {
    pub name: String,
    pub image: String,
    pub ports: Vec<String>,
    pub essential: Option<bool>,
    /// (environment variable name, where the value comes from: an address or ARN text).
    pub secrets: Vec<(String, String)>,
    pub environment: Vec<(String, String)>,
    pub log_driver: Option<String>,
    pub command: Option<String>,
    pub depends_on: Vec<String>,
}

/// Type-specific facts for the document section of one item.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facts {
    /// Label/value rows, e.g. ("Desired count", "2"), ("Launch type", "FARGATE").
    pub rows: Vec<(String, String)>,
    pub containers: Vec<Container>,
}

/// What the analysis concluded for one root.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Analysis {
    pub diagrams: Vec<Diagram>,
    pub roles: BTreeMap<ItemId, RoleAssignment>,
    /// Glue item → the item it was folded into (or `None` when it became an edge).
    pub folded: BTreeMap<ItemId, Option<ItemId>>,
    pub connections: Vec<Connection>,
    pub facts: BTreeMap<ItemId, Facts>,
    /// Role definitions in display order (defaults merged with `zumen.toml`).
    pub role_defs: Vec<crate::model::RoleDef>,
}

/// A presentation-agnostic diagram: nodes, edges and nested groups with labels.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diagram {
    /// File stem and anchor: `architecture`, `responsibilities`.
    pub id: String,
    pub title: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub groups: Vec<Group>,
    /// What the diagram left out and why (the document lists it): "12 glue resources folded".
    pub omitted: Vec<String>,
}

/// A box in a diagram.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Node {
    /// Unique within the diagram; an address or an actor id (`actor.users`).
    pub id: String,
    pub label: String,
    /// Secondary line, usually the type's display label ("Application Load Balancer").
    pub sublabel: String,
    /// Style class from the catalog (`compute`, `database`, `network`, …); themes style it.
    pub category: String,
    /// Icon name in the theme's icon set.
    pub icon: String,
    /// `×3`, `×N`, `0..1`.
    pub badge: Option<String>,
    /// Index into [`Diagram::groups`].
    pub group: Option<usize>,
    /// Link target in the document (`#module-backend-aws-ecs-service-app`).
    pub link: Option<String>,
    /// Full text for the SVG `<title>` tooltip.
    pub tooltip: String,
}

/// A nesting box: VPC, subnet, module, responsibility group.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Group {
    pub id: String,
    pub label: String,
    /// Style class (`vpc`, `subnet`, `module`, `role`, `az`).
    pub class: String,
    pub parent: Option<usize>,
    /// A line under the title: what the box is for (a role's description from the role
    /// definitions, "Always running; serves requests"); `None` for network and module boxes.
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    pub label: Option<String>,
}

/// Runs the analysis: links → classes (catalog, folding) → relations → roles → the two views
/// (each limited in level of detail) → facts.
pub fn analyze(model: &Model, catalog: &Catalog) -> Analysis {
    let mut links = links::Links::new(model);
    let mut classes = classify::Classes::new(model, catalog, &links);
    classes.promoted = containment::empty_vpcs(&links, &classes);
    let aliases = classes
        .fold
        .keys()
        .filter(|&&id| classes.kind(id) == Some(crate::catalog::TypeKind::Glue))
        .filter_map(|&id| classes.folded_under(id).map(|t| (id, t)))
        .collect();
    links.set_aliases(aliases);
    let rel = relations::relations(model, &links, &classes);
    let role_defs = roles::role_defs(model);
    let roles = roles::assign(model, catalog, &links, &classes, &role_defs);
    // Only glue is listed under another node; a used task definition keeps its own section.
    let mut folded: BTreeMap<ItemId, Option<ItemId>> = classes
        .of
        .iter()
        .filter(|(_, c)| c.kind == crate::catalog::TypeKind::Glue)
        .map(|(&id, _)| (id, classes.folded_under(id)))
        .collect();
    let (mut arch, arch_meta) = architecture::architecture(model, catalog, &links, &classes, &rel, &mut folded);
    let stages = arch.omitted.len();
    lod::limit(&mut arch, &arch_meta, true);
    let collapsed = arch.omitted.len() > stages;
    let facts = facts::facts(model, &links, &classes);
    let views =
        responsibilities::Inputs { classes: &classes, rel: &rel, roles: &roles, defs: &role_defs, facts: &facts };
    let (mut resp, resp_meta) = responsibilities::responsibilities(model, catalog, &views, &folded);
    lod::limit(&mut resp, &resp_meta, false);
    let mut diagrams = vec![arch, resp];
    // What the collapsed overview merged is drawn in full, module by module.
    if collapsed || detail::too_many_for_one_page(model) {
        diagrams.extend(detail::details(model, catalog, &links, &classes, &rel));
    }
    for diagram in &mut diagrams {
        labels::disambiguate(diagram, model);
    }
    Analysis { diagrams, roles, folded, connections: rel.connections, facts, role_defs }
}

mod architecture;
mod classify;
mod containers;
mod containment;
mod declutter;
pub mod detail;
mod facts;
mod firewall;
mod labels;
mod links;
pub mod lod;
mod relations;
mod responsibilities;
mod roles;

#[cfg(test)]
mod tests;

//! Model stage: the parsed files of a root and its local modules become one [`Model`].
//!
//! Input: [`crate::parse::ParsedTree`]. Output: [`Model`] — every resource, data source, module
//! call, variable, output and local by address, their direct references, the resource-level
//! dependencies obtained by resolving references through `local.*`, `var.*` and module
//! inputs/outputs, the intent annotations merged from comments and the sidecar, and diagnostics.

use crate::diagnostic::{Diagnostic, Location};
use crate::syntax::{Body, Expr};
use serde::Serialize;

/// Index of an [`Item`] in [`Model::items`].
pub type ItemId = usize;

/// What a configuration item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Resource,
    Data,
    Module,
    Variable,
    Output,
    Local,
}

/// How many instances a resource or module call has.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Instances {
    Single,
    /// `count = expr`; `value` when it evaluates with default inputs.
    Count {
        expr: String,
        value: Option<u64>,
    },
    /// `for_each = expr`; `keys` when they evaluate with default inputs.
    ForEach {
        expr: String,
        keys: Option<Vec<String>>,
    },
}

/// Where an annotation field came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnnotationSource {
    /// A comment above the block.
    Comment,
    /// `zumen.toml`.
    Sidecar,
    /// The `description` attribute of a variable or output.
    Description,
}

/// Intent and the other annotation fields of one item. See `docs/annotations.md`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Annotation {
    /// Why the item exists (Markdown).
    pub intent: Option<String>,
    pub intent_source: Option<AnnotationSource>,
    pub role: Option<String>,
    pub group: Option<String>,
    pub owner: Option<String>,
    pub links: Vec<String>,
    /// `@hide`: left out of diagrams (still documented).
    pub hide: bool,
}

/// A module call's source and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModuleCall {
    pub source: String,
    pub version: Option<String>,
    pub status: ModuleStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ModuleStatus {
    /// A local module whose items are in the model under this call's address.
    Expanded,
    /// Registry or git source: an opaque node.
    Remote,
    /// A local path that does not exist: an opaque node and a warning.
    Missing,
}

/// A resource, data source, module call, variable, output or local.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Full address: `module.network.aws_vpc.this`, `var.region`, `module.app.output.ip`.
    pub address: String,
    pub kind: ItemKind,
    /// Module path the item lives in: `""` for the root, `module.network.module.flow_logs`.
    pub module: String,
    /// Resource or data source type (`aws_vpc`); empty for other kinds.
    pub resource_type: String,
    /// Local name (`this`, `region`).
    pub name: String,
    pub location: Location,
    /// The block body; a local's value is the single attribute `value`.
    pub body: Body,
    pub instances: Instances,
    pub annotation: Annotation,
    /// The module call, for [`ItemKind::Module`].
    pub module_call: Option<ModuleCall>,
    /// True when an `import` block targets this resource.
    pub imported: bool,
}

impl Item {
    /// An attribute of the item's body by name.
    pub fn attr(&self, key: &str) -> Option<&Expr> {
        self.body.attributes.iter().find(|a| a.key == key).map(|a| &a.value)
    }

    /// The provider prefix of a resource type (`aws` of `aws_vpc`).
    pub fn provider(&self) -> &str {
        self.resource_type.split('_').next().unwrap_or("")
    }
}

/// A direct reference found in an item's body.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Reference {
    pub from: ItemId,
    pub to: ItemId,
    /// Attribute path where the reference occurs, e.g. `load_balancer.target_group_arn`.
    pub attribute: String,
}

/// A reference resolved to a resource, data source or opaque module: locals, variables, module
/// inputs and outputs in between are followed and listed in `via`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Dependency {
    pub from: ItemId,
    pub to: ItemId,
    /// Attribute path in `from` where the chain starts.
    pub attribute: String,
    pub via: Vec<ItemId>,
}

/// A required provider from `terraform { required_providers {} }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProviderRequirement {
    pub name: String,
    pub source: Option<String>,
    pub version: Option<String>,
}

/// A role defined in `zumen.toml` (`[roles.<id>]`).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct RoleDef {
    #[serde(default)]
    pub id: String,
    pub label: Option<String>,
    pub description: Option<String>,
    pub order: Option<i64>,
}

/// An external actor from `zumen.toml` (`[actors.<id>]`), e.g. "Users".
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Actor {
    #[serde(default)]
    pub id: String,
    pub label: Option<String>,
    pub description: Option<String>,
    /// Addresses (or globs) the actor connects to.
    #[serde(default)]
    pub connects_to: Vec<String>,
}

/// Everything known about one Terraform root.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Model {
    /// Title from `zumen.toml`, else the root directory's name.
    pub title: String,
    pub summary: Option<String>,
    /// The module header: a comment at the very top of the root's `main.tf`, separated from the
    /// first block by a blank line, or `/** */`-style.
    pub header: Option<String>,
    /// Files read, relative to the root, sorted.
    pub files: Vec<String>,
    pub items: Vec<Item>,
    pub references: Vec<Reference>,
    pub dependencies: Vec<Dependency>,
    pub terraform_version: Option<String>,
    pub providers: Vec<ProviderRequirement>,
    pub roles: Vec<RoleDef>,
    pub actors: Vec<Actor>,
    pub diagnostics: Vec<Diagnostic>,
    /// Address → item, for lookups.
    #[serde(skip)]
    pub(crate) index: std::collections::BTreeMap<String, ItemId>,
    /// For each variable, local, output and expanded module call: the resources, data sources and
    /// opaque modules it leads to.
    #[serde(skip)]
    pub(crate) reach: Vec<Vec<ItemId>>,
}

impl Model {
    /// The item with this full address.
    pub fn find(&self, address: &str) -> Option<ItemId> {
        self.index.get(address).copied()
    }

    /// `75 resources and 6 module calls` (`1 resource` when there are no calls): the count every
    /// summary line uses, so it reads the same as the denominator of intent coverage, which
    /// counts module calls too.
    pub fn size_summary(&self) -> String {
        let count = |kind| self.items.iter().filter(|i| i.kind == kind).count();
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let resources = plural(count(ItemKind::Resource), "resource", "resources");
        match count(ItemKind::Module) {
            0 => resources,
            calls => format!("{resources} and {}", plural(calls, "module call", "module calls")),
        }
    }

    /// Items of one kind, in model order.
    pub fn of_kind(&self, kind: ItemKind) -> impl Iterator<Item = (ItemId, &Item)> {
        self.items.iter().enumerate().filter(move |(_, i)| i.kind == kind)
    }

    /// Resolved dependencies leaving `id`.
    pub fn dependencies_from(&self, id: ItemId) -> impl Iterator<Item = &Dependency> {
        self.dependencies.iter().filter(move |d| d.from == id)
    }

    /// The resolved targets of a reference-bearing expression found in `from`'s body: resources,
    /// data sources or opaque modules, following locals, variables and module boundaries.
    pub fn resolve_expr(&self, from: ItemId, expr: &Expr) -> Vec<ItemId> {
        resolve::resolve_expr(self, from, expr)
    }

    /// The value of a local, evaluated with default inputs, when it is constant.
    pub fn local_value(&self, address: &str) -> Option<Value> {
        instances::local_value(self, address)
    }

    /// A petgraph view of the resolved dependencies (node weights are item ids).
    pub fn graph(&self) -> petgraph::graph::DiGraph<ItemId, ()> {
        let mut g = petgraph::graph::DiGraph::with_capacity(self.items.len(), self.dependencies.len());
        let nodes: Vec<_> = (0..self.items.len()).map(|i| g.add_node(i)).collect();
        for d in &self.dependencies {
            g.update_edge(nodes[d.from], nodes[d.to], ());
        }
        g
    }
}

mod annotate;
mod build;
mod eval;
mod instances;
mod refs;
mod resolve;
pub mod sidecar;

pub use build::build;
pub use eval::Value;

/// The document anchor of an address: lowercase, every run of characters other than letters,
/// digits and `_` becomes one `-` (`module.app.aws_ecs_service.api` → `module-app-aws_ecs_service-api`).
/// Diagrams link nodes to it; the document emits `<a id="…">` with it.
pub fn anchor(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    for c in address.chars() {
        if c.is_alphanumeric() || c == '_' {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

//! One document section per resource, data source and module call: what it is, why it exists,
//! what it connects to, and the facts the analysis found. [`super::roles`] groups them.
//!
//! Part of the doc stage's [`super::context::DocContext`]; strings are cleaned, not escaped.

use super::context::{non_empty, ItemRef};
use super::escape::clean;
use super::roles::{role_view, RoleView};
use crate::analyze::{Analysis, EdgeKind};
use crate::model::{anchor, Instances, Item, ItemId, ItemKind, Model, RoleDef};
use std::collections::BTreeMap;

/// The section of one item.
pub struct Section {
    pub anchor: String,
    pub address: String,
    /// `resource`, `data source`, `module call`.
    pub kind: &'static str,
    /// Resource type, or the module source for a module call.
    pub resource_type: String,
    /// `file:line`.
    pub location: String,
    pub role: Option<RoleView>,
    pub owner: Option<String>,
    pub group: Option<String>,
    pub links: Vec<String>,
    /// Why it exists (Markdown); `None` shows the "no intent yet" marker.
    pub intent: Option<String>,
    pub connects_to: Vec<ConnectionView>,
    pub connects_from: Vec<ConnectionView>,
    /// Glue folded into this item.
    pub folded: Vec<ItemRef>,
    /// The item this glue was folded into.
    pub folded_into: Option<ItemRef>,
    /// Multiplicity for `count`/`for_each`; `None` for a single instance.
    pub instances: Option<InstancesView>,
    pub imported: bool,
    pub hidden: bool,
    pub facts: Vec<Fact>,
    pub containers: Vec<ContainerView>,
}

pub struct ConnectionView {
    pub address: String,
    pub anchor: String,
    pub kind: &'static str,
    pub label: Option<String>,
}

/// How many instances: `×3`, `×2: www, docs`, `×N`, or "conditional: not created with default
/// inputs", and the expression behind it (`count = var.n`).
pub struct InstancesView {
    pub summary: String,
    pub expr: String,
}

pub struct Fact {
    pub label: String,
    pub value: String,
    /// The value reads as code: a reference or expression (`var.n`, `aws_iam_role.x.arn`).
    pub code: bool,
}

impl Fact {
    pub fn new(label: &str, value: &str) -> Fact {
        let value = clean(value);
        let code = !value.contains(char::is_whitespace) && (value.contains(['.', '_']) || value.contains("${"));
        Fact { label: clean(label), value, code }
    }
}

pub struct ContainerView {
    pub name: String,
    pub image: String,
    pub ports: Vec<String>,
    /// `yes`, `no` or empty when not set.
    pub essential: &'static str,
    pub secrets: Vec<Fact>,
    pub log_driver: Option<String>,
}

impl Section {
    pub fn item_ref(&self) -> ItemRef {
        ItemRef { address: self.address.clone(), anchor: self.anchor.clone(), location: self.location.clone() }
    }
}

/// A link to an item's section.
pub fn item_ref(item: &Item) -> ItemRef {
    ItemRef {
        address: clean(&item.address),
        anchor: anchor(&item.address),
        location: clean(&format!("{}:{}", item.location.file, item.location.line)),
    }
}

fn edge_kind(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Traffic => "traffic",
        EdgeKind::Config => "config",
        EdgeKind::Dependency => "dependency",
    }
}

/// `None` for a single instance; otherwise the multiplicity with the expression behind it.
pub fn instances_view(instances: &Instances) -> Option<InstancesView> {
    const NOT_CREATED: &str = "conditional: not created with default inputs";
    let (summary, expr) = match instances {
        Instances::Single => return None,
        Instances::Count { expr, value } => {
            let summary = match value {
                Some(0) => NOT_CREATED.to_string(),
                Some(n) => format!("×{n}"),
                None => "×N".to_string(),
            };
            (summary, format!("count = {expr}"))
        }
        Instances::ForEach { expr, keys } => {
            let summary = match keys {
                Some(keys) if keys.is_empty() => NOT_CREATED.to_string(),
                Some(keys) => format!("×{}: {}", keys.len(), keys.join(", ")),
                None => "×N".to_string(),
            };
            (summary, format!("for_each = {expr}"))
        }
    };
    Some(InstancesView { summary: clean(&summary), expr: clean(&expr) })
}

/// The other end of a relation, its kind and label.
type Relation = (ItemId, &'static str, Option<String>);

/// Relations by item, built once so each section looks its own up instead of scanning every
/// connection (a 5,000-resource root has tens of thousands).
struct Index {
    /// item → relations leaving it, and arriving at it.
    out: BTreeMap<ItemId, Vec<Relation>>,
    into: BTreeMap<ItemId, Vec<Relation>>,
    /// host → glue folded into it.
    folded: BTreeMap<ItemId, Vec<ItemId>>,
}

impl Index {
    /// Falls back to the model's resolved dependencies when the analysis produced no connections
    /// at all (it has not run, or found nothing).
    fn new(model: &Model, analysis: &Analysis) -> Index {
        let mut index = Index { out: BTreeMap::new(), into: BTreeMap::new(), folded: BTreeMap::new() };
        let mut add = |from: ItemId, to: ItemId, kind: &'static str, label: Option<String>| {
            index.out.entry(from).or_default().push((to, kind, label.clone()));
            index.into.entry(to).or_default().push((from, kind, label));
        };
        if analysis.connections.is_empty() {
            for d in &model.dependencies {
                add(d.from, d.to, "dependency", None);
            }
        } else {
            for c in &analysis.connections {
                add(c.from, c.to, edge_kind(c.kind), c.label.clone());
            }
        }
        for (glue, host) in &analysis.folded {
            if let Some(host) = host {
                index.folded.entry(*host).or_default().push(*glue);
            }
        }
        index
    }
}

/// Connections touching `id`, as (to, from) lists.
fn connections(model: &Model, index: &Index, id: ItemId) -> (Vec<ConnectionView>, Vec<ConnectionView>) {
    let view = |other: ItemId, kind: &'static str, label: Option<&str>| {
        model.items.get(other).map(|o| ConnectionView {
            address: clean(&o.address),
            anchor: anchor(&o.address),
            kind,
            label: non_empty(label),
        })
    };
    let views = |list: Option<&Vec<Relation>>| -> Vec<ConnectionView> {
        list.map(|l| l.iter().filter_map(|(other, kind, label)| view(*other, kind, label.as_deref())).collect())
            .unwrap_or_default()
    };
    let (mut to, mut from) = (views(index.out.get(&id)), views(index.into.get(&id)));
    for list in [&mut to, &mut from] {
        list.sort_by(|a, b| (&a.address, a.kind, &a.label).cmp(&(&b.address, b.kind, &b.label)));
        list.dedup_by(|a, b| a.address == b.address && a.kind == b.kind && a.label == b.label);
    }
    (to, from)
}

fn section(model: &Model, analysis: &Analysis, index: &Index, defs: &[RoleDef], id: ItemId, item: &Item) -> Section {
    let (connects_to, connects_from) = connections(model, index, id);
    let facts = analysis.facts.get(&id);
    let ann = &item.annotation;
    Section {
        anchor: anchor(&item.address),
        address: clean(&item.address),
        kind: match item.kind {
            ItemKind::Data => "data source",
            ItemKind::Module => "module call",
            _ => "resource",
        },
        resource_type: match &item.module_call {
            Some(call) => clean(&call.source),
            None => clean(&item.resource_type),
        },
        location: item_ref(item).location,
        role: role_view(model, analysis, defs, id),
        owner: non_empty(ann.owner.as_deref()),
        group: non_empty(ann.group.as_deref()),
        links: ann.links.iter().map(|l| clean(l)).filter(|l| !l.trim().is_empty()).collect(),
        intent: non_empty(ann.intent.as_deref()),
        connects_to,
        connects_from,
        folded: index
            .folded
            .get(&id)
            .map(|glue| glue.iter().filter_map(|g| model.items.get(*g).map(item_ref)).collect())
            .unwrap_or_default(),
        folded_into: analysis.folded.get(&id).copied().flatten().and_then(|h| model.items.get(h)).map(item_ref),
        instances: instances_view(&item.instances),
        imported: item.imported,
        hidden: ann.hide,
        facts: facts.map(|f| f.rows.iter().map(|(l, v)| Fact::new(l, v)).collect()).unwrap_or_default(),
        containers: facts.map(|f| f.containers.iter().map(container_view).collect()).unwrap_or_default(),
    }
}

fn container_view(c: &crate::analyze::Container) -> ContainerView {
    ContainerView {
        name: clean(&c.name),
        image: clean(&c.image),
        ports: c.ports.iter().map(|p| clean(p)).collect(),
        essential: match c.essential {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        },
        secrets: c.secrets.iter().map(|(n, from)| Fact::new(n, from)).collect(),
        log_driver: non_empty(c.log_driver.as_deref()),
    }
}

/// Sections for every resource, data source and module call, in model order.
/// Two addresses can share an anchor (`a.b-c` and `a.b_c` do not, but `module.x-y` and a module
/// `x` with a child `y` can); the later section gets a numbered anchor so ids stay unique.
pub fn build_all(model: &Model, analysis: &Analysis, defs: &[RoleDef]) -> Vec<(Option<String>, Section)> {
    let mut seen = std::collections::BTreeSet::new();
    let index = Index::new(model, analysis);
    model
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i.kind, ItemKind::Resource | ItemKind::Data | ItemKind::Module))
        .map(|(id, item)| {
            let mut s = section(model, analysis, &index, defs, id, item);
            let mut n = 1;
            while !seen.insert(s.anchor.clone()) {
                n += 1;
                s.anchor = format!("{}-{n}", anchor(&item.address));
            }
            (s.role.as_ref().map(|r| r.id.clone()), s)
        })
        .collect()
}

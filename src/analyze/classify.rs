//! What each item becomes: a node, glue folded into another item, a container, or nothing.
//!
//! Second step of the analyze stage, after [`super::links`]. Looks every resource and data source
//! up in the catalog (guessing unknown types), turns module calls into opaque nodes or groups,
//! and decides where each glue item folds. [`Classes::node_of`] maps any item to the node that
//! stands for it in the architecture view.

use super::links::Links;
use crate::catalog::{Catalog, TypeKind, TypeSpec};
use crate::model::{ItemId, ItemKind, Model, ModuleStatus};
use std::collections::{BTreeMap, BTreeSet};

/// One item's catalog entry and effective kind.
#[derive(Debug, Clone)]
pub(crate) struct Class {
    pub spec: TypeSpec,
    pub kind: TypeKind,
    /// `@hide`: no node, but folding and roles still apply.
    pub hidden: bool,
}

/// The classes of all resources, data sources and module calls, plus folding.
pub(crate) struct Classes {
    pub of: BTreeMap<ItemId, Class>,
    /// Glue and detail items → what they fold into (`None`: nothing found, or became an edge).
    pub fold: BTreeMap<ItemId, Option<ItemId>>,
    /// Containers drawn as nodes because no node sits inside them (an empty VPC).
    pub promoted: BTreeSet<ItemId>,
    /// Module calls zumen cannot look into → the category guessed from their name and source
    /// (`module "alb" { source = "terraform-aws-modules/alb/aws" }` → `loadbalancer`).
    pub opaque: BTreeMap<ItemId, String>,
    /// The catalog's `opaque_flow` rules, for the relation step.
    pub opaque_flow: Vec<crate::catalog::OpaqueFlow>,
}

/// How deep fold chains are followed (policy → attachment → role); guards against cycles.
const MAX_CHAIN: usize = 8;

impl Classes {
    pub fn new(model: &Model, catalog: &Catalog, links: &Links) -> Classes {
        let mut of = BTreeMap::new();
        let mut opaque = BTreeMap::new();
        for (id, item) in model.items.iter().enumerate() {
            let mut spec = match item.kind {
                ItemKind::Resource | ItemKind::Data => catalog.lookup(&item.resource_type),
                ItemKind::Module => module_spec(catalog, model, id),
                _ => continue,
            };
            let kind = match (item.kind, item.module_call.as_ref().map(|c| c.status)) {
                (ItemKind::Module, Some(ModuleStatus::Expanded)) => TypeKind::Container,
                (ItemKind::Module, _) => {
                    // Drawn with the icon of what it probably is, and read by category.
                    if let Some(category) = guessed_module_category(catalog, model, id) {
                        spec.icon = Some(category.clone());
                        match catalog.opaque_public.get(&category).map(String::as_str) {
                            Some("") => spec.public = true,
                            Some(input) => spec.public_unless = Some(input.to_string()),
                            None => {}
                        }
                        opaque.insert(id, category);
                    }
                    TypeKind::Node
                }
                _ => spec.kind,
            };
            of.insert(id, Class { spec, kind, hidden: item.annotation.hide });
        }
        reclassify(model, links, &mut of);
        let mut classes = Classes {
            of,
            fold: BTreeMap::new(),
            promoted: BTreeSet::new(),
            opaque,
            opaque_flow: catalog.opaque_flow.clone(),
        };
        let folds: Vec<(ItemId, Option<ItemId>)> = classes
            .of
            .iter()
            .filter(|(_, c)| matches!(c.kind, TypeKind::Glue | TypeKind::Detail))
            .map(|(&id, c)| (id, classes.fold_target(model, links, id, c)))
            .collect();
        for (id, target) in folds {
            classes.fold.insert(id, target);
        }
        classes
    }

    fn fold_target(&self, model: &Model, links: &Links, id: ItemId, class: &Class) -> Option<ItemId> {
        let direct: Vec<ItemId> = class.spec.fold_into.iter().flat_map(|path| links.targets(id, path)).collect();
        let preferred = class
            .spec
            .fold_prefer
            .iter()
            .find_map(|ty| direct.iter().find(|&&t| model.items[t].resource_type == *ty))
            .or(direct.first());
        if let Some(&target) = preferred {
            return Some(target);
        }
        if !class.spec.fold_to_referrer {
            return None;
        }
        // Prefer a referrer that is a node itself (the ASG over another launch template).
        let mut referrers: Vec<ItemId> = links.into(id).iter().map(|l| l.from).collect();
        referrers.sort_by(|a, b| model.items[*a].address.cmp(&model.items[*b].address));
        referrers.dedup();
        let is_node = |r: &ItemId| self.of.get(r).is_some_and(|c| c.kind == TypeKind::Node);
        referrers.iter().find(|r| is_node(r)).or(referrers.first()).copied()
    }

    pub fn kind(&self, id: ItemId) -> Option<TypeKind> {
        self.of.get(&id).map(|c| c.kind)
    }

    pub fn spec(&self, id: ItemId) -> Option<&TypeSpec> {
        self.of.get(&id).map(|c| &c.spec)
    }

    /// Follows glue folds (not details) to the item a resource-level connection should name.
    pub fn item_of(&self, id: ItemId) -> Option<ItemId> {
        let mut cur = id;
        for _ in 0..MAX_CHAIN {
            match self.kind(cur)? {
                TypeKind::Glue => cur = self.fold.get(&cur).copied().flatten()?,
                TypeKind::Hidden => return None,
                _ => return Some(cur),
            }
        }
        None
    }

    /// The node standing for an item in the architecture view (details fold into their users).
    pub fn node_of(&self, id: ItemId) -> Option<ItemId> {
        let mut cur = id;
        for _ in 0..MAX_CHAIN {
            let class = self.of.get(&cur)?;
            match class.kind {
                TypeKind::Node if !class.hidden => return Some(cur),
                TypeKind::Detail => match self.fold.get(&cur).copied().flatten() {
                    Some(next) => cur = next,
                    None if !class.hidden => return Some(cur),
                    None => return None,
                },
                TypeKind::Glue => cur = self.fold.get(&cur).copied().flatten()?,
                TypeKind::Container if self.promoted.contains(&cur) && !class.hidden => return Some(cur),
                _ => return None,
            }
        }
        None
    }

    /// The final item a glue item is listed under in the document (fold chain followed).
    pub fn folded_under(&self, id: ItemId) -> Option<ItemId> {
        let mut cur = self.fold.get(&id).copied().flatten()?;
        for _ in 0..MAX_CHAIN {
            match self.kind(cur) {
                Some(TypeKind::Glue) => cur = self.fold.get(&cur).copied().flatten()?,
                _ => return Some(cur),
            }
        }
        None
    }
}

/// Nodes that turn out to be glue: `glue_when` matches (a certificate's validation record), and
/// data sources the catalog does not know that something references (a lookup belongs with its
/// user; unreferenced, it stays a node so nothing disappears).
fn reclassify(model: &Model, links: &Links, of: &mut BTreeMap<ItemId, Class>) {
    let category = |of: &BTreeMap<ItemId, Class>, id: ItemId| of.get(&id).map(|c| c.spec.category.clone());
    let mut changes = Vec::new();
    for (&id, class) in of.iter().filter(|(_, c)| c.kind == TypeKind::Node) {
        let hit = class.spec.glue_when.iter().find(|g| {
            links.targets(id, &g.attribute).into_iter().any(|t| category(of, t).as_deref() == Some(g.category.as_str()))
        });
        if let Some(g) = hit {
            changes.push((id, vec![g.attribute.clone()], false));
        } else if model.items[id].kind == ItemKind::Data && class.spec.guessed && !links.into(id).is_empty() {
            changes.push((id, Vec::new(), true));
        }
    }
    for (id, fold_into, to_referrer) in changes {
        if let Some(class) = of.get_mut(&id) {
            class.kind = TypeKind::Glue;
            class.spec.fold_into = fold_into;
            class.spec.fold_to_referrer = to_referrer;
        }
    }
}

/// What a module call probably is, from its name and source (`terraform-aws-modules/vpc` is
/// network); `None` when the guess says nothing (`generic`).
fn guessed_module_category(catalog: &Catalog, model: &Model, id: ItemId) -> Option<String> {
    let item = &model.items[id];
    let source = item.module_call.as_ref().map_or("", |c| c.source.as_str());
    // Sources spell words with hyphens (`terraform-aws-modules/security-group/aws`), keywords
    // with underscores.
    let guessed = catalog.guess(&format!("{} {}", item.name, source).replace('-', "_"));
    (guessed.category != "generic").then_some(guessed.category)
}

/// Module calls: a module spec guessed from the call name and source (`terraform-aws-modules/vpc`
/// is network), shown with the `module` category.
fn module_spec(catalog: &Catalog, model: &Model, id: ItemId) -> TypeSpec {
    let item = &model.items[id];
    let source = item.module_call.as_ref().map_or("", |c| c.source.as_str());
    let guessed = catalog.guess(&format!("{} {}", item.name, source));
    let role = (guessed.category != "generic").then(|| catalog.default_role(&guessed));
    TypeSpec {
        category: "module".to_string(),
        icon: Some("module".to_string()),
        label: if source.is_empty() { "Module".to_string() } else { format!("Module {source}") },
        role,
        guessed: true,
        ..TypeSpec::default()
    }
}

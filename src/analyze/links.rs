//! Who references whom, at which attribute path: the raw material of every later analysis step.
//!
//! First step of the analyze stage. It unites the model's resolved [`Model::dependencies`], the
//! model's own resolver ([`Model::resolve_expr`]) and a small local resolver for direct
//! references (`aws_lb.main.arn`, `data.aws_vpc.x.id`, `local.x`, opaque `module.x`), so the
//! stage works whichever of them knows more. Paths are dotted through nested blocks
//! (`load_balancer.target_group_arn`); `dynamic "x" { content {} }` counts as block `x`.

use crate::model::{ItemId, ItemKind, Model};
use crate::syntax::{Body, Expr, Ref, Step};
use std::collections::{BTreeMap, BTreeSet};

/// One reference from an item to a resource, data source or module call.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Link {
    pub from: ItemId,
    pub to: ItemId,
    pub path: String,
}

/// Every link of a model, indexed both ways.
pub(crate) struct Links<'m> {
    model: &'m Model,
    by_address: BTreeMap<&'m str, ItemId>,
    out: BTreeMap<ItemId, Vec<Link>>,
    into: BTreeMap<ItemId, Vec<Link>>,
    /// Glue item → the item it folds under, for display (a secret's version shows as the secret).
    aliases: BTreeMap<ItemId, ItemId>,
}

impl<'m> Links<'m> {
    pub fn new(model: &'m Model) -> Links<'m> {
        let by_address = model.items.iter().enumerate().map(|(i, it)| (it.address.as_str(), i)).collect();
        let mut links =
            Links { model, by_address, out: BTreeMap::new(), into: BTreeMap::new(), aliases: BTreeMap::new() };
        let mut all = BTreeSet::new();
        // Ids come from the model stage; a stray one is skipped rather than trusted.
        for d in model.dependencies.iter().filter(|d| d.from < model.items.len() && d.to < model.items.len()) {
            all.insert(Link { from: d.from, to: d.to, path: normalize(&d.attribute) });
        }
        for (id, item) in model.items.iter().enumerate() {
            if matches!(item.kind, ItemKind::Resource | ItemKind::Data | ItemKind::Module) {
                let mut found = Vec::new();
                walk(&item.body, "", &mut found);
                for (path, expr) in found {
                    for to in links.resolve(id, expr) {
                        all.insert(Link { from: id, to, path: path.clone() });
                    }
                }
            }
        }
        for link in all.into_iter().filter(|l| l.from != l.to) {
            links.into.entry(link.to).or_default().push(link.clone());
            links.out.entry(link.from).or_default().push(link);
        }
        links
    }

    /// The item with this address.
    pub fn find(&self, address: &str) -> Option<ItemId> {
        self.by_address.get(address).copied()
    }

    /// The model the links were built from.
    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// Looks through `local.x` to the local's value (a few levels), returning the item the value
    /// belongs to, so references in it resolve in the right module.
    pub fn deref<'e>(&self, from: ItemId, expr: &'e Expr) -> (ItemId, &'e Expr)
    where
        'm: 'e,
    {
        let (mut at, mut cur) = (from, expr);
        for _ in 0..4 {
            let Expr::Ref(r) = cur else { break };
            let Some(name) = r.attr(0).filter(|_| r.root == "local" && r.steps.len() == 1) else { break };
            let module = self.model.items.get(at).map_or("", |i| i.module.as_str());
            let address = if module.is_empty() { format!("local.{name}") } else { format!("{module}.local.{name}") };
            let Some(local) = self.find(&address) else { break };
            let Some(value) = self.model.items[local].attr("value") else { break };
            (at, cur) = (local, value);
        }
        (at, cur)
    }

    /// The address of an item.
    pub fn address(&self, id: ItemId) -> &'m str {
        self.model.items.get(id).map_or("", |i| i.address.as_str())
    }

    /// Links leaving `from`.
    pub fn from(&self, from: ItemId) -> &[Link] {
        self.out.get(&from).map_or(&[], Vec::as_slice)
    }

    /// Links arriving at `to`.
    pub fn into(&self, to: ItemId) -> &[Link] {
        self.into.get(&to).map_or(&[], Vec::as_slice)
    }

    /// Items `from` references at `path` or below it, sorted by address.
    pub fn targets(&self, from: ItemId, path: &str) -> Vec<ItemId> {
        let mut out: Vec<ItemId> =
            self.from(from).iter().filter(|l| path_matches(&l.path, path)).map(|l| l.to).collect();
        self.sort_dedup(&mut out);
        out
    }

    /// The resources, data sources and module calls an expression found in `from` refers to.
    pub fn resolve(&self, from: ItemId, expr: &Expr) -> Vec<ItemId> {
        let mut out = self.model.resolve_expr(from, expr);
        for r in expr.refs() {
            self.resolve_ref(from, r, 0, &mut out);
        }
        out.retain(|&t| t != from && self.is_target(t));
        self.sort_dedup(&mut out);
        out
    }

    /// Sets the glue → folded-under map used by [`Links::resolve_display`].
    pub fn set_aliases(&mut self, aliases: BTreeMap<ItemId, ItemId>) {
        self.aliases = aliases;
    }

    /// Like [`Links::resolve`], with glue replaced by what it folds under (`depends_on` on a
    /// secret's version must not make a secret reference ambiguous).
    pub fn resolve_display(&self, from: ItemId, expr: &Expr) -> Vec<ItemId> {
        let mut out: Vec<ItemId> =
            self.resolve(from, expr).into_iter().map(|t| self.aliases.get(&t).copied().unwrap_or(t)).collect();
        self.sort_dedup(&mut out);
        out
    }

    fn is_target(&self, id: ItemId) -> bool {
        self.model
            .items
            .get(id)
            .is_some_and(|i| matches!(i.kind, ItemKind::Resource | ItemKind::Data | ItemKind::Module))
    }

    fn sort_dedup(&self, ids: &mut Vec<ItemId>) {
        let items = &self.model.items;
        ids.sort_by(|a, b| items[*a].address.cmp(&items[*b].address));
        ids.dedup();
    }

    /// Direct references only; `local.x` is followed (a few levels) because it needs no module
    /// wiring. Variables and module outputs are left to the model's resolver.
    fn resolve_ref(&self, from: ItemId, r: &Ref, depth: usize, out: &mut Vec<ItemId>) {
        let Some(item) = self.model.items.get(from) else { return };
        let prefix = if item.module.is_empty() { String::new() } else { format!("{}.", item.module) };
        let address = match (r.root.as_str(), r.attr(0), r.attr(1)) {
            ("data", Some(ty), Some(name)) => format!("{prefix}data.{ty}.{name}"),
            ("module", Some(name), _) => format!("{prefix}module.{name}"),
            ("local", Some(name), _) => {
                if depth < 4 {
                    if let Some(&local) = self.by_address.get(format!("{prefix}local.{name}").as_str()) {
                        for a in &self.model.items[local].body.attributes {
                            for inner in a.value.refs() {
                                self.resolve_ref(local, inner, depth + 1, out);
                            }
                        }
                    }
                }
                return;
            }
            (root, Some(name), _) if root.contains('_') => format!("{prefix}{root}.{name}"),
            _ => return,
        };
        if let Some(&id) = self.by_address.get(address.as_str()) {
            out.push(id);
        }
    }

    /// The attribute steps after the resource part of a reference (`.repository_url`), for display.
    pub fn ref_suffix(r: &Ref) -> String {
        let skip = if r.root == "data" { 2 } else { 1 };
        let mut out = String::new();
        for step in r.steps.iter().skip(skip) {
            match step {
                Step::Attr(a) => {
                    out.push('.');
                    out.push_str(a);
                }
                Step::Index(_) | Step::Dynamic => {}
            }
        }
        out
    }
}

/// The model stage writes a dynamic block's attributes as `label.content.key`; rules are written
/// against the block as it appears in plans (`label.key`), like [`walk`] does.
fn normalize(path: &str) -> String {
    let segs: Vec<&str> = path.split('.').collect();
    let kept: Vec<&str> = segs
        .iter()
        .enumerate()
        .filter(|(i, s)| !(**s == "content" && *i > 0 && *i + 1 < segs.len()))
        .map(|(_, s)| *s)
        .collect();
    kept.join(".")
}

/// `link` at `rule` or below it: `origin.domain_name` matches rule `origin`.
pub(crate) fn path_matches(link: &str, rule: &str) -> bool {
    link == rule || (link.starts_with(rule) && link[rule.len()..].starts_with('.'))
}

/// Every attribute expression of a body with its dotted path.
fn walk<'a>(body: &'a Body, prefix: &str, out: &mut Vec<(String, &'a Expr)>) {
    for a in &body.attributes {
        out.push((join(prefix, &a.key), &a.value));
    }
    for b in &body.blocks {
        if b.kind == "dynamic" {
            let name = b.labels.first().map_or("dynamic", String::as_str);
            for content in b.body.blocks.iter().filter(|c| c.kind == "content") {
                walk(&content.body, &join(prefix, name), out);
            }
            for a in &b.body.attributes {
                out.push((join(prefix, name), &a.value));
            }
        } else {
            walk(&b.body, &join(prefix, &b.kind), out);
        }
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// The expressions at a dotted path: attributes of nested blocks, or keys of object values.
pub(crate) fn exprs_at<'a>(body: &'a Body, path: &str) -> Vec<&'a Expr> {
    let mut out = Vec::new();
    let segments: Vec<&str> = path.split('.').collect();
    collect(body, &segments, &mut out);
    out
}

fn collect<'a>(body: &'a Body, segs: &[&str], out: &mut Vec<&'a Expr>) {
    let Some((first, rest)) = segs.split_first() else { return };
    for a in body.attributes.iter().filter(|a| a.key == *first) {
        let mut value = Some(&a.value);
        for key in rest {
            value = value.and_then(|v| v.get(key));
        }
        out.extend(value);
    }
    if rest.is_empty() {
        return;
    }
    for b in &body.blocks {
        if b.kind == *first {
            collect(&b.body, rest, out);
        } else if b.kind == "dynamic" && b.labels.first().is_some_and(|l| l == first) {
            for content in b.body.blocks.iter().filter(|c| c.kind == "content") {
                collect(&content.body, rest, out);
            }
        }
    }
}

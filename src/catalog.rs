//! Provider knowledge as data: what each resource type is, how it links, how it is labelled.
//!
//! Sits beside the pipeline: the analyze stage asks it about every resource type. The files under
//! `catalog/` are compiled in with `include_str!` and parsed at startup; users add their own file
//! with [`Catalog::with_extra`]. See `docs/catalog.md` for the format. No provider knowledge lives
//! in Rust code: the analyze stage only interprets these fields.

mod spec;

pub use spec::{
    EdgeRule, FirewallRule, FlowDirection, FlowKind, FlowRule, GlueWhen, Guess, OpaqueFlow, Tier, TypeKind, TypeSpec,
    Usage,
};

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Every style class a catalog may use; themes style each of them.
pub const CATEGORIES: &[&str] = &[
    "compute",
    "container",
    "function",
    "database",
    "cache",
    "storage",
    "network",
    "cdn",
    "dns",
    "loadbalancer",
    "security",
    "secret",
    "certificate",
    "queue",
    "monitoring",
    "registry",
    "identity",
    "actor",
    "module",
    "generic",
];

/// The built-in catalog files, in load order (later files may override earlier types).
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("generic.toml", include_str!("../catalog/generic.toml")),
    ("aws.toml", include_str!("../catalog/aws.toml")),
    ("google.toml", include_str!("../catalog/google.toml")),
    ("azurerm.toml", include_str!("../catalog/azurerm.toml")),
];

/// One catalog file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    #[serde(default)]
    pub types: BTreeMap<String, TypeSpec>,
    /// Keyword rules for types the catalog does not list.
    #[serde(default)]
    pub guess: Vec<Guess>,
    /// Default role of each category.
    #[serde(default)]
    pub category_roles: BTreeMap<String, String>,
    /// Keyword rules naming the tier of a subnet (its box in the diagram).
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// Categories whose incoming configuration edges the architecture view draws (secret read,
    /// image pulled, log written); other configuration edges are left to the document.
    #[serde(default)]
    pub overview_config_to: Vec<String>,
    /// Lowercase keywords in a container's name or image that make it a monitoring agent.
    #[serde(default)]
    pub monitoring_keywords: Vec<String>,
    /// Which references to or from an opaque module call are traffic, by category.
    #[serde(default)]
    pub opaque_flow: Vec<OpaqueFlow>,
    /// Opaque module calls of these categories are public entries unless the named input is
    /// `true` (`""`: always public).
    #[serde(default)]
    pub opaque_public: BTreeMap<String, String>,
}

/// The merged catalog of every provider.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub types: BTreeMap<String, TypeSpec>,
    pub guesses: Vec<Guess>,
    pub category_roles: BTreeMap<String, String>,
    pub tiers: Vec<Tier>,
    pub overview_config_to: Vec<String>,
    pub monitoring_keywords: Vec<String>,
    pub opaque_flow: Vec<OpaqueFlow>,
    pub opaque_public: BTreeMap<String, String>,
}

impl Catalog {
    /// The built-in catalog. The built-in files are tested, so a parse failure here is a bug in
    /// the shipped data; it degrades to an empty catalog (every type guessed) rather than panic.
    pub fn builtin() -> Catalog {
        let mut catalog = Catalog::default();
        for (name, text) in BUILTIN_FILES {
            if let Ok(file) = parse_file(name, text) {
                catalog.merge(file);
            }
        }
        catalog
    }

    /// The built-in catalog plus a user file; the user's types override built-in ones and its
    /// guess and tier rules are tried first.
    pub fn with_extra(path: &Path) -> Result<Catalog> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading catalog {}", path.display()))?;
        let file = parse_file(&path.display().to_string(), &text)?;
        let mut catalog = Catalog::builtin();
        let mut guesses = file.guess.clone();
        guesses.append(&mut catalog.guesses);
        let mut tiers = file.tiers.clone();
        tiers.append(&mut catalog.tiers);
        catalog.merge(CatalogFile { guess: Vec::new(), tiers: Vec::new(), ..file });
        catalog.guesses = guesses;
        catalog.tiers = tiers;
        Ok(catalog)
    }

    fn merge(&mut self, file: CatalogFile) {
        self.types.extend(file.types);
        self.guesses.extend(file.guess);
        self.category_roles.extend(file.category_roles);
        self.tiers.extend(file.tiers);
        self.opaque_flow.extend(file.opaque_flow);
        self.opaque_public.extend(file.opaque_public);
        for (all, more) in [
            (&mut self.overview_config_to, file.overview_config_to),
            (&mut self.monitoring_keywords, file.monitoring_keywords),
        ] {
            all.extend(more);
            all.sort();
            all.dedup();
        }
    }

    /// The listed spec of a type, if the catalog knows it.
    pub fn get(&self, resource_type: &str) -> Option<&TypeSpec> {
        self.types.get(resource_type)
    }

    /// The spec of a type: listed, else guessed from its name (never absent: nothing is dropped).
    pub fn lookup(&self, resource_type: &str) -> TypeSpec {
        match self.types.get(resource_type) {
            Some(spec) => spec.clone(),
            None => self.guess(resource_type),
        }
    }

    /// A spec guessed from keywords in a type (or module) name; the first matching rule wins.
    pub fn guess(&self, name: &str) -> TypeSpec {
        let lower = name.to_lowercase();
        let rule = self.guesses.iter().find(|g| lower.contains(&g.contains));
        let category = rule.map_or("generic", |g| g.category.as_str()).to_string();
        TypeSpec {
            kind: rule.map_or(TypeKind::Node, |g| g.kind),
            icon: Some(category.clone()),
            label: humanize(name),
            category,
            guessed: true,
            ..TypeSpec::default()
        }
    }

    /// The role a type carries by default: its own `role`, else its category's.
    pub fn default_role(&self, spec: &TypeSpec) -> String {
        spec.role
            .clone()
            .or_else(|| self.category_roles.get(&spec.category).cloned())
            .unwrap_or_else(|| "other".to_string())
    }

    /// The tier label of a subnet named `name` (resource name or `Name` tag).
    pub fn tier(&self, name: &str, public: bool) -> String {
        let lower = name.to_lowercase();
        if let Some(t) = self.tiers.iter().find(|t| lower.contains(&t.contains)) {
            return t.label.clone();
        }
        if public { "Public subnets" } else { "Private subnets" }.to_string()
    }
}

/// Parses one catalog file and checks what serde cannot: categories and kinds that fit together.
pub fn parse_file(name: &str, text: &str) -> Result<CatalogFile> {
    let file: CatalogFile = toml::from_str(text).with_context(|| format!("parsing catalog {name}"))?;
    for (ty, spec) in &file.types {
        if !CATEGORIES.contains(&spec.category.as_str()) {
            bail!("catalog {name}: type {ty} has unknown category {:?}", spec.category);
        }
    }
    if let Some(c) = file.overview_config_to.iter().find(|c| !CATEGORIES.contains(&c.as_str())) {
        bail!("catalog {name}: overview_config_to has unknown category {c:?}");
    }
    if let Some(c) = file.opaque_public.keys().find(|c| !CATEGORIES.contains(&c.as_str())) {
        bail!("catalog {name}: opaque_public has unknown category {c:?}");
    }
    for f in &file.opaque_flow {
        if let Some(c) = f.referrer.iter().chain(&f.target).find(|c| !CATEGORIES.contains(&c.as_str())) {
            bail!("catalog {name}: opaque_flow has unknown category {c:?}");
        }
    }
    for g in &file.guess {
        if !CATEGORIES.contains(&g.category.as_str()) {
            bail!("catalog {name}: guess {:?} has unknown category {:?}", g.contains, g.category);
        }
    }
    Ok(file)
}

/// `aws_lb_target_group` → `Lb target group`: a readable label for an unknown type.
fn humanize(name: &str) -> String {
    let rest = name.split_once('_').map_or(name, |(_, rest)| rest);
    let text = rest.replace('_', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests;

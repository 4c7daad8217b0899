//! `zumen init`: a starter `zumen.toml` for a root nobody has annotated yet.
//!
//! Reads the model of the comments alone (an existing sidecar is ignored: with `--force` it is
//! being replaced), and writes the title, the default roles with their labels and descriptions,
//! and one `[resources."<address>"]` entry with an empty `intent` for every resource and module
//! call that has none, grouped under its role (given in a comment, else inferred). Empty intents
//! count as missing, so `zumen check` right after points at exactly these entries.

use crate::catalog::Catalog;
use crate::model::{self, ItemKind, Model};
use crate::parse;
use crate::roles::DEFAULT_ROLES;
use anyhow::{bail, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// The model of `root` without any sidecar, titled after the directory.
pub fn comment_model(root: &Path) -> Result<Model> {
    if !root.is_dir() {
        bail!("{} is not a directory", root.display());
    }
    let tree = parse::load(root);
    if tree.modules.iter().all(|m| m.files.is_empty()) && tree.diagnostics.is_empty() {
        bail!("no Terraform files found in {}", root.display());
    }
    let title = root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Terraform".to_string());
    Ok(model::build(&tree, None, &title))
}

/// The starter sidecar's text.
pub fn starter(model: &Model, catalog: &Catalog) -> String {
    let mut out = String::from(
        "# zumen.toml, written by `zumen init`; the format is described in docs/annotations.md.\n\
         # Fill in each empty `intent` (why the resource exists), check the roles, then run `zumen check`.\n\n",
    );
    out.push_str(&format!("title = {}\n", quote(&model.title)));
    out.push_str("# summary = \"One paragraph: what this stack is for and who uses it.\"\n");
    for (n, role) in DEFAULT_ROLES.iter().enumerate() {
        out.push_str(&format!("\n[roles.{}]\n", key(role.id)));
        out.push_str(&format!("label = {}\n", quote(role.label)));
        out.push_str(&format!("description = {}\n", quote(role.description)));
        out.push_str(&format!("order = {}\n", n + 1));
    }
    // The roles the documents will show: usage first, then the catalog (the analyze stage).
    let analysis = crate::analyze::analyze(model, catalog);
    let mut groups: BTreeMap<(usize, Option<String>), Vec<Entry>> = BTreeMap::new();
    for (id, item) in model.items.iter().enumerate() {
        let a = &item.annotation;
        if !matches!(item.kind, ItemKind::Resource | ItemKind::Module) || a.hide || a.intent.is_some() {
            continue;
        }
        let (role, write) = match &a.role {
            Some(r) => (Some(r.clone()), false),
            None => (analysis.roles.get(&id).map(|r| r.role.clone()).filter(|r| r != "other"), true),
        };
        let rank = role
            .as_deref()
            .map_or(usize::MAX, |r| DEFAULT_ROLES.iter().position(|d| d.id == r).unwrap_or(DEFAULT_ROLES.len()));
        groups.entry((rank, role)).or_default().push((item.address.clone(), write));
    }
    let choices: Vec<&str> = DEFAULT_ROLES.iter().map(|r| r.id).collect();
    for ((_, role), mut members) in groups {
        members.sort();
        let heading = role.as_deref().unwrap_or("no role inferred");
        out.push_str(&format!("\n# --- {heading} ---\n"));
        for (address, write) in members {
            out.push_str(&format!("\n[resources.{}]\nintent = \"\"\n", quote(&address)));
            match (&role, write) {
                (Some(r), true) => out.push_str(&format!("role = {}\n", quote(r))),
                (None, _) => out.push_str(&format!("# role = \"\"  # one of: {}\n", choices.join(", "))),
                (Some(_), false) => {}
            }
        }
    }
    out
}

/// One resource to document: its address, and whether its (inferred) role must be written.
type Entry = (String, bool);

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML key: bare when it can be, quoted otherwise.
fn key(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        s.to_string()
    } else {
        quote(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_round_trips_through_toml() {
        let tricky = "a \"b\" \\ c\nd";
        let parsed: toml::Table = toml::from_str(&format!("x = {}", quote(tricky))).expect("valid toml");
        assert_eq!(parsed.get("x").and_then(|v| v.as_str()), Some(tricky));
        assert_eq!(key("one-off"), "one-off");
        assert_eq!(key("a.b"), "\"a.b\"");
    }
}

//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use zumen::model::{ItemKind, Model};

/// Where the shared cases are: `../shared/cases` beside the checkout (as in CI), or
/// `ZUMEN_SHARED_CASES`.
pub fn shared_root() -> PathBuf {
    std::env::var_os("ZUMEN_SHARED_CASES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/cases"))
}

/// True (and a notice) when the shared cases are not there: a fresh clone has no `../shared`, so
/// those tests skip on a developer's machine. Under CI they must run, so there it panics.
pub fn skip_without_shared() -> bool {
    let root = shared_root();
    if root.is_dir() {
        return false;
    }
    assert!(std::env::var_os("CI").is_none(), "shared cases missing under CI: {}", root.display());
    eprintln!("skipping: shared cases not found at {} (CI lays them beside the checkout)", root.display());
    true
}

/// `../shared/cases/<id>` from the project root.
pub fn case_dir(id: &str) -> PathBuf {
    let root = shared_root();
    let found = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("shared cases at {}: {e}", root.display()))
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(id))
        .unwrap_or_else(|| panic!("no shared case {id}"));
    found.path()
}

pub fn model_of(dir: &std::path::Path) -> Model {
    zumen::build::model_only(dir, None).unwrap_or_else(|e| panic!("model of {}: {e:#}", dir.display()))
}

pub fn case_model(id: &str) -> Model {
    model_of(&case_dir(id))
}

/// Direct references as `from -> to` address pairs.
pub fn references(model: &Model) -> Vec<(String, String)> {
    let mut v: Vec<_> = model
        .references
        .iter()
        .map(|r| (model.items[r.from].address.clone(), model.items[r.to].address.clone()))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Resolved dependencies as `from -> to` address pairs.
pub fn dependencies(model: &Model) -> Vec<(String, String)> {
    let mut v: Vec<_> = model
        .dependencies
        .iter()
        .map(|r| (model.items[r.from].address.clone(), model.items[r.to].address.clone()))
        .collect();
    v.sort();
    v.dedup();
    v
}

pub fn has_ref(model: &Model, from: &str, to: &str) -> bool {
    references(model).iter().any(|(f, t)| f == from && t == to)
}

pub fn addresses(model: &Model, kind: ItemKind) -> Vec<String> {
    model.of_kind(kind).map(|(_, i)| i.address.clone()).collect()
}

pub fn errors(model: &Model) -> Vec<String> {
    model.diagnostics.iter().filter(|d| d.level == zumen::diagnostic::Level::Error).map(|d| d.render()).collect()
}

pub fn warnings(model: &Model) -> Vec<String> {
    model.diagnostics.iter().filter(|d| d.level >= zumen::diagnostic::Level::Warning).map(|d| d.render()).collect()
}

#[track_caller]
pub fn assert_ref(model: &Model, from: &str, to: &str) {
    assert!(has_ref(model, from, to), "expected reference {from} -> {to}; have {:#?}", references(model));
}

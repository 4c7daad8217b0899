//! Parse stage: reads the files of a root and of every local module it calls into zumen's
//! [`crate::syntax`] tree.
//!
//! Only this stage imports hcl-edit. Syntax errors become diagnostics with file, line, column and
//! an excerpt; the other files are still read. Module calls with a local `source` (`./x`, `../x`)
//! are followed, as are remote modules that `terraform init` recorded in
//! `.terraform/modules/modules.json`; a call chain that comes back to a directory it is already
//! in stops there with a warning.

pub mod dump;
mod expr;
mod hcl;
mod json;
mod lex;
mod repair;
pub mod source;

use crate::diagnostic::{Diagnostic, Level, Location};
use crate::discover::{self, SourceFile};
use crate::syntax::{Block, Body};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Calls nested deeper than this are not followed (a guard against pathological trees).
const MAX_MODULE_DEPTH: usize = 24;

/// One parsed file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFile {
    /// Path relative to the root, forward slashes.
    pub display: String,
    pub body: Body,
    /// The file's header comment (see [`crate::model::Model::header`]).
    pub header: Option<String>,
}

/// One module directory's files: the root (`address == ""`) or a module call's.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedModule {
    /// Module address of the call that loaded it: `""`, `module.network.module.flow_logs`.
    pub address: String,
    /// Directory relative to the root (`modules/network`), `""` for the root.
    pub dir: String,
    pub files: Vec<ParsedFile>,
}

/// The root and every module reached from it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedTree {
    pub modules: Vec<ParsedModule>,
    pub diagnostics: Vec<Diagnostic>,
}

impl ParsedTree {
    /// The parsed module loaded for a call address.
    pub fn module(&self, address: &str) -> Option<&ParsedModule> {
        self.modules.iter().find(|m| m.address == address)
    }
}

/// Parses one file's text (a leading byte-order mark is ignored, as Terraform does).
pub fn parse_text(display: &str, text: &str, json: bool) -> Result<ParsedFile, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if json {
        json::parse(display, text)
    } else {
        hcl::parse(display, text)
    }
}

fn read_and_parse(file: &SourceFile) -> Result<ParsedFile, Diagnostic> {
    let location = || Location { file: file.display.clone(), line: 1, column: 1 };
    let bytes = std::fs::read(&file.path)
        .map_err(|e| Diagnostic::new(Level::Error, "unreadable", format!("cannot read file: {e}")).at(location()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Diagnostic::new(Level::Error, "encoding", "file is not valid UTF-8").at(location()))?;
    parse_text(&file.display, &text, file.json)
}

/// Parses every file of `files` in parallel; failures become diagnostics.
pub fn parse_files(files: &[SourceFile]) -> (Vec<ParsedFile>, Vec<Diagnostic>) {
    let results: Vec<_> = files.par_iter().map(read_and_parse).collect();
    let mut parsed = Vec::new();
    let mut diagnostics = Vec::new();
    for result in results {
        match result {
            Ok(file) => parsed.push(file),
            Err(d) => diagnostics.push(d),
        }
    }
    (parsed, diagnostics)
}

/// Loads the root directory and every module it reaches.
pub fn load(root: &Path) -> ParsedTree {
    let mut tree = ParsedTree::default();
    let installed = installed_modules(root);
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let repository = repository_root(&canonical_root);
    // (module address, directory on disk, chain of canonical directories above it)
    let mut queue: Vec<(String, PathBuf, Vec<PathBuf>)> = vec![(String::new(), root.to_path_buf(), Vec::new())];
    while let Some((address, dir, chain)) = queue.pop() {
        let display_dir = relative_display(root, &dir);
        let files = match discover::files_in(&dir, &display_dir) {
            Ok(files) => files,
            Err(e) => {
                tree.diagnostics.push(Diagnostic::new(
                    Level::Error,
                    "unreadable",
                    format!("cannot read directory {}: {e}", dir.display()),
                ));
                continue;
            }
        };
        let (files, diagnostics) = parse_files(&files);
        tree.diagnostics.extend(diagnostics);
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        let mut chain = chain;
        chain.push(canonical);
        for file in &files {
            for call in file.body.blocks.iter().filter(|b| b.kind == "module") {
                let Some(next) = follow(root, &dir, &address, call, &installed) else { continue };
                let (call_address, next_dir) = next;
                let next_canonical = next_dir.canonicalize().unwrap_or_else(|_| next_dir.clone());
                let location = Location { file: file.display.clone(), line: call.line, column: call.column };
                if chain.contains(&next_canonical) {
                    tree.diagnostics.push(
                        Diagnostic::new(
                            Level::Warning,
                            "module-cycle",
                            format!("{call_address} calls a module directory it is already inside; not followed"),
                        )
                        .at(location),
                    );
                } else if chain.len() >= MAX_MODULE_DEPTH {
                    tree.diagnostics.push(
                        Diagnostic::new(
                            Level::Warning,
                            "module-depth",
                            format!("{call_address} nests too deep; not followed"),
                        )
                        .at(location),
                    );
                } else if next_dir.is_dir() {
                    // Sources outside the root are common (`envs/dev` → `../../modules/x`) and
                    // followed, with a note; outside the git repository they are not followed.
                    if !next_canonical.starts_with(&canonical_root) {
                        let outside_repo = repository.as_ref().is_some_and(|r| !next_canonical.starts_with(r));
                        let (level, code, what) = if outside_repo {
                            (Level::Warning, "module-outside-repository", "outside the git repository; not followed")
                        } else {
                            (Level::Note, "module-outside-root", "outside the root directory; followed")
                        };
                        tree.diagnostics.push(
                            Diagnostic::new(level, code, format!("{call_address} reads {} {what}", next_dir.display()))
                                .at(location.clone()),
                        );
                        if outside_repo {
                            continue;
                        }
                    }
                    queue.push((call_address, next_dir, chain.clone()));
                }
            }
        }
        tree.modules.push(ParsedModule { address, dir: display_dir, files });
    }
    tree.modules.sort_by(|a, b| a.address.cmp(&b.address));
    tree
}

/// Where a module call leads: its address and directory, when it is local or installed.
fn follow(
    root: &Path,
    dir: &Path,
    parent: &str,
    call: &Block,
    installed: &BTreeMap<String, PathBuf>,
) -> Option<(String, PathBuf)> {
    let name = call.labels.first()?;
    let address = if parent.is_empty() { format!("module.{name}") } else { format!("{parent}.module.{name}") };
    let source = call.body.attributes.iter().find(|a| a.key == "source")?.value.as_str()?.to_string();
    if is_local_source(&source) {
        return Some((address, normalize(&dir.join(&source))));
    }
    let key = address.strip_prefix("module.").unwrap_or(&address).replace(".module.", ".");
    installed.get(&key).map(|d| (address, root.join(d)))
}

/// The nearest directory at or above `dir` holding `.git`: the repository a root belongs to.
fn repository_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find(|d| d.join(".git").exists()).map(Path::to_path_buf)
}

/// `./x` and `../x` sources are local paths (Terraform's rule: anything else is remote).
pub fn is_local_source(source: &str) -> bool {
    source.starts_with("./") || source.starts_with("../") || source.starts_with(".\\") || source.starts_with("..\\")
}

/// `.terraform/modules/modules.json` (written by `terraform init`): module key → directory.
fn installed_modules(root: &Path) -> BTreeMap<String, PathBuf> {
    #[derive(serde::Deserialize)]
    struct Manifest {
        #[serde(rename = "Modules", default)]
        modules: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        #[serde(rename = "Key")]
        key: String,
        #[serde(rename = "Dir")]
        dir: String,
    }
    let path = root.join(".terraform/modules/modules.json");
    let Ok(text) = std::fs::read_to_string(path) else { return BTreeMap::new() };
    let Ok(manifest) = serde_json::from_str::<Manifest>(&text) else { return BTreeMap::new() };
    manifest.modules.into_iter().filter(|e| !e.key.is_empty()).map(|e| (e.key, PathBuf::from(e.dir))).collect()
}

/// Removes `.` and folds `..` lexically, so displayed paths are stable and cycles are caught
/// even for directories that do not exist.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `dir` relative to `root`, with forward slashes; `""` for the root itself.
pub fn relative_display(root: &Path, dir: &Path) -> String {
    let root = normalize(root);
    let dir = normalize(dir);
    if let Ok(rel) = dir.strip_prefix(&root) {
        return rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
    }
    // Outside the root: climb with `..` until a common ancestor.
    let root_parts: Vec<_> = root.components().collect();
    let dir_parts: Vec<_> = dir.components().collect();
    let common = root_parts.iter().zip(&dir_parts).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); root_parts.len() - common];
    parts.extend(dir_parts[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

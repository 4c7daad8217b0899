//! Finding every Terraform root under a directory, for `zumen build --recursive`.
//!
//! A root is a folder with `.tf`/`.tf.json` files that is not only a local module of another
//! root. Hidden folders (`.terraform`, `.git`) and symlinked folders are skipped, so symlink
//! loops cannot make the walk run forever.

use crate::parse::{self, ParsedTree};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A root with its parsed tree (parsed once, reused by the build).
pub struct FoundRoot {
    /// Path relative to the searched directory, forward slashes (`""` for the directory itself).
    pub relative: String,
    pub dir: PathBuf,
    pub tree: ParsedTree,
}

/// Folders never searched.
const SKIP: &[&str] = &["node_modules", "vendor", "target"];

/// The first folder under `dir` (depth first, by name) that holds Terraform files, for the hint
/// that `--recursive` is wanted when `dir` itself holds none. The walk stops at the first one
/// found (it runs only on that error path).
pub fn first_terraform_folder(dir: &Path) -> Option<PathBuf> {
    candidates(dir, 1).pop()
}

/// Folders under `dir` that hold Terraform files, at most `limit` of them.
fn candidates(dir: &Path, limit: usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        if out.len() >= limit {
            break;
        }
        let Ok(entries) = std::fs::read_dir(&current) else { continue };
        let mut has_tf = false;
        let mut children = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() && !kind.is_symlink() {
                if !name.starts_with('.') && !SKIP.contains(&name.as_str()) {
                    children.push(entry.path());
                }
            } else if name.ends_with(".tf") || name.ends_with(".tf.json") {
                has_tf = true;
            }
        }
        if has_tf {
            out.push(current);
        }
        children.sort();
        stack.extend(children.into_iter().rev());
    }
    out.sort();
    out
}

/// Finds the roots under `dir`, parsing each candidate once.
pub fn find(dir: &Path) -> Vec<FoundRoot> {
    let loaded: Vec<(PathBuf, ParsedTree)> = candidates(dir, usize::MAX)
        .into_par_iter()
        .map(|c| {
            let tree = parse::load(&c);
            (c, tree)
        })
        .collect();
    // Every module directory some candidate reaches, other than the candidate itself.
    let mut called: BTreeSet<PathBuf> = BTreeSet::new();
    for (candidate, tree) in &loaded {
        for module in tree.modules.iter().filter(|m| !m.address.is_empty()) {
            let module_dir = candidate.join(&module.dir);
            if let Ok(canonical) = module_dir.canonicalize() {
                called.insert(canonical);
            }
        }
    }
    loaded
        .into_iter()
        .filter(|(candidate, _)| candidate.canonicalize().map(|c| !called.contains(&c)).unwrap_or(true))
        .map(|(candidate, tree)| FoundRoot { relative: parse::relative_display(dir, &candidate), dir: candidate, tree })
        .collect()
}

/// One root's result in a recursive build.
pub struct RootResult {
    pub relative: String,
    pub outcome: anyhow::Result<crate::build::BuildOutput>,
}

/// Builds every root under `options.root`, in parallel; artifacts get the root's relative path
/// as a prefix. A failing root does not stop the others.
pub fn build_all(options: &crate::build::Options) -> Vec<RootResult> {
    let roots = find(&options.root);
    roots
        .into_par_iter()
        .map(|found| {
            let mut root_options = options.clone();
            root_options.root = found.dir.clone();
            // A sidecar given on the command line applies to the top directory only.
            if !found.relative.is_empty() {
                root_options.config = None;
            }
            let outcome = crate::build::build_tree(found.tree, &root_options).map(|mut out| {
                for artifact in &mut out.artifacts {
                    artifact.path = Path::new(&found.relative).join(&artifact.path);
                }
                out
            });
            RootResult { relative: found.relative, outcome }
        })
        .collect()
}

/// Whether a built root's outputs are written: not when it has errors, unless the user asked to
/// keep going. The index and the writer ask the same question, so the index never links a root
/// whose files were not written.
pub fn is_written(out: &crate::build::BuildOutput, keep_going: bool) -> bool {
    keep_going || !crate::diagnostic::has_errors(&out.diagnostics)
}

/// `README.md` and `index.html` at the top of a recursive build, linking every written root with
/// a one-line summary (resources, intent coverage); a root that failed or was not written is
/// listed by name, without a link, with its error count or error.
pub fn index_artifacts(results: &[RootResult], keep_going: bool) -> Vec<crate::output::Artifact> {
    use crate::model::ItemKind;
    let mut md =
        String::from("# Terraform roots\n\n| root | resources | intent coverage | status |\n|---|---:|---:|---|\n");
    let mut html = String::from(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Terraform roots</title>\n<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left}@media (prefers-color-scheme: dark){body{background:#111;color:#eee}a{color:#8ab4f8}}</style>\n</head>\n<body>\n<h1>Terraform roots</h1>\n<table>\n<tr><th>root</th><th>resources</th><th>intent coverage</th><th>status</th></tr>\n",
    );
    for r in results {
        let name = if r.relative.is_empty() { ".".to_string() } else { r.relative.clone() };
        let link = if r.relative.is_empty() { String::new() } else { format!("{}/", r.relative) };
        match &r.outcome {
            Ok(out) => {
                // The same count `zumen check` prints: resources and module calls not `@hide`.
                let resources = out.model.of_kind(ItemKind::Resource).count();
                let cov = crate::check::model_coverage(&out.model);
                let (covered, total) = (cov.covered, cov.total);
                let coverage = cov.percent;
                let errors = out.diagnostics.iter().filter(|d| d.level == crate::diagnostic::Level::Error).count();
                let errors_text = if errors == 1 { "1 error".to_string() } else { format!("{errors} errors") };
                let (md_name, html_name, status) = if !is_written(out, keep_going) {
                    (md_cell(&name), html_escape(&name), format!("{errors_text}; not written"))
                } else {
                    (
                        format!("[{}]({}DESIGN.md)", md_cell(&name), md_link(&link)),
                        format!("<a href=\"{}index.html\">{}</a>", html_attr(&link), html_escape(&name)),
                        if errors == 0 { "ok".to_string() } else { errors_text },
                    )
                };
                md.push_str(&format!(
                    "| {md_name} | {resources} | {covered}/{total} ({coverage}%) | {} |\n",
                    md_cell(&status)
                ));
                html.push_str(&format!(
                    "<tr><td>{html_name}</td><td>{resources}</td><td>{covered}/{total} ({coverage}%)</td><td>{}</td></tr>\n",
                    html_escape(&status)
                ));
            }
            Err(e) => {
                md.push_str(&format!("| {} | – | – | failed: {} |\n", md_cell(&name), md_cell(&format!("{e:#}"))));
                html.push_str(&format!(
                    "<tr><td>{}</td><td>–</td><td>–</td><td>failed: {}</td></tr>\n",
                    html_escape(&name),
                    html_escape(&format!("{e:#}"))
                ));
            }
        }
    }
    html.push_str("</table>\n</body>\n</html>\n");
    vec![
        crate::output::Artifact { path: "README.md".into(), bytes: md.into_bytes() },
        crate::output::Artifact { path: "index.html".into(), bytes: html.into_bytes() },
    ]
}

use crate::doc::escape::{html_attr, html_text as html_escape, md_cell};

/// A relative link target for Markdown: spaces and parentheses would end the link early.
fn md_link(s: &str) -> String {
    s.replace(' ', "%20").replace('(', "%28").replace(')', "%29")
}

//! Discover stage: finds the Terraform files of one directory.

use std::path::{Path, PathBuf};

/// One Terraform source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the root being built, with forward slashes (used in diagnostics).
    pub display: String,
    pub path: PathBuf,
    pub json: bool,
}

/// The `*.tf` and `*.tf.json` files directly in `dir`, sorted by name. `display_prefix` is the
/// directory's path relative to the root (`""` for the root itself).
pub fn files_in(dir: &Path, display_prefix: &str) -> std::io::Result<Vec<SourceFile>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let json = name.ends_with(".tf.json");
        if !(json || name.ends_with(".tf")) || name.starts_with('.') {
            continue;
        }
        if !entry.file_type().map(|t| t.is_file() || t.is_symlink()).unwrap_or(false) {
            continue;
        }
        let display = if display_prefix.is_empty() { name.clone() } else { format!("{display_prefix}/{name}") };
        files.push(SourceFile { display, path: entry.path(), json });
    }
    files.sort_by(|a, b| a.display.cmp(&b.display));
    Ok(files)
}

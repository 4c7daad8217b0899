//! Output: the generated files, written once at the end of a successful run.
//!
//! Every file is written to a temporary file in the target directory and renamed into place, so
//! a failed run leaves the previous output intact; `--check` compares instead of writing.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// One generated file, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Writes every artifact under `dir` atomically (temp file + rename per file).
pub fn write_all(dir: &Path, artifacts: &[Artifact]) -> Result<()> {
    for artifact in artifacts {
        let target = dir.join(&artifact.path);
        let parent = target.parent().unwrap_or(dir);
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = parent.join(format!(".{name}.zumen-tmp"));
        std::fs::write(&tmp, &artifact.bytes).with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, &target).with_context(|| format!("renaming into {}", target.display()))?;
    }
    Ok(())
}

/// The artifacts whose bytes differ from what is on disk under `dir` (missing files count).
pub fn stale(dir: &Path, artifacts: &[Artifact]) -> Vec<PathBuf> {
    artifacts
        .iter()
        .filter(|a| std::fs::read(dir.join(&a.path)).map(|b| b != a.bytes).unwrap_or(true))
        .map(|a| a.path.clone())
        .collect()
}

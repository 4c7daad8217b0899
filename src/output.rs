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

/// Writes every artifact under `dir`: first every file to a temporary name beside its target,
/// then each renamed into place. A failure while writing (disk full, a directory in the way, no
/// permission) removes the temporary files and leaves every previous output untouched.
pub fn write_all(dir: &Path, artifacts: &[Artifact]) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!("output path {} exists and is not a directory", dir.display());
    }
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(artifacts.len());
    let result = (|| -> Result<()> {
        for artifact in artifacts {
            let target = dir.join(&artifact.path);
            if target.is_dir() {
                anyhow::bail!("cannot write {}: a directory is in the way", target.display());
            }
            let parent = target.parent().unwrap_or(dir);
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
            let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let tmp = parent.join(format!(".{name}.zumen-tmp"));
            std::fs::write(&tmp, &artifact.bytes).with_context(|| format!("writing {}", tmp.display()))?;
            staged.push((tmp, target));
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (tmp, _) in &staged {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    for (tmp, target) in &staged {
        std::fs::rename(tmp, target).with_context(|| format!("renaming into {}", target.display()))?;
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

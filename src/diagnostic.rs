//! Diagnostics: every problem found in the input, collected across stages and rendered at the end.
//!
//! Stages never abort on bad input; they push a [`Diagnostic`] and carry on, so one broken file
//! does not hide the findings in the others.

use serde::Serialize;
use std::fmt;

/// How bad a finding is. Errors make `zumen build` exit non-zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Note,
    Warning,
    Error,
}

/// A position in a source file; `line` and `column` are 1-based, columns count characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// Path relative to the root that was built (forward slashes).
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One finding about the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    /// Stable machine-readable code, e.g. `syntax`, `module-missing`, `unknown-tag`.
    pub code: &'static str,
    pub message: String,
    pub location: Option<Location>,
    /// The offending source line, for the caret excerpt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

impl Diagnostic {
    pub fn new(level: Level, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { level, code, message: message.into(), location: None, excerpt: None }
    }

    /// The same finding with its file joined to `root` as the user gave it (`envs/dev` +
    /// `main.tf` → `envs/dev/main.tf`), so a path printed by any command opens from where zumen
    /// was run. `.` and an empty root leave the path as it is.
    pub fn rooted(&self, root: &str) -> Diagnostic {
        let mut d = self.clone();
        let root = root.trim_end_matches('/');
        if let Some(loc) = d.location.as_mut() {
            if !root.is_empty() && root != "." {
                loc.file = format!("{root}/{}", loc.file);
            }
        }
        d
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn with_excerpt(mut self, line: impl Into<String>) -> Self {
        self.excerpt = Some(line.into());
        self
    }

    /// `path:line:col: level[code]: message`, then the excerpt with a caret under the column.
    pub fn render(&self) -> String {
        let level = match self.level {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        };
        let mut out = match &self.location {
            Some(loc) => format!("{loc}: {level}[{}]: {}", self.code, self.message),
            None => format!("{level}[{}]: {}", self.code, self.message),
        };
        if let (Some(line), Some(loc)) = (&self.excerpt, &self.location) {
            let gutter = loc.line.to_string().len();
            out.push_str(&format!(
                "\n{:gutter$} |\n{} | {}\n{:gutter$} | {}^",
                "",
                loc.line,
                line,
                "",
                " ".repeat(loc.column.saturating_sub(1))
            ));
        }
        out
    }
}

/// Drops repeats of the same finding, keeping the first's place. A module called twice is read
/// once but modelled per call, so a fault in its files (an unknown tag) would otherwise be
/// reported once per call at the same line.
pub fn dedup(diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::BTreeSet::new();
    diagnostics.retain(|d| seen.insert((d.level, d.code, d.message.clone(), d.location.clone())));
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.level == Level::Error)
}

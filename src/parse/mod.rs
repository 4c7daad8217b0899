//! Parse stage: reads source files into zumen's [`crate::syntax`] tree.
//!
//! Only this stage imports hcl-edit. Syntax errors become diagnostics with file, line, column and
//! an excerpt; the other files are still read.

use crate::diagnostic::Diagnostic;
use crate::syntax::Body;

/// One parsed file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFile {
    /// Path relative to the root, forward slashes.
    pub display: String,
    pub body: Body,
    /// The file's header comment (see [`crate::model::Model::header`]).
    pub header: Option<String>,
}

/// One module directory's files: the root (`address == ""`) or a local module call's.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedModule {
    /// Module address of the call that loaded it: `""`, `module.network.module.flow_logs`.
    pub address: String,
    /// Directory relative to the root (`modules/network`).
    pub dir: String,
    pub files: Vec<ParsedFile>,
}

/// The root and every local module reached from it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedTree {
    pub modules: Vec<ParsedModule>,
    pub diagnostics: Vec<Diagnostic>,
}

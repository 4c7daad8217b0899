//! The `zumen build` pipeline as a library call.

use crate::analyze::Analysis;
use crate::model::Model;
use crate::output::Artifact;

/// What one build produced.
pub struct BuildOutput {
    pub model: Model,
    pub analysis: Analysis,
    pub artifacts: Vec<Artifact>,
}

//! zumen reads a Terraform code base plus intent annotations and draws the design it carries.
//!
//! The pipeline, one module per stage, each handing one owned value to the next:
//!
//! ```text
//! discover → parse → model → analyze → layout → render (svg) ─┐
//!                                   └────────→ doc (md/html) ─┴→ output (atomic write / --check)
//! ```
//!
//! | stage | input | output |
//! |---|---|---|
//! | [`discover`] + [`parse`] | root directory | [`parse::ParsedTree`]: files of the root and its local modules |
//! | [`model`] | `ParsedTree`, sidecar | [`model::Model`] |
//! | [`analyze`] | `Model`, [`catalog::Catalog`] | [`analyze::Analysis`] with [`analyze::Diagram`]s |
//! | [`layout`] | `Diagram` | [`layout::Scene`] |
//! | [`render`] | `Scene`, [`theme::Theme`] | SVG text |
//! | [`doc`] | `Model`, `Analysis`, SVGs | [`output::Artifact`]s |
//!
//! See `docs/ARCHITECTURE.md` for the invariants.

pub mod analyze;
pub mod build;
pub mod catalog;
pub mod check;
pub mod diagnostic;
pub mod discover;
pub mod doc;
pub mod init;
pub mod inject;
pub mod layout;
pub mod model;
pub mod output;
pub mod parse;
pub mod render;
pub mod roles;
pub mod roots;
pub mod suggest;
pub mod syntax;
pub mod theme;

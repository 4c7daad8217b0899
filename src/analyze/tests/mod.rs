//! Analyze-stage tests on hand-built models.

mod builder;
mod instances;
mod lod;
mod providers;
mod web_stack;

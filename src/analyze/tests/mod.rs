//! Analyze-stage tests on hand-built models.

mod builder;
mod overview;
mod lod;
mod providers;
mod web_stack;

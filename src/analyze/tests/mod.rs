//! Analyze-stage tests on hand-built models.

mod builder;
mod lod;
mod overview;
mod providers;
mod web_stack;

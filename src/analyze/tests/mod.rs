//! Analyze-stage tests on hand-built models.

mod builder;
mod lod;
mod web_stack;

//! Resolving references to the resources they come from.

use super::{ItemId, Model};
use crate::syntax::Expr;

pub(super) fn resolve_expr(_model: &Model, _from: ItemId, _expr: &Expr) -> Vec<ItemId> {
    Vec::new() // FIXME(parser-owner): filled in by the model stage work.
}

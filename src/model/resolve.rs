//! Resolving an expression's references to the resources they come from (for the analyze stage).

use super::refs::{is_terminal, prefix_of, target};
use super::{ItemId, Model};
use crate::syntax::Expr;

pub(super) fn resolve_expr(model: &Model, from: ItemId, expr: &Expr) -> Vec<ItemId> {
    let Some(item) = model.items.get(from) else { return Vec::new() };
    let prefix = prefix_of(&item.module);
    let mut out = Vec::new();
    for r in expr.refs() {
        let Some(to) = target(&model.index, &prefix, r) else { continue };
        if is_terminal(model, to) {
            out.push(to);
        } else if let Some(reach) = model.reach.get(to) {
            out.extend(reach.iter().copied());
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

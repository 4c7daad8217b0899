//! Type-specific facts for the document: catalog `facts` rows, plus ECS containers.
//!
//! Part of the analyze stage, independent of the diagrams. Rows are data-driven (the catalog
//! lists `attribute:Label` per type); values are literals as written, references shown as the
//! address they resolve to. Only container definitions need code ([`super::containers`]).

use super::classify::Classes;
use super::containers::containers;
use super::links::{exprs_at, Links};
use super::Facts;
use crate::model::{ItemId, Model};
use crate::syntax::{Expr, TemplatePart};
use std::collections::BTreeMap;

pub(crate) fn facts(model: &Model, links: &Links, classes: &Classes) -> BTreeMap<ItemId, Facts> {
    let mut out = BTreeMap::new();
    for (&id, class) in &classes.of {
        let item = &model.items[id];
        let mut f = Facts::default();
        for fact in &class.spec.facts {
            let (path, label) = fact.split_once(':').map_or((fact.as_str(), None), |(p, l)| (p, Some(l.to_string())));
            let values: Vec<String> =
                exprs_at(&item.body, path).into_iter().map(|e| value_text(links, id, e)).collect();
            if !values.is_empty() {
                f.rows.push((label.unwrap_or_else(|| humanize(path)), values.join(", ")));
            }
        }
        if let Some(attr) = &class.spec.containers {
            if let Some(expr) = exprs_at(&item.body, attr).first() {
                let (list, row) = containers(links, id, expr);
                f.containers = list;
                f.rows.extend(row);
            }
        }
        if !f.rows.is_empty() || !f.containers.is_empty() {
            out.insert(id, f);
        }
    }
    out
}

/// `load_balancer.container_port` → `Container port`.
fn humanize(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path).replace('_', " ");
    let mut chars = last.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// An expression for display: literals as is, a lone reference as the address it resolves to
/// (with the attribute it reads), templates with their references resolved the same way.
pub(crate) fn value_text(links: &Links, from: ItemId, expr: &Expr) -> String {
    match expr {
        Expr::String(s) => s.clone(),
        Expr::Number(_) | Expr::Bool(_) | Expr::Null => expr.to_string(),
        Expr::Ref(r) => match links.resolve(from, expr).as_slice() {
            [one] => format!("{}{}", links.address(*one), Links::ref_suffix(r)),
            _ => expr.to_string(),
        },
        Expr::Template(parts) => {
            let mut out = String::new();
            for p in parts {
                match p {
                    TemplatePart::Literal(s) => out.push_str(s),
                    TemplatePart::Interpolation(e @ Expr::Ref(_)) => {
                        out.push_str("${");
                        out.push_str(&value_text(links, from, e));
                        out.push('}');
                    }
                    TemplatePart::Interpolation(e) => out.push_str(&format!("${{{e}}}")),
                    TemplatePart::Directive { text, .. } => out.push_str(text),
                }
            }
            out
        }
        Expr::List(items) if items.iter().all(|e| matches!(e, Expr::String(_) | Expr::Number(_) | Expr::Ref(_))) => {
            items.iter().map(|e| value_text(links, from, e)).collect::<Vec<_>>().join(", ")
        }
        Expr::Paren(e) => value_text(links, from, e),
        _ => expr.to_string(),
    }
}

/// Where a secret comes from: the address of the secret or parameter when the expression
/// references exactly one, keeping a JSON-key suffix (`:password::`); else the text.
pub(crate) fn source_text(links: &Links, from: ItemId, expr: &Expr) -> String {
    match links.resolve(from, expr).as_slice() {
        [one] => {
            let suffix = match expr {
                Expr::Template(parts) => parts
                    .iter()
                    .skip_while(|p| !matches!(p, TemplatePart::Interpolation(_)))
                    .skip(1)
                    .map(|p| match p {
                        TemplatePart::Literal(s) => s.clone(),
                        _ => String::new(),
                    })
                    .collect::<String>(),
                _ => String::new(),
            };
            format!("{}{suffix}", links.address(*one))
        }
        _ => value_text(links, from, expr),
    }
}

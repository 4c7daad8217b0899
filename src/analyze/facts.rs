//! Type-specific facts for the document: catalog `facts` rows, plus ECS containers.
//!
//! Part of the analyze stage, independent of the diagrams. Rows are data-driven (the catalog
//! lists `attribute:Label` per type); values are literals as written, references shown as the
//! address they resolve to. Only container definitions need code ([`super::containers`]).

use super::classify::Classes;
use super::containers::containers;
use super::links::{exprs_at, Links};
use super::relations::literal_text;
use super::Facts;
use crate::model::{ItemId, Model};
use crate::syntax::{Expr, Ref, TemplatePart};
use std::collections::BTreeMap;

pub(crate) fn facts(model: &Model, links: &Links, classes: &Classes) -> BTreeMap<ItemId, Facts> {
    let mut out = BTreeMap::new();
    for (&id, class) in &classes.of {
        let item = &model.items[id];
        let mut f = Facts::default();
        for fact in &class.spec.facts {
            let (path, label) = fact.split_once(':').map_or((fact.as_str(), None), |(p, l)| (p, Some(l.to_string())));
            let values: Vec<String> = exprs_at(&item.body, path).into_iter().map(|e| row_text(links, id, e)).collect();
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

/// A fact row names things: a reference to a resource shows its address alone (the document can
/// link it), not the attribute it reads (`.arn`, `.id`).
fn row_text(links: &Links, from: ItemId, expr: &Expr) -> String {
    match expr {
        Expr::Ref(r) if !matches!(r.root.as_str(), "var" | "local" | "module") => {
            match links.resolve_display(from, expr).as_slice() {
                [one] => links.address(*one).to_string(),
                _ => value_text(links, from, expr),
            }
        }
        _ => value_text(links, from, expr),
    }
}

/// `load_balancer.container_port` → `Container port`.
fn humanize(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path).replace('_', " ");
    let mut chars = last.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// An expression for display: literals as is, a lone reference as the address it resolves to
/// (with the attribute it reads), templates with their references resolved the same way. A
/// local is shown by its value; a variable by its default, or what it resolves to.
pub(crate) fn value_text(links: &Links, from: ItemId, expr: &Expr) -> String {
    text_at(links, from, expr, 0)
}

/// Locals may refer to locals; this bounds the inlining.
const MAX_INLINE: usize = 4;

fn text_at(links: &Links, from: ItemId, expr: &Expr, depth: usize) -> String {
    match expr {
        Expr::String(s) => s.clone(),
        Expr::Number(_) | Expr::Bool(_) | Expr::Null => expr.to_string(),
        Expr::Ref(r) => ref_text(links, from, r, expr, depth),
        Expr::Template(parts) => {
            let mut out = String::new();
            for p in parts {
                match p {
                    TemplatePart::Literal(s) => out.push_str(s),
                    TemplatePart::Interpolation(e @ Expr::Ref(r)) if r.root == "local" => {
                        out.push_str(&text_at(links, from, e, depth));
                    }
                    TemplatePart::Interpolation(e @ Expr::Ref(_)) => {
                        out.push_str("${");
                        out.push_str(&text_at(links, from, e, depth));
                        out.push('}');
                    }
                    TemplatePart::Interpolation(e) => out.push_str(&format!("${{{e}}}")),
                    TemplatePart::Directive { text, .. } => out.push_str(text),
                }
            }
            out
        }
        Expr::List(items) if items.iter().all(|e| matches!(e, Expr::String(_) | Expr::Number(_) | Expr::Ref(_))) => {
            items.iter().map(|e| text_at(links, from, e, depth)).collect::<Vec<_>>().join(", ")
        }
        Expr::Paren(e) => text_at(links, from, e, depth),
        _ => expr.to_string(),
    }
}

fn ref_text(links: &Links, from: ItemId, r: &Ref, expr: &Expr, depth: usize) -> String {
    let model = links.model();
    let prefix = model.items.get(from).map_or(String::new(), |i| {
        if i.module.is_empty() {
            String::new()
        } else {
            format!("{}.", i.module)
        }
    });
    let named = |kind: &str| r.attr(0).and_then(|name| links.find(&format!("{prefix}{kind}.{name}")));
    match r.root.as_str() {
        "local" if depth < MAX_INLINE && r.steps.len() == 1 => {
            if let Some(value) = named("local").and_then(|l| model.items[l].attr("value").map(|v| (l, v))) {
                return text_at(links, value.0, value.1, depth + 1);
            }
        }
        "var" => {
            let default = named("var").and_then(|v| model.items[v].attr("default")).and_then(literal_text);
            if let Some(d) = default {
                return format!("{expr} (default {d})");
            }
            if let [one] = links.resolve_display(from, expr).as_slice() {
                return format!("{expr} ({})", links.address(*one));
            }
            return expr.to_string();
        }
        _ => {}
    }
    match links.resolve_display(from, expr).as_slice() {
        [one] if r.root != "local" && r.root != "module" => format!("{}{}", links.address(*one), Links::ref_suffix(r)),
        [one] => format!("{expr} ({})", links.address(*one)),
        _ => expr.to_string(),
    }
}

/// Where a secret comes from: the address of the secret or parameter when the expression
/// references exactly one, keeping a JSON-key suffix (`:password::`); else the text.
pub(crate) fn source_text(links: &Links, from: ItemId, expr: &Expr) -> String {
    match links.resolve_display(from, expr).as_slice() {
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

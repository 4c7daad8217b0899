//! Terraform JSON syntax (`*.tf.json`), converted to the same [`Body`] tree as native HCL.
//!
//! Follows Terraform's JSON configuration syntax: top-level keys are block types; strings are
//! templates (`"${var.x}"`); `depends_on`, `type` and similar take expressions written as strings;
//! `"//"` keys are comments. Without provider schemas, a nested object (or array of objects) in a
//! resource is read as a nested block unless its key is a well-known map attribute (`tags`, …).

use super::expr::{template, Scope};
use super::ParsedFile;
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::syntax::{Attribute, Block, Body, Expr};
use serde_json::Value;

/// Block types and how many labels each has in the JSON nesting.
const LABELS: &[(&str, usize)] = &[
    ("resource", 2),
    ("data", 2),
    ("ephemeral", 2),
    ("module", 1),
    ("variable", 1),
    ("output", 1),
    ("provider", 1),
    ("check", 1),
    ("terraform", 0),
    ("locals", 0),
    ("moved", 0),
    ("import", 0),
    ("removed", 0),
];

/// Attributes whose string values are expressions, not templates.
const EXPRESSION_KEYS: &[&str] = &["depends_on", "type", "providers", "provider", "to", "from", "for_each", "count"];

/// Attributes that hold maps, never nested blocks.
const MAP_KEYS: &[&str] =
    &["tags", "tags_all", "labels", "triggers", "environment", "variables", "default", "value", "metadata", "locals"];

pub fn parse(display: &str, text: &str) -> Result<ParsedFile, Diagnostic> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Diagnostic::new(Level::Error, "syntax", format!("invalid JSON: {e}")).at(Location {
            file: display.to_string(),
            line: e.line().max(1),
            column: e.column().max(1),
        })
    })?;
    let Value::Object(top) = value else {
        return Err(Diagnostic::new(Level::Error, "syntax", "a .tf.json file must hold a JSON object").at(Location {
            file: display.to_string(),
            line: 1,
            column: 1,
        }));
    };
    let finder = LineFinder { text };
    let mut body = Body::default();
    for (kind, value) in &top {
        if kind == "//" {
            continue;
        }
        let labels = LABELS.iter().find(|(k, _)| k == kind).map(|(_, n)| *n).unwrap_or(0);
        for (labels, content) in unnest(value, labels) {
            for content in as_bodies(content) {
                let needle = labels.last().cloned().unwrap_or_else(|| kind.clone());
                let line = finder.line_of_key(&needle);
                let body_value =
                    if kind == "locals" { block_body(content, &[], true) } else { block_body(content, &[], false) };
                body.blocks.push(Block {
                    kind: kind.clone(),
                    labels: labels.clone(),
                    body: body_value,
                    line,
                    column: 1,
                    leading_comment: Vec::new(),
                });
            }
        }
    }
    Ok(ParsedFile { display: display.to_string(), body, header: None })
}

/// Walks `n` levels of label objects: `{"aws_vpc": {"main": {...}}}` → (["aws_vpc","main"], {...}).
fn unnest(value: &Value, n: usize) -> Vec<(Vec<String>, &Value)> {
    if n == 0 {
        return vec![(Vec::new(), value)];
    }
    let mut out = Vec::new();
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for item in items {
        if let Value::Object(map) = item {
            for (key, inner) in map {
                if key == "//" {
                    continue;
                }
                for (mut labels, body) in unnest(inner, n - 1) {
                    labels.insert(0, key.clone());
                    out.push((labels, body));
                }
            }
        }
    }
    out
}

fn as_bodies(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

fn block_body(value: &Value, _path: &[String], all_attributes: bool) -> Body {
    let mut body = Body::default();
    let Value::Object(map) = value else { return body };
    for (key, v) in map {
        if key == "//" {
            continue;
        }
        let is_block_shape = match v {
            Value::Object(_) => true,
            Value::Array(items) => !items.is_empty() && items.iter().all(Value::is_object),
            _ => false,
        };
        if !all_attributes && is_block_shape && !MAP_KEYS.contains(&key.as_str()) {
            let label_count = if key == "dynamic" { 1 } else { 0 };
            for (labels, content) in unnest(v, label_count) {
                for content in as_bodies(content) {
                    body.blocks.push(Block {
                        kind: key.clone(),
                        labels: labels.clone(),
                        body: block_body(content, &[], false),
                        line: 0,
                        column: 0,
                        leading_comment: Vec::new(),
                    });
                }
            }
        } else {
            let expression = EXPRESSION_KEYS.contains(&key.as_str());
            body.attributes.push(Attribute { key: key.clone(), value: value_expr(v, expression), line: 0 });
        }
    }
    body
}

/// A JSON value as an expression: strings are templates (or, for `expression` keys, whole
/// expressions written as text).
fn value_expr(value: &Value, expression: bool) -> Expr {
    match value {
        Value::Null => Expr::Null,
        Value::Bool(b) => Expr::Bool(*b),
        Value::Number(n) => Expr::Number(n.as_f64().unwrap_or(0.0)),
        Value::String(s) if expression => match hcl_edit::parser::parse_expr(s) {
            Ok(e) => super::expr::convert(&e, &Scope::default()),
            Err(_) => Expr::String(s.clone()),
        },
        Value::String(s) => match hcl_edit::parser::parse_template(s) {
            Ok(t) => template(&t, &Scope::default()),
            Err(_) => Expr::String(s.clone()),
        },
        Value::Array(items) => Expr::List(items.iter().map(|v| value_expr(v, expression)).collect()),
        Value::Object(map) => Expr::Object(
            map.iter()
                .filter(|(k, _)| *k != "//")
                .map(|(k, v)| (Expr::String(k.clone()), value_expr(v, false)))
                .collect(),
        ),
    }
}

/// Approximate source lines for JSON blocks: serde_json keeps no positions, so the line of the
/// first `"label":` occurrence is used.
struct LineFinder<'a> {
    text: &'a str,
}

impl LineFinder<'_> {
    fn line_of_key(&self, key: &str) -> usize {
        let needle = format!("\"{key}\"");
        self.text.find(&needle).map(|at| self.text[..at].matches('\n').count() + 1).unwrap_or(1)
    }
}

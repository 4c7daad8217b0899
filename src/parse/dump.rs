//! Writes a parsed [`Body`] in the JSON shape of `@cdktf/hcl2json`, a WebAssembly build of
//! HashiCorp's own HCL parser, so that `scripts/conformance.mjs` can compare the two parsers
//! file by file. Not part of the pipeline: only the `zumen-dump` binary and tests use it.
//!
//! The shape (learnt from hcl2json's output, see `docs/robustness.md`):
//! - a block is keyed by its type, then by each label in turn; the innermost value is an array
//!   holding one object per block body (blocks with the same type and labels append);
//! - an attribute whose value is a literal (number, bool, null, string, and lists/objects of
//!   those, recursively) is that JSON value; `-5` and `!true` are folded as HashiCorp does;
//! - a template is a string in which literal text is re-escaped (`$${`, `%%{`) and every
//!   non-literal interpolation is `${ source }`; a template that is one interpolation only is
//!   the value of that interpolation (`"${var.x}"` → `"${var.x}"`, `"${1}"` → `1`);
//! - any other expression is `"${ source }"`. Our source text is normalised (spacing,
//!   comments), HashiCorp's is verbatim, so the comparison script compares those loosely.

use crate::syntax::{Body, Expr, TemplatePart};
use serde_json::{Map, Number, Value};

/// The hcl2json rendering of a file body.
pub fn to_hcl2json(body: &Body) -> Value {
    let mut out = Map::new();
    for attribute in &body.attributes {
        out.insert(attribute.key.clone(), value(&attribute.value));
    }
    for block in &body.blocks {
        // Walk (creating as needed) one object level per label; the last level holds the array.
        let mut slot = out.entry(block.kind.clone()).or_insert_with(|| empty_for(block.labels.is_empty()));
        for (i, label) in block.labels.iter().enumerate() {
            let last = i + 1 == block.labels.len();
            let Value::Object(map) = slot else { break };
            slot = map.entry(label.clone()).or_insert_with(|| empty_for(last));
        }
        if let Value::Array(bodies) = slot {
            bodies.push(to_hcl2json(&block.body));
        }
    }
    Value::Object(out)
}

fn empty_for(array: bool) -> Value {
    if array {
        Value::Array(Vec::new())
    } else {
        Value::Object(Map::new())
    }
}

/// One expression's value, or `None` when it is not a literal.
fn literal(expr: &Expr) -> Option<Value> {
    Some(match expr {
        Expr::Null => Value::Null,
        Expr::Bool(b) => Value::Bool(*b),
        Expr::Number(n) => number(*n),
        Expr::String(s) => Value::String(escape(s)),
        Expr::Unary { op: '-', expr } => match expr.as_ref() {
            Expr::Number(n) => number(-n),
            _ => return None,
        },
        Expr::Unary { op: '!', expr } => match expr.as_ref() {
            Expr::Bool(b) => Value::Bool(!b),
            _ => return None,
        },
        _ => return None,
    })
}

/// The hcl2json value of an expression: literals, lists and objects structurally, templates as
/// strings, anything else wrapped as `${ … }`.
fn value(expr: &Expr) -> Value {
    if let Some(v) = literal(expr) {
        return v;
    }
    match expr {
        Expr::List(items) => Value::Array(items.iter().map(value).collect()),
        Expr::Object(items) => {
            let mut map = Map::new();
            for (key, v) in items {
                map.insert(key_text(key), value(v));
            }
            Value::Object(map)
        }
        Expr::Template(parts) => match parts.as_slice() {
            [TemplatePart::Interpolation(inner)] => value(inner),
            _ => Value::String(template(parts)),
        },
        other => Value::String(format!("${{{other}}}")),
    }
}

fn key_text(key: &Expr) -> String {
    match key {
        Expr::String(s) => s.clone(),
        // A bare traversal key (`test.alt = …` in `providers`) is written as its text.
        Expr::Ref(r) => r.to_string(),
        Expr::Template(parts) => template(parts),
        other => format!("${{{other}}}"),
    }
}

fn template(parts: &[TemplatePart]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            TemplatePart::Literal(s) => out.push_str(&escape(s)),
            TemplatePart::Interpolation(e) => out.push_str(&string_part(e)),
            TemplatePart::Directive { text, .. } => out.push_str(text),
        }
    }
    out
}

/// One interpolation inside a template, as hcl2json writes it.
fn string_part(e: &Expr) -> String {
    match e {
        // hcl2json folds literal interpolations into the text: `"a${1}"` → `"a1"`.
        Expr::String(s) => escape(s),
        Expr::Number(n) => number(*n).to_string(),
        Expr::Bool(b) => b.to_string(),
        Expr::Template(inner) => template(inner),
        // HashiCorp's tree cannot tell `${c ? a : b}` from `%{if c}a%{else}b%{endif}`, so
        // hcl2json writes both as the directive.
        Expr::Conditional { cond, then, otherwise } => {
            let otherwise = string_part(otherwise);
            let otherwise = if otherwise.is_empty() { otherwise } else { format!("%{{else}}{otherwise}") };
            format!("%{{if {cond}}}{}{otherwise}%{{endif}}", string_part(then))
        }
        other => format!("${{{other}}}"),
    }
}

/// Re-escapes literal text the way hcl2json does, so the string reads as a template again.
fn escape(s: &str) -> String {
    s.replace("${", "$${").replace("%{", "%%{")
}

/// Integral values print without a fraction, as Go's and JavaScript's JSON do.
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Value::Number(Number::from(n as i64))
    } else {
        Number::from_f64(n).map(Value::Number).unwrap_or(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::to_hcl2json;
    use crate::parse::parse_text;
    use serde_json::json;

    fn dump(src: &str) -> serde_json::Value {
        match parse_text("t.tf", src, false) {
            Ok(file) => to_hcl2json(&file.body),
            Err(d) => panic!("{}", d.render()),
        }
    }

    #[test]
    fn blocks_nest_by_label_and_append() {
        let v = dump("resource \"a\" \"b\" {\n x = 1\n}\nlocals {\n y = 2\n}\nlocals {\n z = 3\n}\n");
        assert_eq!(v, json!({"resource": {"a": {"b": [{"x": 1}]}}, "locals": [{"y": 2}, {"z": 3}]}));
    }

    #[test]
    fn literals_templates_and_expressions() {
        let v = dump("a = \"x $${y} ${var.q}\"\nb = -5\nc = \"${var.x}\"\nd = [1, var.x]\ne = \"a${1}\"\n");
        assert_eq!(v, json!({"a": "x $${y} ${var.q}", "b": -5, "c": "${var.x}", "d": [1, "${var.x}"], "e": "a1"}));
    }
}

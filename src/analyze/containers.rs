//! ECS container definitions → [`Container`]s, the one place facts need code.
//!
//! Called from [`super::facts`]. Reads `jsonencode([...])` (our expression tree), JSON text
//! (a heredoc or string with no interpolation, parsed with serde_json), and says where the
//! definitions live for `file(...)`/`templatefile(...)` or any other expression.

use super::facts::{source_text, value_text};
use super::links::Links;
use super::relations::literal_text;
use super::Container;
use crate::model::ItemId;
use crate::syntax::Expr;
use serde_json::Value;

/// The containers, or a fact row saying where they are defined when they cannot be read.
pub(crate) fn containers(links: &Links, from: ItemId, expr: &Expr) -> (Vec<Container>, Option<(String, String)>) {
    let row = |text: String| (Vec::new(), Some(("Containers".to_string(), text)));
    let (from, expr) = links.deref(from, expr);
    match expr {
        Expr::Call { name, args } if name == "jsonencode" => match args.first().map(|a| links.deref(from, a)) {
            Some((at, Expr::List(items))) => (items.iter().map(|o| from_expr(links, at, o)).collect(), None),
            Some((_, other)) => row(format!("from {other}")),
            None => row(expr.to_string()),
        },
        Expr::Call { name, args } if name == "file" || name == "templatefile" => {
            let file = args.first().map_or_else(String::new, |a| literal_text(a).unwrap_or_else(|| a.to_string()));
            row(format!("defined in {file}"))
        }
        _ => match literal_text(expr)
            .or_else(|| json_with_holes(expr))
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        {
            Some(Value::Array(items)) => (items.iter().map(from_json).collect(), None),
            // A one-line hint, not the whole definition in a table cell.
            _ => row(format!("from {}", short(&value_text(links, from, expr)))),
        },
    }
}

/// A heredoc of JSON with interpolations (`"image": "${var.image}"`, `"containerPort":
/// ${var.port}`) as JSON text: each interpolation is written as its source text, inside the
/// string it sits in, or as a string of its own where a value stands. `None` for directives.
fn json_with_holes(expr: &Expr) -> Option<String> {
    let Expr::Template(parts) = expr else { return None };
    let mut out = String::new();
    let mut in_string = false;
    for part in parts {
        match part {
            crate::syntax::TemplatePart::Literal(text) => {
                let mut escaped = false;
                for c in text.chars() {
                    if in_string && !escaped && c == '"' {
                        in_string = false;
                    } else if !in_string && c == '"' {
                        in_string = true;
                    }
                    escaped = in_string && !escaped && c == '\\';
                    out.push(c);
                }
            }
            crate::syntax::TemplatePart::Interpolation(e) => {
                let hole = format!("${{{e}}}").replace('\\', "\\\\").replace('"', "\\\"");
                if in_string {
                    out.push_str(&hole);
                } else {
                    out.push('"');
                    out.push_str(&hole);
                    out.push('"');
                }
            }
            crate::syntax::TemplatePart::Directive { .. } => return None,
        }
    }
    Some(out)
}

/// At most one short line of `text`.
fn short(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= 80 {
        return line;
    }
    let mut cut: String = line.chars().take(79).collect();
    cut.push('…');
    cut
}

fn from_expr(links: &Links, from: ItemId, o: &Expr) -> Container {
    let (from, o) = links.deref(from, o);
    let text = |key: &str| o.get(key).map(|e| value_text(links, from, e));
    // A list field, possibly held in a local (`secrets = local.db_secrets`), with the item its
    // elements' references resolve from.
    let list = |key: &str| -> (ItemId, &[Expr]) {
        match o.get(key).map(|e| links.deref(from, e)) {
            Some((at, Expr::List(items))) => (at, items.as_slice()),
            _ => (from, &[]),
        }
    };
    let pairs = |key: &str, value_key: &str, source: bool| -> Vec<(String, String)> {
        let (at, items) = list(key);
        items
            .iter()
            .map(|e| {
                let (at, e) = links.deref(at, e);
                let name = e.get("name").map_or_else(String::new, |n| value_text(links, at, n));
                let value = e.get(value_key).map_or_else(String::new, |v| {
                    if source {
                        source_text(links, at, v)
                    } else {
                        value_text(links, at, v)
                    }
                });
                (name, value)
            })
            .collect()
    };
    let (ports_at, ports) = list("portMappings");
    let (deps_at, deps) = list("dependsOn");
    Container {
        name: text("name").unwrap_or_default(),
        image: text("image").unwrap_or_default(),
        ports: ports
            .iter()
            .filter_map(|p| {
                let port = value_text(links, ports_at, p.get("containerPort")?);
                let proto = p.get("protocol").map_or_else(|| "tcp".to_string(), |e| value_text(links, ports_at, e));
                Some(format!("{port}/{proto}"))
            })
            .collect(),
        essential: match o.get("essential") {
            Some(Expr::Bool(b)) => Some(*b),
            _ => None,
        },
        secrets: pairs("secrets", "valueFrom", true),
        environment: pairs("environment", "value", false),
        log_driver: o.get("logConfiguration").and_then(|l| l.get("logDriver")).map(|e| value_text(links, from, e)),
        command: o.get("command").map(|c| match links.deref(from, c) {
            (at, Expr::List(items)) => items.iter().map(|e| value_text(links, at, e)).collect::<Vec<_>>().join(" "),
            (at, other) => value_text(links, at, other),
        }),
        depends_on: deps
            .iter()
            .map(|d| {
                let name = d.get("containerName").map_or_else(String::new, |e| value_text(links, deps_at, e));
                match d.get("condition") {
                    Some(c) => format!("{name} ({})", value_text(links, deps_at, c)),
                    None => name,
                }
            })
            .collect(),
    }
}

fn from_json(v: &Value) -> Container {
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Null) | None => None,
        Some(other) => Some(other.to_string()),
    };
    let list = |key: &str| v.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    let pairs = |key: &str, value_key: &str| -> Vec<(String, String)> {
        list(key)
            .iter()
            .map(|e| (text(e.get("name")).unwrap_or_default(), text(e.get(value_key)).unwrap_or_default()))
            .collect()
    };
    Container {
        name: text(v.get("name")).unwrap_or_default(),
        image: text(v.get("image")).unwrap_or_default(),
        ports: list("portMappings")
            .iter()
            .filter_map(|p| {
                let port = text(p.get("containerPort"))?;
                Some(format!("{port}/{}", text(p.get("protocol")).unwrap_or_else(|| "tcp".to_string())))
            })
            .collect(),
        essential: v.get("essential").and_then(Value::as_bool),
        secrets: pairs("secrets", "valueFrom"),
        environment: pairs("environment", "value"),
        log_driver: v.get("logConfiguration").and_then(|l| text(l.get("logDriver"))),
        command: v.get("command").map(|c| match c.as_array() {
            Some(items) => items.iter().filter_map(|i| text(Some(i))).collect::<Vec<_>>().join(" "),
            None => text(Some(c)).unwrap_or_default(),
        }),
        depends_on: list("dependsOn")
            .iter()
            .map(|d| {
                let name = text(d.get("containerName")).unwrap_or_default();
                match text(d.get("condition")) {
                    Some(c) => format!("{name} ({c})"),
                    None => name,
                }
            })
            .collect(),
    }
}

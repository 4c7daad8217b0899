//! A small constant evaluator, used to show instance counts (`×3`) and `for_each` keys with
//! default inputs. It evaluates literals, operators, conditionals, a few pure functions and
//! references to variable defaults and locals; anything else is unknown (`None`), never an error.

use crate::syntax::{BinOp, Expr, TemplatePart};
use std::collections::BTreeMap;

/// A known value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    Map(BTreeMap<String, Value>),
    /// An element whose value is not known statically, inside a collection whose length is
    /// (e.g. `slice(data.x.names, 0, 2)` has two unknown elements).
    Unknown,
}

impl Value {
    fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }

    fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s == "true" => Some(true),
            Value::String(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    /// The value as template text.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Length of a collection.
    pub fn length(&self) -> Option<usize> {
        match self {
            Value::List(items) => Some(items.len()),
            Value::Map(map) => Some(map.len()),
            _ => None,
        }
    }

    /// Keys for `for_each`: map keys, or the set's string values.
    pub fn keys(&self) -> Option<Vec<String>> {
        match self {
            Value::Map(map) => Some(map.keys().cloned().collect()),
            Value::List(items) => {
                let mut keys: Vec<String> = items.iter().filter_map(Value::as_text).collect();
                keys.sort();
                keys.dedup();
                (keys.len() == items.len()).then_some(keys)
            }
            _ => None,
        }
    }
}

/// Looks up `var.x` and `local.x` for the evaluator.
pub trait Env {
    fn lookup(&self, root: &str, name: &str) -> Option<Value>;
}

/// Evaluation is bounded so that cyclic locals or deep expressions cannot run away.
const MAX_DEPTH: usize = 64;

pub fn eval(expr: &Expr, env: &dyn Env) -> Option<Value> {
    eval_at(expr, env, 0)
}

fn eval_at(expr: &Expr, env: &dyn Env, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    let ev = |e: &Expr| eval_at(e, env, depth + 1);
    Some(match expr {
        Expr::Null => Value::Null,
        Expr::Bool(b) => Value::Bool(*b),
        Expr::Number(n) => Value::Number(*n),
        Expr::String(s) => Value::String(s.clone()),
        Expr::Template(parts) => {
            let mut out = String::new();
            for part in parts {
                match part {
                    TemplatePart::Literal(s) => out.push_str(s),
                    TemplatePart::Interpolation(e) => out.push_str(&ev(e)?.as_text()?),
                    TemplatePart::Directive { .. } => return None,
                }
            }
            Value::String(out)
        }
        Expr::List(items) => Value::List(items.iter().map(ev).collect::<Option<_>>()?),
        Expr::Object(items) => {
            let mut map = BTreeMap::new();
            for (k, v) in items {
                map.insert(ev(k)?.as_text()?, ev(v)?);
            }
            Value::Map(map)
        }
        Expr::Ref(r) => {
            let name = r.attr(0)?;
            if r.steps.len() != 1 || r.root == "data" || r.root == "module" {
                return None;
            }
            env.lookup(&r.root, name)?
        }
        Expr::Paren(e) => ev(e)?,
        Expr::Unary { op: '-', expr } => Value::Number(-ev(expr)?.as_f64()?),
        Expr::Unary { op: '!', expr } => Value::Bool(!ev(expr)?.as_bool()?),
        Expr::Unary { .. } => return None,
        Expr::Binary { op, lhs, rhs } => binary(*op, ev(lhs)?, ev(rhs)?)?,
        Expr::Conditional { cond, then, otherwise } => {
            if ev(cond)?.as_bool()? {
                ev(then)?
            } else {
                ev(otherwise)?
            }
        }
        Expr::Call { name, args } if name == "slice" && args.len() == 3 => {
            let (start, end) = (ev(&args[1])?.as_f64()?, ev(&args[2])?.as_f64()?);
            match ev(&args[0]) {
                Some(Value::List(items)) => {
                    Value::List(items.get(start as usize..end as usize).map(<[Value]>::to_vec).unwrap_or_default())
                }
                Some(_) => return None,
                None if end >= start && end - start <= 4096.0 => {
                    Value::List(vec![Value::Unknown; (end - start) as usize])
                }
                None => return None,
            }
        }
        Expr::Call { name, args } => {
            let args: Vec<Value> = args.iter().map(ev).collect::<Option<_>>()?;
            call(name, args)?
        }
        Expr::Other { .. } => return None,
    })
}

fn binary(op: BinOp, l: Value, r: Value) -> Option<Value> {
    use BinOp::*;
    Some(match op {
        And => Value::Bool(l.as_bool()? && r.as_bool()?),
        Or => Value::Bool(l.as_bool()? || r.as_bool()?),
        Eq => Value::Bool(l == r || (l.as_text().is_some() && l.as_text() == r.as_text())),
        Ne => Value::Bool(!(l == r || (l.as_text().is_some() && l.as_text() == r.as_text()))),
        _ => {
            let (a, b) = (l.as_f64()?, r.as_f64()?);
            match op {
                Add => Value::Number(a + b),
                Sub => Value::Number(a - b),
                Mul => Value::Number(a * b),
                Div if b != 0.0 => Value::Number(a / b),
                Mod if b != 0.0 => Value::Number(a % b),
                Lt => Value::Bool(a < b),
                Le => Value::Bool(a <= b),
                Gt => Value::Bool(a > b),
                Ge => Value::Bool(a >= b),
                _ => return None,
            }
        }
    })
}

fn call(name: &str, args: Vec<Value>) -> Option<Value> {
    let first = args.first();
    Some(match (name, args.len()) {
        ("length", 1) => Value::Number(match first? {
            Value::String(s) => s.chars().count(),
            other => other.length()?,
        } as f64),
        ("toset", 1) => {
            let Value::List(items) = first? else { return None };
            let mut items = items.clone();
            items.sort_by_key(|a| a.as_text());
            items.dedup();
            Value::List(items)
        }
        ("tolist" | "tomap", 1) => first?.clone(),
        ("keys", 1) => Value::List(first?.keys()?.into_iter().map(Value::String).collect()),
        ("values", 1) => match first? {
            Value::Map(map) => Value::List(map.values().cloned().collect()),
            _ => return None,
        },
        ("concat", _) => {
            let mut out = Vec::new();
            for a in args {
                let Value::List(items) = a else { return None };
                out.extend(items);
            }
            Value::List(out)
        }
        ("merge", _) => {
            let mut out = BTreeMap::new();
            for a in args {
                let Value::Map(map) = a else { return None };
                out.extend(map);
            }
            Value::Map(out)
        }
        ("min", n) if n > 0 => Value::Number(
            args.iter().map(Value::as_f64).collect::<Option<Vec<_>>>()?.into_iter().fold(f64::INFINITY, f64::min),
        ),
        ("max", n) if n > 0 => Value::Number(
            args.iter().map(Value::as_f64).collect::<Option<Vec<_>>>()?.into_iter().fold(f64::NEG_INFINITY, f64::max),
        ),
        ("join", 2) => {
            let sep = first?.as_text()?;
            let Value::List(items) = &args[1] else { return None };
            Value::String(items.iter().map(Value::as_text).collect::<Option<Vec<_>>>()?.join(&sep))
        }
        ("lower", 1) => Value::String(first?.as_text()?.to_lowercase()),
        ("upper", 1) => Value::String(first?.as_text()?.to_uppercase()),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Ref;

    struct NoEnv;
    impl Env for NoEnv {
        fn lookup(&self, _: &str, _: &str) -> Option<Value> {
            None
        }
    }

    fn num(n: f64) -> Box<Expr> {
        Box::new(Expr::Number(n))
    }

    #[test]
    fn arithmetic_and_conditionals() {
        // 1 + 2 * 3 > 6 ? 2 : 0
        let e = Expr::Conditional {
            cond: Box::new(Expr::Binary {
                op: BinOp::Gt,
                lhs: Box::new(Expr::Binary {
                    op: BinOp::Add,
                    lhs: num(1.0),
                    rhs: Box::new(Expr::Binary { op: BinOp::Mul, lhs: num(2.0), rhs: num(3.0) }),
                }),
                rhs: num(6.0),
            }),
            then: num(2.0),
            otherwise: num(0.0),
        };
        assert_eq!(eval(&e, &NoEnv), Some(Value::Number(2.0)));
    }

    #[test]
    fn slice_of_an_unknown_list_has_a_known_length() {
        let unknown = Expr::Ref(Ref { root: "data".into(), steps: vec![] });
        let slice = Expr::Call { name: "slice".into(), args: vec![unknown, Expr::Number(0.0), Expr::Number(2.0)] };
        let length = Expr::Call { name: "length".into(), args: vec![slice] };
        assert_eq!(eval(&length, &NoEnv), Some(Value::Number(2.0)));
    }

    #[test]
    fn unknown_references_are_unknown() {
        let e = Expr::Ref(Ref { root: "aws_vpc".into(), steps: vec![] });
        assert_eq!(eval(&e, &NoEnv), None);
        let div = Expr::Binary { op: BinOp::Div, lhs: num(1.0), rhs: num(0.0) };
        assert_eq!(eval(&div, &NoEnv), None);
    }
}

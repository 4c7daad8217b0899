//! zumen's own syntax tree for Terraform configuration.
//!
//! The parse stage turns both native HCL (through hcl-edit) and Terraform JSON into this tree, so
//! no later stage depends on a parser crate. It keeps what the later stages need: block structure,
//! source positions, the comment block above each block (for intent), and expressions with their
//! references already separated from iterator and function names.

use serde::Serialize;
use std::fmt;

/// A body: the attributes and nested blocks of a file or block, in source order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Body {
    pub attributes: Vec<Attribute>,
    pub blocks: Vec<Block>,
}

/// `key = expr`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribute {
    pub key: String,
    pub value: Expr,
    /// 1-based line of the key.
    pub line: usize,
}

/// `kind "label" "label" { body }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    pub kind: String,
    pub labels: Vec<String>,
    pub body: Body,
    /// 1-based line and character column of the block keyword.
    pub line: usize,
    pub column: usize,
    /// The comment block directly above the block (no blank line in between), markers stripped,
    /// one entry per source line. Empty when there is none.
    pub leading_comment: Vec<String>,
}

/// A traversal rooted at a name: `aws_lb.main.arn`, `var.region`, `module.vpc["a"].id`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Ref {
    pub root: String,
    pub steps: Vec<Step>,
}

/// One step of a traversal after its root name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Step {
    /// `.name`
    Attr(String),
    /// `[literal]`: the key as text (`0`, `"default"` without quotes).
    Index(String),
    /// `[expr]`, `[*]` or `.*`: an index not known statically.
    Dynamic,
}

impl Ref {
    /// The name after the root, when the first step is an attribute (`aws_lb.main` → `main`).
    pub fn attr(&self, i: usize) -> Option<&str> {
        match self.steps.get(i) {
            Some(Step::Attr(name)) => Some(name),
            _ => None,
        }
    }
}

/// Binary operators, in HCL's precedence classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BinOp {
    Mul,
    Div,
    Mod,
    Add,
    Sub,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::And => "&&",
            BinOp::Or => "||",
        }
    }
}

/// One piece of a string template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TemplatePart {
    /// Literal text, already unescaped (`$${` is stored as `${`).
    Literal(String),
    /// `${ expr }`
    Interpolation(Expr),
    /// `%{ ... }` directives (if/for), kept as source text with the references found inside.
    Directive { text: String, refs: Vec<Ref> },
}

/// An expression. Literal structure is kept where later stages read it (lists, objects, function
/// calls such as `jsonencode([...])`, operators for constant evaluation of `count`); anything else
/// is [`Expr::Other`], kept as text with its references.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Expr {
    Null,
    Bool(bool),
    Number(f64),
    /// A string with no interpolation, unescaped.
    String(String),
    Template(Vec<TemplatePart>),
    List(Vec<Expr>),
    /// Keys that are plain identifiers or strings become `Expr::String`.
    Object(Vec<(Expr, Expr)>),
    Ref(Ref),
    Call {
        name: String,
        args: Vec<Expr>,
    },
    Unary {
        op: char,
        expr: Box<Expr>,
    },
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Conditional {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    /// `( expr )`, kept so that displayed source keeps the author's grouping.
    Paren(Box<Expr>),
    Other {
        text: String,
        refs: Vec<Ref>,
    },
}

impl Expr {
    /// Every reference in the expression, in source order.
    pub fn refs(&self) -> Vec<&Ref> {
        let mut out = Vec::new();
        self.collect_refs(&mut out);
        out
    }

    fn collect_refs<'a>(&'a self, out: &mut Vec<&'a Ref>) {
        match self {
            Expr::Null | Expr::Bool(_) | Expr::Number(_) | Expr::String(_) => {}
            Expr::Template(parts) => {
                for part in parts {
                    match part {
                        TemplatePart::Literal(_) => {}
                        TemplatePart::Interpolation(e) => e.collect_refs(out),
                        TemplatePart::Directive { refs, .. } => out.extend(refs.iter()),
                    }
                }
            }
            Expr::List(items) => items.iter().for_each(|e| e.collect_refs(out)),
            Expr::Object(items) => {
                for (k, v) in items {
                    k.collect_refs(out);
                    v.collect_refs(out);
                }
            }
            Expr::Ref(r) => out.push(r),
            Expr::Call { args, .. } => args.iter().for_each(|e| e.collect_refs(out)),
            Expr::Unary { expr, .. } => expr.collect_refs(out),
            Expr::Binary { lhs, rhs, .. } => {
                lhs.collect_refs(out);
                rhs.collect_refs(out);
            }
            Expr::Conditional { cond, then, otherwise } => {
                cond.collect_refs(out);
                then.collect_refs(out);
                otherwise.collect_refs(out);
            }
            Expr::Paren(e) => e.collect_refs(out),
            Expr::Other { refs, .. } => out.extend(refs.iter()),
        }
    }

    /// The string value when the expression is a plain string literal.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Expr::String(s) => Some(s),
            _ => None,
        }
    }

    /// Looks up `key` in an object literal.
    pub fn get(&self, key: &str) -> Option<&Expr> {
        match self {
            Expr::Object(items) => items.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v),
            _ => None,
        }
    }
}

fn write_escaped_literal(f: &mut fmt::Formatter<'_>, s: &str, quoted: bool) -> fmt::Result {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' if quoted => out.push_str("\\\""),
            '\\' if quoted => out.push_str("\\\\"),
            '\n' if quoted => out.push_str("\\n"),
            '\r' if quoted => out.push_str("\\r"),
            '\t' if quoted => out.push_str("\\t"),
            _ => out.push(c),
        }
    }
    let out = out.replace("${", "$${").replace("%{", "%%{");
    f.write_str(&out)
}

fn fmt_number(f: &mut fmt::Formatter<'_>, n: f64) -> fmt::Result {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        write!(f, "{}", n as i64)
    } else {
        write!(f, "{n}")
    }
}

/// Writes the expression back as HCL source (normalised spacing, no comments).
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Null => f.write_str("null"),
            Expr::Bool(b) => write!(f, "{b}"),
            Expr::Number(n) => fmt_number(f, *n),
            Expr::String(s) => {
                f.write_str("\"")?;
                write_escaped_literal(f, s, true)?;
                f.write_str("\"")
            }
            Expr::Template(parts) => {
                f.write_str("\"")?;
                for part in parts {
                    match part {
                        TemplatePart::Literal(s) => write_escaped_literal(f, s, true)?,
                        TemplatePart::Interpolation(e) => write!(f, "${{{e}}}")?,
                        TemplatePart::Directive { text, .. } => f.write_str(text)?,
                    }
                }
                f.write_str("\"")
            }
            Expr::List(items) => {
                f.write_str("[")?;
                for (i, e) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{e}")?;
                }
                f.write_str("]")
            }
            Expr::Object(items) => {
                if items.is_empty() {
                    return f.write_str("{}");
                }
                f.write_str("{ ")?;
                for (i, (k, v)) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match k {
                        Expr::String(s) if is_identifier(s) => f.write_str(s)?,
                        _ => write!(f, "{k}")?,
                    }
                    write!(f, " = {v}")?;
                }
                f.write_str(" }")
            }
            Expr::Ref(r) => write!(f, "{r}"),
            Expr::Call { name, args } => {
                write!(f, "{name}(")?;
                for (i, e) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{e}")?;
                }
                f.write_str(")")
            }
            Expr::Unary { op, expr } => write!(f, "{op}{expr}"),
            Expr::Binary { op, lhs, rhs } => write!(f, "{lhs} {} {rhs}", op.symbol()),
            Expr::Conditional { cond, then, otherwise } => write!(f, "{cond} ? {then} : {otherwise}"),
            Expr::Paren(e) => write!(f, "({e})"),
            Expr::Other { text, .. } => f.write_str(text),
        }
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.root)?;
        for step in &self.steps {
            match step {
                Step::Attr(a) => write!(f, ".{a}")?,
                Step::Index(i) if i.parse::<f64>().is_ok() => write!(f, "[{i}]")?,
                Step::Index(i) => write!(f, "[{i:?}]")?,
                Step::Dynamic => f.write_str("[*]")?,
            }
        }
        Ok(())
    }
}

/// True for an HCL identifier (letters, digits, `_`, `-`, not starting with a digit or `-`).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

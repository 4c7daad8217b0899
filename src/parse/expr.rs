//! Converts hcl-edit expressions and templates into [`crate::syntax::Expr`].
//!
//! Iterator names bound by `for` expressions, template `for` directives and `dynamic` blocks are
//! tracked in [`Scope`], so that `role`, `k`, `v` or `rule.value` never become references.

use crate::syntax::{BinOp, Expr, Ref, Step, TemplatePart};
use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Directive, Element, Template};

/// Deeper expressions than this are kept as opaque text: the converter recurses, and hostile
/// input must not exhaust the stack.
const MAX_DEPTH: usize = 128;

/// Names bound in the current lexical scope (iterators), which are not references.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    bound: Vec<String>,
    depth: usize,
    /// The file ends every line with `\r\n` (see [`Scope::for_file`]).
    crlf: bool,
}

impl Scope {
    /// The top-level scope of one file. A file whose every line ends in `\r\n` (a Windows
    /// checkout) needs it noted: hcl-edit drops the `\r` of each line it dedents in an indented
    /// (`<<-`) heredoc, and HashiCorp's parser keeps it, so [`convert`] puts it back.
    pub fn for_file(text: &str) -> Scope {
        let newlines = text.bytes().filter(|b| *b == b'\n').count();
        let crlf = newlines > 0 && text.matches("\r\n").count() == newlines;
        Scope { crlf, ..Scope::default() }
    }

    pub fn with(&self, names: impl IntoIterator<Item = String>) -> Scope {
        let mut scope = self.clone();
        scope.bound.extend(names);
        scope
    }

    fn is_bound(&self, name: &str) -> bool {
        self.bound.iter().any(|b| b == name)
    }

    fn deeper(&self) -> Scope {
        Scope { bound: self.bound.clone(), depth: self.depth + 1, crlf: self.crlf }
    }
}

/// Converts one expression.
pub fn convert(expr: &Expression, scope: &Scope) -> Expr {
    if scope.depth > MAX_DEPTH {
        return Expr::Other { text: "…".into(), refs: Vec::new() };
    }
    let inner = scope.deeper();
    match expr {
        Expression::Null(_) => Expr::Null,
        Expression::Bool(b) => Expr::Bool(*b.value()),
        Expression::Number(n) => Expr::Number(n.value().as_f64().unwrap_or(0.0)),
        Expression::String(s) => Expr::String(s.value().to_string()),
        Expression::Array(items) => Expr::List(items.iter().map(|e| convert(e, &inner)).collect()),
        Expression::Object(object) => Expr::Object(
            object
                .iter()
                .map(|(key, value)| {
                    let key = match key {
                        ObjectKey::Ident(ident) => Expr::String(ident.as_str().to_string()),
                        ObjectKey::Expression(Expression::Variable(v)) => Expr::String(v.as_str().to_string()),
                        ObjectKey::Expression(e) => convert(e, &inner),
                    };
                    (key, convert(value.expr(), &inner))
                })
                .collect(),
        ),
        Expression::StringTemplate(t) => template(t, &inner),
        Expression::HeredocTemplate(h) if scope.crlf && h.indent().is_some() => {
            with_crlf(template(&h.template, &inner))
        }
        Expression::HeredocTemplate(h) => template(&h.template, &inner),
        Expression::Parenthesis(p) => Expr::Paren(Box::new(convert(p.inner(), &inner))),
        Expression::Variable(v) => {
            let name = v.as_str();
            if scope.is_bound(name) {
                Expr::Other { text: name.to_string(), refs: Vec::new() }
            } else {
                Expr::Ref(Ref { root: name.to_string(), steps: Vec::new() })
            }
        }
        Expression::Conditional(c) => Expr::Conditional {
            cond: Box::new(convert(&c.cond_expr, &inner)),
            then: Box::new(convert(&c.true_expr, &inner)),
            otherwise: Box::new(convert(&c.false_expr, &inner)),
        },
        Expression::FuncCall(call) => {
            let mut name = String::new();
            for ns in &call.name.namespace {
                name.push_str(ns.as_str());
                name.push_str("::");
            }
            name.push_str(call.name.name.as_str());
            Expr::Call { name, args: call.args.iter().map(|e| convert(e, &inner)).collect() }
        }
        Expression::Traversal(t) => traversal(expr, &t.expr, &t.operators, &inner),
        Expression::UnaryOp(op) => Expr::Unary {
            op: match op.operator.value() {
                UnaryOperator::Neg => '-',
                UnaryOperator::Not => '!',
            },
            expr: Box::new(convert(&op.expr, &inner)),
        },
        Expression::BinaryOp(op) => Expr::Binary {
            op: binary(*op.operator.value()),
            lhs: Box::new(convert(&op.lhs_expr, &inner)),
            rhs: Box::new(convert(&op.rhs_expr, &inner)),
        },
        Expression::ForExpr(f) => {
            let mut refs = Vec::new();
            collect(&convert(&f.intro.collection_expr, &inner), &mut refs);
            let mut names = vec![f.intro.value_var.as_str().to_string()];
            if let Some(k) = &f.intro.key_var {
                names.push(k.as_str().to_string());
            }
            let body = inner.with(names);
            if let Some(k) = &f.key_expr {
                collect(&convert(k, &body), &mut refs);
            }
            collect(&convert(&f.value_expr, &body), &mut refs);
            if let Some(cond) = &f.cond {
                collect(&convert(&cond.expr, &body), &mut refs);
            }
            Expr::Other { text: text_of(expr), refs }
        }
    }
}

/// Restores the `\r` before each `\n` of a dedented heredoc's literal text in a CRLF file: every
/// newline in a heredoc literal is a source line break (heredocs have no escapes), and every
/// source line break in such a file is `\r\n`.
fn with_crlf(value: Expr) -> Expr {
    fn restore(text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 16);
        let mut previous = '\0';
        for c in text.chars() {
            if c == '\n' && previous != '\r' {
                out.push('\r');
            }
            out.push(c);
            previous = c;
        }
        out
    }
    match value {
        Expr::String(s) => Expr::String(restore(&s)),
        Expr::Template(parts) => Expr::Template(
            parts
                .into_iter()
                .map(|part| match part {
                    TemplatePart::Literal(s) => TemplatePart::Literal(restore(&s)),
                    other => other,
                })
                .collect(),
        ),
        other => other,
    }
}

fn collect(expr: &Expr, out: &mut Vec<Ref>) {
    out.extend(expr.refs().into_iter().cloned());
}

/// hcl-edit's own formatting of an expression: comments and original spacing are not kept
/// because parsed decor is only a span, which encodes as the default whitespace.
fn text_of(expr: &Expression) -> String {
    expr.to_string().trim().to_string()
}

fn traversal(
    whole: &Expression,
    base: &Expression,
    operators: &[hcl_edit::Decorated<TraversalOperator>],
    scope: &Scope,
) -> Expr {
    let mut steps = Vec::new();
    let mut extra_refs = Vec::new();
    // An index that is an expression (`[disk.value.key]`) is a `Step::Dynamic`, which prints as
    // `[*]`; such a traversal keeps its source text so that it is written back as written.
    let mut expression_index = false;
    for op in operators {
        steps.push(match op.value() {
            TraversalOperator::GetAttr(ident) => Step::Attr(ident.as_str().to_string()),
            TraversalOperator::LegacyIndex(i) => Step::Index(i.value().to_string()),
            TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => Step::Dynamic,
            TraversalOperator::Index(index) => match convert(index, scope) {
                Expr::Number(n) => Step::Index(format_number(n)),
                Expr::String(s) => Step::Index(s),
                other => {
                    collect(&other, &mut extra_refs);
                    expression_index = true;
                    Step::Dynamic
                }
            },
        });
    }
    match base {
        Expression::Variable(v) if !scope.is_bound(v.as_str()) => {
            let r = Ref { root: v.as_str().to_string(), steps };
            if extra_refs.is_empty() && !expression_index {
                Expr::Ref(r)
            } else {
                extra_refs.insert(0, r);
                Expr::Other { text: text_of(whole), refs: extra_refs }
            }
        }
        Expression::Variable(_) => Expr::Other { text: text_of(whole), refs: extra_refs },
        other => {
            let mut refs = Vec::new();
            collect(&convert(other, scope), &mut refs);
            refs.extend(extra_refs);
            Expr::Other { text: text_of(whole), refs }
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

fn binary(op: BinaryOperator) -> BinOp {
    match op {
        BinaryOperator::Eq => BinOp::Eq,
        BinaryOperator::NotEq => BinOp::Ne,
        BinaryOperator::LessEq => BinOp::Le,
        BinaryOperator::GreaterEq => BinOp::Ge,
        BinaryOperator::Less => BinOp::Lt,
        BinaryOperator::Greater => BinOp::Gt,
        BinaryOperator::Plus => BinOp::Add,
        BinaryOperator::Minus => BinOp::Sub,
        BinaryOperator::Mul => BinOp::Mul,
        BinaryOperator::Div => BinOp::Div,
        BinaryOperator::Mod => BinOp::Mod,
        BinaryOperator::And => BinOp::And,
        BinaryOperator::Or => BinOp::Or,
    }
}

/// Converts a template; a template of literals only becomes a plain string.
pub fn template(t: &Template, scope: &Scope) -> Expr {
    let parts = template_parts(t, scope);
    match parts.as_slice() {
        [] => Expr::String(String::new()),
        _ if parts.iter().all(|p| matches!(p, TemplatePart::Literal(_))) => Expr::String(
            parts
                .iter()
                .map(|p| match p {
                    TemplatePart::Literal(s) => s.as_str(),
                    _ => "",
                })
                .collect(),
        ),
        _ => Expr::Template(parts),
    }
}

fn template_parts(t: &Template, scope: &Scope) -> Vec<TemplatePart> {
    let mut parts = Vec::new();
    for element in t.iter() {
        match element {
            Element::Literal(s) => parts.push(TemplatePart::Literal(s.value().to_string())),
            Element::Interpolation(i) => parts.push(TemplatePart::Interpolation(convert(&i.expr, scope))),
            Element::Directive(d) => {
                let mut refs = Vec::new();
                directive_refs(d, scope, &mut refs);
                let text = Template::from(vec![element.clone()]).to_string();
                parts.push(TemplatePart::Directive { text, refs });
            }
        }
    }
    parts
}

fn directive_refs(d: &Directive, scope: &Scope, out: &mut Vec<Ref>) {
    match d {
        Directive::If(d) => {
            collect(&convert(&d.if_expr.cond_expr, scope), out);
            collect_template(&d.if_expr.template, scope, out);
            if let Some(e) = &d.else_expr {
                collect_template(&e.template, scope, out);
            }
        }
        Directive::For(d) => {
            collect(&convert(&d.for_expr.collection_expr, scope), out);
            let mut names = vec![d.for_expr.value_var.as_str().to_string()];
            if let Some(k) = &d.for_expr.key_var {
                names.push(k.as_str().to_string());
            }
            collect_template(&d.for_expr.template, &scope.with(names), out);
        }
    }
}

fn collect_template(t: &Template, scope: &Scope, out: &mut Vec<Ref>) {
    for part in template_parts(t, scope) {
        match part {
            TemplatePart::Literal(_) => {}
            TemplatePart::Interpolation(e) => collect(&e, out),
            TemplatePart::Directive { refs, .. } => out.extend(refs),
        }
    }
}

//! Native HCL files through hcl-edit.

use super::expr::{convert, Scope};
use super::source::{comment_above, LineIndex};
use super::ParsedFile;
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::syntax::{Attribute, Block, Body};
use hcl_edit::expr::Expression;
use hcl_edit::structure::{self, Structure};
use hcl_edit::Span;

/// Parses one native-syntax file. `text` has any byte-order mark already removed.
pub fn parse(display: &str, text: &str) -> Result<ParsedFile, Diagnostic> {
    let body = match hcl_edit::parser::parse_body(text) {
        Ok(body) => body,
        // Second chance for what hcl-edit rejects and HashiCorp accepts (newlines inside `for`
        // brackets, repeated object keys); the repair keeps byte offsets, so positions below
        // still use `text`.
        Err(err) => match super::repair::repaired(text).and_then(|t| hcl_edit::parser::parse_body(&t).ok()) {
            Some(body) => body,
            None => return Err(syntax_error(display, text, &err)),
        },
    };
    let index = LineIndex::new(text);
    let body = convert_body(&body, &index, &Scope::for_file(text), true);
    Ok(ParsedFile { display: display.to_string(), body, header: super::source::header(&index) })
}

fn convert_body(body: &structure::Body, index: &LineIndex<'_>, scope: &Scope, top: bool) -> Body {
    let mut out = Body::default();
    for structure in body.iter() {
        match structure {
            Structure::Attribute(attr) => {
                let line = attr.key.span().map(|s| index.position(s.start).0).unwrap_or(0);
                out.attributes.push(Attribute {
                    key: attr.key.as_str().to_string(),
                    value: convert(&attr.value, scope),
                    line,
                });
            }
            Structure::Block(block) => out.blocks.push(convert_block(block, index, scope, top)),
        }
    }
    out
}

fn convert_block(block: &structure::Block, index: &LineIndex<'_>, scope: &Scope, top: bool) -> Block {
    let (line, column) = block.ident.span().or_else(|| block.span()).map(|s| index.position(s.start)).unwrap_or((0, 0));
    let kind = block.ident.as_str().to_string();
    let labels: Vec<String> = block.labels.iter().map(|l| l.as_str().to_string()).collect();
    // Inside `dynamic "x" { content { … } }` the iterator (`x`, or the `iterator` argument) is
    // bound, so `x.value` is no reference.
    let inner_scope = if kind == "dynamic" {
        let iterator = block
            .body
            .get_attribute("iterator")
            .and_then(|a| match &a.value {
                Expression::Variable(v) => Some(v.as_str().to_string()),
                Expression::String(s) => Some(s.value().to_string()),
                _ => None,
            })
            .or_else(|| labels.first().cloned());
        scope.with(iterator)
    } else {
        scope.clone()
    };
    Block {
        kind,
        labels,
        body: convert_body(&block.body, index, &inner_scope, false),
        line,
        column,
        leading_comment: if top { comment_above(index, line) } else { Vec::new() },
    }
}

/// A syntax error as a diagnostic. hcl-edit reports where its grammar gave up, which for an
/// unterminated string is lines later; a quick lexical scan finds the real culprit first.
fn syntax_error(display: &str, text: &str, err: &hcl_edit::parser::Error) -> Diagnostic {
    let index = LineIndex::new(text);
    if let Some((line, column)) = super::lex::unterminated_string(text) {
        return Diagnostic::new(
            Level::Error,
            "syntax",
            "unterminated string: a quoted string must end on the line it starts",
        )
        .at(Location { file: display.to_string(), line, column })
        .with_excerpt(index.line(line));
    }
    let loc = err.location();
    let message = err.message().lines().next().unwrap_or("invalid syntax").trim().to_string();
    // "expected '}'" at the last line of the file: the useful place is where the block began.
    if let Some((line, column, open)) = super::lex::unclosed_bracket(text) {
        let close = match open {
            '{' => '}',
            '[' => ']',
            _ => ')',
        };
        return Diagnostic::new(
            Level::Error,
            "syntax",
            format!(
                "unclosed `{open}`: the file ends before its `{close}` (hcl-edit at {}:{}: {message})",
                loc.line(),
                loc.column()
            ),
        )
        .at(Location { file: display.to_string(), line, column })
        .with_excerpt(index.line(line));
    }
    Diagnostic::new(Level::Error, "syntax", format!("invalid HCL: {message}"))
        .at(Location { file: display.to_string(), line: loc.line(), column: loc.column() })
        .with_excerpt(index.line(loc.line()))
}

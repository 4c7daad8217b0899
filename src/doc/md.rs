//! `DESIGN.md`: the askama Markdown template and the helpers it calls to escape each string for
//! the position it lands in (table cell, inline text, code span, heading, link).
//!
//! The template (`templates/design.md`) is rendered with escaping off: every Terraform string goes
//! through one of the functions here, which is why they are `pub` and take `&str`.

use super::context::{DocContext, ItemRef};
use super::escape;
use super::section::{ConnectionView, Fact};
use askama::Template;

/// The `DESIGN.md` template.
#[derive(Template)]
#[template(path = "design.md", escape = "none")]
pub struct DesignMd<'a> {
    pub doc: &'a DocContext,
}

/// Renders `DESIGN.md`; lines never end in whitespace and the file ends in one newline.
pub fn render(doc: &DocContext) -> String {
    // Rendering only writes into a String, which cannot fail; an error would be a template bug.
    let text = DesignMd { doc }.render().unwrap_or_else(|e| format!("<!-- template error: {e} -->\n"));
    tidy(&text)
}

/// Drops trailing spaces and collapses runs of blank lines the template's conditionals leave.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    let mut in_fence = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("```") {
            in_fence = !in_fence;
        }
        if line.is_empty() && !in_fence {
            blank += 1;
            if blank > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Plain inline text.
pub fn text(s: &str) -> String {
    escape::md_text(s)
}

/// Markdown-ish text (a description) in a table cell.
pub fn cell(s: &str) -> String {
    escape::md_cell(s)
}

/// Plain text (a fact's value) in a table cell: Markdown and HTML escaped, lines joined with `<br>`.
pub fn text_cell(s: &str) -> String {
    let cleaned = escape::clean(s);
    cleaned.trim_matches('\n').split('\n').map(|l| escape::md_text(l.trim())).collect::<Vec<_>>().join("<br>")
}

/// A code span outside tables.
pub fn code(s: &str) -> String {
    escape::md_code(s)
}

/// A code span in a table cell.
pub fn code_cell(s: &str) -> String {
    escape::md_code_cell(s)
}

/// Intent or header Markdown as a block, raw HTML neutralised, its headings moved down `shift`
/// levels to nest under the heading it appears below.
pub fn block(s: &str, shift: u8) -> String {
    super::intent::markdown(s, shift)
}

/// A link to an item's section: ``[`address`](#anchor)``; `|` escaped so it also fits a table.
pub fn item_link(r: &ItemRef) -> String {
    format!("[{}](#{})", escape::md_code_cell(&r.address), r.anchor)
}

/// Section links joined by `, ` for a table cell.
pub fn item_links(refs: &[ItemRef]) -> String {
    refs.iter().map(item_link).collect::<Vec<_>>().join(", ")
}

/// One "connects to / from" list entry.
pub fn connection(c: &ConnectionView) -> String {
    let link = format!("[{}](#{})", escape::md_code(&c.address), c.anchor);
    match &c.label {
        Some(label) => format!("{link} — {}: {}", c.kind, text(label)),
        None => format!("{link} — {}", c.kind),
    }
}

/// A user `@link`: a Markdown link for safe URLs, a code span otherwise.
pub fn url(u: &str) -> String {
    if !super::intent::is_safe_url(u) {
        return code(u);
    }
    let dest: String = u
        .trim()
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_string(),
            '(' => "%28".to_string(),
            ')' => "%29".to_string(),
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            c => c.to_string(),
        })
        .collect();
    format!("[{}]({dest})", text(u.trim()))
}

/// Ports or other lists in a cell, each as a code span, joined with `<br>`.
pub fn code_list_cell(items: &[String]) -> String {
    items.iter().map(|s| code_cell(s)).collect::<Vec<_>>().join("<br>")
}

/// Secrets as `NAME ← source` lines in a cell.
pub fn secrets_cell(secrets: &[Fact]) -> String {
    secrets
        .iter()
        .map(|f| format!("{} ← {}", code_cell(&f.label), code_cell(&f.value)))
        .collect::<Vec<_>>()
        .join("<br>")
}

//! `index.html`: the askama HTML template and its helpers — one static, self-contained page.
//!
//! askama escapes every `{{ }}` for HTML; only three things are written unescaped (`|safe`) and each
//! is made safe here first: intent Markdown rendered by [`super::intent::html`] (raw HTML escaped),
//! the inlined SVGs (drawn by our own render stage, which escapes its text) and the theme's CSS and
//! header/footer slots (the theme author's own files, see `docs/ARCHITECTURE.md`).

use super::context::DocContext;
use crate::theme::Theme;
use askama::Template;

/// The `index.html` template.
#[derive(Template)]
#[template(path = "index.html", whitespace = "minimize")]
pub struct IndexHtml<'a> {
    pub doc: &'a DocContext,
    /// Base layout CSS, then the theme's `document.css` and `extra.css`, made safe for `<style>`.
    pub css: String,
    pub header_html: &'a str,
    pub footer_html: &'a str,
}

/// Structure the page needs whatever the theme: scrolling tables and diagrams on narrow screens.
const BASE_CSS: &str = "\
:root{color-scheme:light dark}\
body{margin:0 auto;max-width:72rem;padding:1rem;font-family:system-ui,sans-serif;line-height:1.5}\
.scroll{overflow-x:auto;max-width:100%}\
.diagram svg{max-width:100%;height:auto}\
h1,h2,h3,h4,p,li,dd,dt,figcaption,blockquote{overflow-wrap:break-word}\
td,th{overflow-wrap:anywhere;min-width:6ch}\
@media (max-width:48rem){.diagram svg{max-width:none;width:auto}}\
table{border-collapse:collapse}th,td{border:1px solid #8884;padding:.25rem .5rem;vertical-align:top;text-align:left}\
.missing{font-style:italic;opacity:.8}.inferred{font-style:italic}\
.toc ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0}\
";

/// Renders `index.html`.
pub fn render(doc: &DocContext, theme: &Theme) -> String {
    let mut css = String::from(BASE_CSS);
    for extra in [Some(theme.document_css.as_str()), theme.extra_css.as_deref()].into_iter().flatten() {
        css.push('\n');
        css.push_str(extra);
    }
    let page = IndexHtml {
        doc,
        css: style_safe(&css),
        header_html: theme.header_html.as_deref().unwrap_or(""),
        footer_html: theme.footer_html.as_deref().unwrap_or(""),
    };
    // Rendering only writes into a String, which cannot fail; an error would be a template bug.
    let html = page.render().unwrap_or_else(|e| format!("<!doctype html><title>template error</title><p>{e}"));
    tidy(&html)
}

/// Drops trailing spaces and the blank lines the template's conditionals leave, except inside
/// `<pre>` where whitespace is content.
fn tidy(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_pre = false;
    for line in html.lines() {
        let line = line.trim_end();
        if in_pre || !line.is_empty() {
            out.push_str(line);
            out.push('\n');
        }
        if line.contains("<pre") {
            in_pre = true;
        }
        if line.contains("</pre>") {
            in_pre = false;
        }
    }
    out.replace('\r', "")
}

/// CSS text that cannot close its `<style>` element early.
fn style_safe(css: &str) -> String {
    css.replace("</", "<\\/")
}

/// Intent Markdown as HTML (raw HTML escaped, unsafe links removed, headings moved down `shift`
/// levels).
pub fn intent(s: &str, shift: u8) -> String {
    super::intent::html(s, shift)
}

/// True when a user `@link` may become an `href`.
pub fn safe_url(s: &str) -> bool {
    super::intent::is_safe_url(s)
}

/// A description (Markdown-ish, as in `DESIGN.md`'s tables) rendered as HTML; headings become `<h6>`.
/// A single paragraph is unwrapped so a one-line cell stays one line.
pub fn desc(s: &str) -> String {
    let html = super::intent::html(s, 5);
    let trimmed = html.trim_end();
    match trimmed.strip_prefix("<p>").and_then(|t| t.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// Plain text with its line breaks kept, HTML-escaped: lines joined with `<br>`.
pub fn lines(s: &str) -> String {
    super::escape::html_text(s.trim_matches('\n')).split('\n').map(str::trim).collect::<Vec<_>>().join("<br>")
}

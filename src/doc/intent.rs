//! Intent Markdown: made safe for `DESIGN.md` and rendered to HTML for `index.html`.
//!
//! Intents (and the module header) are Markdown by design, so they keep their emphasis, lists,
//! links and code. What they must not keep is raw HTML: in `DESIGN.md` every `<` outside code is
//! written `&lt;`; in HTML, pulldown-cmark's `Html`/`InlineHtml` events become escaped text, links
//! with script-capable schemes lose their target, and images become links (the page makes no
//! external requests).

use super::escape::clean;
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// The intent as Markdown for `DESIGN.md`: CRLF, control and bidi characters removed, common
/// indentation removed (so heredoc indentation never becomes a code block), and `<`/`>` escaped
/// outside code spans, code blocks and autolinks.
pub fn markdown(source: &str) -> String {
    let text = dedent(&clean(source));
    let mut protected: Vec<std::ops::Range<usize>> = Vec::new();
    // A start event's range spans its whole element, so a code block is protected as a unit.
    for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => protected.push(range),
            Event::Start(Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. }) => protected.push(range),
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let keep = protected.iter().any(|r| r.contains(&i));
        match c {
            '<' if !keep => out.push_str("&lt;"),
            '>' if !keep && !starts_line(&text, i) => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out.trim_end().to_string()
}

/// True when only spaces precede `i` on its line: a `>` there is a blockquote marker, not HTML.
fn starts_line(text: &str, i: usize) -> bool {
    text[..i].rsplit('\n').next().is_some_and(|before| before.trim().is_empty() || before.trim_end().ends_with('>'))
}

/// Removes the indentation common to all non-blank lines and surrounding blank lines.
pub fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> =
        text.lines().map(|l| if l.len() >= indent { &l[indent..] } else { l.trim_start() }).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// The intent rendered to HTML with raw HTML escaped, unsafe link schemes removed and images turned
/// into links.
pub fn html(source: &str) -> String {
    let text = dedent(&clean(source));
    let events = Parser::new_ext(&text, options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
        }
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// True when a URL is safe to put in an `href`: http(s), mailto, a fragment or a relative path.
pub fn is_safe_url(url: &str) -> bool {
    let lower: String = url.trim().chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>();
    let lower = lower.to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') && !scheme.contains('#') && !scheme.contains('?') => {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if is_safe_url(&url) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_raw_html_but_not_code() {
        let md = markdown("Runs <script>alert(1)</script> and `a<b>` here.\n\n```\n<div>\n```");
        assert!(!md.contains("<script"), "{md}");
        assert!(md.contains("&lt;script>") || md.contains("&lt;script&gt;"), "{md}");
        assert!(md.contains("`a<b>`"));
        assert!(md.contains("```\n<div>\n```"));
    }

    #[test]
    fn markdown_keeps_blockquotes_and_autolinks() {
        assert_eq!(markdown("> quoted"), "> quoted");
        assert_eq!(markdown("see <https://example.com>"), "see <https://example.com>");
    }

    #[test]
    fn markdown_dedents_and_drops_cr() {
        assert_eq!(markdown("    First\r\n\r\n    Second\r\n"), "First\n\nSecond");
    }

    #[test]
    fn html_escapes_raw_html_and_bad_links() {
        let html = html("Hi <script>alert(1)</script> [x](javascript:alert(1)) ![i](https://e.com/a.png)");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn safe_urls() {
        assert!(is_safe_url("https://example.com/runbook"));
        assert!(is_safe_url("docs/adr-1.md"));
        assert!(!is_safe_url(" JavaScript:alert(1)"));
        assert!(!is_safe_url("java\tscript:alert(1)"));
        assert!(!is_safe_url("data:text/html,x"));
    }
}

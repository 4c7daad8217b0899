//! Intent Markdown: made safe for `DESIGN.md` and rendered to HTML for `index.html`.
//!
//! Intents (and the module header) are Markdown by design, so they keep their emphasis, lists,
//! links and code. What they must not keep is raw HTML: in `DESIGN.md` every `<` outside code is
//! written `&lt;`; in HTML, pulldown-cmark's `Html`/`InlineHtml` events become escaped text, links
//! with script-capable schemes lose their target, and images become links (the page makes no
//! external requests).

use super::escape::{clean, html_attr};
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// The intent as Markdown for `DESIGN.md`: CRLF, control and bidi characters removed, common
/// indentation removed (so heredoc indentation never becomes a code block), and `<`/`>` escaped
/// outside code spans, code blocks and autolinks. ATX headings move down `shift` levels (at most
/// to `######`) so an intent's `# Heading` nests under the section it appears in.
pub fn markdown(source: &str, shift: u8) -> String {
    let text = setext_to_atx(&dedent(&clean(source)));
    let mut protected: Vec<std::ops::Range<usize>> = Vec::new();
    // Links and images whose target is not a safe URL: their brackets are escaped so they stay
    // text, and an unsafe autolink is not protected so its `<` becomes `&lt;`.
    let mut defused: Vec<std::ops::Range<usize>> = Vec::new();
    let mut has_table = false;
    // (byte offset of an ATX heading's first `#`, extra `#`s to insert there)
    let mut headings: Vec<(usize, usize)> = Vec::new();
    // A start event's range spans its whole element, so a code block is protected as a unit.
    for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) if !is_safe_url(&dest_url) => {
                defused.push(range)
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => protected.push(range),
            Event::Start(Tag::Table(_)) => has_table = true,
            Event::Start(Tag::Heading { level, .. }) => {
                let hashes = text[range.clone()].trim_start_matches(' ');
                if hashes.starts_with('#') {
                    let at = range.start + (range.len() - hashes.len());
                    let extra = usize::from(shift).min(6usize.saturating_sub(level as usize));
                    headings.push((at, extra));
                }
            }
            Event::Start(Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. }) => protected.push(range),
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut prev = '\0';
    for (i, c) in text.char_indices() {
        let keep = protected.iter().any(|r| r.contains(&i));
        if let Some((_, extra)) = headings.iter().find(|(at, _)| *at == i) {
            out.push_str(&"#".repeat(*extra));
        }
        match c {
            '[' | ']' if !keep && prev != '\\' && defused.iter().any(|r| r.contains(&i)) => {
                out.push('\\');
                out.push(c);
            }
            '<' if !keep => out.push_str("&lt;"),
            // A stray `|` could turn prose into a table next to a `---` line; an intent that
            // really is a table keeps its pipes.
            '|' if !keep && !has_table && prev != '\\' => out.push_str("\\|"),
            '>' if !keep && !starts_line(&text, i) => out.push_str("&gt;"),
            c => out.push(c),
        }
        prev = c;
    }
    out.trim_end().to_string()
}

/// Rewrites setext headings (`Title` over `---`) as ATX (`## Title`) so they can be shifted like
/// the others; a `---` meant as a rule under a paragraph would otherwise make an `<h2>` mid-section.
fn setext_to_atx(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if let Event::Start(Tag::Heading { level, .. }) = event {
            let source = &text[range.clone()];
            if source.trim_start().starts_with('#') || range.start < done {
                continue;
            }
            let mut lines: Vec<&str> = source.trim_end().lines().collect();
            lines.pop(); // the `===` / `---` underline
            out.push_str(&text[done..range.start]);
            out.push_str(&"#".repeat(level as usize));
            out.push(' ');
            out.push_str(&lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "));
            out.push('\n');
            done = range.end;
        }
    }
    out.push_str(&text[done..]);
    out
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

/// The intent rendered to HTML with raw HTML escaped, unsafe link schemes removed, images turned
/// into links and headings moved down `shift` levels (at most to `<h6>`).
pub fn html(source: &str, shift: u8) -> String {
    let text = dedent(&clean(source));
    let events = Parser::new_ext(&text, options()).map(|event| match event {
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: shifted(level, shift), id, classes, attrs })
        }
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shifted(level, shift))),
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        // Links and images become plain `<a rel="noopener">`: the page loads nothing by itself.
        Event::Start(Tag::Link { dest_url, title, .. }) | Event::Start(Tag::Image { dest_url, title, .. }) => {
            Event::InlineHtml(anchor_tag(&dest_url, &title).into())
        }
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => Event::InlineHtml("</a>".into()),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

fn shifted(level: HeadingLevel, shift: u8) -> HeadingLevel {
    let n = (level as usize + usize::from(shift)).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
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

/// `<a href="…" rel="noopener">` for a Markdown link or image; unsafe schemes link nowhere.
fn anchor_tag(dest: &str, title: &str) -> String {
    let href = if is_safe_url(dest) { html_attr(dest) } else { "#".to_string() };
    let title = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", html_attr(title)) };
    format!("<a href=\"{href}\"{title} rel=\"noopener\">")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown0(s: &str) -> String {
        markdown(s, 0)
    }

    fn html0(s: &str) -> String {
        html(s, 0)
    }

    #[test]
    fn setext_headings_become_atx_and_move_down() {
        assert_eq!(markdown("Intro\n---\n\ntext", 4), "###### Intro\n\ntext");
        assert_eq!(markdown("Top\n===\nbody", 1), "## Top\nbody");
    }

    #[test]
    fn headings_move_down() {
        assert_eq!(markdown("# Title\n\ntext\n\n### Sub", 1), "## Title\n\ntext\n\n#### Sub");
        assert_eq!(markdown("##### Deep", 4), "###### Deep");
        assert!(html("# Title", 1).contains("<h2>Title</h2>"));
        assert!(html("# Title", 9).contains("<h6>Title</h6>"));
    }

    #[test]
    fn markdown_escapes_raw_html_but_not_code() {
        let md = markdown0("Runs <script>alert(1)</script> and `a<b>` here.\n\n```\n<div>\n```");
        assert!(!md.contains("<script"), "{md}");
        assert!(md.contains("&lt;script>") || md.contains("&lt;script&gt;"), "{md}");
        assert!(md.contains("`a<b>`"));
        assert!(md.contains("```\n<div>\n```"));
    }

    #[test]
    fn markdown_escapes_pipes_unless_a_table() {
        assert_eq!(markdown0("a | b `c | d`"), "a \\| b `c | d`");
        assert_eq!(markdown0("| a | b |\n|---|---|\n| 1 | 2 |"), "| a | b |\n|---|---|\n| 1 | 2 |");
    }

    #[test]
    fn markdown_defuses_script_links() {
        assert_eq!(
            markdown0("[x](javascript:alert(1)) [ok](https://e.com)"),
            "\\[x\\](javascript:alert(1)) [ok](https://e.com)"
        );
        assert_eq!(markdown0("see <javascript:alert(1)>"), "see &lt;javascript:alert(1)&gt;");
        assert_eq!(markdown0("![i](data:text/html,x)"), "!\\[i\\](data:text/html,x)");
        let md = markdown0("[a][r] [`c]`][r] [ent](&#106;avascript:alert(1))\n\n[r]: javascript:alert(1)");
        for event in Parser::new_ext(&md, options()) {
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
                panic!("{md:?} still links to {dest_url}");
            }
        }
    }

    #[test]
    fn markdown_keeps_blockquotes_and_autolinks() {
        assert_eq!(markdown0("> quoted"), "> quoted");
        assert_eq!(markdown0("see <https://example.com>"), "see <https://example.com>");
    }

    #[test]
    fn markdown_dedents_and_drops_cr() {
        assert_eq!(markdown0("    First\r\n\r\n    Second\r\n"), "First\n\nSecond");
    }

    #[test]
    fn html_escapes_raw_html_and_bad_links() {
        let html = html0("Hi <script>alert(1)</script> [x](javascript:alert(1)) ![i](https://e.com/a.png)");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("<a href=\"https://e.com/a.png\" rel=\"noopener\">i</a>"), "{html}");
        assert!(html.contains("<a href=\"#\" rel=\"noopener\">x</a>"), "{html}");
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

//! Checks on generated HTML shared by the doc tests: balanced tags and unique ids, the structural
//! faults that make a browser drop content or links land on the wrong element.
#![allow(dead_code)]

/// Elements with no end tag in HTML.
const VOID: &[&str] = &["meta", "br", "img", "hr", "input", "link", "wbr", "col", "source", "area", "base"];

/// Panics unless every non-void element is closed in order (SVG `/>` counts as closed) and every
/// `id` is unique. `<style>` contents are skipped.
pub fn assert_well_formed(html: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut ids = std::collections::BTreeSet::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if rest.starts_with('!') {
            rest = &rest[rest.find('>').unwrap_or(rest.len())..];
            continue;
        }
        let end = rest.find('>').unwrap_or_else(|| panic!("unterminated tag near {:?}", &rest[..rest.len().min(60)]));
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            let top = stack.pop().unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(top, name, "</{name}> closes <{top}>");
            continue;
        }
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        let name = name.to_ascii_lowercase();
        assert!(!name.is_empty(), "bad tag <{tag}>");
        if let Some(i) = tag.find(" id=\"") {
            let id: String = tag[i + 5..].chars().take_while(|c| *c != '"').collect();
            assert!(ids.insert(id.clone()), "duplicate id {id:?}");
        }
        if tag.ends_with('/') || VOID.contains(&name.as_str()) {
            continue;
        }
        if name == "style" {
            let close = rest.find("</style>").expect("</style>");
            rest = &rest[close + "</style>".len()..];
            continue;
        }
        stack.push(name);
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
}

/// Every `href="#x"` in the HTML and `](#x)` in the Markdown points at an `id="x"` of the same file.
pub fn assert_links_resolve(md: &str, html: &str) {
    for (text, lead, end) in [(md, "](#", ')'), (html, "href=\"#", '"')] {
        let ids: std::collections::BTreeSet<&str> =
            text.split("id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        let mut rest = text;
        while let Some(at) = rest.find(lead) {
            let start = at + lead.len();
            let len = rest[start..].find(end).unwrap_or(rest.len() - start);
            let target = &rest[start..start + len];
            assert!(ids.contains(target), "link to #{target} has no target");
            rest = &rest[start + len..];
        }
    }
}

/// Parsed as GFM, the Markdown's only raw HTML is ours: `<a id="…"></a>` anchors and `<br>` in
/// table cells. Anything else would be Terraform text turned into markup.
pub fn assert_markdown_html_is_ours(md: &str) {
    use pulldown_cmark::{Event, Options, Parser};
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        if let Event::Html(raw) | Event::InlineHtml(raw) = event {
            let raw = raw.trim();
            let ours = raw == "<br>"
                || raw == "</a>"
                || (raw.starts_with("<a id=\"")
                    && raw.ends_with("\"></a>")
                    && !raw[7..raw.len() - 6].contains(['"', '<', '>']))
                || (raw.starts_with("<a id=\"")
                    && raw.ends_with("\">")
                    && !raw[7..raw.len() - 2].contains(['"', '<', '>']));
            assert!(ours, "raw HTML in Markdown: {raw:?}");
        }
    }
}

//! Inlining diagrams into `index.html`: the SVG text from the render stage, made fit to share one
//! page with another diagram and the document.
//!
//! A standalone SVG may use any `id` (markers, gradients, clip paths). Inlined, two diagrams that
//! both define `id="arrow"` would collide, and a diagram id equal to a section anchor would steal
//! its links. So each diagram's ids get the diagram's prefix, and references to them (`url(#x)`,
//! `href="#x"`, `aria-labelledby`/`aria-describedby`) follow; links to section anchors are left
//! alone.

use std::collections::BTreeSet;

/// The SVG text from its `<svg` element on: an XML declaration or doctype is invalid inside HTML.
pub fn strip_prolog(svg: &str) -> &str {
    svg.find("<svg").map(|i| &svg[i..]).unwrap_or(svg)
}

/// Prefixes every `id` defined in `svg` with `{prefix}-` and rewrites the references to them.
/// Ids that are also document anchors keep their references pointing at the document.
pub fn scope_ids(svg: &str, prefix: &str, doc_anchors: &BTreeSet<String>) -> String {
    let defined = defined_ids(svg);
    if defined.is_empty() {
        return svg.to_string();
    }
    let mut out = String::with_capacity(svg.len() + defined.len() * prefix.len());
    // Each attribute form we rewrite: the text before the id, and the character that ends it.
    const FORMS: [(&str, char); 5] =
        [(" id=\"", '"'), ("url(#", ')'), ("href=\"#", '"'), ("aria-labelledby=\"", '"'), ("aria-describedby=\"", '"')];
    // The next occurrence of each form at or after `pos` (absolute offsets), found again only
    // once passed: searching every form from `pos` at each step rescanned the rest of the text
    // for forms that no longer occur, which made a 5,000-node overview take 30 s.
    let find_from = |lead: &str, from: usize| svg[from..].find(lead).map(|at| from + at);
    let mut next: [Option<usize>; 5] = std::array::from_fn(|i| find_from(FORMS[i].0, 0));
    let mut pos = 0;
    loop {
        for (i, (lead, _)) in FORMS.iter().enumerate() {
            if next[i].is_some_and(|at| at < pos) {
                next[i] = find_from(lead, pos);
            }
        }
        let Some((at, i)) = next.iter().enumerate().filter_map(|(i, at)| at.map(|at| (at, i))).min() else {
            out.push_str(&svg[pos..]);
            break;
        };
        let (lead, end) = FORMS[i];
        let start = at + lead.len();
        out.push_str(&svg[pos..start]);
        let len = svg[start..].find(end).unwrap_or(svg.len() - start);
        let value = &svg[start..start + len];
        if lead.starts_with("aria") {
            // An id list: each token that names an id of this diagram gets the prefix.
            let tokens: Vec<String> = value
                .split(' ')
                .map(|t| if defined.contains(t) { format!("{prefix}-{t}") } else { t.to_string() })
                .collect();
            out.push_str(&tokens.join(" "));
        } else {
            let is_link_to_doc = lead.starts_with("href") && doc_anchors.contains(value);
            if defined.contains(value) && !is_link_to_doc {
                out.push_str(prefix);
                out.push('-');
            }
            out.push_str(value);
        }
        pos = start + len;
    }
    out
}

fn defined_ids(svg: &str) -> BTreeSet<&str> {
    let mut ids = BTreeSet::new();
    let mut rest = svg;
    while let Some(at) = rest.find(" id=\"") {
        let start = at + 5;
        let len = rest[start..].find('"').unwrap_or(rest.len() - start);
        ids.insert(&rest[start..start + len]);
        rest = &rest[start + len..];
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_xml_prolog() {
        assert_eq!(strip_prolog("<?xml version=\"1.0\"?>\n<svg/>"), "<svg/>");
        assert_eq!(strip_prolog("no svg"), "no svg");
    }

    #[test]
    fn scopes_ids_and_their_references() {
        let anchors = BTreeSet::from(["aws_lb-api".to_string()]);
        let svg = "<svg><marker id=\"arrow\"/><path marker-end=\"url(#arrow)\"/><use href=\"#arrow\"/>\
                   <g id=\"aws_lb-api\"><a href=\"#aws_lb-api\"/></g><a href=\"#other\"/></svg>";
        let scoped = scope_ids(svg, "architecture", &anchors);
        assert_eq!(
            scoped,
            "<svg><marker id=\"architecture-arrow\"/><path marker-end=\"url(#architecture-arrow)\"/>\
             <use href=\"#architecture-arrow\"/><g id=\"architecture-aws_lb-api\"><a href=\"#aws_lb-api\"/></g>\
             <a href=\"#other\"/></svg>"
        );
    }

    #[test]
    fn scopes_aria_references() {
        let svg = "<svg aria-labelledby=\"t d\" aria-describedby=\"other\"><title id=\"t\"/><desc id=\"d\"/></svg>";
        assert_eq!(
            scope_ids(svg, "p", &BTreeSet::new()),
            "<svg aria-labelledby=\"p-t p-d\" aria-describedby=\"other\"><title id=\"p-t\"/><desc id=\"p-d\"/></svg>"
        );
    }

    #[test]
    fn svg_without_ids_is_unchanged() {
        assert_eq!(scope_ids("<svg><a href=\"#x\"/></svg>", "p", &BTreeSet::new()), "<svg><a href=\"#x\"/></svg>");
    }
}

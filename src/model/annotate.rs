//! Intent annotations: tags in the comment above a block, merged with the sidecar.
//!
//! The format is a public contract documented in `docs/annotations.md`.

use super::sidecar::Entry;
use super::{Annotation, AnnotationSource};

/// The tags zumen understands.
pub const TAGS: &[&str] = &["intent", "role", "group", "owner", "link", "hide"];

/// An annotation read from a comment, plus the unknown tags found in it (tag, line offset in the
/// comment block).
#[derive(Debug, Default, PartialEq)]
pub struct FromComment {
    pub annotation: Annotation,
    pub unknown: Vec<(String, usize)>,
}

/// Reads the tags of a leading comment. A comment with no tags at all is the intent as a whole.
pub fn from_comment(lines: &[String]) -> FromComment {
    let mut out = FromComment::default();
    if lines.is_empty() {
        return out;
    }
    let tagged: Vec<Option<(String, String)>> = lines.iter().map(|l| split_tag(l)).collect();
    if tagged.iter().all(Option::is_none) {
        out.annotation.intent = Some(join_markdown(lines.iter().map(String::as_str)));
        out.annotation.intent_source = Some(AnnotationSource::Comment);
        return out;
    }
    let mut i = 0;
    while i < lines.len() {
        let Some((tag, value)) = &tagged[i] else {
            i += 1;
            continue;
        };
        // Continuation lines: those up to the next tag.
        let mut j = i + 1;
        while j < lines.len() && tagged[j].is_none() {
            j += 1;
        }
        let mut text_lines = vec![value.as_str()];
        text_lines.extend(lines[i + 1..j].iter().map(|l| l.trim()));
        let text = join_markdown(text_lines.into_iter());
        let a = &mut out.annotation;
        match tag.as_str() {
            "intent" => {
                a.intent = Some(text).filter(|t| !t.is_empty());
                a.intent_source = a.intent.as_ref().map(|_| AnnotationSource::Comment);
            }
            "role" => a.role = first_word(value),
            "group" => a.group = Some(value.trim().to_string()).filter(|v| !v.is_empty()),
            "owner" => a.owner = Some(value.trim().to_string()).filter(|v| !v.is_empty()),
            "link" => a.links.extend(first_word(value)),
            "hide" => a.hide = true,
            other => out.unknown.push((other.to_string(), i)),
        }
        i = j;
    }
    out
}

/// `@tag value` at the start of a comment line.
fn split_tag(line: &str) -> Option<(String, String)> {
    let rest = line.trim_start().strip_prefix('@')?;
    let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let value = rest[name.len()..].trim().to_string();
    Some((name.to_ascii_lowercase(), value))
}

fn first_word(value: &str) -> Option<String> {
    value.split_whitespace().next().map(str::to_string)
}

/// Joins comment lines into Markdown: lines are trimmed at the end, and blank lines kept as
/// paragraph breaks.
fn join_markdown<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let text = lines.map(str::trim_end).collect::<Vec<_>>().join("\n");
    text.trim().to_string()
}

/// Applies a sidecar entry over an annotation: every field the sidecar gives wins.
pub fn apply_sidecar(annotation: &mut Annotation, entry: &Entry) {
    if let Some(intent) = entry.intent.as_ref().filter(|i| !i.trim().is_empty()) {
        annotation.intent = Some(intent.trim().to_string());
        annotation.intent_source = Some(AnnotationSource::Sidecar);
    }
    if entry.role.is_some() {
        annotation.role.clone_from(&entry.role);
    }
    if entry.group.is_some() {
        annotation.group.clone_from(&entry.group);
    }
    if entry.owner.is_some() {
        annotation.owner.clone_from(&entry.owner);
    }
    let links: Vec<String> = entry.link.iter().chain(&entry.links).cloned().collect();
    if !links.is_empty() {
        annotation.links = links;
    }
    if let Some(hide) = entry.hide {
        annotation.hide = hide;
    }
}

/// The closest known tag, for "did you mean" hints.
pub fn suggest(tag: &str) -> Option<&'static str> {
    crate::suggest::closest(tag, TAGS.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn tags_and_continuation() {
        let got = from_comment(&lines(
            "@intent Runs migrations once per deploy.\n  Kept out of the API service.\n@role one-off\n@group backend\n@owner backend\n@link https://example.com/rb\n@hide",
        ));
        let a = got.annotation;
        assert_eq!(a.intent.as_deref(), Some("Runs migrations once per deploy.\nKept out of the API service."));
        assert_eq!(a.role.as_deref(), Some("one-off"));
        assert_eq!(a.group.as_deref(), Some("backend"));
        assert_eq!(a.owner.as_deref(), Some("backend"));
        assert_eq!(a.links, vec!["https://example.com/rb".to_string()]);
        assert!(a.hide);
        assert!(got.unknown.is_empty());
    }

    #[test]
    fn untagged_comment_is_the_intent() {
        let a = from_comment(&lines("First line\nsecond line")).annotation;
        assert_eq!(a.intent.as_deref(), Some("First line\nsecond line"));
        assert_eq!(a.intent_source, Some(AnnotationSource::Comment));
    }

    #[test]
    fn unknown_tag_is_reported_with_a_suggestion() {
        let got = from_comment(&lines("@intnet typo here\n@role data"));
        assert_eq!(got.unknown, vec![("intnet".to_string(), 0)]);
        assert_eq!(suggest("intnet"), Some("intent"));
        assert_eq!(got.annotation.role.as_deref(), Some("data"));
        assert_eq!(got.annotation.intent, None);
    }
}

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

/// Reads the tags of a leading comment. A comment with no tags at all is the intent as a whole,
/// unless it is only decoration: rules (`# -------`) and section banners
/// (`# ------- IAM Roles -------`) title a part of a file, they do not explain the block below.
pub fn from_comment(lines: &[String]) -> FromComment {
    let mut out = FromComment::default();
    let kept: Vec<String> = lines.iter().filter(|l| !is_rule(l)).cloned().collect();
    let lines = &kept[..];
    if lines.is_empty() || lines.iter().all(|l| is_banner(l) || l.trim().is_empty()) {
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

const DECORATION: &[char] = &['-', '=', '*', '#', '~', '_', '+', '/'];

/// A line of decoration only (`-----`, `=====`, `####`).
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() >= 3 && t.chars().all(|c| DECORATION.contains(&c))
}

/// A section banner: text framed by runs of decoration (`--- IAM Roles ---`, `=== Network ===`).
fn is_banner(line: &str) -> bool {
    let t = line.trim();
    let framed = |s: &str| s.chars().take(2).filter(|c| DECORATION.contains(c)).count() == 2;
    framed(t) && framed(&t.chars().rev().collect::<String>())
}

/// Words that add nothing to a label comment (`# Create the VPC`).
const FILLER: &[&str] = &[
    "a", "an", "the", "for", "of", "create", "creates", "creating", "define", "defines", "resource", "this", "new",
    "and", "to", "our", "main",
];

/// True when an untagged comment only restates the block's type and name (`# ECS Cluster` above
/// `resource "aws_ecs_cluster" "main"`): a label, not a reason, so it must not count as intent.
pub fn restates(intent: &str, labels: &[String]) -> bool {
    let known: Vec<String> = labels
        .iter()
        .flat_map(|l| l.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<String> =
        intent.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|w| {
            let singular = w.strip_suffix('s').unwrap_or(w);
            FILLER.contains(&w.as_str()) || known.iter().any(|k| k == w || k == singular)
        })
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
    fn rules_and_banners_are_no_intent() {
        assert_eq!(from_comment(&lines("------- IAM Roles -------")).annotation.intent, None);
        assert_eq!(from_comment(&lines("==========\n== Network ==\n==========")).annotation.intent, None);
        let a = from_comment(&lines("-----------\nKeeps the queue private.\n-----------")).annotation;
        assert_eq!(a.intent.as_deref(), Some("Keeps the queue private."));
    }

    #[test]
    fn label_comments_restate_the_block() {
        let labels = vec!["aws_ecs_cluster".to_string(), "main".to_string()];
        assert!(restates("ECS Cluster", &labels));
        assert!(restates("Create the ECS clusters", &labels));
        assert!(!restates("One cluster for the API and its one-off tasks.", &labels));
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

//! The annotation findings of `zumen check`: sidecar entries that point at nothing, unknown
//! roles, comment/sidecar conflicts; and the model's own diagnostics, some made stricter.
//!
//! The model is lenient (it must draw whatever it is given); check is the gate, so intent that
//! rots — a renamed resource leaving its sidecar entry behind, a typo in a tag — is an error here.

use super::SidecarText;
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::sidecar::{glob_match, is_glob};
use crate::model::{Annotation, ItemKind, Model};
use crate::roles;

/// The model's diagnostics as check reports them: `unknown-tag` becomes an error, and
/// `dangling-sidecar` is dropped because [`dangling`] reports it with its real line.
pub fn carried_over(diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.code != "dangling-sidecar")
        .cloned()
        .map(|mut d| {
            if d.code == "unknown-tag" {
                d.level = Level::Error;
            }
            d
        })
        .collect()
}

/// Sidecar keys (exact or glob) that match no address in the model.
pub fn dangling(model: &Model, s: &SidecarText) -> Vec<Diagnostic> {
    s.sidecar
        .resources
        .keys()
        .filter(|key| {
            if is_glob(key) {
                !model.items.iter().any(|i| glob_match(key, &i.address))
            } else {
                model.find(key).is_none()
            }
        })
        .map(|key| {
            let what = if is_glob(key) { "the pattern matches no address" } else { "no such address" };
            let hint = closest(key, model.items.iter().map(|i| i.address.as_str()))
                .map(|a| format!("; did you mean \"{a}\"?"))
                .unwrap_or_else(|| "; was it renamed or deleted?".to_string());
            Diagnostic::new(Level::Error, "dangling-sidecar", format!("[resources.\"{key}\"]: {what}{hint}"))
                .at(sidecar_location(s, key))
        })
        .collect()
}

/// Roles given in sidecar entries that are neither default nor defined in `[roles.*]`.
pub fn sidecar_roles(model: &Model, s: &SidecarText) -> Vec<Diagnostic> {
    s.sidecar
        .resources
        .iter()
        .filter_map(|(key, entry)| Some((key, entry.role.as_deref()?)))
        .filter(|(_, role)| !roles::is_known(model, role))
        .map(|(key, role)| unknown_role(model, role, format!("[resources.\"{key}\"]")).at(sidecar_location(s, key)))
        .collect()
}

/// `@role` values in comments that are neither default nor defined in `[roles.*]`.
pub fn comment_roles(model: &Model, comments: &Model) -> Vec<Diagnostic> {
    comments
        .items
        .iter()
        .filter(|i| i.kind != ItemKind::Local)
        .filter_map(|i| Some((i, i.annotation.role.as_deref()?)))
        .filter(|(_, role)| !roles::is_known(model, role))
        .map(|(i, role)| unknown_role(model, role, i.address.clone()).at(i.location.clone()))
        .collect()
}

fn unknown_role(model: &Model, role: &str, place: String) -> Diagnostic {
    let mut known: Vec<&str> = roles::DEFAULT_ROLES.iter().map(|r| r.id).collect();
    for r in &model.roles {
        if !known.contains(&r.id.as_str()) {
            known.push(&r.id);
        }
    }
    let hint = closest(role, known.iter().copied()).map(|r| format!("did you mean `{r}`? ")).unwrap_or_default();
    Diagnostic::new(
        Level::Error,
        "unknown-role",
        format!(
            "{place}: unknown role `{role}`; {hint}define it with [roles.{role}] in zumen.toml, or use one of: {}",
            known.join(", ")
        ),
    )
}

/// Fields given both in the comment above a block and in the sidecar, with different values.
pub fn conflicts(comments: &Model, s: &SidecarText) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for item in comments.items.iter().filter(|i| i.kind != ItemKind::Local) {
        let Some((key, entry)) = s.sidecar.entry_for(&item.address) else { continue };
        let c: &Annotation = &item.annotation;
        let intent = entry.intent.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let mut fields: Vec<(&str, String, String)> = Vec::new();
        let mut differs = |name: &'static str, comment: Option<&str>, sidecar: Option<&str>| {
            if let (Some(a), Some(b)) = (comment, sidecar) {
                if a.trim() != b.trim() {
                    fields.push((name, a.to_string(), b.to_string()));
                }
            }
        };
        // Descriptions of variables and outputs are not comment tags; only comment intent counts.
        let comment_intent =
            c.intent.as_deref().filter(|_| c.intent_source == Some(crate::model::AnnotationSource::Comment));
        differs("intent", comment_intent, intent);
        differs("role", c.role.as_deref(), entry.role.as_deref());
        differs("group", c.group.as_deref(), entry.group.as_deref());
        differs("owner", c.owner.as_deref(), entry.owner.as_deref());
        if c.hide && entry.hide == Some(false) {
            fields.push(("hide", "true".into(), "false".into()));
        }
        let sidecar_at = sidecar_location(s, key);
        for (field, a, b) in fields {
            let message = format!(
                "{}: `{field}` differs between the comment ({}:{}: {}) and {}:{} ({}); the sidecar wins",
                item.address,
                item.location.file,
                item.location.line,
                short(&a),
                sidecar_at.file,
                sidecar_at.line,
                short(&b)
            );
            out.push(Diagnostic::new(Level::Warning, "annotation-conflict", message).at(item.location.clone()));
        }
    }
    out
}

fn short(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    let mut s: String = first.chars().take(60).collect();
    if s.len() < first.len() || text.lines().nth(1).is_some() {
        s.push('…');
    }
    format!("\"{s}\"")
}

fn sidecar_location(s: &SidecarText, key: &str) -> Location {
    Location { file: s.sidecar.file.clone(), line: header_line(&s.text, key), column: 1 }
}

/// The 1-based line of `[resources."<key>"]` in the sidecar text (1 when not found, e.g. for
/// inline tables written some other way).
pub fn header_line(text: &str, key: &str) -> usize {
    let quoted = format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""));
    let literal = format!("'{key}'");
    for (n, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let Some(rest) = t.strip_prefix('[').and_then(|r| r.trim_start().strip_prefix("resources")) else {
            continue;
        };
        let rest = rest.trim_start().strip_prefix('.').map(str::trim_start).unwrap_or("");
        if rest.starts_with(&quoted) || rest.starts_with(&literal) || rest.strip_suffix(']') == Some(key) {
            return n + 1;
        }
    }
    // `[resources]` with `"key" = { … }` lines.
    text.lines().position(|l| l.trim_start().starts_with(&quoted)).map_or(1, |n| n + 1)
}

/// The closest candidate, for "did you mean" hints.
fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    crate::suggest::closest(word, candidates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_line_finds_quoted_and_bare_keys() {
        let text =
            "title = \"x\"\n\n[resources.\"aws_s3_bucket.logs\"]\nrole = \"data\"\n[ resources . 'aws_vpc.*' ]\n";
        assert_eq!(header_line(text, "aws_s3_bucket.logs"), 3);
        assert_eq!(header_line(text, "aws_vpc.*"), 5);
        assert_eq!(header_line(text, "nowhere"), 1);
    }

    #[test]
    fn closest_suggests_near_misses_only() {
        let roles = ["resident", "one-off", "monitoring"];
        assert_eq!(closest("monitorng", roles.iter().copied()), Some("monitoring"));
        assert_eq!(closest("banana", roles.iter().copied()), None);
    }
}

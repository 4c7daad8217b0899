//! The sidecar file `zumen.toml`: title, summary, roles, actors and per-address annotations for
//! code you can't or won't edit. See `docs/annotations.md`.

use super::{Actor, RoleDef};
use crate::diagnostic::{Diagnostic, Level, Location};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Annotation fields for the resources an address or glob matches.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub intent: Option<String>,
    pub role: Option<String>,
    pub group: Option<String>,
    pub owner: Option<String>,
    /// `link = "…"` or `links = ["…"]`.
    pub link: Option<String>,
    #[serde(default)]
    pub links: Vec<String>,
    pub hide: Option<bool>,
}

/// The parsed sidecar.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    pub title: Option<String>,
    pub summary: Option<String>,
    #[serde(default)]
    pub roles: BTreeMap<String, RoleDef>,
    #[serde(default)]
    pub actors: BTreeMap<String, Actor>,
    /// Address or glob → fields.
    #[serde(default)]
    pub resources: BTreeMap<String, Entry>,
    /// Where the sidecar was read from, for diagnostics (`zumen.toml`).
    #[serde(skip)]
    pub file: String,
    /// Line of each `[resources."…"]` header, for diagnostics.
    #[serde(skip)]
    pub lines: BTreeMap<String, usize>,
}

impl Sidecar {
    /// Parses sidecar text; errors name the file, line and column.
    pub fn parse(file: &str, text: &str) -> Result<Sidecar, Diagnostic> {
        let mut sidecar: Sidecar = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| {
                    let before = &text[..s.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let column = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
                    (line, column)
                })
                .unwrap_or((1, 1));
            let message = e.message().to_string();
            Diagnostic::new(Level::Error, "sidecar", format!("invalid {file}: {message}")).at(Location {
                file: file.to_string(),
                line,
                column,
            })
        })?;
        sidecar.file = file.to_string();
        for key in sidecar.resources.keys() {
            let line = text
                .lines()
                .position(|l| {
                    let l = l.trim_start();
                    l.starts_with("[resources.")
                        && (l.contains(&format!("\"{key}\""))
                            || l.contains(&format!("'{key}'"))
                            || l.contains(&format!(".{key}]")))
                })
                .map_or(1, |i| i + 1);
            sidecar.lines.insert(key.clone(), line);
        }
        for (id, role) in sidecar.roles.iter_mut() {
            role.id = id.clone();
        }
        for (id, actor) in sidecar.actors.iter_mut() {
            actor.id = id.clone();
        }
        Ok(sidecar)
    }

    /// The entry that applies to `address`: an exact key wins over globs; among globs the longest
    /// pattern wins (ties: the first in key order).
    pub fn entry_for(&self, address: &str) -> Option<(&str, &Entry)> {
        if let Some((k, e)) = self.resources.get_key_value(address) {
            return Some((k, e));
        }
        self.resources
            .iter()
            .filter(|(pattern, _)| is_glob(pattern) && glob_match(pattern, address))
            .max_by(|a, b| a.0.len().cmp(&b.0.len()).then(b.0.cmp(a.0)))
            .map(|(k, e)| (k.as_str(), e))
    }
}

pub fn is_glob(pattern: &str) -> bool {
    pattern.contains(['*', '?'])
}

/// `*` matches any run of characters, `?` exactly one; everything else literally.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_addresses() {
        assert!(glob_match(
            "module.monitoring.aws_cloudwatch_log_group.*",
            "module.monitoring.aws_cloudwatch_log_group.api"
        ));
        assert!(!glob_match("module.monitoring.*", "module.backend.aws_ecs_service.api"));
        assert!(glob_match("aws_subnet.?", "aws_subnet.a"));
        assert!(glob_match("*", ""));
    }

    #[test]
    fn exact_entry_wins_over_glob() {
        let s = Sidecar::parse(
            "zumen.toml",
            "[resources.\"aws_s3_bucket.*\"]\nrole = \"data\"\n[resources.\"aws_s3_bucket.logs\"]\nrole = \"monitoring\"\n",
        )
        .expect("valid sidecar");
        assert_eq!(s.entry_for("aws_s3_bucket.logs").map(|(_, e)| e.role.as_deref()), Some(Some("monitoring")));
        assert_eq!(s.entry_for("aws_s3_bucket.site").map(|(_, e)| e.role.as_deref()), Some(Some("data")));
    }

    #[test]
    fn resource_headers_have_lines() {
        let s = Sidecar::parse("zumen.toml", "title = \"t\"\n\n[resources.\"aws_vpc.main\"]\nrole = \"network\"\n")
            .expect("valid sidecar");
        assert_eq!(s.lines.get("aws_vpc.main"), Some(&3));
    }

    #[test]
    fn errors_name_the_line() {
        let err = Sidecar::parse("zumen.toml", "title = \"x\"\nsumary = \"typo\"\n").expect_err("unknown key");
        assert_eq!(err.location.map(|l| l.line), Some(2));
    }
}

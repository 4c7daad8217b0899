//! Renders a [`Report`] for people (`text`), programs (`json`, schema in `docs/check-json.md`)
//! and GitHub Actions (`github`: workflow commands that show findings inline on pull requests).
//!
//! Text and GitHub output show paths joined to the root as given on the command line, so an
//! editor or GitHub can open them from where zumen was run; JSON keeps them relative to the root
//! and gives the root once.

use super::Report;
use crate::diagnostic::Level;

/// `intent coverage: 41/45 resources (91%)`. Module calls count as resources here.
pub fn coverage_line(report: &Report) -> String {
    let c = &report.coverage;
    format!("intent coverage: {}/{} resources ({}%)", c.covered, c.total, c.percent)
}

/// One finding per block (`path:line:col: level[code]: message` and an excerpt when known),
/// then the coverage line. `color` adds ANSI colours to the level.
pub fn text(report: &Report, color: bool) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let mut rendered = d.rooted(&report.root).render();
        if color {
            let (word, code) = match d.level {
                Level::Error => ("error", "31"),
                Level::Warning => ("warning", "33"),
                Level::Note => ("note", "36"),
            };
            let plain = format!("{word}[");
            rendered = rendered.replacen(&plain, &format!("\x1b[1;{code}m{word}\x1b[0m["), 1);
        }
        out.push_str(&rendered);
        out.push('\n');
    }
    out.push_str(&coverage_line(report));
    out.push('\n');
    let s = &report.summary;
    if s.errors + s.warnings > 0 {
        out.push_str(&format!("{} error(s), {} warning(s)\n", s.errors, s.warnings));
    }
    out
}

/// The report as pretty-printed JSON with a trailing newline.
pub fn json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// `::error file=…,line=…,col=…,title=zumen code::message` per finding, then the coverage line
/// as a notice.
pub fn github(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let d = d.rooted(&report.root);
        let command = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "notice",
        };
        let mut props = Vec::new();
        if let Some(loc) = &d.location {
            props.push(format!("file={}", property(&loc.file)));
            props.push(format!("line={}", loc.line));
            props.push(format!("col={}", loc.column));
        }
        props.push(format!("title={}", property(&format!("zumen {}", d.code))));
        out.push_str(&format!("::{command} {}::{}\n", props.join(","), data(&d.message)));
    }
    out.push_str(&format!("::notice title=zumen coverage::{}\n", data(&coverage_line(report))));
    out
}

/// Escapes a workflow command's message (GitHub's `escapeData`).
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value (GitHub's `escapeProperty`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}

//! Source text helpers: byte offsets to line/column, and the comment block above a line.

/// Maps byte offsets of one file to 1-based lines and character columns.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based (line, column); the column counts characters, not bytes.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self.text.get(start..offset).map(|s| s.chars().count()).unwrap_or(0) + 1;
        (line, column)
    }

    /// The text of a 1-based line without its line ending.
    pub fn line(&self, line: usize) -> &'a str {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else { return "" };
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        self.text.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// The comment block that ends on the line directly above `line` (1-based), with comment markers
/// stripped, one entry per line. A blank line or code ends the block; `/* … */` and `/** … */`
/// blocks are taken whole when their closing line is directly above.
pub fn comment_above(index: &LineIndex<'_>, line: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = line.saturating_sub(1);
    while current >= 1 {
        let text = index.line(current).trim();
        if let Some(rest) = text.strip_prefix('#').or_else(|| text.strip_prefix("//")) {
            lines.push(strip_one_space(rest).to_string());
            current -= 1;
        } else if text.ends_with("*/") {
            // Find the opening `/*` at the start of a line above (or this line).
            let mut open = current;
            while open >= 1 && !index.line(open).trim_start().starts_with("/*") {
                open -= 1;
            }
            if open == 0 {
                break;
            }
            let block: Vec<String> = (open..=current).map(|l| index.line(l).to_string()).collect();
            for l in block_comment_lines(&block).into_iter().rev() {
                lines.push(l);
            }
            current = open - 1;
        } else {
            break;
        }
    }
    lines.reverse();
    // Trim blank lines at both ends of the block (e.g. from `/**` and ` */` lines).
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines
}

fn strip_one_space(s: &str) -> &str {
    s.strip_prefix(' ').unwrap_or(s)
}

/// The text lines of a `/* … */` comment: markers removed, ` * ` prefixes of doc-style blocks
/// removed.
fn block_comment_lines(raw: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let last = raw.len().saturating_sub(1);
    for (i, line) in raw.iter().enumerate() {
        let mut l = line.trim();
        if i == 0 {
            l = l.trim_start_matches("/*").trim_start_matches('*');
        }
        if i == last {
            l = l.strip_suffix("*/").unwrap_or(l);
        }
        let l = if i > 0 { l.strip_prefix('*').unwrap_or(l) } else { l };
        out.push(strip_one_space(l).trim_end().to_string());
    }
    out
}

/// A licence notice is not a description of the module.
fn is_license(lines: &[String]) -> bool {
    let first = lines.first().map(|l| l.trim().to_ascii_lowercase()).unwrap_or_default();
    first.starts_with("copyright") || lines.iter().any(|l| l.contains("SPDX-License-Identifier"))
}

/// The module header of a file: a comment block at the very top that is separated from what
/// follows by a blank line, or a `/** … */` doc block at the top.
pub fn header(index: &LineIndex<'_>) -> Option<String> {
    let mut end = 0;
    for line in 1..=index.line_count() {
        let text = index.line(line).trim();
        if text.is_empty() {
            break;
        }
        end = line;
    }
    if end == 0 {
        return None;
    }
    let doc_block = index.line(1).trim_start().starts_with("/**");
    let next_is_blank = index.line(end + 1).trim().is_empty();
    if !(doc_block || next_is_blank) {
        return None;
    }
    let lines = comment_above(index, end + 1);
    // Only a block that starts on the first line, and is all comment, is a header.
    let all_comment = (1..=end).all(|l| {
        let t = index.line(l).trim();
        t.starts_with('#') || t.starts_with("//") || t.starts_with("/*") || t.starts_with('*')
    });
    if lines.is_empty() || !all_comment || is_license(&lines) {
        return None;
    }
    Some(lines.join("\n"))
}

//! Escaping of Terraform-derived strings for each place the doc stage writes them.
//!
//! Every string that reaches `DESIGN.md`, `index.html` or `model.json` has passed [`clean`] (no
//! carriage returns, no control or bidi-override characters) and then the escaper for its output
//! position: a Markdown table cell, Markdown inline text, a Markdown code span, HTML text or an HTML
//! attribute. The Markdown escapers follow GFM's rules: tables split rows on every unescaped `|`,
//! even inside code spans, so `|` becomes `\|` there too; `<`/`>`/`&` become entities outside code
//! spans so no Terraform string turns into raw HTML on GitHub.

/// Normalises line endings (CRLF, CR, U+2028, U+2029) to `\n` and removes characters that could
/// hide or reorder text: a BOM, other C0/C1 controls and the Unicode bidi controls (U+202A–U+202E,
/// U+2066–U+2069, U+200E/U+200F, U+061C), which would let a string display in a different order
/// than it reads. A tab becomes four spaces, so a tab-indented code block in an intent stays one.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push_str("    "),
            '\u{FEFF}' => {}
            c if c.is_control() => {}
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for an HTML text node (also safe inside double-quoted attributes).
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a double-quoted HTML attribute value; newlines become spaces.
pub fn html_attr(s: &str) -> String {
    html_text(s).replace('\n', " ")
}

/// Plain text (an owner, a group, a label) as Markdown inline text: Markdown punctuation is
/// backslash-escaped, HTML specials become entities, newlines become spaces. Safe in table cells.
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A code span holding `s` literally, outside a table. The fence is longer than any backtick run
/// inside, newlines become spaces (a code span is one line in our output).
pub fn md_code(s: &str) -> String {
    code_span(&clean(s).replace('\n', " "), false)
}

/// A code span inside a table cell: as [`md_code`] but `|` is written `\|`, which GFM requires even
/// inside code spans (terraform-docs#592).
pub fn md_code_cell(s: &str) -> String {
    code_span(&clean(s).replace('\n', " "), true)
}

fn code_span(s: &str, in_table: bool) -> String {
    if s.is_empty() {
        return String::new();
    }
    let longest = longest_backtick_run(s);
    let fence = "`".repeat(longest + 1);
    let body = if in_table { s.replace('|', "\\|") } else { s.to_string() };
    // A space pad keeps a leading/trailing backtick from merging with the fence.
    let pad = if body.starts_with('`') || body.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{body}{pad}{fence}")
}

fn longest_backtick_run(s: &str) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// A description (Markdown-ish text from Terraform, e.g. a variable's `description`) in a table
/// cell: one line, `\|` for every `|` (in code spans too), lines joined with `<br>`, leading
/// indentation dropped, `<`/`>`/`&` as entities outside code spans (inside a code span they are
/// already literal on GitHub, and an entity would show as `&lt;`), and the brackets of a link to
/// an unsafe URL (`javascript:`, `data:`) escaped so it stays text.
pub fn md_cell(s: &str) -> String {
    let cleaned = clean(s);
    let text = cleaned.trim_matches('\n');
    let joined: Vec<&str> = text.split('\n').map(str::trim).collect();
    let one_line = joined.join("\u{0}");
    let defused = unsafe_links(&one_line);
    let mut out = String::with_capacity(one_line.len());
    let (mut at, mut prev) = (0, '\0');
    for (piece, is_code) in split_code_spans(&one_line) {
        for (j, c) in piece.char_indices() {
            let escaped = prev == '\\';
            prev = c;
            match c {
                '[' | ']' if !is_code && !escaped && defused.iter().any(|r| r.contains(&(at + j))) => {
                    out.push('\\');
                    out.push(c);
                }
                '\u{0}' if is_code => out.push(' '),
                '\u{0}' => out.push_str("<br>"),
                '|' => out.push_str("\\|"),
                '&' if !is_code => out.push_str("&amp;"),
                '<' if !is_code => out.push_str("&lt;"),
                '>' if !is_code => out.push_str("&gt;"),
                c => out.push(c),
            }
        }
        at += piece.len();
    }
    out
}

/// Byte ranges of the Markdown links and images in `s` whose target is not a safe URL.
fn unsafe_links(s: &str) -> Vec<std::ops::Range<usize>> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new(s)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !super::intent::is_safe_url(&dest_url) =>
            {
                Some(range)
            }
            _ => None,
        })
        .collect()
}

/// Splits text into (piece, is_code_span) runs following CommonMark's code span rule: a run of n
/// backticks opens a span closed by the next run of exactly n; an unmatched run is literal text,
/// and so is a backslash-escaped backtick.
pub fn split_code_spans(s: &str) -> Vec<(&str, bool)> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        // Outside a code span a backslash escapes the next character: `\`` is a literal backtick
        // and opens nothing, exactly as GitHub reads it.
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let n = run_len(bytes, i);
        match find_closing(bytes, i + n, n) {
            Some(close) => {
                if start < i {
                    out.push((&s[start..i], false));
                }
                out.push((&s[i..close + n], true));
                i = close + n;
                start = i;
            }
            None => i += n,
        }
    }
    if start < bytes.len() {
        out.push((&s[start..], false));
    }
    out
}

fn run_len(bytes: &[u8], at: usize) -> usize {
    bytes[at..].iter().take_while(|b| **b == b'`').count()
}

fn find_closing(bytes: &[u8], from: usize, n: usize) -> Option<usize> {
    let mut j = from;
    while j < bytes.len() {
        if bytes[j] == b'`' {
            let m = run_len(bytes, j);
            if m == n {
                return Some(j);
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unescaped `|` count, the check shared case 001 uses on table rows.
    fn unescaped_pipes(s: &str) -> usize {
        let b = s.as_bytes();
        (0..b.len()).filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\')).count()
    }

    #[test]
    fn cell_escapes_pipes_including_code_spans() {
        let cell = md_cell("pick one of LRS | GRS | ZRS");
        assert_eq!(cell, "pick one of LRS \\| GRS \\| ZRS");
        let cell = md_cell("probe: `grep -c token app.log | head -n 1` (a number)");
        assert_eq!(cell, "probe: `grep -c token app.log \\| head -n 1` (a number)");
        assert_eq!(unescaped_pipes(&cell), 0);
    }

    #[test]
    fn cell_joins_lines_with_br_and_drops_cr_and_indent() {
        let cell = md_cell("First line\r\n    second line\r\n\r\nthird\r\n");
        assert_eq!(cell, "First line<br>second line<br><br>third");
        assert!(!cell.contains('\r'));
    }

    #[test]
    fn cell_makes_html_inert_outside_code_only() {
        assert_eq!(md_cell("<script>alert(1)</script> & co"), "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
        assert_eq!(md_cell("`a<b>`"), "`a<b>`");
        assert_eq!(md_cell("\"><img src=x onerror=alert(1)>"), "\"&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    #[test]
    fn cell_defuses_script_links() {
        assert_eq!(
            md_cell("[x](javascript:alert(1)) [ok](https://e.com)"),
            "\\[x\\](javascript:alert(1)) [ok](https://e.com)"
        );
        assert_eq!(
            md_cell("[a\\]b](javascript:x) `[c](javascript:y)`"),
            "\\[a\\]b\\](javascript:x) `[c](javascript:y)`"
        );
    }

    #[test]
    fn escaped_backtick_opens_no_code_span() {
        assert_eq!(split_code_spans("\\`<b>`"), vec![("\\`<b>`", false)]);
        assert_eq!(md_cell("\\`<b>`"), "\\`&lt;b&gt;`");
    }

    #[test]
    fn unmatched_backticks_are_text() {
        assert_eq!(split_code_spans("a ` b | c"), vec![("a ` b | c", false)]);
        assert_eq!(md_cell("a ` b | c"), "a ` b \\| c");
        assert_eq!(split_code_spans("x ``a`b`` y"), vec![("x ", false), ("``a`b``", true), (" y", false)]);
    }

    #[test]
    fn clean_strips_controls_and_bidi() {
        assert_eq!(clean("ab\u{202E}cd\u{7}e\u{2066}f"), "abcdef");
        assert_eq!(clean("a\r\nb\rc\td"), "a\nb\nc    d");
        assert_eq!(clean("\u{FEFF}a\u{2028}b"), "a\nb");
    }

    #[test]
    fn code_spans_pick_a_longer_fence() {
        assert_eq!(md_code("a`b"), "``a`b``");
        assert_eq!(md_code("`x"), "`` `x ``");
        assert_eq!(md_code_cell("a | b"), "`a \\| b`");
        assert_eq!(md_code("a | b"), "`a | b`");
        assert_eq!(md_code(""), "");
    }

    #[test]
    fn text_escapes_markdown_and_html() {
        assert_eq!(md_text("a|b *c* <script> & [x](y)"), "a\\|b \\*c\\* &lt;script&gt; &amp; \\[x\\](y)");
        assert_eq!(md_text("l1\nl2"), "l1 l2");
    }

    #[test]
    fn html_escapes_text_and_attributes() {
        assert_eq!(html_text("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
        assert_eq!(html_attr("\"><img onerror=x>\n"), "&quot;&gt;&lt;img onerror=x&gt; ");
        assert_eq!(html_text("x\u{202E}y"), "xy");
        assert_eq!(html_text("équipe_réseau 東京"), "équipe_réseau 東京");
    }

    /// Strings built from the characters that matter, by a fixed pseudo-random sequence: whatever
    /// the mix, a cell stays one cell and one line, and HTML text has no markup.
    #[test]
    fn escapers_hold_on_generated_strings() {
        let alphabet: Vec<char> = "|`<>&\"'\\\r\n\t *_[]()#!~\u{202E}\u{7}ab".chars().collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..2000 {
            let len = (seed % 24) as usize;
            let mut input = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                input.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            for out in [md_cell(&input), md_code_cell(&input), md_text(&input)] {
                assert_eq!(unescaped_pipes(&out), 0, "{input:?} -> {out:?}");
                assert!(!out.contains(['\n', '\r', '\u{202E}', '\u{7}']), "{input:?} -> {out:?}");
            }
            for out in [md_text(&input), html_text(&input), html_attr(&input)] {
                assert!(!out.contains('<'), "{input:?} -> {out:?}");
            }
            // In a cell, `<` stays literal only inside code spans, where GitHub shows it as text.
            let cell = md_cell(&input);
            for (piece, is_code) in split_code_spans(&cell) {
                assert!(is_code || !piece.replace("<br>", "").contains('<'), "{input:?} -> {cell:?}");
            }
            assert!(!html_attr(&input).contains('"'));
        }
    }
}

//! A small lexical scan used only to explain syntax errors precisely.

/// The position of the first double-quoted string that reaches the end of its line unclosed,
/// outside comments and heredocs. Interpolations may span lines, so `${ … }` is skipped whole.
pub fn unterminated_string(text: &str) -> Option<(usize, usize)> {
    scan(text, |_, _, _| {})
}

/// The position of the `{`, `[` or `(` still open when the file ends (the innermost one), outside
/// strings, comments and heredocs: "expected '}'" at the last line says what is wrong, this says
/// where it began.
pub fn unclosed_bracket(text: &str) -> Option<(usize, usize, char)> {
    let mut open: Vec<(usize, usize, char)> = Vec::new();
    let mut balanced = true;
    let unterminated = scan(text, |line, column, c| match c {
        '{' | '[' | '(' => open.push((line, column, c)),
        '}' | ']' | ')' => {
            let expected = match c {
                '}' => '{',
                ']' => '[',
                _ => '(',
            };
            if open.pop().map(|(_, _, o)| o) != Some(expected) {
                balanced = false;
            }
        }
        _ => {}
    });
    // A stray closer or an open string makes the count meaningless; say nothing then.
    if unterminated.is_some() || !balanced {
        return None;
    }
    open.pop()
}

/// Walks `text`, calling `code(line, column, char)` (1-based) for every character outside
/// strings, comments and heredocs, and returns the first unterminated string's position.
fn scan(text: &str, mut code: impl FnMut(usize, usize, char)) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut in_block_comment = false;
    let mut heredoc: Option<String> = None;
    let mut depth = 0usize; // open `${` inside strings across lines
    let mut in_string = false;
    for (n, raw) in lines.iter().enumerate() {
        let line = raw.trim_end_matches('\r');
        if let Some(marker) = &heredoc {
            if line.trim() == marker {
                heredoc = None;
            }
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        let mut string_start: Option<usize> = None;
        if in_string {
            string_start = Some(0);
        }
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            if in_block_comment {
                if c == '*' && next == Some('/') {
                    in_block_comment = false;
                    i += 1;
                }
            } else if string_start.is_some() {
                if c == '\\' {
                    i += 1;
                } else if c == '$' && next == Some('{') {
                    depth += 1;
                    i += 1;
                } else if c == '}' && depth > 0 {
                    depth -= 1;
                } else if c == '"' && depth == 0 {
                    string_start = None;
                }
            } else if c == '"' {
                string_start = Some(i);
            } else if c == '#' || (c == '/' && next == Some('/')) {
                break;
            } else if c == '/' && next == Some('*') {
                in_block_comment = true;
                i += 1;
            } else if c == '<' && next == Some('<') {
                let rest: String = chars[i + 2..].iter().collect();
                let marker: String =
                    rest.trim_start_matches('-').chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !marker.is_empty() {
                    heredoc = Some(marker);
                    break;
                }
            } else {
                code(n + 1, i + 1, c);
            }
            i += 1;
        }
        in_string = false;
        if let Some(start) = string_start {
            if depth == 0 {
                return Some((n + 1, start + 1));
            }
            // An interpolation spans lines: the string goes on.
            in_string = true;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{unclosed_bracket, unterminated_string};

    #[test]
    fn finds_the_line_of_an_unterminated_string() {
        let text = "resource \"a\" \"b\" {\n  ami = \"x\"\n  type = \"t3.micro\n}\n";
        assert_eq!(unterminated_string(text), Some((3, 10)));
    }

    #[test]
    fn ignores_comments_heredocs_and_multiline_interpolations() {
        let text = "# \"quote\n/* \"x\n*/\na = <<EOT\n\"open\nEOT\nb = \"${foo(\n1)}\"\n";
        assert_eq!(unterminated_string(text), None);
    }

    #[test]
    fn finds_the_bracket_the_file_never_closes() {
        let text = "resource \"aws_s3_bucket\" \"x\" {\n  bucket = \"x\"\n";
        assert_eq!(unclosed_bracket(text), Some((1, 30, '{')));
        let nested = "locals {\n  a = [\n    1,\n}\n";
        assert_eq!(unclosed_bracket(nested), None, "a mismatched closer: no guess");
        let list = "locals {\n  a = [\n    \"}\", # ]\n    \"${x}\",\n";
        assert_eq!(unclosed_bracket(list), Some((2, 7, '[')));
        let closed = "a = { b = \"${c}\" }\nd = <<EOT\n{\nEOT\n";
        assert_eq!(unclosed_bracket(closed), None);
    }
}

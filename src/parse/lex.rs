//! A small lexical scan used only to explain syntax errors precisely.

/// The position of the first double-quoted string that reaches the end of its line unclosed,
/// outside comments and heredocs. Interpolations may span lines, so `${ … }` is skipped whole.
pub fn unterminated_string(text: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut in_block_comment = false;
    let mut heredoc: Option<String> = None;
    let mut depth = 0usize; // open `${` inside strings across lines
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
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            if in_block_comment {
                if c == '*' && next == Some('/') {
                    in_block_comment = false;
                    i += 1;
                }
            } else if let Some(_start) = string_start {
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
            }
            i += 1;
        }
        if let Some(start) = string_start {
            if depth == 0 {
                return Some((n + 1, start + 1));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::unterminated_string;

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
}

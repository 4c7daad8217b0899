//! Second chance for files that HashiCorp's parser accepts but hcl-edit 0.10 rejects.
//!
//! Inside the brackets of a `for` expression HashiCorp's parser ignores newlines, so
//! `{ for k, v in m : k => v.on\n ? 1 : 2 }` is valid Terraform; hcl-edit ends the value at the
//! newline and fails with "expected `}`" (found by `scripts/conformance.mjs` on
//! cloud-foundation-fabric). [`join_for_lines`] blanks those newlines (and the line comments
//! they end) to spaces. Every byte keeps its offset, so spans from the repaired text point at
//! the same places in the original, which is what positions and excerpts are computed from.
//! The parse stage only uses it after a failed parse, so valid files are never touched.
//!
//! Likewise HashiCorp's parser accepts an object literal that repeats a key (`{ a = 1, a = 2 }`;
//! the last one wins), which hcl-edit rejects as "redefined object key" (terraform-google-network
//! examples, ecs-blueprints). [`drop_duplicate_keys`] blanks the earlier items.

/// Both repairs; `None` when neither changed anything.
pub fn repaired(text: &str) -> Option<String> {
    let joined = join_for_lines(text);
    let deduped = drop_duplicate_keys(joined.as_deref().unwrap_or(text));
    deduped.or(joined)
}

/// The text with every newline whose innermost enclosing bracket is a `[for …]` or `{for …}`
/// replaced by a space (a `\r` before it too), and `#`/`//` comments ending on such a line
/// blanked. `None` when there is no such newline.
pub fn join_for_lines(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut changed = false;
    // Open brackets: true when the bracket starts a `for` expression.
    let mut stack: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let in_for = stack.last().copied().unwrap_or(false);
        match bytes[i] {
            b'"' => i = string_end(bytes, i),
            b'#' => i = line_comment(&mut out, bytes, i, in_for, &mut changed),
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = line_comment(&mut out, bytes, i, in_for, &mut changed),
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = find(bytes, i + 2, b"*/").map(|end| end + 2).unwrap_or(bytes.len());
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => i = heredoc_end(bytes, i),
            b'{' | b'[' | b'(' => {
                let starts_for = bytes[i] != b'(' && starts_with_for(bytes, i + 1);
                stack.push(starts_for);
                i += 1;
            }
            b'}' | b']' | b')' => {
                stack.pop();
                i += 1;
            }
            b'\n' if in_for => {
                out[i] = b' ';
                if i > 0 && bytes[i - 1] == b'\r' {
                    out[i - 1] = b' ';
                }
                changed = true;
                i += 1;
            }
            _ => i += 1,
        }
    }
    // Only ASCII bytes were replaced by ASCII spaces, so the text is still UTF-8.
    if changed {
        String::from_utf8(out).ok()
    } else {
        None
    }
}

/// True when the bracket content starting at `at` begins with the keyword `for`.
fn starts_with_for(bytes: &[u8], at: usize) -> bool {
    let mut j = at;
    while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r' || bytes[j] == b'\n') {
        j += 1;
    }
    if bytes.get(j..j + 3) != Some(b"for") || !bytes.get(j + 3).is_some_and(|c| c.is_ascii_whitespace()) {
        return false;
    }
    // `{ for = 1 }` is an object whose key is `for`: a `for` expression names a variable next.
    let rest = bytes[j + 3..].iter().find(|c| !c.is_ascii_whitespace());
    rest.is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_' || !c.is_ascii())
}

/// Skips a line comment; inside a `for` it is blanked so that joining its line with the next
/// does not comment the next line out.
fn line_comment(out: &mut [u8], bytes: &[u8], start: usize, in_for: bool, changed: &mut bool) -> usize {
    let end = bytes[start..].iter().position(|&c| c == b'\n').map(|p| start + p).unwrap_or(bytes.len());
    if in_for {
        for b in &mut out[start..end] {
            // Blank whole characters only: continuation bytes of a multi-byte character are
            // blanked together with its first byte, as all of them lie in the comment.
            *b = b' ';
        }
        *changed = true;
    }
    end
}

/// One object literal being scanned: its items so far (key, byte range) and the current one.
struct Object {
    items: Vec<(Option<String>, usize, usize)>,
    current: Option<(Option<String>, usize)>,
}

impl Object {
    fn end_item(&mut self, end: usize) {
        if let Some((key, start)) = self.current.take() {
            self.items.push((key, start, end));
        }
    }
}

/// The text with the earlier of any two items of one object literal that have the same key
/// blanked to spaces (line breaks kept), so that the last one wins as in HashiCorp's parser.
/// Block bodies are left alone: a repeated attribute there is an error in Terraform too.
/// `None` when no object repeats a key.
pub fn drop_duplicate_keys(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut changed = false;
    // Open brackets; `Some` for an object literal.
    let mut stack: Vec<Option<Object>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        // At item level of an object, a key starts an item; separators end it.
        if let Some(Some(object)) = stack.last_mut() {
            if object.current.is_none() && !c.is_ascii_whitespace() && c != b',' && c != b'}' && c != b'#' && c != b'/'
            {
                let key = if c == b'"' {
                    text.get(i + 1..string_end(bytes, i).saturating_sub(1)).map(str::to_string)
                } else {
                    let end = bytes[i..]
                        .iter()
                        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || !b.is_ascii()))
                        .map_or(bytes.len(), |p| i + p);
                    text.get(i..end).filter(|k| !k.is_empty()).map(str::to_string)
                };
                object.current = Some((key, i));
            } else if c == b',' || c == b'\n' {
                object.end_item(i + 1);
            }
        }
        match c {
            b'"' => i = string_end(bytes, i),
            b'#' => i = line_comment(&mut out, bytes, i, false, &mut changed),
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = line_comment(&mut out, bytes, i, false, &mut changed),
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = find(bytes, i + 2, b"*/").map(|end| end + 2).unwrap_or(bytes.len());
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => i = heredoc_end(bytes, i),
            b'{' => {
                let object = is_value_position(bytes, i) && !starts_with_for(bytes, i + 1);
                stack.push(object.then(|| Object { items: Vec::new(), current: None }));
                i += 1;
            }
            b'[' | b'(' => {
                stack.push(None);
                i += 1;
            }
            b'}' | b']' | b')' => {
                if let Some(Some(mut object)) = stack.pop() {
                    object.end_item(i);
                    changed |= blank_repeated(&mut out, &object.items);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    if changed {
        String::from_utf8(out).ok()
    } else {
        None
    }
}

/// Blanks every item whose key comes again later in the same object; true when any was.
fn blank_repeated(out: &mut [u8], items: &[(Option<String>, usize, usize)]) -> bool {
    let mut changed = false;
    for (n, (key, start, end)) in items.iter().enumerate() {
        let Some(key) = key else { continue };
        if items[n + 1..].iter().any(|(later, _, _)| later.as_deref() == Some(key.as_str())) {
            for b in &mut out[*start..*end] {
                if *b != b'\n' && *b != b'\r' {
                    *b = b' ';
                }
            }
            changed = true;
        }
    }
    changed
}

/// True when the `{` at `at` opens a value (an object literal), not a block body: the previous
/// significant character is an operator or an opening bracket rather than a name or label.
fn is_value_position(bytes: &[u8], at: usize) -> bool {
    let before = bytes[..at].iter().rposition(|c| !c.is_ascii_whitespace()).map(|p| bytes[p]);
    matches!(before, Some(b'=' | b':' | b'(' | b'[' | b',' | b'?' | b'>' | b'{'))
}

/// Index just past the closing quote of the string opening at `start`, stepping over `${…}`
/// and `%{…}` (which may hold strings of their own). Strings never span lines in HCL, so an
/// unterminated one stops at the end of its line. Iterative, with the nesting on the heap: this
/// runs on files hcl-edit refused, which may be nested 10,000 deep.
fn string_end(bytes: &[u8], start: usize) -> usize {
    // Innermost context last: `None` inside a string, `Some(depth)` inside an interpolation.
    let mut stack: Vec<Option<usize>> = vec![None];
    let mut j = start + 1;
    while let (Some(context), Some(&c)) = (stack.last_mut(), bytes.get(j)) {
        match context {
            None => match c {
                b'\\' => j += 2,
                b'"' => {
                    stack.pop();
                    j += 1;
                    if stack.is_empty() {
                        return j;
                    }
                }
                b'\n' => return j,
                b'$' | b'%' if bytes.get(j + 1) == Some(&c) && bytes.get(j + 2) == Some(&b'{') => j += 3,
                b'$' | b'%' if bytes.get(j + 1) == Some(&b'{') => {
                    stack.push(Some(1));
                    j += 2;
                }
                _ => j += 1,
            },
            Some(depth) => {
                match c {
                    b'"' => stack.push(None),
                    b'{' => *depth += 1,
                    b'}' if *depth <= 1 => {
                        stack.pop();
                    }
                    b'}' => *depth -= 1,
                    _ => {}
                }
                j += 1;
            }
        }
    }
    j.min(bytes.len())
}

/// Index just past a heredoc (`<<EOT` or `<<-EOT` … closing marker line), left untouched.
/// Anything that is not a heredoc opener is skipped as two characters.
fn heredoc_end(bytes: &[u8], start: usize) -> usize {
    let mut j = start + 2;
    if bytes.get(j) == Some(&b'-') {
        j += 1;
    }
    let ident_start = j;
    while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] == b'-') {
        j += 1;
    }
    let marker = &bytes[ident_start..j];
    if marker.is_empty() {
        return start + 2;
    }
    // The body starts on the next line; it ends at a line holding only the marker.
    let Some(newline) = bytes[j..].iter().position(|&c| c == b'\n') else { return bytes.len() };
    let mut line_start = j + newline + 1;
    while line_start < bytes.len() {
        let line_end =
            bytes[line_start..].iter().position(|&c| c == b'\n').map(|p| line_start + p).unwrap_or(bytes.len());
        let line = &bytes[line_start..line_end];
        let trimmed = trim_ascii(line);
        if trimmed == marker {
            return line_end;
        }
        line_start = line_end + 1;
    }
    bytes.len()
}

fn trim_ascii(line: &[u8]) -> &[u8] {
    let start = line.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(line.len());
    let end = line.iter().rposition(|c| !c.is_ascii_whitespace()).map(|p| p + 1).unwrap_or(start);
    &line[start..end]
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::join_for_lines;

    #[test]
    fn joins_only_inside_for_brackets() {
        let text = "a = { for k, v in m : k => v # note\n  ? 1 : 2 }\nb = {\n  x = 1\n}\n";
        let fixed = join_for_lines(text).expect("changed");
        assert_eq!(fixed.len(), text.len());
        let joined = format!("a = {{ for k, v in m : k => v{}? 1 : 2 }}\nb = {{\n  x = 1\n}}\n", " ".repeat(10));
        assert_eq!(fixed, joined);
    }

    #[test]
    fn later_duplicate_key_wins_in_objects_only() {
        let text = "x = { a = 1, \"a\" = [\n 2 ], b = { a = 3 } }\nresource \"r\" \"n\" {\n  a = 1\n  a = 2\n}\n";
        let fixed = super::drop_duplicate_keys(text).expect("changed");
        assert_eq!(fixed.len(), text.len());
        assert!(fixed.starts_with("x = {        \"a\" = [\n 2 ], b = { a = 3 } }\n"), "{fixed}");
        assert!(fixed.ends_with("  a = 1\n  a = 2\n}\n"), "block bodies untouched: {fixed}");
        assert_eq!(super::drop_duplicate_keys("x = { a = 1\n b = 2 }\n"), None);
    }

    #[test]
    fn leaves_nested_objects_strings_and_heredocs() {
        let text = "a = [for v in l : {\n  x = \"}\\n{\"\n  y = <<EOT\nfor\n]\nEOT\n}]\n";
        assert_eq!(join_for_lines(text), None);
    }
}

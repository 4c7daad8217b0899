//! XML text helpers for the render stage: escaping, identifier cleaning and number formatting.
//!
//! Every string that reaches the SVG comes from Terraform or a theme and goes through here, so
//! the output always parses: `& < > " '` are escaped and characters XML 1.0 forbids are dropped,
//! as are bidirectional overrides (U+202A–U+202E, U+2066–U+2069) that could make a label
//! display as something it is not.

use std::fmt::Write;

/// Escapes text for element content or a double-quoted attribute value.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Whitespace controls become a space so words stay apart.
            '\t' | '\n' | '\r' => out.push(' '),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// XML 1.0 `Char`, minus C0/C1 controls, non-characters and bidi overrides.
fn allowed(c: char) -> bool {
    let u = c as u32;
    !(u < 0x20
        || (0x7f..=0x9f).contains(&u)
        || (0x202a..=0x202e).contains(&u)
        || (0x2066..=0x2069).contains(&u)
        || u == 0xfffe
        || u == 0xffff)
}

/// A token safe for `id`/`class`/fragment use: ASCII letters, digits, `-`, `_`, `.`.
pub fn ident(s: &str) -> String {
    let out: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '-' }).collect();
    if out.is_empty() {
        "x".to_string()
    } else {
        out
    }
}

/// A class list: each whitespace-separated word cleaned with [`ident`].
pub fn classes(s: &str) -> String {
    s.split_whitespace().map(ident).collect::<Vec<_>>().join(" ")
}

/// A coordinate rounded to 0.1, without a trailing `.0` and never `-0`.
pub fn num(v: f64) -> String {
    let r = if v.is_finite() { (v * 10.0).round() / 10.0 } else { 0.0 };
    let r = if r == 0.0 { 0.0 } else { r };
    let mut s = String::new();
    let _ = write!(s, "{r}");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_forbidden_characters() {
        assert_eq!(esc("a & b <c> \"d\" 'e'"), "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;");
        assert_eq!(esc("bell\u{7}\u{202e}rtl\u{0}"), "bellrtl");
        assert_eq!(esc("日本"), "日本");
    }

    #[test]
    fn formats_numbers_stably() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(0.30000000000000004), "0.3");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn idents_are_safe() {
        assert_eq!(ident("module.a[\"x\"]"), "module.a--x--");
        assert_eq!(classes("subnet  public<script>"), "subnet public-script-");
    }
}

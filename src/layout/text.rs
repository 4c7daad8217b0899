//! Text measurement for the layout stage: wraps node labels into lines and sizes node boxes.
//!
//! The layout runs before any font is loaded, so widths come from an average character width
//! per font size (sans-serif ≈ 0.56 em, rounded up so real text fits). The default theme's CSS
//! uses the same sizes; a theme with a bigger font passes its own [`Metrics`].

/// Longest visible text line, in characters (the tooltip keeps the full text).
pub const MAX_LINE_CHARS: usize = 60;

/// Sizes and spacings the layout works with, in SVG user units (px).
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub label_size: f64,
    pub sublabel_size: f64,
    pub edge_label_size: f64,
    pub group_title_size: f64,
    /// Average character width as a fraction of the font size.
    pub char_em: f64,
    /// Label wrap width in characters (≤ [`MAX_LINE_CHARS`]).
    pub wrap_chars: usize,
    pub max_lines: usize,
    pub icon: f64,
    pub node_pad: f64,
    pub min_node_width: f64,
    /// Vertical gap between stacked items.
    pub gap: f64,
    /// Minimum horizontal gap between columns, before room for labels and group borders.
    pub column_gap: f64,
    /// Inner padding of a group box, per side and per nesting level.
    pub group_pad: f64,
    pub margin: f64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            label_size: 13.0,
            sublabel_size: 11.0,
            edge_label_size: 11.0,
            group_title_size: 12.0,
            char_em: 0.6,
            wrap_chars: 26,
            max_lines: 3,
            icon: 28.0,
            node_pad: 10.0,
            min_node_width: 150.0,
            gap: 22.0,
            column_gap: 56.0,
            group_pad: 16.0,
            margin: 24.0,
        }
    }
}

impl Metrics {
    /// Estimated width of `s` at font size `size`; East Asian wide characters count a full em.
    pub fn text_width(&self, s: &str, size: f64) -> f64 {
        s.chars()
            .map(|c| {
                if wide(c) {
                    1.0
                } else if c.is_ascii_uppercase() || matches!(c, 'm' | 'w' | '@' | '%') {
                    // Capitals run wider than the average: `PIPELINE_ECS_TASK_SUBNET` overran its
                    // box at 0.6 em a character (user trial).
                    self.char_em * 1.2
                } else {
                    self.char_em
                }
            })
            .sum::<f64>()
            * size
    }

    /// Height of a group title band.
    pub fn title_height(&self) -> f64 {
        self.group_title_size + 12.0
    }

    /// Font size of a group's description line, under its title.
    pub fn description_size(&self) -> f64 {
        self.group_title_size - 1.0
    }

    /// Height a description line adds to a group's title band.
    pub fn description_height(&self) -> f64 {
        self.description_size() + 6.0
    }

    /// Wrapped label lines and the node's (width, height).
    pub fn node_box(&self, label: &str, sublabel: &str, badge: Option<&str>) -> (Vec<String>, f64, f64) {
        let mut width = self.wrap_chars.clamp(8, MAX_LINE_CHARS);
        if label.chars().any(wide) {
            // Same visual line length for text made of one-em characters.
            width = ((width as f64 * self.char_em) as usize).max(8);
        }
        let lines = wrap(label, width, self.max_lines.max(1));
        let sub = truncate(sublabel, self.wrap_chars.clamp(8, MAX_LINE_CHARS) + 8);
        let mut text_w = lines.iter().map(|l| self.text_width(l, self.label_size)).fold(0.0, f64::max);
        text_w = text_w.max(self.text_width(&sub, self.sublabel_size));
        let badge_w = badge.map_or(0.0, |b| self.badge_width(b) + 6.0);
        let width = (self.node_pad * 3.0 + self.icon + text_w + badge_w).max(self.min_node_width);
        let text_h =
            lines.len() as f64 * (self.label_size + 3.0) + if sub.is_empty() { 0.0 } else { self.sublabel_size + 4.0 };
        let height = (text_h + self.node_pad * 2.0).max(self.icon + self.node_pad * 2.0);
        (lines, width.ceil(), height.ceil())
    }

    /// Width of a `×3` badge pill.
    pub fn badge_width(&self, badge: &str) -> f64 {
        self.text_width(&truncate(badge, 8), self.sublabel_size) + 10.0
    }
}

/// Characters drawn about one em wide (CJK ideographs, kana, Hangul, full-width forms).
fn wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Cuts `s` to at most `max` characters, ending with `…` when shortened.
pub fn truncate(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Wraps at spaces and at `.`, `_`, `-`, `/` (addresses have no spaces); a word longer than
/// `width` is cut. At most `max_lines` lines; the last one ends with `…` when text is left over.
pub fn wrap(s: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for token in tokens(s.trim()) {
        if cur.chars().count() + token.chars().count() > width && !cur.trim().is_empty() {
            lines.push(cur.trim().to_string());
            cur = String::new();
        }
        let mut t = token.as_str();
        // A single token longer than a line: hard-cut it.
        while t.chars().count() > width {
            let cut: String = t.chars().take(width).collect();
            lines.push(cut.clone());
            t = &t[cut.len()..];
        }
        cur.push_str(t);
    }
    if !cur.trim().is_empty() {
        lines.push(cur.trim().to_string());
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = truncate(&format!("{last}  "), width);
            if !last.ends_with('…') {
                last.push('…');
            }
        }
    }
    lines
}

/// Splits after break characters, keeping them attached to the left piece.
fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        cur.push(c);
        if matches!(c, ' ' | '.' | '_' | '-' | '/' | ',') {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_addresses_and_limits_lines() {
        let lines = wrap("module.backend.aws_ecs_service.fastapi_application_service", 26, 3);
        assert!(lines.len() <= 3);
        assert!(lines.iter().all(|l| l.chars().count() <= 26), "{lines:?}");
        assert!(lines[0].starts_with("module.backend."), "{lines:?}");
        let long = "x".repeat(500);
        let lines = wrap(&long, 26, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        assert!(wrap("", 26, 3).is_empty());
    }

    #[test]
    fn wide_characters_get_wider_boxes() {
        let m = Metrics::default();
        assert!(m.text_width("PIPELINE_ECS", 13.0) > m.text_width("pipeline_ecs", 13.0));
        assert!(m.text_width("データベース", 13.0) > m.text_width("database", 13.0));
        let (_, narrow, _) = m.node_box("db", "", None);
        let (_, wide, _) = m.node_box("本番データベース用のクラスター名前", "", None);
        assert!(wide > narrow);
    }

    #[test]
    fn truncates_multibyte_safely() {
        assert_eq!(truncate("日本語のラベルです", 4), "日本語…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}

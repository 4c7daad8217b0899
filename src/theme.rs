//! Themes: colour/font tokens, per-category styles, CSS and icons; built-ins compiled in, a
//! folder on disk overrides them file by file.

/// A resolved theme.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub name: String,
}

impl Theme {
    /// A built-in theme by name (`default`, `dark`).
    pub fn builtin(name: &str) -> Option<Theme> {
        Some(Theme { name: name.to_string() }) // FIXME(layout-owner)
    }
}

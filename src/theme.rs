//! Themes: colour/font tokens, per-category styles, CSS and icons; built-ins compiled in, a
//! folder on disk overrides them file by file.

/// A resolved theme.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub name: String,
    /// CSS inlined into every SVG (`<style>`), tokens already substituted.
    pub diagram_css: String,
    /// CSS inlined into `index.html`, tokens already substituted.
    pub document_css: String,
    /// Optional HTML slots for the document (`header.html`, `footer.html`, `extra.css`).
    pub header_html: Option<String>,
    pub footer_html: Option<String>,
    pub extra_css: Option<String>,
}

impl Theme {
    /// A theme folder on disk over the built-in default.
    pub fn load(path: &std::path::Path) -> Result<Theme, String> {
        let _ = path;
        Err("theme folders are not supported yet".into()) // FIXME(layout-owner)
    }

    /// A built-in theme by name (`default`, `dark`).
    pub fn builtin(name: &str) -> Option<Theme> {
        Some(Theme { name: name.to_string(), ..Theme::default() }) // FIXME(layout-owner)
    }
}

//! Themes: colour/font tokens, per-category styles, CSS and icons; built-ins compiled in, a
//! folder on disk overrides them file by file.
//!
//! Used by the render stage (diagram CSS, icons, category classes) and the doc stage (document
//! CSS and HTML slots). This is one of the three places that do I/O ([`Theme::load`]).
//! A theme is `theme.toml` (`[tokens]`, `[categories.<name>]`, optional `extends`), `diagram.css`
//! and `document.css` with `{{token}}` placeholders, `icons/<name>.svg`, and optional
//! `header.html`, `footer.html`, `extra.css`.

use std::collections::BTreeMap;
use std::path::Path;

/// How one category looks: its colour and icon name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CategoryStyle {
    pub color: String,
    pub icon: String,
}

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
    /// Named tokens after merging (`accent`, `font_family`, …).
    pub tokens: BTreeMap<String, String>,
    /// Styled categories; unknown ones fall back to `generic`.
    pub categories: BTreeMap<String, CategoryStyle>,
    /// Icon name → inner SVG markup of a 24×24 icon (without the outer `<svg>`).
    pub icons: BTreeMap<String, String>,
}

/// Theme files before resolution, so an overlay can replace them one by one.
#[derive(Default)]
struct Files {
    toml: toml::Table,
    diagram_css: String,
    document_css: String,
    icons: BTreeMap<String, String>,
    header: Option<String>,
    footer: Option<String>,
    extra: Option<String>,
}

macro_rules! icons {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/default/icons/", $name, ".svg")))),*]
    };
}

const DEFAULT_ICONS: &[(&str, &str)] = icons![
    "actor",
    "cache",
    "cdn",
    "certificate",
    "compute",
    "container",
    "database",
    "dns",
    "function",
    "generic",
    "identity",
    "loadbalancer",
    "module",
    "monitoring",
    "network",
    "queue",
    "registry",
    "secret",
    "security",
    "storage",
];

/// Names of the built-in themes.
pub const BUILTIN: &[&str] = &["default", "dark"];

impl Theme {
    /// A built-in theme by name (`default`, `dark`).
    pub fn builtin(name: &str) -> Option<Theme> {
        builtin_files(name).and_then(|f| f.resolve().ok())
    }

    /// Loads a theme folder; whatever it holds overrides the theme it extends (`default`
    /// unless `extends` names another built-in) file by file and token by token.
    pub fn load(path: &Path) -> Result<Theme, String> {
        if !path.is_dir() {
            return Err(format!("theme folder {} not found", path.display()));
        }
        let read = |name: &str| -> Result<Option<String>, String> {
            let p = path.join(name);
            if !p.is_file() {
                return Ok(None);
            }
            std::fs::read_to_string(&p).map(Some).map_err(|e| format!("cannot read {}: {e}", p.display()))
        };
        let overlay: toml::Table = match read("theme.toml")? {
            Some(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", path.join("theme.toml").display()))?,
            None => toml::Table::new(),
        };
        let base = overlay.get("extends").and_then(|v| v.as_str()).unwrap_or("default");
        let mut files = builtin_files(base).ok_or_else(|| format!("theme extends unknown theme `{base}`"))?;
        merge(&mut files.toml, overlay);
        files.toml.remove("extends");
        if !files.toml.contains_key("name") {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            files.toml.insert("name".into(), toml::Value::String(name));
        }
        if let Some(css) = read("diagram.css")? {
            files.diagram_css = css;
        }
        if let Some(css) = read("document.css")? {
            files.document_css = css;
        }
        files.header = read("header.html")?.or(files.header);
        files.footer = read("footer.html")?.or(files.footer);
        files.extra = read("extra.css")?.or(files.extra);
        if let Ok(dir) = std::fs::read_dir(path.join("icons")) {
            let mut entries: Vec<_> = dir.flatten().map(|e| e.path()).collect();
            entries.sort();
            for p in entries.into_iter().filter(|p| p.extension().is_some_and(|x| x == "svg")) {
                let name = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                let text = std::fs::read_to_string(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
                files.icons.insert(name, text);
            }
        }
        files.resolve()
    }

    /// Whether the theme has its own style for `category`.
    pub fn has_category(&self, category: &str) -> bool {
        self.categories.contains_key(category)
    }

    /// The categories this theme styles, sorted.
    pub fn category_names(&self) -> Vec<&str> {
        self.categories.keys().map(String::as_str).collect()
    }

    /// The CSS class suffix for a category: itself when styled, else `generic`.
    pub fn category_class<'a>(&self, category: &'a str) -> &'a str {
        if self.has_category(category) {
            category
        } else {
            "generic"
        }
    }

    /// The icon to draw: the node's own icon if the theme has it, else the category's, else
    /// `generic`.
    pub fn icon_for<'a>(&'a self, icon: &'a str, category: &str) -> &'a str {
        if self.icons.contains_key(icon) {
            return icon;
        }
        let cat = self.categories.get(category).or_else(|| self.categories.get("generic"));
        match cat {
            Some(c) if self.icons.contains_key(&c.icon) => &c.icon,
            _ => "generic",
        }
    }
}

fn builtin_files(name: &str) -> Option<Files> {
    let default = || -> Option<Files> {
        Some(Files {
            toml: toml::from_str(include_str!("../themes/default/theme.toml")).ok()?,
            diagram_css: include_str!("../themes/default/diagram.css").to_string(),
            document_css: include_str!("../themes/default/document.css").to_string(),
            icons: DEFAULT_ICONS.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect(),
            ..Files::default()
        })
    };
    match name {
        "default" => default(),
        "dark" => {
            let mut f = default()?;
            let overlay: toml::Table = toml::from_str(include_str!("../themes/dark/theme.toml")).ok()?;
            merge(&mut f.toml, overlay);
            f.toml.remove("extends");
            Some(f)
        }
        _ => None,
    }
}

/// Deep merge: tables merge key by key, anything else is replaced.
fn merge(base: &mut toml::Table, overlay: toml::Table) {
    for (k, v) in overlay {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

impl Files {
    fn resolve(self) -> Result<Theme, String> {
        let str_map = |key: &str| -> BTreeMap<String, String> {
            let Some(t) = self.toml.get(key).and_then(|v| v.as_table()) else { return BTreeMap::new() };
            t.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect()
        };
        let tokens = str_map("tokens");
        let mut categories = BTreeMap::new();
        if let Some(t) = self.toml.get("categories").and_then(|v| v.as_table()) {
            for (name, v) in t {
                let get = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default().to_string();
                let icon = Some(get("icon")).filter(|i| !i.is_empty()).unwrap_or_else(|| name.clone());
                categories.insert(name.clone(), CategoryStyle { color: safe_css(&get("color")), icon });
            }
        }
        let mut icons = BTreeMap::new();
        for (name, svg) in &self.icons {
            icons.insert(name.clone(), icon_body(svg).map_err(|e| format!("icon `{name}`: {e}"))?);
        }
        let mut diagram_css = fill(&self.diagram_css, &tokens);
        for (name, c) in &categories {
            // Category names come from a user's theme.toml: only class-safe characters.
            let name: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).collect();
            diagram_css.push_str(&format!(
                ".zumen .cat-{name} .box {{ stroke: {0}; }}\n.zumen .cat-{name} .tile {{ fill: {0}; }}\n",
                c.color
            ));
        }
        Ok(Theme {
            name: self.toml.get("name").and_then(|v| v.as_str()).unwrap_or("custom").to_string(),
            document_css: fill(&self.document_css, &tokens),
            diagram_css,
            header_html: self.header,
            footer_html: self.footer,
            extra_css: self.extra.map(|c| fill(&c, &tokens)),
            tokens,
            categories,
            icons,
        })
    }
}

/// Replaces `{{name}}` with token values; unknown placeholders stay visible so they get noticed.
fn fill(template: &str, tokens: &BTreeMap<String, String>) -> String {
    let mut out = template.to_string();
    for (k, v) in tokens {
        out = out.replace(&format!("{{{{{k}}}}}"), &safe_css(v));
    }
    out
}

/// Token values end up inside CSS inside XML; keep them from closing a rule or a tag.
fn safe_css(v: &str) -> String {
    v.chars().filter(|c| !matches!(c, ';' | '{' | '}' | '<' | '>' | '&' | '\\') && !c.is_control()).collect()
}

/// The inner markup of an icon file, checked to be self-contained (no scripts, no external or
/// entity references), since it is pasted into every SVG.
fn icon_body(svg: &str) -> Result<String, String> {
    let start = svg.find("<svg").ok_or("no <svg> element")?;
    let open_end = svg[start..].find('>').ok_or("unclosed <svg> tag")? + start + 1;
    let close = svg.rfind("</svg>").ok_or("no </svg>")?;
    let body = svg.get(open_end..close).ok_or("malformed icon")?.trim().to_string();
    let lower = body.to_ascii_lowercase();
    for bad in ["<script", "<!", "href", "://", "&", "<foreignobject", " on"] {
        if lower.contains(bad) {
            return Err(format!("`{bad}` is not allowed in icons"));
        }
    }
    Ok(body)
}

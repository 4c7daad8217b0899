//! Themes: built-ins style every category, tokens are all substituted, and a folder on disk
//! overrides a built-in file by file and token by token.

use zumen::theme::{Theme, BUILTIN};

use zumen::catalog::CATEGORIES;

#[test]
fn builtins_style_every_category_with_an_icon() {
    for name in BUILTIN {
        let t = Theme::builtin(name).expect(name);
        assert_eq!(t.name, *name);
        for c in CATEGORIES {
            assert!(t.has_category(c), "{name} lacks {c}");
            assert!(t.diagram_css.contains(&format!(".cat-{c} .box")), "{name}: no CSS for {c}");
            let icon = t.icon_for("", c);
            assert!(t.icons.contains_key(icon), "{name}: icon {icon} for {c}");
        }
        assert_eq!(t.category_class("made-up"), "generic");
        assert!(!t.diagram_css.contains("{{") && !t.document_css.contains("{{"), "{name}: unfilled token");
        assert!(t.document_css.contains("prefers-color-scheme: dark"));
    }
    assert!(Theme::builtin("nope").is_none());
    let (light, dark) = (Theme::builtin("default").expect("d"), Theme::builtin("dark").expect("k"));
    assert_ne!(light.diagram_css, dark.diagram_css);
    assert_eq!(light.tokens.get("font_family"), dark.tokens.get("font_family"), "dark only lists what changes");
}

#[test]
fn folder_overrides_file_by_file_and_token_by_token() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    std::fs::write(
        p.join("theme.toml"),
        "name = \"brand\"\n[tokens]\naccent = \"#ff0000\"\nedge_traffic = \"#123456\"\n[categories.database]\ncolor = \"#00ff00\"\n[categories.ml]\ncolor = \"#abcdef\"\nicon = \"brain\"\n",
    )
    .expect("write");
    std::fs::write(p.join("header.html"), "<p>Acme</p>").expect("write");
    std::fs::create_dir(p.join("icons")).expect("mkdir");
    std::fs::write(p.join("icons/brain.svg"), "<svg viewBox=\"0 0 24 24\"><circle cx=\"12\" cy=\"12\" r=\"8\"/></svg>")
        .expect("write");
    let t = Theme::load(p).expect("load");
    assert_eq!(t.name, "brand");
    assert_eq!(t.tokens["accent"], "#ff0000");
    assert_eq!(t.tokens["background"], "#ffffff", "untouched tokens come from default");
    assert!(t.diagram_css.contains("stroke: #123456"));
    assert!(t.diagram_css.contains(".cat-database .box { stroke: #00ff00; }"));
    assert!(t.has_category("ml") && t.has_category("compute"));
    assert_eq!(t.icon_for("whatever", "ml"), "brain");
    assert_eq!(t.header_html.as_deref(), Some("<p>Acme</p>"));
    assert!(t.footer_html.is_none());
    assert_eq!(t.document_css, Theme::builtin("default").expect("d").document_css);
}

#[test]
fn folder_can_extend_dark_and_bad_folders_are_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("theme.toml"), "extends = \"dark\"\n[tokens]\naccent = \"#111111\"\n").expect("w");
    let t = Theme::load(dir.path()).expect("load");
    assert_eq!(t.tokens["background"], "#0f1419");
    assert_eq!(t.tokens["accent"], "#111111");

    std::fs::write(dir.path().join("theme.toml"), "extends = \"nope\"\n").expect("w");
    assert!(Theme::load(dir.path()).is_err());
    std::fs::write(dir.path().join("theme.toml"), "this is [not toml").expect("w");
    assert!(Theme::load(dir.path()).is_err());
    assert!(Theme::load(&dir.path().join("missing")).is_err());

    std::fs::write(dir.path().join("theme.toml"), "").expect("w");
    std::fs::create_dir(dir.path().join("icons")).expect("mkdir");
    std::fs::write(dir.path().join("icons/x.svg"), "<svg><script>alert(1)</script></svg>").expect("w");
    assert!(Theme::load(dir.path()).is_err(), "icons with scripts are refused");
}

#[test]
fn token_values_cannot_break_out_of_css() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("theme.toml"), "[tokens]\naccent = \"red;}</style><script>\"\n").expect("w");
    let t = Theme::load(dir.path()).expect("load");
    assert!(!t.diagram_css.contains("</style>"));
    assert!(!t.document_css.contains("<script>"));
}

/// Every category the catalog assigns is styled, with an icon, by every built-in theme.
#[test]
fn every_catalog_category_is_styled_by_every_theme() {
    let mut used = std::collections::BTreeSet::new();
    for (_, text) in zumen::catalog::BUILTIN_FILES {
        for line in text.lines() {
            if let Some(rest) = line.trim().strip_prefix("category") {
                let value = rest.trim_start().trim_start_matches('=').trim().trim_matches('"');
                used.insert(value.to_string());
            }
        }
    }
    assert!(used.len() >= 10, "found the catalog's categories: {used:?}");
    for name in BUILTIN {
        let t = Theme::builtin(name).expect(name);
        for c in &used {
            assert!(t.has_category(c), "theme {name} has no style for catalog category {c}");
            assert!(t.icons.contains_key(t.icon_for(c, c)), "theme {name}: no icon for {c}");
        }
    }
}

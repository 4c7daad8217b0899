//! Hostile strings are inert (issue 3): the fixture `tests/fixtures/hostile` puts `<script>`,
//! `</svg>`, `"><img onerror=…>`, `javascript:` links, `<iframe srcdoc>`, `<style>`, `|`, backticks,
//! `&`/`&amp;`, control and bidi characters, `<!--`, `]]>`, template syntax and 500-character names
//! in every string zumen shows. The page is checked in real headless Chromium by
//! `tests/browser/hostile.mjs`; the SVGs and `DESIGN.md` are checked here without a browser.
//!
//! Without Chromium or the node modules the browser test is skipped with a notice, unless `CI` is
//! set: then it fails (run `scripts/ci-browser-setup.sh` first).

use assert_cmd::Command;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::path::{Path, PathBuf};

/// Checks of `hostile.mjs` that fail for a known, reported bug that is not an escaping bug:
/// `narrow-width`: at 375 px a long unbreakable word in a heading or list item (the fixture's
/// `<script>…</script>` title, a 500-character `@owner`) widens the whole page — only `code` has
/// `overflow-wrap: anywhere` (`themes/default/document.css`, `BASE_CSS` in `src/doc/page.rs`).
/// Remove the entry when that is fixed; the script then says the check passes.
const KNOWN_BROWSER_BUGS: &[&str] = &[];

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture() -> PathBuf {
    manifest_dir().join("tests/fixtures/hostile")
}

/// Builds the fixture with the binary, as a user would, into a fresh temporary directory.
fn build() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("tempdir");
    Command::cargo_bin("zumen")
        .expect("binary")
        .arg("build")
        .arg(fixture())
        .arg("-o")
        .arg(out.path())
        .assert()
        .success();
    out
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// What the browser test needs, or why it cannot run.
fn browser_missing() -> Option<String> {
    let chromium = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !chromium.is_file() {
        return Some(format!("Chromium not found at {}", chromium.display()));
    }
    let modules = manifest_dir().join("tests/browser/node_modules/playwright-core");
    if !modules.is_dir() {
        return Some(format!("{} missing (npm ci --prefix tests/browser)", modules.display()));
    }
    match std::process::Command::new("node").arg("--version").output() {
        Ok(o) if o.status.success() => None,
        _ => Some("node not found".to_string()),
    }
}

#[test]
fn hostile_strings_are_inert_in_headless_chromium() {
    if let Some(why) = browser_missing() {
        if std::env::var_os("CI").is_some() {
            panic!("{why}: CI must run the browser test; run scripts/ci-browser-setup.sh before cargo test");
        }
        eprintln!("SKIPPED hostile_strings_are_inert_in_headless_chromium: {why} (run scripts/ci-browser-setup.sh)");
        return;
    }
    let out = build();
    let mut node = std::process::Command::new("node");
    node.arg(manifest_dir().join("tests/browser/hostile.mjs")).arg(out.path().join("index.html"));
    for bug in KNOWN_BROWSER_BUGS {
        node.args(["--xfail", bug]);
    }
    node.env("ZUMEN_SCREENSHOTS", manifest_dir().join("target/browser"));
    let output = node.output().expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(output.status.success(), "tests/browser/hostile.mjs failed:\n{stdout}\n{stderr}");
}

/// The hostile label of `aws_s3_bucket.assets` (its `bucket`), short enough not to be cut.
const LABEL: &str = "</svg><script>__pwned=2</script>";

#[test]
fn svgs_parse_and_carry_no_active_content() {
    let out = build();
    let mut svgs = 0;
    for entry in std::fs::read_dir(out.path()).expect("read out").filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".svg") {
            continue;
        }
        svgs += 1;
        let text = read(out.path(), &name);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name} is not XML: {e}"));
        let lower = text.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "{name}: raw <script");
        assert!(!lower.contains("javascript:") || no_attr_has(&doc, "javascript:"), "{name}: javascript: URL");
        for node in doc.descendants().filter(|n| n.is_element()) {
            let tag = node.tag_name().name().to_ascii_lowercase();
            assert!(
                !matches!(tag.as_str(), "script" | "foreignobject" | "iframe" | "image" | "img"),
                "{name}: <{tag}> element"
            );
            for attr in node.attributes() {
                let key = attr.name().to_ascii_lowercase();
                assert!(!key.starts_with("on"), "{name}: event handler attribute {key} on <{tag}>");
                let value: String = attr.value().chars().filter(|c| !c.is_whitespace()).collect();
                assert!(!value.to_ascii_lowercase().starts_with("javascript:"), "{name}: {key}={value:?}");
                if matches!(key.as_str(), "href") {
                    assert!(value.starts_with('#'), "{name}: link {value:?} leaves the diagram");
                }
            }
        }
        // `onerror` may only appear as escaped text, never as markup.
        for (i, _) in lower.match_indices("onerror") {
            let before = &lower[..i];
            let open = before.rfind('<').unwrap_or(0);
            let close = before.rfind('>').unwrap_or(0);
            assert!(close >= open, "{name}: onerror inside a tag at byte {i}");
        }
        // Control and bidi characters are dropped; the hostile text is there as text.
        assert!(!text.contains(['\u{7}', '\u{1b}', '\u{202e}']), "{name}: control or bidi character");
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("g"))
            .map(|g| g.descendants().filter(|n| n.has_tag_name("text")).filter_map(|t| t.text()).collect())
            .collect();
        assert!(texts.iter().any(|t| t.contains(LABEL)), "{name}: label {LABEL:?} not drawn literally");
        let titles: Vec<&str> =
            doc.descendants().filter(|n| n.has_tag_name("title")).filter_map(|t| t.text()).collect();
        assert!(
            titles.iter().any(|t| t.contains("<script>window.__pwned=1</script>")),
            "{name}: hostile tooltip missing: {titles:?}"
        );
    }
    assert!(svgs >= 2, "architecture and responsibilities diagrams written ({svgs})");
}

fn no_attr_has(doc: &roxmltree::Document, needle: &str) -> bool {
    doc.descendants().flat_map(|n| n.attributes()).all(|a| !a.value().to_ascii_lowercase().contains(needle))
}

/// Raw HTML that `DESIGN.md` may contain: the anchors it writes itself and `<br>` in table cells.
fn allowed_html(piece: &str) -> bool {
    let p = piece.trim();
    p == "<br>"
        || p == "</a>"
        || p.strip_prefix("<a id=\"").and_then(|r| r.strip_suffix("\">")).is_some_and(|id| {
            !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

#[test]
fn design_md_has_no_raw_html_and_tables_keep_their_columns() {
    let out = build();
    let md = read(out.path(), "DESIGN.md");
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(&md, options) {
        if let Event::Html(raw) | Event::InlineHtml(raw) = &event {
            for piece in raw.split_inclusive('>').filter(|p| !p.trim().is_empty()) {
                assert!(allowed_html(piece), "DESIGN.md: raw HTML {piece:?} outside code");
            }
        }
    }
    assert!(!md.contains(['\u{7}', '\u{1b}', '\u{202e}']), "DESIGN.md: control or bidi character");

    // GFM splits a table row on every `|` not preceded by `\`, code spans included: every row of a
    // table must have as many as its header.
    let mut in_fence = false;
    let mut header: Option<usize> = None;
    let mut tables = 0;
    for (n, line) in md.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if in_fence || !line.starts_with('|') {
            header = None;
            continue;
        }
        let pipes = unescaped_pipes(line);
        match header {
            None => {
                header = Some(pipes);
                tables += 1;
            }
            Some(h) => assert_eq!(pipes, h, "DESIGN.md line {}: {line}", n + 1),
        }
    }
    assert!(tables >= 3, "responsibilities, inputs, outputs tables ({tables})");
}

fn unescaped_pipes(line: &str) -> usize {
    let b = line.as_bytes();
    (0..b.len()).filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\')).count()
}

/// An intent's Markdown link, image or autolink to `javascript:` (or `data:`) must not stay a live
/// link in `DESIGN.md`, as it does not in `index.html`: GitHub strips such links, other Markdown
/// renderers do not.
#[test]
fn design_md_has_no_script_links() {
    let out = build();
    let md = read(out.path(), "DESIGN.md");
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
            assert!(zumen::doc::intent::is_safe_url(&dest_url), "DESIGN.md links to {dest_url:?}");
        }
    }
}

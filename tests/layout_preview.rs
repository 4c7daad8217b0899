//! Renders the hand-built web stack and a 400-node generated diagram to `target/layout-preview/`
//! (for a human to look at with rsvg-convert) and checks their quality numbers.

mod layout_support;

use zumen::layout::{layout, stats};
use zumen::render::svg;
use zumen::theme::Theme;

fn write(name: &str, text: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/layout-preview");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(name), text);
}

#[test]
fn web_stack_preview_has_no_overlaps() {
    let d = layout_support::web_stack();
    let t = std::time::Instant::now();
    let scene = layout(&d).expect("layout");
    let st = stats(&scene, t.elapsed().as_secs_f64() * 1000.0);
    eprintln!("web stack: {st:?}");
    for theme in ["default", "dark"] {
        let th = Theme::builtin(theme).expect("theme");
        write(&format!("web-stack-{theme}.svg"), &svg(&scene, &th, "Architecture"));
    }
    assert_eq!(st.nodes, 15);
    assert_eq!(st.overlaps, 0);
}

#[test]
fn generated_400_preview_has_no_overlaps() {
    let d = layout_support::generated(400, 7);
    let t = std::time::Instant::now();
    let scene = layout(&d).expect("layout");
    let st = stats(&scene, t.elapsed().as_secs_f64() * 1000.0);
    eprintln!("generated 400: {st:?}");
    write("generated-400.svg", &svg(&scene, &Theme::builtin("default").expect("theme"), "Generated"));
    assert_eq!(st.nodes, 400);
    assert_eq!(st.overlaps, 0);
}

#[test]
fn roles_preview_has_no_overlaps() {
    let d = layout_support::roles();
    let scene = layout(&d).expect("layout");
    let st = stats(&scene, 0.0);
    eprintln!("roles: {st:?}");
    write("roles.svg", &svg(&scene, &Theme::builtin("default").expect("theme"), "Responsibilities"));
    assert_eq!(st.nodes, 14);
    assert_eq!(st.boxes, 7);
    assert_eq!(st.overlaps, 0);
}

/// Both built-in themes render with librsvg (which ignores some CSS, e.g. custom properties);
/// skips when `rsvg-convert` is not installed. The PNGs land next to the SVGs for a human look.
#[test]
fn renders_with_rsvg_convert() {
    let ok = std::process::Command::new("rsvg-convert").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("rsvg-convert not installed; skipping");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let scene = layout(&layout_support::web_stack()).expect("layout");
    for theme in ["default", "dark"] {
        let svg_path = dir.path().join(format!("{theme}.svg"));
        let png_path = dir.path().join(format!("{theme}.png"));
        std::fs::write(&svg_path, svg(&scene, &Theme::builtin(theme).expect("theme"), "Architecture")).expect("write");
        let out =
            std::process::Command::new("rsvg-convert").arg("-o").arg(&png_path).arg(&svg_path).output().expect("run");
        assert!(out.status.success(), "{theme}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).trim().is_empty(), "{theme}: rsvg warnings");
        let png = std::fs::read(&png_path).expect("png");
        assert!(png.len() > 10_000 && png.starts_with(b"\x89PNG"), "{theme}: a real picture");
    }
}

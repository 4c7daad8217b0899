//! The shipped examples are the showcase and golden files at once: their generated output is
//! committed under `examples/<name>/zumen-out/`, and this test fails when it is stale.
//! Accept new output with `UPDATE_GOLDEN=1 cargo test --test examples_golden`.

use std::path::Path;
use zumen::build::{build, Formats, Options};
use zumen::theme::Theme;

fn check_example(name: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name);
    let options = Options {
        root: root.clone(),
        config: None,
        formats: Formats::default(),
        theme: Theme::builtin("default").expect("default theme"),
        catalog: None,
    };
    let out = build(&options).expect("example builds");
    assert!(!zumen::diagnostic::has_errors(&out.diagnostics), "{:?}", out.diagnostics);
    let dir = root.join("zumen-out");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        zumen::output::write_all(&dir, &out.artifacts).expect("write golden");
        return;
    }
    let stale = zumen::output::stale(&dir, &out.artifacts);
    assert!(
        stale.is_empty(),
        "examples/{name}/zumen-out is stale: {stale:?}; regenerate with `UPDATE_GOLDEN=1 cargo test --test examples_golden`"
    );
    // Nothing extra lies there either: a file the build no longer writes is stale too.
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("zumen-out")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut expected: Vec<String> = out.artifacts.iter().map(|a| a.path.to_string_lossy().into_owned()).collect();
    expected.sort();
    assert_eq!(on_disk, expected, "examples/{name}/zumen-out holds exactly what a build writes");
}

#[test]
fn hackathon_ecs_output_is_current() {
    check_example("hackathon-ecs");
}

#[test]
fn three_tier_ec2_output_is_current() {
    check_example("three-tier-ec2");
}

//! `zumen-dump`, the helper binary behind `scripts/conformance.mjs` and `scripts/bench-peers.sh`:
//! its JSON must be what the scripts compare, and `--model` must do the work it is timed for.

use assert_cmd::Command;
use std::path::Path;

fn dump(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = Command::cargo_bin("zumen-dump").expect("zumen-dump binary").args(args).output().expect("run");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

#[test]
fn a_folder_is_one_object_keyed_by_relative_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
    std::fs::write(dir.path().join("main.tf"), "a = \"x $${y}\"\nb = 1.5\n").expect("write");
    std::fs::write(dir.path().join("sub/bad.tf"), "a = \n").expect("write");
    std::fs::write(dir.path().join("sub/skip.tf.json"), "{}").expect("write");
    let (code, stdout, stderr) = dump(&[dir.path().as_os_str()]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(v["main.tf"], serde_json::json!({"a": "x $${y}", "b": 1.5}));
    let error = v["sub/bad.tf"]["!error"].as_str().unwrap_or_default();
    assert!(error.contains("bad.tf:") && error.contains("syntax"), "{error}");
    assert_eq!(v.as_object().map(|o| o.len()), Some(2), ".tf.json is not compared: {v}");
}

#[test]
fn model_mode_counts_what_the_library_builds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hackathon-ecs");
    let model = zumen::build::model_only(&root, None).expect("model");
    let (code, stdout, stderr) = dump(&["--model".as_ref(), root.as_os_str()]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(v["items"], model.items.len());
    assert_eq!(v["references"], model.references.len());
    assert!(model.items.len() > 100 && model.references.len() > 100, "the example is not trivial: {v}");
    let (code, _, stderr) = dump(&["--model".as_ref(), "no-such-dir".as_ref()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no-such-dir"), "{stderr}");
}

//! `zumen build` determinism and `--check` end to end: the same input gives the same bytes on
//! every run and from any directory, and `--check` names the files a change made stale.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::Path;

const HACKATHON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hackathon-ecs");

fn zumen() -> Command {
    Command::cargo_bin("zumen").unwrap_or_else(|e| panic!("zumen binary: {e}"))
}

/// Runs `zumen build ROOT -o OUT EXTRA…`, returning (exit code, stderr).
fn build(root: &Path, out: &Path, extra: &[&str]) -> (i32, String) {
    let output =
        zumen().arg("build").arg(root).arg("-o").arg(out).args(extra).output().unwrap_or_else(|e| panic!("run: {e}"));
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())).flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.insert(rel.to_string_lossy().into_owned(), std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for (rel, bytes) in files(from) {
        let target = to.join(&rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(target, bytes).unwrap_or_else(|e| panic!("{e}"));
    }
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempdir();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_eq!(build(Path::new(HACKATHON), &a, &[]).0, 0);
    assert_eq!(build(Path::new(HACKATHON), &b, &[]).0, 0);
    let (fa, fb) = (files(&a), files(&b));
    assert!(fa.contains_key("model.json") && fa.contains_key("DESIGN.md"), "{:?}", fa.keys());
    assert_eq!(fa, fb);
}

#[test]
fn a_copy_elsewhere_builds_the_same_bytes() {
    let tmp = tempdir();
    // Same directory name: without a sidecar title the root's name is the title.
    let copy = tmp.path().join("elsewhere/deeper/hackathon-ecs");
    copy_dir(Path::new(HACKATHON), &copy);
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_eq!(build(Path::new(HACKATHON), &a, &[]).0, 0);
    assert_eq!(build(&copy, &b, &[]).0, 0);
    let (fa, fb) = (files(&a), files(&b));
    assert!(!fa.is_empty());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(fb.get(name) == Some(bytes), "{name} differs between the two roots");
    }
    // Nothing machine-specific leaks into the output.
    let tmp_str = tmp.path().to_string_lossy().into_owned();
    for (name, bytes) in &fb {
        assert!(!String::from_utf8_lossy(bytes).contains(&tmp_str), "{name} holds an absolute path");
    }
}

#[test]
fn check_after_build_is_clean_and_names_stale_files() {
    let tmp = tempdir();
    let root = tmp.path().join("hackathon-ecs");
    copy_dir(Path::new(HACKATHON), &root);
    let out = tmp.path().join("out");
    assert_eq!(build(&root, &out, &[]).0, 0);
    let (code, stderr) = build(&root, &out, &["--check"]);
    assert_eq!(code, 0, "fresh output: {stderr}");
    assert!(!stderr.contains("stale"), "{stderr}");

    // Touch a .tf file: a new resource changes the model. `--check` must exit 1 exactly when a
    // fresh build differs, and name exactly the files that differ.
    let main = root.join("main.tf");
    let mut text = std::fs::read_to_string(&main).unwrap_or_else(|e| panic!("{e}"));
    text.push_str("\n# @intent Added after the build.\nresource \"aws_s3_bucket\" \"late\" {}\n");
    std::fs::write(&main, text).unwrap_or_else(|e| panic!("{e}"));
    let before = files(&out);
    let fresh = tmp.path().join("fresh");
    assert_eq!(build(&root, &fresh, &[]).0, 0);
    let after = files(&fresh);
    let differing: Vec<&String> = after.keys().filter(|k| before.get(*k) != after.get(*k)).collect();
    for changed in ["DESIGN.md", "index.html", "model.json"] {
        assert!(differing.iter().any(|k| k.ends_with(changed)), "{changed} lists the new bucket: {differing:?}");
    }
    let (code, stderr) = build(&root, &out, &["--check"]);
    assert_eq!(code, i32::from(!differing.is_empty()), "{stderr}");
    assert_eq!(stale_names(&stderr), differing.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(files(&out), before, "--check writes nothing");

    // Output edited or deleted by hand: stale, named, and nothing else is.
    assert_eq!(build(&root, &out, &[]).0, 0);
    let mut edited = std::fs::read(out.join("model.json")).unwrap_or_else(|e| panic!("{e}"));
    edited.extend_from_slice(b"\n");
    std::fs::write(out.join("model.json"), edited).unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_file(out.join("DESIGN.md")).unwrap_or_else(|e| panic!("{e}"));
    let (code, stderr) = build(&root, &out, &["--check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stale_names(&stderr), ["DESIGN.md", "model.json"]);
    assert_eq!(build(&root, &out, &[]).0, 0);
    assert_eq!(build(&root, &out, &["--check"]).0, 0);
}

/// The file names of the `stale: <path>` lines, sorted.
fn stale_names(stderr: &str) -> Vec<String> {
    let mut names: Vec<String> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("stale: "))
        .filter_map(|p| Path::new(p).file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names
}

//! `zumen inject` end to end: the block between the markers is replaced, everything else stays
//! byte for byte (LF and CRLF files), `--check` tells stale from fresh, bad markers are errors.

use assert_cmd::Command;
use std::path::Path;

const HACKATHON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hackathon-ecs");

/// Runs `zumen inject ARGS` in `dir`, returning (exit code, stderr).
fn inject(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("zumen")
        .unwrap_or_else(|e| panic!("zumen binary: {e}"))
        .arg("inject")
        .args(args)
        .args(["--root", HACKATHON])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const BEFORE: &str = "# My stack\n\nSome words *we* wrote.  \n\n<!-- BEGIN_ZUMEN -->\nold content\n<!-- END_ZUMEN -->\n\n## After\ntrailing text without newline";

/// (text before the block's content, the content, text from the END marker on).
fn parts(text: &str) -> (&str, &str, &str) {
    let b = text.find("<!-- BEGIN_ZUMEN -->").map(|i| i + "<!-- BEGIN_ZUMEN -->".len()).unwrap_or(0);
    let e = text.find("<!-- END_ZUMEN -->").unwrap_or(text.len());
    (&text[..b], &text[b..e], &text[e..])
}

fn assert_injected(original: &str, updated: &str, eol: &str) {
    let (head0, _, tail0) = parts(original);
    let (head1, block, tail1) = parts(updated);
    assert_eq!(head0, head1, "text before the block is untouched");
    assert_eq!(tail0, tail1, "text after the block is untouched");
    assert!(block.contains("**Hackathon stack: Next.js + FastAPI on AWS**"), "{block}");
    assert!(block.contains("75 resources and 6 module calls · intent coverage 81/81 (100%)"), "{block}");
    assert!(
        block.contains("![Architecture of Hackathon stack: Next.js + FastAPI on AWS](zumen-out/architecture.svg)"),
        "{block}"
    );
    assert!(block.contains("| One-off tasks | `module.backend.aws_ecs_task_definition.db_migration` |"), "{block}");
    assert!(!block.contains("old content"));
    let bare_lf = block.replace("\r\n", "").contains('\n');
    if eol == "\r\n" {
        assert!(!bare_lf, "a CRLF file gets CRLF inside the block");
    } else {
        assert!(!block.contains('\r'), "an LF file gets LF inside the block");
    }
}

#[test]
fn replaces_only_the_block_lf_and_crlf() {
    for eol in ["\n", "\r\n"] {
        let dir = tempdir();
        let readme = dir.path().join("README.md");
        let original = BEFORE.replace('\n', eol);
        write(&readme, &original);
        let (code, stderr) = inject(dir.path(), &["README.md"]);
        assert_eq!(code, 0, "{stderr}");
        let updated = read(&readme);
        assert_injected(&original, &updated, eol);
        // Idempotent, and --check agrees.
        assert_eq!(inject(dir.path(), &["README.md", "--check"]).0, 0);
        assert_eq!(inject(dir.path(), &["README.md"]).0, 0);
        assert_eq!(read(&readme), updated);
        assert!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0) == 1, "no temp file left");
    }
}

#[test]
fn check_reports_a_stale_block_and_writes_nothing() {
    let dir = tempdir();
    let readme = dir.path().join("README.md");
    write(&readme, BEFORE);
    let (code, stderr) = inject(dir.path(), &["README.md", "--check"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("stale: README.md"), "{stderr}");
    assert_eq!(read(&readme), BEFORE);
}

#[test]
fn image_link_is_relative_to_the_file_or_given() {
    let dir = tempdir();
    std::fs::create_dir_all(dir.path().join("docs")).unwrap_or_else(|e| panic!("{e}"));
    let readme = dir.path().join("docs/README.md");
    write(&readme, BEFORE);
    assert_eq!(inject(dir.path(), &["docs/README.md", "-o", "site/zumen"]).0, 0);
    assert!(read(&readme).contains("](../site/zumen/architecture.svg)"));
    assert_eq!(inject(dir.path(), &["docs/README.md", "--image", "https://example.com/a.svg"]).0, 0);
    assert!(read(&readme).contains("](https://example.com/a.svg)"));
}

#[test]
fn bad_markers_are_errors_with_a_hint() {
    let cases = [
        ("# No markers here\n", "no <!-- BEGIN_ZUMEN --> / <!-- END_ZUMEN --> markers"),
        ("<!-- BEGIN_ZUMEN -->\n", "but no <!-- END_ZUMEN -->"),
        ("<!-- END_ZUMEN -->\n<!-- BEGIN_ZUMEN -->\n", "comes before"),
        ("<!-- BEGIN_ZUMEN -->\n<!-- END_ZUMEN -->\n<!-- BEGIN_ZUMEN -->\n<!-- END_ZUMEN -->\n", "exactly one pair"),
    ];
    for (text, expected) in cases {
        let dir = tempdir();
        let readme = dir.path().join("README.md");
        write(&readme, text);
        let (code, stderr) = inject(dir.path(), &["README.md"]);
        assert_eq!(code, 2, "{text:?}");
        assert!(stderr.contains(expected), "{text:?}: {stderr}");
        assert_eq!(read(&readme), text, "never a silent append");
    }
    let dir = tempdir();
    let (code, stderr) = inject(dir.path(), &["MISSING.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("MISSING.md"), "{stderr}");
}

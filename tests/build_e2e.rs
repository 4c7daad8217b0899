//! `zumen build` end to end: exit codes, what is written, and that a failed run leaves the
//! previous output intact.

mod common;
use assert_cmd::Command;
use common::case_dir;
use std::path::Path;

fn zumen() -> Command {
    Command::cargo_bin("zumen").expect("binary")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").filter_map(Result::ok) {
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[test]
fn builds_every_format_into_the_output_dir() {
    if common::skip_without_shared() {
        return;
    }
    let out = tempfile::tempdir().expect("tempdir");
    let assert = zumen().args(["build"]).arg(case_dir("020")).arg("-o").arg(out.path()).assert().success();
    // The count reads like the denominator of intent coverage, which counts module calls too.
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("zumen: 5 resources and 3 module calls → 5 files in"), "{stderr}");
    for f in ["architecture.svg", "responsibilities.svg", "DESIGN.md", "index.html", "model.json"] {
        assert!(out.path().join(f).is_file(), "{f} written");
    }
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .expect("read")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("zumen-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[test]
fn format_picks_a_subset() {
    if common::skip_without_shared() {
        return;
    }
    let out = tempfile::tempdir().expect("tempdir");
    zumen().arg("build").arg(case_dir("030")).arg("-o").arg(out.path()).args(["--format", "json"]).assert().success();
    let names: Vec<String> = std::fs::read_dir(out.path())
        .expect("read")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["model.json"]);
    zumen().arg("build").arg(case_dir("030")).args(["--format", "pdf"]).assert().code(2);
}

/// Case 031: a syntax error names the file and line, exits 2, and writes nothing — the previous
/// output stays as it was.
#[test]
fn case_031_syntax_error_fails_and_keeps_previous_output() {
    if common::skip_without_shared() {
        return;
    }
    let out = tempfile::tempdir().expect("tempdir");
    std::fs::write(out.path().join("DESIGN.md"), "previous run\n").expect("seed");
    // Run from the cases folder with a relative PATH: the finding's path opens from there.
    let case = case_dir("031");
    let name = case.file_name().expect("name").to_string_lossy().into_owned();
    let assert =
        zumen().current_dir(common::shared_root()).arg("build").arg(&name).arg("-o").arg(out.path()).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let first = stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with(&format!("{name}/broken.tf:3:")), "first line names broken.tf line 3: {stderr}");
    assert!(first.contains("unterminated string"), "{first}");
    assert!(!stderr.contains("network.tf") && !stderr.contains("a_empty.tf"), "{stderr}");
    assert!(!stderr.contains("panicked"));
    assert_eq!(std::fs::read_to_string(out.path().join("DESIGN.md")).expect("kept"), "previous run\n");
    assert!(!out.path().join("model.json").exists());

    // --keep-going writes the rest and exits 0, still printing the error.
    let assert =
        zumen().arg("build").arg(case_dir("031")).arg("-o").arg(out.path()).arg("--keep-going").assert().success();
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("broken.tf:3:"));
    let model = std::fs::read_to_string(out.path().join("model.json")).expect("written");
    assert!(model.contains("aws_subnet.a"));
}

#[test]
fn case_030_empty_directory_is_a_clear_error() {
    let empty = tempfile::tempdir().expect("tempdir");
    let assert = zumen().arg("build").arg(empty.path()).arg("-o").arg(empty.path().join("out")).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("no Terraform files found in"), "{stderr}");
    assert!(!stderr.contains("--recursive"), "nothing below either: {stderr}");
    zumen().arg("build").arg(empty.path().join("nope")).assert().code(2);
}

/// A repository whose Terraform lives only in subfolders: the error says where, and that
/// `--recursive` builds them all.
#[test]
fn no_files_at_the_top_points_at_the_folder_below_and_recursive() {
    let repo = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(repo.path().join("envs/dev")).expect("mkdir");
    std::fs::write(repo.path().join("envs/dev/main.tf"), "resource \"aws_s3_bucket\" \"logs\" {}\n").expect("write");
    let out = repo.path().join("out");
    let assert = zumen().arg("build").arg(repo.path()).arg("-o").arg(&out).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let below = repo.path().join("envs/dev");
    assert!(stderr.contains(&format!("but {} has some", below.display())), "{stderr}");
    assert!(stderr.contains("--recursive"), "{stderr}");
    let assert = zumen().arg("build").arg(repo.path()).arg("-o").arg(&out).arg("--recursive").assert().success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("zumen: 1 root (0 failed)"), "{stderr}");
    assert!(out.join("envs/dev/model.json").is_file());
}

/// `--format` with nothing in it is a usage error, not a run that writes no file.
#[test]
fn an_empty_format_list_is_an_error() {
    if common::skip_without_shared() {
        return;
    }
    let out = tempfile::tempdir().expect("tempdir");
    for list in ["", " , "] {
        let assert = zumen()
            .arg("build")
            .arg(case_dir("030"))
            .arg("-o")
            .arg(out.path())
            .args(["--format", list])
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(stderr.contains("--format needs at least one of svg, md, html, json"), "{list:?}: {stderr}");
    }
    assert_eq!(std::fs::read_dir(out.path()).expect("read").count(), 0);
}

#[test]
fn unknown_theme_is_an_error() {
    if common::skip_without_shared() {
        return;
    }
    let out = tempfile::tempdir().expect("tempdir");
    let assert = zumen()
        .arg("build")
        .arg(case_dir("030"))
        .arg("-o")
        .arg(out.path())
        .args(["--theme", "no-such-theme"])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("unknown theme"));
}

#[test]
fn recursive_builds_each_root_and_reports_the_broken_one() {
    if common::skip_without_shared() {
        return;
    }
    let src = tempfile::tempdir().expect("tempdir");
    copy_dir(&case_dir("020"), &src.path().join("envs/good"));
    copy_dir(&case_dir("031"), &src.path().join("envs/broken"));
    copy_dir(&case_dir("030"), &src.path().join("minimal"));
    std::fs::create_dir_all(src.path().join(".terraform/modules/x")).expect("mkdir");
    std::fs::write(src.path().join(".terraform/modules/x/main.tf"), "resource \"a\" \"b\" {}\n").expect("write");
    let out = tempfile::tempdir().expect("tempdir");
    let assert = zumen().arg("build").arg(src.path()).arg("-o").arg(out.path()).arg("--recursive").assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("envs/broken/broken.tf:3:"), "{stderr}");
    assert!(out.path().join("envs/good/DESIGN.md").is_file());
    assert!(out.path().join("minimal/model.json").is_file());
    assert!(!out.path().join("envs/broken/DESIGN.md").exists());
    // The good root's modules are not roots of their own; hidden folders are skipped.
    assert!(!out.path().join("envs/good/modules").exists());
    assert!(!out.path().join(".terraform").exists());
    let index = std::fs::read_to_string(out.path().join("README.md")).expect("index");
    assert!(index.contains("[envs/good](envs/good/DESIGN.md) | 5 |"), "{index}");
    assert!(index.contains("| minimal |") || index.contains("[minimal](minimal/DESIGN.md) | 1 |"), "{index}");
    // The broken root is listed, without a link to the files it did not get.
    assert!(index.contains("\n| envs/broken | 2 | 1/2 (50%) | 1 error; not written |\n"), "{index}");
    assert!(!index.contains("envs/broken/DESIGN.md"), "{index}");
    let html = std::fs::read_to_string(out.path().join("index.html")).expect("index.html");
    assert!(html.contains("<a href=\"envs/good/index.html\">envs/good</a>"), "{html}");
    assert!(html.contains("<tr><td>envs/broken</td>"), "{html}");
    assert!(!html.contains("envs/broken/index.html"), "{html}");
}

#[cfg(unix)]
#[test]
fn recursive_walk_survives_symlink_loops() {
    if common::skip_without_shared() {
        return;
    }
    let src = tempfile::tempdir().expect("tempdir");
    copy_dir(&case_dir("030"), &src.path().join("a"));
    std::os::unix::fs::symlink(src.path(), src.path().join("a/loop")).expect("symlink");
    let out = tempfile::tempdir().expect("tempdir");
    zumen()
        .arg("build")
        .arg(src.path())
        .arg("-o")
        .arg(out.path())
        .arg("-r")
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success();
    assert!(out.path().join("a/model.json").is_file());
}

/// A run that cannot write one of its files changes none of them (found by a user trial: the
/// SVGs were replaced before `index.html` failed).
#[test]
fn a_failed_write_leaves_every_previous_file() {
    if common::skip_without_shared() {
        return;
    }
    let out = tempfile::tempdir().expect("tempdir");
    std::fs::write(out.path().join("architecture.svg"), "previous").expect("seed");
    std::fs::create_dir_all(out.path().join("index.html/x")).expect("a directory in the way");
    let assert = zumen().arg("build").arg(case_dir("030")).arg("-o").arg(out.path()).assert().code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("a directory is in the way"));
    assert_eq!(std::fs::read_to_string(out.path().join("architecture.svg")).expect("kept"), "previous");
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .expect("read")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("zumen-tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn output_path_that_is_a_file_is_a_clear_error() {
    if common::skip_without_shared() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("afile"), "x").expect("write");
    let assert = zumen().arg("build").arg(case_dir("030")).arg("-o").arg(dir.path().join("afile")).assert().code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("is not a directory"));
}

/// `--catalog` merges a user's provider knowledge: an unknown type gets the label and category the
/// file gives it; a broken catalog is a clear error naming the file.
#[test]
fn catalog_flag_extends_provider_knowledge() {
    let root = tempfile::tempdir().expect("tempdir");
    std::fs::write(root.path().join("main.tf"), "resource \"acme_widget\" \"w\" {\n  name = \"gizmo\"\n}\n")
        .expect("write");
    let catalog = root.path().join("my-catalog.toml");
    std::fs::write(&catalog, "[types.acme_widget]\ncategory = \"queue\"\nlabel = \"Acme widget\"\n").expect("write");
    let out = tempfile::tempdir().expect("tempdir");
    zumen().arg("build").arg(root.path()).arg("-o").arg(out.path()).arg("--catalog").arg(&catalog).assert().success();
    let svg = std::fs::read_to_string(out.path().join("architecture.svg")).expect("svg");
    assert!(svg.contains("Acme widget") && svg.contains("cat-queue"), "{svg}");
    std::fs::write(&catalog, "[types.acme_widget]\ncategory = \"no-such-category\"\n").expect("write");
    let assert =
        zumen().arg("build").arg(root.path()).arg("-o").arg(out.path()).arg("--catalog").arg(&catalog).assert().code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("my-catalog.toml"));
}

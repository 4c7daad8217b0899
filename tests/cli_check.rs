//! `zumen check` end to end: output, exit codes, the JSON report's schema (docs/check-json.md),
//! and shared case 027 (comment attachment) seen through the CLI.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const HACKATHON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hackathon-ecs");
const THREE_TIER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/three-tier-ec2");
const CASE_027: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/cases/027-comment-annotation-attachment");

fn zumen() -> Command {
    let mut cmd = Command::cargo_bin("zumen").unwrap_or_else(|e| panic!("zumen binary: {e}"));
    cmd.env_remove("NO_COLOR");
    cmd
}

/// Runs `zumen check ARGS`, returning (exit code, stdout, stderr).
fn check(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = zumen().arg("check").args(args).current_dir(dir).output().unwrap_or_else(|e| panic!("run: {e}"));
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn json(root: &str) -> Value {
    let (code, stdout, _) = check(&[root, "--format", "json"], Path::new("."));
    assert!(code == 0 || code == 1, "exit {code}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("JSON report: {e}\n{stdout}"))
}

fn item<'a>(report: &'a Value, address: &str) -> &'a Value {
    report["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["address"] == address))
        .unwrap_or_else(|| panic!("{address} in the report"))
}

/// A root with one finding of each kind the checker knows.
fn broken_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{e}"));
    write(
        "main.tf",
        "# @intent Keeps the logs.\n# @role monitorng\nresource \"aws_s3_bucket\" \"logs\" {}\n\n\
         # @intnet typo\nresource \"aws_s3_bucket\" \"site\" {}\n\n\
         # @intent From the comment.\n# @role data\nresource \"aws_sqs_queue\" \"jobs\" {}\n\n\
         resource \"aws_iam_role\" \"task\" {}\n\ndata \"aws_region\" \"current\" {}\n",
    );
    write(
        "zumen.toml",
        "title = \"fx\"\n\n[resources.\"aws_s3_bucket.old\"]\nintent = \"renamed away\"\n\n\
         [resources.\"aws_sqs_queue.jobs\"]\nintent = \"From the sidecar.\"\n\n\
         [resources.\"aws_iam_role.*\"]\nrole = \"securty\"\n",
    );
    dir
}

#[test]
fn examples_are_fully_covered() {
    for (root, line) in [
        (HACKATHON, "intent coverage: 81/81 resources (100%)"),
        (THREE_TIER, "intent coverage: 47/47 resources (100%)"),
    ] {
        let (code, stdout, _) = check(&[root], Path::new("."));
        assert_eq!(code, 0, "{root}: {stdout}");
        assert_eq!(stdout.trim_end(), line, "{root}");
    }
}

#[test]
fn data_sources_are_listed_but_not_counted() {
    let report = json(HACKATHON);
    let data: Vec<&Value> =
        report["items"].as_array().map(|v| v.iter().filter(|i| i["kind"] == "data").collect()).unwrap_or_default();
    assert!(!data.is_empty());
    assert!(data.iter().all(|i| i["counted"] == false));
    let counted = report["items"].as_array().map(|v| v.iter().filter(|i| i["counted"] == true).count());
    assert_eq!(counted, report["coverage"]["total"].as_u64().map(|n| n as usize));
}

#[test]
fn json_report_schema() {
    let report = json(HACKATHON);
    let keys: Vec<&str> = report.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    assert_eq!(keys, ["version", "root", "coverage", "items", "diagnostics", "summary"]);
    assert_eq!(report["version"], 1);
    assert_eq!(report["coverage"]["covered"], 81);
    assert_eq!(report["coverage"]["total"], 81);
    assert_eq!(report["coverage"]["percent"], 100);
    assert_eq!(report["coverage"]["min"], 100.0);
    assert_eq!(report["coverage"]["ok"], true);
    let first = &report["items"][0];
    let keys: Vec<&str> = first.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    assert_eq!(keys, ["address", "kind", "file", "line", "intent", "text", "source", "role", "hidden", "counted"]);
    let sources: Vec<&str> =
        report["items"].as_array().into_iter().flatten().filter_map(|i| i["source"].as_str()).collect();
    assert!(sources.iter().all(|s| ["comment", "sidecar", "description", "none"].contains(s)), "{sources:?}");
    assert!(sources.contains(&"sidecar") && sources.contains(&"comment"));
    let nat = item(&report, "module.network.aws_eip.nat");
    assert_eq!((nat["source"].as_str(), nat["role"].as_str()), (Some("sidecar"), Some("network")));
    for key in ["errors", "warnings", "notes"] {
        assert!(report["summary"][key].is_u64(), "summary.{key}");
    }
    assert_eq!(report["summary"]["errors"], 0);
}

#[test]
fn case_027_attachment_through_the_cli() {
    if common::skip_without_shared() {
        return;
    }
    let (code, stdout, _) = check(&[CASE_027, "--format", "json"], Path::new("."));
    assert_eq!(code, 1, "the orphan comment leaves aws_lb_target_group.app without intent");
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
    // 2. adjacent `#` comment.
    let lb = item(&report, "aws_lb.public");
    assert_eq!(
        (lb["source"].as_str(), lb["text"].as_str()),
        (Some("comment"), Some("The public entry point for customer traffic."))
    );
    // 3. the blank line detaches the orphan comment.
    let tg = item(&report, "aws_lb_target_group.app");
    assert_eq!(
        (tg["intent"].as_bool(), tg["source"].as_str(), tg["line"].as_u64()),
        (Some(false), Some("none"), Some(19))
    );
    // 4 and 5. two `//` lines, in order; the trailing comment is not part of it.
    let listener = item(&report, "aws_lb_listener.https");
    let text = listener["text"].as_str().unwrap_or_default();
    assert_eq!(
        text.split_whitespace().collect::<Vec<_>>().join(" "),
        "First line of a two-line leading comment second line of the same comment"
    );
    assert!(!text.contains("trailing comment"));
    // 6. the generated header above var.region is detached by a blank line.
    assert_eq!(item(&report, "var.region")["source"], "none");
    // 7. an explicit description wins over a leading comment.
    let env = item(&report, "var.environment");
    assert_eq!((env["source"].as_str(), env["text"].as_str()), (Some("description"), Some("Deployment stage name")));
    // 8. documented choice: a leading comment documents a variable that has no description.
    let owner = item(&report, "var.owner");
    assert_eq!(
        (owner["source"].as_str(), owner["text"].as_str()),
        (Some("comment"), Some("Owner team of the stack (only documented by this comment)."))
    );
    // 9. the #575 pattern: the description, not the generated header.
    let out = item(&report, "output.listener_arn");
    assert_eq!(
        (out["source"].as_str(), out["text"].as_str()),
        (Some("description"), Some("ARN of the HTTPS listener"))
    );
    assert_eq!((report["coverage"]["covered"].as_u64(), report["coverage"]["total"].as_u64()), (Some(2), Some(3)));
    let missing: Vec<&Value> =
        report["diagnostics"].as_array().into_iter().flatten().filter(|d| d["code"] == "missing-intent").collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["location"]["file"], "main.tf");
    assert_eq!(missing[0]["location"]["line"], 19);
}

#[test]
fn findings_in_text_format() {
    let dir = broken_fixture();
    let (code, stdout, _) = check(&[], dir.path());
    assert_eq!(code, 1, "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let has = |prefix: &str, needle: &str| lines.iter().any(|l| l.starts_with(prefix) && l.contains(needle));
    assert!(has("main.tf:3:1: error[unknown-role]:", "did you mean `monitoring`?"), "{stdout}");
    assert!(has("main.tf:5:1: error[unknown-tag]:", "did you mean @intent?"), "{stdout}");
    assert!(has("main.tf:6:1: error[missing-intent]:", "aws_s3_bucket.site"), "{stdout}");
    assert!(has("main.tf:10:1: warning[annotation-conflict]:", "zumen.toml:6"), "{stdout}");
    assert!(has("main.tf:12:1: error[missing-intent]:", "aws_iam_role.task"), "{stdout}");
    assert!(has("zumen.toml:3:1: error[dangling-sidecar]:", "did you mean \"aws_s3_bucket.logs\"?"), "{stdout}");
    assert!(has("zumen.toml:9:1: error[unknown-role]:", "did you mean `security`?"), "{stdout}");
    assert!(has("error[coverage]:", "2/4 (50%)"), "{stdout}");
    assert!(stdout.contains("\nintent coverage: 2/4 resources (50%)\n"), "{stdout}");
    assert!(!stdout.contains('\x1b'), "no colour when stdout is not a terminal");
    assert!(!stdout.contains("data.aws_region"), "data sources are not findings");
}

#[test]
fn github_format_emits_workflow_commands() {
    let dir = broken_fixture();
    let (code, stdout, _) = check(&["--format", "github"], dir.path());
    assert_eq!(code, 1);
    assert!(
        stdout.contains(
            "::error file=zumen.toml,line=3,col=1,title=zumen dangling-sidecar::[resources.\"aws_s3_bucket.old\"]"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("::warning file=main.tf,line=10,col=1,title=zumen annotation-conflict::"), "{stdout}");
    assert!(stdout.contains("::error title=zumen coverage::intent coverage 2/4 (50%25)"), "{stdout}");
    assert!(stdout.lines().all(|l| l.starts_with("::")), "{stdout}");
    // Paths are joined to the root given on the command line, as GitHub resolves them from the
    // workspace.
    let parent = dir.path().parent().unwrap_or(dir.path());
    let name = dir.path().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (_, stdout, _) = check(&[&name, "--format", "github"], parent);
    assert!(stdout.contains(&format!("::error file={name}/main.tf,line=6,")), "{stdout}");
}

#[test]
fn min_coverage_sets_the_bar() {
    let dir = broken_fixture();
    std::fs::write(dir.path().join("zumen.toml"), "title = \"fx\"\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("main.tf"),
        "# Why.\nresource \"aws_s3_bucket\" \"a\" {}\nresource \"aws_s3_bucket\" \"b\" {}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, stdout, _) = check(&["--min-coverage", "50"], dir.path());
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("main.tf:3:1: warning[missing-intent]: aws_s3_bucket.b"), "{stdout}");
    assert!(stdout.contains("intent coverage: 1/2 resources (50%)"));
    let (code, _, _) = check(&["--min-coverage", "51"], dir.path());
    assert_eq!(code, 1);
}

#[test]
fn usage_and_unreadable_input_exit_2() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = check(&["no-such-dir"], dir.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("no-such-dir does not exist"), "{stderr}");
    let (code, _, stderr) = check(&[], dir.path());
    assert_eq!(code, 2, "an empty directory has no Terraform files");
    assert!(stderr.contains("no Terraform files"), "{stderr}");
    let (code, _, _) = check(&[HACKATHON, "--min-coverage", "101"], dir.path());
    assert_eq!(code, 2);
    let (code, _, _) = check(&[HACKATHON, "--format", "xml"], dir.path());
    assert_eq!(code, 2);
    let (code, _, stderr) = check(&[HACKATHON, "--config", "missing.toml"], dir.path());
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn syntax_errors_are_findings() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("main.tf"), "# Why.\nresource \"aws_s3_bucket\" \"a\" {}\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("broken.tf"), "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n")
        .unwrap_or_else(|e| panic!("{e}"));
    let (code, stdout, _) = check(&[], dir.path());
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("broken.tf:") && l.contains("error[")), "{stdout}");
}

#[test]
fn report_is_deterministic() {
    let dir = broken_fixture();
    let first = check(&["--format", "json"], dir.path());
    let second = check(&["--format", "json"], dir.path());
    assert_eq!(first, second);
}

/// Colour only on a terminal, never with `NO_COLOR`. `script` (util-linux) gives the command a
/// pseudo-terminal.
#[test]
fn colour_only_on_a_terminal_without_no_color() {
    let dir = broken_fixture();
    let bin = assert_cmd::cargo::cargo_bin("zumen");
    let on_tty = |no_color: Option<&str>| {
        let mut cmd = std::process::Command::new("script");
        cmd.args(["-qec", &format!("{} check", bin.display()), "/dev/null"]).current_dir(dir.path());
        cmd.env_remove("NO_COLOR");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd.output().unwrap_or_else(|e| panic!("script (util-linux): {e}"));
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (code, coloured) = on_tty(None);
    assert_eq!(code, Some(1), "{coloured}");
    assert!(coloured.contains("\x1b[1;31merror\x1b[0m[dangling-sidecar]"), "{coloured:?}");
    let (_, plain) = on_tty(Some("1"));
    assert!(plain.contains("error[dangling-sidecar]") && !plain.contains('\x1b'), "{plain:?}");
}

/// A module called twice is modelled per call; a fault in its files is still one finding.
#[test]
fn a_fault_in_a_module_called_twice_is_reported_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("modules/svc")).expect("mkdir");
    std::fs::write(
        dir.path().join("main.tf"),
        "# @intent A.\nmodule \"a\" {\n  source = \"./modules/svc\"\n}\n# @intent B.\nmodule \"b\" {\n  source = \"./modules/svc\"\n}\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("modules/svc/main.tf"),
        "# @intnet Stores things.\nresource \"aws_s3_bucket\" \"this\" {}\n",
    )
    .expect("write");
    let (code, stdout, _) = check(&["."], dir.path());
    assert_eq!(code, 1, "{stdout}");
    let unknown: Vec<&str> = stdout.lines().filter(|l| l.contains("unknown-tag")).collect();
    assert_eq!(
        unknown,
        ["modules/svc/main.tf:1:1: error[unknown-tag]: unknown annotation tag @intnet; did you mean @intent?"],
        "{stdout}"
    );
    // Both calls' copies of the resource still lack an intent: those are two findings.
    assert_eq!(stdout.lines().filter(|l| l.contains("aws_s3_bucket.this has no intent")).count(), 2, "{stdout}");
}

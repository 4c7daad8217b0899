//! `zumen init` (and its round trip with `zumen check`), `zumen completions` and `zumen man`.

use assert_cmd::Command;
use std::path::Path;

/// Runs `zumen ARGS` in `dir`, returning (exit code, stdout, stderr).
fn zumen(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("zumen")
        .unwrap_or_else(|e| panic!("zumen binary: {e}"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix("shop-").tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let text = "# @intent Serves the shop.\nresource \"aws_ecs_service\" \"api\" {\n  task_definition = aws_ecs_task_definition.api.arn\n}\n\n\
                resource \"aws_ecs_task_definition\" \"api\" {}\n\nresource \"aws_ecs_task_definition\" \"migrate\" {}\n\n\
                resource \"aws_cloudwatch_log_group\" \"api\" {}\n\n# @role data\nresource \"aws_s3_bucket\" \"assets\" {}\n\n\
                resource \"null_resource\" \"mystery\" {}\n\n# @hide\nresource \"aws_iam_role\" \"hidden\" {}\n\n\
                module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n\ndata \"aws_region\" \"current\" {}\n";
    std::fs::write(dir.path().join("main.tf"), text).unwrap_or_else(|e| panic!("{e}"));
    dir
}

const UNDOCUMENTED: [&str; 6] = [
    "aws_cloudwatch_log_group.api",
    "aws_ecs_task_definition.api",
    "aws_ecs_task_definition.migrate",
    "aws_s3_bucket.assets",
    "module.vpc",
    "null_resource.mystery",
];

#[test]
fn init_then_check_points_at_exactly_the_empty_intents() {
    let dir = fixture();
    let (code, _, stderr) = zumen(dir.path(), &["init"]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(dir.path().join("zumen.toml")).unwrap_or_else(|e| panic!("{e}"));
    let name = dir.path().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    assert!(text.contains(&format!("\ntitle = \"{name}\"\n")), "{text}");
    for role in ["resident", "one-off", "check", "monitoring", "edge", "network", "data", "security", "delivery"] {
        assert!(text.contains(&format!("\n[roles.{role}]\nlabel = ")), "{role}");
    }
    let entry = |address: &str, role: Option<&str>| {
        let role = role.map(|r| format!("role = \"{r}\"\n")).unwrap_or_default();
        format!("\n[resources.\"{address}\"]\nintent = \"\"\n{role}")
    };
    // Inferred: a task definition a service runs is resident, one nobody runs is one-off.
    assert!(text.contains(&entry("aws_ecs_task_definition.api", Some("resident"))), "{text}");
    assert!(text.contains(&entry("aws_ecs_task_definition.migrate", Some("one-off"))), "{text}");
    assert!(text.contains(&entry("aws_cloudwatch_log_group.api", Some("monitoring"))), "{text}");
    // A role given in a comment is not repeated; nothing inferred leaves a hint.
    assert!(text.contains(&entry("aws_s3_bucket.assets", None)), "{text}");
    assert!(text.contains("[resources.\"null_resource.mystery\"]\nintent = \"\"\n# role = \"\""), "{text}");
    let listed: Vec<&str> =
        text.lines().filter_map(|l| l.strip_prefix("[resources.\"").and_then(|l| l.strip_suffix("\"]"))).collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, UNDOCUMENTED, "documented, hidden and data items are not listed");
    let parsed: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("valid TOML: {e}"));
    assert!(parsed.contains_key("roles"));

    let (code, stdout, _) = zumen(dir.path(), &["check", "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
    let mut missing: Vec<String> = Vec::new();
    for d in report["diagnostics"].as_array().into_iter().flatten() {
        assert!(d["code"] == "missing-intent" || d["code"] == "coverage" || d["level"] == "note", "unexpected {d}");
        if d["code"] == "missing-intent" {
            assert_eq!(d["location"]["file"], "zumen.toml", "points at the empty intent: {d}");
            let line = d["location"]["line"].as_u64().unwrap_or(0) as usize;
            let header = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
            let address = header.strip_prefix("[resources.\"").and_then(|l| l.strip_suffix("\"]")).unwrap_or(header);
            missing.push(address.to_string());
        }
    }
    missing.sort();
    assert_eq!(missing, UNDOCUMENTED);
    assert_eq!(report["coverage"]["covered"], 1);
    assert_eq!(report["coverage"]["total"], 7);
}

#[test]
fn init_never_overwrites_without_force() {
    let dir = fixture();
    let path = dir.path().join("zumen.toml");
    std::fs::write(&path, "title = \"mine\"\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = zumen(dir.path(), &["init"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists") && stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), "title = \"mine\"\n");
    assert_eq!(zumen(dir.path(), &["init", "--force"]).0, 0);
    assert!(std::fs::read_to_string(&path).unwrap_or_default().contains("[roles.resident]"));
    let (code, _, stderr) = zumen(dir.path(), &["init", "no-such-dir"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn completions_for_every_shell() {
    let dir = fixture();
    for (shell, needle) in [
        ("bash", "_zumen()"),
        ("zsh", "#compdef zumen"),
        ("fish", "complete -c zumen"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[zumen]"),
    ] {
        let (code, stdout, _) = zumen(dir.path(), &["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(stdout.contains(needle), "{shell}: {needle}");
        assert!(stdout.contains("min-coverage"), "{shell} completes check's flags");
    }
    assert_eq!(zumen(dir.path(), &["completions", "tcsh"]).0, 2);
}

#[test]
fn man_pages_are_roff() {
    let dir = fixture();
    let (code, stdout, _) = zumen(dir.path(), &["man"]);
    assert_eq!(code, 0);
    assert!(stdout.contains(".TH zumen 1"), "{stdout}");
    for sub in ["build", "check", "inject", "init", "completions"] {
        assert!(stdout.contains(sub), "{sub} listed");
    }
    let (code, stdout, _) = zumen(dir.path(), &["man", "check"]);
    assert_eq!(code, 0);
    assert!(stdout.contains(".TH zumen-check 1") && stdout.contains("min\\-coverage"), "{stdout}");
    assert_eq!(zumen(dir.path(), &["man", "nope"]).0, 2);
}

/// `init --catalog FILE` proposes the roles `build --catalog FILE` will show: a type only the
/// user's catalog knows gets the role that catalog gives it; a missing catalog is an error.
#[test]
fn init_takes_roles_from_the_users_catalog() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    std::fs::write(dir.path().join("main.tf"), "resource \"acme_widget\" \"w\" {}\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("my-catalog.toml"),
        "[types.acme_widget]\ncategory = \"compute\"\nlabel = \"Acme widget\"\nrole = \"check\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let entry = "[resources.\"acme_widget.w\"]\nintent = \"\"\n";

    assert_eq!(zumen(dir.path(), &["init"]).0, 0);
    let plain = std::fs::read_to_string(dir.path().join("zumen.toml")).unwrap_or_default();
    assert!(plain.contains(entry) && !plain.contains(&format!("{entry}role = \"check\"")), "{plain}");

    let (code, _, stderr) = zumen(dir.path(), &["init", "--force", "--catalog", "my-catalog.toml"]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(dir.path().join("zumen.toml")).unwrap_or_default();
    assert!(text.contains(&format!("{entry}role = \"check\"\n")), "{text}");

    let (code, _, stderr) = zumen(dir.path(), &["init", "--force", "--catalog", "missing.toml"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("missing.toml"), "{stderr}");
}

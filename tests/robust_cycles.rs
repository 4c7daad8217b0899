//! Issue 3, "never hang": reference cycles, self-referencing and mutually recursive modules,
//! symlink loops, unreadable files and module sources that leave the root all terminate, with a
//! diagnostic where the input deserves one.

use std::fs;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;
use zumen::model::Model;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create test folder");
    }
    fs::write(path, text).expect("write test file");
}

/// Models `root` on another thread and fails if that takes longer than 20 s (a hang).
fn model_within_deadline(root: &Path) -> Model {
    let root = root.to_path_buf();
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let _ = tx.send(zumen::build::model_only(&root, None).map_err(|e| format!("{e:#}")));
        })
        .expect("spawn");
    match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(Ok(model)) => model,
        Ok(Err(e)) => panic!("model failed: {e}"),
        Err(_) => panic!("model did not finish within 20 s"),
    }
}

fn codes(model: &Model) -> Vec<&'static str> {
    model.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn locals_referencing_each_other_terminate() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "main.tf",
        "locals {\n  a = local.b\n  b = local.c\n  c = local.a\n  self = local.self\n}\n\
         resource \"null_resource\" \"r\" {\n  triggers = { x = local.a, y = local.self }\n}\n\
         output \"o\" { value = local.b }\n",
    );
    let model = model_within_deadline(dir.path());
    assert!(model.find("null_resource.r").is_some());
    assert!(model.find("local.self").is_some());
}

#[test]
fn module_calling_its_own_folder_is_a_cycle() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "main.tf", "module \"me\" {\n  source = \"./\"\n}\nmodule \"dot\" {\n  source = \".\"\n}\n");
    let model = model_within_deadline(dir.path());
    assert!(codes(&model).contains(&"module-cycle"), "{:?}", model.diagnostics);
}

#[test]
fn mutually_recursive_modules_stop() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "main.tf", "module \"a\" {\n  source = \"./a\"\n}\n");
    write(dir.path(), "a/main.tf", "module \"b\" {\n  source = \"../b\"\n}\nresource \"null_resource\" \"in_a\" {}\n");
    write(dir.path(), "b/main.tf", "module \"a\" {\n  source = \"../a\"\n}\nresource \"null_resource\" \"in_b\" {}\n");
    let model = model_within_deadline(dir.path());
    assert!(codes(&model).contains(&"module-cycle"), "{:?}", model.diagnostics);
    assert!(model.find("module.a.null_resource.in_a").is_some());
    assert!(model.find("module.a.module.b.null_resource.in_b").is_some());
}

#[cfg(unix)]
#[test]
fn symlink_loops_terminate() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "main.tf",
        "module \"loop\" {\n  source = \"./loop\"\n}\nmodule \"deeper\" {\n  source = \"./loop/loop/loop\"\n}\n",
    );
    symlink(".", dir.path().join("loop")).expect("symlink");
    // A `.tf` name that is a link to itself cannot be read.
    symlink("self.tf", dir.path().join("self.tf")).expect("symlink");
    let model = model_within_deadline(dir.path());
    let codes = codes(&model);
    assert!(codes.contains(&"module-cycle"), "{:?}", model.diagnostics);
    assert!(codes.contains(&"unreadable"), "{:?}", model.diagnostics);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "main.tf", "resource \"null_resource\" \"ok\" {}\n");
    write(dir.path(), "secret.tf", "resource \"null_resource\" \"hidden\" {}\n");
    let secret = dir.path().join("secret.tf");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).expect("chmod");
    let model = model_within_deadline(dir.path());
    assert!(model.find("null_resource.ok").is_some());
    // Root reads through mode 000 (tests here run as root), so the sub-assertion only holds
    // for other users.
    let running_as_root = fs::File::open(&secret).is_ok();
    if !running_as_root {
        assert!(codes(&model).contains(&"unreadable"), "{:?}", model.diagnostics);
        assert!(model.find("null_resource.hidden").is_none());
    }
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o644)).expect("chmod back");
}

#[test]
fn module_source_leaving_the_root_terminates() {
    let outer = tempfile::tempdir().expect("tempdir");
    let root = outer.path().join("repo/env");
    write(&root, "main.tf", "module \"up\" {\n  source = \"../../outside\"\n}\nmodule \"far\" {\n  source = \"../../../../../../../../../../../../x\"\n}\n");
    write(
        outer.path(),
        "outside/main.tf",
        "module \"back\" {\n  source = \"../repo/env\"\n}\nresource \"null_resource\" \"out\" {}\n",
    );
    let model = model_within_deadline(&root);
    // Outside the root: reported (a note) and followed; the call back into the root is caught
    // as a cycle.
    assert!(codes(&model).contains(&"module-outside-root"), "{:?}", model.diagnostics);
    assert!(codes(&model).contains(&"module-cycle"), "{:?}", model.diagnostics);
    assert!(model.find("module.up.null_resource.out").is_some());
}

#[test]
fn module_source_leaving_the_repository_is_not_followed() {
    let outer = tempfile::tempdir().expect("tempdir");
    let repo = outer.path().join("repo");
    fs::create_dir_all(repo.join(".git")).expect("git dir");
    write(&repo, "env/main.tf", "module \"up\" {\n  source = \"../../outside\"\n}\n");
    write(outer.path(), "outside/main.tf", "resource \"null_resource\" \"out\" {}\n");
    let model = model_within_deadline(&repo.join("env"));
    assert!(codes(&model).contains(&"module-outside-repository"), "{:?}", model.diagnostics);
    assert!(model.find("module.up.null_resource.out").is_none());
}

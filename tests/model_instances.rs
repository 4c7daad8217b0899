//! Instance counts across module boundaries: a module's variable takes the calling block's
//! argument, and nothing inside a call that creates no instance is created.

mod common;
use zumen::model::Instances;

fn write(dir: &std::path::Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

#[test]
fn module_arguments_drive_counts_inside_the_module() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "main.tf",
        "module \"on\" {\n  source = \"./m\"\n  create = true\n}\nmodule \"off\" {\n  source = \"./m\"\n  create = false\n}\n\
         module \"default\" {\n  source = \"./m\"\n}\nmodule \"gone\" {\n  source = \"./m\"\n  count  = 0\n  create = true\n}\n\
         module \"none\" {\n  source   = \"./m\"\n  for_each = {}\n}\n",
    );
    write(
        dir.path(),
        "m/main.tf",
        "variable \"create\" {\n  type    = bool\n  default = false\n}\nresource \"aws_sqs_queue\" \"q\" {\n  count = var.create ? 1 : 0\n}\n",
    );
    let m = common::model_of(dir.path());
    let count = |a: &str| match &m.items[m.find(a).unwrap_or_else(|| panic!("{a}"))].instances {
        Instances::Count { value, .. } => *value,
        other => panic!("{a}: {other:?}"),
    };
    assert_eq!(count("module.on.aws_sqs_queue.q"), Some(1));
    assert_eq!(count("module.off.aws_sqs_queue.q"), Some(0));
    assert_eq!(count("module.default.aws_sqs_queue.q"), Some(0), "the default applies without an argument");
    assert_eq!(count("module.gone.aws_sqs_queue.q"), Some(0), "count = 0 on the call");
    assert_eq!(count("module.none.aws_sqs_queue.q"), Some(0), "for_each over nothing on the call");
}

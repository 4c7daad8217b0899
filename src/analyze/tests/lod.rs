//! Level of detail on large generated inputs.

use super::builder::*;
use crate::analyze::{analyze, lod::MAX_NODES};
use crate::catalog::Catalog;
use crate::model::ModuleStatus;

const TYPES: &[&str] = &[
    "aws_instance",
    "aws_s3_bucket",
    "aws_sqs_queue",
    "aws_sns_topic",
    "aws_lambda_function",
    "aws_dynamodb_table",
    "aws_cloudwatch_log_group",
    "aws_elasticache_cluster",
    "aws_ecr_repository",
    "aws_kms_key",
];

#[test]
fn five_hundred_resources_fit_on_one_page() {
    let mut b = ModelBuilder::new();
    for m in 0..5 {
        b.module("", &format!("svc{m}"), "./svc", ModuleStatus::Expanded);
    }
    for i in 0..500 {
        let module = if i % 2 == 0 { String::new() } else { format!("module.svc{}", i % 5) };
        let ty = TYPES[i % TYPES.len()];
        let name = format!("r{i}");
        // Each resource references the previous one of another type, so edges exist too.
        let prev = format!("{}.r{}", TYPES[(i + 9) % TYPES.len()], i.saturating_sub(1));
        b.resource(&module, ty, &name, body(vec![("depends", r(&prev))], vec![]));
    }
    let model = b.build();
    let a = analyze(&model, &Catalog::builtin());
    for d in &a.diagrams[..2] {
        assert!(d.nodes.len() <= MAX_NODES, "{}: {} nodes", d.id, d.nodes.len());
        assert!(!d.omitted.is_empty(), "{}: collapsed without saying so", d.id);
        for e in &d.edges {
            assert!(
                d.nodes.iter().any(|n| n.id == e.from) && d.nodes.iter().any(|n| n.id == e.to),
                "{}: dangling edge {e:?}",
                d.id
            );
        }
        for n in &d.nodes {
            assert!(n.group.is_none_or(|g| g < d.groups.len()));
        }
    }
    let arch = &a.diagrams[0];
    // Even resources sit at the root (5 types × 50), odd ones in five modules (one type each).
    assert_eq!(arch.nodes.len(), 10, "one node per type and box");
    assert!(arch.nodes.iter().all(|n| n.badge.as_deref() == Some("×50")));
    assert_eq!(a.roles.len(), 505, "nothing is dropped from the analysis");
}

#[test]
fn modules_collapse_first_when_that_is_enough() {
    let mut b = ModelBuilder::new();
    for m in 0..10 {
        b.module("", &format!("svc{m}"), "./svc", ModuleStatus::Expanded);
        for (i, ty) in TYPES.iter().enumerate() {
            b.resource(&format!("module.svc{m}"), ty, &format!("r{i}"), body(vec![], vec![]));
        }
    }
    let a = analyze(&b.build(), &Catalog::builtin());
    let arch = &a.diagrams[0];
    assert_eq!(arch.nodes.len(), 10);
    assert!(arch
        .nodes
        .iter()
        .all(|n| n.badge.is_none() && n.sublabel == "Module · 10 resources" && n.category == "module"));
    assert_eq!(arch.nodes[0].link.as_deref(), Some("#module-svc0"));
    assert!(arch.groups.is_empty(), "module boxes emptied by the collapse are dropped");
    assert!(
        arch.omitted.iter().any(|o| o.contains("module call") && o.contains("module.svc0 (10)")),
        "{:?}",
        arch.omitted
    );
}

#[test]
fn many_unknown_types_collapse_by_category() {
    let mut b = ModelBuilder::new();
    for i in 0..300 {
        b.resource("", &format!("acme_thing{i}_{}", ["queue", "bucket", "widget"][i % 3]), "x", body(vec![], vec![]));
    }
    let a = analyze(&b.build(), &Catalog::builtin());
    let arch = &a.diagrams[0];
    assert!(arch.nodes.len() <= MAX_NODES);
    assert_eq!(arch.nodes.len(), 3);
    assert!(arch.nodes.iter().any(|n| n.label == "storage" && n.badge.as_deref() == Some("×100")));
}

/// Issue 3: a collapsed overview gets one full diagram per module call that holds resources and
/// one for the root, and a nested call is one module node in its parent's diagram.
#[test]
fn a_collapsed_overview_gets_one_detail_view_per_module() {
    let mut b = ModelBuilder::new();
    for m in 0..10 {
        b.module("", &format!("svc{m}"), "./svc", ModuleStatus::Expanded);
        for (i, ty) in TYPES.iter().enumerate() {
            b.resource(&format!("module.svc{m}"), ty, &format!("r{i}"), body(vec![], vec![]));
        }
    }
    b.module("module.svc0", "inner", "./inner", ModuleStatus::Expanded);
    let q = b.resource("module.svc0.module.inner", "aws_sqs_queue", "q", body(vec![], vec![]));
    let fan = b.resource("module.svc0", "aws_sns_topic", "fan", body(vec![], vec![]));
    b.dependency(fan, q, "target");
    b.resource("", "aws_s3_bucket", "logs", body(vec![], vec![]));
    let a = analyze(&b.build(), &Catalog::builtin());
    let ids: Vec<&str> = a.diagrams.iter().map(|d| d.id.as_str()).collect();
    // svc0 differs (an extra topic and a nested call); svc1..svc9 share source and resources, so
    // svc1 is drawn once for all nine.
    let want = ["architecture", "responsibilities", "root", "module-svc0", "module-svc0-module-inner", "module-svc1"];
    assert_eq!(ids, want);
    let svc1 = a.diagrams.iter().find(|d| d.id == "module-svc1").expect("svc1 detail");
    assert!(
        svc1.omitted
            .iter()
            .any(|o| o.starts_with("8 other calls of ./svc with the same resources, drawn once here: module.svc2")),
        "{:?}",
        svc1.omitted
    );
    let root = &a.diagrams[2];
    assert_eq!(root.title, "Root module");
    assert_eq!(root.nodes.iter().filter(|n| n.category != "module").count(), 1, "the bucket");
    let svc0 = a.diagrams.iter().find(|d| d.id == "module-svc0").expect("svc0 detail");
    assert_eq!(svc0.title, "Module module.svc0");
    assert_eq!(svc0.nodes.len(), TYPES.len() + 2, "own resources, the extra topic and the nested call");
    let inner = svc0.nodes.iter().find(|n| n.id == "module.svc0.module.inner").expect("nested call node");
    assert_eq!((inner.category.as_str(), inner.link.as_deref()), ("module", Some("#module-svc0-module-inner")));
    assert!(svc0.edges.iter().any(|e| e.from == "module.svc0.aws_sns_topic.fan" && e.to == "module.svc0.module.inner"));
    assert!(svc0.nodes.iter().all(|n| n.badge.is_none()), "no collapse in a detail view");
}

#[test]
fn a_small_root_has_no_detail_views() {
    let mut b = ModelBuilder::new();
    b.module("", "svc", "./svc", ModuleStatus::Expanded);
    b.resource("module.svc", "aws_sqs_queue", "q", body(vec![], vec![]));
    let a = analyze(&b.build(), &Catalog::builtin());
    assert_eq!(a.diagrams.len(), 2);
}

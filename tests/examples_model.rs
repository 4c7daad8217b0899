//! The shipped examples, model level: annotations land on the right blocks, the sidecar
//! overrides, references cross module boundaries, counts evaluate.

mod common;
use common::*;
use std::path::Path;
use zumen::model::{AnnotationSource, Instances, ItemKind};

fn hackathon() -> zumen::model::Model {
    model_of(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hackathon-ecs")))
}

#[test]
fn hackathon_parses_clean_with_every_module() {
    let m = hackathon();
    assert!(warnings(&m).is_empty(), "{:?}", warnings(&m));
    assert_eq!(m.of_kind(ItemKind::Resource).count(), 75);
    assert_eq!(m.of_kind(ItemKind::Module).count(), 6);
    assert_eq!(m.title, "Hackathon stack: Next.js + FastAPI on AWS");
    assert_eq!(m.actors.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["github_actions", "users"]);
}

#[test]
fn comment_annotations_attach_to_their_blocks() {
    let m = hackathon();
    let item = |a: &str| &m.items[m.find(a).unwrap_or_else(|| panic!("{a}"))];
    let migration = item("module.backend.aws_ecs_task_definition.db_migration");
    assert!(migration
        .annotation
        .intent
        .as_deref()
        .unwrap_or_default()
        .starts_with("Runs Alembic migrations once per deploy"));
    assert_eq!(migration.annotation.role.as_deref(), Some("one-off"));
    assert_eq!(migration.annotation.intent_source, Some(AnnotationSource::Comment));
    assert_eq!(item("module.backend.aws_ecs_task_definition.mysql_client").annotation.role.as_deref(), Some("check"));
}

#[test]
fn sidecar_fills_and_overrides() {
    let m = hackathon();
    let item = |a: &str| &m.items[m.find(a).unwrap_or_else(|| panic!("{a}"))];
    let eip = item("module.network.aws_eip.nat");
    assert_eq!(eip.annotation.intent_source, Some(AnnotationSource::Sidecar));
    assert_eq!(eip.annotation.owner.as_deref(), Some("platform"));
    let nat = item("module.network.aws_nat_gateway.this");
    assert_eq!(nat.annotation.owner.as_deref(), Some("platform"));
    assert_eq!(nat.annotation.intent_source, Some(AnnotationSource::Comment), "intent kept from the comment");
    assert_eq!(nat.annotation.links.len(), 1);
    // The glob applies to the for_each log group.
    assert_eq!(item("module.monitoring.aws_cloudwatch_log_group.task").annotation.owner.as_deref(), Some("platform"));
}

#[test]
fn references_cross_module_boundaries() {
    let m = hackathon();
    let deps = dependencies(&m);
    let has = |f: &str, t: &str| deps.iter().any(|(a, b)| a == f && b == t);
    assert!(has("module.backend.aws_ecs_service.api", "module.network.aws_subnet.private"), "service → subnet via var");
    assert!(has("module.backend.aws_ecs_task_definition.fastapi_app", "module.database.aws_secretsmanager_secret.db"));
    assert!(has("module.backend.aws_ecs_service.api", "module.backend.aws_ecs_task_definition.fastapi_app"));
}

#[test]
fn counts_evaluate_through_slices_and_counted_resources() {
    let m = hackathon();
    let inst = |a: &str| m.items[m.find(a).unwrap_or_else(|| panic!("{a}"))].instances.clone();
    assert!(matches!(inst("module.network.aws_subnet.public"), Instances::Count { value: Some(2), .. }));
    assert!(matches!(
        inst("module.network.aws_route_table_association.private"),
        Instances::Count { value: Some(2), .. }
    ));
    let Instances::ForEach { keys: Some(keys), .. } = inst("module.monitoring.aws_cloudwatch_log_group.task") else {
        panic!("log group keys")
    };
    assert_eq!(keys, ["db-migration", "fastapi-app", "init-datadog", "mysql-client"]);
}

#[test]
fn three_tier_parses_clean() {
    let m = model_of(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/three-tier-ec2")));
    assert!(warnings(&m).is_empty(), "{:?}", warnings(&m));
    assert_eq!(m.of_kind(ItemKind::Resource).count(), 47);
}

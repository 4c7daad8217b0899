//! Other providers and indirections: Google, Azure, references through locals.

use super::builder::*;
use crate::analyze::{analyze, EdgeKind};
use crate::catalog::Catalog;

fn edge(a: &crate::analyze::Analysis, from: &str, to: &str) -> Option<EdgeKind> {
    a.diagrams[0].edges.iter().find(|e| e.from == from && e.to == to).map(|e| e.kind)
}

fn group(a: &crate::analyze::Analysis, node: &str) -> Option<String> {
    let d = &a.diagrams[0];
    let n = d.nodes.iter().find(|n| n.id == node).unwrap_or_else(|| panic!("no node {node}"));
    n.group.map(|g| d.groups[g].label.clone())
}

#[test]
fn references_through_locals_resolve() {
    let mut b = ModelBuilder::new();
    b.resource("", "aws_s3_bucket", "site", body(vec![], vec![]));
    b.local("", "origin_domain", r("aws_s3_bucket.site.bucket_regional_domain_name"));
    b.resource(
        "",
        "aws_cloudfront_distribution",
        "cdn",
        body(vec![], vec![block("origin", vec![("domain_name", r("local.origin_domain"))], vec![])]),
    );
    let a = analyze(&b.build(), &Catalog::builtin());
    assert_eq!(edge(&a, "aws_cloudfront_distribution.cdn", "aws_s3_bucket.site"), Some(EdgeKind::Traffic));
    assert_eq!(edge(&a, "actor.internet", "aws_cloudfront_distribution.cdn"), Some(EdgeKind::Traffic));
}

#[test]
fn google_load_balancer_chain_and_subnetworks() {
    let mut b = ModelBuilder::new();
    b.resource("", "google_compute_network", "main", body(vec![], vec![]));
    b.resource(
        "",
        "google_compute_subnetwork",
        "private",
        body(vec![("network", r("google_compute_network.main.id"))], vec![]),
    );
    let nic = block("network_interface", vec![("subnetwork", r("google_compute_subnetwork.private.id"))], vec![]);
    b.resource("", "google_compute_instance", "web", body(vec![("name", s("web-1"))], vec![nic]));
    b.resource(
        "",
        "google_compute_backend_service",
        "web",
        body(vec![], vec![block("backend", vec![("group", r("google_compute_instance.web.self_link"))], vec![])]),
    );
    b.resource(
        "",
        "google_compute_url_map",
        "web",
        body(vec![("default_service", r("google_compute_backend_service.web.id"))], vec![]),
    );
    b.resource(
        "",
        "google_compute_target_http_proxy",
        "web",
        body(vec![("url_map", r("google_compute_url_map.web.id"))], vec![]),
    );
    b.resource(
        "",
        "google_compute_global_forwarding_rule",
        "web",
        body(vec![("target", r("google_compute_target_http_proxy.web.id"))], vec![]),
    );
    b.resource("", "google_sql_database_instance", "db", body(vec![], vec![]));
    b.resource(
        "",
        "google_sql_database",
        "app",
        body(vec![("instance", r("google_sql_database_instance.db.name"))], vec![]),
    );
    let a = analyze(&b.build(), &Catalog::builtin());
    // forwarding rule → proxy → URL map → backend service (a relay) → instance.
    assert_eq!(
        edge(&a, "google_compute_global_forwarding_rule.web", "google_compute_instance.web"),
        Some(EdgeKind::Traffic)
    );
    assert_eq!(group(&a, "google_compute_instance.web").as_deref(), Some("Private subnets"));
    let ids: Vec<&str> = a.diagrams[0].nodes.iter().map(|n| n.id.as_str()).collect();
    assert!(!ids.contains(&"google_sql_database.app"), "databases of an instance fold into it");
    assert!(ids.contains(&"google_sql_database_instance.db"));
}

#[test]
fn azure_vm_is_placed_through_its_network_interface() {
    let mut b = ModelBuilder::new();
    b.resource("", "azurerm_resource_group", "rg", body(vec![], vec![]));
    b.resource(
        "",
        "azurerm_virtual_network",
        "main",
        body(vec![("resource_group_name", r("azurerm_resource_group.rg.name"))], vec![]),
    );
    b.resource(
        "",
        "azurerm_subnet",
        "app",
        body(vec![("virtual_network_name", r("azurerm_virtual_network.main.name"))], vec![]),
    );
    b.resource(
        "",
        "azurerm_network_interface",
        "vm",
        body(vec![], vec![block("ip_configuration", vec![("subnet_id", r("azurerm_subnet.app.id"))], vec![])]),
    );
    b.resource(
        "",
        "azurerm_linux_virtual_machine",
        "vm",
        body(
            vec![("name", s("vm-1")), ("network_interface_ids", list(vec![r("azurerm_network_interface.vm.id")]))],
            vec![],
        ),
    );
    let a = analyze(&b.build(), &Catalog::builtin());
    let d = &a.diagrams[0];
    let ids: Vec<&str> = d.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["azurerm_linux_virtual_machine.vm"]);
    assert_eq!(group(&a, "azurerm_linux_virtual_machine.vm").as_deref(), Some("Private subnets"));
    let vm = &d.nodes[0];
    assert_eq!((vm.label.as_str(), vm.category.as_str()), ("vm-1", "compute"));
}

#[test]
fn sidecar_roles_relabel_reorder_and_extend_the_vocabulary() {
    let mut b = ModelBuilder::new();
    let role = |id: &str, label: Option<&str>, order: Option<i64>| crate::model::RoleDef {
        id: id.into(),
        label: label.map(Into::into),
        description: None,
        order,
    };
    b.model.roles = vec![role("data", Some("Stateful data"), Some(0)), role("batch", Some("Batch jobs"), None)];
    let a = analyze(&b.build(), &Catalog::builtin());
    let ids: Vec<&str> = a.role_defs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.first(), Some(&"data"), "order 0 sorts first");
    assert_eq!(a.role_defs[0].label.as_deref(), Some("Stateful data"));
    assert_eq!(a.role_defs[0].description.as_deref(), Some("Databases, caches, buckets, queues."), "description kept");
    let batch = ids.iter().position(|i| *i == "batch").expect("new role added");
    assert!(batch > ids.iter().position(|i| *i == "delivery").unwrap_or(0) && batch < ids.len() - 1, "{ids:?}");
    assert_eq!(ids.last(), Some(&"other"));
}

#[test]
fn container_definitions_in_files_and_heredocs() {
    let mut b = ModelBuilder::new();
    let file = crate::syntax::Expr::Call { name: "file".into(), args: vec![s("tasks/app.json")] };
    let from_file =
        b.resource("", "aws_ecs_task_definition", "file", body(vec![("container_definitions", file)], vec![]));
    let heredoc = crate::syntax::Expr::Template(vec![crate::syntax::TemplatePart::Literal(
        "[{\"name\": \"web\", \"image\": \"nginx:1.27\", \"portMappings\": [{\"containerPort\": 80, \"protocol\": \"tcp\"}],\n  \"secrets\": [{\"name\": \"KEY\", \"valueFrom\": \"arn:aws:ssm:::parameter/key\"}]}]\n".into(),
    )]);
    let from_heredoc =
        b.resource("", "aws_ecs_task_definition", "heredoc", body(vec![("container_definitions", heredoc)], vec![]));
    let a = analyze(&b.build(), &Catalog::builtin());
    let f = &a.facts[&from_file];
    assert!(f.containers.is_empty());
    assert!(f.rows.contains(&("Containers".into(), "defined in tasks/app.json".into())));
    let h = &a.facts[&from_heredoc].containers[0];
    assert_eq!((h.name.as_str(), h.image.as_str(), h.ports.clone()), ("web", "nginx:1.27", vec!["80/tcp".to_string()]));
    assert_eq!(h.secrets, [("KEY".to_string(), "arn:aws:ssm:::parameter/key".to_string())]);
    assert_eq!(a.roles[&from_file].role, "one-off");
}

#[test]
fn generic_resource_names_take_the_module_name() {
    let mut b = ModelBuilder::new();
    b.resource("module.database", "aws_db_instance", "this", body(vec![], vec![]));
    b.resource("module.app.module.queue", "aws_sqs_queue", "main", body(vec![], vec![]));
    b.resource("", "aws_s3_bucket", "main", body(vec![], vec![]));
    b.resource("module.app", "aws_s3_bucket", "assets", body(vec![], vec![]));
    let a = analyze(&b.build(), &Catalog::builtin());
    let labels: Vec<&str> = a.diagrams[0].nodes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["database", "queue", "main", "assets"]);
}

//! What the architecture overview draws: resources not created with default inputs (shared case
//! 023 point 2) and traffic-less data sources left out and counted, `@group` boxes.

use super::builder::*;
use crate::analyze::analyze;
use crate::catalog::Catalog;
use crate::model::Instances;

#[test]
fn count_zero_and_empty_for_each_are_left_out_and_counted() {
    let mut b = ModelBuilder::new();
    let off = b.resource("", "aws_sqs_queue", "off", body(vec![], vec![]));
    b.count(off, "var.enabled ? 1 : 0", Some(0));
    let on = b.resource("", "aws_sqs_queue", "on", body(vec![], vec![]));
    b.count(on, "var.enabled ? 1 : 0", Some(1));
    let unknown = b.resource("", "aws_s3_bucket", "many", body(vec![], vec![]));
    b.count(unknown, "length(data.x.y)", None);
    let none = b.resource("", "aws_sns_topic", "none", body(vec![], vec![]));
    b.model.items[none].instances = Instances::ForEach { expr: "var.topics".into(), keys: Some(vec![]) };
    let a = analyze(&b.build(), &Catalog::builtin());
    for d in &a.diagrams {
        let ids: Vec<&str> = d.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["aws_sqs_queue.on", "aws_s3_bucket.many"], "{}", d.id);
        let badges: Vec<Option<&str>> = d.nodes.iter().map(|n| n.badge.as_deref()).collect();
        assert_eq!(badges, [Some("0..1"), Some("×N")]);
        assert!(
            d.omitted.iter().any(|o| o == "2 resources not created with default inputs (count = 0)"),
            "{}: {:?}",
            d.id,
            d.omitted
        );
    }
    assert_eq!(a.roles.len(), 4, "the document still covers them");
}

/// A data source that carries no traffic is a lookup: not drawn, counted.
#[test]
fn data_sources_without_traffic_are_not_drawn() {
    let mut b = ModelBuilder::new();
    b.data("", "aws_s3_bucket", "existing", body(vec![], vec![]));
    b.resource("", "aws_sqs_queue", "q", body(vec![], vec![]));
    let a = analyze(&b.build(), &Catalog::builtin());
    let d = &a.diagrams[0];
    let ids: Vec<&str> = d.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["aws_sqs_queue.q"]);
    assert!(
        d.omitted.iter().any(|o| o.starts_with("1 data source that carries no traffic (a lookup)")),
        "{:?}",
        d.omitted
    );
}

/// `@group x` puts a root-module item outside any VPC in a box `x`; items inside a module keep
/// their module's box, and inside a VPC the network box wins.
#[test]
fn group_annotation_boxes_root_items_outside_networks() {
    let mut b = ModelBuilder::new();
    let q = b.resource("module.app", "aws_sqs_queue", "jobs", body(vec![], vec![]));
    b.model.items[q].annotation.group = Some("backend".into());
    let t = b.resource("", "aws_s3_bucket", "assets", body(vec![], vec![]));
    b.model.items[t].annotation.group = Some("backend".into());
    let u = b.resource("", "aws_sqs_queue", "mail", body(vec![], vec![]));
    b.model.items[u].annotation.group = Some("backend".into());
    b.resource("", "aws_vpc", "main", body(vec![], vec![]));
    b.resource("", "aws_subnet", "private", body(vec![("vpc_id", r("aws_vpc.main.id"))], vec![]));
    let i = b.resource("", "aws_instance", "web", body(vec![("subnet_id", r("aws_subnet.private.id"))], vec![]));
    b.model.items[i].annotation.group = Some("backend".into());
    let a = analyze(&b.build(), &Catalog::builtin());
    let d = &a.diagrams[0];
    let group_of = |id: &str| {
        let n = d.nodes.iter().find(|n| n.id == id).unwrap_or_else(|| panic!("no node {id}"));
        n.group.map(|g| d.groups[g].label.clone())
    };
    assert_eq!(group_of("module.app.aws_sqs_queue.jobs").as_deref(), Some("module.app"));
    assert_eq!(group_of("aws_s3_bucket.assets").as_deref(), Some("backend"));
    assert_eq!(group_of("aws_sqs_queue.mail").as_deref(), Some("backend"));
    assert_eq!(group_of("aws_instance.web").as_deref(), Some("Private subnets"));
    let backend = d.groups.iter().find(|g| g.label == "backend").map(|g| g.parent);
    assert_eq!(backend, Some(None), "a root-level box");
}

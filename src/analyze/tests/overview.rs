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

/// Nodes that would read alike get what tells them apart: the module, else the resource name
/// (found by a user trial on a repository with `module.alb_server` and `module.alb_client`).
#[test]
fn look_alike_nodes_are_told_apart_by_module_then_name() {
    let mut b = ModelBuilder::new();
    b.module("", "alb_server", "./modules/alb", crate::model::ModuleStatus::Expanded);
    b.module("", "alb_client", "./modules/alb", crate::model::ModuleStatus::Expanded);
    b.resource("module.alb_server", "aws_lb", "alb", body(vec![], vec![]));
    b.resource("module.alb_client", "aws_lb", "alb", body(vec![], vec![]));
    b.resource("", "aws_lb", "public", body(vec![("name", s("web"))], vec![]));
    b.resource("", "aws_lb", "internal", body(vec![("name", s("web"))], vec![]));
    b.resource("", "aws_s3_bucket", "logs", body(vec![], vec![]));
    b.resource("", "aws_s3_bucket", "a_rather_long_resource_name_here_too", body(vec![("bucket", s("logs"))], vec![]));
    b.resource("", "aws_sqs_queue", "jobs", body(vec![], vec![]));
    let a = analyze(&b.build(), &Catalog::builtin());
    let view = |id: &str| a.diagrams.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("no {id}"));
    let text = |view_id: &str, id: &str| {
        let n = view(view_id).nodes.iter().find(|n| n.id == id).unwrap_or_else(|| panic!("no {id} in {view_id}"));
        (n.label.clone(), n.sublabel.clone())
    };
    let pair = |l: &str, s: &str| (l.to_string(), s.to_string());
    // In the overview each ALB is in its module's box, whose title tells them apart ...
    assert_eq!(text("architecture", "module.alb_server.aws_lb.alb"), pair("alb", "Load balancer"));
    // ... in the responsibilities view both sit in one role box, so the type line says it.
    assert_eq!(text("responsibilities", "module.alb_server.aws_lb.alb"), pair("alb", "alb_server · Load balancer"));
    assert_eq!(text("responsibilities", "module.alb_client.aws_lb.alb"), pair("alb", "alb_client · Load balancer"));
    // In one module: the resource name; the qualifier is cut at 32 characters, the name kept.
    assert_eq!(text("architecture", "aws_lb.public"), pair("web", "public · Load balancer"));
    assert_eq!(text("architecture", "aws_lb.internal"), pair("web", "internal · Load balancer"));
    assert_eq!(
        text("architecture", "aws_s3_bucket.a_rather_long_resource_name_here_too"),
        pair("logs", "a_rather_long_resource_name_her… · S3 bucket")
    );
    assert_eq!(text("architecture", "aws_s3_bucket.logs"), pair("logs", "logs · S3 bucket"));
    // Nothing alike, nothing added.
    assert_eq!(text("architecture", "aws_sqs_queue.jobs"), pair("jobs", "SQS queue"));
}

/// An actor of the sidecar covers the public entries it reaches; the automatic Internet actor
/// still stands in front of the others (found by a user trial: declaring a "Developers" actor for
/// the pipeline left both public load balancers with nothing in front of them).
#[test]
fn sidecar_actors_replace_the_internet_actor_only_where_they_reach() {
    let model = |connects_to: &[&str]| {
        let mut b = ModelBuilder::new();
        b.resource("", "aws_lb", "web", body(vec![("internal", crate::syntax::Expr::Bool(false))], vec![]));
        b.resource("", "aws_codepipeline", "deploy", body(vec![], vec![]));
        let mut m = b.build();
        m.actors.push(crate::model::Actor {
            id: "devs".into(),
            label: Some("Developers".into()),
            description: None,
            connects_to: connects_to.iter().map(|c| c.to_string()).collect(),
        });
        m
    };
    let edges = |m: &crate::model::Model| {
        let a = analyze(m, &Catalog::builtin());
        let d = a.diagrams.into_iter().find(|d| d.id == "architecture").expect("architecture");
        d.edges
            .iter()
            .filter(|e| e.from.starts_with("actor."))
            .map(|e| format!("{} -> {}", e.from, e.to))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        edges(&model(&["aws_codepipeline.deploy"])),
        ["actor.devs -> aws_codepipeline.deploy", "actor.internet -> aws_lb.web"]
    );
    assert_eq!(
        edges(&model(&["aws_codepipeline.deploy", "aws_lb.web"])),
        ["actor.devs -> aws_codepipeline.deploy", "actor.devs -> aws_lb.web"]
    );
}

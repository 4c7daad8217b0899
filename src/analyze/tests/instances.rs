//! Resources not created with default inputs (shared case 023 point 2): left out of the
//! diagrams and counted, while conditional and unknown counts stay nodes.

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
    assert!(d.omitted.iter().any(|o| o.starts_with("1 data sources that carry no traffic")), "{:?}", d.omitted);
}

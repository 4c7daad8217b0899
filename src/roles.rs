//! The default role vocabulary: the responsibilities an item can carry when `zumen.toml` defines
//! none of its own. See `docs/annotations.md` ("Roles").
//!
//! This is the one place the vocabulary is written down; `zumen check` validates `@role` and
//! sidecar roles against it (plus `[roles.*]`), `zumen init` writes it out as a starter, and
//! [`infer`] guesses a role for items nobody annotated yet.

use crate::model::{ItemKind, Model};

/// One role of the default vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultRole {
    /// The id used in `@role` and `role = "…"`.
    pub id: &'static str,
    /// Human label, e.g. for document headings.
    pub label: &'static str,
    /// What belongs under this role.
    pub description: &'static str,
}

/// The default vocabulary, in display order.
pub const DEFAULT_ROLES: &[DefaultRole] = &[
    DefaultRole {
        id: "resident",
        label: "Resident services",
        description: "Always running: services, instances, functions serving traffic.",
    },
    DefaultRole {
        id: "one-off",
        label: "One-off tasks",
        description: "Run once per deploy or on demand, then exit (RunTask, CI jobs).",
    },
    DefaultRole {
        id: "check",
        label: "Checks",
        description: "Exist to check something by hand: connectivity, smoke tests.",
    },
    DefaultRole { id: "monitoring", label: "Monitoring", description: "Agents, log groups, alarms, dashboards." },
    DefaultRole {
        id: "edge",
        label: "Edge",
        description: "Where traffic enters: DNS, CDN, load balancers, certificates.",
    },
    DefaultRole { id: "network", label: "Network", description: "VPC, subnets, gateways, routes, endpoints." },
    DefaultRole { id: "data", label: "Data", description: "Databases, caches, buckets, queues." },
    DefaultRole { id: "security", label: "Security", description: "IAM, security groups, secrets, keys." },
    DefaultRole { id: "delivery", label: "Delivery", description: "Image registries, pipelines, artifacts." },
];

/// The default role with this id.
pub fn default_role(id: &str) -> Option<&'static DefaultRole> {
    DEFAULT_ROLES.iter().find(|r| r.id == id)
}

/// True when `id` is a default role or one the model's sidecar defines.
pub fn is_known(model: &Model, id: &str) -> bool {
    default_role(id).is_some() || model.roles.iter().any(|r| r.id == id)
}

/// Resource type fragments → role, first match wins. Deliberately small: it only seeds
/// `zumen init`; the analyze stage's catalog is the real knowledge of resource types.
const TYPE_HINTS: &[(&str, &str)] = &[
    ("log_group", "monitoring"),
    ("alarm", "monitoring"),
    ("dashboard", "monitoring"),
    ("cloudwatch", "monitoring"),
    ("sns_topic", "monitoring"),
    ("security_group", "security"),
    ("iam_", "security"),
    ("kms_", "security"),
    ("secretsmanager", "security"),
    ("ssm_parameter", "security"),
    ("waf", "security"),
    ("acm_certificate", "edge"),
    ("route53", "edge"),
    ("cloudfront", "edge"),
    ("_lb", "edge"),
    ("_alb", "edge"),
    ("_elb", "edge"),
    ("api_gateway", "edge"),
    ("apigateway", "edge"),
    ("ecr_", "delivery"),
    ("codebuild", "delivery"),
    ("codepipeline", "delivery"),
    ("codedeploy", "delivery"),
    ("vpc", "network"),
    ("subnet", "network"),
    ("route", "network"),
    ("gateway", "network"),
    ("_eip", "network"),
    ("network", "network"),
    ("db_", "data"),
    ("rds_", "data"),
    ("s3_", "data"),
    ("dynamodb", "data"),
    ("elasticache", "data"),
    ("sqs_", "data"),
    ("efs_", "data"),
    ("kinesis", "data"),
    ("ecs_service", "resident"),
    ("ecs_cluster", "resident"),
    ("instance", "resident"),
    ("autoscaling", "resident"),
    ("launch_template", "resident"),
    ("lambda_function", "resident"),
    ("eks_", "resident"),
];

/// A guessed role for an item: an ECS task definition is `resident` when a service runs it and
/// `one-off` otherwise; other resources go by their type name. `None` when nothing fits (module
/// calls, unknown types).
pub fn infer(model: &Model, id: usize) -> Option<&'static str> {
    let item = model.items.get(id)?;
    if item.kind != ItemKind::Resource {
        return None;
    }
    if item.resource_type.ends_with("ecs_task_definition") {
        let run_by_service = model
            .dependencies
            .iter()
            .any(|d| d.to == id && model.items.get(d.from).is_some_and(|f| f.resource_type.ends_with("ecs_service")));
        return Some(if run_by_service { "resident" } else { "one-off" });
    }
    // Hints that end in `_` avoid matching inside longer words; the padding lets them still
    // match at the end of a type name.
    let padded = format!("{}_", item.resource_type);
    TYPE_HINTS.iter().find(|(hint, _)| padded.contains(hint)).map(|(_, role)| *role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_is_unique_and_hints_use_it() {
        let mut ids: Vec<&str> = DEFAULT_ROLES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), DEFAULT_ROLES.len());
        for (hint, role) in TYPE_HINTS {
            assert!(default_role(role).is_some(), "{hint} → {role}");
        }
    }
}

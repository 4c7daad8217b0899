//! Diagrams built by hand for the layout and render tests: a realistic web stack and a
//! deterministic generator for large graphs with nested groups.
#![allow(dead_code)]

use zumen::analyze::{Diagram, Edge, EdgeKind, Group, Node};

pub fn node(id: &str, label: &str, sub: &str, cat: &str, group: Option<usize>) -> Node {
    Node {
        id: id.into(),
        label: label.into(),
        sublabel: sub.into(),
        category: cat.into(),
        icon: cat.into(),
        badge: None,
        group,
        link: Some(format!("#{}", id.replace(['.', '_'], "-"))),
        tooltip: format!("{id}\n{sub}"),
    }
}

pub fn edge(from: &str, to: &str, kind: EdgeKind, label: Option<&str>) -> Edge {
    Edge { from: from.into(), to: to.into(), kind, label: label.map(Into::into) }
}

pub fn group(id: &str, label: &str, class: &str, parent: Option<usize>) -> Group {
    Group { id: id.into(), label: label.into(), class: class.into(), parent, description: None }
}

/// Users → Route 53 → CloudFront → S3; Route 53 → ALB (public subnets) → ECS (private) → RDS;
/// ECR, Secrets Manager, CloudWatch, IAM as configuration; modules around both halves.
pub fn web_stack() -> Diagram {
    use EdgeKind::*;
    let groups = vec![
        group("module.frontend", "module.frontend", "module", None),
        group("module.backend", "module.backend", "module", None),
        group("vpc", "VPC main · 10.0.0.0/16", "vpc", Some(1)),
        group("subnet.public", "Public subnets (2 AZs)", "subnet public", Some(2)),
        group("subnet.private", "Private subnets (2 AZs)", "subnet", Some(2)),
    ];
    let mut nodes = vec![
        node("actor.users", "Users", "Internet", "actor", None),
        node("aws_route53_zone.main", "example.com", "Route 53 hosted zone", "dns", None),
        node("module.frontend.aws_cloudfront_distribution.site", "site", "CloudFront distribution", "cdn", Some(0)),
        node("module.frontend.aws_s3_bucket.site", "example-com-site", "S3 bucket", "storage", Some(0)),
        node(
            "module.frontend.aws_acm_certificate.cdn",
            "example.com (us-east-1)",
            "ACM certificate",
            "certificate",
            Some(0),
        ),
        node("module.backend.aws_lb.api", "api", "Application Load Balancer", "loadbalancer", Some(3)),
        node("module.backend.aws_ecs_service.app", "fastapi-app", "ECS service (Fargate)", "container", Some(4)),
        node(
            "module.backend.aws_ecs_task_definition.migration",
            "db-migration",
            "ECS task (one-off)",
            "container",
            Some(4),
        ),
        node("module.backend.aws_db_instance.mysql", "mysql", "RDS MySQL 8.0", "database", Some(4)),
        node("module.backend.aws_ecr_repository.app", "fastapi", "ECR repository", "registry", Some(1)),
        node(
            "module.backend.aws_secretsmanager_secret.db",
            "db-credentials",
            "Secrets Manager secret",
            "secret",
            Some(1),
        ),
        node(
            "module.backend.aws_cloudwatch_log_group.app",
            "/ecs/fastapi-app",
            "CloudWatch log group",
            "monitoring",
            Some(1),
        ),
        node("module.backend.aws_iam_role.task", "fastapi-task-role", "IAM role", "identity", Some(1)),
        node("module.backend.aws_acm_certificate.api", "api.example.com", "ACM certificate", "certificate", Some(1)),
        node("module.backend.aws_elasticache_cluster.cache", "sessions", "ElastiCache Redis", "cache", Some(4)),
    ];
    nodes[6].badge = Some("×2".into());
    nodes[1].badge = Some("×3".into());
    let edges = vec![
        edge("actor.users", "aws_route53_zone.main", Traffic, Some("HTTPS")),
        edge("aws_route53_zone.main", "module.frontend.aws_cloudfront_distribution.site", Traffic, Some("example.com")),
        edge("aws_route53_zone.main", "module.backend.aws_lb.api", Traffic, Some("api.example.com")),
        edge(
            "module.frontend.aws_cloudfront_distribution.site",
            "module.frontend.aws_s3_bucket.site",
            Traffic,
            Some("OAC"),
        ),
        edge(
            "module.frontend.aws_cloudfront_distribution.site",
            "module.frontend.aws_acm_certificate.cdn",
            Config,
            None,
        ),
        edge("module.backend.aws_lb.api", "module.backend.aws_ecs_service.app", Traffic, Some("HTTPS 443 → 8000")),
        edge("module.backend.aws_lb.api", "module.backend.aws_acm_certificate.api", Config, None),
        edge("module.backend.aws_ecs_service.app", "module.backend.aws_db_instance.mysql", Traffic, Some("MySQL 3306")),
        edge(
            "module.backend.aws_ecs_service.app",
            "module.backend.aws_elasticache_cluster.cache",
            Traffic,
            Some("6379"),
        ),
        edge(
            "module.backend.aws_ecs_task_definition.migration",
            "module.backend.aws_db_instance.mysql",
            Traffic,
            Some("3306"),
        ),
        edge("module.backend.aws_ecs_service.app", "module.backend.aws_ecr_repository.app", Config, Some("pull")),
        edge("module.backend.aws_ecs_service.app", "module.backend.aws_secretsmanager_secret.db", Config, None),
        edge("module.backend.aws_ecs_service.app", "module.backend.aws_cloudwatch_log_group.app", Config, None),
        edge("module.backend.aws_ecs_service.app", "module.backend.aws_iam_role.task", Dependency, None),
        edge(
            "module.backend.aws_ecs_task_definition.migration",
            "module.backend.aws_secretsmanager_secret.db",
            Config,
            None,
        ),
    ];
    Diagram { id: "architecture".into(), title: "Architecture".into(), nodes, edges, groups, omitted: vec![] }
}

/// A deterministic layered graph of `n` nodes with nested groups (module ⊃ vpc ⊃ subnet-like),
/// ~1.4 edges per node, mostly flowing forward, with a few back edges and long edges.
pub fn generated(n: usize, seed: u64) -> Diagram {
    let mut rng = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = move |m: usize| {
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((rng >> 33) as usize) % m.max(1)
    };
    let per_group = 12;
    let ngroups = n.div_ceil(per_group);
    let mut groups = Vec::new();
    for gi in 0..ngroups {
        // Every third group is top level; the others nest one or two deep.
        let parent = match gi % 3 {
            0 => None,
            1 => Some(gi - 1),
            _ => Some(gi - 1),
        };
        let class = ["module", "vpc", "subnet"][gi % 3];
        groups.push(group(&format!("g{gi}"), &format!("{class} {gi}"), class, parent));
    }
    let layers = 6;
    let mut nodes = Vec::new();
    for i in 0..n {
        let g = if next(10) == 0 { None } else { Some(i / per_group) };
        let cats = ["compute", "database", "network", "storage", "queue", "function", "dns", "cdn"];
        let mut nd = node(&format!("n{i}"), &format!("service-{i}"), "Generated resource", cats[i % cats.len()], g);
        nd.link = None;
        nodes.push(nd);
    }
    let layer = |i: usize| (i * 7 + i / per_group) % layers;
    let mut edges = Vec::new();
    for i in 0..n {
        let k = 1 + usize::from(next(5) < 2);
        for _ in 0..k {
            // Mostly within the neighbourhood (same or next group), to the next layer.
            let span = per_group * 3;
            let base = (i / per_group * per_group).saturating_sub(per_group);
            let j = (base + next(span)).min(n - 1);
            let (a, b) = if layer(i) <= layer(j) { (i, j) } else { (j, i) };
            if a != b {
                let kind = if next(4) == 0 { EdgeKind::Config } else { EdgeKind::Traffic };
                edges.push(edge(&format!("n{a}"), &format!("n{b}"), kind, None));
            }
        }
    }
    Diagram { id: format!("gen{n}"), title: format!("Generated {n}"), nodes, edges, groups, omitted: vec![] }
}

/// The responsibilities view of the same stack: role groups, traffic between them.
pub fn roles() -> Diagram {
    use EdgeKind::*;
    let roles = ["Resident services", "One-off tasks", "Checks", "Monitoring", "Edge", "Data", "Security"];
    let groups = roles.iter().map(|r| group(&format!("role.{r}"), r, "role", None)).collect();
    let nodes = vec![
        node("svc.app", "fastapi-app", "ECS service", "container", Some(0)),
        node("task.agent", "datadog-agent", "sidecar container", "container", Some(0)),
        node("task.migration", "db-migration", "ECS task, RunTask per deploy", "container", Some(1)),
        node("task.client", "mysql-client", "ECS task, by hand", "container", Some(2)),
        node("task.init", "init-datadog", "ECS task", "monitoring", Some(3)),
        node("logs.app", "/ecs/fastapi-app", "CloudWatch log group", "monitoring", Some(3)),
        node("logs.migration", "/ecs/db-migration", "CloudWatch log group", "monitoring", Some(3)),
        node("dns", "example.com", "Route 53", "dns", Some(4)),
        node("cdn", "site", "CloudFront", "cdn", Some(4)),
        node("alb", "api", "Application Load Balancer", "loadbalancer", Some(4)),
        node("rds", "mysql", "RDS MySQL", "database", Some(5)),
        node("s3", "site bucket", "S3", "storage", Some(5)),
        node("secret", "db-credentials", "Secrets Manager", "secret", Some(6)),
        node("role", "task-execution", "IAM role", "identity", Some(6)),
    ];
    let edges = vec![
        edge("dns", "cdn", Traffic, None),
        edge("dns", "alb", Traffic, None),
        edge("cdn", "s3", Traffic, None),
        edge("alb", "svc.app", Traffic, Some("HTTPS")),
        edge("svc.app", "rds", Traffic, Some("3306")),
        edge("task.migration", "rds", Traffic, None),
        edge("task.client", "rds", Traffic, None),
        edge("svc.app", "secret", Config, None),
        edge("task.migration", "secret", Config, None),
        edge("svc.app", "logs.app", Config, None),
        edge("task.migration", "logs.migration", Config, None),
        edge("svc.app", "role", Dependency, None),
    ];
    Diagram { id: "responsibilities".into(), title: "Responsibilities".into(), nodes, edges, groups, omitted: vec![] }
}

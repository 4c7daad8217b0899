//! A small web stack (Route 53 → CloudFront → S3, Route 53 → ALB → ECS → RDS) built by hand.

use super::builder::*;
use crate::analyze::{analyze, Analysis, Diagram, EdgeKind, RoleSource};
use crate::catalog::Catalog;
use crate::model::{Model, ModuleStatus};
use crate::syntax::Block;

fn sg(name: &str, ingress: Vec<Block>) -> crate::syntax::Body {
    body(vec![("vpc_id", r("aws_vpc.main.id")), ("name", s(name))], ingress)
}

pub(super) fn web_stack() -> Model {
    let mut b = ModelBuilder::new();
    b.resource("", "aws_vpc", "main", body(vec![("cidr_block", s("10.0.0.0/16"))], vec![]));
    b.resource("", "aws_internet_gateway", "main", body(vec![("vpc_id", r("aws_vpc.main.id"))], vec![]));
    for tier in ["public", "private", "database"] {
        let public = crate::syntax::Expr::Bool(tier == "public");
        let id = b.resource(
            "",
            "aws_subnet",
            tier,
            body(vec![("vpc_id", r("aws_vpc.main.id")), ("map_public_ip_on_launch", public)], vec![]),
        );
        b.count(id, "2", Some(2));
    }
    let open = block(
        "ingress",
        vec![("from_port", n(443.0)), ("to_port", n(443.0)), ("cidr_blocks", list(vec![s("0.0.0.0/0")]))],
        vec![],
    );
    b.resource("", "aws_security_group", "alb", sg("alb", vec![open]));
    let from_alb = block(
        "ingress",
        vec![
            ("from_port", n(8000.0)),
            ("to_port", n(8000.0)),
            ("security_groups", list(vec![r("aws_security_group.alb.id")])),
        ],
        vec![],
    );
    b.resource("", "aws_security_group", "app", sg("app", vec![from_alb]));
    b.resource("", "aws_security_group", "db", sg("db", vec![]));
    b.resource(
        "",
        "aws_security_group_rule",
        "db_from_app",
        body(
            vec![
                ("type", s("ingress")),
                ("from_port", n(3306.0)),
                ("to_port", n(3306.0)),
                ("protocol", s("tcp")),
                ("security_group_id", r("aws_security_group.db.id")),
                ("source_security_group_id", r("aws_security_group.app.id")),
            ],
            vec![],
        ),
    );
    b.resource(
        "",
        "aws_lb",
        "main",
        body(
            vec![
                ("name", s("api")),
                ("subnets", r("aws_subnet.public[*].id")),
                ("security_groups", list(vec![r("aws_security_group.alb.id")])),
            ],
            vec![],
        ),
    );
    b.resource(
        "",
        "aws_lb_target_group",
        "app",
        body(vec![("port", n(8000.0)), ("protocol", s("HTTP")), ("vpc_id", r("aws_vpc.main.id"))], vec![]),
    );
    let action = block(
        "default_action",
        vec![("type", s("forward")), ("target_group_arn", r("aws_lb_target_group.app.arn"))],
        vec![],
    );
    b.resource(
        "",
        "aws_lb_listener",
        "https",
        body(
            vec![
                ("load_balancer_arn", r("aws_lb.main.arn")),
                ("port", n(443.0)),
                ("protocol", s("HTTPS")),
                ("certificate_arn", r("aws_acm_certificate.api.arn")),
            ],
            vec![action],
        ),
    );
    b.resource("", "aws_acm_certificate", "api", body(vec![("domain_name", s("api.example.com"))], vec![]));
    b.resource("", "aws_route53_zone", "main", body(vec![("name", s("example.com"))], vec![]));
    let alias = |target: &str| {
        block("alias", vec![("name", r(target)), ("zone_id", r("aws_route53_zone.main.zone_id"))], vec![])
    };
    b.resource(
        "",
        "aws_route53_record",
        "api",
        body(
            vec![("name", s("api.example.com")), ("zone_id", r("aws_route53_zone.main.zone_id"))],
            vec![alias("aws_lb.main.dns_name")],
        ),
    );
    // The AAAA twin of `api`: same name, same target, so drawn as one node ×2.
    b.resource(
        "",
        "aws_route53_record",
        "api_ipv6",
        body(vec![("name", s("api.example.com")), ("type", s("AAAA"))], vec![alias("aws_lb.main.dns_name")]),
    );
    b.resource(
        "",
        "aws_route53_record",
        "site",
        body(vec![("name", s("example.com"))], vec![alias("aws_cloudfront_distribution.site.domain_name")]),
    );
    let origin = block(
        "origin",
        vec![
            ("domain_name", r("aws_s3_bucket.site.bucket_regional_domain_name")),
            ("origin_access_control_id", r("aws_cloudfront_origin_access_control.site.id")),
        ],
        vec![],
    );
    b.resource("", "aws_cloudfront_distribution", "site", body(vec![], vec![origin]));
    b.resource("", "aws_cloudfront_origin_access_control", "site", body(vec![("name", s("site"))], vec![]));
    b.resource("", "aws_s3_bucket", "site", body(vec![("bucket", s("example-site"))], vec![]));
    b.resource("", "aws_s3_bucket_policy", "site", body(vec![("bucket", r("aws_s3_bucket.site.id"))], vec![]));
    b.resource("", "aws_ecs_cluster", "main", body(vec![("name", s("main"))], vec![]));
    let net = block(
        "network_configuration",
        vec![
            ("subnets", r("aws_subnet.private[*].id")),
            ("security_groups", list(vec![r("aws_security_group.app.id")])),
        ],
        vec![],
    );
    let lb = block(
        "load_balancer",
        vec![
            ("target_group_arn", r("aws_lb_target_group.app.arn")),
            ("container_name", s("fastapi-app")),
            ("container_port", n(8000.0)),
        ],
        vec![],
    );
    b.resource(
        "",
        "aws_ecs_service",
        "app",
        body(
            vec![
                ("name", s("api")),
                ("cluster", r("aws_ecs_cluster.main.id")),
                ("task_definition", r("aws_ecs_task_definition.app.arn")),
                ("desired_count", n(2.0)),
                ("launch_type", s("FARGATE")),
            ],
            vec![net, lb],
        ),
    );
    let app_container = obj(vec![
        ("name", s("fastapi-app")),
        ("image", interp("aws_ecr_repository.api.repository_url", ":latest")),
        ("essential", crate::syntax::Expr::Bool(true)),
        ("portMappings", list(vec![obj(vec![("containerPort", n(8000.0))])])),
        (
            "secrets",
            list(vec![obj(vec![("name", s("DB_PASSWORD")), ("valueFrom", r("aws_secretsmanager_secret.db.arn"))])]),
        ),
        ("environment", list(vec![obj(vec![("name", s("DB_HOST")), ("value", r("aws_db_instance.main.address"))])])),
        (
            "logConfiguration",
            obj(vec![
                ("logDriver", s("awslogs")),
                ("options", obj(vec![("awslogs-group", r("aws_cloudwatch_log_group.app.name"))])),
            ]),
        ),
    ]);
    let datadog = obj(vec![
        ("name", s("datadog-agent")),
        ("image", s("public.ecr.aws/datadog/agent:latest")),
        ("essential", crate::syntax::Expr::Bool(false)),
    ]);
    b.resource(
        "",
        "aws_ecs_task_definition",
        "app",
        body(
            vec![
                ("family", s("fastapi-app")),
                ("cpu", s("256")),
                ("execution_role_arn", r("aws_iam_role.exec.arn")),
                ("container_definitions", jsonencode(list(vec![app_container, datadog]))),
            ],
            vec![],
        ),
    );
    let migrate = obj(vec![
        ("name", s("migrate")),
        ("image", interp("aws_ecr_repository.api.repository_url", ":latest")),
        ("command", list(vec![s("alembic"), s("upgrade"), s("head")])),
    ]);
    b.resource(
        "",
        "aws_ecs_task_definition",
        "migration",
        body(vec![("family", s("db-migration")), ("container_definitions", jsonencode(list(vec![migrate])))], vec![]),
    );
    let check = b.resource(
        "",
        "aws_ecs_task_definition",
        "mysql_client",
        body(vec![("family", s("mysql-client")), ("container_definitions", s(r#"[{"name":"mysql","image":"mysql:8","essential":true,"portMappings":[{"containerPort":3306}]}]"#))], vec![]),
    );
    b.role(check, "check");
    b.resource("", "aws_ecr_repository", "api", body(vec![("name", s("api"))], vec![]));
    b.resource("", "aws_secretsmanager_secret", "db", body(vec![("name", s("db-credentials"))], vec![]));
    b.resource("", "aws_cloudwatch_log_group", "app", body(vec![("name", s("/ecs/api"))], vec![]));
    b.resource("", "aws_iam_role", "exec", body(vec![("name", s("ecs-exec"))], vec![]));
    b.resource("", "aws_iam_role_policy_attachment", "exec", body(vec![("role", r("aws_iam_role.exec.name"))], vec![]));
    b.resource("", "aws_db_subnet_group", "main", body(vec![("subnet_ids", r("aws_subnet.database[*].id"))], vec![]));
    b.resource(
        "",
        "aws_db_instance",
        "main",
        body(
            vec![
                ("identifier", s("app-db")),
                ("engine", s("mysql")),
                ("engine_version", s("8.0")),
                ("instance_class", s("db.t4g.micro")),
                ("multi_az", crate::syntax::Expr::Bool(false)),
                ("db_subnet_group_name", r("aws_db_subnet_group.main.name")),
                ("vpc_security_group_ids", list(vec![r("aws_security_group.db.id")])),
            ],
            vec![],
        ),
    );
    b.data("", "aws_caller_identity", "current", body(vec![], vec![]));
    b.module("", "monitoring", "terraform-aws-modules/cloudwatch/aws", ModuleStatus::Remote);
    b.build()
}

fn run() -> (Model, Analysis) {
    let model = web_stack();
    let analysis = analyze(&model, &Catalog::builtin());
    (model, analysis)
}

fn view<'a>(a: &'a Analysis, id: &str) -> &'a Diagram {
    a.diagrams.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("no {id} view"))
}

fn edge(d: &Diagram, from: &str, to: &str) -> Option<(EdgeKind, Option<String>)> {
    d.edges.iter().find(|e| e.from == from && e.to == to).map(|e| (e.kind, e.label.clone()))
}

fn id_of(model: &Model, address: &str) -> usize {
    model.find(address).unwrap_or_else(|| panic!("no {address}"))
}

#[test]
fn traffic_edges_follow_the_flow_with_labels() {
    let (_, a) = run();
    let d = view(&a, "architecture");
    // Clients reach the LB on the listener's port; the LB reaches the tasks on the target group's.
    assert_eq!(edge(d, "aws_route53_record.api", "aws_lb.main"), Some((EdgeKind::Traffic, Some("HTTPS 443".into()))));
    assert_eq!(edge(d, "aws_route53_record.site", "aws_cloudfront_distribution.site"), Some((EdgeKind::Traffic, None)));
    assert_eq!(edge(d, "aws_cloudfront_distribution.site", "aws_s3_bucket.site"), Some((EdgeKind::Traffic, None)));
    // Listener + target group fold into one hop; the SG port on the same hop gives way.
    assert_eq!(edge(d, "aws_lb.main", "aws_ecs_service.app"), Some((EdgeKind::Traffic, Some("HTTP 8000".into()))));
    // App → DB is not a reference: it comes from the security group rule.
    assert_eq!(edge(d, "aws_ecs_service.app", "aws_db_instance.main"), Some((EdgeKind::Traffic, Some("3306".into()))));
    // Configuration is drawn light, from the service that runs the task definition.
    assert_eq!(edge(d, "aws_ecs_service.app", "aws_ecr_repository.api"), Some((EdgeKind::Config, None)));
    assert_eq!(edge(d, "aws_ecs_service.app", "aws_secretsmanager_secret.db"), Some((EdgeKind::Config, None)));
    // Other configuration (certificate used, IAM role assumed) is left to the document: the
    // catalog's `overview_config_to` keeps only secrets, images and logs.
    assert_eq!(edge(d, "aws_lb.main", "aws_acm_certificate.api"), None);
    // The reverse directions are not drawn.
    assert_eq!(edge(d, "aws_lb.main", "aws_route53_record.api"), None);
    assert_eq!(edge(d, "aws_ecs_service.app", "aws_lb.main"), None);
    // Plain references between catalogued types stay out of the overview.
    assert_eq!(edge(d, "aws_route53_record.api", "aws_route53_zone.main"), None);
}

#[test]
fn twin_records_are_consolidated() {
    let (_, a) = run();
    let d = view(&a, "architecture");
    let api = d.nodes.iter().find(|n| n.id == "aws_route53_record.api").expect("api record");
    assert_eq!((api.label.as_str(), api.badge.as_deref()), ("api.example.com", Some("×2")));
    assert!(!d.nodes.iter().any(|n| n.id == "aws_route53_record.api_ipv6"));
    assert!(!d.edges.iter().any(|e| e.from == "aws_route53_record.api_ipv6" || e.to == "aws_route53_record.api_ipv6"));
    let site = d.nodes.iter().find(|n| n.id == "aws_route53_record.site").expect("site record");
    assert_eq!(site.badge, None, "different target, not merged");
}

#[test]
fn internet_actor_reaches_the_first_hop() {
    let (_, a) = run();
    let d = view(&a, "architecture");
    assert!(d.nodes.iter().any(|n| n.id == "actor.internet" && n.category == "actor"));
    assert!(edge(d, "actor.internet", "aws_route53_record.api").is_some());
    assert!(edge(d, "actor.internet", "aws_route53_record.site").is_some());
    assert_eq!(edge(d, "actor.internet", "aws_lb.main"), None, "DNS is the first hop in front of the ALB");
}

#[test]
fn containment_nests_tiers_in_the_vpc() {
    let (_, a) = run();
    let d = view(&a, "architecture");
    let group_of = |id: &str| {
        let n = d.nodes.iter().find(|n| n.id == id).unwrap_or_else(|| panic!("no node {id}"));
        n.group.map(|g| &d.groups[g])
    };
    let service = group_of("aws_ecs_service.app").expect("service is in a box");
    assert_eq!((service.label.as_str(), service.class.as_str()), ("Private subnets", "subnet"));
    let vpc = &d.groups[service.parent.expect("tier box is in the VPC box")];
    assert_eq!((vpc.label.as_str(), vpc.class.as_str(), vpc.parent), ("VPC main", "vpc", None));
    assert_eq!(group_of("aws_lb.main").map(|g| g.label.as_str()), Some("Public subnets"));
    assert_eq!(group_of("aws_db_instance.main").map(|g| g.label.as_str()), Some("Database subnets"));
    assert!(group_of("aws_s3_bucket.site").is_none());
    assert_eq!(group_of("aws_internet_gateway.main").map(|g| g.class.as_str()), Some("vpc"));
}

#[test]
fn glue_is_folded_not_drawn() {
    let (m, a) = run();
    let d = view(&a, "architecture");
    for glue in [
        "aws_lb_listener.https",
        "aws_security_group.app",
        "aws_security_group_rule.db_from_app",
        "aws_lb_target_group.app",
        "aws_s3_bucket_policy.site",
        "aws_db_subnet_group.main",
        "aws_cloudfront_origin_access_control.site",
        "aws_vpc.main",
        "aws_subnet.public",
        "data.aws_caller_identity.current",
        "aws_ecs_task_definition.app",
    ] {
        assert!(!d.nodes.iter().any(|n| n.id == glue), "{glue} is drawn");
    }
    let folded = |glue: &str| a.folded.get(&id_of(&m, glue)).copied().flatten().map(|i| m.items[i].address.clone());
    assert_eq!(folded("aws_lb_listener.https").as_deref(), Some("aws_lb.main"));
    assert_eq!(folded("aws_lb_target_group.app").as_deref(), Some("aws_ecs_service.app"));
    assert_eq!(folded("aws_s3_bucket_policy.site").as_deref(), Some("aws_s3_bucket.site"));
    assert_eq!(folded("aws_iam_role_policy_attachment.exec").as_deref(), Some("aws_iam_role.exec"));
    assert_eq!(folded("aws_db_subnet_group.main").as_deref(), Some("aws_db_instance.main"));
    assert_eq!(
        folded("aws_cloudfront_origin_access_control.site").as_deref(),
        Some("aws_cloudfront_distribution.site")
    );
    assert_eq!(folded("aws_security_group_rule.db_from_app").as_deref(), Some("aws_vpc.main"));
    assert!(
        !a.folded.contains_key(&id_of(&m, "aws_ecs_task_definition.app")),
        "task definitions keep their own section"
    );
    // The one-off task is not run by a service, so it is drawn on its own.
    assert!(d.nodes.iter().any(|n| n.id == "aws_ecs_task_definition.migration" && n.label == "db-migration"));
    assert!(d.nodes.iter().any(|n| n.id == "module.monitoring" && n.category == "module"));
}

#[test]
fn roles_come_from_annotation_usage_then_catalog() {
    let (m, a) = run();
    let role = |addr: &str| a.roles.get(&id_of(&m, addr)).cloned().unwrap_or_else(|| panic!("no role for {addr}"));
    let app = role("aws_ecs_task_definition.app");
    assert_eq!((app.role.as_str(), app.source), ("resident", RoleSource::Usage));
    assert_eq!(app.reason.as_deref(), Some("run by aws_ecs_service.app"));
    let once = role("aws_ecs_task_definition.migration");
    assert_eq!((once.role.as_str(), once.source), ("one-off", RoleSource::Usage));
    assert_eq!(
        once.reason.as_deref(),
        Some("no aws_ecs_service runs this task definition (run with RunTask or from CI)")
    );
    let check = role("aws_ecs_task_definition.mysql_client");
    assert_eq!((check.role.as_str(), check.source), ("check", RoleSource::Annotation));
    assert_eq!(role("aws_lb.main").role, "edge");
    assert_eq!(role("aws_db_instance.main").role, "data");
    assert_eq!(role("aws_security_group.db").role, "security");
    assert_eq!(role("aws_cloudwatch_log_group.app").role, "monitoring");
    assert_eq!(role("aws_ecr_repository.api").role, "delivery");
    assert_eq!(role("aws_subnet.private").source, RoleSource::Catalog);
    assert_eq!(role("module.monitoring").role, "monitoring", "guessed from the module source");
    assert_eq!(a.roles.len(), m.items.len(), "every resource, data source and module has a role");
    let ids: Vec<&str> = a.role_defs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(&ids[..4], ["resident", "one-off", "check", "monitoring"]);
}

#[test]
fn responsibilities_group_by_role_with_task_definitions() {
    let (_, a) = run();
    let d = view(&a, "responsibilities");
    let group = |id: &str| {
        let n = d.nodes.iter().find(|n| n.id == id).unwrap_or_else(|| panic!("no node {id}"));
        n.group.map(|g| d.groups[g].label.clone())
    };
    assert_eq!(group("aws_ecs_task_definition.app").as_deref(), Some("Resident services"));
    assert_eq!(group("aws_ecs_task_definition.migration").as_deref(), Some("One-off tasks"));
    assert_eq!(group("aws_ecs_task_definition.mysql_client").as_deref(), Some("Checks"));
    assert_eq!(group("aws_ecs_service.app").as_deref(), Some("Resident services"));
    assert_eq!(group("aws_cloudwatch_log_group.app").as_deref(), Some("Monitoring"));
    assert!(d.groups.iter().all(|g| g.class == "role"));
    assert_eq!(d.groups.first().map(|g| g.id.as_str()), Some("role:resident"));
    assert_eq!(
        edge(d, "aws_ecs_service.app", "aws_ecs_task_definition.app"),
        Some((EdgeKind::Config, Some("runs".into())))
    );
    assert!(!d.nodes.iter().any(|n| n.id == "aws_lb_listener.https"));
}

#[test]
fn containers_are_parsed_with_secrets() {
    let (m, a) = run();
    let facts = &a.facts[&id_of(&m, "aws_ecs_task_definition.app")];
    assert_eq!(facts.containers.len(), 2);
    let c = &facts.containers[0];
    assert_eq!(c.name, "fastapi-app");
    assert_eq!(c.image, "${aws_ecr_repository.api.repository_url}:latest");
    assert_eq!(c.ports, ["8000/tcp"]);
    assert_eq!(c.essential, Some(true));
    assert_eq!(c.secrets, [("DB_PASSWORD".to_string(), "aws_secretsmanager_secret.db".to_string())]);
    assert_eq!(c.environment, [("DB_HOST".to_string(), "aws_db_instance.main.address".to_string())]);
    assert_eq!(c.log_driver.as_deref(), Some("awslogs"));
    assert_eq!(facts.containers[1].essential, Some(false));
    assert!(facts.rows.contains(&("Family".into(), "fastapi-app".into())));
    assert!(facts.rows.contains(&("Execution role".into(), "aws_iam_role.exec".into())));
    let migration = &a.facts[&id_of(&m, "aws_ecs_task_definition.migration")];
    assert_eq!(migration.containers[0].command.as_deref(), Some("alembic upgrade head"));
    let json = &a.facts[&id_of(&m, "aws_ecs_task_definition.mysql_client")];
    assert_eq!(
        (json.containers[0].name.as_str(), json.containers[0].ports.clone()),
        ("mysql", vec!["3306/tcp".to_string()])
    );
    let service = &a.facts[&id_of(&m, "aws_ecs_service.app")].rows;
    assert!(service.contains(&("Task definition".into(), "aws_ecs_task_definition.app".into())));
    assert!(service.contains(&("Desired count".into(), "2".into())));
    assert!(service.contains(&("Launch type".into(), "FARGATE".into())));
    let db = &a.facts[&id_of(&m, "aws_db_instance.main")].rows;
    assert!(db.contains(&("Engine".into(), "mysql".into())));
    assert!(db.contains(&("Multi-AZ".into(), "false".into())));
}

#[test]
fn nodes_carry_labels_badges_and_links() {
    let (_, a) = run();
    let d = view(&a, "architecture");
    let lb = d.nodes.iter().find(|n| n.id == "aws_lb.main").expect("lb node");
    assert_eq!(
        (lb.label.as_str(), lb.sublabel.as_str(), lb.category.as_str()),
        ("api", "Load balancer", "loadbalancer")
    );
    assert_eq!(lb.link.as_deref(), Some("#aws_lb-main"));
    assert_eq!(lb.tooltip, "aws_lb.main (aws_lb)");
    let bucket = d.nodes.iter().find(|n| n.id == "aws_s3_bucket.site").expect("bucket node");
    assert_eq!(bucket.label, "example-site");
}

#[test]
fn connections_keep_resource_level_relations() {
    let (m, a) = run();
    let has = |f: &str, t: &str, kind: EdgeKind| {
        a.connections.iter().any(|c| c.from == id_of(&m, f) && c.to == id_of(&m, t) && c.kind == kind)
    };
    assert!(has("aws_lb.main", "aws_lb_target_group.app", EdgeKind::Traffic));
    assert!(has("aws_lb_target_group.app", "aws_ecs_service.app", EdgeKind::Traffic));
    assert!(
        has("aws_ecs_task_definition.app", "aws_db_instance.main", EdgeKind::Traffic),
        "env points at the DB endpoint"
    );
    assert!(has("aws_route53_record.api", "aws_route53_zone.main", EdgeKind::Dependency));
}

#[test]
fn analysis_is_deterministic() {
    let model = web_stack();
    let catalog = Catalog::builtin();
    assert_eq!(analyze(&model, &catalog), analyze(&model, &catalog));
}

#[test]
fn module_dependencies_from_the_model_are_used() {
    // module.app's service gets its target group through a variable: only the model's resolved
    // dependency knows it.
    let mut b = ModelBuilder::new();
    b.module("", "app", "./app", ModuleStatus::Expanded);
    let tg = b.resource("", "aws_lb_target_group", "api", body(vec![], vec![]));
    let lb = b.resource("", "aws_lb", "main", body(vec![("internal", crate::syntax::Expr::Bool(true))], vec![]));
    let listener = b.resource(
        "",
        "aws_lb_listener",
        "http",
        body(
            vec![("load_balancer_arn", r("aws_lb.main.arn")), ("port", n(80.0)), ("protocol", s("HTTP"))],
            vec![block("default_action", vec![("target_group_arn", r("aws_lb_target_group.api.arn"))], vec![])],
        ),
    );
    let svc = b.resource(
        "module.app",
        "aws_ecs_service",
        "api",
        body(vec![], vec![block("load_balancer", vec![("target_group_arn", r("var.target_group_arn"))], vec![])]),
    );
    b.dependency(svc, tg, "load_balancer.target_group_arn");
    let _ = (lb, listener);
    let a = analyze(&b.build(), &Catalog::builtin());
    let d = view(&a, "architecture");
    // The listener's `HTTP 80` is what clients use, not this hop; the target group names no port.
    assert_eq!(edge(d, "aws_lb.main", "module.app.aws_ecs_service.api"), Some((EdgeKind::Traffic, None)));
    let svc_node = d.nodes.iter().find(|n| n.id == "module.app.aws_ecs_service.api").expect("service node");
    assert_eq!(svc_node.group.map(|g| d.groups[g].label.as_str()), Some("module.app"));
    assert!(!d.nodes.iter().any(|n| n.id == "actor.internet"), "an internal LB is not public");
}

#[test]
fn an_empty_vpc_is_a_node_and_peering_an_edge() {
    // Regression for shared case 029: VPCs holding only security groups vanished.
    let mut b = ModelBuilder::new();
    b.resource("", "aws_vpc", "a", body(vec![], vec![]));
    b.resource("", "aws_vpc", "b", body(vec![], vec![]));
    b.resource("", "aws_security_group", "a", body(vec![("vpc_id", r("aws_vpc.a.id"))], vec![]));
    b.resource(
        "",
        "aws_vpc_peering_connection",
        "ab",
        body(vec![("vpc_id", r("aws_vpc.a.id")), ("peer_vpc_id", r("aws_vpc.b.id"))], vec![]),
    );
    let a = analyze(&b.build(), &Catalog::builtin());
    let d = view(&a, "architecture");
    let ids: Vec<&str> = d.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["aws_vpc.a", "aws_vpc.b"]);
    assert_eq!(edge(d, "aws_vpc.a", "aws_vpc.b"), Some((EdgeKind::Traffic, None)));
    assert!(d.groups.is_empty());
}

#[test]
fn a_task_definition_run_by_two_services_belongs_to_both() {
    // Regression from terraform-aws-modules/terraform-aws-ecs: the task definition folded into one
    // service drew a bogus service → service "runs" edge, and a self-admitting group tied the
    // services together.
    let mut b = ModelBuilder::new();
    b.resource("", "aws_security_group", "svc", body(vec![], vec![]));
    let self_rule = vec![
        ("type", s("ingress")),
        ("from_port", n(0.0)),
        ("to_port", n(0.0)),
        ("security_group_id", r("aws_security_group.svc.id")),
        ("source_security_group_id", r("aws_security_group.svc.id")),
    ];
    b.resource("", "aws_security_group_rule", "self", body(self_rule, vec![]));
    b.resource("", "aws_ecr_repository", "app", body(vec![], vec![]));
    let image = obj(vec![("name", s("app")), ("image", r("aws_ecr_repository.app.repository_url"))]);
    b.resource(
        "",
        "aws_ecs_task_definition",
        "app",
        body(vec![("container_definitions", jsonencode(list(vec![image])))], vec![]),
    );
    for name in ["blue", "green"] {
        let net = block(
            "network_configuration",
            vec![("security_groups", list(vec![r("aws_security_group.svc.id")]))],
            vec![],
        );
        b.resource(
            "",
            "aws_ecs_service",
            name,
            body(vec![("task_definition", r("aws_ecs_task_definition.app.arn"))], vec![net]),
        );
    }
    let a = analyze(&b.build(), &Catalog::builtin());
    let d = view(&a, "architecture");
    assert_eq!(edge(d, "aws_ecs_service.blue", "aws_ecr_repository.app"), Some((EdgeKind::Config, None)));
    assert_eq!(edge(d, "aws_ecs_service.green", "aws_ecr_repository.app"), Some((EdgeKind::Config, None)));
    assert_eq!(edge(d, "aws_ecs_service.green", "aws_ecs_service.blue"), None);
    assert_eq!(edge(d, "aws_ecs_service.blue", "aws_ecs_service.green"), None);
    let r = view(&a, "responsibilities");
    assert_eq!(
        edge(r, "aws_ecs_service.blue", "aws_ecs_task_definition.app"),
        Some((EdgeKind::Config, Some("runs".into())))
    );
    assert_eq!(
        edge(r, "aws_ecs_service.green", "aws_ecs_task_definition.app"),
        Some((EdgeKind::Config, Some("runs".into())))
    );
}

#[test]
fn dynamic_block_paths_from_the_model_match_rules() {
    // The model stage writes `load_balancer.content.target_group_arn` for dynamic blocks.
    let mut b = ModelBuilder::new();
    let tg =
        b.resource("", "aws_lb_target_group", "app", body(vec![("port", n(8080.0)), ("protocol", s("HTTP"))], vec![]));
    b.resource("", "aws_lb", "main", body(vec![], vec![]));
    b.resource(
        "",
        "aws_lb_listener",
        "http",
        body(
            vec![("load_balancer_arn", r("aws_lb.main.arn")), ("port", n(80.0)), ("protocol", s("HTTP"))],
            vec![block("default_action", vec![("target_group_arn", r("aws_lb_target_group.app.arn"))], vec![])],
        ),
    );
    let svc = b.resource("module.app", "aws_ecs_service", "app", body(vec![], vec![]));
    b.dependency(svc, tg, "load_balancer.content.target_group_arn");
    let a = analyze(&b.build(), &Catalog::builtin());
    let d = view(&a, "architecture");
    assert_eq!(
        edge(d, "aws_lb.main", "module.app.aws_ecs_service.app"),
        Some((EdgeKind::Traffic, Some("HTTP 8080".into())))
    );
}

/// A load balancer with an HTTP listener forwarding to a target group on `tg_port`, an HTTPS
/// listener made by `count = <https_count>`, a DNS alias to it and an ECS service behind it.
fn lb_stack(tg_port: Option<f64>, https_count: Option<u64>, redirect: bool) -> Model {
    let mut b = ModelBuilder::new();
    let tg_attrs = match tg_port {
        Some(p) => vec![("port", n(p)), ("protocol", s("HTTP"))],
        None => vec![],
    };
    b.resource("", "aws_lb_target_group", "app", body(tg_attrs, vec![]));
    b.resource("", "aws_lb", "main", body(vec![("name", s("web"))], vec![]));
    let forward = || block("default_action", vec![("target_group_arn", r("aws_lb_target_group.app.arn"))], vec![]);
    let http_action = if redirect {
        block(
            "default_action",
            vec![("type", s("redirect"))],
            vec![block("redirect", vec![("port", s("443")), ("protocol", s("HTTPS"))], vec![])],
        )
    } else {
        forward()
    };
    b.resource(
        "",
        "aws_lb_listener",
        "http",
        body(
            vec![("load_balancer_arn", r("aws_lb.main.arn")), ("port", n(80.0)), ("protocol", s("HTTP"))],
            vec![http_action],
        ),
    );
    let https = b.resource(
        "",
        "aws_lb_listener",
        "https",
        body(
            vec![("load_balancer_arn", r("aws_lb.main.arn")), ("port", n(443.0)), ("protocol", s("HTTPS"))],
            vec![forward()],
        ),
    );
    if let Some(c) = https_count {
        b.count(https, "var.https ? 1 : 0", Some(c));
    }
    b.resource(
        "",
        "aws_route53_record",
        "web",
        body(vec![], vec![block("alias", vec![("name", r("aws_lb.main.dns_name"))], vec![])]),
    );
    b.resource(
        "",
        "aws_ecs_service",
        "app",
        body(
            vec![],
            vec![block("load_balancer", vec![("target_group_arn", r("aws_lb_target_group.app.arn"))], vec![])],
        ),
    );
    b.build()
}

#[test]
fn listener_ports_label_the_hop_into_the_load_balancer() {
    let a = analyze(&lb_stack(Some(8000.0), None, true), &Catalog::builtin());
    let d = view(&a, "architecture");
    assert_eq!(
        edge(d, "aws_route53_record.web", "aws_lb.main"),
        Some((EdgeKind::Traffic, Some("HTTPS 443, HTTP 80\u{2192}443".into())))
    );
    assert_eq!(edge(d, "aws_lb.main", "aws_ecs_service.app"), Some((EdgeKind::Traffic, Some("HTTP 8000".into()))));
    // The document's connections say the same.
    let m = lb_stack(Some(8000.0), None, true);
    let dns_to_lb = a
        .connections
        .iter()
        .find(|c| m.items[c.from].address == "aws_route53_record.web" && m.items[c.to].address == "aws_lb.main")
        .expect("DNS → LB connection");
    assert_eq!(dns_to_lb.label.as_deref(), Some("HTTPS 443, HTTP 80\u{2192}443"));
}

#[test]
fn a_count_zero_https_listener_adds_no_label() {
    let a = analyze(&lb_stack(Some(80.0), Some(0), false), &Catalog::builtin());
    let d = view(&a, "architecture");
    assert_eq!(edge(d, "aws_route53_record.web", "aws_lb.main"), Some((EdgeKind::Traffic, Some("HTTP 80".into()))));
    assert_eq!(edge(d, "aws_lb.main", "aws_ecs_service.app"), Some((EdgeKind::Traffic, Some("HTTP 80".into()))));
    for d in &a.diagrams {
        for e in &d.edges {
            assert!(!e.label.as_deref().unwrap_or("").contains("HTTPS 443"), "{}: {e:?}", d.id);
        }
    }
    assert!(a.connections.iter().all(|c| !c.label.as_deref().unwrap_or("").contains("443")));
    // With the listener created, its port is back.
    let a = analyze(&lb_stack(Some(80.0), Some(1), false), &Catalog::builtin());
    let d = view(&a, "architecture");
    assert_eq!(
        edge(d, "aws_route53_record.web", "aws_lb.main"),
        Some((EdgeKind::Traffic, Some("HTTP 80, HTTPS 443".into())))
    );
}

/// LB (group `alb`) → service (group `app`) allowed by one rule of `ports`, no target group port.
fn firewall_only(ports: Vec<(&'static str, crate::syntax::Expr)>) -> Analysis {
    let mut b = ModelBuilder::new();
    b.resource("", "aws_vpc", "main", body(vec![], vec![]));
    b.resource("", "aws_security_group", "alb", sg("alb", vec![]));
    let mut rule = vec![("security_groups", list(vec![r("aws_security_group.alb.id")]))];
    rule.extend(ports);
    b.resource("", "aws_security_group", "app", sg("app", vec![block("ingress", rule, vec![])]));
    b.resource(
        "",
        "aws_lb",
        "main",
        body(vec![("security_groups", list(vec![r("aws_security_group.alb.id")]))], vec![]),
    );
    let net =
        block("network_configuration", vec![("security_groups", list(vec![r("aws_security_group.app.id")]))], vec![]);
    b.resource("", "aws_ecs_service", "app", body(vec![], vec![net]));
    analyze(&b.build(), &Catalog::builtin())
}

#[test]
fn a_firewall_rule_for_all_ports_gives_no_label() {
    let every = [
        vec![("protocol", s("-1")), ("from_port", n(0.0)), ("to_port", n(0.0))],
        vec![("protocol", s("tcp")), ("from_port", n(0.0)), ("to_port", n(65535.0))],
    ];
    for ports in every {
        let a = firewall_only(ports);
        let d = view(&a, "architecture");
        assert_eq!(edge(d, "aws_lb.main", "aws_ecs_service.app"), Some((EdgeKind::Traffic, None)));
    }
    // A real port is the fallback label when no target group names one.
    let a = firewall_only(vec![("protocol", s("tcp")), ("from_port", n(8000.0)), ("to_port", n(8000.0))]);
    let d = view(&a, "architecture");
    assert_eq!(edge(d, "aws_lb.main", "aws_ecs_service.app"), Some((EdgeKind::Traffic, Some("8000".into()))));
}

/// A target group in a module whose port comes from the caller (`port = var.port`): the hop is
/// labelled with the caller's argument, or the variable's default when the call passes none.
#[test]
fn a_target_group_port_from_a_module_argument_labels_the_hop() {
    for (arg, want) in [(Some(8000.0), "HTTP 8000"), (None, "HTTP 80")] {
        let mut b = ModelBuilder::new();
        let call = b.module("", "tg", "./tg", ModuleStatus::Expanded);
        if let Some(port) = arg {
            b.model.items[call].body = body(vec![("port", n(port))], vec![]);
        }
        b.push_variable("module.tg", "port", n(80.0));
        b.resource(
            "module.tg",
            "aws_lb_target_group",
            "this",
            body(vec![("port", r("var.port")), ("protocol", s("HTTP"))], vec![]),
        );
        let tg = b.model.items.len() - 1;
        b.resource("", "aws_lb", "main", body(vec![], vec![]));
        let svc = b.resource("", "aws_ecs_service", "app", body(vec![], vec![]));
        b.dependency(svc, tg, "load_balancer.target_group_arn");
        let listener = b.resource(
            "",
            "aws_lb_listener",
            "http",
            body(vec![("load_balancer_arn", r("aws_lb.main.arn")), ("port", n(80.0)), ("protocol", s("HTTP"))], vec![]),
        );
        b.dependency(listener, tg, "default_action.target_group_arn");
        let a = analyze(&b.build(), &Catalog::builtin());
        let d = view(&a, "architecture");
        assert_eq!(
            edge(d, "aws_lb.main", "aws_ecs_service.app"),
            Some((EdgeKind::Traffic, Some(want.into()))),
            "{arg:?}"
        );
    }
}

//! The analyze stage on the shipped examples: real parser, real model, real catalog.

mod common;

use zumen::analyze::{analyze, Analysis, Diagram};
use zumen::catalog::Catalog;
use zumen::model::Model;

fn example(name: &str) -> (Model, Analysis) {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples").join(name);
    let model = common::model_of(&dir);
    let analysis = analyze(&model, &Catalog::builtin());
    if std::env::var_os("ZUMEN_DUMP").is_some() {
        dump(&model, &analysis);
    }
    (model, analysis)
}

fn dump(model: &Model, a: &Analysis) {
    for d in &a.diagrams {
        eprintln!("== {} ({} nodes, {} edges)", d.id, d.nodes.len(), d.edges.len());
        for (i, g) in d.groups.iter().enumerate() {
            eprintln!("  group {i} {} [{}] {:?} parent {:?}", g.id, g.class, g.label, g.parent);
        }
        for n in &d.nodes {
            eprintln!(
                "  node {} {:?} / {} [{}] {:?} group {:?}",
                n.id, n.label, n.sublabel, n.category, n.badge, n.group
            );
        }
        for e in &d.edges {
            eprintln!("  edge {} -> {} {:?} {:?}", e.from, e.to, e.kind, e.label);
        }
        eprintln!("  omitted {:?}", d.omitted);
    }
    for (id, r) in &a.roles {
        eprintln!("  role {} = {} {:?} {:?}", model.items[*id].address, r.role, r.source, r.reason);
    }
    for (id, f) in &a.folded {
        eprintln!("  folded {} -> {:?}", model.items[*id].address, f.map(|t| &model.items[t].address));
    }
    for (id, f) in &a.facts {
        eprintln!("  facts {} {:?}", model.items[*id].address, f);
    }
}

/// A root of one `main.tf` with `text`, modelled and analysed.
fn from_main_tf(text: &str) -> (Model, Analysis) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("main.tf"), text).expect("write");
    let model = common::model_of(dir.path());
    let analysis = analyze(&model, &Catalog::builtin());
    (model, analysis)
}

fn view<'a>(a: &'a Analysis, id: &str) -> &'a Diagram {
    a.diagrams.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("no {id} view"))
}

#[test]
fn hackathon_architecture() {
    let (_m, a) = example("hackathon-ecs");
    let d = view(&a, "architecture");
    assert!(!d.nodes.is_empty());
}

#[test]
fn three_tier_architecture() {
    let (_m, a) = example("three-tier-ec2");
    let d = view(&a, "architecture");
    assert!(!d.nodes.is_empty());
    let label = |f: &str, t: &str| edge(d, f, t).and_then(|e| e.label.clone());
    // The target group's HTTP 80, not the listener's HTTPS 443, is the ALB → instances hop.
    assert_eq!(label("aws_lb.web", "aws_autoscaling_group.web").as_deref(), Some("HTTP 80"));
    assert!(label("aws_route53_record.web", "aws_lb.web").is_some_and(|l| l.starts_with("HTTPS 443")));
    assert!(d.omitted.iter().any(|o| o == "1 IAM identity shown in the document only"), "singular: {:?}", d.omitted);
}

fn edge<'a>(d: &'a Diagram, from: &str, to: &str) -> Option<&'a zumen::analyze::Edge> {
    d.edges.iter().find(|e| e.from == from && e.to == to)
}

fn group_label<'a>(d: &'a Diagram, node: &str) -> Option<&'a str> {
    let n = d.nodes.iter().find(|n| n.id == node).unwrap_or_else(|| panic!("no node {node}"));
    n.group.map(|g| d.groups[g].label.as_str())
}

#[test]
fn hackathon_traffic_and_containment() {
    let (m, a) = example("hackathon-ecs");
    let d = view(&a, "architecture");
    let label = |f: &str, t: &str| edge(d, f, t).map(|e| (e.kind, e.label.clone()));
    use zumen::analyze::EdgeKind::{Config, Traffic};
    // Clients reach the ALB on its listeners' ports (HTTP 80 only to be redirected) ...
    let dns = label("module.dns.aws_route53_record.api", "module.backend.aws_lb.api").expect("DNS → ALB");
    assert_eq!(dns.0, Traffic);
    assert!(dns.1.as_deref().is_some_and(|l| l.contains("HTTPS 443")), "{dns:?}");
    assert_eq!(dns.1.as_deref(), Some("HTTPS 443, HTTP 80\u{2192}443"));
    assert_eq!(
        label("module.dns.aws_route53_record.site", "module.frontend.aws_cloudfront_distribution.site"),
        Some((Traffic, None))
    );
    assert_eq!(
        label("module.frontend.aws_cloudfront_distribution.site", "module.frontend.aws_s3_bucket.site"),
        Some((Traffic, None))
    );
    // ... and the ALB reaches the tasks on the target group's HTTP 8000.
    assert_eq!(
        label("module.backend.aws_lb.api", "module.backend.aws_ecs_service.api"),
        Some((Traffic, Some("HTTP 8000".into())))
    );
    assert_eq!(
        label("module.backend.aws_ecs_service.api", "module.database.aws_db_instance.this"),
        Some((Traffic, Some("3306".into())))
    );
    assert_eq!(
        label("module.backend.aws_ecs_service.api", "module.database.aws_secretsmanager_secret.db"),
        Some((Config, None))
    );
    // The one-off tasks wear the groups their run-task commands (outputs) name: the check task's
    // own group and the app group for the migration. Both reach MySQL; neither is reached by the
    // ALB, although the app group admits it: a launched task opens connections, it serves none.
    for task in ["db_migration", "mysql_client"] {
        let from = format!("module.backend.aws_ecs_task_definition.{task}");
        assert_eq!(
            label(&from, "module.database.aws_db_instance.this"),
            Some((Traffic, Some("3306".into()))),
            "{task} → database"
        );
        assert_eq!(label("module.backend.aws_lb.api", &from), None, "ALB → {task}");
    }
    assert_eq!(group_label(d, "module.backend.aws_ecs_service.api"), Some("Private subnets"));
    assert_eq!(group_label(d, "module.database.aws_db_instance.this"), Some("Private subnets"));
    assert_eq!(group_label(d, "module.backend.aws_lb.api"), Some("Public subnets"));
    assert_eq!(group_label(d, "module.frontend.aws_s3_bucket.site"), Some("module.frontend"));
    for glue in [
        "module.backend.aws_lb_listener.https",
        "module.backend.aws_security_group.app",
        "module.backend.aws_route53_record.api_validation",
    ] {
        assert!(!d.nodes.iter().any(|n| n.id == glue), "{glue} drawn");
        assert!(a.folded.contains_key(&m.find(glue).expect("glue item")), "{glue} not folded");
    }
}

#[test]
fn hackathon_roles_and_containers() {
    let (m, a) = example("hackathon-ecs");
    let role = |addr: &str| a.roles.get(&m.find(addr).expect("item")).map(|r| r.role.clone());
    assert_eq!(role("module.backend.aws_ecs_task_definition.fastapi_app").as_deref(), Some("resident"));
    assert_eq!(role("module.backend.aws_ecs_task_definition.db_migration").as_deref(), Some("one-off"));
    assert_eq!(role("module.backend.aws_ecs_task_definition.mysql_client").as_deref(), Some("check"));
    assert_eq!(role("module.monitoring.aws_ecs_task_definition.init_datadog").as_deref(), Some("monitoring"));
    let check = &a.facts[&m.find("module.backend.aws_ecs_task_definition.mysql_client").expect("item")];
    let secrets = &check.containers[0].secrets;
    assert!(
        secrets.contains(&(
            "DB_PASSWORD".to_string(),
            "module.database.aws_secretsmanager_secret.db:password::".to_string()
        )),
        "{secrets:?}"
    );
    let app = &a.facts[&m.find("module.backend.aws_ecs_task_definition.fastapi_app").expect("item")];
    let names: Vec<&str> = app.containers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["api", "datadog-agent"]);
    assert_eq!(app.containers[0].ports, ["8000/tcp"]);
}

#[test]
fn three_tier_traffic() {
    let (_m, a) = example("three-tier-ec2");
    let d = view(&a, "architecture");
    use zumen::analyze::EdgeKind::Traffic;
    let e = edge(d, "aws_lb.web", "aws_autoscaling_group.web").expect("ALB → ASG");
    assert_eq!((e.kind, e.label.as_deref()), (Traffic, Some("HTTP 80")), "the target group's port");
    assert_eq!(
        edge(d, "aws_autoscaling_group.web", "aws_db_instance.main").and_then(|e| e.label.as_deref()),
        Some("3306")
    );
    assert_eq!(group_label(d, "aws_autoscaling_group.web"), Some("Private subnets"));
    assert_eq!(group_label(d, "aws_db_instance.main"), Some("Database subnets"));
    assert!(d.nodes.len() <= zumen::analyze::lod::MAX_NODES);
}

/// Every shared case that yields a model goes through the analysis without panicking, twice
/// with the same result, within the level-of-detail limit, with no dangling edge.
#[test]
fn shared_cases_analyze_cleanly() {
    if common::skip_without_shared() {
        return;
    }
    let root = common::shared_root();
    let Ok(entries) = std::fs::read_dir(&root) else { return };
    let mut dirs: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    let catalog = Catalog::builtin();
    for dir in dirs {
        let Ok(model) = zumen::build::model_only(&dir, None) else { continue };
        let a = analyze(&model, &catalog);
        assert_eq!(a, analyze(&model, &catalog), "{}: not deterministic", dir.display());
        for d in &a.diagrams {
            let overview = d.id == "architecture" || d.id == "responsibilities";
            assert!(
                !overview || d.nodes.len() <= zumen::analyze::lod::MAX_NODES,
                "{}: {} has {} nodes",
                dir.display(),
                d.id,
                d.nodes.len()
            );
            for e in &d.edges {
                let known = |id: &str| d.nodes.iter().any(|n| n.id == id);
                assert!(known(&e.from) && known(&e.to), "{}: dangling edge {e:?}", dir.display());
            }
        }
    }
}

/// Declutter: IAM identities are not architecture nodes (their config edges fanned across the
/// whole hackathon picture) but stay in the responsibilities view; config edges only into
/// secrets, registries and logs.
#[test]
fn hackathon_overview_leaves_identities_to_the_document() {
    let (_m, a) = example("hackathon-ecs");
    let d = view(&a, "architecture");
    assert!(!d.nodes.iter().any(|n| n.id.contains("aws_iam_")), "no IAM node in the overview");
    assert!(d.omitted.iter().any(|o| o.ends_with("IAM identities shown in the document only")), "{:?}", d.omitted);
    let categories: std::collections::BTreeMap<&str, &str> =
        d.nodes.iter().map(|n| (n.id.as_str(), n.category.as_str())).collect();
    for e in d.edges.iter().filter(|e| e.kind == zumen::analyze::EdgeKind::Config) {
        let to = categories.get(e.to.as_str()).copied().unwrap_or("");
        assert!(["secret", "registry", "monitoring"].contains(&to), "config edge kept: {e:?}");
    }
    let resp = view(&a, "responsibilities");
    assert!(resp.nodes.iter().any(|n| n.id.contains("aws_iam_role")), "IAM roles stay in the responsibilities view");
}

/// Seed idea: a monitoring agent beside the main container is a responsibility of its own; role
/// boxes carry their description.
#[test]
fn hackathon_sidecar_is_a_monitoring_responsibility() {
    let (_m, a) = example("hackathon-ecs");
    let d = view(&a, "responsibilities");
    let id = "container.module.backend.aws_ecs_task_definition.fastapi_app.datadog-agent";
    let n = d.nodes.iter().find(|n| n.id == id).expect("datadog-agent sidecar node");
    assert_eq!((n.label.as_str(), n.sublabel.as_str()), ("datadog-agent", "sidecar of fastapi-app"));
    assert_eq!(n.link.as_deref(), Some("#module-backend-aws_ecs_task_definition-fastapi_app"));
    assert_eq!(group_label(d, id), Some("Monitoring"));
    assert!(edge(d, "module.backend.aws_ecs_task_definition.fastapi_app", id).is_some());
    // Only agents: the main container and one-container tasks add nothing.
    assert_eq!(d.nodes.iter().filter(|n| n.id.starts_with("container.")).count(), 1);
    assert!(d.groups.iter().all(|g| g.description.as_deref().is_some_and(|t| !t.is_empty())), "{:?}", d.groups);
}

/// A one-off task run with `aws ecs run-task` names no security group itself: the command that
/// launches it does (here an output, as CI reads it). The task wears the groups named beside it,
/// so the database rule admitting that group draws task → database; the load balancer the same
/// group admits still reaches only the service, because a launched task serves nothing.
#[test]
fn a_run_task_command_puts_the_task_in_the_groups_it_names() {
    let (_, a) = from_main_tf(
        r#"
resource "aws_security_group" "lb" {
  name = "lb"
}

resource "aws_security_group" "app" {
  name = "app"
  ingress {
    from_port       = 8000
    to_port         = 8000
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }
}

resource "aws_security_group" "db" {
  name = "db"
  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }
}

resource "aws_lb" "api" {
  security_groups = [aws_security_group.lb.id]
}

resource "aws_db_instance" "main" {
  engine                 = "postgres"
  vpc_security_group_ids = [aws_security_group.db.id]
}

resource "aws_ecs_task_definition" "api" {
  family                = "api"
  container_definitions = "[]"
}

resource "aws_ecs_service" "api" {
  task_definition = aws_ecs_task_definition.api.arn
  network_configuration {
    subnets         = ["subnet-1"]
    security_groups = [aws_security_group.app.id]
  }
}

resource "aws_ecs_task_definition" "migrate" {
  family                = "migrate"
  container_definitions = "[]"
}

output "migrate_command" {
  value = "aws ecs run-task --task-definition ${aws_ecs_task_definition.migrate.arn} --network-configuration 'awsvpcConfiguration={securityGroups=[${aws_security_group.app.id}]}'"
}
"#,
    );
    let d = view(&a, "architecture");
    use zumen::analyze::EdgeKind::Traffic;
    let label = |f: &str, t: &str| edge(d, f, t).map(|e| (e.kind, e.label.clone()));
    assert_eq!(label("aws_ecs_task_definition.migrate", "aws_db_instance.main"), Some((Traffic, Some("5432".into()))));
    assert_eq!(label("aws_ecs_service.api", "aws_db_instance.main"), Some((Traffic, Some("5432".into()))));
    assert_eq!(label("aws_lb.api", "aws_ecs_service.api"), Some((Traffic, Some("8000".into()))));
    assert_eq!(label("aws_lb.api", "aws_ecs_task_definition.migrate"), None, "the LB never reaches a one-off task");
}

/// Registry modules before `terraform init` are opaque, yet their names and sources say what
/// they are: the ALB module is drawn as a load balancer, public unless `internal = true`, and the
/// service module naming its target group is reached by it. A rule-made edge is never
/// contradicted by such a guess (the Lambda module naming the event rule that triggers it is not
/// Lambda → rule).
#[test]
fn opaque_registry_modules_are_read_by_category() {
    let (_, a) = from_main_tf(
        r#"
module "alb" {
  source = "terraform-aws-modules/alb/aws"
}

module "admin_alb" {
  source   = "terraform-aws-modules/alb/aws"
  internal = true
}

module "ecs_service" {
  source        = "terraform-aws-modules/ecs/aws//modules/service"
  load_balancer = { service = { target_group_arn = module.alb.target_groups["app"].arn } }
}

module "web_sg" {
  source                   = "terraform-aws-modules/security-group/aws"
  source_security_group_id = module.alb.security_group_id
}

module "worker" {
  source          = "terraform-aws-modules/lambda/aws"
  allowed_triggers = { nightly = { source_arn = aws_cloudwatch_event_rule.nightly.arn } }
}

resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "cron(0 3 * * ? *)"
}

resource "aws_cloudwatch_event_target" "nightly" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = module.worker.lambda_function_arn
}
"#,
    );
    let d = view(&a, "architecture");
    use zumen::analyze::EdgeKind::Traffic;
    let traffic: Vec<(&str, &str)> =
        d.edges.iter().filter(|e| e.kind == Traffic).map(|e| (e.from.as_str(), e.to.as_str())).collect();
    assert!(traffic.contains(&("module.alb", "module.ecs_service")), "{traffic:?}");
    // The ALB module is public unless `internal = true`: the Internet actor stands in front.
    assert!(traffic.contains(&("actor.internet", "module.alb")), "{traffic:?}");
    assert!(!traffic.contains(&("actor.internet", "module.admin_alb")), "{traffic:?}");
    assert!(traffic.contains(&("aws_cloudwatch_event_rule.nightly", "module.worker")), "{traffic:?}");
    assert!(!traffic.contains(&("module.worker", "aws_cloudwatch_event_rule.nightly")), "{traffic:?}");
    // A security-group module is security, not an Auto Scaling group: no traffic into it.
    assert!(!traffic.iter().any(|(_, t)| *t == "module.web_sg"), "{traffic:?}");
    let icon = |id: &str| d.nodes.iter().find(|n| n.id == id).map(|n| n.icon.as_str()).unwrap_or("(none)");
    assert_eq!(icon("module.alb"), "loadbalancer");
    assert_eq!(icon("module.ecs_service"), "container");
    assert_eq!(icon("module.worker"), "function");
}

/// Container definitions written as a heredoc of JSON with interpolations (common before
/// `jsonencode`) are read as containers, interpolations kept as their text, instead of the whole
/// heredoc landing in one table cell of DESIGN.md (a review of turnerlabs/terraform-ecs-fargate).
#[test]
fn heredoc_json_container_definitions_with_interpolations_are_read() {
    let (model, a) = from_main_tf(
        r#"
variable "port" {
  default = 8080
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = <<DEFINITION
[
  {
    "name": "${var.name}-web",
    "image": "${var.image}",
    "essential": true,
    "portMappings": [{ "protocol": "tcp", "containerPort": ${var.port} }],
    "environment": [{ "name": "GREETING", "value": "say \"hi\" to ${var.name}" }]
  }
]
DEFINITION
}
"#,
    );
    let facts = &a.facts[&model.find("aws_ecs_task_definition.app").expect("item")];
    assert_eq!(facts.containers.len(), 1, "{facts:?}");
    let c = &facts.containers[0];
    assert_eq!(c.name, "${var.name}-web");
    assert_eq!(c.image, "${var.image}");
    assert_eq!(c.ports, ["${var.port}/tcp"]);
    assert_eq!(c.essential, Some(true));
    assert_eq!(c.environment, [("GREETING".to_string(), "say \"hi\" to ${var.name}".to_string())]);
    assert!(!facts.rows.iter().any(|(k, _)| k == "Containers"), "{:?}", facts.rows);
}

/// Before `terraform init` the VPC of terraform-aws-modules/vpc is a module call zumen cannot
/// look into; what names its outputs still says where it lives: `module.vpc.private_subnets` →
/// the "Private subnets" box of a "VPC vpc" box, `vpc_id` alone → the VPC box. The module call is
/// that box, not also a node.
#[test]
fn a_registry_vpc_module_becomes_the_vpc_box() {
    let (_, a) = from_main_tf(
        r#"
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}

module "alb" {
  source  = "terraform-aws-modules/alb/aws"
  vpc_id  = module.vpc.vpc_id
  subnets = module.vpc.public_subnets
}

resource "aws_ecs_service" "api" {
  name = "api"
  network_configuration {
    subnets = module.vpc.private_subnets
  }
}

resource "aws_db_subnet_group" "db" {
  subnet_ids = module.vpc.database_subnets
}

resource "aws_db_instance" "db" {
  db_subnet_group_name = aws_db_subnet_group.db.name
}
"#,
    );
    let d = view(&a, "architecture");
    let path = |node: &str| {
        let mut out = Vec::new();
        let mut g = d.nodes.iter().find(|n| n.id == node).unwrap_or_else(|| panic!("no {node}")).group;
        while let Some(i) = g {
            out.push(d.groups[i].label.as_str());
            g = d.groups[i].parent;
        }
        out
    };
    assert_eq!(path("aws_ecs_service.api"), ["Private subnets", "VPC vpc"]);
    assert_eq!(path("module.alb"), ["Public subnets", "VPC vpc"]);
    assert_eq!(path("aws_db_instance.db"), ["Database subnets", "VPC vpc"]);
    assert!(!d.nodes.iter().any(|n| n.id == "module.vpc"), "the box stands for the module");
}

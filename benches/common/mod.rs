//! Generates large, realistic Terraform roots for benchmarks: `n` resources split over local
//! modules of one web stack each (VPC, subnets, security groups and rules, load balancer, ECS,
//! RDS, logs, IAM), wired through module inputs and outputs like a real code base.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// Resources in one generated stack module.
pub const PER_STACK: usize = 20;

/// One stack module's `main.tf` (20 resources) and its variables and outputs.
fn stack_module() -> String {
    let mut s = String::new();
    s.push_str(
        r#"variable "name" { type = string }
variable "cidr" { type = string }
variable "shared_zone_id" { type = string }

# @intent The stack's private network.
resource "aws_vpc" "this" {
  cidr_block = var.cidr
  tags       = { Name = var.name }
}

resource "aws_subnet" "public" {
  count      = 2
  vpc_id     = aws_vpc.this.id
  cidr_block = cidrsubnet(var.cidr, 8, count.index)
}

resource "aws_subnet" "private" {
  count      = 2
  vpc_id     = aws_vpc.this.id
  cidr_block = cidrsubnet(var.cidr, 8, count.index + 10)
}

resource "aws_security_group" "alb" { vpc_id = aws_vpc.this.id }
resource "aws_security_group" "app" { vpc_id = aws_vpc.this.id }
resource "aws_security_group" "db" { vpc_id = aws_vpc.this.id }

resource "aws_vpc_security_group_ingress_rule" "app_from_alb" {
  security_group_id            = aws_security_group.app.id
  referenced_security_group_id = aws_security_group.alb.id
  from_port                    = 8000
  to_port                      = 8000
  ip_protocol                  = "tcp"
}

resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.app.id
  from_port                    = 3306
  to_port                      = 3306
  ip_protocol                  = "tcp"
}

resource "aws_lb" "this" {
  name            = "${var.name}-alb"
  subnets         = aws_subnet.public[*].id
  security_groups = [aws_security_group.alb.id]
}

resource "aws_lb_target_group" "app" {
  port        = 8000
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = aws_vpc.this.id
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_cloudwatch_log_group" "app" { name = "/ecs/${var.name}" }

resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_ecs_cluster" "this" { name = var.name }

# @intent The stack's API.
# @role resident
resource "aws_ecs_task_definition" "app" {
  family             = "${var.name}-app"
  execution_role_arn = aws_iam_role.task.arn
  container_definitions = jsonencode([{
    name         = "app"
    image        = "example/app:latest"
    portMappings = [{ containerPort = 8000 }]
    logConfiguration = {
      logDriver = "awslogs"
      options   = { awslogs-group = aws_cloudwatch_log_group.app.name }
    }
  }])
}

resource "aws_ecs_service" "app" {
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 2
  network_configuration {
    subnets         = aws_subnet.private[*].id
    security_groups = [aws_security_group.app.id]
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = "app"
    container_port   = 8000
  }
}

resource "aws_db_subnet_group" "this" { subnet_ids = aws_subnet.private[*].id }

resource "aws_db_instance" "this" {
  engine                 = "mysql"
  instance_class         = "db.t4g.micro"
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.db.id]
}

resource "aws_route53_record" "api" {
  zone_id = var.shared_zone_id
  name    = "${var.name}.example.com"
  type    = "A"
  alias {
    name                   = aws_lb.this.dns_name
    zone_id                = aws_lb.this.zone_id
    evaluate_target_health = true
  }
}

output "lb_dns" { value = aws_lb.this.dns_name }
output "db_endpoint" { value = aws_db_instance.this.endpoint }
"#,
    );
    s
}

/// Writes a root with about `resources` resources (rounded up to whole stacks, plus a shared
/// zone) under `dir`.
pub fn generate_root(dir: &Path, resources: usize) -> std::io::Result<()> {
    let stacks = resources.div_ceil(PER_STACK).max(1);
    std::fs::create_dir_all(dir.join("modules/stack"))?;
    std::fs::write(dir.join("modules/stack/main.tf"), stack_module())?;
    let mut root = String::from(
        "# @intent The shared public zone.\nresource \"aws_route53_zone\" \"shared\" {\n  name = \"example.com\"\n}\n\n",
    );
    for i in 0..stacks {
        let _ = writeln!(
            root,
            "module \"stack_{i:04}\" {{\n  source         = \"./modules/stack\"\n  name           = \"stack-{i:04}\"\n  cidr           = \"10.{}.0.0/16\"\n  shared_zone_id = aws_route53_zone.shared.zone_id\n}}\n",
            i % 250
        );
    }
    std::fs::write(dir.join("main.tf"), root)
}

/// A flat root: `resources` resources in the root module itself, 50 per file, five of a kind per
/// group (security group, instance in it, target group the instance joins, bucket, IAM policy
/// reading the bucket), like a large hand-grown root with no modules. This shape puts thousands
/// of nodes in one detail view, which the module-split root never does: the document stage was
/// quadratic in that view's size before 2026-12-04 and only this shape showed it.
pub fn generate_flat_root(dir: &Path, resources: usize) -> std::io::Result<()> {
    let groups = resources.div_ceil(5).max(1);
    let mut file = String::new();
    let mut files = 0;
    for i in 0..groups {
        let _ = write!(
            file,
            r#"# @intent Lets web {i} receive traffic from the load balancer only.
resource "aws_security_group" "web_{i}" {{
  name = "web-{i}"
}}

resource "aws_instance" "web_{i}" {{
  ami                    = "ami-123456"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.web_{i}.id]
  user_data              = <<-EOT
    #!/bin/sh
    echo "web {i}"
  EOT
}}

resource "aws_lb_target_group" "web_{i}" {{
  name     = "web-{i}"
  port     = 80
  protocol = "HTTP"
}}

resource "aws_s3_bucket" "assets_{i}" {{
  bucket = "assets-{i}"
}}

resource "aws_iam_policy" "read_{i}" {{
  policy = jsonencode({{ Statement = [{{ Effect = "Allow", Resource = aws_s3_bucket.assets_{i}.arn }}] }})
}}

"#
        );
        if (i + 1) % 10 == 0 || i + 1 == groups {
            std::fs::write(dir.join(format!("file_{files:04}.tf")), std::mem::take(&mut file))?;
            files += 1;
        }
    }
    Ok(())
}

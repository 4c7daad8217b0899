data "aws_region" "current" {}

locals {
  api_image = "${aws_ecr_repository.api.repository_url}:${var.image_tag}"

  # The same four variables reach every container that talks to MySQL, each read from one JSON
  # key of the database secret at task start (ECS resolves `arn:key::`).
  db_secrets = [
    { name = "DB_HOST", valueFrom = "${var.db_secret_arn}:host::" },
    { name = "DB_NAME", valueFrom = "${var.db_secret_arn}:dbname::" },
    { name = "DB_USER", valueFrom = "${var.db_secret_arn}:username::" },
    { name = "DB_PASSWORD", valueFrom = "${var.db_secret_arn}:password::" },
  ]
}

# @intent Group of the FastAPI tasks. Only the ALB may reach port 8000; the database module lets
#   this group into MySQL.
# @role security
resource "aws_security_group" "app" {
  name        = "${var.name}-app"
  description = "FastAPI tasks: 8000 from the ALB only"
  vpc_id      = var.vpc_id

  tags = {
    Name = "${var.name}-app"
  }
}

# @intent The ALB → app edge: the only way a request reaches a task.
resource "aws_vpc_security_group_ingress_rule" "app_from_alb" {
  security_group_id            = aws_security_group.app.id
  description                  = "HTTP from the ALB"
  ip_protocol                  = "tcp"
  from_port                    = 8000
  to_port                      = 8000
  referenced_security_group_id = aws_security_group.alb.id
}

# @intent Tasks call out to ECR, Secrets Manager, Datadog and MySQL; egress is open and the NAT
#   gateway is the boundary.
resource "aws_vpc_security_group_egress_rule" "app_all" {
  security_group_id = aws_security_group.app.id
  description       = "All outbound (through NAT)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

# @intent A separate group for the mysql-client check task, so the database can tell "the check"
#   from "the app" and the check can be revoked without touching the service.
# @role check
resource "aws_security_group" "check" {
  name        = "${var.name}-check"
  description = "mysql-client connection check task"
  vpc_id      = var.vpc_id

  tags = {
    Name = "${var.name}-check"
  }
}

# @intent The check task needs no inbound traffic, only a way out to MySQL and to pull its image.
resource "aws_vpc_security_group_egress_rule" "check_all" {
  security_group_id = aws_security_group.check.id
  description       = "All outbound (through NAT)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

# @intent One Fargate cluster for the resident service and all one-off tasks. Container Insights is
#   on so CPU and memory per task show up without the agent.
# @role resident
resource "aws_ecs_cluster" "main" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

# @intent The FastAPI API: container `api` serves on 8000 behind the ALB; a `datadog-agent` sidecar
#   in the same task collects APM traces and metrics over localhost, so the app needs no network
#   path to Datadog of its own. The sidecar is not essential: if it crashes, the API keeps serving.
# @role resident
# @group backend
# @owner backend
resource "aws_ecs_task_definition" "fastapi_app" {
  family                   = "fastapi-app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }

  container_definitions = jsonencode([
    {
      name      = "api"
      image     = local.api_image
      essential = true
      command   = ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers"]
      portMappings = [
        { containerPort = 8000, protocol = "tcp" }
      ]
      environment = [
        { name = "DD_SERVICE", value = "fastapi-app" },
        { name = "DD_ENV", value = var.name },
        { name = "DD_AGENT_HOST", value = "localhost" },
      ]
      secrets = local.db_secrets
      healthCheck = {
        command     = ["CMD-SHELL", "curl -fs http://localhost:8000/health || exit 1"]
        interval    = 15
        timeout     = 5
        retries     = 3
        startPeriod = 20
      }
      dependsOn = [
        { containerName = "datadog-agent", condition = "START" }
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = var.log_group_names["fastapi-app"]
          "awslogs-region"        = data.aws_region.current.name
          "awslogs-stream-prefix" = "api"
        }
      }
    },
    {
      name      = "datadog-agent"
      image     = "public.ecr.aws/datadog/agent:7"
      essential = false
      cpu       = 128
      memory    = 256
      portMappings = [
        { containerPort = 8126, protocol = "tcp" }
      ]
      environment = [
        { name = "ECS_FARGATE", value = "true" },
        { name = "DD_SITE", value = var.datadog_site },
        { name = "DD_APM_ENABLED", value = "true" },
        { name = "DD_APM_NON_LOCAL_TRAFFIC", value = "true" },
      ]
      secrets = [
        { name = "DD_API_KEY", valueFrom = "${var.datadog_api_key_secret_arn}:api_key::" }
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = var.log_group_names["fastapi-app"]
          "awslogs-region"        = data.aws_region.current.name
          "awslogs-stream-prefix" = "datadog-agent"
        }
      }
    },
  ])
}

# @intent Runs Alembic migrations once per deploy, then exits. Kept out of the API service so no
#   idle container costs money and a failed migration shows up as its own task. GitHub Actions
#   starts it with `aws ecs run-task` after pushing the image and before updating the service;
#   no service runs it.
# @role one-off
# @group backend
# @owner backend
# @link https://alembic.sqlalchemy.org/en/latest/tutorial.html#running-our-first-migration
resource "aws_ecs_task_definition" "db_migration" {
  family                   = "db-migration"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }

  container_definitions = jsonencode([
    {
      name      = "migrate"
      image     = local.api_image
      essential = true
      command   = ["alembic", "upgrade", "head"]
      secrets   = local.db_secrets
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = var.log_group_names["db-migration"]
          "awslogs-region"        = data.aws_region.current.name
          "awslogs-stream-prefix" = "migrate"
        }
      }
    },
  ])
}

# @intent Connection check, run by hand: pings MySQL from inside the private subnets with the
#   same secret the app uses, then runs `SELECT 1` and exits. When the API cannot reach the
#   database this separates "network or security group" from "application bug" in one minute.
#   Uses the stock MySQL image, so it works even when the app image is broken.
# @role check
# @group backend
# @owner backend
resource "aws_ecs_task_definition" "mysql_client" {
  family                   = "mysql-client"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.execution.arn

  container_definitions = jsonencode([
    {
      name      = "mysql-client"
      image     = "public.ecr.aws/docker/library/mysql:8.0"
      essential = true
      command = [
        "sh", "-c",
        "mysqladmin ping -h \"$DB_HOST\" -u \"$DB_USER\" -p\"$DB_PASSWORD\" && mysql -h \"$DB_HOST\" -u \"$DB_USER\" -p\"$DB_PASSWORD\" -e 'SELECT 1' \"$DB_NAME\"",
      ]
      secrets = local.db_secrets
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = var.log_group_names["mysql-client"]
          "awslogs-region"        = data.aws_region.current.name
          "awslogs-stream-prefix" = "check"
        }
      }
    },
  ])
}

# @intent Keeps `fastapi-app` running (the only resident workload) in the private subnets and
#   registers each task with the ALB target group. The circuit breaker rolls a bad deploy back on
#   its own; ECS Exec is on for debugging without SSH.
# @role resident
# @group backend
# @owner backend
resource "aws_ecs_service" "api" {
  name                               = "fastapi-app"
  cluster                            = aws_ecs_cluster.main.id
  task_definition                    = aws_ecs_task_definition.fastapi_app.arn
  desired_count                      = var.desired_count
  launch_type                        = "FARGATE"
  enable_execute_command             = true
  health_check_grace_period_seconds  = 30
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.app.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = "api"
    container_port   = 8000
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  # Auto scaling owns the running count after the first apply.
  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener.https]
}

# @intent Lets the service grow from desired_count to max_count on demo day and shrink back after.
resource "aws_appautoscaling_target" "api" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.api.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.desired_count
  max_capacity       = var.max_count
}

# @intent Target tracking on average CPU: simple, and FastAPI workers are CPU-bound under load.
resource "aws_appautoscaling_policy" "api_cpu" {
  name               = "${var.name}-api-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.api.service_namespace
  resource_id        = aws_appautoscaling_target.api.resource_id
  scalable_dimension = aws_appautoscaling_target.api.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = 60
    scale_in_cooldown  = 120
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

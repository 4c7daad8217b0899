data "aws_region" "current" {}

locals {
  # One log group per ECS task family; the backend and this module look them up by family name.
  task_families = toset(["fastapi-app", "db-migration", "mysql-client", "init-datadog"])
}

# @intent One log group per task family, created up front so retention is set (the awslogs driver
#   would otherwise create groups that keep logs forever) and so a one-off task's output can be
#   found by its family name after it has exited.
# @role monitoring
# @group monitoring
resource "aws_cloudwatch_log_group" "task" {
  for_each = local.task_families

  name              = "/ecs/${var.name}/${each.key}"
  retention_in_days = var.log_retention_days
}

# @intent Datadog API and application keys as one JSON secret. Terraform creates only the empty
#   container; the value is put once by hand (`aws secretsmanager put-secret-value`) so the keys
#   never land in state or in the repository.
# @role security
# @group monitoring
# @owner platform
resource "aws_secretsmanager_secret" "datadog" {
  name                    = "${var.name}/datadog"
  description             = "Datadog api_key and app_key for the agent sidecar and init-datadog"
  recovery_window_in_days = 0
}

# @intent Sets up Datadog for this stack once per deploy: creates or updates the service's monitors,
#   the dashboard and the log pipeline through the Datadog API, idempotently, then exits. Runs the
#   API image with a different command so the monitor definitions are versioned with the code
#   they watch. Nothing resident: CI runs it after db-migration.
# @role monitoring
# @group monitoring
# @owner platform
resource "aws_ecs_task_definition" "init_datadog" {
  family                   = "init-datadog"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = var.execution_role_arn
  task_role_arn            = var.task_role_arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }

  container_definitions = jsonencode([
    {
      name      = "init-datadog"
      image     = var.api_image
      essential = true
      command   = ["python", "-m", "ops.init_datadog", "--service", "fastapi-app", "--env", var.name]
      environment = [
        { name = "DD_SITE", value = var.datadog_site },
      ]
      secrets = [
        { name = "DD_API_KEY", valueFrom = "${aws_secretsmanager_secret.datadog.arn}:api_key::" },
        { name = "DD_APP_KEY", valueFrom = "${aws_secretsmanager_secret.datadog.arn}:app_key::" },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.task["init-datadog"].name
          "awslogs-region"        = data.aws_region.current.name
          "awslogs-stream-prefix" = "init"
        }
      }
    },
  ])
}

# @intent Where AWS-side alarms go. Datadog does the rich alerting; these alarms still fire if the
#   Datadog agent or account is the thing that broke.
# @role monitoring
resource "aws_sns_topic" "alerts" {
  name = "${var.name}-alerts"
}

resource "aws_sns_topic_subscription" "email" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# @intent Users see errors: the API returned 5xx more than 10 times in 5 minutes.
# @role monitoring
resource "aws_cloudwatch_metric_alarm" "api_5xx" {
  alarm_name          = "${var.name}-api-5xx"
  alarm_description   = "FastAPI targets returned too many 5xx responses"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 10
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]

  dimensions = {
    LoadBalancer = var.alb_arn_suffix
  }
}

# @intent The service is down, not just slow: no healthy task behind the ALB for 2 minutes.
# @role monitoring
resource "aws_cloudwatch_metric_alarm" "api_no_healthy_targets" {
  alarm_name          = "${var.name}-api-no-healthy-targets"
  alarm_description   = "No healthy fastapi-app task behind the ALB"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HealthyHostCount"
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 2
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]

  dimensions = {
    LoadBalancer = var.alb_arn_suffix
    TargetGroup  = var.target_group_arn_suffix
  }
}

# @intent A t4g.micro runs out of CPU credits quietly; this warns before queries start timing out.
# @role monitoring
resource "aws_cloudwatch_metric_alarm" "db_cpu" {
  alarm_name          = "${var.name}-db-cpu"
  alarm_description   = "MySQL CPU above 80% for 15 minutes"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]

  dimensions = {
    DBInstanceIdentifier = var.db_instance_identifier
  }
}

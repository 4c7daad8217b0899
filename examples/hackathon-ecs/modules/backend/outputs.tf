output "alb_dns_name" {
  description = "DNS name of the API load balancer (target of the api alias record)."
  value       = aws_lb.api.dns_name
}

output "alb_zone_id" {
  description = "Hosted zone ID of the load balancer, for alias records."
  value       = aws_lb.api.zone_id
}

output "alb_arn_suffix" {
  description = "ALB ARN suffix, the CloudWatch metric dimension."
  value       = aws_lb.api.arn_suffix
}

output "target_group_arn_suffix" {
  description = "Target group ARN suffix, the CloudWatch metric dimension."
  value       = aws_lb_target_group.api.arn_suffix
}

output "app_security_group_id" {
  description = "Security group of the FastAPI tasks; the database allows it on 3306."
  value       = aws_security_group.app.id
}

output "check_security_group_id" {
  description = "Security group of the mysql-client check task; the database allows it on 3306."
  value       = aws_security_group.check.id
}

output "execution_role_arn" {
  description = "Shared ECS task execution role (image pull, logs, secrets)."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "Role the application containers run as."
  value       = aws_iam_role.task.arn
}

output "ecr_repository_url" {
  description = "ECR repository URL for the FastAPI image."
  value       = aws_ecr_repository.api.repository_url
}

output "api_image" {
  description = "Full image reference (repository:tag) currently deployed."
  value       = local.api_image
}

output "cluster_name" {
  description = "ECS cluster that runs the service and the one-off tasks."
  value       = aws_ecs_cluster.main.name
}

output "github_actions_role_arn" {
  description = "Role assumed by GitHub Actions through OIDC."
  value       = aws_iam_role.github_actions.arn
}

output "db_migration_run_task_command" {
  description = "AWS CLI command to run the db-migration task once."
  value = join(" ", [
    "aws ecs run-task --cluster ${aws_ecs_cluster.main.name}",
    "--launch-type FARGATE --task-definition ${aws_ecs_task_definition.db_migration.family}",
    "--network-configuration 'awsvpcConfiguration={subnets=[${join(",", var.private_subnet_ids)}],securityGroups=[${aws_security_group.app.id}],assignPublicIp=DISABLED}'",
  ])
}

output "mysql_client_run_task_command" {
  description = "AWS CLI command to run the mysql-client connection check."
  value = join(" ", [
    "aws ecs run-task --cluster ${aws_ecs_cluster.main.name}",
    "--launch-type FARGATE --task-definition ${aws_ecs_task_definition.mysql_client.family}",
    "--network-configuration 'awsvpcConfiguration={subnets=[${join(",", var.private_subnet_ids)}],securityGroups=[${aws_security_group.check.id}],assignPublicIp=DISABLED}'",
  ])
}

output "log_group_names" {
  description = "Log group name per ECS task family."
  value       = { for family, group in aws_cloudwatch_log_group.task : family => group.name }
}

output "datadog_api_key_secret_arn" {
  description = "ARN of the Datadog secret (api_key, app_key)."
  value       = aws_secretsmanager_secret.datadog.arn
}

output "alerts_topic_arn" {
  description = "SNS topic that receives CloudWatch alarms."
  value       = aws_sns_topic.alerts.arn
}

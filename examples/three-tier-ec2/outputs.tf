output "url" {
  description = "Public URL of the application."
  value       = "https://${local.fqdn}"
}

output "alb_dns_name" {
  description = "DNS name of the load balancer (for testing before DNS propagates)."
  value       = aws_lb.web.dns_name
}

# @intent Operators connect with `aws ssm start-session --target <instance-id>` on instances of
#   this group; there is no SSH key to hand out.
output "autoscaling_group_name" {
  description = "Auto Scaling group of the web instances."
  value       = aws_autoscaling_group.web.name
}

output "db_endpoint" {
  description = "Writer endpoint of the MySQL instance (follows Multi-AZ failover)."
  value       = aws_db_instance.main.address
}

output "db_master_secret_arn" {
  description = "Secrets Manager secret managed by RDS with the master credentials."
  value       = aws_db_instance.main.master_user_secret[0].secret_arn
}

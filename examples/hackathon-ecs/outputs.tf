output "site_url" {
  description = "Public URL of the Next.js site."
  value       = "https://${var.domain_name}"
}

output "api_url" {
  description = "Public URL of the FastAPI service."
  value       = "https://${var.api_subdomain}.${var.domain_name}"
}

# @intent Registrar needs these once: delegate example.com to the new hosted zone.
output "name_servers" {
  description = "Name servers of the hosted zone; set them at the domain registrar."
  value       = module.dns.name_servers
}

# @intent Frontend CI syncs the build output here.
output "site_bucket_name" {
  description = "S3 bucket that holds the static site."
  value       = module.frontend.bucket_name
}

output "cloudfront_distribution_id" {
  description = "Distribution to invalidate after each frontend deploy."
  value       = module.frontend.distribution_id
}

output "ecr_repository_url" {
  description = "Where CI pushes the FastAPI image."
  value       = module.backend.ecr_repository_url
}

output "github_actions_role_arn" {
  description = "Role GitHub Actions assumes through OIDC to push images and run migrations."
  value       = module.backend.github_actions_role_arn
}

# @intent The exact command CI runs after pushing an image; documented here so nobody has to
#   reconstruct subnets and security groups by hand.
output "db_migration_run_task_command" {
  description = "AWS CLI command that runs the db-migration one-off task."
  value       = module.backend.db_migration_run_task_command
}

# @intent For the "is the database reachable?" moment during the event.
output "mysql_client_run_task_command" {
  description = "AWS CLI command that runs the mysql-client connection check."
  value       = module.backend.mysql_client_run_task_command
}

output "db_secret_arn" {
  description = "Secrets Manager secret holding the database host, user and password."
  value       = module.database.db_secret_arn
  sensitive   = true
}

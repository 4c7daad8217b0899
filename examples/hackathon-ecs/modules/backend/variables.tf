variable "name" {
  description = "Prefix for resource names."
  type        = string
}

variable "vpc_id" {
  description = "VPC the ALB, target group and security groups belong to."
  type        = string
}

variable "public_subnet_ids" {
  description = "Subnets for the internet-facing ALB (two AZs)."
  type        = list(string)
}

variable "private_subnet_ids" {
  description = "Subnets for the Fargate tasks (no public IPs)."
  type        = list(string)
}

variable "zone_id" {
  description = "Route 53 zone for the API certificate's validation records."
  type        = string
}

variable "api_domain_name" {
  description = "Fully qualified name of the API, e.g. api.example.com."
  type        = string
}

variable "image_tag" {
  description = "Image tag (git SHA) the service and one-off tasks run."
  type        = string
}

variable "desired_count" {
  description = "Minimum and initial number of API tasks."
  type        = number
}

variable "max_count" {
  description = "Maximum number of API tasks under auto scaling."
  type        = number
}

# @intent Comes from the database module, so the backend never sees the password in Terraform,
#   only the ARN ECS resolves at task start.
variable "db_secret_arn" {
  description = "ARN of the Secrets Manager secret with host, dbname, username and password keys."
  type        = string
}

variable "datadog_api_key_secret_arn" {
  description = "ARN of the Datadog secret (JSON with an api_key key)."
  type        = string
}

variable "datadog_site" {
  description = "Datadog site for the agent sidecar."
  type        = string
}

variable "log_group_names" {
  description = "CloudWatch log group name per task family (keys: fastapi-app, db-migration, mysql-client)."
  type        = map(string)
}

variable "github_repository" {
  description = "GitHub repository (owner/name) trusted by the deploy role."
  type        = string
}

# @intent Tokyo, because the judges and the users are in Japan; keeps API latency low.
variable "region" {
  description = "AWS region for everything except the CloudFront certificate (always us-east-1)."
  type        = string
  default     = "ap-northeast-1"
}

# @intent Prefix for resource names and the `Project` cost tag.
variable "name" {
  description = "Short project name used as a prefix for resource names."
  type        = string
  default     = "hackathon"
}

variable "domain_name" {
  description = "Apex domain served by CloudFront; a Route 53 hosted zone is created for it."
  type        = string
  default     = "example.com"
}

variable "api_subdomain" {
  description = "Subdomain of domain_name that points at the API load balancer."
  type        = string
  default     = "api"
}

# @intent Leaves room for a second environment later without renumbering.
variable "vpc_cidr" {
  description = "CIDR block of the VPC; split into 2 public and 2 private /20 subnets."
  type        = string
  default     = "10.20.0.0/16"
}

# @intent CI passes the git SHA here so a deploy is a plan with a new tag, and a rollback is a plan
#   with the old one.
variable "api_image_tag" {
  description = "Tag of the FastAPI image in ECR that the service and one-off tasks run."
  type        = string
  default     = "latest"
}

variable "api_desired_count" {
  description = "Number of fastapi-app tasks to run at rest."
  type        = number
  default     = 1

  validation {
    condition     = var.api_desired_count >= 1
    error_message = "Run at least one API task; the ALB has nothing to route to otherwise."
  }
}

variable "api_max_count" {
  description = "Upper bound for CPU-based auto scaling of the API service (caps the demo-day bill)."
  type        = number
  default     = 4
}

# @intent Smallest Graviton class; enough for a demo and cheap to leave running for a weekend.
variable "db_instance_class" {
  description = "RDS instance class for MySQL."
  type        = string
  default     = "db.t4g.micro"
}

variable "db_name" {
  description = "Name of the application database created in MySQL."
  type        = string
  default     = "app"
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps task logs; Datadog holds the searchable copy."
  type        = number
  default     = 14
}

variable "alarm_email" {
  description = "Address subscribed to the alarm SNS topic (confirm the subscription e-mail once)."
  type        = string
  default     = "oncall@example.com"
}

variable "datadog_site" {
  description = "Datadog site the agent and init task talk to."
  type        = string
  default     = "ap1.datadoghq.com"
}

# @intent Scopes the GitHub Actions OIDC trust to this repository only.
variable "github_repository" {
  description = "GitHub repository (owner/name) allowed to assume the deploy role."
  type        = string
  default     = "example-org/hackathon"
}

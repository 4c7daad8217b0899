variable "region" {
  description = "AWS region."
  type        = string
  default     = "ap-northeast-1"
}

variable "name" {
  description = "Prefix for resource names."
  type        = string
  default     = "three-tier"
}

# @intent The zone must already exist in Route 53; this design only adds records to it.
variable "domain_name" {
  description = "Existing Route 53 hosted zone."
  type        = string
  default     = "example.com"
}

variable "subdomain" {
  description = "Record under domain_name that points at the ALB."
  type        = string
  default     = "www"
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC; split into /24 subnets per tier and AZ."
  type        = string
  default     = "10.0.0.0/16"
}

variable "instance_type" {
  description = "EC2 instance type of the web instances."
  type        = string
  default     = "t3.small"
}

# @intent Two instances at rest, one per AZ, so losing an AZ halves capacity instead of ending service.
variable "min_instances" {
  description = "Minimum (and initial) size of the Auto Scaling group."
  type        = number
  default     = 2
}

variable "max_instances" {
  description = "Maximum size of the Auto Scaling group."
  type        = number
  default     = 6
}

variable "flask_image" {
  description = "Container image of the Flask application."
  type        = string
  default     = "ghcr.io/example-org/flask-app:1.0.0"
}

variable "nginx_image" {
  description = "Container image of the Nginx reverse proxy."
  type        = string
  default     = "public.ecr.aws/nginx/nginx:1.27"
}

variable "db_instance_class" {
  description = "RDS instance class (Multi-AZ doubles its cost)."
  type        = string
  default     = "db.t3.medium"
}

variable "db_name" {
  description = "Application database name."
  type        = string
  default     = "webapp"
}

variable "alarm_email" {
  description = "E-mail address that receives alarm notifications."
  type        = string
  default     = "ops@example.com"
}

variable "name" {
  description = "Prefix for resource names."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the task log groups, in days."
  type        = number
}

variable "alarm_email" {
  description = "E-mail address subscribed to the alarm topic."
  type        = string
}

variable "datadog_site" {
  description = "Datadog site for the init task."
  type        = string
}

# @intent Reuses the backend's execution role instead of a second copy with the same permissions.
variable "execution_role_arn" {
  description = "ECS task execution role for init-datadog (pulls the image, reads the Datadog secret)."
  type        = string
}

variable "task_role_arn" {
  description = "Role the init-datadog container runs as."
  type        = string
}

variable "api_image" {
  description = "FastAPI image; init-datadog runs it with a different command."
  type        = string
}

variable "alb_arn_suffix" {
  description = "ALB ARN suffix for the ApplicationELB alarms."
  type        = string
}

variable "target_group_arn_suffix" {
  description = "Target group ARN suffix for the healthy-host alarm."
  type        = string
}

variable "db_instance_identifier" {
  description = "RDS instance identifier for the CPU alarm."
  type        = string
}

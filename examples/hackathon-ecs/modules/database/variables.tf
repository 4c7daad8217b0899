variable "name" {
  description = "Prefix for resource names."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the database security group."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the DB subnet group (two AZs)."
  type        = list(string)
}

variable "app_security_group_id" {
  description = "Security group of the FastAPI tasks, allowed on 3306."
  type        = string
}

variable "check_security_group_id" {
  description = "Security group of the mysql-client check task, allowed on 3306."
  type        = string
}

variable "instance_class" {
  description = "RDS instance class."
  type        = string
}

variable "db_name" {
  description = "Application database name."
  type        = string
}

variable "db_username" {
  description = "Master user name."
  type        = string
  default     = "app"
}

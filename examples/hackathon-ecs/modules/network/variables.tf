variable "name" {
  description = "Prefix for resource names."
  type        = string
}

variable "cidr_block" {
  description = "CIDR block of the VPC."
  type        = string
}

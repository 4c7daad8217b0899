# @intent Pins Terraform and the AWS provider so the classroom and CI plan identically.
terraform {
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

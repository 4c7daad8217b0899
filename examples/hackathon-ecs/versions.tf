# @intent Pins Terraform and the providers so every teammate and the CI runner plan with the same
#   behaviour. AWS provider 5.x is required for `aws_vpc_security_group_ingress_rule` and
#   CloudFront Origin Access Control.
terraform {
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}

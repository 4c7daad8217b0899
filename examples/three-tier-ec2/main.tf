/**
 * Three-tier web application on EC2: the classic first AWS design.
 *
 * An Application Load Balancer terminates HTTPS for `www.example.com` and spreads requests over
 * EC2 instances in an Auto Scaling group across two AZs. Each instance runs Nginx and a Flask app
 * in Docker; the data tier is RDS MySQL Multi-AZ in isolated subnets. Operators reach instances
 * with SSM Session Manager through VPC endpoints: there is no bastion host and no SSH port.
 */

# @intent All resources in Tokyo, tagged so the cost explorer can filter the whole system.
provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project   = var.name
      ManagedBy = "terraform"
    }
  }
}

# @intent Two AZs are the minimum for an ALB and for RDS Multi-AZ; chosen from the account's list
#   instead of hard-coded names.
data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  azs  = slice(data.aws_availability_zones.available.names, 0, 2)
  fqdn = "${var.subdomain}.${var.domain_name}"
}

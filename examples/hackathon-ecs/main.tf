/**
 * ## How it runs
 *
 * `terraform apply` creates everything below. On every merge to main, GitHub Actions pushes the
 * image to ECR, runs `db-migration` and `init-datadog` with `aws ecs run-task`, then rolls the
 * `fastapi-app` service. When the API cannot reach MySQL, whoever is on call runs `mysql-client`
 * by hand: it uses its own security group, so a passing check proves the path, not a leftover rule.
 */

# @intent Default provider for everything that lives next to the users in Tokyo: VPC, ALB, ECS,
#   RDS. `default_tags` stamps every resource with project and owner so the bill can be split
#   after the event.
provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project   = var.name
      ManagedBy = "terraform"
      Repo      = var.github_repository
    }
  }
}

# @intent CloudFront only accepts ACM certificates issued in us-east-1, so the site certificate
#   needs a second provider configuration pinned to that region. Only the frontend module gets it.
# @link https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = {
      Project   = var.name
      ManagedBy = "terraform"
      Repo      = var.github_repository
    }
  }
}

# @intent The VPC every private workload sits in: 2 public subnets for the ALB and the NAT gateway,
#   2 private subnets for Fargate tasks and RDS, across two AZs so the ALB and the DB subnet group
#   are valid. One NAT gateway only: a hackathon accepts losing egress if one AZ fails.
# @role network
# @group network
# @owner platform
module "network" {
  source = "./modules/network"

  name       = var.name
  cidr_block = var.vpc_cidr
}

# @intent Owns the public DNS zone and the two alias records users actually type. It only points
#   names at things the frontend and backend modules create; certificates validate themselves in
#   their own modules with the zone id it exports.
# @role edge
# @group edge
# @owner platform
module "dns" {
  source = "./modules/dns"

  domain_name            = var.domain_name
  api_subdomain          = var.api_subdomain
  cloudfront_domain_name = module.frontend.distribution_domain_name
  cloudfront_zone_id     = module.frontend.distribution_hosted_zone_id
  alb_dns_name           = module.backend.alb_dns_name
  alb_zone_id            = module.backend.alb_zone_id
}

# @intent Serves the Next.js static export (`next build && next export`) from a private S3 bucket
#   through CloudFront. No servers to patch or scale: the frontend team deploys with
#   `aws s3 sync` plus an invalidation and never touches ECS.
# @role edge
# @group frontend
# @owner frontend
module "frontend" {
  source = "./modules/frontend"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  name        = var.name
  domain_name = var.domain_name
  zone_id     = module.dns.zone_id
}

# @intent Everything the FastAPI service needs to run: ECR, the ALB with HTTPS, the ECS cluster,
#   the resident `fastapi-app` service and the `db-migration` / `mysql-client` task definitions,
#   their IAM roles, and the deploy role GitHub Actions assumes. It receives the database secret
#   and the log groups instead of creating them, so the data and monitoring owners stay in charge
#   of those.
# @role resident
# @group backend
# @owner backend
module "backend" {
  source = "./modules/backend"

  name               = var.name
  vpc_id             = module.network.vpc_id
  public_subnet_ids  = module.network.public_subnet_ids
  private_subnet_ids = module.network.private_subnet_ids
  zone_id            = module.dns.zone_id
  api_domain_name    = "${var.api_subdomain}.${var.domain_name}"

  image_tag     = var.api_image_tag
  desired_count = var.api_desired_count
  max_count     = var.api_max_count

  db_secret_arn              = module.database.db_secret_arn
  datadog_api_key_secret_arn = module.monitoring.datadog_api_key_secret_arn
  datadog_site               = var.datadog_site
  log_group_names            = module.monitoring.log_group_names
  github_repository          = var.github_repository
}

# @intent RDS MySQL in the private subnets, its security group and the Secrets Manager secret that
#   carries host, user and password. Only the app and the check task security groups may connect;
#   nothing on the internet can.
# @role data
# @group data
# @owner backend
module "database" {
  source = "./modules/database"

  name                    = var.name
  vpc_id                  = module.network.vpc_id
  private_subnet_ids      = module.network.private_subnet_ids
  app_security_group_id   = module.backend.app_security_group_id
  check_security_group_id = module.backend.check_security_group_id
  instance_class          = var.db_instance_class
  db_name                 = var.db_name
}

# @intent Log groups for every task family, the Datadog API key secret, the `init-datadog` setup
#   task and the few CloudWatch alarms that page the team. Kept apart from the backend so adding an
#   alarm never needs a change to the service.
# @role monitoring
# @group monitoring
# @owner platform
module "monitoring" {
  source = "./modules/monitoring"

  name                    = var.name
  log_retention_days      = var.log_retention_days
  alarm_email             = var.alarm_email
  datadog_site            = var.datadog_site
  execution_role_arn      = module.backend.execution_role_arn
  task_role_arn           = module.backend.task_role_arn
  api_image               = module.backend.api_image
  alb_arn_suffix          = module.backend.alb_arn_suffix
  target_group_arn_suffix = module.backend.target_group_arn_suffix
  db_instance_identifier  = module.database.db_instance_identifier
}

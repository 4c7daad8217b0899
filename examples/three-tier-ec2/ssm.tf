locals {
  # The three endpoints Session Manager needs when instances have no direct internet path to SSM.
  ssm_services = toset(["ssm", "ssmmessages", "ec2messages"])
}

data "aws_region" "current" {}

# @intent Session Manager traffic stays inside the VPC: instances reach SSM over these interface
#   endpoints instead of the NAT gateway, so shell access keeps working even if NAT is down,
#   and there is no bastion host or open port 22 to maintain.
# @role network
# @group operations
# @link https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html
resource "aws_vpc_endpoint" "ssm" {
  for_each = local.ssm_services

  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.${data.aws_region.current.name}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.app[*].id
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true

  tags = {
    Name = "${var.name}-${each.key}"
  }
}

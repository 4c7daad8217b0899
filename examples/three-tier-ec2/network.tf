# @intent One VPC with three subnet tiers (public, app, db), each in two AZs. The tiers mirror the
#   three tiers of the application, so a security review can read the design off the subnet names.
# @role network
# @group network
resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = "${var.name}-vpc"
  }
}

# @intent Internet access for the public tier (ALB and NAT gateway) only.
resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id

  tags = {
    Name = "${var.name}-igw"
  }
}

# @intent Public tier: the ALB's two legs and the NAT gateway. No instances.
# @role network
# @group network
resource "aws_subnet" "public" {
  count = length(local.azs)

  vpc_id            = aws_vpc.main.id
  availability_zone = local.azs[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index)

  tags = {
    Name = "${var.name}-public-${local.azs[count.index]}"
  }
}

# @intent App tier: the web instances, without public IPs. Outbound through NAT to pull container
#   images and OS updates.
# @role network
# @group network
resource "aws_subnet" "app" {
  count = length(local.azs)

  vpc_id            = aws_vpc.main.id
  availability_zone = local.azs[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index + 10)

  tags = {
    Name = "${var.name}-app-${local.azs[count.index]}"
  }
}

# @intent DB tier: isolated, no route to the internet at all. Only the RDS primary and standby live
#   here.
# @role network
# @group network
resource "aws_subnet" "db" {
  count = length(local.azs)

  vpc_id            = aws_vpc.main.id
  availability_zone = local.azs[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index + 20)

  tags = {
    Name = "${var.name}-db-${local.azs[count.index]}"
  }
}

# @intent Fixed public address for the NAT gateway.
resource "aws_eip" "nat" {
  domain     = "vpc"
  depends_on = [aws_internet_gateway.main]

  tags = {
    Name = "${var.name}-nat"
  }
}

# @intent Outbound internet for the app tier (docker pulls, dnf updates). One gateway to keep the
#   bill small; a production setup would run one per AZ.
# @role network
resource "aws_nat_gateway" "main" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[0].id
  depends_on    = [aws_internet_gateway.main]

  tags = {
    Name = "${var.name}-nat"
  }
}

# @intent Public tier routes: default route to the internet gateway.
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }

  tags = {
    Name = "${var.name}-public"
  }
}

# @intent App tier routes: default route through the NAT gateway.
resource "aws_route_table" "app" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main.id
  }

  tags = {
    Name = "${var.name}-app"
  }
}

# @intent DB tier routes: only the implicit local route; the database can never reach the internet.
resource "aws_route_table" "db" {
  vpc_id = aws_vpc.main.id

  tags = {
    Name = "${var.name}-db"
  }
}

# @intent Binds each public subnet to the internet route.
resource "aws_route_table_association" "public" {
  count = length(aws_subnet.public)

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

# @intent Binds each app subnet to the NAT route.
resource "aws_route_table_association" "app" {
  count = length(aws_subnet.app)

  subnet_id      = aws_subnet.app[count.index].id
  route_table_id = aws_route_table.app.id
}

# @intent Binds each DB subnet to the local-only route table.
resource "aws_route_table_association" "db" {
  count = length(aws_subnet.db)

  subnet_id      = aws_subnet.db[count.index].id
  route_table_id = aws_route_table.db.id
}

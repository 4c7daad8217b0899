# Intent: the network every tier sits in.
resource "aws_vpc" "main" {
  cidr_block = var.cidr
  tags       = { Name = "${var.name}-vpc" }
}

resource "aws_subnet" "private" {
  count      = length(var.azs)
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(var.cidr, 8, count.index)
}

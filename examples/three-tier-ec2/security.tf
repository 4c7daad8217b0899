# @intent Web tier entry: the internet may reach the ALB on 443 (and 80 for the redirect only).
# @role security
resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "ALB: HTTPS from the internet"
  vpc_id      = aws_vpc.main.id
}

# @intent Public HTTPS.
resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from the internet"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# @intent Port 80 open only so the listener can redirect to HTTPS.
resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTP from the internet, redirected"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

# @intent The ALB may only talk to the instances' Nginx.
resource "aws_vpc_security_group_egress_rule" "alb_to_app" {
  security_group_id            = aws_security_group.alb.id
  description                  = "HTTP to the web instances"
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
  referenced_security_group_id = aws_security_group.app.id
}

# @intent App tier: Nginx on 80 is reachable from the ALB only. No port 22 anywhere: operators
#   use Session Manager.
# @role security
resource "aws_security_group" "app" {
  name        = "${var.name}-app"
  description = "Web instances: 80 from the ALB only"
  vpc_id      = aws_vpc.main.id
}

# @intent The ALB → instance edge.
resource "aws_vpc_security_group_ingress_rule" "app_from_alb" {
  security_group_id            = aws_security_group.app.id
  description                  = "HTTP from the ALB"
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
  referenced_security_group_id = aws_security_group.alb.id
}

# @intent Instances pull images and talk to MySQL, the SSM endpoints and AWS APIs; the route tables
#   and the NAT gateway bound where that can go.
resource "aws_vpc_security_group_egress_rule" "app_all" {
  security_group_id = aws_security_group.app.id
  description       = "All outbound"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

# @intent Data tier: MySQL accepts connections from the app tier only.
# @role security
resource "aws_security_group" "db" {
  name        = "${var.name}-db"
  description = "MySQL: 3306 from the web instances only"
  vpc_id      = aws_vpc.main.id
}

# @intent The instance → database edge.
resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
  security_group_id            = aws_security_group.db.id
  description                  = "MySQL from the web instances"
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = aws_security_group.app.id
}

# @intent The interface endpoints accept HTTPS from the instances, which is all Session Manager
#   needs.
# @role security
resource "aws_security_group" "endpoints" {
  name        = "${var.name}-vpce"
  description = "SSM interface endpoints: 443 from the web instances"
  vpc_id      = aws_vpc.main.id
}

# @intent The instance → SSM endpoint edge.
resource "aws_vpc_security_group_ingress_rule" "endpoints_from_app" {
  security_group_id            = aws_security_group.endpoints.id
  description                  = "HTTPS from the web instances"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.app.id
}

# @intent Public hosted zone for example.com. Creating it here (instead of in the registrar's DNS)
#   lets Terraform add validation and alias records in the same apply; the registrar only needs
#   the four name servers once.
# @role edge
# @owner platform
resource "aws_route53_zone" "this" {
  name    = var.domain_name
  comment = "Managed by Terraform"
}

# @intent `example.com` → CloudFront. An alias record (not a CNAME) because the apex cannot hold a
#   CNAME, and alias queries to AWS targets are free.
# @role edge
# @group frontend
resource "aws_route53_record" "site" {
  zone_id = aws_route53_zone.this.zone_id
  name    = var.domain_name
  type    = "A"

  alias {
    name                   = var.cloudfront_domain_name
    zone_id                = var.cloudfront_zone_id
    evaluate_target_health = false
  }
}

# @intent Same as the A record for IPv6 clients; the distribution has IPv6 enabled.
# @group frontend
resource "aws_route53_record" "site_ipv6" {
  zone_id = aws_route53_zone.this.zone_id
  name    = var.domain_name
  type    = "AAAA"

  alias {
    name                   = var.cloudfront_domain_name
    zone_id                = var.cloudfront_zone_id
    evaluate_target_health = false
  }
}

# @intent `api.example.com` → the ALB. Target health is evaluated so Route 53 stops answering if
#   the load balancer has no healthy targets at all.
# @role edge
# @group backend
resource "aws_route53_record" "api" {
  zone_id = aws_route53_zone.this.zone_id
  name    = "${var.api_subdomain}.${var.domain_name}"
  type    = "A"

  alias {
    name                   = var.alb_dns_name
    zone_id                = var.alb_zone_id
    evaluate_target_health = true
  }
}

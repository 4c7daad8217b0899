# @intent The zone already exists (the domain was bought through Route 53); we only add records.
data "aws_route53_zone" "main" {
  name         = var.domain_name
  private_zone = false
}

# @intent Public certificate for www.example.com, in the ALB's region.
# @role edge
resource "aws_acm_certificate" "web" {
  domain_name       = local.fqdn
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# @intent DNS validation records; ACM renews the certificate on its own as long as they exist.
resource "aws_route53_record" "cert_validation" {
  for_each = {
    for dvo in aws_acm_certificate.web.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      type   = dvo.resource_record_type
      record = dvo.resource_record_value
    }
  }

  zone_id         = data.aws_route53_zone.main.zone_id
  name            = each.value.name
  type            = each.value.type
  records         = [each.value.record]
  ttl             = 60
  allow_overwrite = true
}

# @intent Holds the HTTPS listener back until the certificate is issued.
resource "aws_acm_certificate_validation" "web" {
  certificate_arn         = aws_acm_certificate.web.arn
  validation_record_fqdns = [for record in aws_route53_record.cert_validation : record.fqdn]
}

# @intent `www.example.com` → ALB as an alias record, so the ALB's changing IPs never matter.
# @role edge
# @group web
resource "aws_route53_record" "web" {
  zone_id = data.aws_route53_zone.main.zone_id
  name    = local.fqdn
  type    = "A"

  alias {
    name                   = aws_lb.web.dns_name
    zone_id                = aws_lb.web.zone_id
    evaluate_target_health = true
  }
}

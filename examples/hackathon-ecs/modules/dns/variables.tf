variable "domain_name" {
  description = "Apex domain of the hosted zone."
  type        = string
}

variable "api_subdomain" {
  description = "Label of the API record under domain_name."
  type        = string
}

variable "cloudfront_domain_name" {
  description = "Domain name of the CloudFront distribution serving the site."
  type        = string
}

variable "cloudfront_zone_id" {
  description = "Hosted zone ID of the CloudFront distribution."
  type        = string
}

variable "alb_dns_name" {
  description = "DNS name of the API load balancer."
  type        = string
}

variable "alb_zone_id" {
  description = "Hosted zone ID of the API load balancer."
  type        = string
}

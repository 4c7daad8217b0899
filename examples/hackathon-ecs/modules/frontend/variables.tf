variable "name" {
  description = "Prefix for resource names."
  type        = string
}

variable "domain_name" {
  description = "Domain the site is served on (CloudFront alias and certificate name)."
  type        = string
}

variable "zone_id" {
  description = "Route 53 hosted zone for the certificate validation records."
  type        = string
}

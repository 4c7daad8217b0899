output "zone_id" {
  description = "ID of the hosted zone, for certificate validation records in other modules."
  value       = aws_route53_zone.this.zone_id
}

output "name_servers" {
  description = "Name servers to set at the registrar."
  value       = aws_route53_zone.this.name_servers
}

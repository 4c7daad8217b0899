output "bucket_name" {
  description = "Bucket the frontend CI syncs the static export into."
  value       = aws_s3_bucket.site.id
}

output "distribution_id" {
  description = "CloudFront distribution ID, for cache invalidations."
  value       = aws_cloudfront_distribution.site.id
}

output "distribution_domain_name" {
  description = "CloudFront domain name the apex alias record points at."
  value       = aws_cloudfront_distribution.site.domain_name
}

output "distribution_hosted_zone_id" {
  description = "CloudFront's hosted zone ID, needed for alias records."
  value       = aws_cloudfront_distribution.site.hosted_zone_id
}

# @intent The account ID makes the bucket name globally unique without a random suffix.
data "aws_caller_identity" "current" {}

# @intent AWS-managed "CachingOptimized" policy: long TTLs and compression for hashed Next.js
#   assets. Looked up by name rather than by a copied ID.
data "aws_cloudfront_cache_policy" "caching_optimized" {
  name = "Managed-CachingOptimized"
}

# @intent Holds the output of `next build` (static export). Private: the only reader is CloudFront
#   through OAC, so there is no website endpoint and no public object ACL to get wrong. The
#   account ID in the name keeps it globally unique without random suffixes.
# @role data
# @owner frontend
resource "aws_s3_bucket" "site" {
  bucket = "${var.name}-site-${data.aws_caller_identity.current.account_id}"

  tags = {
    Name = "${var.name}-site"
  }
}

# @intent Belt and braces: even a mistaken policy or ACL cannot make the bucket public.
resource "aws_s3_bucket_public_access_block" "site" {
  bucket = aws_s3_bucket.site.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# @intent A bad `aws s3 sync --delete` is undone by restoring previous object versions, not by
#   rebuilding an old commit under time pressure.
resource "aws_s3_bucket_versioning" "site" {
  bucket = aws_s3_bucket.site.id

  versioning_configuration {
    status = "Enabled"
  }
}

# @intent SSE-S3 encryption at rest; free and compatible with OAC (SSE-KMS would need a key policy).
resource "aws_s3_bucket_server_side_encryption_configuration" "site" {
  bucket = aws_s3_bucket.site.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# @intent Lets exactly this distribution read objects, using the CloudFront service principal with
#   an `AWS:SourceArn` condition (the OAC pattern that replaced origin access identities).
data "aws_iam_policy_document" "site_bucket" {
  statement {
    sid       = "AllowCloudFrontRead"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.site.arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.site.arn]
    }
  }
}

# @intent Attaches the read-only-for-CloudFront policy above.
# @role security
resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = data.aws_iam_policy_document.site_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.site]
}

# @intent CloudFront signs its requests to S3 with SigV4 so the bucket can stay private.
# @link https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
resource "aws_cloudfront_origin_access_control" "site" {
  name                              = "${var.name}-site"
  description                       = "CloudFront to the ${var.name} site bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# @intent A Next.js static export writes `/about.html`, but users type `/about`. This tiny viewer
#   request function maps clean URLs to files, which S3 (without website hosting) cannot do.
resource "aws_cloudfront_function" "rewrite" {
  name    = "${var.name}-clean-urls"
  runtime = "cloudfront-js-2.0"
  comment = "Map /path and /path/ to the exported .html files"
  publish = true
  code    = <<-EOT
    function handler(event) {
      var request = event.request;
      var uri = request.uri;
      if (uri.endsWith('/')) {
        request.uri += 'index.html';
      } else if (!uri.includes('.')) {
        request.uri += '.html';
      }
      return request;
    }
  EOT
}

# @intent The front door for `example.com`: HTTPS at the edge, caching close to users and the only
#   reader of the bucket. PriceClass_200 includes the Japanese edge locations without paying for
#   every region.
# @role edge
# @owner frontend
resource "aws_cloudfront_distribution" "site" {
  enabled             = true
  is_ipv6_enabled     = true
  http_version        = "http2and3"
  comment             = "${var.name} Next.js site"
  default_root_object = "index.html"
  aliases             = [var.domain_name]
  price_class         = "PriceClass_200"

  origin {
    origin_id                = "s3-site"
    domain_name              = aws_s3_bucket.site.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.site.id
  }

  default_cache_behavior {
    target_origin_id       = "s3-site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD", "OPTIONS"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = data.aws_cloudfront_cache_policy.caching_optimized.id
    compress               = true

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.rewrite.arn
    }
  }

  # S3 answers 403 for a missing key when the caller may not list the bucket.
  custom_error_response {
    error_code            = 403
    response_code         = 404
    response_page_path    = "/404.html"
    error_caching_min_ttl = 60
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate_validation.site.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

# @intent Certificate for the apex domain. Issued in us-east-1 through the provider alias because
#   CloudFront reads certificates only from there.
# @role edge
resource "aws_acm_certificate" "site" {
  provider = aws.us_east_1

  domain_name       = var.domain_name
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# @intent DNS validation records in our own zone, so the certificate renews itself with no one
#   clicking e-mails.
resource "aws_route53_record" "site_validation" {
  for_each = {
    for dvo in aws_acm_certificate.site.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      type   = dvo.resource_record_type
      record = dvo.resource_record_value
    }
  }

  zone_id         = var.zone_id
  name            = each.value.name
  type            = each.value.type
  records         = [each.value.record]
  ttl             = 60
  allow_overwrite = true
}

# @intent Waits until ACM has issued the certificate, so the distribution is never created with a
#   pending one.
resource "aws_acm_certificate_validation" "site" {
  provider = aws.us_east_1

  certificate_arn         = aws_acm_certificate.site.arn
  validation_record_fqdns = [for record in aws_route53_record.site_validation : record.fqdn]
}

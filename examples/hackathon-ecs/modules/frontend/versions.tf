# @intent The module needs two AWS configurations: the default one (S3, Route 53) and `aws.us_east_1`
#   for the CloudFront certificate. Declaring the alias here makes the caller pass it explicitly.
terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      version               = "~> 5.0"
      configuration_aliases = [aws.us_east_1]
    }
  }
}

# Provider pins for the aws target. hashicorp/aws 6.x is the current major; the attribute names the
# templates use were checked against its docs (tests/fixtures/provider-schemas/aws.json). `~> 6.0`
# takes minor/patch fixes but never a new major, whose breaking changes would need a template review.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

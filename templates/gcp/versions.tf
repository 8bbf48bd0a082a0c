# Provider pin for the gcp target. hashicorp/google 6.x is the major the attribute names were checked
# against (tests/fixtures/provider-schemas/google.json); `~> 6.0` takes minor/patch fixes but never a
# new major, whose breaking changes would need a template review.

terraform {
  required_version = ">= 1.5"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }
}

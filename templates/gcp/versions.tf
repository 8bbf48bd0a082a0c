# Provider pin for the gcp target (placeholder layout; resources follow in main.tf).

terraform {
  required_version = ">= 1.5"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }
}

# Provider pin for the libvirt target.
# dmacvicar/libvirt 0.8.3 (March 2025) is the last release of the 0.8 line, the schema most published
# examples and users rely on. 0.9 rewrote the provider (new plugin framework, domain attributes mirror
# libvirt's XML), so no attribute below would carry over; upgrading is a template rewrite, not a bump.

terraform {
  required_version = ">= 1.5"
  required_providers {
    libvirt = {
      source  = "dmacvicar/libvirt"
      version = "0.8.3"
    }
  }
}

provider "libvirt" {
  uri = var.libvirt_uri
}

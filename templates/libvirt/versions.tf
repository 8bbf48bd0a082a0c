# Provider pin for the libvirt target (placeholder layout; resources follow in main.tf).

terraform {
  required_version = ">= 1.5"
  required_providers {
    libvirt = {
      source  = "dmacvicar/libvirt"
      version = "0.8.3"
    }
  }
}

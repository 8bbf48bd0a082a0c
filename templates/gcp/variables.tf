# GCP-specific variables.

variable "gcp_region" {
  description = "GCP region."
  type        = string
}

variable "gcp_zone" {
  description = "GCP zone."
  type        = string
}

variable "gcp_project" {
  description = "GCP project id."
  type        = string
}

variable "enable_spot_instances" {
  description = "Use Spot VMs."
  type        = bool
  default     = false
}

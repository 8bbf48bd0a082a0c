# GCP-specific variables (the service account key path travels as GOOGLE_APPLICATION_CREDENTIALS).

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
  description = "Use Spot VMs (stopped, not deleted, on preemption)."
  type        = bool
  default     = false
}

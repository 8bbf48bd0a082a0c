# Azure-specific variables.

variable "azure_region" {
  description = "Azure region."
  type        = string
}

variable "enable_spot_instances" {
  description = "Use Azure Spot VMs."
  type        = bool
  default     = false
}

# Azure-specific variables (credentials travel only as ARM_* environment variables).

variable "azure_region" {
  description = "Azure region."
  type        = string
}

variable "enable_spot_instances" {
  description = "Use Azure Spot VMs (deallocated on eviction)."
  type        = bool
  default     = false
}

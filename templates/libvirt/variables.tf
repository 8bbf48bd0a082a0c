# libvirt-specific variables (sizes in GiB).

variable "libvirt_uri" {
  description = "libvirt connection URI."
  type        = string
}

variable "libvirt_memory_gib" {
  description = "Memory per VM in GiB."
  type        = number
}

variable "libvirt_vcpus" {
  description = "vCPUs per VM."
  type        = number
}

variable "libvirt_network" {
  description = "libvirt network name."
  type        = string
}

variable "libvirt_pool" {
  description = "libvirt storage pool name."
  type        = string
}

variable "libvirt_domain_type" {
  description = "Domain type: kvm or qemu."
  type        = string
}

variable "libvirt_firmware" {
  description = "Firmware: bios or efi."
  type        = string
}

variable "libvirt_image" {
  description = "Base image path or URL (empty: Ubuntu 24.04 cloud image)."
  type        = string
  default     = ""
}

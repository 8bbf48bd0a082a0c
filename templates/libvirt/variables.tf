# libvirt-specific variables (sizes in GiB). Values come from terraform.tfvars.json written by init.

variable "libvirt_uri" {
  description = "libvirt connection URI (qemu:///system, qemu+ssh://user@host/system)."
  type        = string
  validation {
    condition     = !strcontains(var.libvirt_uri, "session")
    error_message = "session URIs cannot use the system network and pools."
  }
}

variable "node_memory_gib" {
  description = "Memory per VM in GiB."
  type        = number
}

variable "node_vcpus" {
  description = "vCPUs per VM."
  type        = number
}

variable "libvirt_network" {
  description = "Existing libvirt network (never created by terraform)."
  type        = string
}

variable "libvirt_pool" {
  description = "Existing storage pool for every volume (never created by terraform)."
  type        = string
}

variable "libvirt_domain_type" {
  description = "Domain type: kvm (hardware virtualisation) or qemu (software emulation)."
  type        = string
  validation {
    condition     = contains(["kvm", "qemu"], var.libvirt_domain_type)
    error_message = "libvirt_domain_type must be kvm or qemu."
  }
}

variable "libvirt_firmware" {
  description = "Firmware: bios or efi."
  type        = string
  validation {
    condition     = contains(["bios", "efi"], var.libvirt_firmware)
    error_message = "libvirt_firmware must be bios or efi."
  }
}

variable "libvirt_efi_loader" {
  description = "OVMF loader path on the libvirt host (found by init's pre-flight when firmware is efi)."
  type        = string
  default     = ""
}

variable "os_image" {
  description = "OS image of the nodes (the same name in every target): a local path or http(s) URL of a cloud image."
  type        = string
}

variable "libvirt_base_volume" {
  description = "Stable name of the shared base volume in the pool (derived from image and architecture)."
  type        = string
}

variable "libvirt_base_volume_exists" {
  description = "True when init found the base volume in the pool: it is then used, not created."
  type        = bool
  default     = false
}

variable "libvirt_ssh_jump" {
  description = "SSH jump host ([user@]host[:port]) for qemu+ssh URIs; empty for local URIs."
  type        = string
  default     = ""
}

# Ganeti-specific variables (sizes in GiB; the template converts to MiB, Ganeti's native unit).

variable "ganeti_endpoint" {
  description = "RAPI endpoint (https URL)."
  type        = string
}

variable "ganeti_username" {
  description = "RAPI user with write access."
  type        = string
}

variable "ganeti_ca_cert" {
  description = "PEM CA certificate for the RAPI endpoint (empty: not used)."
  type        = string
  default     = ""
}

variable "ganeti_ca_fingerprint" {
  description = "sha256:HEX fingerprint pinning the RAPI certificate (empty: not used)."
  type        = string
  default     = ""
}

variable "ganeti_insecure" {
  description = "Skip TLS verification of the RAPI endpoint."
  type        = bool
  default     = false
}

variable "ganeti_os_type" {
  description = "OS definition, optionally with variant (os+variant)."
  type        = string
}

variable "ganeti_os_params" {
  description = "OS parameters."
  type        = map(string)
  default     = {}
}

variable "ganeti_disk_template" {
  description = "Disk template (empty: the cluster's default)."
  type        = string
  default     = ""
}

variable "ganeti_network" {
  description = "Ganeti network whose pool provides the node IPs (empty: use ganeti_nic_link)."
  type        = string
  default     = ""
}

variable "ganeti_nic_link" {
  description = "Bridge/link for the NIC (empty: use ganeti_network)."
  type        = string
  default     = ""
}

variable "ganeti_node_group" {
  description = "Node group for the instances (empty: any)."
  type        = string
  default     = ""
}

variable "node_memory_gib" {
  description = "Memory per instance in GiB."
  type        = number
}

variable "node_vcpus" {
  description = "vCPUs per instance."
  type        = number
}

variable "ganeti_domain" {
  description = "Suffix of instance names (empty: none)."
  type        = string
  default     = ""
}

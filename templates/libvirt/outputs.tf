# The outputs contract shared by every provider (see templates/README.md).

output "node_names" {
  description = "Node names in order (n11, n12, ...)."
  value       = local.nodes
}

output "node_public_ips" {
  description = "DHCP address of each node on the libvirt network (reached from the libvirt host)."
  value       = [for d in libvirt_domain.node : try(d.network_interface[0].addresses[0], "")]
}

output "node_private_ips" {
  description = "Address of each node inside the cluster network (the same libvirt network)."
  value       = [for d in libvirt_domain.node : try(d.network_interface[0].addresses[0], "")]
}

output "instance_ids" {
  description = "libvirt domain UUIDs."
  value       = libvirt_domain.node[*].id
}

output "ssh_user" {
  description = "User the CLI and Ansible log in as."
  value       = "exasol"
}

output "node_macs" {
  description = "Static MAC of each node (lease lookup: virsh net-dhcp-leases NETWORK --mac MAC)."
  value       = local.macs
}

output "ssh_jump" {
  description = "SSH jump host for qemu+ssh URIs ([user@]host[:port]); empty for local URIs."
  value       = var.libvirt_ssh_jump
}

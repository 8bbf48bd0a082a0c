# The outputs contract shared by every provider (see templates/README.md).

output "node_names" {
  description = "Node names in order (n11, n12, ...)."
  value       = [for i in range(var.node_count) : "n${i + 11}"]
}

output "node_public_ips" {
  description = "Address the CLI and Ansible use to reach each node (static, kept while deallocated)."
  value       = azurerm_public_ip.node[*].ip_address
}

output "node_private_ips" {
  description = "Address of each node inside the cluster network."
  value       = azurerm_network_interface.node[*].private_ip_address
}

output "instance_ids" {
  description = "Azure resource ids of the VMs."
  value       = azurerm_linux_virtual_machine.node[*].id
}

output "ssh_user" {
  description = "User the CLI and Ansible log in as (created by cloud-init)."
  value       = "exasol"
}

# The outputs contract shared by every provider (see templates/README.md).

output "node_names" {
  description = "Node names in order (n11, n12, ...)."
  value       = [for i in range(var.node_count) : "n${i + 11}"]
}

output "node_public_ips" {
  description = "Address the CLI and Ansible use to reach each node."
  value       = [for n in ganeti_instance.node : try(n.nics[0].ip_address, null)]
}

output "node_private_ips" {
  description = "Address of each node inside the cluster network."
  value       = [for n in ganeti_instance.node : try(n.nics[0].ip_address, null)]
}

output "instance_ids" {
  description = "Target-side identifiers of the nodes (Ganeti instance names)."
  value       = ganeti_instance.node[*].name
}

output "ssh_user" {
  description = "User the CLI and Ansible log in as."
  value       = "exasol"
}

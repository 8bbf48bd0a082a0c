# The outputs contract (templates/README.md), declared once. Each target defines the locals read here
# in its own outputs.tf; `exasol deploy` reads them with `terraform output -json` (src/actions/outputs.ts).

output "node_names" {
  description = "Node names in order (n11, n12, ...)."
  value       = local.node_names
}

output "node_public_ips" {
  description = "Address the CLI and Ansible use to reach each node (empty or null while it has none)."
  value       = local.node_public_ips
}

output "node_private_ips" {
  description = "Address of each node inside the cluster network."
  value       = local.node_private_ips
}

output "instance_ids" {
  description = "The target's identifier of each node."
  value       = local.instance_ids
}

output "ssh_user" {
  description = "User the CLI and Ansible log in as."
  value       = local.ssh_user
}

output "ssh_jump" {
  description = "SSH jump host ([user@]host[:port]) in front of the nodes; empty when they are reached directly."
  value       = local.ssh_jump
}

output "data_volume_ids" {
  description = "Per node, the target's ids of its data volumes in slot order (empty lists where the target names none)."
  value       = local.data_volume_ids
}

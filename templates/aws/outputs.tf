# The outputs contract shared by every provider (see templates/README.md).

output "node_names" {
  description = "Node names in order (n11, n12, ...)."
  value       = [for i in range(var.node_count) : "n${i + 11}"]
}

output "node_public_ips" {
  description = "Address the CLI and Ansible use to reach each node (empty while stopped)."
  value       = aws_instance.node[*].public_ip
}

output "node_private_ips" {
  description = "Address of each node inside the cluster network."
  value       = aws_instance.node[*].private_ip
}

output "instance_ids" {
  description = "EC2 instance ids of the nodes."
  value       = aws_instance.node[*].id
}

output "ssh_user" {
  description = "User the CLI and Ansible log in as (created by cloud-init)."
  value       = "exasol"
}

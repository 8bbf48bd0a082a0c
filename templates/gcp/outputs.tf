# The outputs contract shared by every provider (see templates/README.md).

output "node_names" {
  description = "Node names in order (n11, n12, ...)."
  value       = [for i in range(var.node_count) : "n${i + 11}"]
}

output "node_public_ips" {
  description = "Address the CLI and Ansible use to reach each node (ephemeral; empty while stopped)."
  value       = [for n in google_compute_instance.node : try(n.network_interface[0].access_config[0].nat_ip, null)]
}

output "node_private_ips" {
  description = "Address of each node inside the cluster network."
  value       = [for n in google_compute_instance.node : n.network_interface[0].network_ip]
}

output "instance_ids" {
  description = "Compute Engine instance ids of the nodes."
  value       = google_compute_instance.node[*].instance_id
}

output "ssh_user" {
  description = "User the CLI and Ansible log in as (created by cloud-init)."
  value       = "exasol"
}

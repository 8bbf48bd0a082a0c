# GCP's side of the outputs contract (templates/common/outputs-common.tf, templates/README.md).

locals {
  # Ephemeral external IPs: null while a node is stopped.
  node_public_ips  = [for n in google_compute_instance.node : try(n.network_interface[0].access_config[0].nat_ip, null)]
  node_private_ips = [for n in google_compute_instance.node : n.network_interface[0].network_ip]
  instance_ids     = google_compute_instance.node[*].instance_id
  ssh_user         = "exasol"
  ssh_jump         = ""
  # Disks are found by device name (/dev/disk/by-id/google-data-N), not by id.
  data_volume_ids = [for n in range(var.node_count) : []]
}

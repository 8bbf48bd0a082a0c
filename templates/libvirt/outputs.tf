# libvirt's side of the outputs contract (templates/common/outputs-common.tf, templates/README.md).

locals {
  # DHCP address on the libvirt network, one network: public and private are the same.
  node_public_ips  = [for d in libvirt_domain.node : try(d.network_interface[0].addresses[0], "")]
  node_private_ips = [for d in libvirt_domain.node : try(d.network_interface[0].addresses[0], "")]
  instance_ids     = libvirt_domain.node[*].id
  ssh_user         = "exasol"
  # qemu+ssh URIs: the nodes sit on the remote host's network and are reached through it.
  ssh_jump = var.libvirt_ssh_jump
  # Disks are virtio devices in slot order (/dev/vdb, ...), not named by id.
  data_volume_ids = [for n in range(var.node_count) : []]
}

output "node_macs" {
  description = "Static MAC of each node (lease lookup: virsh net-dhcp-leases NETWORK --mac MAC)."
  value       = local.macs
}

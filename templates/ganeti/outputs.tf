# Ganeti's side of the outputs contract (templates/common/outputs-common.tf, templates/README.md).

locals {
  # One NIC: the address from the network's pool is both public and private.
  node_public_ips  = [for n in ganeti_instance.node : try(n.nics[0].ip_address, null)]
  node_private_ips = [for n in ganeti_instance.node : try(n.nics[0].ip_address, null)]
  instance_ids     = ganeti_instance.node[*].name
  ssh_user         = "root"
  ssh_jump         = ""
  # Disks are virtio devices in slot order (/dev/vdb, ...), not named by id.
  data_volume_ids = [for n in range(var.node_count) : []]
}

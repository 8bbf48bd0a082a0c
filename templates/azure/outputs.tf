# Azure's side of the outputs contract (templates/common/outputs-common.tf, templates/README.md).

locals {
  # Static public IPs, kept while a VM is deallocated.
  node_public_ips  = azurerm_public_ip.node[*].ip_address
  node_private_ips = azurerm_network_interface.node[*].private_ip_address
  instance_ids     = azurerm_linux_virtual_machine.node[*].id
  ssh_user         = "exasol"
  ssh_jump         = ""
  # Disks are found by LUN (/dev/disk/azure/scsi1/lunN), not by id.
  data_volume_ids = [for n in range(var.node_count) : []]
}

# AWS's side of the outputs contract (templates/common/outputs-common.tf, templates/README.md).

locals {
  node_public_ips  = aws_instance.node[*].public_ip
  node_private_ips = aws_instance.node[*].private_ip
  instance_ids     = aws_instance.node[*].id
  ssh_user         = "exasol"
  ssh_jump         = ""
  # EBS volume ids in slot order; the playbooks match them to the NVMe by-id names.
  data_volume_ids = [
    for n in range(var.node_count) : [for i, v in local.data_volumes : aws_ebs_volume.data[i].id if v.node == n]
  ]
}

# What every target shares, declared once: node names, the data-volume list, the public ports and the
# tags. Targets add their own locals in main.tf and their side of the outputs contract in outputs.tf.

locals {
  node_names = [for i in range(var.node_count) : "n${i + 11}"]
  # Data volumes as (node, slot) pairs, node-major: volume i is slot i % per_node of node i / per_node.
  data_volumes = flatten([
    for n in range(var.node_count) : [
      for s in range(var.data_volumes_per_node) : { node = n, slot = s }
    ]
  ])
  # Ports reachable from --allowed-cidr only: SSH, DB, Admin UI, BucketFS.
  public_ports = { ssh = 22, db = 8563, adminui = 8443, bucketfs = 2581 }
  # Tags or labels of every resource that takes them (GCP: lowercase; init validates the owner so).
  tags = {
    "exasol-deployment" = var.deployment_id
    "owner"             = var.owner
  }
}

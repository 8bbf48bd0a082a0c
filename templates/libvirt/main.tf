# Exasol cluster on libvirt/KVM. Pool and network must exist (init's pre-flight checks them, or creates
# them with --libvirt-create-missing); terraform only creates volumes, cloud-init disks and domains.

locals {
  gib = 1024 * 1024 * 1024
  # Static MACs from the deployment id (52:54:00 is QEMU's prefix), so leases can be looked up by MAC.
  mac_id = sha256(var.deployment_id)
  macs = [
    for i in range(var.node_count) :
    format("52:54:00:%s:%s:%02x", substr(local.mac_id, 0, 2), substr(local.mac_id, 2, 2), i + 11)
  ]
  arm = var.architecture == "arm64"
  # The shared user-data (templates/common/cloud-init.yaml.tftpl) per node: host name, user exasol
  # with the deployment's key (booted under the real libvirtd by tests/integration/guests).
  user_data = [for n in local.node_names : templatefile("${path.module}/cloud-init.yaml.tftpl", {
    hostname       = n
    ssh_public_key = var.ssh_public_key
    default_user   = false
    packages       = []
  })]
}

# Shared base image, one per pool and image: created by the first deployment that needs it and left in
# the pool on destroy (the orchestration drops it from state first), so later deployments reuse it.
resource "libvirt_volume" "base" {
  count  = var.libvirt_base_volume_exists ? 0 : 1
  name   = var.libvirt_base_volume
  pool   = var.libvirt_pool
  source = var.os_image

  lifecycle {
    prevent_destroy = true
  }
}

resource "libvirt_volume" "root" {
  count            = var.node_count
  name             = "${var.deployment_id}-${local.node_names[count.index]}-root.qcow2"
  pool             = var.libvirt_pool
  base_volume_name = var.libvirt_base_volume
  base_volume_pool = var.libvirt_pool
  size             = var.root_volume_size * local.gib
  format           = "qcow2"
  depends_on       = [libvirt_volume.base]
}

resource "libvirt_volume" "data" {
  count  = length(local.data_volumes)
  name   = "${var.deployment_id}-${local.node_names[local.data_volumes[count.index].node]}-data-${local.data_volumes[count.index].slot + 1}.qcow2"
  pool   = var.libvirt_pool
  size   = var.data_volume_size * local.gib
  format = "qcow2"
}

resource "libvirt_cloudinit_disk" "init" {
  count = var.node_count
  name  = "${var.deployment_id}-${local.node_names[count.index]}-cloudinit.iso"
  pool  = var.libvirt_pool
  meta_data = yamlencode({
    instance-id    = "${var.deployment_id}-${local.node_names[count.index]}"
    local-hostname = local.node_names[count.index]
  })
  user_data = local.user_data[count.index]
}

resource "libvirt_domain" "node" {
  count       = var.node_count
  name        = "${var.deployment_id}-${local.node_names[count.index]}"
  description = "Exasol node ${local.node_names[count.index]} of ${var.deployment_id}, owner ${var.owner}"
  memory      = var.node_memory_gib * 1024
  vcpu        = var.node_vcpus
  type        = var.libvirt_domain_type
  arch        = local.arm ? "aarch64" : "x86_64"
  machine     = local.arm ? "virt" : null
  firmware    = var.libvirt_firmware == "efi" ? var.libvirt_efi_loader : null
  running     = var.running
  autostart   = false
  cloudinit   = libvirt_cloudinit_disk.init[count.index].id

  dynamic "cpu" {
    for_each = var.libvirt_domain_type == "kvm" ? ["host-passthrough"] : []
    content {
      mode = cpu.value
    }
  }

  network_interface {
    network_name   = var.libvirt_network
    mac            = local.macs[count.index]
    hostname       = local.node_names[count.index]
    wait_for_lease = true
  }

  disk {
    volume_id = libvirt_volume.root[count.index].id
  }

  dynamic "disk" {
    for_each = range(var.data_volumes_per_node)
    content {
      volume_id = libvirt_volume.data[count.index * var.data_volumes_per_node + disk.value].id
    }
  }

  console {
    type        = "pty"
    target_type = "serial"
    target_port = "0"
  }

  # Explicit VNC on the libvirt host's loopback: without a graphics block the provider adds SPICE,
  # which QEMU builds without SPICE (the RHEL 9 family) refuse when the domain is defined.
  graphics {
    type           = "vnc"
    listen_type    = "address"
    listen_address = "127.0.0.1"
    autoport       = true
  }
}

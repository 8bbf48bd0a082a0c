# Exasol cluster on Google Compute Engine: VPC with one subnetwork, two firewall rules, N instances
# with persistent data disks, and the power state driven by var.running (desired_status).
# GCP VPCs carry no multicast, so exasol init always sets enable_multicast_overlay = true here.

provider "google" {
  project = var.gcp_project
  region  = var.gcp_region
  zone    = var.gcp_zone
}

locals {
  network_tag = "${var.deployment_id}-node"
  subnet_cidr = "10.42.1.0/24"
  # The OS image of the nodes (one name, os_image, in every target).
  os_image = var.architecture == "arm64" ? "ubuntu-os-cloud/ubuntu-2404-lts-arm64" : "ubuntu-os-cloud/ubuntu-2404-lts-amd64"
  # The shared user-data (templates/common/cloud-init.yaml.tftpl): user exasol with the deployment's key.
  user_data = templatefile("${path.module}/cloud-init.yaml.tftpl", {
    hostname       = ""
    ssh_public_key = var.ssh_public_key
    default_user   = true
    packages       = ["iproute2"]
  })
}

resource "google_compute_network" "main" {
  name                    = "${var.deployment_id}-net"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "main" {
  name          = "${var.deployment_id}-subnet"
  region        = var.gcp_region
  network       = google_compute_network.main.id
  ip_cidr_range = local.subnet_cidr
}

resource "google_compute_firewall" "public" {
  name          = "${var.deployment_id}-public"
  network       = google_compute_network.main.id
  direction     = "INGRESS"
  source_ranges = [var.allowed_cidr]
  target_tags   = [local.network_tag]

  allow {
    protocol = "tcp"
    ports    = [for p in values(local.public_ports) : tostring(p)]
  }

  lifecycle {
    precondition {
      condition     = var.allowed_cidr != null && can(cidrhost(var.allowed_cidr, 0))
      error_message = "allowed_cidr must be an IPv4 CIDR: the public ports are opened to it only."
    }
  }
}

# All traffic between the nodes (cluster ports 20002/20003, the VXLAN overlay, interconnect).
resource "google_compute_firewall" "cluster" {
  name        = "${var.deployment_id}-cluster"
  network     = google_compute_network.main.id
  direction   = "INGRESS"
  source_tags = [local.network_tag]
  target_tags = [local.network_tag]

  allow {
    protocol = "all"
  }
}

resource "google_compute_disk" "data" {
  count  = length(local.data_volumes)
  name   = "${var.deployment_id}-n${local.data_volumes[count.index].node + 11}-data-${local.data_volumes[count.index].slot + 1}"
  zone   = var.gcp_zone
  type   = "pd-balanced"
  size   = var.data_volume_size
  labels = local.tags
}

resource "google_compute_instance" "node" {
  count                     = var.node_count
  name                      = "${var.deployment_id}-n${count.index + 11}"
  zone                      = var.gcp_zone
  machine_type              = var.instance_type
  tags                      = [local.network_tag]
  labels                    = local.tags
  desired_status            = var.running ? "RUNNING" : "TERMINATED"
  allow_stopping_for_update = true

  boot_disk {
    initialize_params {
      image  = local.os_image
      size   = var.root_volume_size
      type   = "pd-balanced"
      labels = local.tags
    }
  }

  dynamic "attached_disk" {
    for_each = [for i, d in local.data_volumes : i if d.node == count.index]
    content {
      source      = google_compute_disk.data[attached_disk.value].id
      device_name = "data-${local.data_volumes[attached_disk.value].slot + 1}"
    }
  }

  network_interface {
    subnetwork = google_compute_subnetwork.main.id
    access_config {}
  }

  metadata = {
    user-data = local.user_data
  }

  scheduling {
    provisioning_model          = var.enable_spot_instances ? "SPOT" : "STANDARD"
    preemptible                 = var.enable_spot_instances
    automatic_restart           = !var.enable_spot_instances
    on_host_maintenance         = var.enable_spot_instances ? "TERMINATE" : "MIGRATE"
    instance_termination_action = var.enable_spot_instances ? "STOP" : null
  }

  lifecycle {
    ignore_changes = [metadata]
    precondition {
      condition     = var.enable_multicast_overlay
      error_message = "GCP VPCs carry no multicast: enable_multicast_overlay must be true (exasol init sets it)."
    }
  }
}

# Exasol cluster on AWS EC2: VPC with one public subnet, security group, key pair, N instances with
# gp3 data volumes, and the power state driven by var.running.

provider "aws" {
  region  = var.aws_region
  profile = var.aws_profile == "" ? null : var.aws_profile
}

locals {
  vpc_cidr    = "10.42.0.0/16"
  subnet_cidr = cidrsubnet(local.vpc_cidr, 8, 1)
  # The OS image of the nodes (one name, os_image, in every target): the AMI name pattern.
  os_image = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-${var.architecture == "arm64" ? "arm64" : "amd64"}-server-*"
  # Device of each data volume by slot: /dev/sdf ... /dev/sdu (16, init's --data-volumes-per-node limit).
  device_letters = "fghijklmnopqrstu"
  data_devices   = [for v in local.data_volumes : "/dev/sd${substr(local.device_letters, v.slot, 1)}"]
  # The shared user-data (templates/common/cloud-init.yaml.tftpl): user exasol with the deployment's key.
  user_data = templatefile("${path.module}/cloud-init.yaml.tftpl", {
    hostname       = ""
    ssh_public_key = var.ssh_public_key
    default_user   = true
    packages       = ["iproute2"]
  })
}

data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"] # Canonical

  filter {
    name   = "name"
    values = [local.os_image]
  }

  filter {
    name   = "virtualization-type"
    values = ["hvm"]
  }
}

# Zones that offer the instance type (not every type exists in every zone).
data "aws_ec2_instance_type_offerings" "zones" {
  location_type = "availability-zone"

  filter {
    name   = "instance-type"
    values = [var.instance_type]
  }
}

resource "aws_vpc" "main" {
  cidr_block           = local.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(local.tags, { Name = "${var.deployment_id}-vpc" })
}

resource "aws_subnet" "main" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = local.subnet_cidr
  availability_zone       = sort(data.aws_ec2_instance_type_offerings.zones.locations)[0]
  map_public_ip_on_launch = true
  tags                    = merge(local.tags, { Name = "${var.deployment_id}-subnet" })
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
  tags   = merge(local.tags, { Name = "${var.deployment_id}-igw" })
}

resource "aws_route_table" "main" {
  vpc_id = aws_vpc.main.id
  tags   = merge(local.tags, { Name = "${var.deployment_id}-rt" })

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "main" {
  subnet_id      = aws_subnet.main.id
  route_table_id = aws_route_table.main.id
}

resource "aws_security_group" "cluster" {
  name        = "${var.deployment_id}-sg"
  description = "Exasol ${var.deployment_id}: public ports from the allowed CIDR, everything between nodes"
  vpc_id      = aws_vpc.main.id
  tags        = merge(local.tags, { Name = "${var.deployment_id}-sg" })
}

resource "aws_vpc_security_group_ingress_rule" "public" {
  for_each          = local.public_ports
  security_group_id = aws_security_group.cluster.id
  description       = "${each.key} from the allowed CIDR"
  cidr_ipv4         = var.allowed_cidr
  ip_protocol       = "tcp"
  from_port         = each.value
  to_port           = each.value
  tags              = merge(local.tags, { Name = "${var.deployment_id}-${each.key}" })

  lifecycle {
    precondition {
      condition     = var.allowed_cidr != null && can(cidrhost(var.allowed_cidr, 0))
      error_message = "allowed_cidr must be an IPv4 CIDR: the public ports are opened to it only."
    }
  }
}

# All traffic between the nodes (cluster ports 20002/20003, overlay, database interconnect).
resource "aws_vpc_security_group_ingress_rule" "cluster" {
  security_group_id            = aws_security_group.cluster.id
  description                  = "all traffic between cluster nodes"
  referenced_security_group_id = aws_security_group.cluster.id
  ip_protocol                  = "-1"
  tags                         = merge(local.tags, { Name = "${var.deployment_id}-cluster" })
}

resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.cluster.id
  description       = "outbound traffic (package mirrors, Exasol downloads)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  tags              = merge(local.tags, { Name = "${var.deployment_id}-egress" })
}

resource "aws_key_pair" "main" {
  key_name   = "${var.deployment_id}-key"
  public_key = var.ssh_public_key
  tags       = local.tags
}

resource "aws_instance" "node" {
  count                  = var.node_count
  ami                    = data.aws_ami.ubuntu.id
  instance_type          = var.instance_type
  subnet_id              = aws_subnet.main.id
  vpc_security_group_ids = [aws_security_group.cluster.id]
  key_name               = aws_key_pair.main.key_name
  user_data              = local.user_data
  tags                   = merge(local.tags, { Name = "${var.deployment_id}-n${count.index + 11}" })

  root_block_device {
    volume_size           = var.root_volume_size
    volume_type           = "gp3"
    encrypted             = true
    delete_on_termination = true
    tags                  = merge(local.tags, { Name = "${var.deployment_id}-n${count.index + 11}-root" })
  }

  metadata_options {
    http_tokens = "required"
  }

  dynamic "instance_market_options" {
    for_each = var.enable_spot_instances ? [1] : []
    content {
      market_type = "spot"
      spot_options {
        spot_instance_type             = "persistent"
        instance_interruption_behavior = "stop"
      }
    }
  }

  lifecycle {
    ignore_changes = [ami, user_data]
  }
}

resource "aws_ebs_volume" "data" {
  count             = length(local.data_volumes)
  availability_zone = aws_subnet.main.availability_zone
  size              = var.data_volume_size
  type              = "gp3"
  encrypted         = true
  tags = merge(local.tags, {
    Name = "${var.deployment_id}-n${local.data_volumes[count.index].node + 11}-data-${local.data_volumes[count.index].slot + 1}"
  })
}

resource "aws_volume_attachment" "data" {
  count       = length(local.data_volumes)
  device_name = local.data_devices[count.index]
  volume_id   = aws_ebs_volume.data[count.index].id
  instance_id = aws_instance.node[local.data_volumes[count.index].node].id
  # Exasol uses the disks raw; stopping first keeps destroy from waiting on a busy volume.
  stop_instance_before_detaching = true
}

# Power state for exasol start/stop (after the volumes are attached).
resource "aws_ec2_instance_state" "node" {
  count       = var.node_count
  instance_id = aws_instance.node[count.index].id
  state       = var.running ? "running" : "stopped"
  depends_on  = [aws_volume_attachment.data]
}

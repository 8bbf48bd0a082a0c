# Exasol cluster on Azure: resource group, VNet with one subnet and an NSG, N Linux VMs with static
# public IPs and managed data disks, and the power state driven by var.running through azapi.

provider "azurerm" {
  features {
    resource_group {
      prevent_deletion_if_contains_resources = false
    }
  }
}

provider "azapi" {}

locals {
  vnet_cidr   = "10.42.0.0/16"
  subnet_cidr = cidrsubnet(local.vnet_cidr, 8, 1)
  # NSG priority of each public port (local.public_ports).
  priorities = { ssh = 100, db = 110, adminui = 120, bucketfs = 130 }
  # The OS image of the nodes (one name, os_image, in every target): publisher:offer:sku:version.
  os_image = "Canonical:ubuntu-24_04-lts:${var.architecture == "arm64" ? "server-arm64" : "server"}:latest"
  # The shared user-data (templates/common/cloud-init.yaml.tftpl): user exasol with the deployment's key.
  user_data = templatefile("${path.module}/cloud-init.yaml.tftpl", {
    hostname       = ""
    ssh_public_key = var.ssh_public_key
    default_user   = true
    packages       = ["iproute2"]
  })
}

resource "azurerm_resource_group" "main" {
  name     = "${var.deployment_id}-rg"
  location = var.azure_region
  tags     = local.tags
}

resource "azurerm_virtual_network" "main" {
  name                = "${var.deployment_id}-vnet"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  address_space       = [local.vnet_cidr]
  tags                = local.tags
}

resource "azurerm_subnet" "main" {
  name                 = "${var.deployment_id}-subnet"
  resource_group_name  = azurerm_resource_group.main.name
  virtual_network_name = azurerm_virtual_network.main.name
  address_prefixes     = [local.subnet_cidr]
}

resource "azurerm_network_security_group" "main" {
  name                = "${var.deployment_id}-nsg"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

resource "azurerm_network_security_rule" "public" {
  for_each                    = local.public_ports
  name                        = "${var.deployment_id}-allow-${each.key}"
  priority                    = local.priorities[each.key]
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = tostring(each.value)
  source_address_prefix       = var.allowed_cidr
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.main.name
  network_security_group_name = azurerm_network_security_group.main.name

  lifecycle {
    precondition {
      condition     = var.allowed_cidr != null && can(cidrhost(var.allowed_cidr, 0))
      error_message = "allowed_cidr must be an IPv4 CIDR: the public ports are opened to it only."
    }
  }
}

# All traffic between the nodes (cluster ports 20002/20003, overlay, database interconnect).
resource "azurerm_network_security_rule" "cluster" {
  name                        = "${var.deployment_id}-allow-cluster"
  priority                    = 200
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = local.subnet_cidr
  destination_address_prefix  = local.subnet_cidr
  resource_group_name         = azurerm_resource_group.main.name
  network_security_group_name = azurerm_network_security_group.main.name
}

# Everything else inbound is denied (Azure's default rules would allow the whole VNet).
resource "azurerm_network_security_rule" "deny" {
  name                        = "${var.deployment_id}-deny-inbound"
  priority                    = 4000
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.main.name
  network_security_group_name = azurerm_network_security_group.main.name
}

resource "azurerm_subnet_network_security_group_association" "main" {
  subnet_id                 = azurerm_subnet.main.id
  network_security_group_id = azurerm_network_security_group.main.id
}

resource "azurerm_public_ip" "node" {
  count               = var.node_count
  name                = "${var.deployment_id}-n${count.index + 11}-ip"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  allocation_method   = "Static"
  sku                 = "Standard"
  tags                = local.tags
}

resource "azurerm_network_interface" "node" {
  count               = var.node_count
  name                = "${var.deployment_id}-n${count.index + 11}-nic"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags

  ip_configuration {
    name                          = "primary"
    subnet_id                     = azurerm_subnet.main.id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.node[count.index].id
  }
}

resource "azurerm_linux_virtual_machine" "node" {
  count                           = var.node_count
  name                            = "${var.deployment_id}-n${count.index + 11}"
  computer_name                   = "n${count.index + 11}"
  location                        = azurerm_resource_group.main.location
  resource_group_name             = azurerm_resource_group.main.name
  size                            = var.instance_type
  admin_username                  = "azureuser"
  disable_password_authentication = true
  network_interface_ids           = [azurerm_network_interface.node[count.index].id]
  custom_data                     = base64encode(local.user_data)
  priority                        = var.enable_spot_instances ? "Spot" : "Regular"
  eviction_policy                 = var.enable_spot_instances ? "Deallocate" : null
  max_bid_price                   = var.enable_spot_instances ? -1 : null
  tags                            = local.tags

  admin_ssh_key {
    username   = "azureuser"
    public_key = var.ssh_public_key
  }

  os_disk {
    name                 = "${var.deployment_id}-n${count.index + 11}-os"
    caching              = "ReadWrite"
    storage_account_type = "StandardSSD_LRS"
    disk_size_gb         = var.root_volume_size
  }

  source_image_reference {
    publisher = split(":", local.os_image)[0]
    offer     = split(":", local.os_image)[1]
    sku       = split(":", local.os_image)[2]
    version   = split(":", local.os_image)[3]
  }

  lifecycle {
    ignore_changes = [custom_data]
  }
}

resource "azurerm_managed_disk" "data" {
  count                = length(local.data_volumes)
  name                 = "${var.deployment_id}-n${local.data_volumes[count.index].node + 11}-data-${local.data_volumes[count.index].slot + 1}"
  location             = azurerm_resource_group.main.location
  resource_group_name  = azurerm_resource_group.main.name
  storage_account_type = "StandardSSD_LRS"
  create_option        = "Empty"
  disk_size_gb         = var.data_volume_size
  tags                 = local.tags
}

resource "azurerm_virtual_machine_data_disk_attachment" "data" {
  count              = length(local.data_volumes)
  managed_disk_id    = azurerm_managed_disk.data[count.index].id
  virtual_machine_id = azurerm_linux_virtual_machine.node[local.data_volumes[count.index].node].id
  lun                = local.data_volumes[count.index].slot
  caching            = "None"
}

# Power state for exasol start/stop: deallocate stops compute billing; start brings the VM back.
resource "azapi_resource_action" "power" {
  count       = var.node_count
  type        = "Microsoft.Compute/virtualMachines@2024-07-01"
  resource_id = azurerm_linux_virtual_machine.node[count.index].id
  action      = var.running ? "start" : "deallocate"
  method      = "POST"
  depends_on  = [azurerm_virtual_machine_data_disk_attachment.data]
}

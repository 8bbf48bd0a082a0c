# Provider pins for the azure target. azurerm 4.x is the current major (it reads the subscription from
# ARM_SUBSCRIPTION_ID, which exasol passes in terraform's environment); azapi 2.x is the major whose
# resource_action takes HCL objects. `~>` takes fixes within the major; a new major needs a template review.
# Attribute names are checked against tests/fixtures/provider-schemas/{azurerm,azapi}.json.

terraform {
  required_version = ">= 1.5"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
    azapi = {
      source  = "azure/azapi"
      version = "~> 2.0"
    }
  }
}

# AWS-specific variables.

variable "aws_region" {
  description = "AWS region."
  type        = string
}

variable "aws_profile" {
  description = "Credentials profile."
  type        = string
}

variable "enable_spot_instances" {
  description = "Use spot instances."
  type        = bool
  default     = false
}

# AWS-specific variables.

variable "aws_region" {
  description = "AWS region."
  type        = string
}

variable "aws_profile" {
  description = "Credentials profile; empty = the standard chain (environment, default profile, instance role)."
  type        = string
  default     = ""
}

variable "enable_spot_instances" {
  description = "Use persistent spot instances that stop (not terminate) on interruption."
  type        = bool
  default     = false
}

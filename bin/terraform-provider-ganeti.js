#!/usr/bin/env node
import '../dist/terraform-provider-ganeti.js';

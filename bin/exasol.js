#!/usr/bin/env node
// Node >= 22.1 keeps the compiled code of the CLI between runs (faster start-up); Node 20 goes without.
// The CLI is imported after that, hence the dynamic import.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/cli.js');

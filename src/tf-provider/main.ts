// Entry point of terraform-provider-ganeti: refuse to run outside Terraform, then serve the plugin.
import { hasMagicCookie, NOT_A_PLUGIN_MESSAGE, negotiateProtocol } from './handshake.ts';

if (!hasMagicCookie(process.env)) {
  process.stderr.write(NOT_A_PLUGIN_MESSAGE);
  process.exit(1);
}
if (negotiateProtocol(process.env) === null) {
  process.stderr.write(
    `terraform-provider-ganeti speaks plugin protocol 6 only; the client offered ${process.env.PLUGIN_PROTOCOL_VERSIONS}.\n` +
      'Use Terraform >= 1.0 or OpenTofu.\n',
  );
  process.exit(1);
}
const { serve } = await import('./serve.ts');
await serve();

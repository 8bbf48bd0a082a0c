// The outputs contract is one table: templates/README.md, the parser's OUTPUTS_CONTRACT and what every
// target's rendered configuration outputs agree, and each target defines every value the outputs read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUTS_CONTRACT } from '../../../src/actions/outputs.ts';
import type { ProviderId } from '../../../src/providers/types.ts';
import { templateDir } from '../../../src/templates/render.ts';
import { interp, locals } from '../../helpers/cloud-rules.ts';
import { parseDir } from '../../helpers/hcl-check.ts';
import { renderTarget, TARGETS } from '../../helpers/render-target.ts';

type Parsed = Awaited<ReturnType<typeof parseDir>>;
const rendered = new Map<ProviderId, Parsed>();

beforeAll(async () => {
  for (const id of TARGETS)
    rendered.set(id, await parseDir((await renderTarget(id, { 'data-volumes-per-node': 2 })).dir));
});

/** Rows of the README's outputs table: output name → type. */
function readmeTable(): Record<string, string> {
  const text = readFileSync(join(templateDir('common'), '..', 'README.md'), 'utf8');
  const section = text.slice(text.indexOf('## Outputs contract'), text.indexOf('What each target provides'));
  return Object.fromEntries(
    [...section.matchAll(/^\| `(\w+)`\s*\| (\S+)\s*\|/gm)].map((m) => [m[1] as string, m[2] as string]),
  );
}

/** Outputs of a parsed directory: name → value expression. */
function outputs(parsed: Parsed): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of Object.values(parsed))
    for (const [name, blocks] of Object.entries(
      (file.output ?? {}) as Record<string, Array<{ value: unknown }>>,
    ))
      out[name] = String(blocks[0]?.value);
  return out;
}

describe('outputs contract', () => {
  it('templates/README.md lists exactly the outputs and types the parser reads', () => {
    expect(readmeTable()).toEqual(OUTPUTS_CONTRACT);
  });

  it.each(TARGETS)('%s outputs every contract output from a local it defines', (id) => {
    const parsed = rendered.get(id) as Parsed;
    const outs = outputs(parsed);
    const defined = locals(parsed);
    for (const name of Object.keys(OUTPUTS_CONTRACT)) {
      expect(outs[name], `${id} output ${name}`).toBe(interp(`local.${name}`));
      expect(defined[name], `${id} local.${name}`).toBeDefined();
    }
    const extra = Object.keys(outs).filter((o) => !(o in OUTPUTS_CONTRACT));
    expect(extra).toEqual(id === 'libvirt' ? ['node_macs'] : []);
  });

  it('AWS reports its EBS volume ids per node; libvirt its qemu+ssh host as the jump host', () => {
    const aws = locals(rendered.get('aws') as Parsed);
    expect(String(aws.data_volume_ids)).toContain('aws_ebs_volume.data[i].id if v.node == n');
    expect(locals(rendered.get('libvirt') as Parsed).ssh_jump).toBe(interp('var.libvirt_ssh_jump'));
    for (const id of ['azure', 'gcp', 'ganeti'] as const)
      expect(locals(rendered.get(id) as Parsed).ssh_jump, id).toBe('');
  });
});

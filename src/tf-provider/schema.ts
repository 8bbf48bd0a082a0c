// Attribute and block builders, their cty object types and their tfplugin6 Schema wire form.
import type { CtyType, Value } from './codec.ts';

/** One attribute of a block. */
export interface AttributeSpec {
  type: CtyType;
  description: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  /** Value planned when the configuration leaves an optional+computed attribute null. */
  default?: Value;
}

/** A nested block type (list or set of blocks, or a single block). */
export interface NestedBlockSpec {
  nesting: 'single' | 'list' | 'set';
  block: BlockSpec;
  minItems?: number;
  maxItems?: number;
}

/** A block: attributes plus nested block types. */
export interface BlockSpec {
  description?: string;
  attributes: Record<string, AttributeSpec>;
  blocks?: Record<string, NestedBlockSpec>;
}

type Extra = Omit<AttributeSpec, 'type' | 'description' | 'required' | 'optional' | 'computed'>;

/** A required argument. */
export const required = (type: CtyType, description: string, extra: Extra = {}): AttributeSpec => ({
  type,
  description,
  required: true,
  ...extra,
});

/** An optional argument (null when not configured). */
export const optional = (type: CtyType, description: string, extra: Extra = {}): AttributeSpec => ({
  type,
  description,
  optional: true,
  ...extra,
});

/** An optional argument whose value the provider fills in when not configured. */
export const optionalComputed = (type: CtyType, description: string, extra: Extra = {}): AttributeSpec => ({
  type,
  description,
  optional: true,
  computed: true,
  ...extra,
});

/** A read-only attribute set by the provider. */
export const computed = (type: CtyType, description: string, extra: Extra = {}): AttributeSpec => ({
  type,
  description,
  computed: true,
  ...extra,
});

/** The cty object type of a block (nested blocks become list/set of object, or object). */
export function blockType(block: BlockSpec): CtyType {
  const attrs: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(block.attributes)) attrs[name] = a.type;
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    const inner = blockType(nb.block);
    attrs[name] = nb.nesting === 'single' ? inner : ([nb.nesting, inner] as const);
  }
  return ['object', attrs] as const;
}

const NESTING = { single: 'SINGLE', list: 'LIST', set: 'SET' } as const;

function blockWire(block: BlockSpec): object {
  return {
    version: 0,
    description: block.description ?? '',
    description_kind: 'PLAIN',
    attributes: Object.entries(block.attributes).map(([name, a]) => ({
      name,
      type: Buffer.from(JSON.stringify(a.type)),
      description: a.description,
      required: a.required === true,
      optional: a.optional === true,
      computed: a.computed === true,
      sensitive: a.sensitive === true,
      description_kind: 'PLAIN',
    })),
    block_types: Object.entries(block.blocks ?? {}).map(([type_name, nb]) => ({
      type_name,
      block: blockWire(nb.block),
      nesting: NESTING[nb.nesting],
      min_items: nb.minItems ?? 0,
      max_items: nb.maxItems ?? 0,
    })),
  };
}

/** tfplugin6 Schema message for a block at a schema version. */
export function toWireSchema(block: BlockSpec, version = 0): object {
  return { version, block: blockWire(block) };
}

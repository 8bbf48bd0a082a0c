// Generic planning rules shared by resources: defaults, unknown computed values, value comparison.
import { isObject, type ObjectValue, UNKNOWN, type Value } from './codec.ts';
import type { BlockSpec } from './schema.ts';

/**
 * Planned state from the proposed new state: optional+computed attributes left null in config get their
 * default, or stay at the prior value on update, or become unknown when the object (or list item) is new.
 */
export function planBlock(
  block: BlockSpec,
  proposed: ObjectValue,
  config: ObjectValue,
  prior: ObjectValue | null,
): ObjectValue {
  const out: ObjectValue = { ...proposed };
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (!attr.computed || (config[name] ?? null) !== null) continue;
    if (attr.default !== undefined) out[name] = attr.default;
    else if (prior === null) out[name] = UNKNOWN;
    else out[name] = prior[name] ?? null;
  }
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    const items = proposed[name];
    if (nb.nesting !== 'list' || !Array.isArray(items)) continue;
    const cfgItems = Array.isArray(config[name]) ? (config[name] as Value[]) : [];
    const priorItems = prior && Array.isArray(prior[name]) ? (prior[name] as Value[]) : [];
    out[name] = items.map((item, i) => {
      const priorItem = priorItems[i];
      return planBlock(
        nb.block,
        isObject(item) ? item : {},
        isObject(cfgItems[i]) ? (cfgItems[i] as ObjectValue) : {},
        isObject(priorItem) ? priorItem : null,
      );
    });
  }
  return out;
}

/** Deep equality of two values; arrays compare in order unless `unordered` (sets). */
export function sameValue(a: Value | undefined, b: Value | undefined, unordered = false): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return (a ?? null) === (b ?? null);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    if (unordered) {
      const sa = a.map((x) => JSON.stringify(x)).sort();
      const sb = b.map((x) => JSON.stringify(x)).sort();
      return sa.every((x, i) => x === sb[i]);
    }
    return a.every((x, i) => sameValue(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!sameValue(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** Fills a state object so that it holds exactly the block's attributes and nested blocks (missing → null). */
export function conform(block: BlockSpec, value: ObjectValue): ObjectValue {
  const out: ObjectValue = {};
  for (const name of Object.keys(block.attributes)) out[name] = value[name] ?? null;
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    const v = value[name];
    if (nb.nesting === 'single') out[name] = isObject(v) ? conform(nb.block, v) : null;
    else out[name] = Array.isArray(v) ? v.map((item) => conform(nb.block, isObject(item) ? item : {})) : [];
  }
  return out;
}

// No file of src/ imports itself back through other files, counting `import type`, re-exports and
// lazy `import()`: layers stay layers, and a module can be read without the whole graph.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');
const SPEC =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'|import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;

/** Every .ts file below `dir`. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** File → the src files it imports (relative specifiers only). */
function importGraph(files: Record<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of Object.entries(files))
    graph.set(
      file,
      [...text.matchAll(SPEC)]
        .map((m) => resolve(dirname(file), (m[1] ?? m[2]) as string))
        .filter((d) => d in files),
    );
  return graph;
}

/** The cycles of the graph, one per strongly connected component of more than one file (or a self-import). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop() as string;
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1 || graph.get(v)?.includes(v)) out.push(scc.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('import graph of src/', () => {
  it('has no file-level cycle, type-only imports included', () => {
    const files = Object.fromEntries(tsFiles(SRC).map((f) => [f, readFileSync(f, 'utf8')]));
    expect(Object.keys(files).length).toBeGreaterThan(100);
    const found = cycles(importGraph(files)).map((c) => c.map((f) => relative(SRC, f)));
    expect(found).toEqual([]);
  });

  it('sees a cycle made only of `import type` and one through a lazy import()', () => {
    const files = {
      '/s/a.ts': "import type { B } from './b.ts';\n",
      '/s/b.ts': "export type * from './a.ts';\n",
      '/s/c.ts': "const d = () => import('./d.ts');\n",
      '/s/d.ts': "import {\n  c,\n} from './c.ts';\n",
      '/s/e.ts': "import { a } from './a.ts';\n",
    };
    expect(cycles(importGraph(files))).toEqual([
      ['/s/a.ts', '/s/b.ts'],
      ['/s/c.ts', '/s/d.ts'],
    ]);
  });
});

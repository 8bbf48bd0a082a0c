// Merges the V8 coverage that provider child processes wrote (NODE_V8_COVERAGE=DIR, the bundle
// dist/terraform-provider-ganeti.js mapped back to src/ through its source map) into vitest's
// coverage/coverage-final.json, then rewrites the text-summary, json-summary and html reports.
// Usage: NODE_V8_COVERAGE=DIR npx vitest run --coverage && node scripts/merge-provider-coverage.mjs DIR
// (vitest must write coverage-final.json: add 'json' to coverage.reporter in vitest.config.ts).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import astV8ToIstanbul from 'ast-v8-to-istanbul';
import libCoverage from 'istanbul-lib-coverage';
import libReport from 'istanbul-lib-report';
import reports from 'istanbul-reports';
import { parseAstAsync } from 'vitest/node';

const dir = process.argv[2] ?? process.env.NODE_V8_COVERAGE;
if (!dir || !existsSync(dir))
  throw new Error('usage: node scripts/merge-provider-coverage.mjs NODE_V8_COVERAGE_DIR');
const bundle = resolve('dist/terraform-provider-ganeti.js');
const url = pathToFileURL(bundle).href;
const code = readFileSync(bundle, 'utf8');
const sourceMap = JSON.parse(readFileSync(`${bundle}.map`, 'utf8'));
const ast = await parseAstAsync(code);

const finalPath = resolve('coverage/coverage-final.json');
const map = libCoverage.createCoverageMap(
  existsSync(finalPath) ? JSON.parse(readFileSync(finalPath, 'utf8')) : {},
);
let processes = 0;
let unreadable = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  // A process killed while Node wrote its coverage (the killed-run suites SIGKILL the CLI) leaves a
  // truncated file: it is counted and passed over.
  let result;
  try {
    ({ result } = JSON.parse(readFileSync(join(dir, file), 'utf8')));
  } catch {
    unreadable++;
    continue;
  }
  for (const script of result.filter((r) => r.url === url)) {
    const istanbul = await astV8ToIstanbul({
      code,
      sourceMap,
      ast,
      coverage: { functions: script.functions, url },
      wrapperLength: 0,
    });
    const child = libCoverage.createCoverageMap(istanbul);
    child.filter((f) => f.startsWith(resolve('src')));
    map.merge(child);
    processes++;
  }
}
mkdirSync(resolve('coverage'), { recursive: true });
writeFileSync(finalPath, JSON.stringify(map.toJSON()));
const context = libReport.createContext({ dir: resolve('coverage'), coverageMap: map });
for (const kind of ['text-summary', 'json-summary', 'html']) reports.create(kind).execute(context);
console.log(
  `merged coverage of ${processes} provider process(es) from ${dir}` +
    (unreadable ? ` (${unreadable} truncated file(s) of killed processes passed over)` : ''),
);

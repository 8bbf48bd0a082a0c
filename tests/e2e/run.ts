// `npm run e2e -- tests/e2e/configs/<name>.json [--keep]`: runs one e2e config against the built CLI.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../../src/cli/program.ts';
import { packageRoot } from '../../src/util/package-root.ts';
import { expandEnv, parseConfig } from './config.ts';
import { processExec } from './exec.ts';
import { leftoverCheckFor } from './leftovers.ts';
import { secs, stepTable, writeResult } from './report.ts';
import { runWorkflow } from './workflow.ts';

/** Long names of every `exasol init` flag, from the commander definitions. */
export function initFlagNames(): Set<string> {
  const init = buildProgram().commands.find((c) => c.name() === 'init');
  return new Set((init?.options ?? []).map((o) => (o.long ?? '').replace(/^--(no-)?/, '')));
}

/** Runs the config at `file`; returns the process exit code (0 passed, 1 failed, 2 bad config/env). */
export async function runE2e(file: string, keep: boolean): Promise<number> {
  const root = packageRoot();
  let config: ReturnType<typeof parseConfig>;
  let init: ReturnType<typeof expandEnv>;
  try {
    config = parseConfig(JSON.parse(readFileSync(file, 'utf8')), file, initFlagNames());
    const missing = config.requiresEnv.filter((v) => !process.env[v]);
    if (missing.length) throw new Error(`${file}: needs ${missing.join(', ')} in the environment`);
    init = expandEnv(config.init, process.env);
  } catch (err) {
    process.stderr.write(`e2e: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const work = mkdtempSync(join(tmpdir(), `exasol-e2e-${config.name}-`));
  const dir = join(work, 'deployment');
  const env = { ...process.env, CI: 'true', NO_COLOR: '1' };
  // EXASOL_E2E_CLI replaces bin/exasol.js (the runner's own tests use a fake CLI); E2E_ECHO=1 echoes stderr.
  const cli = process.env.EXASOL_E2E_CLI ?? join(root, 'bin', 'exasol.js');
  const aborter = new AbortController();
  // On a terminal Ctrl-C reaches the running CLI directly (same process group); otherwise (CI, kill)
  // the runner passes its signal on to it. Either way the remaining steps are skipped and destroy runs.
  const forwarded = new AbortController();
  const exec = processExec(process.execPath, [cli], env, process.env.E2E_ECHO === '1', forwarded.signal);
  const onSignal = (sig: NodeJS.Signals) => {
    if (aborter.signal.aborted) process.exit(130); // a second signal gives up on the cleanup
    process.stderr.write(`e2e: ${sig}: skipping the remaining steps, destroying (once more to quit)\n`);
    aborter.abort(sig);
    if (!process.stdin.isTTY || sig !== 'SIGINT') forwarded.abort(sig);
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const startedAt = new Date();
  process.stderr.write(`e2e: ${config.name} (${config.provider}): ${config.description}\n`);
  const result = await runWorkflow(config, {
    exec,
    dir,
    init,
    leftoverCheck: leftoverCheckFor(config.provider, init, process.env),
    signal: aborter.signal,
    onStep: (r, phase) =>
      process.stderr.write(
        phase === 'start'
          ? `e2e: [${r.index + 1}] ${r.label} …\n`
          : `e2e: [${r.index + 1}] ${r.outcome} in ${secs(r.durationMs)}${r.problems.length ? `: ${r.problems[0]}` : ''}\n`,
      ),
  });
  process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  const meta = {
    config: file,
    name: config.name,
    provider: config.provider,
    startedAt,
    finishedAt: new Date(),
    deploymentDir: dir,
  };
  const results = process.env.EXASOL_E2E_RESULTS ?? join(root, 'tests', 'e2e', 'results');
  const path = writeResult(results, meta, result);
  process.stdout.write(`${stepTable(result)}\nresult: ${path}\n`);
  if (result.outcome === 'passed' && !keep) rmSync(work, { recursive: true, force: true });
  else process.stdout.write(`deployment directory kept: ${dir}\n`);
  return result.outcome === 'passed' ? 0 : 1;
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (process.argv[1] && /e2e\.js$|run\.ts$/.test(process.argv[1])) {
  if (!file) {
    process.stderr.write(`usage: npm run e2e -- tests/e2e/configs/<name>.json [--keep]\n`);
    process.exitCode = 2;
  } else {
    runE2e(file, args.includes('--keep')).then((code) => {
      process.exitCode = code;
    });
  }
}

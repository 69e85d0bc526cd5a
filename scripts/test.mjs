// `npm test`: every check CI runs, in order, stopping at the first that fails.
// Ends with one plain line "tests: N passed, N failed, N skipped" read from vitest's JSON report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const report = join(mkdtempSync(join(tmpdir(), 'gds-test-')), 'vitest.json');
const steps = [
  ['lint', 'npx', ['biome', 'check', '.']],
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['generate check', 'npx', ['tsx', '--conditions=@gds/source', 'scripts/generate.ts', '--check']],
  ['tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]],
  ['publint', 'node', ['scripts/publint.mjs']],
  ['circular imports', 'node', ['scripts/circular.mjs']],
];

let failed = false;
for (const [name, cmd, args] of steps) {
  process.stdout.write(`\n== ${name}: ${cmd} ${args.join(' ')}\n`);
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stdout.write(`\n== ${name} failed (exit ${result.status})\n`);
    failed = true;
    break;
  }
}

try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = json.numPendingTests + json.numTodoTests;
  process.stdout.write(
    `\ntests: ${json.numPassedTests} passed, ${json.numFailedTests} failed, ${skipped} skipped\n`,
  );
} catch {
  // vitest did not run (an earlier step failed); the exit code says so.
}
process.exit(failed ? 1 : 0);

// `npm run bench`: builds, then runs every packages/*/bench/*.bench.ts against the built packages
// (the default export condition, as users get them). `npm run bench -- schema` runs one package's.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv[2];
execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
for (const pkg of readdirSync('packages')) {
  if (only && pkg !== only) continue;
  const dir = join('packages', pkg, 'bench');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()) {
    process.stdout.write(`\n### ${pkg}/${file}\n`);
    execFileSync('npx', ['tsx', join(dir, file)], { stdio: 'inherit' });
  }
}

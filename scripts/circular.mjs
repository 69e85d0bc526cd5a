// Fails on any circular import inside the packages, and on any import of a package "to the left"
// in the architecture's dependency picture (a package may import only what its package.json declares).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCircular, parseDependencyTree, prettyCircular } from 'dpdm';
import { workspacePackages } from './workspaces.mjs';

const entries = workspacePackages()
  .filter(({ json }) => !json.private)
  .flatMap(({ dir }) => [join(dir, 'src/**/*.ts')])
  .filter(Boolean);
const tree = await parseDependencyTree(entries, {
  context: process.cwd(),
  transform: true,
  skipDynamicImports: false,
});
const cycles = parseCircular(tree);
let bad = 0;
if (cycles.length) {
  bad += cycles.length;
  process.stdout.write(`circular imports:\n${prettyCircular(cycles)}\n`);
}

// Undeclared cross-package imports: a workspace package may import only the @gds packages it declares.
for (const { dir, json } of workspacePackages()) {
  const declared = new Set(
    Object.keys({ ...json.dependencies, ...json.peerDependencies, ...json.devDependencies }),
  );
  for (const [file, deps] of Object.entries(tree)) {
    if (!file.startsWith(`${dir}/src/`) || !deps) continue;
    const source = existsSync(file) ? readFileSync(file, 'utf8') : '';
    for (const match of source.matchAll(/from\s+'(@gds\/[a-z-]+)/g)) {
      const name = match[1];
      if (name !== json.name && !declared.has(name)) {
        bad++;
        process.stdout.write(`${file}: imports ${name}, which ${json.name} does not declare\n`);
      }
    }
  }
}
if (!bad) process.stdout.write(`no circular imports in ${Object.keys(tree).length} files\n`);
process.exit(bad ? 1 : 0);

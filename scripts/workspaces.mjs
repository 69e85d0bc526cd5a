// The workspace packages of GDS in dependency order, read from their package.json files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function workspacePackages(root = process.cwd()) {
  const dirs = ['standards', ...list(root, 'packages'), ...list(root, 'examples')];
  const pkgs = dirs
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => ({ dir, json: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }));
  const byName = new Map(pkgs.map((p) => [p.json.name, p]));
  const sorted = [];
  const state = new Map();
  const visit = (p) => {
    if (state.get(p) === 'done') return;
    if (state.get(p) === 'active') throw new Error(`workspace dependency cycle at ${p.json.name}`);
    state.set(p, 'active');
    for (const dep of Object.keys({ ...p.json.dependencies, ...p.json.devDependencies })) {
      const q = byName.get(dep);
      if (q) visit(q);
    }
    state.set(p, 'done');
    sorted.push(p);
  };
  for (const p of pkgs) visit(p);
  return sorted;
}

function list(root, folder) {
  const path = join(root, folder);
  return existsSync(path)
    ? readdirSync(path, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => join(folder, d.name))
    : [];
}

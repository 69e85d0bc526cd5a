// Builds every workspace package that has a build script, dependencies first.
import { execFileSync } from 'node:child_process';
import { workspacePackages } from './workspaces.mjs';

for (const { dir, json } of workspacePackages()) {
  if (!json.scripts?.build) continue;
  process.stdout.write(`build ${json.name}\n`);
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
}

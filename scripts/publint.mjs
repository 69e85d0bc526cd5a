// Runs publint on every published (non-private) workspace package; any error or warning fails.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { workspacePackages } from './workspaces.mjs';

let problems = 0;
for (const { dir, json } of workspacePackages()) {
  if (json.private) continue;
  const { messages } = await publint({ pkgDir: dir, level: 'warning', strict: true, pack: 'npm' });
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const message of messages) {
    problems++;
    process.stdout.write(`${json.name}: [${message.type}] ${formatMessage(message, pkg)}\n`);
  }
  if (messages.length === 0) process.stdout.write(`${json.name}: publint clean\n`);
}
process.exit(problems ? 1 : 0);

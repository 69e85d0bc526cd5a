import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Acceptance 4 of issue 2: the packages as published (npm pack tarballs, built dist, exports map) work
// from a plain Node project outside the workspace, through require() and through import().
const repo = resolve(import.meta.dirname, '../../..');
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('published tarballs', () => {
  it('load with require() and import() in a project outside the workspace', () => {
    const out = mkdtempSync(join(tmpdir(), 'gds-pack-'));
    for (const dir of ['standards', 'packages/errors', 'packages/schema']) {
      run('npm', ['run', '--silent', 'build'], join(repo, dir));
      run('npm', ['pack', '--silent', '--pack-destination', out], join(repo, dir));
    }
    const tarballs = readdirSync(out).filter((f) => f.endsWith('.tgz'));
    expect(tarballs).toHaveLength(3);
    const app = join(out, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
    );
    run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        ...tarballs.map((t) => join(out, t)),
      ],
      app,
    );

    const probe = `const r = s.person.validate({ id: 'a' }); if (r.ok || !r.issues.some((i) => i.code === 'required')) throw new Error('unexpected');
      if (typeof z.personZod?.safeParse !== 'function') throw new Error('no zod');`;
    writeFileSync(
      join(app, 'cjs.cjs'),
      `const s = require('@gds/schema'); const z = require('@gds/schema/zod'); ${probe} console.log('cjs ok', s.listStandards().length);`,
    );
    writeFileSync(
      join(app, 'esm.mjs'),
      `import * as s from '@gds/schema'; import * as z from '@gds/schema/zod'; import { person } from '@gds/schema/standards/person'; ${probe} if (person !== s.person) throw new Error('two copies'); console.log('esm ok');`,
    );
    expect(run('node', ['cjs.cjs'], app)).toMatch(/^cjs ok \d+/);
    expect(run('node', ['esm.mjs'], app)).toMatch(/^esm ok/);
  }, 240_000);
});

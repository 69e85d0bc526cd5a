// The main entry must run in browsers: bundling it for the browser platform must not pull in any
// Node built-in (esbuild fails on an unresolvable `node:` import when bundling for the browser).
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('browser safety of @gds/ledger', () => {
  it('bundles the main entry for browsers with no node: import', async () => {
    const r = await build({
      stdin: { contents: "export * from '@gds/ledger';", resolveDir: import.meta.dirname },
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      conditions: ['@gds/source'],
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs.filter((i) => i.startsWith('node:') || /better-sqlite3|\/pg\//.test(i))).toEqual([]);
    expect(inputs.some((i) => i.includes('ledger/src/index.ts'))).toBe(true);
  });
});

import { defineConfig, type Options } from 'tsup';

/**
 * The one tsup configuration every GDS package extends: ESM and CJS with types, tree-shakeable,
 * dependencies left external. A package passes only its entry points (and, rarely, overrides).
 */
export function gdsTsup(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    splitting: true,
    target: 'node20',
    outDir: 'dist',
    ...overrides,
  });
}

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests import packages by name; the `@gds/source` condition points them at `src/` so the exports
// map itself is exercised without a build (zod's "@zod/source" pattern).
const conditions = ['@gds/source', ...defaultServerConditions];

const packageDirs = [
  'standards',
  ...readdirSync('packages').map((name) => join('packages', name)),
  ...(existsSync('examples') ? readdirSync('examples').map((name) => join('examples', name)) : []),
].filter((dir) => existsSync(join(dir, 'test')));

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    setupFiles: [join(import.meta.dirname, 'scripts/fail-on-console.ts')],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: join(import.meta.dirname, 'tsconfig.json'),
    },
    projects: packageDirs.map((dir) => ({
      extends: true,
      test: {
        name: dir.split('/').pop()!,
        root: dir,
        include: ['test/**/*.test.ts'],
      },
    })),
  },
});

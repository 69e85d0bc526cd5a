import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../src/samples.js';

const root = join(import.meta.dirname, '..', '..', '..', 'standards', 'mappings');

describe('legacy samples', () => {
  it.each(SAMPLES.map((s) => [s.mapping, s] as const))(
    '%s: the committed sample is what the seeded generator makes',
    (_, s) => {
      const committed = readFileSync(join(root, s.path));
      expect(
        Buffer.from(s.generate()).equals(committed),
        'run: npm run generate -w @gds/example-legacy-samples',
      ).toBe(true);
    },
  );
});

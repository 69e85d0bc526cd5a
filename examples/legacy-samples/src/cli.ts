// Writes every sample into standards/mappings/<department>/golden/<name>/ (run: npm run generate -w @gds/example-legacy-samples).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SAMPLES } from './samples.js';

const root = join(import.meta.dirname, '..', '..', '..', 'standards', 'mappings');
for (const s of SAMPLES) {
  const file = join(root, s.path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, s.generate());
  process.stdout.write(`${s.mapping}: ${file}\n`);
}

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { emitChecker } from '@gds/kit';
import { type Checker, defineStandard, type Standard } from '@gds/schema';

// A checker emitted by @gds/kit imports the checker runtime of @gds/schema by relative path, as the
// committed generated files do. Compiled here, it is written to a temporary module that imports the
// same runtime files by absolute path, so it shares the module instances '@gds/schema' resolves to.
const schemaSrc = resolve(import.meta.dirname, '../../../schema/src');
let dir: string | undefined;
let count = 0;

/**
 * Compiles `doc` with the checker generator and returns it as a Standard (`validate`, `is`), running
 * exactly the code `npm run generate` would emit for it. Code lists resolve to the committed tables.
 */
export async function compileStandard(doc: Record<string, unknown>): Promise<Standard> {
  dir ??= mkdtempSync(join(tmpdir(), 'gds-kit-checker-'));
  mkdirSync(dir, { recursive: true });
  const withId = { $id: 'urn:gds:schema:test:next', ...doc };
  const code = emitChecker(withId as unknown as Parameters<typeof emitChecker>[0], schemaSrc, (id) =>
    join(schemaSrc, 'generated/codelists', `${id}.js`),
  );
  const file = join(dir, `checker-${count++}.ts`);
  writeFileSync(file, code);
  const mod = (await import(/* @vite-ignore */ file)) as { check: Checker };
  return defineStandard({
    entity: 'test',
    version: 'next',
    jsonSchema: withId,
    fields: [],
    check: mod.check,
  });
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listStandards } from '@gds/schema';
import { describe, expect, it } from 'vitest';

// Issue 16: the interfaces of one standard have stable names from the schema. One entry point
// (`@gds/schema/standards/<entity>`) bundles every version of a standard, and the declaration bundler
// renames any name declared twice (`Person$2`, `Contact$1`: what hovers and compiler errors then show).
// So every interface name is unique within its entity, and made of the schema's name and the version.
const GENERATED = join(import.meta.dirname, '../src/generated');
const versionTag = (v: string) => v.replace(/[^A-Za-z0-9]/g, '_');

describe.each([...new Set(listStandards().map((s) => s.entity))])('%s types', (entity) => {
  const versions = readdirSync(join(GENERATED, entity), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const declared = versions.flatMap((version) =>
    [
      ...readFileSync(join(GENERATED, entity, version, 'types.ts'), 'utf8').matchAll(
        /^export (?:interface|type) (\w+)/gm,
      ),
    ].map((m) => ({ version, name: m[1]! })),
  );

  it('covers every shipped version', () => {
    expect(versions.sort()).toEqual(
      listStandards()
        .filter((s) => s.entity === entity)
        .map((s) => s.version)
        .sort(),
    );
  });

  it('declares each interface name once across versions', () => {
    const names = declared.map((d) => d.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('names every interface <SchemaName>_<version>, with no copies numbered by the generator', () => {
    for (const { version, name } of declared) {
      expect(name).toMatch(new RegExp(`^[A-Z][A-Za-z]*_${versionTag(version)}$`));
      expect(name.slice(0, -versionTag(version).length - 1)).not.toMatch(/\d$/);
    }
  });

  it('exports every interface from @gds/schema/standards/<entity>, so the name a hover shows can be imported', () => {
    const index = readFileSync(join(GENERATED, entity, 'index.ts'), 'utf8');
    const exported = new Set(
      [...index.matchAll(/^export type \{ ([^}]+) \}/gm)].flatMap((m) =>
        m[1]!.split(',').map((n) => n.trim()),
      ),
    );
    expect(declared.map((d) => d.name).filter((n) => !exported.has(n))).toEqual([]);
  });

  it('keeps one interface per $def plus the record', () => {
    for (const s of listStandards().filter((x) => x.entity === entity)) {
      const ours = declared.filter((d) => d.version === s.version).map((d) => d.name);
      const defs = Object.keys((s.jsonSchema as { $defs?: object }).$defs ?? {});
      expect(ours.length, `${entity}@${s.version}: ${ours.join(', ')}`).toBe(defs.length + 1);
    }
  });
});

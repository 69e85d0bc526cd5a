import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES, TOWNSHIP_SEED } from '../src/samples.js';
import { type Resident, township } from '../src/township.js';

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

interface Person {
  identity: { number: string };
  name: string;
  phone?: string;
  residence: { detail: string };
}

/** The accepted records of a golden conversion (expected.ndjson), by ID number. */
function accepted(mapping: string): Map<string, Person> {
  const [dept, name] = mapping.split('/');
  const text = readFileSync(join(root, dept!, 'golden', name!, 'expected.ndjson'), 'utf8');
  const records = text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Person);
  return new Map(records.map((r) => [r.identity.number, r]));
}

describe('the person samples draw on one township', () => {
  const town = township(TOWNSHIP_SEED);
  const police = accepted('public-security/population');
  const civil = accepted('civil-affairs/dibao-person');
  const health = accepted('health/elderly-checkup');
  const share = (of: Map<string, Person>, inOther: Map<string, Person>) =>
    [...of.keys()].filter((id) => inOther.has(id)).length / of.size;

  it('most allowance recipients and check-up seniors are also in the accepted register rows', () => {
    expect(share(civil, police)).toBeGreaterThan(0.6);
    expect(share(health, police)).toBeGreaterThan(0.6);
    expect(share(health, civil)).toBeGreaterThan(0);
    expect([...health.keys()].some((id) => civil.has(id) && police.has(id))).toBe(true);
    // Every file's residents are residents of the township.
    const ids = new Set(town.households.flatMap((h) => h.members.map((p) => p.id)));
    for (const m of [police, civil, health]) {
      const foreign = [...m.keys()].filter((id) => !ids.has(id));
      // The register re-typed one birth date (and so the ID) on purpose; nothing else comes from elsewhere.
      expect(foreign.length).toBeLessThanOrEqual(m === police ? 1 : 0);
    }
  });

  it('a few residents are written differently by departments, each seen in the converted records', () => {
    const { moved, variantName, otherPhone } = town.differences;
    const name = (m: Map<string, Person>, p: Resident) => m.get(p.id)?.name;
    expect(name(police, variantName)).toBe(variantName.name);
    expect(name(health, variantName)).toBeDefined();
    expect(name(health, variantName)).not.toBe(variantName.name);

    expect(police.get(otherPhone.id)?.phone).toBe(otherPhone.phone);
    expect(health.get(otherPhone.id)?.phone).toMatch(/^1\d{10}$/);
    expect(health.get(otherPhone.id)?.phone).not.toBe(otherPhone.phone);

    const both = moved.members.filter((p) => police.has(p.id) && civil.has(p.id));
    expect(both.length).toBeGreaterThan(0);
    for (const p of both) {
      expect(police.get(p.id)?.residence.detail).toBe(moved.registerAddress?.detail);
      expect(civil.get(p.id)?.residence.detail).toBe(moved.detail);
    }
    expect(moved.registerAddress?.detail).not.toBe(moved.detail);
  });
});

import { listStandards, residentIdCheckCharacter, type Standard } from '@gds/schema';
import * as zodSchemas from '@gds/schema/zod';
import { readCodeList } from '@gds/standards/fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';

// Differential test (issue 2, acceptance 5): the compiled checker, the generated zod schema and an
// independent JSON Schema validator (Ajv2020, allErrors) must agree on generated instances. Ajv cannot
// see the x-gds rules (code lists, identifiers, cross-field rules), so against Ajv only the structural
// verdict is compared: the checker's issues whose codes are JSON Schema keywords.
const STRUCTURAL = new Set([
  'required',
  'type',
  'additional_property',
  'min_length',
  'max_length',
  'pattern',
  'format',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusive_minimum',
  'exclusive_maximum',
  'min_items',
  'max_items',
  'unique_items',
]);
// Person, the standard of issue 2's acceptance, gets 10,000 runs; the other entities 1,000 each.
const RUNS = Number(process.env.GDS_DIFFERENTIAL_RUNS ?? 10_000);
const runsFor = (entity: string) => (entity === 'person' ? RUNS : Math.ceil(RUNS / 10));
const NOW = new Date('2026-01-01T00:00:00Z');

type Node = Record<string, unknown>;

/** An arbitrary of instances of a schema: mostly valid, with a share of each kind of mistake. */
function arbitraryFor(doc: Node): fc.Arbitrary<unknown> {
  const defs = (doc.$defs ?? {}) as Record<string, Node>;
  const memo = new Map<Node, fc.Arbitrary<unknown>>();
  const wrongType = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.boolean(),
    fc.constant([]),
    fc.constant({}),
    fc.string(),
  );
  const build = (node: Node): fc.Arbitrary<unknown> => {
    if (typeof node.$ref === 'string') return build(defs[node.$ref.slice('#/$defs/'.length)]!);
    let arb = memo.get(node);
    if (!arb) {
      arb = fc.oneof({ weight: 80, arbitrary: good(node) }, { weight: 1, arbitrary: wrongType });
      memo.set(node, arb);
    }
    return arb;
  };
  const good = (node: Node): fc.Arbitrary<unknown> => {
    if (Array.isArray(node.enum)) return fc.constantFrom(...node.enum);
    switch (node.type) {
      case 'object': {
        const props = (node.properties ?? {}) as Record<string, Node>;
        const required = new Set((node.required ?? []) as string[]);
        const rules = (node['x-gds-rules'] ?? []) as ({ rule: string } & Record<string, string>)[];
        const shape: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(props)) shape[k] = build(v);
        const mistakes = fc.record({
          // Usually keep required keys present, sometimes drop one, sometimes add an unknown key.
          drop: fc.oneof(
            { weight: 30, arbitrary: fc.constant(null) },
            { weight: 1, arbitrary: fc.constantFrom(...required, '') },
          ),
          extra: fc.oneof(
            { weight: 30, arbitrary: fc.constant(null) },
            { weight: 1, arbitrary: fc.constantFrom('unknownField', 'Name', 'sex ') },
          ),
        });
        let record: fc.Arbitrary<unknown> = fc
          .tuple(fc.record(shape, { requiredKeys: [...required] }), mistakes)
          .map(([r, { drop, extra }]) => {
            const out: Record<string, unknown> = { ...r };
            if (drop) delete out[drop];
            if (extra) out[extra] = 'x';
            return out;
          });
        if (rules.some((r) => r.rule === 'identity-document')) record = identityDocument(record);
        const consistency = rules.find((r) => r.rule === 'id-card-consistency');
        if (consistency) record = agreeWithIdCard(record, consistency);
        return record;
      }
      case 'array':
        return fc.array(build((node.items ?? {}) as Node), {
          minLength: Math.max(0, Number(node.minItems ?? 0) - 1),
          maxLength: Number(node.maxItems ?? 4) + 1,
        });
      case 'string':
        return stringArb(node);
      case 'integer':
        return fc.oneof(
          fc.integer({ min: -10, max: 1000 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        );
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
      case 'boolean':
        return fc.boolean();
      default:
        return fc.anything();
    }
  };
  return build(doc);
}

/** Usually makes the record's birth date and sex agree with its resident ID, so other rules are reached. */
function agreeWithIdCard(
  record: fc.Arbitrary<unknown>,
  binding: Record<string, string>,
): fc.Arbitrary<unknown> {
  return fc.tuple(record, fc.integer({ min: 0, max: 9 })).map(([r, dice]) => {
    if (dice === 0 || !r || typeof r !== 'object' || Array.isArray(r)) return r;
    const o = { ...(r as Record<string, unknown>) };
    const doc = o[binding.document!] as { type?: unknown; number?: unknown } | undefined;
    if (
      doc &&
      doc.type === 'resident-id' &&
      typeof doc.number === 'string' &&
      /^\d{17}[\dX]$/.test(doc.number)
    ) {
      const n = doc.number;
      o[binding.birthDate!] = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`;
      o[binding.sex!] = Number(n[16]) % 2 === 1 ? '1' : '2';
    }
    return o;
  });
}

function stringArb(node: Node): fc.Arbitrary<string> {
  const good: fc.Arbitrary<string>[] = [];
  const bad: fc.Arbitrary<string>[] = [];
  const min = Number(node.minLength ?? 0);
  const max = Number(node.maxLength ?? 40);
  const list = node['x-gds-codelist'] as { list: string } | undefined;
  if (list) {
    good.push(fc.constantFrom(...CODES(list.list)));
    bad.push(fc.constantFrom('ZZ', '', '男'));
  } else if (node.format === 'date') {
    good.push(
      fc
        .date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    );
    bad.push(fc.constantFrom('2020-02-30', '2021-13-01', '20200101', '2020-1-2'));
  } else if (node.format === 'date-time') {
    good.push(
      fc
        .date({ min: new Date('2000-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    );
    bad.push(fc.constantFrom('2025-03-01 09:30', '2025-03-01T09:30:00'));
  } else if (node.format === 'email') {
    good.push(fc.constantFrom('li.na@example.com', 'a@b.cn'));
    bad.push(fc.constantFrom('not-an-email', 'a@'));
  } else if (node['x-gds-identifier'] === 'phone') {
    good.push(fc.constantFrom('13812345678', '010-12345678', '0755-1234567'));
    bad.push(fc.constantFrom('12345', '1381234567x'));
  } else if (node['x-gds-identifier'] === 'division') {
    good.push(fc.constantFrom('110105', '500101', '110105001001'));
    bad.push(fc.constantFrom('999999', '1101'));
  } else if (typeof node.pattern === 'string') {
    good.push(fc.stringMatching(new RegExp(node.pattern, 'u')));
  } else {
    good.push(fc.string({ minLength: Math.max(1, min), maxLength: Math.min(max, 30), unit: 'grapheme' }));
    good.push(fc.constantFrom('张三', '𠮷野家', '王小明', 'Li Lei'));
  }
  bad.push(fc.string({ minLength: 0, maxLength: Math.min(max + 2, 60), unit: 'grapheme' }));
  return fc.oneof(
    ...good.map((arbitrary) => ({ weight: 24, arbitrary })),
    ...bad.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

const codeTables = new Map<string, string[]>();
const CODES = (list: string) => {
  let codes = codeTables.get(list);
  if (!codes) {
    codes = readCodeList(list).entries.map((e) => e.code);
    codeTables.set(list, codes);
  }
  return codes;
};

function identityDocument(record: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  // Resident ID numbers must pass GB 11643 often enough to reach the other rules.
  const validId = fc
    .tuple(
      fc.constantFrom('110105', '340524', '513101', '370101'),
      fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
      fc.integer({ min: 0, max: 999 }),
    )
    .map(([area, d, seq]) => {
      const first17 = `${area}${d.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      return first17 + residentIdCheckCharacter(first17);
    });
  return fc.tuple(record, validId, fc.boolean()).map(([r, id, useId]) => {
    if (useId && r && typeof r === 'object' && !Array.isArray(r))
      return { ...(r as object), type: 'resident-id', number: id };
    return r;
  });
}

function ajvKeyword(code: string): string {
  return code
    .replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
    .replace('additionalProperty', 'additionalProperties');
}

describe.each(listStandards().map((s) => [`${s.entity}@${s.version}`, s] as const))(
  '%s',
  (_, standard: Standard) => {
    const runs = runsFor(standard.entity);
    it(`checker, zod and Ajv2020 agree on ${runs} generated instances`, () => {
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      (addFormats as unknown as (a: Ajv2020) => void)(ajv);
      const ajvValidate = ajv.compile(standard.jsonSchema);
      const zodName = `${standard.entity.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())}Zod_${standard.version.replace(/\./g, '_')}`;
      const zod = (zodSchemas as Record<string, ZodType>)[zodName]!;
      expect(zod, zodName).toBeDefined();
      let valid = 0;
      fc.assert(
        fc.property(arbitraryFor(standard.jsonSchema as Node), (instance) => {
          const ours = standard.validate(instance, { now: NOW });
          const structural = ours.issues.filter((i) => STRUCTURAL.has(i.code));
          const ajvOk = ajvValidate(instance);
          if (structural.length === 0) valid++;
          // Structure: same verdict, and the same (keyword, path) pairs for what both see.
          expect(
            structural.length === 0,
            JSON.stringify({ instance, structural, ajv: ajvValidate.errors }),
          ).toBe(ajvOk);
          const ourPairs = new Set(structural.map((i) => `${ajvKeyword(i.code)} /${i.path.join('/')}`));
          const ajvPairs = new Set(
            (ajvValidate.errors ?? []).map((e) => `${e.keyword} ${e.instancePath || '/'}`),
          );
          for (const pair of ourPairs) expect(ajvPairs, JSON.stringify(instance)).toContain(pair);
          // Everything: the zod schema runs the same rules, errors only, and reports each as a custom issue
          // with its GDS code (params.gdsCode) at the same path (issue 16).
          const parsed = zod.safeParse(instance);
          expect(parsed.success, JSON.stringify({ instance, issues: ours.issues })).toBe(ours.ok);
          const zodPairs = (parsed.error?.issues ?? [])
            .map((i) => `${(i as { params?: { gdsCode?: string } }).params?.gdsCode} /${i.path.join('/')}`)
            .sort();
          const errorPairs = ours.issues
            .filter((i) => i.severity === 'error')
            .map((i) => `${i.code} /${i.path.join('/')}`)
            .sort();
          expect(zodPairs, JSON.stringify(instance)).toEqual(errorPairs);
        }),
        { numRuns: runs, seed: 20261126 },
      );
      // The generator must reach structurally valid records too, or the test would only compare rejections.
      // (Checked for person, whose generator knows its rules; the other entities' generators do not yet
      // build rule-aware records, so there the test compares mostly rejections.)
      if (standard.entity === 'person') expect(valid).toBeGreaterThan(runs / 20);
    }, 600_000);
  },
);

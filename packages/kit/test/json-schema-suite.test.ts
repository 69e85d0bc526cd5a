// Conformance of the compiled checkers with the official JSON Schema test suite, draft 2020-12
// (json-schema-org/JSON-Schema-Test-Suite, read from ../shared/vectors/json-schema-test-suite or
// $GDS_VECTORS; see its README for the commit). Every group whose schema uses only keywords the GDS
// profile allows, in the forms it allows, is compiled by the checker generator and every test of the
// group must agree; `format` is asserted, with the optional/format files of the profile's formats.
//
// The profile's authoring requirements (closed objects, x-gds-* metadata on every field, a
// urn:gds:schema $id) say how a standard is written, not what a keyword means, so they do not decide
// applicability. Every group left out is listed, with the keyword that puts it outside the profile, in
// json-schema-suite.left-out.txt beside this file (compared on every run, so that a new suite or a
// wider profile shows up as a change there), and the reason for each keyword is KEYWORD_REASONS below.
//
// The result is written with process.stdout.write: scripts/fail-on-console.ts fails a test on console.*
// output, which is for catching library code, not a test's own report.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileStandard } from './_helpers/compile.js';
import { skipReason, vectorPath } from './_helpers/vectors.js';

interface Group {
  description: string;
  schema: unknown;
  tests: { description: string; data: unknown; valid: boolean }[];
}

const SUITE = ['json-schema-test-suite', 'tests', 'draft2020-12'];
const root = vectorPath(...SUITE);

/** The profile's formats: their optional/format files are run with `format` asserted. */
const FORMATS = ['date', 'date-time', 'email', 'uri'];

/** Files left out as a whole, and why (not a keyword outside the profile: a behaviour the profile replaces). */
const FILE_REASONS: Record<string, string> = {
  'format.json':
    'format as an annotation only (the 2020-12 default); the profile asserts format, which optional/format/* tests',
};

/** Why each keyword (or form of one) that the suite uses is outside the profile. */
const KEYWORD_REASONS: Record<string, string> = {
  'boolean schema': 'a schema is an object with a type; true/false schemas say nothing a standard needs',
  allOf: 'no combinators: one schema per field keeps the content model readable in every language',
  anyOf: 'no combinators',
  oneOf: 'no combinators',
  not: 'no combinators',
  'if/then/else': 'no conditionals: cross-field rules are x-gds-rules',
  $anchor: 'references are local #/$defs/<name> only',
  $dynamicRef: 'references are local #/$defs/<name> only',
  $dynamicAnchor: 'references are local #/$defs/<name> only',
  $id: 'a standard has one $id (urn:gds:schema:<entity>:<version>), never a base URI for references',
  $vocabulary: 'the profile is one fixed dialect',
  '$ref form': 'references are local #/$defs/<name> only',
  '$ref siblings': 'a $ref carries annotations only (the profile refuses constraints beside it)',
  'nested $defs': 'definitions live at the document level only',
  '$schema below the root': 'one dialect per document',
  contains: 'array items are all of one schema (items)',
  minContains: 'array items are all of one schema (items)',
  maxContains: 'array items are all of one schema (items)',
  prefixItems: 'array items are all of one schema (items)',
  unevaluatedItems: 'closed content models are additionalProperties: false on each object',
  unevaluatedProperties: 'closed content models are additionalProperties: false on each object',
  'additionalProperties form': 'additionalProperties is false on every object (misspelled fields show)',
  patternProperties: 'properties are named; a closed object lists them',
  propertyNames: 'properties are named; a closed object lists them',
  dependentRequired: 'no conditional presence: cross-field rules are x-gds-rules',
  dependentSchemas: 'no conditional presence: cross-field rules are x-gds-rules',
  minProperties: 'an object is a record with named fields, not a map',
  maxProperties: 'an object is a record with named fields, not a map',
  multipleOf: 'not needed by any standard (amounts are integers of the smallest unit)',
  'type form': 'type is a single type of the six (no null, no list): absence is an optional field',
  'enum form': 'enum values are strings, numbers or booleans',
  'const form': 'const is a string, number or boolean',
  'format value': `format is one of ${FORMATS.join(', ')}`,
  'items form': 'items is a schema',
  default: 'no defaults: a value a record did not give is not made up',
  contentMediaType: 'not in the profile',
  contentEncoding: 'not in the profile',
  contentSchema: 'not in the profile',
  'unknown keyword': 'the profile refuses keywords it does not know (a misspelled keyword would be silent)',
  definitions: 'the profile refuses keywords it does not know (draft-07 definitions is not $defs)',
};

const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', 'deprecated']);
const ALLOWED = new Set([
  ...ANNOTATIONS,
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  '$ref',
]);
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
const scalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/** The keyword (a KEYWORD_REASONS key) that puts a schema outside the profile, or null. */
function outside(schema: unknown): string | null {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return 'boolean schema';
  const doc = schema as Record<string, unknown>;
  const defs = (doc.$defs ?? {}) as Record<string, unknown>;
  const node = (n: unknown, isRoot: boolean): string | null => {
    if (typeof n !== 'object' || n === null || Array.isArray(n)) return 'boolean schema';
    const s = n as Record<string, unknown>;
    for (const [k, v] of Object.entries(s)) {
      if (k === '$schema') {
        if (!isRoot) return '$schema below the root';
        continue;
      }
      if (k === '$defs') {
        if (!isRoot) return 'nested $defs';
        continue;
      }
      if (k === 'if' || k === 'then' || k === 'else') return 'if/then/else';
      if (!ALLOWED.has(k)) return k in KEYWORD_REASONS ? k : 'unknown keyword';
      switch (k) {
        case 'type':
          if (typeof v !== 'string' || !TYPES.has(v)) return 'type form';
          break;
        case 'additionalProperties':
          if (v !== false) return 'additionalProperties form';
          break;
        case 'items':
          if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'items form';
          break;
        case 'enum':
          if (!Array.isArray(v) || v.length === 0 || !v.every(scalar)) return 'enum form';
          break;
        case 'const':
          if (!scalar(v)) return 'const form';
          break;
        case 'format':
          if (!FORMATS.includes(v as string)) return 'format value';
          break;
        case '$ref':
          if (typeof v !== 'string' || !/^#\/\$defs\/[A-Za-z][A-Za-z0-9]*$/.test(v) || !(v.slice(8) in defs))
            return '$ref form';
          if (
            Object.keys(s).some(
              (x) => !ANNOTATIONS.has(x) && x !== '$ref' && x !== '$schema' && x !== '$defs',
            )
          )
            return '$ref siblings';
          break;
        case 'minLength':
        case 'maxLength':
        case 'minItems':
        case 'maxItems':
          if (!isCount(v)) return 'unknown keyword';
          break;
        case 'pattern':
          if (typeof v !== 'string' || /\(\?<[=!]/.test(v)) return 'unknown keyword';
          break;
        default:
          break;
      }
    }
    for (const child of Object.values((s.properties ?? {}) as Record<string, unknown>)) {
      const r = node(child, false);
      if (r) return r;
    }
    return s.items === undefined ? null : node(s.items, false);
  };
  for (const def of Object.values(defs)) {
    const r = node(def, false);
    if (r) return r;
  }
  return node(doc, true);
}

/**
 * Optional files about keywords of the profile, run too: the profile says `pattern` is ECMAScript
 * syntax matched on code points. The rest of optional/ (bignum, float-overflow, cross-draft, ...) are
 * behaviours a validator may leave out that the profile makes no claim about.
 */
const OPTIONAL = ['optional/ecmascript-regex.json', 'optional/non-bmp-regex.json'];

// The core files, the optional/format files of the profile's formats, and OPTIONAL.
function files(dir: string): string[] {
  const core = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return [...core, ...FORMATS.map((f) => `optional/format/${f}.json`), ...OPTIONAL];
}

describe.skipIf(!root)(
  `JSON Schema test suite, draft 2020-12 ${root ? '' : `(skipped: ${skipReason(...SUITE)})`}`,
  () => {
    it('every applicable test agrees with the suite, and the groups left out are the listed ones', async () => {
      const leftOut: string[] = [];
      const disagreements: string[] = [];
      let groups = 0;
      let tests = 0;
      for (const file of files(root!)) {
        const suite = JSON.parse(readFileSync(join(root!, file), 'utf8')) as Group[];
        for (const group of suite) {
          const reason = FILE_REASONS[file] ? 'file' : outside(group.schema);
          if (reason) {
            if (reason !== 'file') expect(KEYWORD_REASONS, `a reason for ${reason}`).toHaveProperty([reason]);
            leftOut.push(
              `${file} > ${group.description}: ${reason === 'file' ? FILE_REASONS[file] : reason}`,
            );
            continue;
          }
          groups++;
          const standard = await compileStandard(group.schema as Record<string, unknown>);
          for (const test of group.tests) {
            tests++;
            const result = standard.validate(test.data);
            if (result.ok !== test.valid)
              disagreements.push(
                `${file} > ${group.description} > ${test.description}: expected ${test.valid ? 'valid' : 'invalid'}, got ${result.issues.map((i) => i.code).join(', ') || 'valid'}`,
              );
          }
        }
      }
      process.stdout.write(
        `JSON Schema test suite 2020-12: ${groups} applicable groups, ${tests} tests, ${tests - disagreements.length} agree; ${leftOut.length} groups left out (json-schema-suite.left-out.txt)\n`,
      );
      expect(disagreements).toEqual([]);
      await expect(`${leftOut.join('\n')}\n`).toMatchFileSnapshot('./json-schema-suite.left-out.txt');
      expect(groups).toBeGreaterThan(0);
    });
  },
);

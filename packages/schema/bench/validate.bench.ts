// Validating person records: the compiled checker against Ajv2020 (and zod) on the same records, same run.
// Targets (issue 2 and 3): valid records >= 2x Ajv2020; invalid records, every issue collected, >= 1x Ajv2020 allErrors.
import { gzipSync } from 'node:zlib';
import { person, residentIdCheckCharacter } from '@gds/schema';
import { personZod } from '@gds/schema/zod';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { build } from 'esbuild';
import { compare, record } from '../../../bench/harness.js';

const N = 1000;
const areas = ['110105', '340524', '513101', '370101', '440305'];
const names = ['王秀英', '张伟', '𠮷祥', '李娜', '阿依古丽', '欧阳明'];
// Records arrive as JSON text (an HTTP body, an NDJSON line): both validators get parsed records, with
// the flat strings JSON.parse makes, not the concatenated ones the generator below builds.
const asParsed = <T>(records: T): T => JSON.parse(JSON.stringify(records));
const valid = asParsed(
  Array.from({ length: N }, (_, i) => {
    const birth = new Date(Date.UTC(1940 + (i % 70), i % 12, 1 + (i % 28)));
    const ymd = birth.toISOString().slice(0, 10);
    const seq = String(i % 1000).padStart(3, '0');
    const first17 = `${areas[i % areas.length]}${ymd.replaceAll('-', '')}${seq}`;
    return {
      id: `ps-${i}`,
      identity: { type: 'resident-id', number: first17 + residentIdCheckCharacter(first17) },
      name: names[i % names.length],
      sex: Number(seq[2]) % 2 === 1 ? '1' : '2',
      birthDate: ymd,
      ethnicity: String(1 + (i % 56)).padStart(2, '0'),
      contacts: [{ kind: 'mobile', value: `138${String(10_000_000 + i).slice(-8)}` }],
      // An ID keeps the address code of first registration (513101 was abolished in 2000); a residence is current.
      residence: {
        divisionCode: areas[i % areas.length] === '513101' ? '511802' : areas[i % areas.length],
        detail: `建国路${i}号`,
      },
    };
  }),
);
// Each invalid record carries several mistakes, as real dirty exports do.
const invalid = asParsed(
  valid.map((r, i) => ({
    ...r,
    name: i % 2 ? '' : r.name,
    sex: i % 3 ? 'M' : r.sex,
    birthDate: i % 4 ? '1990/01/01' : r.birthDate,
    residence: { divisionCode: '12', detail: r.residence.detail },
    extra: 'x',
  })),
);

for (const r of valid)
  if (!person.validate(r).ok)
    throw new Error(`bench record invalid: ${JSON.stringify(person.validate(r).issues)}`);

const ajvFast = new Ajv2020({ strict: false });
const ajvAll = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajvFast);
(addFormats as unknown as (a: Ajv2020) => void)(ajvAll);
const ajvValid = ajvFast.compile(person.jsonSchema);
const ajvAllErrors = ajvAll.compile(person.jsonSchema);

let sink = 0;
await compare('schema-validate-person', [
  {
    name: 'valid person records',
    unit: 'records',
    itemsPerCall: N,
    target: 2,
    ours: {
      name: 'gds person.validate',
      fn: () => {
        for (const r of valid) sink += person.validate(r).ok ? 1 : 0;
      },
    },
    peer: {
      name: 'Ajv2020',
      fn: () => {
        for (const r of valid) sink += ajvValid(r) ? 1 : 0;
      },
    },
  },
  {
    name: 'invalid person records, every issue',
    unit: 'records',
    itemsPerCall: N,
    target: 1,
    ours: {
      name: 'gds person.validate',
      fn: () => {
        for (const r of invalid) sink += person.validate(r).issues.length;
      },
    },
    peer: {
      name: 'Ajv2020 allErrors',
      fn: () => {
        for (const r of invalid) {
          ajvAllErrors(r);
          sink += ajvAllErrors.errors?.length ?? 0;
        }
      },
    },
  },
  {
    name: 'valid person records (zod peer)',
    unit: 'records',
    itemsPerCall: N,
    ours: {
      name: 'gds person.validate',
      fn: () => {
        for (const r of valid) sink += person.validate(r).ok ? 1 : 0;
      },
    },
    peer: {
      name: 'zod safeParse',
      fn: () => {
        for (const r of valid) sink += personZod.safeParse(r).success ? 1 : 0;
      },
    },
  },
  {
    name: 'invalid person records (zod peer)',
    unit: 'records',
    itemsPerCall: N,
    ours: {
      name: 'gds person.validate',
      fn: () => {
        for (const r of invalid) sink += person.validate(r).issues.length;
      },
    },
    peer: {
      name: 'zod safeParse',
      fn: () => {
        for (const r of invalid) sink += personZod.safeParse(r).success ? 1 : 0;
      },
    },
  },
]);

// The browser bundle of the person validator alone (issue 3: under 40 KB minified + gzip).
const bundle = await build({
  stdin: {
    contents: "export { person } from '@gds/schema/standards/person';",
    resolveDir: import.meta.dirname,
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  // tsup's shared chunks are imported for effect only and sideEffects is false: esbuild says so, rightly, once per chunk.
  logLevel: 'error',
});
const bytes = bundle.outputFiles[0]!.contents;
record('schema-bundle-person', {
  entry: '@gds/schema/standards/person',
  minifiedBytes: bytes.length,
  gzipBytes: gzipSync(bytes).length,
  targetGzipBytes: 40 * 1024,
  met: gzipSync(bytes).length < 40 * 1024,
  sink,
});

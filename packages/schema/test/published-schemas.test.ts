import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listStandards } from '@gds/schema';
import { listExamples } from '@gds/standards/fs';
import { describe, expect, it } from 'vitest';

// An independent implementation checks what GDS publishes: Python's jsonschema (Debian python3-jsonschema)
// must find every schema a valid 2020-12 schema and accept every valid worked example.
const python = process.env.GDS_PYTHON ?? 'python3';
const probe = spawnSync(python, ['-c', 'import jsonschema'], { encoding: 'utf8' });
const available = probe.status === 0;
const required = process.env.CI === 'true' || process.env.GDS_REQUIRE_VECTORS === '1';

describe('published JSON Schemas, checked by Python jsonschema', () => {
  it.skipIf(!available && !required)(
    `validates with ${python} jsonschema${available ? '' : ' (SKIPPED: python3-jsonschema not installed)'}`,
    () => {
      expect(available, `${python} cannot import jsonschema: apt-get install python3-jsonschema`).toBe(true);
      const dir = mkdtempSync(join(tmpdir(), 'gds-pyjs-'));
      const cases = listStandards().map((s) => ({
        id: `${s.entity}@${s.version}`,
        schema: s.jsonSchema,
        // The worked examples are in the latest release's shape: a draft with a breaking change (person's
        // 2.0.0 draft renames residence) is checked on its schema only; its upgraded examples are checked in
        // packages/kit/test/person-demo.test.ts.
        valid: listExamples(s.entity)
          .filter((e) => e.valid && s.version !== 'next')
          .map((e) => ({ name: e.name, value: e.value })),
      }));
      writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
      const script = `
import json, sys
from jsonschema import Draft202012Validator, FormatChecker
cases = json.load(open(sys.argv[1], encoding='utf-8'))
failures = []
for case in cases:
    Draft202012Validator.check_schema(case['schema'])
    v = Draft202012Validator(case['schema'], format_checker=FormatChecker())
    for ex in case['valid']:
        errors = [e.message for e in v.iter_errors(ex['value'])]
        if errors:
            failures.append(case['id'] + ' ' + ex['name'] + ': ' + '; '.join(errors))
print(json.dumps({'schemas': len(cases), 'examples': sum(len(c['valid']) for c in cases), 'failures': failures}))
`;
      writeFileSync(join(dir, 'check.py'), script);
      const run = spawnSync(python, [join(dir, 'check.py'), join(dir, 'cases.json')], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const out = JSON.parse(run.stdout) as { schemas: number; examples: number; failures: string[] };
      expect(out.failures).toEqual([]);
      expect(out.schemas).toBe(cases.length);
      expect(out.examples).toBeGreaterThan(0);
    },
  );
});

// Golden conversions of the text readers' edge cases (issue 15, STYLE 13): each folder of test/fixtures/text-golden holds
// an input, the mapping it is converted with (case.json) and the committed expected output, rejects and
// report. Regenerate after an intended change: GDS_UPDATE_GOLDEN=1 npx vitest run packages/convert/test/text-golden.test.ts
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConvertStreamOptions, convertStream, loadMapping } from '@gds/convert/node';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, 'fixtures', 'text-golden');
const NOW = new Date('2026-01-01T00:00:00Z');
const update = process.env.GDS_UPDATE_GOLDEN === '1';

interface Case {
  mapping: string;
  about: string;
  options?: Pick<ConvertStreamOptions, 'rejectsWithReasons'>;
}

async function convert(mapping: string, input: Uint8Array, file: string, options: Case['options'] = {}) {
  const out: Uint8Array[] = [];
  const rej: Uint8Array[] = [];
  const report = await convertStream(loadMapping(mapping), {
    input,
    file,
    now: NOW,
    output: (b) => void out.push(b),
    rejects: (b) => void rej.push(b),
    ...options,
  });
  const { timing: _, ...stable } = report;
  return {
    output: Buffer.concat(out),
    rejects: Buffer.concat(rej),
    report: `${JSON.stringify(stable, null, 2)}\n`,
    raw: report,
  };
}

describe('text readers: golden conversions of their edge cases', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
    const input = readdirSync(dir).find((f) => f.startsWith('input.'))!;
    const ext = input.split('.').pop()!;
    it(`${name}: ${c.about}`, async () => {
      const first = await convert(c.mapping, readFileSync(join(dir, input)), input, c.options);
      const files = {
        'expected.ndjson': first.output,
        [`rejects.${ext}`]: first.rejects,
        'report.json': Buffer.from(first.report),
      };
      for (const [file, bytes] of Object.entries(files)) {
        const path = join(dir, file);
        if (update || !existsSync(path)) writeFileSync(path, bytes);
        expect(readFileSync(path).equals(bytes), `${name}/${file} differs from the golden file`).toBe(true);
      }
      const s = first.raw.stats;
      expect(s.rowsRead).toBe(s.rowsAccepted + s.rowsRejected);
    });
  }

  it('a rejects file without reasons converts again to the same rejects, byte for byte', async () => {
    const dir = join(root, 'csv-quotes');
    const again = await convert(
      'public-security/population',
      readFileSync(join(dir, 'rejects.csv')),
      'rejects.csv',
    );
    expect(again.raw.stats.rowsAccepted).toBe(0);
    expect(again.rejects.equals(readFileSync(join(dir, 'rejects.csv')))).toBe(true);
  });
});

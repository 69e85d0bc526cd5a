// Golden conversions (STYLE 13): every official mapping with a golden folder converts its sample to the
// committed expected output, rejects and report, and converting twice gives identical bytes.
// Regenerate after an intended change: GDS_UPDATE_GOLDEN=1 npx vitest run --project convert golden
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertStream, loadMapping } from '@gds/convert/node';
import { standardsDir } from '@gds/standards/fs';
import { describe, expect, it } from 'vitest';

const mappingsDir = join(standardsDir(), 'mappings');
const NOW = new Date('2026-01-01T00:00:00Z');
const update = process.env.GDS_UPDATE_GOLDEN === '1';

interface GoldenCase {
  id: string;
  dir: string;
  input: string;
}

function cases(): GoldenCase[] {
  const out: GoldenCase[] = [];
  for (const dept of readdirSync(mappingsDir).sort()) {
    const goldenRoot = join(mappingsDir, dept, 'golden');
    if (!existsSync(goldenRoot)) continue;
    for (const name of readdirSync(goldenRoot).sort()) {
      const dir = join(goldenRoot, name);
      const input = readdirSync(dir).find((f) => f.startsWith('input.'));
      if (input) out.push({ id: `${dept}/${name}`, dir, input });
    }
  }
  return out;
}

export async function runGolden(c: GoldenCase) {
  const loaded = loadMapping(c.id);
  const out: Uint8Array[] = [];
  const rej: Uint8Array[] = [];
  const report = await convertStream(loaded, {
    input: readFileSync(join(c.dir, c.input)),
    file: c.input,
    now: NOW,
    output: (b) => void out.push(b),
    rejects: (b) => void rej.push(b),
  });
  const { timing: _, ...stable } = report;
  return {
    output: Buffer.concat(out),
    rejects: Buffer.concat(rej),
    report: `${JSON.stringify(stable, null, 2)}\n`,
    raw: report,
  };
}

describe('official mappings: golden conversions', () => {
  const all = cases();
  it('has a golden case for every official mapping', () => {
    expect(all.map((c) => c.id)).toContain('public-security/population');
  });
  for (const c of all) {
    it(`${c.id}: sample -> expected output, rejects and report; twice -> identical bytes`, async () => {
      const first = await runGolden(c);
      const second = await runGolden(c);
      expect(second.output.equals(first.output)).toBe(true);
      expect(second.rejects.equals(first.rejects)).toBe(true);
      expect(second.report).toBe(first.report);
      const ext = c.input.split('.').pop();
      const files = {
        'expected.ndjson': first.output,
        [`rejects.${ext}`]: first.rejects,
        'report.json': Buffer.from(first.report),
      };
      for (const [name, bytes] of Object.entries(files)) {
        const path = join(c.dir, name);
        if (update || !existsSync(path)) writeFileSync(path, bytes);
        expect(readFileSync(path).equals(bytes), `${c.id}/${name} differs from the golden file`).toBe(true);
      }
      const s = first.raw.stats;
      expect(s.rowsRead).toBe(s.rowsAccepted + s.rowsRejected);
      expect(first.raw.timing?.rowsPerSecond).toBeGreaterThan(0);
    });
  }
});

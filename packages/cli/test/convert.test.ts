import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { standardsDir } from '@gds/standards/fs';
import { describe, expect, it } from 'vitest';
import { gds } from './_io.js';

const mappingsDir = join(standardsDir(), 'mappings');
const gb18030 = new TextDecoder('gb18030');
const goldens: { id: string; dir: string; input: string }[] = [];
for (const dept of readdirSync(mappingsDir).sort()) {
  const root = join(mappingsDir, dept, 'golden');
  if (!existsSync(root)) continue;
  for (const name of readdirSync(root).sort()) {
    const input = readdirSync(join(root, name)).find((f) => f.startsWith('input.'));
    if (input) goldens.push({ id: `${dept}/${name}`, dir: join(root, name), input });
  }
}

describe('gds convert on the official mappings', () => {
  it.each(goldens.map((g) => [g.id, g] as const))(
    '%s: gives the golden output, rejects and report, twice identically',
    async (_, g) => {
      const tmp = mkdtempSync(join(tmpdir(), 'gds-convert-'));
      const ext = g.input.split('.').pop();
      const run = async (n: number) => {
        const out = join(tmp, `out${n}.ndjson`);
        const rejects = join(tmp, `rejects${n}.${ext}`);
        const report = join(tmp, `report${n}.json`);
        const r = await gds([
          'convert',
          join(g.dir, g.input),
          '--mapping',
          g.id,
          '--out',
          out,
          '--rejects',
          rejects,
          '--report',
          report,
          '--now',
          '2026-01-01',
          '--no-timing',
        ]);
        return { r, out: readFileSync(out), rejects: readFileSync(rejects), report: readFileSync(report) };
      };
      const a = await run(1);
      const b = await run(2);
      const report = JSON.parse(a.report.toString());
      expect(a.r.code, a.r.stderr).toBe(report.stats.rowsRejected > 0 ? 1 : 0);
      expect(a.out.equals(readFileSync(join(g.dir, 'expected.ndjson')))).toBe(true);
      expect(a.rejects.equals(readFileSync(join(g.dir, `rejects.${ext}`)))).toBe(true);
      expect(a.report.equals(readFileSync(join(g.dir, 'report.json')))).toBe(true);
      expect(b.out.equals(a.out) && b.rejects.equals(a.rejects) && b.report.equals(a.report)).toBe(true);
    },
  );
});

describe('gds convert / gds export', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'gds-export-'));
  const golden = join(mappingsDir, 'public-security', 'golden', 'population');

  it('exports canonical records to the legacy format and converts them back to the same records', async () => {
    const csv = join(tmp, 'back.csv');
    const e = await gds([
      'export',
      join(golden, 'expected.ndjson'),
      '--mapping',
      'public-security/population',
      '--out',
      csv,
    ]);
    expect(e.code, e.stderr).toBe(0);
    const c = await gds(['convert', csv, '-m', 'public-security/population', '--now', '2026-01-01']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toBe(readFileSync(join(golden, 'expected.ndjson'), 'utf8'));
  });

  it('reads stdin and writes stdout when no file is named, with no progress bar when piped', async () => {
    const line =
      '{"id":"x","identity":{"type":"resident-id","number":"11010519491231002X"},"name":"张三","sex":"2","birthDate":"1949-12-31"}\n';
    const e = await gds(['export', '-m', 'public-security/population', '--locale', 'en'], { stdin: line });
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout.startsWith('gmsfhm,xm,xb,mz,csrq')).toBe(true);
    // A UTF-8 file with a BOM is read as UTF-8 although the mapping says GB18030 (with a warning).
    const csv = '\ufeffgmsfhm,xm,xb,csrq,ssxq\n11010519491231002X,张三,女,1949年12月31日,110105\n';
    const c = await gds(
      ['convert', '-', '-m', 'public-security/population', '--now', '2026-01-01', '--locale', 'en'],
      { stdin: csv },
    );
    expect(c.code, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({
      name: '张三',
      sex: '2',
      birthDate: '1949-12-31',
      residence: { divisionCode: '110105' },
    });
    expect(c.stderr).toContain('1 rows read: 1 accepted, 0 rejected');
    expect(c.stderr).not.toContain('\r');
  });

  it('says a misspelt column once, first, as the root cause of the rows it rejects (summary and report)', async () => {
    const rows = [
      '11010519491231002X,张三,女,1949年12月31日,110105',
      '110105194912310029,李四,男,19491231,110105',
    ];
    const csv = `gmsfhm,xmm,xb,csrq,ssxq\n${rows.join('\n')}\n`;
    const base = [
      'convert',
      '-',
      '-m',
      'public-security/population',
      '--now',
      '2026-01-01',
      '--locale',
      'en',
    ];
    const c = await gds(base, { stdin: csv });
    expect(c.code, c.stderr).toBe(1);
    const lines = c.stderr.split('\n');
    expect(lines[0]).toContain('2 rows read: 0 accepted, 2 rejected');
    expect(lines[1]).toMatch(
      /^ {2}✗ source\.missing_column \[xm\] .*\(did you mean xmm\?\); the root cause of 2 rejected/,
    );
    expect(lines[2]).toMatch(/^ {6}✗ required name ×2 /);
    expect(c.stderr).not.toMatch(/required name.*\(rows 2, 3\)/);
    const report = join(tmp, 'misspelt-report.json');
    expect((await gds([...base, '--report', report], { stdin: csv })).code).toBe(1);
    const r = JSON.parse(readFileSync(report, 'utf8'));
    const cause = { code: 'source.missing_column', column: 'xm' };
    expect(r.stats).toMatchObject({ rowsRead: 2, rowsAccepted: 0, rowsRejected: 2 });
    expect(r.issues[0]).toMatchObject({
      code: cause.code,
      params: { column: 'xm', rows: 2, suggestion: 'xmm' },
    });
    expect(r.groups[0]).toMatchObject({ code: cause.code, column: 'xm' });
    expect(r.groups[1]).toMatchObject({ code: 'required', path: 'name', count: 2, cause });
    const required = r.issues.filter((i: { code: string }) => i.code === 'required');
    expect(required.map((i: { source: { row: number }; cause: unknown }) => [i.source.row, i.cause])).toEqual(
      [
        [2, cause],
        [3, cause],
      ],
    );
  });

  it('--rejects-with-reasons adds gds_row and gds_reasons to a CSV rejects file', async () => {
    const input = join(
      import.meta.dirname,
      '..',
      '..',
      'convert',
      'test',
      'fixtures',
      'text-golden',
      'csv-quotes',
      'input.csv',
    );
    const plain = join(tmp, 'plain-rejects.csv');
    const reasons = join(tmp, 'reasons-rejects.csv');
    const base = [
      'convert',
      input,
      '-m',
      'public-security/population',
      '--now',
      '2026-01-01',
      '--locale',
      'en',
    ];
    expect((await gds([...base, '--rejects', plain])).code).toBe(1);
    expect((await gds([...base, '--rejects', reasons, '--rejects-with-reasons'])).code).toBe(1);
    const [head, ...rows] = gb18030.decode(readFileSync(reasons)).split('\r\n');
    expect(head).toBe(`${gb18030.decode(readFileSync(plain)).split('\r\n')[0]},gds_row,gds_reasons`);
    expect(rows[0]).toMatch(/,4,"csv\.text_after_quote B\(xm\): /);
  });

  it("export prefixes cells a spreadsheet would run as formulas with ', says how many, and --keep-formulas does not", async () => {
    const line =
      '{"id":"x","identity":{"type":"resident-id","number":"11010519491231002X"},"name":"=HYPERLINK(\\"http://x\\")","sex":"2","birthDate":"1949-12-31"}\n';
    const guarded = await gds(['export', '-m', 'public-security/population', '--locale', 'en'], {
      stdin: line,
    });
    expect(guarded.code, guarded.stderr).toBe(0);
    expect(guarded.stdout).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(guarded.stderr).toContain('1 cells that a spreadsheet would run as formulas');
    const kept = await gds(
      ['export', '-m', 'public-security/population', '--keep-formulas', '--format', 'json'],
      {
        stdin: line,
      },
    );
    expect(kept.stdout).toContain(`"=HYPERLINK(""http://x"")"`);
    expect(JSON.parse(kept.stderr)).toMatchObject({ records: 1, formulasNeutralised: 0 });
  });

  it('exits 2 on usage mistakes', async () => {
    expect((await gds(['convert', 'x.csv'])).code).toBe(2);
    expect((await gds(['convert', join(tmp, 'missing.csv'), '-m', 'public-security/population'])).code).toBe(
      2,
    );
    expect((await gds(['convert', join(golden, 'input.csv'), '-m', 'no/such-mapping'])).code).toBe(2);
    expect((await gds(['convert', '--bogus'])).code).toBe(2);
  });
});

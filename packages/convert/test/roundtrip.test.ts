// Acceptance 2 and 4: for the public-security mapping, export then import returns the same canonical
// records (rare characters outside GBK included), and a GB18030 file's 𠮷 survives both ways byte for byte.
import { createHash } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { convertStream, exportStream, loadMapping } from '@gds/convert/node';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

const loaded = loadMapping('public-security/population');
const NOW = new Date('2026-01-01T00:00:00Z');
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const check = (s: string) => '10X98765432'[[...s].reduce((a, d, i) => a + Number(d) * W[i]!, 0) % 11]!;
const COUNTIES = ['110101', '110105', '310104', '330102', '440106'];
const ETHNICITIES = ['01', '02', '03', '15', '46', '97'];
const CHARS = ['张', '王', '李', '司', '马', '𠮷', '𡒄', '䶮', '㑇', '喆', '堃', '犇', '·', 'A'];

const person = fc
  .record({
    county: fc.constantFrom(...COUNTIES),
    date: fc.date({
      min: new Date('1920-01-01T00:00:00Z'),
      max: new Date('2019-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
    name: fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 5 }),
    ethnicity: fc.option(fc.constantFrom(...ETHNICITIES), { nil: undefined }),
    phone: fc.option(fc.stringMatching(/^1[3-9]\d{9}$/), { nil: undefined }),
    detail: fc.option(fc.constantFrom('建国路88号', '中山路1号，"东门"', '人民路\n2号', '𠮷祥里3号'), {
      nil: undefined,
    }),
  })
  .map((p) => {
    const iso = p.date.toISOString().slice(0, 10);
    const first17 = `${p.county}${iso.replace(/-/g, '')}${String(p.seq).padStart(3, '0')}`;
    const number = first17 + check(first17);
    const id = `ps-${createHash('sha256').update(`public-security/population\u0000${number}`).digest('hex').slice(0, 32)}`;
    const rec: Record<string, unknown> = {
      id,
      identity: { type: 'resident-id', number },
      name: p.name.join(''),
      sex: p.seq % 2 === 1 ? '1' : '2',
    };
    if (p.ethnicity) rec.ethnicity = p.ethnicity;
    rec.birthDate = iso;
    rec.residence = { divisionCode: p.county, ...(p.detail ? { detail: p.detail } : {}) };
    if (p.phone) rec.phone = p.phone;
    return rec;
  });

async function exportCsv(records: unknown[]): Promise<Buffer> {
  const out: Uint8Array[] = [];
  const input = Buffer.from(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const summary = await exportStream(loaded, { input, output: (c) => void out.push(c) });
  expect(summary.records).toBe(records.length);
  return Buffer.concat(out);
}

async function importCsv(bytes: Uint8Array) {
  const out: Uint8Array[] = [];
  const report = await convertStream(loaded, { input: bytes, now: NOW, output: (c) => void out.push(c) });
  const text = Buffer.concat(out).toString('utf8');
  return {
    records:
      text === ''
        ? []
        : text
            .trimEnd()
            .split('\n')
            .map((l) => JSON.parse(l)),
    report,
  };
}

describe('public-security/population round trip', () => {
  test.prop(
    [
      fc.uniqueArray(person, {
        minLength: 1,
        maxLength: 30,
        selector: (p) => (p.identity as { number: string }).number,
      }),
    ],
    {
      numRuns: 60,
    },
  )('import(export(records)) = records', async (records) => {
    const csv = await exportCsv(records);
    const { records: back, report } = await importCsv(csv);
    expect(report.stats.rowsRejected, JSON.stringify(report.issues.slice(0, 3))).toBe(0);
    expect(back).toEqual(records);
  });

  it('keeps 𠮷 (U+20BB7, outside GBK) intact from a GB18030 file to the canonical record and back, byte for byte', async () => {
    const header = 'gmsfhm,xm,xb,mz,csrq,hb,ssxq,jlx,mlph,mlxz,xzjd,jcwh,lxdh\r\n';
    const line = '11010519491231002X,张𠮷,2,01,19491231,,110105,,,建国路88号,,,\r\n';
    const file = iconv.encode(header + line, 'gb18030');
    // 𠮷 is a four-byte GB18030 sequence: 0x95 0x34 0xB2 0x35 (pointer 0x20BB7 - 0x10000 + 189000).
    expect(file.includes(Buffer.from([0x95, 0x34, 0xb2, 0x35]))).toBe(true);
    const { records } = await importCsv(file);
    expect(records[0].name).toBe('张𠮷');
    expect([...records[0].name].length).toBe(2);
    const back = await exportCsv(records);
    expect(back.equals(file)).toBe(true);
  });
});

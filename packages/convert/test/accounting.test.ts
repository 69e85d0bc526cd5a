// Acceptance 3: arbitrary bytes through the whole conversion (reader, mapping, validation) never crash and
// never lose a row: every physical record is the header, a blank row, or read; read = accepted + rejected.

import { fc, test } from '@fast-check/vitest';
import { convertStream, loadMapping } from '@gds/convert/node';
import iconv from 'iconv-lite';
import { expect } from 'vitest';

const loaded = loadMapping('public-security/population');
const HEADER = iconv.encode('gmsfhm,xm,xb,mz,csrq,hb,ssxq,jlx,mlph,mlxz,xzjd,jcwh,lxdh\n', 'gb18030');
const pieces = fc.oneof(
  fc.constantFrom(
    ',',
    '"',
    '""',
    '\n',
    '\r\n',
    '\n\n',
    ',,,,',
    '11010519491231002X',
    '张𠮷',
    '1',
    '19491231',
    '110105',
  ),
  fc.uint8Array({ maxLength: 8 }).map((b) => Buffer.from(b).toString('latin1')),
);

test.prop([fc.array(pieces, { maxLength: 80 }), fc.integer({ min: 1, max: 97 })], { numRuns: 200 })(
  'accepted + rejected = rows read, and header + blank + read = records in the file',
  async (parts, chunk) => {
    const body = Buffer.concat(
      parts.map((p) =>
        /^[\x00-\xff]*$/.test(p) && !/[\u4e00-\u9fff]/.test(p)
          ? Buffer.from(p, 'latin1')
          : iconv.encode(p, 'gb18030'),
      ),
    );
    const bytes = Buffer.concat([HEADER, body]);
    const chunks = (function* () {
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
    })();
    const report = await convertStream(loaded, {
      input: chunks,
      output: () => {},
      rejects: () => {},
      now: new Date('2026-01-01'),
    });
    const s = report.stats;
    expect(s.rowsRead).toBe(s.rowsAccepted + s.rowsRejected);
    expect(1 + s.blankRows + s.rowsRead + s.rowsSkipped).toBe(countRecords(bytes));
    expect(s.bytes).toBe(bytes.length);
  },
);

function countRecords(b: Uint8Array): number {
  let n = 0;
  let inQ = false;
  let started = false;
  let any = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    any = true;
    if (inQ) {
      if (c === 0x22) {
        if (b[i + 1] === 0x22) i++;
        else inQ = false;
      }
      continue;
    }
    if (c === 0x22 && !started) {
      inQ = true;
      started = true;
    } else if (c === 0x2c) started = false;
    else if (c === 0x0a) {
      n++;
      started = false;
      any = false;
    } else started = true;
  }
  return n + (any ? 1 : 0);
}

// Issue 15, XLSX dates: the workbook's date system is honoured, time-only formats read as times, and a
// number typed into a text column converts to its decimal text. The workbooks come from an independent
// writer (Debian's python3-openpyxl), generated here.
import { fc, test } from '@fast-check/vitest';
import { createConverter, parseMapping, type SourceRecord } from '@gds/convert';
import { readXlsx } from '@gds/convert/xlsx';
import { describe, expect, it } from 'vitest';
import { noOpenpyxl, openpyxlNote, openpyxlWrite } from './_openpyxl.js';

// Each case starts python3 (about a second on a loaded machine): allow a property several minutes.
const SLOW = 300_000;

async function rows(bytes: Uint8Array): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const rec of readXlsx(bytes)) out.push(rec);
  return out;
}

// One column of ISO dates / datetimes, written as date cells by openpyxl in the asked date system.
const WRITE_DATES = `
if data['date1904']:
    wb.epoch = CALENDAR_MAC_1904
ws.append(['when'])
for v in data['values']:
    if len(v) == 10:
        ws.append([datetime.date.fromisoformat(v)])
    else:
        ws.append([datetime.datetime.fromisoformat(v)])
`;

/** Milliseconds are shown only when there are some, and a datetime at midnight reads as its date. */
const expected = (iso: string) => iso.replace(/\.000$/, '').replace(/T00:00:00$/, '');

const day = (min: string, max: string) =>
  fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true }).map((d) => d.toISOString());
const isoValue = (min: string) =>
  fc.oneof(
    day(min, '9999-12-31T00:00:00Z').map((s) => s.slice(0, 10)),
    // Whole seconds, and milliseconds (openpyxl keeps them; Excel shows them with an ss.000 format).
    day(min, '9999-12-30T23:59:59Z').map((s) => s.slice(0, 19)),
    day(min, '9999-12-30T23:59:59Z').map((s) => s.slice(0, 23)),
  );

describe.skipIf(noOpenpyxl)(`XLSX dates written by openpyxl${openpyxlNote}`, { timeout: SLOW }, () => {
  it('reads a 1904-system workbook (workbookPr date1904) without shifting its dates by four years', async () => {
    const bytes = openpyxlWrite(WRITE_DATES, {
      date1904: true,
      values: ['1904-01-01', '1970-01-01', '2024-02-29', '2024-03-01T08:30:00'],
    });
    expect((await rows(bytes)).map((r) => r.values[0])).toEqual([
      '1904-01-01',
      '1970-01-01',
      '2024-02-29',
      '2024-03-01T08:30:00',
    ]);
  });

  test.prop(
    [
      fc.oneof(
        // The 1900 system's first two months are one day early in Excel's count (the Lotus bug).
        fc.record({
          date1904: fc.constant(false),
          values: fc.array(isoValue('1900-01-01T00:00:00Z'), { minLength: 1, maxLength: 12 }),
        }),
        fc.record({
          date1904: fc.constant(true),
          values: fc.array(isoValue('1904-01-01T00:00:00Z'), { minLength: 1, maxLength: 12 }),
        }),
      ),
    ],
    { numRuns: 12 },
  )('any date or datetime round-trips in either date system', async (c) => {
    const got = (await rows(openpyxlWrite(WRITE_DATES, c))).map((r) => r.values[0]);
    expect(got).toEqual(c.values.map(expected));
  });

  it('reads time-only formats as times of day, elapsed formats as durations, and keeps a hidden date', async () => {
    const bytes = openpyxlWrite(
      `
ws.append(['t'])
for value, fmt in [(datetime.time(12, 30), 'hh:mm'), (datetime.time(7, 5, 9), 'h:mm:ss'),
                   (datetime.time(18, 0), 'h:mm AM/PM'), (datetime.time(9, 15), 'h"时"mm"分"'),
                   (datetime.time(0, 0, 1, 500000), 'hh:mm:ss.000'), (datetime.time(0, 0), 'hh:mm'),
                   (datetime.timedelta(hours=36, minutes=5), '[h]:mm:ss'),
                   (datetime.datetime(2024, 3, 1, 8, 30), 'hh:mm')]:
    ws.append([value])
    ws.cell(row=ws.max_row, column=1).number_format = fmt
`,
      {},
    );
    expect((await rows(bytes)).map((r) => r.values[0])).toEqual([
      '12:30:00',
      '07:05:09',
      '18:00:00',
      '09:15:00',
      '00:00:01.500',
      '00:00:00',
      '36:05:00',
      // An `hh:mm` format over a whole datetime hides the day in Excel; GDS does not drop it.
      '2024-03-01T08:30:00',
    ]);
  });

  it('leaves numbers in number formats as numbers (General, 0.00, percent, scientific, text)', async () => {
    const bytes = openpyxlWrite(
      `
ws.append(['n'])
for value, fmt in [(45000, 'General'), (45000.5, '0.00'), (0.25, '0%'), (12345678, '0.00E+00'),
                   (45000, '#,##0" 元"'), (45000, '[Red]0.00;[Blue]-0.00')]:
    ws.append([value])
    ws.cell(row=ws.max_row, column=1).number_format = fmt
`,
      {},
    );
    expect((await rows(bytes)).map((r) => r.values[0])).toEqual([
      45000, 45000.5, 0.25, 12345678, 45000, 45000,
    ]);
  });
});

// An injected validator keeps this test to the engine and its transforms.
const accept = () => ({ ok: true, issues: [] });

function converterFor(fields: object[]) {
  return createConverter(
    parseMapping(
      {
        id: 'test/xlsx-dates',
        version: '1.0.0',
        title: { zh: '测试', en: 'Test' },
        source: { system: 'test/xlsx', format: 'xlsx' },
        target: { standard: 'person', version: '1.0.0' },
        fields,
        // `registeredAt` is no field of person: with a validator of its own the target check is skipped.
      },
      { standard: null },
    ),
    { validate: accept },
  );
}

async function convert(bytes: Uint8Array, fields: object[]) {
  const converter = converterFor(fields);
  const results = [];
  for await (const rec of readXlsx(bytes)) results.push(converter.convert(rec));
  return results;
}

describe.skipIf(noOpenpyxl)(`XLSX numbers bound to dates and text${openpyxlNote}`, { timeout: SLOW }, () => {
  it('reads a bare serial number in a date field with the workbook date system', async () => {
    for (const date1904 of [false, true]) {
      // The serial a date column holds once its cell format was lost (General): 1970-01-01.
      const serial = date1904 ? 24107 : 25569;
      const bytes = openpyxlWrite(
        `
if data['date1904']:
    wb.epoch = CALENDAR_MAC_1904
ws.append(['csrq', 'ts'])
ws.append([data['serial'], data['serial'] + 0.5])
`,
        { date1904, serial },
      );
      const [r] = await convert(bytes, [
        { target: 'birthDate', from: 'csrq', transforms: ['date'] },
        { target: 'registeredAt', from: 'ts', transforms: ['datetime'] },
      ]);
      expect(r).toMatchObject({
        status: 'accepted',
        record: { birthDate: '1970-01-01', registeredAt: '1970-01-01T12:00:00+08:00' },
      });
    }
  });

  const TEXT_FIELD = [{ target: 'phone', from: 'dh', transforms: ['text', 'trim'] }];
  const WRITE_NUMBERS = `
ws.append(['dh'])
for n in data['numbers']:
    ws.append([int(n) if isinstance(n, int) or float(n).is_integer() and abs(n) < 2**53 else n])
`;

  test.prop(
    [
      fc.array(
        fc
          .oneof(
            // Phone numbers, serial numbers, codes typed as numbers: up to Excel's 15 digits.
            fc.integer({ min: 0, max: 999_999_999_999_999 }),
            fc.integer({ min: 13_000_000_000, max: 19_999_999_999 }),
            fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
            fc.double({ min: 1e-12, max: 1e-3, noNaN: true }),
            // A sheet holds what a user typed: at most 15 significant digits (openpyxl writes 16).
          )
          .map((n) => Number(n.toPrecision(15))),
        { minLength: 1, maxLength: 15 },
      ),
    ],
    { numRuns: 8 },
  )('any number typed into a text column converts to its decimal text', async (numbers) => {
    const results = await convert(openpyxlWrite(WRITE_NUMBERS, { numbers }), TEXT_FIELD);
    expect(results.map((r) => r.status)).toEqual(numbers.map(() => 'accepted'));
    results.forEach((r, i) => {
      const text = String(r.status === 'accepted' ? r.record.phone : '');
      expect(text).not.toMatch(/e/i);
      // Exactly the number the cell held: its decimal text reads back as the same double.
      expect(Number(text)).toBe(numbers[i] === 0 ? 0 : numbers[i]);
    });
  });

  it('converts an 11-digit phone number typed as a number, and refuses one Excel already cut to 15 digits', async () => {
    const bytes = openpyxlWrite(WRITE_NUMBERS, { numbers: [13800138000, 1e-7, 6222021234567890000] });
    const [phone, small, card] = await convert(bytes, TEXT_FIELD);
    expect(phone).toMatchObject({ status: 'accepted', record: { phone: '13800138000' } });
    expect(small).toMatchObject({ status: 'accepted', record: { phone: '0.0000001' } });
    expect(card!.status).toBe('rejected');
    expect(card!.issues.map((i) => [i.code, i.params.value, i.source?.row, i.source?.column])).toEqual([
      ['source.excel_mangled_number', '6222021234567890000', 4, 'dh'],
    ]);
  });

  it('keeps the Excel-mangled ID check: an identity number typed as a number is still refused', async () => {
    const bytes = openpyxlWrite(WRITE_NUMBERS, { numbers: [110105194912310000] });
    const [r] = await convert(bytes, [{ target: 'identity.number', from: 'dh', transforms: ['residentId'] }]);
    expect(r!.issues.map((i) => i.code)).toEqual(['source.excel_mangled_id']);
  });
});

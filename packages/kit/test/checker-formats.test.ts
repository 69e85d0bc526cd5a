// `format` as the compiled checkers assert it (@gds/schema's format scans): `uri` is RFC 3986 §3,
// `date-time` RFC 3339 §5.6 with leap seconds only at 23:59:60 UTC on a month's last day (ITU-R
// TF.460-6), `email` the RFC 5321 §4.1.2 Mailbox in ASCII. The official suite's format files are run by
// json-schema-suite.test.ts; these are the cases it leaves out and the properties behind them.
import { fc, test as prop } from '@fast-check/vitest';
import type { Standard } from '@gds/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileStandard } from './_helpers/compile.js';

const formats: Record<string, Standard> = {};
beforeAll(async () => {
  for (const format of ['uri', 'date-time', 'email', 'date'])
    formats[format] = await compileStandard({ type: 'string', format });
});
const ok = (format: string, s: string) => formats[format]!.validate(s).ok;

describe('format: date-time (RFC 3339 §5.6)', () => {
  it.each([
    ['1998-12-31T23:59:60Z', true],
    ['1998-12-31T23:59:60.5z', true],
    ['1998-12-31T15:59:60-08:00', true], // 23:59:60 UTC
    ['1999-01-01T07:59:60+08:00', true], // 23:59:60 UTC of the day before, a month's last
    ['2016-12-31T23:59:60+01:00', false], // 22:59:60 UTC
    ['2016-06-15T23:59:60Z', false], // not the last day of a month
    ['2016-07-01T07:59:60+08:00', true], // 2016-06-30T23:59:60Z
    ['2016-07-02T07:59:60+08:00', false],
    ['2024-02-29T23:59:60Z', true],
    ['2023-02-28T23:59:60Z', true],
    ['2024-02-28T23:59:60Z', false],
    ['2020-01-01 10:00:00Z', false], // the space is an application's agreement, not RFC 3339's grammar
    ['2020-01-01T10:00:00+08', false],
    ['2020-01-01T10:00:00-00:00', true],
    ['2020-01-01T10:00:00.Z', false],
  ])('%s: %s', (s, valid) => {
    expect(ok('date-time', s)).toBe(valid);
  });

  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const local = (utcMs: number, offsetMin: number, second: string) => {
    const d = new Date(utcMs + offsetMin * 60_000);
    const sign = offsetMin < 0 ? '-' : '+';
    const o = Math.abs(offsetMin);
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${second}${sign}${pad(Math.floor(o / 60))}:${pad(o % 60)}`;
  };
  const offset = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });

  prop.prop([fc.integer({ min: 1, max: 9998 }), fc.integer({ min: 0, max: 11 }), offset])(
    'second 60 is valid at 23:59 UTC on the last day of any month, whatever the offset',
    (year, month, off) => {
      // 23:59 on the last day of the month: the first minute of the next month, less one minute.
      const utc = Date.UTC(year, month + 1, 1) - 60_000;
      expect(ok('date-time', local(utc, off, '60'))).toBe(true);
      expect(ok('date-time', local(utc, off, '59'))).toBe(true);
    },
  );

  prop.prop([fc.integer({ min: Date.UTC(1, 0, 1), max: Date.UTC(9998, 11, 1) }), offset])(
    'second 60 is invalid at any other UTC minute',
    (ms, off) => {
      const minute = ms - (ms % 60_000);
      const next = new Date(minute + 60_000);
      fc.pre(!(next.getUTCDate() === 1 && next.getUTCHours() === 0 && next.getUTCMinutes() === 0));
      expect(ok('date-time', local(minute, off, '60'))).toBe(false);
      expect(ok('date-time', local(minute, off, '00'))).toBe(true);
    },
  );
});

describe('format: uri (RFC 3986 §3)', () => {
  it.each([
    ['urn:isbn:0451450523', true],
    ['http://[2001:db8::7]:8080/a?b#c', true],
    ['http://[v7.fe:80]/', true], // IPvFuture
    ['http://[1:2:3:4:5:6:7::]/', true], // `::` for one group, as RFC 3986's grammar allows
    ['http://[1:2:3:4:5:6:7:8:9]/', false],
    ['http://[::1%25eth0]/', false], // zone ids are RFC 6874, not RFC 3986
    ['http://[::1]x/', false],
    ['http://a@b@c/', false],
    ['http://example.com:/', true], // an empty port
    ['file:///etc/hosts', true],
    ['a:', true],
    ['http://example.com/a#b#c', false],
    ['http://example.com/a?b?c/d', true],
    ['http://例子.中国/', false], // an IRI, not a URI until percent-encoded
    ['http://%E4%BE%8B%E5%AD%90.%E4%B8%AD%E5%9B%BD/', true],
    ['http://example.com/%zz', false],
    ['http://example.com/a%2', false],
    ['HTTP://EXAMPLE.COM/', true],
    ['-http://x', false],
    ['http://example.com/\u0000', false],
  ])('%s: %s', (s, valid) => {
    expect(ok('uri', s)).toBe(valid);
  });
});

describe('format: email (RFC 5321 §4.1.2 Mailbox, ASCII)', () => {
  it.each([
    ['zhang.san@example.gov.cn', true],
    ['a+tag@example.com', true],
    ['"a b"@example.com', true],
    ['"a\\"b"@example.com', true],
    ['"a"b"@example.com', false],
    ['"a\\"@example.com', false],
    ['user@[IPv6:2001:db8::1]', true],
    ['user@[IPv6:1:2:3:4:5:6:7::]', false], // RFC 5321: `::` stands for two or more groups
    ['user@[tag:xyz]', false], // a general address literal needs a registered tag
    ['user@localhost', false], // SMTP takes fully qualified names only (RFC 5321 §2.3.5)
    ['user@-example.com', false],
    ['user@example-.com', false],
    ['user@exa_mple.com', false],
    ['用户@例子.中国', false], // internationalized: idn-email, not email
    [`${'a'.repeat(64)}@example.com`, true],
    [`${'a'.repeat(65)}@example.com`, false],
    [`a@${'b'.repeat(63)}.com`, true],
    [`a@${'b'.repeat(64)}.com`, false],
    [`a@${'b.'.repeat(125)}cn`, true], // 254 octets in all, RFC 5321's limit for a path's mailbox
    [`ab@${'b.'.repeat(125)}cn`, false],
    ['a @example.com', false],
    ['(comment)a@example.com', false], // RFC 5322 comments are outside the mailbox syntax
  ])('%s: %s', (s, valid) => {
    expect(ok('email', s)).toBe(valid);
  });
});

// Valid person 1.1.0 records for the store tests: resident ID numbers with their GB 11643 check
// character, one birth date, division codes of Dongcheng district (110101) from the bundled list.
import { createHash } from 'node:crypto';
import { canonicalize } from '@gds/crypto';
import { residentIdCheckCharacter } from '@gds/schema';
import type { Submission } from '@gds/store';

/** Distinct for n < 28 000: the birth day counts thousands, the sequence code the rest. */
export function residentId(n: number): string {
  const body = `110101199003${String(1 + (Math.floor(n / 1000) % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

export function birthDateOf(n: number): string {
  return `1990-03-${String(1 + (Math.floor(n / 1000) % 28)).padStart(2, '0')}`;
}

export const DIVISIONS = ['110101001001', '110101001002', '110101002001'];

export interface PersonFields {
  name?: string;
  phone?: string;
  division?: string;
  detail?: string;
  maritalStatus?: string;
}

/** One department's record of resident `n`. */
export function person(n: number, dept: string, f: PersonFields = {}): Record<string, unknown> {
  const r: Record<string, unknown> = {
    id: `${dept.slice(0, 2)}-${n}`,
    identity: { type: 'resident-id', number: residentId(n) },
    name: f.name ?? `居民${n}`,
    sex: n % 2 ? '1' : '2',
    birthDate: birthDateOf(n),
  };
  if (f.phone) r.phone = f.phone;
  if (f.maritalStatus) r.maritalStatus = f.maritalStatus;
  if (f.division || f.detail) {
    const res: Record<string, unknown> = {};
    if (f.division) res.divisionCode = f.division;
    if (f.detail) res.detail = f.detail;
    r.residence = res;
  }
  return r;
}

/** The SHA-256 a department's NDJSON export of these records would have. */
export function shaOf(records: readonly unknown[], salt = ''): string {
  const h = createHash('sha256');
  for (const r of records) h.update(`${canonicalize(r as never)}\n`);
  h.update(salt);
  return h.digest('hex');
}

export function submission(
  department: string,
  records: Record<string, unknown>[],
  more: Partial<Submission> = {},
): Submission {
  return {
    department,
    system: `${department}-sys`,
    standard: 'person',
    version: '1.1.0',
    fileSha256: shaOf(records, JSON.stringify(more.withdraw ?? []) + (more.exportedAt ?? '')),
    exportedAt: '2026-06-01T00:00:00Z',
    mode: 'full',
    records,
    ...more,
  };
}

/** A clock that moves one second per call, from 2026-07-01. */
export function steppingClock(): () => Date {
  let t = Date.parse('2026-07-01T00:00:00Z');
  return () => {
    t += 1000;
    return new Date(t);
  };
}

/**
 * The i-th delta submission of a department's feed (the two-process and crash tests): 200 residents
 * from 50 * i, so consecutive submissions overlap, with values that change from one to the next.
 */
export function feedSubmission(department: string, i: number): Submission {
  const records = Array.from({ length: 200 }, (_, k) => {
    const n = 50 * i + k;
    return department === 'public-security'
      ? person(n, department, { name: `居民${n}-${i}`, division: DIVISIONS[(n + i) % 3]! })
      : person(n, department, { name: `网格${n}`, phone: `138${String(10_000_000 + i).slice(-8)}` });
  });
  return submission(department, records, {
    mode: 'delta',
    exportedAt: new Date(Date.UTC(2026, 5, 1) + i * 60_000).toISOString(),
  });
}

// Synthetic person records for the benchmarks: deterministic, generated on the fly, never committed.
import { closeSync, openSync, writeSync } from 'node:fs';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂';

/** Person `i` as department `variant` (0, 1, 2…) holds it: the same residents, some values differing. */
export function personRecord(i: number, variant: number, dept: string): Record<string, unknown> {
  // Unique per resident: the birth date steps one day per thousand residents, the sequence is i % 1000.
  const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(i / 1000) * 86_400_000);
  const y = birth.getUTCFullYear();
  const m = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const d = String(birth.getUTCDate()).padStart(2, '0');
  const seq = String(i % 1000).padStart(3, '0');
  const number = `110101${y}${m}${d}${seq}${i % 11 === 10 ? 'X' : i % 10}`;
  const name =
    SURNAMES[i % SURNAMES.length]! +
    GIVEN[(i >> 3) % GIVEN.length]! +
    (i % 3 ? GIVEN[(i >> 5) % GIVEN.length]! : '');
  const r: Record<string, unknown> = {
    id: `${dept}-${i}`,
    identity: { type: 'resident-id', number },
    name: variant === 2 && i % 50 === 0 ? `${name}x` : name,
    sex: String(1 + (i % 2)),
    birthDate: `${y}-${m}-${d}`,
    ethnicity: '01',
    phone: `13${String(800000000 + ((i * 7919 + variant * (i % 20 === 0 ? 1 : 0)) % 100000000)).padStart(9, '0')}`,
    residence: {
      divisionCode: `110101${String(1 + (i % 14)).padStart(3, '0')}${String(1 + (i % 20)).padStart(3, '0')}`,
      detail: `多福巷社区银闸胡同${(i % 200) + 1}号${variant === 1 && i % 10 === 0 ? '院' : ''}`,
    },
  };
  // One resident in ten thousand has no ID number in one department: paired for review, never merged.
  if (variant === 1 && i % 10_000 === 7) delete r.identity;
  return r;
}

export function* generatePeople(
  n: number,
  variant: number,
  dept: string,
): Generator<Record<string, unknown>> {
  for (let i = 0; i < n; i++) yield personRecord(i, variant, dept);
}

export function writePeopleFile(path: string, n: number, variant: number, dept: string): void {
  const fd = openSync(path, 'w');
  let buf: string[] = [];
  for (let i = 0; i < n; i++) {
    buf.push(JSON.stringify(personRecord(i, variant, dept)));
    if (buf.length === 10_000) {
      writeSync(fd, `${buf.join('\n')}\n`);
      buf = [];
    }
  }
  if (buf.length) writeSync(fd, `${buf.join('\n')}\n`);
  closeSync(fd);
}

/** A small seeded PRNG (mulberry32): the same seed gives the same samples on every machine. */
export class Random {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The GB 11643 check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function checkCharacter(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[s % 11]!;
}

/** County codes present (and in force) in the division excerpt shipped with the standard. */
export const COUNTIES = [
  '110101',
  '110102',
  '110105',
  '110106',
  '110108',
  '310101',
  '310104',
  '330102',
  '350102',
  '370102',
  '440103',
  '440106',
];

export const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '欧阳', '司马'];
// Rare characters that real registers contain: 𠮷 (U+20BB7) and 𡒄 (U+21484) lie outside the BMP and
// outside GBK; 䶮 (U+4DAE) and 㑇 (U+3447) are CJK Extension A; 喆 堃 犇 are in GBK.
export const RARE = ['𠮷', '𡒄', '䶮', '㑇'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '桂英',
  '喆',
  '堃',
  '犇',
];

export function personName(r: Random): string {
  const given = r.chance(0.15)
    ? r.pick(RARE) + (r.chance(0.5) ? r.pick(GIVEN) : '')
    : r.pick(GIVEN) + (r.chance(0.5) ? r.pick(GIVEN) : '');
  return r.pick(SURNAMES) + given;
}

/** A given name alone, as {@link personName} makes them (children take the family's surname). */
export function givenName(r: Random): string {
  return r.chance(0.15)
    ? r.pick(RARE) + (r.chance(0.5) ? r.pick(GIVEN) : '')
    : r.pick(GIVEN) + (r.chance(0.5) ? r.pick(GIVEN) : '');
}

/** The surname of a name made by {@link personName} (two-character surnames first). */
export function surnameOf(name: string): string {
  return SURNAMES.find((s) => s.length === 2 && name.startsWith(s)) ?? name.slice(0, 1);
}

export interface Identity {
  id: string;
  county: string;
  birth: string; // yyyyMMdd
  sex: '1' | '2';
}

export function identity(r: Random, opts: { minYear?: number; maxYear?: number } = {}): Identity {
  const county = r.pick(COUNTIES);
  const y = r.int(opts.minYear ?? 1930, opts.maxYear ?? 2005);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  const birth = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
  const seq = r.int(1, 999);
  const first17 = `${county}${birth}${String(seq).padStart(3, '0')}`;
  return { id: first17 + checkCharacter(first17), county, birth, sex: seq % 2 === 1 ? '1' : '2' };
}

export function mobile(r: Random): string {
  return `1${r.pick(['3', '5', '8'])}${String(r.int(0, 999999999)).padStart(9, '0')}`;
}

export const STREETS = ['建国路', '朝阳北路', '中山路', '人民路', '解放大街', '和平里东街'];

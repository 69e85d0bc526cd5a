import {
  COUNTIES,
  checkCharacter,
  givenName,
  mobile,
  personName,
  Random,
  STREETS,
  surnameOf,
} from './random.js';

/**
 * The township behind the person samples: one seeded population of households, from which the police
 * register, the civil-affairs subsistence-allowance roster and the health check-up file each draw their
 * rows, as real departments hold the same residents. Each department writes them its own way (see
 * population.ts, dibao.ts, checkup.ts); a few residents differ between departments on purpose
 * ({@link Township.differences}) so that merging the files into golden records meets real conflicts.
 */
export const TOWNSHIP = { county: '110105', name: '朝外街道' } as const;

/** One resident of the township. */
export interface Resident {
  /** Resident ID number (GB 11643), its first six digits the place of first registration. */
  id: string;
  birth: string; // yyyyMMdd
  sex: '1' | '2';
  name: string;
  /** The ethnicity as the police register spells it (汉族, 汉, 01, 崩龙族, …). */
  mz: string;
  /** The same ethnicity as a GB 3304 code. */
  ethnicity: string;
  /** Mobile number, '' when the resident has none. */
  phone: string;
  /** Relationship to the head of the household, as the roster labels it (户主, 配偶, 子, 母亲, …). */
  relation: string;
  /** Whether the resident's hukou is registered in the township (else: lives here, registered elsewhere). */
  registered: boolean;
  household: Household;
  /** How one department writes this resident when it differs from the others (see `differences`). */
  writtenBy: { 'civil-affairs'?: Written; health?: Written };
}

export interface Written {
  name?: string;
  phone?: string;
}

export interface Household {
  /** The current address (street, number, building, unit, room). */
  street: string;
  no: string;
  detail: string;
  /** 户别 of the register: 1 family household, 2 collective household. */
  kind: '1' | '2';
  community: string;
  members: Resident[];
  /** The address the police register still holds for a household that has moved within the township. */
  registerAddress?: Pick<Household, 'street' | 'no' | 'detail'>;
}

export interface Township {
  households: Household[];
  /** The rows of the police register export, in order. */
  register: Resident[];
  /** The households of the subsistence-allowance roster, in order. */
  dibao: Household[];
  /** The seniors of the check-up file, in order. */
  checkup: Resident[];
  /** The residents written differently by departments, each reason once. */
  differences: {
    /** Moved house: the roster and the check-up file have the new address, the register the old one. */
    moved: Household;
    /** The check-up file writes the name with a common variant of a rare character. */
    variantName: Resident;
    /** The check-up file has another mobile number (a relative's) than the register. */
    otherPhone: Resident;
  };
}

/** Rows of the register export that population.ts rejects or alters; kept clear of the `differences`. */
export const REGISTER_DIRTY_ROWS: readonly number[] = [
  2, 3, 5, 8, 11, 14, 17, 20, 23, 26, 29, 32, 35, 38, 45,
];
/** Households of the roster with a rejected member (dibao.ts), and check-up records that are rejected. */
export const DIBAO_DIRTY_HOUSEHOLDS: readonly number[] = [2, 4, 5, 6, 7];
export const CHECKUP_DIRTY_RECORDS: readonly number[] = [3, 6, 9];
/**
 * Member counts of the roster's households, in order: the golden figures of the roster (32 member rows,
 * 10 of them in households with a rejected member) depend on them.
 */
export const DIBAO_SIZES: readonly number[] = [2, 3, 2, 3, 3, 3, 2, 3, 1, 2, 4, 4];

// How the police register spells each ethnicity, with the GB 3304 code it means.
const ETHNICITY: ReadonlyArray<readonly [string, string]> = [
  ['汉族', '01'],
  ['汉族', '01'],
  ['汉族', '01'],
  ['汉', '01'],
  ['01', '01'],
  ['1', '01'],
  ['蒙古族', '02'],
  ['蒙古', '02'],
  ['回族', '03'],
  ['03', '03'],
  ['满族', '11'],
  ['壮族', '08'],
  ['崩龙族', '46'],
  ['毛难族', '36'],
  ['土家族', '15'],
];
// Rare characters and the common character that systems limited to GBK (or careless typing) put instead.
const VARIANTS: Readonly<Record<string, string>> = { 𠮷: '吉', 喆: '哲', 堃: '坤' };
const COMMUNITIES = ['建国门外社区', '光华里社区', '新村村委会'];
const SENIOR_BORN_BEFORE = '19600101';

/** The township of the samples: the same seed gives the same residents and the same department files. */
export function township(
  seed = 20240101,
  o: { households?: number; register?: number; checkup?: number } = {},
): Township {
  const r = new Random(seed);
  const ids = new Set<string>();
  const households: Household[] = [];
  for (let h = 0; h < (o.households ?? 48); h++) households.push(household(r, ids));
  const residents = households.flatMap((h) => h.members);

  // The roster: households of the sizes it needs, drawn at random.
  const byChance = shuffle(r, households);
  const dibao = DIBAO_SIZES.map((size) => {
    const i = byChance.findIndex((h) => h.members.length === size);
    if (i < 0) throw new Error(`the township has no household of ${size} left for the roster`);
    return byChance.splice(i, 1)[0]!;
  });
  const onDibao = new Set(dibao.flatMap((h) => h.members));

  const checkup = shuffle(
    r,
    residents.filter((p) => p.birth < SENIOR_BORN_BEFORE),
  ).slice(0, o.checkup ?? 20);
  if (checkup.length < (o.checkup ?? 20)) throw new Error('the township has too few seniors');
  const onCheckup = new Set(checkup);

  // The register export holds every registered resident the other files know, and others up to its size.
  const size = o.register ?? 60;
  const known = residents.filter((p) => p.registered && (onDibao.has(p) || onCheckup.has(p)));
  const others = shuffle(
    r,
    residents.filter((p) => p.registered && !onDibao.has(p) && !onCheckup.has(p)),
  );
  if (known.length > size || known.length + others.length < size)
    throw new Error(`the township cannot fill a register of ${size} rows`);
  const register = shuffle(r, [...known, ...others.slice(0, size - known.length)]);
  // Rows whose dirt needs a particular resident (population.ts): an ID ending in X for the lower-case x,
  // a birth before 2000 for the 15-digit ID, a resident no other file knows for the re-typed birth date.
  const needs: Array<[number, (p: Resident) => boolean]> = [
    [3, (p) => p.id.endsWith('X')],
    [17, (p) => p.birth < '20000101'],
    [32, (p) => !onDibao.has(p) && !onCheckup.has(p)],
  ];
  const fixed = new Set(needs.map(([i]) => i));
  for (const [i, ok] of needs) {
    if (ok(register[i]!)) continue;
    const j = register.findIndex((p, k) => !fixed.has(k) && ok(p));
    if (j >= 0) [register[i], register[j]] = [register[j]!, register[i]!];
  }

  // The differences, on residents whose rows every department accepts, so that the merge meets them.
  const row = new Map(register.map((p, i) => [p, i]));
  const clean = (p: Resident) => row.has(p) && !REGISTER_DIRTY_ROWS.includes(row.get(p)!);
  const moved = dibao.find(
    (h, i) =>
      !DIBAO_DIRTY_HOUSEHOLDS.includes(i) &&
      h.members.some(clean) &&
      h.members.every((p) => !p.registered || clean(p)),
  );
  if (!moved) throw new Error('no roster household can have moved');
  moved.registerAddress = { street: moved.street, no: moved.no, detail: moved.detail };
  Object.assign(moved, address(r));
  const cleanSenior = checkup.filter((p, i) => !CHECKUP_DIRTY_RECORDS.includes(i) && clean(p));
  const variantName = cleanSenior.find((p) => [...p.name].some((c) => VARIANTS[c]));
  if (!variantName) throw new Error('no senior of the check-up file has a name with a variant character');
  variantName.writtenBy.health = { name: [...variantName.name].map((c) => VARIANTS[c] ?? c).join('') };
  const otherPhone = cleanSenior.find((p) => p !== variantName && p.phone !== '');
  if (!otherPhone) throw new Error('no senior of the check-up file has a phone');
  const relative = otherPhone.household.members.find((p) => p !== otherPhone && p.phone !== '');
  otherPhone.writtenBy.health = { phone: relative?.phone ?? mobile(r) };

  return { households, register, dibao, checkup, differences: { moved, variantName, otherPhone } };
}

function address(r: Random): Pick<Household, 'street' | 'no' | 'detail'> {
  const street = r.pick(STREETS);
  const no = `${r.int(1, 200)}号`;
  return { street, no, detail: `${street}${no}${r.int(1, 20)}栋${r.int(1, 6)}单元${r.int(101, 1802)}室` };
}

function household(r: Random, ids: Set<string>): Household {
  const h: Household = {
    ...address(r),
    kind: r.chance(0.8) ? '1' : '2',
    community: r.pick(COMMUNITIES),
    members: [],
  };
  const size = r.int(1, 5);
  const headYear = r.int(1935, 1990);
  const headSex = r.chance(0.5) ? '1' : '2';
  const head = resident(r, ids, h, '户主', headYear, headSex, personName(r));
  h.members.push(head);
  let spouse: Resident | undefined;
  if (size > 1 && r.chance(0.8)) {
    const year = Math.max(1930, Math.min(1995, headYear + r.int(-5, 5)));
    spouse = resident(r, ids, h, '配偶', year, headSex === '1' ? '2' : '1', personName(r));
    h.members.push(spouse);
  }
  // Children take the father's surname.
  const family = surnameOf(headSex === '1' || !spouse ? head.name : spouse.name);
  while (h.members.length < size) {
    const young = headYear >= 1962;
    const rel = r.pick(young ? ['子', '女', '父亲', '母亲'] : ['子', '女', '孙子', '孙女']);
    const sex = rel === '子' || rel === '孙子' || rel === '父亲' ? '1' : '2';
    const year =
      rel === '父亲' || rel === '母亲'
        ? Math.max(1930, headYear - r.int(22, 35))
        : Math.min(2018, headYear + (rel.startsWith('孙') ? r.int(45, 60) : r.int(22, 35)));
    const name = rel === '父亲' || rel === '母亲' ? personName(r) : family + givenName(r);
    h.members.push(resident(r, ids, h, rel, year, sex, name));
  }
  return h;
}

function resident(
  r: Random,
  ids: Set<string>,
  household: Household,
  relation: string,
  year: number,
  sex: '1' | '2',
  name: string,
): Resident {
  let id: string;
  let birth: string;
  do {
    // Mostly first registered in the township's county, else wherever they were born.
    const county = r.chance(0.5) ? TOWNSHIP.county : r.pick(COUNTIES);
    birth = `${year}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
    // The sequence number is odd for men, even for women.
    const seq = 2 * r.int(0, 498) + (sex === '1' ? 1 : 2);
    const first17 = `${county}${birth}${String(seq).padStart(3, '0')}`;
    id = first17 + checkCharacter(first17);
  } while (ids.has(id));
  ids.add(id);
  const [mz, ethnicity] = r.pick(ETHNICITY);
  return {
    id,
    birth,
    sex,
    name,
    mz,
    ethnicity,
    phone: year <= 2008 && r.chance(0.85) ? mobile(r) : '',
    relation,
    // Seniors have mostly lived where their hukou is; younger residents more often work away from it.
    registered: r.chance(year < 1960 ? 0.95 : 0.8),
    household,
    writtenBy: {},
  };
}

function shuffle<T>(r: Random, list: readonly T[]): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { residentIdCheckCharacter } from '@gds/schema';
import { listCodeLists, readCodeList, standardsDir } from '@gds/standards/fs';
import { describe, expect, it } from 'vitest';
import { gds } from './_io.js';

// The option vocabulary, checked on the command table as `gds --help` lists it: every command takes
// --locale and --help; every command that reports (its help lists --format) takes --format json and
// prints JSON that parses; with --locale en nothing it prints is Chinese except data it echoes.

const repo = join(import.meta.dirname, '..', '..', '..');
const names = [...(await gds(['--help'])).stdout.matchAll(/^ {2}gds (\S+(?: [a-z][\w-]*)?) {2,}/gm)].map(
  (m) => m[1]!,
);
const helps = new Map<string, string>();
for (const name of names)
  helps.set(name, (await gds([...name.split(' '), '--help', '--locale', 'en'])).stdout);
const reporting = names.filter((n) => /^ {2}-f, --format text\|json/m.test(helps.get(n)!));

const HAN = /\p{Script=Han}/gu;
const HAS_HAN = /\p{Script=Han}/u;
/** The output with every echoed data value taken out, longest first (a value may contain a shorter one). */
function withoutEchoes(text: string, echoes: readonly string[]): string {
  let out = text;
  for (const e of [...new Set(echoes)].filter((x) => HAS_HAN.test(x)).sort((a, b) => b.length - a.length))
    out = out.split(e).join('');
  return out;
}
function han(text: string): string[] {
  return [...new Set(text.match(HAN) ?? [])];
}
/** Every string inside a JSON value, as a command may echo it. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return [...Object.keys(v), ...Object.values(v).flatMap(strings)];
  return [];
}

const env = { GDS_PASSPHRASE: 'vocabulary', GDS_KEYRING_SCRYPT_N: '1024' };
const work = mkdtempSync(join(tmpdir(), 'gds-cli-vocabulary-'));
const run = (argv: string[], cwd = work) => gds(argv, { cwd, env });

/** A person record with one mistake (an unknown sex code), ASCII only. */
const badPerson = { id: 'p-1', name: 'Li Si', sex: '7' };
writeFileSync(join(work, 'bad.json'), JSON.stringify(badPerson));

const populationDir = join(standardsDir(), 'mappings', 'public-security', 'golden', 'population');
const populationCsv = new TextDecoder('gb18030').decode(readFileSync(join(populationDir, 'input.csv')));
const canonical = readFileSync(join(populationDir, 'expected.ndjson'), 'utf8');
writeFileSync(join(work, 'people.ndjson'), canonical);
const exemptions = JSON.parse(readFileSync(join(repo, 'standards', 'compat', 'exemptions.json'), 'utf8'));
const examples = join(standardsDir(), 'examples', 'person', 'valid');
const exampleRecords = readdirSync(examples).map((f) => JSON.parse(readFileSync(join(examples, f), 'utf8')));
writeFileSync(join(work, 'police.ndjson'), exampleRecords.map((r) => JSON.stringify(r)).join('\n'));

interface Fixture {
  /** Runs once before the command (keys, a log…). */
  setup?: () => Promise<void>;
  /** A function when the arguments exist only after the setup (the log's key). */
  argv: string[] | (() => string[]);
  cwd?: string;
  /** Data values the command may echo as they are (names, addresses, labels of the standard). */
  echoes?: readonly string[];
}

let logReady: Promise<void> | undefined;
const log = () =>
  (logReady ??= (async () => {
    expect((await run(['log', 'init', '--origin', 'vocabulary.example/log'])).code).toBe(0);
    writeFileSync(join(work, 'entry.json'), JSON.stringify({ id: 'e-1' }));
    expect((await run(['log', 'append', 'entry.json'])).code).toBe(0);
    const receipt = await run(['log', 'prove', '0', '--out', 'receipt.json']);
    expect(receipt.code).toBe(0);
  })());

const fixtures: Record<string, Fixture> = {
  validate: { argv: ['validate', '--standard', 'person', 'bad.json'] },
  'codelist list': {
    argv: ['codelist', 'list'],
    echoes: listCodeLists().flatMap((id) => readCodeList(id).entries.map((e) => e.source)),
  },
  'codelist show': {
    argv: ['codelist', 'show', 'ethnicity'],
    echoes: readCodeList('ethnicity').entries.flatMap((e) => Object.values(e.extra)),
  },
  'standards list': { argv: ['standards', 'list'], cwd: repo },
  'standards diff': { argv: ['standards', 'diff', 'person@1.1.0', 'person@next'], cwd: repo },
  'standards check': { argv: ['standards', 'check'], cwd: repo, echoes: strings(exemptions) },
  convert: {
    argv: [
      'convert',
      join(populationDir, 'input.csv'),
      '-m',
      'public-security/population',
      '--out',
      'out.ndjson',
    ],
    echoes: populationCsv.split(/\r?\n/).flatMap((l) => l.split(',')),
  },
  export: {
    argv: ['export', 'people.ndjson', '-m', 'public-security/population', '--out', 'back.csv'],
    echoes: canonical
      .split('\n')
      .filter(Boolean)
      .flatMap((l) => strings(JSON.parse(l))),
  },
  'keys list': {
    setup: async () => {
      expect((await run(['keys', 'generate', '--label', 'civil-affairs', '--issuer', 'dept:mca'])).code).toBe(
        0,
      );
    },
    argv: ['keys', 'list'],
  },
  'log verify': { setup: log, argv: ['log', 'verify'] },
  'log verify-receipt': {
    setup: log,
    argv: () => ['log', 'verify-receipt', 'receipt.json', '--log-key', logKey()],
  },
  merge: {
    argv: [
      'merge',
      'dept:police=police.ndjson',
      '--standard',
      'person',
      '--out',
      'golden.ndjson',
      '--conflicts',
      'conflicts.ndjson',
    ],
    echoes: exampleRecords.flatMap(strings),
  },
  demo: { argv: ['demo', '--dir', join(work, 'demo-base')] },
};

/** The store (./.gds/store.sqlite) with one resident, and that resident's golden id. */
const storeBody = '11010119900307451';
const storeRecord = {
  id: 'ps-1',
  identity: { type: 'resident-id', number: storeBody + residentIdCheckCharacter(storeBody) },
  name: '张三',
  sex: '1',
  birthDate: '1990-03-07',
  residence: { divisionCode: '110101001001', detail: '银闸胡同12号' },
};
const storeIngest = [
  'store',
  'ingest',
  'store-person.ndjson',
  '--department',
  'public-security',
  '--standard',
  'person@1.1.0',
  '--exported-at',
  '2026-06-01T00:00:00Z',
  '--mode',
  'full',
];
let storeReady: Promise<void> | undefined;
let goldenId = '';
const store = () =>
  (storeReady ??= (async () => {
    writeFileSync(join(work, 'store-person.ndjson'), `${JSON.stringify(storeRecord)}\n`);
    expect((await run(storeIngest)).code).toBe(0);
    const filed = await run([
      'store',
      'correct',
      goldenIdOf(await run(['store', 'find', storeRecord.identity.number, '--format', 'json'])),
      '--path',
      '/name',
      '--value',
      '"Zhang San"',
      '--department',
      'grid-management',
      '--reason',
      'checked at home',
    ]);
    expect(filed.code).toBe(0);
  })());
function goldenIdOf(r: { stdout: string }): string {
  goldenId = (JSON.parse(r.stdout) as { id: string }).id;
  return goldenId;
}
Object.assign(fixtures, {
  'mapping init': {
    argv: ['mapping', 'init', join(populationDir, 'input.csv'), '--out', 'init.mapping.json'],
  },
  'mapping check': { argv: ['mapping', 'check', join(populationDir, '..', '..', 'population.mapping.json')] },
  'store ingest': { setup: store, argv: storeIngest },
  'store get': { setup: store, argv: () => ['store', 'get', goldenId], echoes: strings(storeRecord) },
  'store find': {
    setup: store,
    argv: ['store', 'find', storeRecord.identity.number],
    echoes: strings(storeRecord),
  },
  'store history': { setup: store, argv: () => ['store', 'history', goldenId], echoes: strings(storeRecord) },
  'store changes': { setup: store, argv: ['store', 'changes'] },
  'store stats': { setup: store, argv: ['store', 'stats'] },
  'store correct': { setup: store, argv: ['store', 'correct', '--list', '--department', 'public-security'] },
} satisfies Record<string, Fixture>);

/** The log's verifier key: the log exists only once its setup ran. */
function logKey(): string {
  return (JSON.parse(readFileSync(join(work, '.gds', 'log.json'), 'utf8')) as { verifierKey: string })
    .verifierKey;
}

describe('the option vocabulary', () => {
  it('the table is the one gds --help lists, and some commands report', () => {
    expect(names.length).toBeGreaterThan(30);
    expect(reporting).toEqual(expect.arrayContaining(['validate', 'convert', 'export', 'demo']));
  });

  it.each(names)('%s takes --locale and --help, and its English help is English only', (name) => {
    const help = helps.get(name)!;
    expect(help).toMatch(/^ {6}--locale zh-CN\|en {2,}/m);
    expect(help).toMatch(/^ {2}-h, --help {2,}/m);
    expect(han(help)).toEqual([]);
  });

  it('every reporting command has a fixture here (a new one needs its own)', () => {
    expect(Object.keys(fixtures).sort()).toEqual([...reporting].sort());
  });

  // Run in table order: fixtures share the folder, and the log's receipt comes before verify-receipt.
  describe.each(reporting)('%s', (name) => {
    it('--format json prints JSON that parses; --locale en prints no Chinese but echoed data', async () => {
      const f = fixtures[name]!;
      await f.setup?.();
      const argv = typeof f.argv === 'function' ? f.argv() : f.argv;
      const json = await run([...argv, '--format', 'json', '--locale', 'en'], f.cwd);
      expect([0, 1], json.stderr).toContain(json.code);
      expect(() => JSON.parse(json.stdout), json.stdout.slice(0, 200)).not.toThrow();
      const text = await run([...argv, '--locale', 'en'], f.cwd);
      expect([0, 1], text.stderr).toContain(text.code);
      expect(text.stdout + text.stderr).not.toBe('');
      expect(han(withoutEchoes(text.stdout + text.stderr, f.echoes ?? []))).toEqual([]);
    });
  });
});

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePolicy } from '@gds/ledger';
import { verifyDisclosure } from '@gds/policy';
import { beforeAll, describe, expect, test } from 'vitest';
import { gds } from './_io.js';

const dir = mkdtempSync(join(tmpdir(), 'gds-cli-policy-'));
let verifierKey = '';

const people = [
  {
    id: 'ps-1',
    identity: { type: 'resident-id', number: '110101199003074514' },
    name: '王小明',
    sex: '1',
    birthDate: '1990-03-07',
    phone: '13812345678',
    residence: { divisionCode: '110101001001', detail: '多福巷社区银闸胡同12号' },
  },
];

beforeAll(async () => {
  process.env.GDS_PASSPHRASE = 'pw';
  process.env.GDS_KEYRING_SCRYPT_N = '1024';
  const init = await gds(['log', 'init', '--origin', 'county.example/disclosures'], { cwd: dir });
  expect(init.code).toBe(0);
  verifierKey = init.stdout.trim();
  const k = await gds(
    ['keys', 'generate', '--label', '公安局', '--issuer', 'public-security', '--use', 'sign'],
    { cwd: dir },
  );
  expect(k.code).toBe(0);
  writeFileSync(join(dir, 'people.ndjson'), people.map((p) => JSON.stringify(p)).join('\n'));
});

describe('gds grant / gds share', () => {
  test('shares what the grant allows, explains the rest, and logs the disclosure', async () => {
    const g = await gds(
      [
        'grant',
        '--to',
        'health',
        '--standard',
        'person',
        '--purpose',
        'vaccination-follow-up',
        '--field',
        '/name:masked',
        '--field',
        '/birthDate',
        '--until',
        '2099-01-01T00:00:00Z',
        '--id',
        'g-1',
      ],
      { cwd: dir },
    );
    expect(g.code).toBe(0);
    writeFileSync(join(dir, 'grant.json'), g.stdout);
    const s = await gds(
      ['share', 'people.ndjson', '--as', 'health', '--grant', 'grant.json', '--explain', 'explain.json'],
      {
        cwd: dir,
      },
    );
    expect(s.stderr).toContain('g-1');
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout)).toEqual({
      id: 'ps-1',
      identity: { type: 'resident-id' },
      name: '王**',
      sex: '1',
      birthDate: '1990-03-07',
      residence: { divisionCode: '110101001001' },
    });
    expect(s.stderr).toContain('/phone [grant.field_not_covered]');
    const explain = JSON.parse(readFileSync(join(dir, 'explain.json'), 'utf8'));
    expect(explain.find((d: { path: string }) => d.path === '/identity/number')).toMatchObject({
      reason: 'grant.field_not_covered',
    });
    const files = readdirSync(join(dir, '.gds', 'disclosures'));
    expect(files).toHaveLength(1);
    const { disclosure, receipt } = JSON.parse(
      readFileSync(join(dir, '.gds', 'disclosures', files[0]!), 'utf8'),
    );
    expect(disclosure.records).toEqual(['ps-1']);
    expect(
      await verifyDisclosure(disclosure, receipt, parsePolicy(`log ${verifierKey}\nquorum none\n`)),
    ).toMatchObject({ valid: true });
  });

  test('a tampered or revoked grant is refused: exit 1, the reason on stderr, nothing conditional shared', async () => {
    const g = JSON.parse(readFileSync(join(dir, 'grant.json'), 'utf8'));
    g.payload.fields.push({ path: '/phone', form: 'clear' });
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(g));
    const t = await gds(['share', 'people.ndjson', '--as', 'health', '--grant', 'tampered.json'], {
      cwd: dir,
    });
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('grant.tampered');
    expect(JSON.parse(t.stdout)).not.toHaveProperty('phone');
    expect(JSON.parse(t.stdout)).not.toHaveProperty('name');

    const r = await gds(['grant', 'revoke', 'g-1', '--reason', '协议终止'], { cwd: dir });
    expect(r.code).toBe(0);
    writeFileSync(join(dir, 'revocations.ndjson'), r.stdout);
    const v = await gds(
      [
        'share',
        'people.ndjson',
        '--as',
        'health',
        '--grant',
        'grant.json',
        '--revocations',
        'revocations.ndjson',
      ],
      { cwd: dir },
    );
    expect(v.code).toBe(1);
    expect(v.stderr).toContain('grant.revoked');
    expect(v.stderr).toContain('协议终止');
  });

  test('usage mistakes exit 2', async () => {
    expect((await gds(['share', 'people.ndjson'], { cwd: dir })).code).toBe(2);
    expect(
      (await gds(['share', 'people.ndjson', '--as', 'health', '--standard', 'nope'], { cwd: dir })).code,
    ).toBe(2);
  });
});

describe('gds merge', () => {
  test('merges department files into golden records, conflicts and review pairs', async () => {
    writeFileSync(
      join(dir, 'police.ndjson'),
      `${JSON.stringify(people[0])}\n${JSON.stringify({ id: 'ps-2', name: '李四', sex: '2', birthDate: '1985-01-02' })}\n`,
    );
    writeFileSync(
      join(dir, 'grid.ndjson'),
      `${JSON.stringify({ ...people[0], id: 'gm-1', name: '王晓明', phone: '13900000000' })}\n{oops\n`,
    );
    const m = await gds(
      [
        'merge',
        'public-security/hukou=police.ndjson',
        'grid-management=grid.ndjson',
        '--standard',
        'person',
        '--out',
        'golden.ndjson',
        '--conflicts',
        'conflicts.ndjson',
      ],
      { cwd: dir },
    );
    expect(m.code).toBe(1); // one line was not a record
    expect(m.stderr).toContain('grid.ndjson:2');
    const golden = readFileSync(join(dir, 'golden.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(golden).toHaveLength(1);
    expect(golden[0].record).toMatchObject({ name: '王小明', phone: '13900000000' });
    expect(golden[0].provenance['/name']).toEqual({
      department: 'public-security',
      system: 'hukou',
      recordId: 'ps-1',
    });
    expect(golden[0].provenance['/phone']).toEqual({ department: 'grid-management', recordId: 'gm-1' });
    const conflicts = readFileSync(join(dir, 'conflicts.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(conflicts.map((c) => [c.path, c.reason])).toEqual([
      ['/name', 'authoritative-source'],
      ['/phone', 'authoritative-source'],
    ]);
    expect(readFileSync(join(dir, 'conflicts.candidates.ndjson'), 'utf8')).toBe('');
    // Same bytes whatever the order of the files.
    const again = await gds(
      [
        'merge',
        'grid-management=grid.ndjson',
        'public-security/hukou=police.ndjson',
        '--standard',
        'person',
        '--out',
        'golden2.ndjson',
        '--conflicts',
        'conflicts2.ndjson',
      ],
      { cwd: dir },
    );
    expect(again.code).toBe(1);
    expect(readFileSync(join(dir, 'golden2.ndjson'), 'utf8')).toBe(
      readFileSync(join(dir, 'golden.ndjson'), 'utf8'),
    );
    expect(readFileSync(join(dir, 'conflicts2.ndjson'), 'utf8')).toBe(
      readFileSync(join(dir, 'conflicts.ndjson'), 'utf8'),
    );
  });

  test('incremental: --previous merges new files into earlier golden records', async () => {
    writeFileSync(join(dir, 'police-ok.ndjson'), `${JSON.stringify(people[0])}\n`);
    writeFileSync(
      join(dir, 'grid-ok.ndjson'),
      `${JSON.stringify({ ...people[0], id: 'gm-1', name: '王晓明', phone: '13900000000' })}\n`,
    );
    const common = ['--standard', 'person'];
    const all = await gds(
      [
        'merge',
        'public-security=police-ok.ndjson',
        'grid-management=grid-ok.ndjson',
        ...common,
        '--out',
        'all.ndjson',
        '--conflicts',
        'all.c.ndjson',
      ],
      { cwd: dir },
    );
    const first = await gds(
      [
        'merge',
        'public-security=police-ok.ndjson',
        ...common,
        '--out',
        'first.ndjson',
        '--conflicts',
        'first.c.ndjson',
      ],
      { cwd: dir },
    );
    const then = await gds(
      [
        'merge',
        'grid-management=grid-ok.ndjson',
        ...common,
        '--previous',
        'first.ndjson',
        '--out',
        'then.ndjson',
        '--conflicts',
        'then.c.ndjson',
      ],
      { cwd: dir },
    );
    expect([all.code, first.code, then.code]).toEqual([0, 0, 0]);
    expect(readFileSync(join(dir, 'then.ndjson'), 'utf8')).toBe(
      readFileSync(join(dir, 'all.ndjson'), 'utf8'),
    );
  });

  test('usage mistakes exit 2', async () => {
    expect((await gds(['merge', 'police.ndjson', '--standard', 'person'], { cwd: dir })).code).toBe(2);
    // No department for records without provenance.sourceDepartment: a caller fault.
    const m = await gds(
      ['merge', 'police.ndjson', '--standard', 'person', '--out', 'g.ndjson', '--conflicts', 'c.ndjson'],
      {
        cwd: dir,
      },
    );
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('GDS_STORE_INVALID_INPUT');
  });
});

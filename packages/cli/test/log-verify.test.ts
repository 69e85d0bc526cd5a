// `gds log verify` fails, each case with its own code, exit 1 and a bilingual message, when the
// database was altered in silence: checkpoints deleted, entries appended without the key, the file
// emptied, another log's database or a log written without the key copied over it.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNoteKey, Log, noteSignerFromKey } from '@gds/ledger';
import { createSqliteStore } from '@gds/ledger/sqlite';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { gds } from './_io.js';

const ORIGIN = 'county.example/population-log';
// A fast scrypt for tests only (the default is N = 2^15).
const env = { ...process.env, GDS_PASSPHRASE: 'correct horse battery staple', GDS_KEYRING_SCRYPT_N: '1024' };

async function newLog(origin = ORIGIN) {
  const dir = mkdtempSync(join(tmpdir(), 'gds-log-verify-'));
  const run = (argv: string[], stdin?: string) =>
    gds(argv, { cwd: dir, env, ...(stdin === undefined ? {} : { stdin }) });
  expect((await run(['log', 'init', '--origin', origin])).code).toBe(0);
  expect(
    (await run(['log', 'append', '-', '--as', 'ndjson'], '{"id":"1"}\n{"id":"2"}\n{"id":"3"}\n')).code,
  ).toBe(0);
  return { dir, run, db: join(dir, '.gds', 'ledger.sqlite') };
}

function replaceDb(db: string, by: string) {
  rmSync(`${db}-wal`, { force: true });
  rmSync(`${db}-shm`, { force: true });
  copyFileSync(by, db);
}

async function expectInvalid(
  r: { code: number; stdout: string; stderr: string },
  code: string,
  zh: string,
  en: string,
) {
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/\nINVALID\n$/);
  // zh-CN first, then English, then the stable code.
  expect(r.stderr).toMatch(
    new RegExp(`^gds: [^\\n]*${zh}[^\\n]*（[^\\n]*${en}[^\\n]*） \\[${code}\\]$`, 'm'),
  );
}

describe('gds log verify', () => {
  it('an untouched log: OK, with the rollback caveat', async () => {
    const { run } = await newLog();
    const r = await run(['log', 'verify']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^county\.example\/population-log\nsize 3\nroot \S+\ncheckpoint 3 signed by county\.example\/population-log\+[0-9a-f]{8}\n/,
    );
    expect(r.stdout).toContain('only witnesses that cosigned a later checkpoint can');
    expect(r.stdout).toMatch(/\nOK\n$/);
  });

  it('every checkpoint deleted: GDS_LEDGER_NO_CHECKPOINT', async () => {
    const { run, db } = await newLog();
    const d = new Database(db);
    d.exec('DELETE FROM gds_log_checkpoints');
    d.close();
    await expectInvalid(
      await run(['log', 'verify']),
      'GDS_LEDGER_NO_CHECKPOINT',
      '没有签名检查点',
      'no signed checkpoint',
    );
  });

  it('entries appended without the key: GDS_LEDGER_UNCHECKPOINTED_ENTRIES', async () => {
    const { run, db } = await newLog();
    const log = await Log.open(createSqliteStore({ path: db }), { origin: ORIGIN });
    await log.appendBatch([new Uint8Array(32).fill(7)]);
    await log.close();
    await expectInvalid(
      await run(['log', 'verify']),
      'GDS_LEDGER_UNCHECKPOINTED_ENTRIES',
      '最新签名检查点之后还有 1 个条目',
      '1 entries beyond the last signed checkpoint',
    );
  });

  it('the database file emptied: GDS_LEDGER_LOG_EMPTY', async () => {
    const { run, db } = await newLog();
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    writeFileSync(db, '');
    await expectInvalid(
      await run(['log', 'verify']),
      'GDS_LEDGER_LOG_EMPTY',
      '日志数据库为空',
      'the log database is empty',
    );
  });

  it("another log's database copied over it: GDS_LEDGER_ORIGIN_MISMATCH", async () => {
    const { run, db } = await newLog();
    const other = await newLog('police.county.example/log');
    replaceDb(db, other.db);
    await expectInvalid(
      await run(['log', 'verify']),
      'GDS_LEDGER_ORIGIN_MISMATCH',
      '数据库属于另一个日志',
      'the database holds another log',
    );
  });

  it('replaced by a log written without the key: GDS_LEDGER_NOTE_UNVERIFIED', async () => {
    const { run, db, dir } = await newLog();
    // Same origin, same entries, but signed by a key the forger made: not the log's key.
    const forged = join(dir, 'forged.sqlite');
    const impostor = await generateNoteKey(ORIGIN);
    const log = await Log.open(createSqliteStore({ path: forged }), {
      signer: await noteSignerFromKey(impostor.signerKey),
    });
    await log.appendBatch([new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)]);
    await log.close();
    replaceDb(db, forged);
    await expectInvalid(
      await run(['log', 'verify']),
      'GDS_LEDGER_NOTE_UNVERIFIED',
      '日志不是用这把密钥写的',
      'the log was not written with this key',
    );
  });

  it('--log-key pins the key instead of trusting log.json', async () => {
    const { run } = await newLog();
    const other = await generateNoteKey(ORIGIN);
    await expectInvalid(
      await run(['log', 'verify', '--log-key', other.verifierKey]),
      'GDS_LEDGER_NOTE_UNVERIFIED',
      '没有日志密钥',
      "no signature by the log's key",
    );
  });
});

describe('gds log verify --locale en', () => {
  it('prints the English half only', async () => {
    const { run, db } = await newLog();
    const d = new Database(db);
    d.exec('DELETE FROM gds_log_checkpoints');
    d.close();
    const r = await run(['log', 'verify', '--locale', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('gds: the log has 3 entries but no signed checkpoint [GDS_LEDGER_NO_CHECKPOINT]\n');
    expect(r.stdout).toContain('\nnote: a rollback to an earlier signed checkpoint cannot be detected here;');
  });
});

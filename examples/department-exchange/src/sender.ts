// 民政局 (civil affairs) sends resident records to another department: only the fields a grant allows,
// each record sealed for the recipient and signed by civil affairs, the disclosure logged in its own
// ledger with a receipt the recipient checks offline.
//   tsx --conditions=@gds/source src/sender.ts --to health --purpose elderly-health-follow-up
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GdsCryptoError, type JsonValue, Keyring, parseJson, sealEnvelope } from '@gds/crypto';
import { formatVerifierKey, generateNoteKey, Log, noteSignerFromKey } from '@gds/ledger';
import { createSqliteStore } from '@gds/ledger/sqlite';
import { project } from '@gds/policy';
import { person } from '@gds/schema';
import {
  DIR_OPTION,
  ExchangeError,
  emit,
  layout,
  loadOrCreateKey,
  publish,
  readPeer,
  run,
} from './common.js';

const ME = 'civil-affairs';
/** The checkpoint origin of civil affairs' disclosure log (a C2SP note key name). */
const LOG_NAME = 'civil-affairs.county.example/disclosures';

/** The disclosure log: SQLite in our own folder, its checkpoint key generated on first use (mode 0600). */
async function openLog(dir: string): Promise<{ log: Log; verifierKey: string }> {
  const keyFile = join(dir, 'log.key');
  let signerKey: string;
  try {
    signerKey = (await readFile(keyFile, 'utf8')).trim();
  } catch {
    ({ signerKey } = await generateNoteKey(LOG_NAME));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(keyFile, `${signerKey}\n`, { mode: 0o600 });
    await chmod(keyFile, 0o600);
  }
  const signer = await noteSignerFromKey(signerKey);
  const log = await Log.open(createSqliteStore({ path: join(dir, 'ledger.sqlite') }), { signer });
  return { log, verifierKey: formatVerifierKey(signer.name, signer.publicKey) };
}

run(ME, async () => {
  const { values } = parseArgs({
    options: {
      ...DIR_OPTION,
      to: { type: 'string', default: 'health' },
      purpose: { type: 'string', default: 'elderly-health-follow-up' },
      records: {
        type: 'string',
        default: fileURLToPath(new URL('../data/residents.ndjson', import.meta.url)),
      },
    },
  });
  const where = layout(values.dir);
  const { keyring, key } = await loadOrCreateKey(where.keys(ME), ME, 'sign');
  const { log, verifierKey } = await openLog(where.department(ME));
  await publish(values.dir, ME, [key], verifierKey);

  // The recipient's encryption key, and the grantor's key to check the grants it presents.
  const recipient = (await readPeer(values.dir, values.to)).keys.find((k) => k.use === 'encrypt');
  if (!recipient) {
    throw new ExchangeError(
      'GDS_EXCHANGE_UNKNOWN_PEER',
      `${values.to} 没有公布加密公钥`,
      `${values.to} has published no encryption key`,
    );
  }
  const grantors = await Keyring.create();
  for (const k of (await readPeer(values.dir, 'data-administration')).keys) await grantors.add(k);
  const grantFiles = (await readdir(where.grants).catch(() => [])).filter((f) =>
    f.startsWith(`${values.to}-`),
  );
  const grants = await Promise.all(
    grantFiles.map(async (f) => parseJson(await readFile(join(where.grants, f), 'utf8'))),
  );

  // Only valid records leave; the others are reported with their issues, so no line goes missing.
  const valid: Record<string, unknown>[] = [];
  const lines = (await readFile(values.records, 'utf8')).split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    let record: unknown;
    try {
      record = parseJson(lines[i]!);
    } catch (e) {
      if (!(e instanceof GdsCryptoError)) throw e;
      emit(ME, 'not-sent', { line: i + 1, code: e.code, message: e.message });
      continue;
    }
    const result = person.validate(record);
    if (result.ok) valid.push(record as Record<string, unknown>);
    else {
      const issues = result.issues.map((x) => ({ code: x.code, message: x.message }));
      emit(ME, 'not-sent', { line: i + 1, issues });
    }
  }

  // project() keeps only the fields the grants allow (masking some), and appends the disclosure to the
  // log, which signs a checkpoint; the receipt proves the disclosure is in the log.
  const projection = await project(valid, {
    standard: person,
    requester: { department: values.to, purpose: values.purpose },
    grants,
    keys: grantors,
    ledger: log,
  });
  await log.close();
  for (const g of projection.grants) if (!g.valid) emit(ME, 'grant-refused', { code: g.refusal.code });

  // One sealed envelope per record: readable by the recipient only, verifiably from civil affairs.
  const envelopes: string[] = [];
  for (const record of projection.records) {
    const envelope = await sealEnvelope(record as JsonValue, {
      signer: keyring.signer(key.kid),
      to: recipient,
      aud: values.to,
      std: { id: person.entity, version: person.version },
    });
    envelopes.push(JSON.stringify(envelope));
  }
  const outbox = join(where.outbox, projection.disclosure.id);
  await mkdir(outbox, { recursive: true });
  await writeFile(join(outbox, 'envelopes.ndjson'), `${envelopes.join('\n')}\n`);
  const { disclosure, receipt } = projection;
  await writeFile(join(outbox, 'disclosure.json'), `${JSON.stringify({ disclosure, receipt }, null, 2)}\n`);

  emit(ME, 'sent', {
    to: values.to,
    outbox,
    records: disclosure.records,
    fields: disclosure.fields.map((f) => `${f.path} ${f.form}`),
    logIndex: receipt.index,
  });
  return 0;
});

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonValue } from '@gds/crypto';
import { createReceipt, generateNoteKey, hashRecord, Log, noteSignerFromKey } from '@gds/ledger';
import { createMemoryStore } from '@gds/ledger/memory';
import type { Disclosure } from '@gds/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Event, runProgram, type StepResult } from '../src/spawn.js';

// Every department runs as its own process (tsx with the @gds/source condition), exactly as run.ts
// starts them; the tests read their JSON lines and alter the files that travel between them.
const env = { ...process.env, GDS_PASSPHRASE: 'test passphrase, not a real secret' };
const PEOPLE = ['ca-110105-0001', 'ca-110105-0002', 'ca-370102-0003', 'ca-440106-0005'];

let base: string;
let outbox: string;
let exchange: StepResult;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'gds-exchange-'));
  exchange = await runProgram('run', ['--dir', base], { env });
  outbox = String(exchange.events.find((e) => e.event === 'sent')?.outbox);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const from = (dept: string, events: Event[]) => events.filter((e) => e.dept === dept);

/** A copy of the batch as it arrived, for a test to alter. */
async function copyOfBatch(name: string): Promise<string> {
  const dir = join(base, 'altered', name);
  await cp(outbox, dir, { recursive: true });
  return dir;
}

const receive = (inbox: string, ...args: string[]) =>
  runProgram('receiver', ['receive', '--inbox', inbox, '--dir', base, ...args], { env });

describe('department exchange, two departments in two processes', () => {
  it('health accepts what civil affairs sent, after checking the receipt, sender and standard', () => {
    expect(exchange.stderr).toBe('');
    expect(exchange.code).toBe(0);
    // Civil affairs kept back the record with a wrong ID check character, and said so.
    expect(from('civil-affairs', exchange.events)).toContainEqual(
      expect.objectContaining({
        event: 'not-sent',
        line: 4,
        issues: [expect.objectContaining({ code: 'id_card.check_digit' })],
      }),
    );
    const health = from('health', exchange.events);
    expect(health.find((e) => e.event === 'receipt')).toMatchObject({ valid: true, index: 0 });
    const accepted = health.filter((e) => e.event === 'accepted');
    expect(accepted.map((e) => e.id)).toEqual(PEOPLE);
    expect(accepted[0]).toMatchObject({ from: 'civil-affairs', standard: 'person@1.1.0' });
    // Only what the grant allows: no marital status; the address cut after the community.
    expect(accepted[0]?.record).toEqual({
      id: 'ca-110105-0001',
      identity: { type: 'resident-id', number: '110105193804150028' },
      name: '王秀兰',
      sex: '2',
      birthDate: '1938-04-15',
      residence: { divisionCode: '110105001001', detail: '建外街道光华里社区' },
    });
    expect(health.at(-1)).toEqual({
      dept: 'health',
      event: 'summary',
      accepted: 4,
      rejected: 0,
      disclosed: 4,
      missing: [],
    });
  });

  it('rejects a tampered envelope with GDS_CRYPTO_BAD_SIGNATURE and still answers the others', async () => {
    const inbox = await copyOfBatch('tampered');
    const file = join(inbox, 'envelopes.ndjson');
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    const envelope = JSON.parse(lines[1]!);
    // Flip one character of the ciphertext.
    const ct: string = envelope.sealed.ct;
    envelope.sealed.ct = `${ct.slice(0, 10)}${ct[10] === 'A' ? 'B' : 'A'}${ct.slice(11)}`;
    lines[1] = JSON.stringify(envelope);
    await writeFile(file, `${lines.join('\n')}\n`);

    const { code, events } = await receive(inbox);
    expect(code).toBe(1);
    expect(events.filter((e) => e.event === 'rejected')).toEqual([
      expect.objectContaining({ line: 2, code: 'GDS_CRYPTO_BAD_SIGNATURE' }),
    ]);
    expect(events.at(-1)).toMatchObject({ accepted: 3, rejected: 1, missing: ['ca-110105-0002'] });
  }, 120_000);

  it('a wrong recipient cannot open: other keys under the same name, or another department', async () => {
    const inbox = await copyOfBatch('wrong-recipient');
    const [impostor, education] = await Promise.all([
      receive(inbox, '--keys', join(base, 'impostor-keys')),
      receive(inbox, '--as', 'education'),
    ]);
    for (const run of [impostor, education]) {
      expect(run.code).toBe(1);
      expect(run.events.filter((e) => e.event === 'accepted')).toEqual([]);
    }
    expect(impostor.events.filter((e) => e.event === 'rejected').map((e) => e.code)).toEqual(
      Array(4).fill('GDS_CRYPTO_NOT_A_RECIPIENT'),
    );
    expect(education.events.filter((e) => e.event === 'rejected').map((e) => e.code)).toEqual(
      Array(4).fill('GDS_CRYPTO_WRONG_AUDIENCE'),
    );
  }, 120_000);

  it('fails a forged receipt: an altered disclosure, or a receipt from a log that is not the sender’s', async () => {
    const original = JSON.parse(await readFile(join(outbox, 'disclosure.json'), 'utf8')) as {
      disclosure: Disclosure;
      receipt: unknown;
    };
    const altered: Disclosure = {
      ...original.disclosure,
      to: { ...original.disclosure.to, purpose: 'anything' },
    };

    const edited = await copyOfBatch('edited-disclosure');
    await writeFile(
      join(edited, 'disclosure.json'),
      JSON.stringify({ disclosure: altered, receipt: original.receipt }),
    );

    // A forger logs the altered disclosure in a log of its own, under the same log name.
    const { signerKey } = await generateNoteKey('civil-affairs.county.example/disclosures');
    const log = await Log.open(createMemoryStore(), { signer: await noteSignerFromKey(signerKey) });
    await log.appendBatch([hashRecord(altered as unknown as JsonValue)]);
    const forgedReceipt = await createReceipt(log, 0);
    const forged = await copyOfBatch('forged-log');
    await writeFile(
      join(forged, 'disclosure.json'),
      JSON.stringify({ disclosure: altered, receipt: forgedReceipt }),
    );

    const [afterEdit, afterForgery] = await Promise.all([receive(edited), receive(forged)]);
    const receiptOf = (r: StepResult) => r.events.find((e) => e.event === 'receipt');
    expect(receiptOf(afterEdit)).toMatchObject({ valid: false, code: 'GDS_LEDGER_ENTRY_MISMATCH' });
    expect(receiptOf(afterForgery)).toMatchObject({
      valid: false,
      code: 'GDS_LEDGER_NOTE_UNVERIFIED',
    });
    for (const run of [afterEdit, afterForgery]) {
      expect(run.code).toBe(1);
      expect(run.events.filter((e) => e.event === 'accepted')).toEqual([]);
      expect(run.events.filter((e) => e.event === 'rejected')).toHaveLength(4);
    }
  }, 120_000);
});

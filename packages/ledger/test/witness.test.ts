import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCosigner,
  createMemoryWitnessStateStore,
  createReceipt,
  formatVerifierKey,
  generateNoteKey,
  hashRecord,
  Log,
  Monitor,
  NOTE_TYPE_COSIGNATURE,
  noteSignerFromKey,
  parsePolicy,
  verifyCheckpoint,
  verifyForkEvidence,
  verifyReceipt,
  Witness,
} from '@gds/ledger';
import { createMemoryStore } from '@gds/ledger/memory';
import { createFileWitnessStateStore, createWitnessHandler } from '@gds/ledger/node';
import { describe, expect, it } from 'vitest';

const ORIGIN = 'county.example/population-log';
const seed = (n: number) => new Uint8Array(32).fill(n);
const record = (i: number) => hashRecord({ id: `rec-${i}`, household: `户-${i % 7}` });

async function setup() {
  const logKeys = await generateNoteKey(ORIGIN, seed(1));
  const names = ['civil-affairs', 'health', 'police', 'county'] as const;
  const witnesses = await Promise.all(
    names.map(async (n, i) => {
      const keys = await generateNoteKey(`${n}.county.example/witness`, seed(10 + i));
      const cosigner = await createCosigner(keys.signerKey, () => 1_764_000_000_000 + i);
      const vkey = formatVerifierKey(cosigner.name, cosigner.publicKey, NOTE_TYPE_COSIGNATURE);
      const witness = new Witness({
        cosigner,
        logs: [logKeys.verifierKey],
        state: createMemoryWitnessStateStore(),
      });
      return { name: n, vkey, witness };
    }),
  );
  const policyText = [
    '# two of three peer departments, and the county',
    `log ${logKeys.verifierKey}`,
    ...witnesses.map((w) => `witness ${w.name} ${w.vkey}`),
    'group peers 2 civil-affairs health police',
    'group quorum-group all peers county',
    'quorum quorum-group',
    '',
  ].join('\n');
  const signer = await noteSignerFromKey(logKeys.signerKey);
  const log = await Log.open(createMemoryStore(), { signer });
  return { logKeys, witnesses, policy: parsePolicy(policyText), log, signer };
}

describe('witnesses, policy and receipts', () => {
  it('cosigns, meets a 2-of-3 + county quorum, and yields receipts verifiable offline', async () => {
    const { witnesses, policy, log } = await setup();
    const r1 = await log.appendBatch(Array.from({ length: 10 }, (_, i) => record(i)));
    expect(r1.checkpoint).toMatch(new RegExp(`^${ORIGIN}\n10\n`));
    for (const w of witnesses.slice(1)) {
      const res = await w.witness.addCheckpoint({ oldSize: 0, proof: [], checkpoint: r1.checkpoint! });
      expect(res.status).toBe(200);
      if (res.status === 200) await log.addCosignatures(10, res.cosignatures);
    }
    const cp = (await log.latestCheckpoint())!;
    const v = await verifyCheckpoint(cp.note, policy);
    expect(v.valid && v.verified.cosigners.sort()).toEqual(['county', 'health', 'police']);

    const receipt = JSON.parse(JSON.stringify(await createReceipt(log, 3)));
    const ok = await verifyReceipt(receipt, policy, { entry: record(3) });
    expect(ok.valid).toBe(true);
    expect((await verifyReceipt(receipt, policy, { entry: record(4) })).valid).toBe(false);
    expect((await verifyReceipt({ ...receipt, index: 4 }, policy)).valid).toBe(false);
    expect((await verifyReceipt({ ...receipt, index: 2 ** 60 }, policy)).valid).toBe(false);
    const garbled = await verifyReceipt({ ...receipt, inclusionProof: ['!!'] }, policy);
    expect(!garbled.valid && garbled.issue.code).toBe('GDS_LEDGER_RECEIPT_MALFORMED');

    // Only one peer department and the county: below quorum.
    const thin =
      r1.checkpoint!.trimEnd() +
      '\n' +
      cp.note
        .split('\n')
        .filter((l) => l.startsWith('— police') || l.startsWith('— county'))
        .join('\n') +
      '\n';
    const below = await verifyReceipt({ ...receipt, checkpoint: thin }, policy);
    expect(!below.valid && below.issue.code).toBe('GDS_LEDGER_QUORUM_NOT_MET');
  });

  it('refuses rollbacks and forks, answering with its current size', async () => {
    const { witnesses, log, signer } = await setup();
    const w = witnesses[0]!.witness;
    const first = Array.from({ length: 10 }, (_, i) => record(i));
    const r1 = await log.appendBatch(first);
    expect((await w.addCheckpoint({ oldSize: 0, proof: [], checkpoint: r1.checkpoint! })).status).toBe(200);
    const r2 = await log.appendBatch([record(10), record(11), record(12), record(13), record(14)]);
    const proof = await log.consistencyProof(10, 15);
    expect((await w.addCheckpoint({ oldSize: 10, proof, checkpoint: r2.checkpoint! })).status).toBe(200);

    // Rollback to size 10: smaller than what it cosigned.
    const stale = await w.addCheckpoint({ oldSize: 10, proof: [], checkpoint: r1.checkpoint! });
    expect(stale).toMatchObject({ status: 409, size: 15 });
    expect((await w.addCheckpoint({ oldSize: 15, proof: [], checkpoint: r1.checkpoint! })).status).toBe(400);

    // A fork: same first 10 entries, different next ones, signed with the log's own key.
    const fork = await Log.open(createMemoryStore(), { signer });
    await fork.appendBatch(first, { checkpoint: false });
    const f15 = await fork.appendBatch([record(100), record(101), record(102), record(103), record(104)]);
    expect((await w.addCheckpoint({ oldSize: 15, proof: [], checkpoint: f15.checkpoint! })).status).toBe(409);
    const f16 = await fork.appendBatch([record(105)]);
    const forkProof = await fork.consistencyProof(15, 16);
    expect(
      (await w.addCheckpoint({ oldSize: 15, proof: forkProof, checkpoint: f16.checkpoint! })).status,
    ).toBe(422);

    // Unknown log and forged signature.
    const other = await Log.open(createMemoryStore(), {
      signer: await noteSignerFromKey((await generateNoteKey('other.example/log')).signerKey),
    });
    const o = await other.appendBatch([record(1)]);
    expect((await w.addCheckpoint({ oldSize: 0, proof: [], checkpoint: o.checkpoint! })).status).toBe(404);
    const forged = o.checkpoint!.replace('other.example/log\n', `${ORIGIN}\n`);
    expect((await w.addCheckpoint({ oldSize: 15, proof: [], checkpoint: forged })).status).toBe(403);
  });

  it('catches a log showing two departments different histories (monitor)', async () => {
    const { logKeys, log, signer } = await setup();
    const first = Array.from({ length: 10 }, (_, i) => record(i));
    await log.appendBatch(first);
    const forHealth = await log.appendBatch([record(10), record(11)]);
    const fork = await Log.open(createMemoryStore(), { signer });
    await fork.appendBatch(first, { checkpoint: false });
    const forPolice = await fork.appendBatch([record(20), record(21)]);

    const monitor = new Monitor(logKeys.verifierKey);
    expect((await monitor.observe(forHealth.checkpoint!, 'health')).status).toBe('ok');
    const seen = await monitor.observe(forPolice.checkpoint!, 'police');
    expect(seen.status).toBe('fork');
    if (seen.status === 'fork') {
      expect(seen.evidence.kind).toBe('split-view');
      expect(seen.evidence.sources.sort()).toEqual(['health', 'police']);
      expect(await verifyForkEvidence(seen.evidence, logKeys.verifierKey)).toBe(true);
    }

    // Different sizes: the log cannot serve a consistency proof linking the two views.
    const later = await fork.appendBatch([record(22), record(23), record(24)]);
    const following = new Monitor(logKeys.verifierKey, (a, b) => fork.consistencyProof(a, b));
    expect((await following.observe(forHealth.checkpoint!, 'health')).status).toBe('ok');
    const r = await following.observe(later.checkpoint!, 'police');
    expect(r.status).toBe('fork');
    if (r.status === 'fork') {
      expect(r.evidence.kind).toBe('inconsistent');
      expect(await verifyForkEvidence(r.evidence, logKeys.verifierKey)).toBe(true);
    }
    // An honest history is not flagged.
    const honest = new Monitor(logKeys.verifierKey, (a, b) => log.consistencyProof(a, b));
    const more = await log.appendBatch([record(30)]);
    expect((await honest.observe(forHealth.checkpoint!, 'health')).status).toBe('ok');
    expect((await honest.observe(more.checkpoint!, 'log')).status).toBe('ok');
    expect(honest.head?.size).toBe(13);
  });

  it('serves add-checkpoint over node:http with tlog-witness statuses', async () => {
    const { witnesses, log } = await setup();
    const server = createServer(createWitnessHandler(witnesses[3]!.witness));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const r1 = await log.appendBatch([record(1), record(2), record(3)]);
      const ok = await fetch(`${url}/add-checkpoint`, { method: 'POST', body: `old 0\n\n${r1.checkpoint}` });
      expect(ok.status).toBe(200);
      const lines = await ok.text();
      expect(lines).toMatch(/^— county\.county\.example\/witness [A-Za-z0-9+/=]+\n$/);
      const merged = await log.addCosignatures(3, lines);
      expect(merged.note.split('\n— ').length).toBe(3);
      const conflict = await fetch(`${url}/add-checkpoint`, {
        method: 'POST',
        body: `old 0\n\n${r1.checkpoint}`,
      });
      expect(conflict.status).toBe(409);
      expect(conflict.headers.get('content-type')).toBe('text/x.tlog.size');
      expect(await conflict.text()).toBe('3\n');
      expect((await fetch(`${url}/add-checkpoint`, { method: 'POST', body: 'nonsense' })).status).toBe(400);
      expect((await fetch(`${url}/other`, { method: 'POST', body: '' })).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('persists witness state atomically in a file across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gds-witness-'));
    try {
      const { logKeys, log } = await setup();
      const keys = await generateNoteKey('w.example/w', seed(40));
      const make = async () =>
        new Witness({
          cosigner: await createCosigner(keys.signerKey),
          logs: [logKeys.verifierKey],
          state: createFileWitnessStateStore(join(dir, 'state.json')),
        });
      const r = await log.appendBatch([record(1), record(2)]);
      expect(
        (await (await make()).addCheckpoint({ oldSize: 0, proof: [], checkpoint: r.checkpoint! })).status,
      ).toBe(200);
      // After a restart the witness still remembers size 2 and refuses to start over.
      expect(
        await (await make()).addCheckpoint({ oldSize: 0, proof: [], checkpoint: r.checkpoint! }),
      ).toMatchObject({ status: 409, size: 2 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the file witness state store', () => {
  it.each(['__proto__', 'constructor', 'toString'])(
    'keeps the state of an origin named %s',
    async (origin) => {
      const dir = mkdtempSync(join(tmpdir(), 'gds-witness-'));
      try {
        const store = createFileWitnessStateStore(join(dir, 'state.json'));
        expect(await store.get(origin)).toBeUndefined();
        const state = { size: 3, rootHash: seed(7) };
        expect(await store.compareAndSwap(origin, undefined, state)).toBe(true);
        expect(await createFileWitnessStateStore(join(dir, 'state.json')).get(origin)).toEqual(state);
        expect(await store.compareAndSwap(origin, undefined, state)).toBe(false);
        expect(({} as Record<string, unknown>).size).toBeUndefined();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('tlog-policy syntax', () => {
  it('rejects malformed policies with the line number', async () => {
    const { logKeys, witnesses } = await setup();
    const w = witnesses[0]!;
    const bad = [
      `log ${logKeys.verifierKey}\n`, // no quorum
      `witness a ${w.vkey}\ngroup g 2 a\nquorum g\n`, // k > n
      `witness a ${w.vkey}\ngroup g any a a\nquorum g\n`, // member twice
      `group g any a\nwitness a ${w.vkey}\nquorum g\n`, // use before definition
      `witness a ${w.vkey}\nwitness b ${w.vkey}\nquorum a\n`, // duplicate key
      `witness a ${logKeys.verifierKey}\nquorum a\n`, // log key as witness key
      `witness a ${w.vkey}\nquorum a\nquorum a\n`,
    ];
    for (const text of bad) expect(() => parsePolicy(text), text).toThrow(/GDS|policy line/);
    expect(parsePolicy('quorum none\n').quorum).toEqual({ kind: 'none' });
  });
});

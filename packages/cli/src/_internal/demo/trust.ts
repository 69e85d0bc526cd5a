import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  exportJwk,
  type JsonValue,
  type KeyInfo,
  Keyring,
  openEnvelope,
  type SignedEnvelope,
  sealEnvelope,
  signEnvelope,
} from '@gds/crypto';
import { saveFileKeyring } from '@gds/crypto/node';
import {
  createCosigner,
  createReceipt,
  formatVerifierKey,
  generateNoteKey,
  Log,
  NOTE_TYPE_COSIGNATURE,
  noteSignerFromKey,
  parsePolicy,
  type StoredCheckpoint,
  verifyCheckpoint,
  Witness,
  type WitnessPolicy,
} from '@gds/ledger';
import { createFileWitnessStateStore } from '@gds/ledger/node';
import { createSqliteStore } from '@gds/ledger/sqlite';
import { createGrant, project } from '@gds/policy';
import type { Standard } from '@gds/schema';
import type { GoldenRecord } from '@gds/store';
import { UsageError } from '../command.js';
import {
  DEPARTMENTS,
  type DemoSummary,
  type DepartmentId,
  LOG_OPERATOR,
  type LogBatch,
  PURPOSE,
  REQUESTER,
  SHARE_BORN_BEFORE,
  SOURCES,
  WITNESSES,
} from './model.js';

const ORIGIN = 'gds-demo.example/ledger';
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;

async function writeSecret(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
}

export interface DepartmentKeys {
  ring: Keyring;
  sign: Record<DepartmentId, KeyInfo>;
  encrypt: Record<DepartmentId, KeyInfo>;
  figures: DemoSummary['keys'];
}

/**
 * A signing and an encryption key for every department of the demo, in the demo's own keyring
 * (`<demo>/keys`, never the user's `.gds/keys`). Secret keys are saved only under a passphrase
 * (`GDS_PASSPHRASE`); without one they live for this run only and the keyring file holds public keys.
 * Each public key is also exported as a JWK file, which is what another department would receive.
 */
export async function makeKeys(
  demo: string,
  secrets: { passphrase?: string; scryptN?: number },
): Promise<DepartmentKeys> {
  const ring = await Keyring.create();
  const sign = {} as Record<DepartmentId, KeyInfo>;
  const encrypt = {} as Record<DepartmentId, KeyInfo>;
  await mkdir(join(demo, 'keys', 'public'), { recursive: true });
  for (const d of Object.values(DEPARTMENTS)) {
    for (const use of ['sign', 'encrypt'] as const) {
      const k = await ring.generate({ use, label: d.zh, issuer: d.id });
      (use === 'sign' ? sign : encrypt)[d.id] = k;
      const jwk = { ...exportJwk(k, k.kid), 'gds:issuer': d.id, 'gds:label': d.zh };
      await writeFile(join(demo, 'keys', 'public', `${d.id}.${use}.jwk.json`), json(jwk));
    }
  }
  await saveFileKeyring(ring, { dir: join(demo, 'keys'), ...secrets });
  return {
    ring,
    sign,
    encrypt,
    figures: {
      departments: Object.keys(DEPARTMENTS).length,
      keys: ring.list().length,
      keyring: 'keys/keyring.json',
      secretsSaved: secrets.passphrase !== undefined,
    },
  };
}

/** The department a golden record is signed as: the source of its match key, else its first source. */
function ownerOf(g: GoldenRecord): DepartmentId {
  const d = g.provenance['/identity/number']?.department ?? g.sources[0]?.department;
  if (!d || !(d in DEPARTMENTS)) {
    throw new UsageError(
      `黄金记录 ${g.key} 没有已知的来源部门`,
      `golden record ${g.key} has no known source`,
    );
  }
  return d as DepartmentId;
}

/** Signs every golden record as its owning department; writes the envelopes to `<demo>/signed/`. */
export async function signGolden(
  demo: string,
  golden: readonly GoldenRecord[],
  standard: Standard,
  keys: DepartmentKeys,
): Promise<{ envelopes: Map<DepartmentId, SignedEnvelope[]>; figures: DemoSummary['signing'] }> {
  const envelopes = new Map<DepartmentId, SignedEnvelope[]>(SOURCES.map((s) => [s.department, []]));
  const lines: string[] = [];
  for (const g of golden) {
    const owner = ownerOf(g);
    const env = await signEnvelope(g.record as JsonValue, {
      signer: keys.ring.signer(keys.sign[owner].kid),
      std: { id: standard.entity, version: standard.version },
    });
    if (!envelopes.has(owner)) envelopes.set(owner, []);
    envelopes.get(owner)!.push(env);
    lines.push(`${JSON.stringify(env)}\n`);
  }
  const file = 'signed/golden.signed.ndjson';
  await writeFile(join(demo, file), lines.join(''));
  return {
    envelopes,
    figures: {
      envelopes: lines.length,
      byDepartment: Object.fromEntries([...envelopes].map(([d, e]) => [d, e.length])),
      file,
    },
  };
}

/** The demo's ledger: the log, its witnesses and the policy that says both must cosign. */
export interface DemoLedger {
  log: Log;
  policy: WitnessPolicy;
  policyFile: string;
  witnesses: Array<{ department: DepartmentId; witness: Witness; size: number }>;
  batches: LogBatch[];
}

/**
 * Opens the SQLite log in `<demo>/ledger` (laid out as `gds log init` does, so `gds log verify --dir`
 * works on it) and sets up the two department witnesses, each with its own key and state file.
 */
export async function openLedger(demo: string): Promise<DemoLedger> {
  const dir = join(demo, 'ledger');
  await mkdir(join(dir, 'witnesses'), { recursive: true });
  const { signerKey, verifierKey } = await generateNoteKey(ORIGIN);
  await writeSecret(join(dir, 'log.key'), `${signerKey}\n`);
  await writeFile(join(dir, 'log.json'), json({ origin: ORIGIN, verifierKey }));
  const log = await Log.open(createSqliteStore({ path: join(dir, 'ledger.sqlite') }), {
    origin: ORIGIN,
    signer: await noteSignerFromKey(signerKey),
  });
  const lines = [
    `# gds demo: the ledger of ${DEPARTMENTS[LOG_OPERATOR].en} and its department witnesses; all must cosign`,
    `log ${verifierKey}`,
  ];
  const witnesses: DemoLedger['witnesses'] = [];
  for (const department of WITNESSES) {
    const key = await generateNoteKey(`gds-demo.example/witness/${department}`);
    await writeSecret(join(dir, 'witnesses', `${department}.key`), `${key.signerKey}\n`);
    const cosigner = await createCosigner(key.signerKey);
    const state = createFileWitnessStateStore(join(dir, 'witnesses', `${department}.state.json`));
    witnesses.push({ department, witness: new Witness({ cosigner, logs: [verifierKey], state }), size: 0 });
    lines.push(
      `witness ${department} ${formatVerifierKey(cosigner.name, cosigner.publicKey, NOTE_TYPE_COSIGNATURE)}`,
    );
  }
  lines.push(`group departments all ${WITNESSES.join(' ')}`, 'quorum departments');
  const text = `${lines.join('\n')}\n`;
  const policyFile = 'ledger/policy.txt';
  await writeFile(join(demo, policyFile), text);
  return { log, policy: parsePolicy(text), policyFile, witnesses, batches: [] };
}

/** Appends one batch (one durable transaction, one signed checkpoint) and records the tree's growth. */
export async function appendBatch(
  ledger: DemoLedger,
  label: string,
  department: DepartmentId,
  entries: Uint8Array[],
): Promise<LogBatch> {
  const r = await ledger.log.appendBatch(entries);
  const batch = { label, department, entries: entries.length, size: r.size, rootHash: b64(r.rootHash) };
  ledger.batches.push(batch);
  return batch;
}

/**
 * Has every witness cosign the latest checkpoint (proving consistency with the size it last saw, as
 * over C2SP tlog-witness), merges the cosignatures into the stored checkpoint, checks the result
 * against the policy, and publishes it as `<demo>/ledger/checkpoint-<size>.txt` and `checkpoint.txt`.
 */
export async function cosign(
  demo: string,
  ledger: DemoLedger,
): Promise<{ checkpoint: StoredCheckpoint; cosigners: string[]; file: string }> {
  const { log } = ledger;
  let cp = await log.latestCheckpoint();
  if (!cp || cp.size !== log.size) cp = await log.signCheckpoint();
  for (const w of ledger.witnesses) {
    const proof = w.size > 0 && w.size < cp.size ? await log.consistencyProof(w.size, cp.size) : [];
    const r = await w.witness.addCheckpoint({ oldSize: w.size, proof, checkpoint: cp.note });
    if (r.status !== 200) {
      throw new UsageError(
        `见证人 ${w.department} 拒绝副署：${r.issue.messageZh}`,
        `witness ${w.department} refused to cosign: ${r.issue.messageEn}`,
      );
    }
    cp = await log.addCosignatures(cp.size, r.cosignatures);
    w.size = cp.size;
  }
  const v = await verifyCheckpoint(cp.note, ledger.policy);
  const file = `ledger/checkpoint-${cp.size}.txt`;
  await writeFile(join(demo, file), cp.note);
  await writeFile(join(demo, 'ledger', 'checkpoint.txt'), cp.note);
  return { checkpoint: cp, cosigners: v.valid ? v.verified.cosigners : [], file };
}

/** Golden records of residents born before {@link SHARE_BORN_BEFORE}: the subject of the share. */
function elderly(golden: readonly GoldenRecord[]): Record<string, unknown>[] {
  return golden
    .map((g) => g.record)
    .filter((r) => typeof r.birthDate === 'string' && r.birthDate < SHARE_BORN_BEFORE);
}

/**
 * The conditional share: the public security bureau and the health commission grant the grid
 * management centre the fields they are the source of, for visiting elderly residents (some only
 * masked); the projection verifies the grants, appends the disclosure to the ledger, and the records are
 * sealed to the requester's encryption key, which then opens them. The witnesses cosign the new
 * checkpoint and the disclosure's receipt is written next to it.
 */
export async function share(
  demo: string,
  golden: readonly GoldenRecord[],
  standard: Standard,
  keys: DepartmentKeys,
  ledger: DemoLedger,
): Promise<DemoSummary['share'] & { treeSize: number }> {
  await mkdir(join(demo, 'share', 'grants'), { recursive: true });
  const validUntil = new Date(Date.now() + 365 * 86_400_000);
  const basis = '基层治理数据共享协议（演示）/ grassroots data sharing agreement (demo)';
  const grants = [
    await createGrant({
      signer: keys.ring.signer(keys.sign['public-security'].kid),
      grantee: REQUESTER,
      entity: standard.entity,
      purposes: [PURPOSE],
      fields: [
        { path: '/name', form: 'masked' },
        { path: '/identity/number', form: 'masked' },
        '/birthDate',
        '/residence/detail',
      ],
      validUntil,
      basis,
    }),
    await createGrant({
      signer: keys.ring.signer(keys.sign.health.kid),
      grantee: REQUESTER,
      entity: standard.entity,
      purposes: [PURPOSE],
      fields: ['/health'],
      validUntil,
      basis,
    }),
  ];
  for (const g of grants) await writeFile(join(demo, 'share', 'grants', `${g.iss}.json`), json(g));
  const offered = elderly(golden);
  const p = await project(offered, {
    standard,
    requester: { department: REQUESTER, purpose: PURPOSE },
    grants,
    keys: keys.ring,
    ledger: ledger.log,
  });
  for (const g of p.grants) {
    if (!g.valid)
      throw new UsageError(
        `授权被拒绝：${g.refusal.messageZh}`,
        `a grant was refused: ${g.refusal.messageEn}`,
      );
  }
  ledger.batches.push({
    label: 'disclosure',
    department: LOG_OPERATOR,
    entries: 1,
    size: ledger.log.size,
    rootHash: b64(await ledger.log.rootHash()),
  });
  const sealed = await sealEnvelope(
    { disclosure: p.disclosure.id, records: p.records as JsonValue },
    {
      signer: keys.ring.signer(keys.sign[LOG_OPERATOR].kid),
      to: keys.encrypt[REQUESTER],
      aud: REQUESTER,
      std: { id: standard.entity, version: standard.version },
    },
  );
  const opened = await openEnvelope<{ records: unknown[] }>(sealed, {
    keys: keys.ring,
    decryptWith: keys.ring,
    audience: REQUESTER,
  });
  // The receipt is taken after the witnesses cosigned the checkpoint that covers the disclosure.
  const { checkpoint } = await cosign(demo, ledger);
  const receipt = await createReceipt(ledger.log, p.receipt.index, checkpoint.note);
  const files = {
    disclosure: 'share/disclosure.json',
    receipt: 'share/receipt.json',
    sealed: 'share/records.sealed.json',
  };
  await writeFile(join(demo, files.disclosure), json(p.disclosure));
  await writeFile(join(demo, files.receipt), json(receipt));
  await writeFile(join(demo, files.sealed), json(sealed));
  await writeFile(join(demo, 'share', 'decisions.json'), json(p.decisions));
  return {
    requester: REQUESTER,
    purpose: PURPOSE,
    grants: grants.length,
    recordsOffered: offered.length,
    recordsShared: p.records.filter((r) => Object.keys(r).length > 0).length,
    fieldsClear: p.disclosure.fields.filter((f) => f.form === 'clear').length,
    fieldsMasked: p.disclosure.fields.filter((f) => f.form === 'masked').length,
    fieldsDropped: p.decisions.filter((d) => d.outcome === 'dropped').length,
    disclosureId: p.disclosure.id,
    disclosureIndex: p.receipt.index,
    sealedRecordsOpened: opened.payload.records.length,
    ...files,
    treeSize: checkpoint.size,
  };
}

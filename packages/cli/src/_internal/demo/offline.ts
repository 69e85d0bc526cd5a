import { readFile } from 'node:fs/promises';
import { parsePolicy, verifyCheckpoint, type WitnessPolicy } from '@gds/ledger';
import { type Disclosure, verifyDisclosure } from '@gds/policy';

/** The files an auditor receives: nothing else is read, no database, no secret key. */
export interface OfflineFiles {
  disclosure: string;
  receipt: string;
  /** C2SP tlog-policy: the log's verifier key, the witnesses' keys and the quorum. */
  policy: string;
  /** The cosigned checkpoint the log published after the disclosure. */
  checkpoint: string;
}

export interface OfflineResult {
  verified: boolean;
  index: number;
  treeSize: number;
  cosigners: string[];
  checks: Array<{ name: string; ok: boolean; detail: string }>;
}

async function readJson(path: string): Promise<{ value?: unknown; error?: string }> {
  try {
    return { value: JSON.parse(await readFile(path, 'utf8')) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Verifies the share's disclosure receipt from files alone, as a department or auditor would with no
 * access to the ledger: the published checkpoint is signed by the log and cosigned by the policy's
 * quorum, the receipt leads to that same checkpoint, and its entry is exactly the disclosure's hash.
 * Every check is reported; a missing or altered file fails its check, it does not throw.
 */
export async function verifyOffline(files: OfflineFiles): Promise<OfflineResult> {
  const checks: OfflineResult['checks'] = [];
  const out: OfflineResult = { verified: false, index: -1, treeSize: -1, cosigners: [], checks };
  let policy: WitnessPolicy;
  let checkpoint: string;
  try {
    policy = parsePolicy(await readFile(files.policy, 'utf8'));
    checkpoint = await readFile(files.checkpoint, 'utf8');
  } catch (e) {
    checks.push({ name: 'policy', ok: false, detail: (e as Error).message });
    return out;
  }
  const cp = await verifyCheckpoint(checkpoint, policy);
  if (!cp.valid) {
    checks.push({ name: 'checkpoint', ok: false, detail: cp.issue.message });
    return out;
  }
  out.cosigners = cp.verified.cosigners;
  out.treeSize = cp.verified.checkpoint.size;
  checks.push({
    name: 'checkpoint',
    ok: true,
    detail: `${cp.verified.checkpoint.origin} size ${cp.verified.checkpoint.size}; cosigned by ${cp.verified.cosigners.join(', ')}`,
  });
  const receipt = await readJson(files.receipt);
  const disclosure = await readJson(files.disclosure);
  if (receipt.error || disclosure.error) {
    checks.push({ name: 'files', ok: false, detail: receipt.error ?? disclosure.error ?? '' });
    return out;
  }
  const sameCheckpoint = (receipt.value as { checkpoint?: unknown } | null)?.checkpoint === checkpoint;
  checks.push({
    name: 'receipt-checkpoint',
    ok: sameCheckpoint,
    detail: sameCheckpoint
      ? 'the receipt leads to the published checkpoint'
      : 'the receipt carries another checkpoint than the published one',
  });
  const r = await verifyDisclosure(disclosure.value as Disclosure, receipt.value, policy);
  checks.push(
    r.valid
      ? { name: 'inclusion', ok: true, detail: `the disclosure is entry ${r.index} of the log` }
      : { name: 'inclusion', ok: false, detail: `${r.issue.message} [${r.issue.code}]` },
  );
  if (r.valid) out.index = r.index;
  out.verified = checks.every((c) => c.ok);
  return out;
}

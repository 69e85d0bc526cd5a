// What the department programs share: where things live, keyrings on disk, public keys exchanged as
// files, and one JSON line per event on stdout.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJwk, importJwk, type Jwk, type KeyInfo, Keyring, type KeyUse } from '@gds/crypto';
import { loadFileKeyring, saveFileKeyring } from '@gds/crypto/node';

/** Stable codes of the errors this example raises itself (the libraries' errors keep their own codes). */
export type ExchangeErrorCode =
  | 'GDS_EXCHANGE_CONFIG'
  | 'GDS_EXCHANGE_UNKNOWN_PEER'
  | 'GDS_EXCHANGE_NOT_DISCLOSED';

/** An error of the example, bilingual like the libraries' errors: `"<zh>（<en>）"`. */
export class ExchangeError extends Error {
  readonly code: ExchangeErrorCode;
  constructor(code: ExchangeErrorCode, zh: string, en: string) {
    super(`${zh}（${en}）`);
    this.name = 'ExchangeError';
    this.code = code;
  }
}

/** The default state folder: `.gds` of this example (one sub-folder per department, and `exchange/`). */
export const DEFAULT_DIR = fileURLToPath(new URL('../.gds', import.meta.url));

/**
 * Where things live under the state folder `base`. Each department has its own folder, which no other
 * department reads; `exchange/` is the only shared place (public keys, grants, sent batches).
 */
export function layout(base: string) {
  const exchange = join(base, 'exchange');
  return {
    department: (id: string) => join(base, id),
    keys: (id: string) => join(base, id, 'keys'),
    exchange,
    publicFile: (id: string) => join(exchange, 'public', `${id}.json`),
    grants: join(exchange, 'grants'),
    outbox: join(exchange, 'outbox'),
  };
}

/** The option every department program takes: the state folder. */
export const DIR_OPTION = { dir: { type: 'string', default: DEFAULT_DIR } } as const;

/** The passphrase that encrypts this department's secret keys at rest. */
export function passphrase(): string {
  const value = process.env.GDS_PASSPHRASE;
  if (!value) {
    throw new ExchangeError(
      'GDS_EXCHANGE_CONFIG',
      '请设置 GDS_PASSPHRASE，用于加密保存私钥',
      'set GDS_PASSPHRASE: it encrypts the secret keys at rest',
    );
  }
  return value;
}

/**
 * Loads the department's keyring from `dir` and returns its active key for `use`, generating (and
 * saving) it on first use.
 */
export async function loadOrCreateKey(dir: string, department: string, use: KeyUse) {
  const secret = passphrase();
  const keyring = await loadFileKeyring({ dir, passphrase: secret });
  let key = keyring.list({ use, issuer: department, status: 'active' }).pop();
  if (!key) {
    key = await keyring.generate({ use, issuer: department, label: `${department} ${use}` });
    await saveFileKeyring(keyring, { dir, passphrase: secret });
  }
  return { keyring, key };
}

/** A department's public file: its public keys (JWK, as `gds keys export` writes them) and log key. */
interface PublicFile {
  department: string;
  keys: Array<Jwk & { 'gds:issuer'?: string; 'gds:label'?: string }>;
  /** Verifier key of the department's disclosure log (C2SP note key), if it keeps one. */
  log?: string;
}

/** Publishes a department's public keys into `exchange/public/<department>.json`. */
export async function publish(base: string, department: string, keys: KeyInfo[], log?: string) {
  const file: PublicFile = {
    department,
    keys: keys.map((k) => ({
      ...exportJwk({ suite: k.suite, use: k.use, publicKey: k.publicKey }, k.kid),
      'gds:issuer': department,
      'gds:label': k.label,
    })),
    ...(log ? { log } : {}),
  };
  const path = layout(base).publicFile(department);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, `${JSON.stringify(file, null, 2)}\n`);
}

/**
 * Reads another department's public keys. In real life this file arrives out of band (a directory
 * service, a signed registry); whoever can replace it can impersonate the department.
 */
export async function readPeer(base: string, department: string): Promise<{ keys: KeyInfo[]; log?: string }> {
  let file: PublicFile;
  try {
    file = JSON.parse(await readFile(layout(base).publicFile(department), 'utf8')) as PublicFile;
  } catch {
    throw new ExchangeError(
      'GDS_EXCHANGE_UNKNOWN_PEER',
      `没有部门 ${department} 的公钥`,
      `no public keys of department ${department}`,
    );
  }
  // The key id is recomputed from the public key, and every key speaks for this department only.
  const ring = await Keyring.create();
  const keys: KeyInfo[] = [];
  for (const jwk of file.keys) {
    const { secretKey: _never, ...material } = importJwk(jwk);
    keys.push(await ring.add({ ...material, label: jwk['gds:label'] ?? department, issuer: department }));
  }
  return { keys, ...(file.log ? { log: file.log } : {}) };
}

/** Prints one event as a JSON line: what the department did, for people and for tests. */
export function emit(department: string, event: string, data: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ dept: department, event, ...data })}\n`);
}

/**
 * Runs a department program: an error becomes an `error` event with its code and exit code 2
 * (exit code 1 is kept for "ran, but refused something").
 */
export function run(department: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const err = e as { code?: string; message?: string };
      emit(department, 'error', { code: err.code ?? 'unexpected', message: err.message ?? String(e) });
      process.exitCode = 2;
    },
  );
}

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  exportJwk,
  fromMultikey,
  importJwk,
  type Jwk,
  type KeyInfo,
  type Keyring,
  type KeyUse,
  loadSodiumSuite,
  parseJson,
  type Suite,
  toMultikey,
} from '@gds/crypto';
import { loadFileKeyring, saveFileKeyring } from '@gds/crypto/node';
import { smSuite } from '@gds/crypto/sm';
import { type LegacyCommand as Command, type CommandContext, UsageError } from '../_internal/command.js';

export const KEYRING_HELP = `  --keys <dir>            密钥环目录（keyring directory）, default ./.gds/keys
  --passphrase-env <VAR>  存放口令的环境变量（env var holding the passphrase）, default GDS_PASSPHRASE`;

/** Runs node:util parseArgs, turning its errors into usage errors (exit 2). */
export function parse<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new UsageError('参数错误', (error as Error).message, { cause: error });
  }
}

export const keyringOptions = {
  keys: { type: 'string' },
  'passphrase-env': { type: 'string' },
} as const;

export async function allSuites(): Promise<Suite[]> {
  return [await loadSodiumSuite(), smSuite];
}

function passphrase(ctx: CommandContext, values: { 'passphrase-env'?: string }): string | undefined {
  const name = values['passphrase-env'] ?? 'GDS_PASSPHRASE';
  // Own entries only: `--passphrase-env constructor` names an unset variable, not Object.prototype's member.
  const v = Object.hasOwn(ctx.env, name) ? ctx.env[name] : undefined;
  return v === undefined || v === '' ? undefined : v;
}

function scryptN(ctx: CommandContext): number | undefined {
  const n = ctx.env.GDS_KEYRING_SCRYPT_N;
  return n ? Number(n) : undefined;
}

/** Opens the keyring of a command: ./.gds/keys unless --keys says otherwise. */
export async function openKeyring(
  ctx: CommandContext,
  values: { keys?: string; 'passphrase-env'?: string },
  needSecrets: boolean,
): Promise<Keyring> {
  const pass = passphrase(ctx, values);
  if (needSecrets && pass === undefined) {
    throw new UsageError(
      `需要口令：请设置环境变量 ${values['passphrase-env'] ?? 'GDS_PASSPHRASE'}`,
      `a passphrase is needed: set ${values['passphrase-env'] ?? 'GDS_PASSPHRASE'}`,
    );
  }
  return loadFileKeyring({ cwd: ctx.cwd, dir: values.keys, passphrase: pass, suites: await allSuites() });
}

export async function saveKeyring(
  ctx: CommandContext,
  ring: Keyring,
  values: { keys?: string; 'passphrase-env'?: string },
): Promise<void> {
  const pass = passphrase(ctx, values);
  if (pass === undefined) {
    throw new UsageError(
      `需要口令才能保存私钥：请设置环境变量 ${values['passphrase-env'] ?? 'GDS_PASSPHRASE'}`,
      `a passphrase is needed to save secret keys: set ${values['passphrase-env'] ?? 'GDS_PASSPHRASE'}`,
    );
  }
  await saveFileKeyring(ring, { cwd: ctx.cwd, dir: values.keys, passphrase: pass, scryptN: scryptN(ctx) });
}

/** Reads a file argument, or stdin for "-". */
export async function readInput(ctx: CommandContext, file: string | undefined): Promise<string> {
  if (file === undefined)
    throw new UsageError('缺少输入文件（或用 - 表示标准输入）', 'missing input file (or - for stdin)');
  if (file === '-') {
    let text = '';
    for await (const chunk of ctx.stdin) text += chunk;
    return text;
  }
  try {
    return await readFile(resolve(ctx.cwd, file), 'utf8');
  } catch (cause) {
    throw new UsageError(`无法读取 ${file}`, `cannot read ${file}`, { cause });
  }
}

function line(k: KeyInfo): string {
  const when = k.status === 'active' ? '' : ` ${k.status} ${k.revokedAt ?? k.retiredAt ?? ''}`;
  return `${k.kid}  ${k.use.padEnd(7)}  ${k.label}${k.issuer ? ` (${k.issuer})` : ''}  ${k.createdAt}${when}\n`;
}

function must(ring: Keyring, kid: string | undefined): KeyInfo {
  if (kid === undefined) throw new UsageError('缺少密钥标识', 'missing key id');
  const k = ring.get(kid);
  if (!k) throw new UsageError(`密钥环中没有 ${kid}`, `no key ${kid} in the keyring`);
  return k;
}

const generate: Command = {
  name: 'keys generate',
  summary: { zh: '生成签名密钥和加密密钥', en: 'Generate a signing key and an encryption key' },
  usage: `gds keys generate --label <label> [--issuer <dept>] [--use sign|encrypt|both] [--suite sodium|sm]
${KEYRING_HELP}`,
  async run(ctx) {
    const { values } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: {
          ...keyringOptions,
          label: { type: 'string' },
          issuer: { type: 'string' },
          use: { type: 'string', default: 'both' },
          suite: { type: 'string', default: 'sodium' },
        },
      }),
    );
    if (!values.label) throw new UsageError('缺少 --label', 'missing --label');
    if (!['sign', 'encrypt', 'both'].includes(values.use)) {
      throw new UsageError('--use 只能是 sign、encrypt 或 both', '--use must be sign, encrypt or both');
    }
    if (!['sodium', 'sm'].includes(values.suite))
      throw new UsageError('--suite 只能是 sodium 或 sm', '--suite must be sodium or sm');
    const ring = await openKeyring(ctx, values, true);
    const uses: KeyUse[] = values.use === 'both' ? ['sign', 'encrypt'] : [values.use as KeyUse];
    const made: KeyInfo[] = [];
    for (const use of uses) {
      made.push(
        await ring.generate({ use, label: values.label, issuer: values.issuer, suite: values.suite }),
      );
    }
    await saveKeyring(ctx, ring, values);
    for (const k of made) ctx.stdout.write(line(k));
    return 0;
  },
};

const list: Command = {
  name: 'keys list',
  summary: { zh: '列出密钥环中的密钥', en: 'List the keys in the keyring' },
  usage: `gds keys list [--format text|json]
${KEYRING_HELP}`,
  async run(ctx) {
    const { values } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: { ...keyringOptions, format: { type: 'string', default: 'text' } },
      }),
    );
    const ring = await openKeyring(ctx, values, false);
    const keys = ring.list();
    if (values.format === 'json') {
      const withKeys = keys.map((k) => ({ ...k, publicKey: toMultikey(k).publicKeyMultibase }));
      ctx.stdout.write(`${JSON.stringify(withKeys, null, 2)}\n`);
    } else {
      for (const k of keys) ctx.stdout.write(line(k));
    }
    return 0;
  },
};

const rotate: Command = {
  name: 'keys rotate',
  summary: {
    zh: '轮换密钥：旧密钥退役（仍可验证），生成新密钥',
    en: 'Rotate a key: retire it (it still verifies) and make its successor',
  },
  usage: `gds keys rotate <kid>
${KEYRING_HELP}`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({ args: ctx.argv, options: { ...keyringOptions }, allowPositionals: true }),
    );
    const ring = await openKeyring(ctx, values, true);
    const old = must(ring, positionals[0]);
    const next = await ring.rotate(old.kid);
    await saveKeyring(ctx, ring, values);
    ctx.stdout.write(line(ring.get(old.kid)!));
    ctx.stdout.write(line(next));
    return 0;
  },
};

const revoke: Command = {
  name: 'keys revoke',
  summary: {
    zh: '吊销密钥：此时间之后的签名不再有效',
    en: 'Revoke a key: its signatures dated from then on fail',
  },
  usage: `gds keys revoke <kid> [--at <RFC 3339 time>] [--reason <text>]
${KEYRING_HELP}`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: { ...keyringOptions, at: { type: 'string' }, reason: { type: 'string' } },
        allowPositionals: true,
      }),
    );
    if (values.at !== undefined && !Number.isFinite(Date.parse(values.at))) {
      throw new UsageError('--at 不是有效时间', '--at is not a valid time');
    }
    const ring = await openKeyring(ctx, values, true);
    const k = must(ring, positionals[0]);
    const revoked = ring.revoke(k.kid, { at: values.at, reason: values.reason });
    await saveKeyring(ctx, ring, values);
    ctx.stdout.write(line(revoked));
    return 0;
  },
};

const exportKey: Command = {
  name: 'keys export',
  summary: { zh: '导出公钥（JWK 或 Multikey）', en: 'Export a public key (JWK or Multikey)' },
  usage: `gds keys export <kid> [--format jwk|multikey] [--private]
  --private   同时导出私钥（also export the secret key; handle with care）
${KEYRING_HELP}`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: {
          ...keyringOptions,
          format: { type: 'string', default: 'jwk' },
          private: { type: 'boolean' },
        },
        allowPositionals: true,
      }),
    );
    if (values.format !== 'jwk' && values.format !== 'multikey') {
      throw new UsageError('--format 只能是 jwk 或 multikey', '--format must be jwk or multikey');
    }
    const ring = await openKeyring(ctx, values, Boolean(values.private));
    const k = must(ring, positionals[0]);
    const secretKey = values.private ? await ring.store.exportSecretKey?.(k.kid) : undefined;
    if (values.private && !secretKey)
      throw new UsageError('此密钥没有可导出的私钥', 'this key has no exportable secret key');
    const material = { suite: k.suite, use: k.use, publicKey: k.publicKey, secretKey };
    const doc =
      values.format === 'jwk'
        ? {
            ...exportJwk(material, k.kid),
            ...(k.issuer ? { 'gds:issuer': k.issuer } : {}),
            'gds:label': k.label,
          }
        : {
            '@context': 'https://w3id.org/security/multikey/v1',
            id: k.kid,
            type: 'Multikey',
            ...(k.issuer ? { controller: k.issuer } : {}),
            ...toMultikey(material),
          };
    ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  },
};

const importKey: Command = {
  name: 'keys import',
  summary: {
    zh: '导入另一部门的公钥（JWK 或 Multikey）',
    en: "Import another department's public key (JWK or Multikey)",
  },
  usage: `gds keys import <file|-> [--label <label>] [--issuer <dept>] [--use sign|encrypt]
${KEYRING_HELP}`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: {
          ...keyringOptions,
          label: { type: 'string' },
          issuer: { type: 'string' },
          use: { type: 'string' },
        },
        allowPositionals: true,
      }),
    );
    const doc = parseJson(await readInput(ctx, positionals[0])) as Record<string, string>;
    const use = values.use === 'encrypt' || values.use === 'sign' ? values.use : undefined;
    const m =
      typeof doc.publicKeyMultibase === 'string'
        ? fromMultikey(doc.publicKeyMultibase, undefined, use)
        : importJwk(doc as unknown as Jwk);
    // Only public keys are imported here: secret keys are generated in place and never copied around.
    const ring = await openKeyring(ctx, values, true);
    const k = await ring.add({
      suite: m.suite,
      use: m.use,
      publicKey: m.publicKey,
      label: values.label ?? doc['gds:label'] ?? doc.kid ?? 'imported',
      issuer: values.issuer ?? doc['gds:issuer'] ?? doc.controller,
    });
    await saveKeyring(ctx, ring, values);
    ctx.stdout.write(line(k));
    return 0;
  },
};

/** `gds keys generate|list|rotate|revoke|export|import`: the keyring in ./.gds/keys. */
export const keysCommands: Command[] = [generate, list, rotate, revoke, exportKey, importKey];

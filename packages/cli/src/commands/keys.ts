import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
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
import {
  type Command,
  type CommandContext,
  defineCommand,
  type OptionSpec,
  UsageError,
} from '../_internal/command.js';

/** The keyring options, shared by every command that signs, seals or verifies. */
export const keyringOptions = {
  keys: {
    type: 'string',
    value: '<dir>',
    help: { zh: '密钥环目录；默认 ./.gds/keys', en: 'the keyring folder; default ./.gds/keys' },
  },
  'passphrase-env': {
    type: 'string',
    value: '<VAR>',
    help: {
      zh: '存放口令的环境变量；默认 GDS_PASSPHRASE',
      en: 'the environment variable holding the passphrase; default GDS_PASSPHRASE',
    },
  },
} as const satisfies Record<string, OptionSpec>;

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

const label = { type: 'string', value: '<label>', help: { zh: '密钥名称', en: 'the key label' } } as const;
const issuer = {
  type: 'string',
  value: '<dept>',
  help: { zh: '所属部门', en: 'the department that owns the key' },
} as const;

const generate = defineCommand({
  name: 'keys generate',
  summary: { zh: '生成签名密钥和加密密钥', en: 'generate a signing key and an encryption key' },
  synopsis: '--label <label> [options]',
  options: {
    ...keyringOptions,
    label,
    issuer,
    use: {
      type: 'string',
      choices: ['sign', 'encrypt', 'both'],
      default: 'both',
      help: { zh: '用途', en: 'what the key is for' },
    },
    suite: {
      type: 'string',
      choices: ['sodium', 'sm'],
      default: 'sodium',
      help: { zh: '算法套件', en: 'the algorithm suite' },
    },
  },
  async run(ctx, { values }) {
    if (!values.label) throw new UsageError('缺少 --label', 'missing --label');
    const ring = await openKeyring(ctx, values, true);
    const uses: KeyUse[] = values.use === 'both' ? ['sign', 'encrypt'] : [values.use];
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
});

const list = defineCommand({
  name: 'keys list',
  summary: { zh: '列出密钥环中的密钥', en: 'list the keys in the keyring' },
  synopsis: '[options]',
  options: { ...keyringOptions },
  formats: ['text', 'json'],
  async run(ctx, { values, format }) {
    const ring = await openKeyring(ctx, values, false);
    const keys = ring.list();
    if (format === 'json') {
      const withKeys = keys.map((k) => ({ ...k, publicKey: toMultikey(k).publicKeyMultibase }));
      ctx.stdout.write(`${JSON.stringify(withKeys, null, 2)}\n`);
    } else {
      for (const k of keys) ctx.stdout.write(line(k));
    }
    return 0;
  },
});

const rotate = defineCommand({
  name: 'keys rotate',
  summary: {
    zh: '轮换密钥：旧密钥退役（仍可验证），生成新密钥',
    en: 'rotate a key: retire it (it still verifies) and make its successor',
  },
  synopsis: '<kid> [options]',
  options: { ...keyringOptions },
  positionals: 1,
  async run(ctx, { values, positionals }) {
    const ring = await openKeyring(ctx, values, true);
    const old = must(ring, positionals[0]);
    const next = await ring.rotate(old.kid);
    await saveKeyring(ctx, ring, values);
    ctx.stdout.write(line(ring.get(old.kid)!));
    ctx.stdout.write(line(next));
    return 0;
  },
});

const revoke = defineCommand({
  name: 'keys revoke',
  summary: {
    zh: '吊销密钥：此时间之后的签名不再有效',
    en: 'revoke a key: its signatures dated from then on fail',
  },
  synopsis: '<kid> [--at <time>] [--reason <text>] [options]',
  options: {
    ...keyringOptions,
    at: {
      type: 'string',
      value: '<RFC 3339 time>',
      help: { zh: '吊销时间；默认现在', en: 'when the revocation takes effect; default now' },
    },
    reason: { type: 'string', value: '<text>', help: { zh: '吊销原因', en: 'why the key is revoked' } },
  },
  positionals: 1,
  async run(ctx, { values, positionals }) {
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
});

const keyForm = {
  type: 'string',
  choices: ['jwk', 'multikey'],
  help: { zh: '导出形式', en: 'the form of the exported key' },
} as const;

const exportKey = defineCommand({
  name: 'keys export',
  summary: { zh: '导出公钥（JWK 或 Multikey）', en: 'export a public key (JWK or Multikey)' },
  synopsis: '<kid> [--as jwk|multikey] [--private] [options]',
  options: {
    ...keyringOptions,
    as: { ...keyForm, default: 'jwk' },
    // --format means text|json on every other command; jwk|multikey is a form of the key, hence --as.
    format: { ...keyForm, deprecated: '--as' },
    private: {
      type: 'boolean',
      help: { zh: '同时导出私钥（请小心保管）', en: 'also export the secret key (handle with care)' },
    },
  },
  positionals: 1,
  async run(ctx, { values, positionals }) {
    const form = values.format ?? values.as;
    const ring = await openKeyring(ctx, values, Boolean(values.private));
    const k = must(ring, positionals[0]);
    const secretKey = values.private ? await ring.store.exportSecretKey?.(k.kid) : undefined;
    if (values.private && !secretKey)
      throw new UsageError('此密钥没有可导出的私钥', 'this key has no exportable secret key');
    const material = { suite: k.suite, use: k.use, publicKey: k.publicKey, secretKey };
    const doc =
      form === 'jwk'
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
});

const importKey = defineCommand({
  name: 'keys import',
  summary: {
    zh: '导入另一部门的公钥（JWK 或 Multikey）',
    en: "import another department's public key (JWK or Multikey)",
  },
  synopsis: '<file|-> [--label <label>] [--issuer <dept>] [--use sign|encrypt] [options]',
  options: {
    ...keyringOptions,
    label,
    issuer,
    use: {
      type: 'string',
      choices: ['sign', 'encrypt'],
      help: { zh: '用途（Multikey 无法表明时）', en: 'what the key is for (when a Multikey cannot say)' },
    },
  },
  positionals: 1,
  async run(ctx, { values, positionals }) {
    const doc = parseJson(await readInput(ctx, positionals[0])) as Record<string, string>;
    const m =
      typeof doc.publicKeyMultibase === 'string'
        ? fromMultikey(doc.publicKeyMultibase, undefined, values.use)
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
});

/** `gds keys generate|list|rotate|revoke|export|import`: the keyring in ./.gds/keys. */
export const keysCommands: Command[] = [generate, list, rotate, revoke, exportKey, importKey];

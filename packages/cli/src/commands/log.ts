import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseJson } from '@gds/crypto';
import {
  createReceipt,
  formatVerifierKey,
  GdsLedgerError,
  generateNoteKey,
  hashRecord,
  Log,
  noteSignerFromKey,
  parseNote,
  parsePolicy,
  verifyLog,
  verifyReceipt,
  type WitnessPolicy,
} from '@gds/ledger';
import { readNoteKeyFile, writeNoteKeyFile } from '@gds/ledger/node';
import { createSqliteStore } from '@gds/ledger/sqlite';
import type { Locale } from '@gds/schema';
import {
  type Command,
  type CommandContext,
  defineCommand,
  messageIn,
  say,
  UsageError,
} from '../_internal/command.js';
import { readText, verifierKey } from './note.js';

const dirOption = {
  dir: {
    type: 'string',
    value: '<dir>',
    help: { zh: '日志目录；默认 ./.gds', en: 'the log folder; default ./.gds' },
  },
} as const;
const passOption = {
  'passphrase-env': {
    type: 'string',
    value: '<VAR>',
    help: {
      zh: '存放签名密钥口令的环境变量；默认 GDS_PASSPHRASE',
      en: 'the environment variable holding the signer key passphrase; default GDS_PASSPHRASE',
    },
  },
} as const;

/** The passphrase of the log's signer key, from GDS_PASSPHRASE or the variable --passphrase-env names. */
function passphraseOf(
  ctx: CommandContext,
  env: string | undefined,
): { name: string; value: string | undefined } {
  const name = env ?? 'GDS_PASSPHRASE';
  // Own entries only: `--passphrase-env constructor` names an unset variable, not Object.prototype's member.
  const v = Object.hasOwn(ctx.env, name) ? ctx.env[name] : undefined;
  return { name, value: v === undefined || v === '' ? undefined : v };
}

function needPassphrase(name: string): UsageError {
  return new UsageError(
    `需要口令：日志签名密钥加密保存，请设置环境变量 ${name}`,
    `a passphrase is needed: the log's signer key is stored encrypted; set ${name}`,
  );
}

/**
 * The signer of the log in `base` (its `log.key`, encrypted under GDS_PASSPHRASE). A key file of an
 * earlier version (the bare key, in clear) still opens, with a warning on stderr saying how to encrypt it.
 */
export async function loadLogSigner(
  ctx: CommandContext,
  base: string,
  passphraseEnv?: string,
  locale?: Locale,
) {
  const keyPath = join(base, 'log.key');
  const pass = passphraseOf(ctx, passphraseEnv);
  let key: Awaited<ReturnType<typeof readNoteKeyFile>>;
  try {
    key = await readNoteKeyFile(keyPath, { passphrase: pass.value });
  } catch (e) {
    if (e instanceof GdsLedgerError && e.code === 'GDS_LEDGER_INVALID_INPUT') throw needPassphrase(pass.name);
    throw e;
  }
  if (!key.encrypted) {
    const en = `warning: the log's signer key ${keyPath} is stored unencrypted, written by an earlier version; set ${pass.name} and run gds log protect-key --dir ${base} to encrypt it`;
    ctx.stderr.write(
      locale === 'en'
        ? `gds: ${en}\n`
        : `gds: 警告：日志签名密钥 ${keyPath} 未加密保存（早期版本写入）；请设置 ${pass.name} 后运行 gds log protect-key --dir ${base} 加密它（${en}）\n`,
    );
  }
  return noteSignerFromKey(key.signerKey);
}

function scryptN(ctx: CommandContext): number | undefined {
  const n = ctx.env.GDS_KEYRING_SCRYPT_N;
  return n ? Number(n) : undefined;
}

interface LogConfig {
  origin: string;
  verifierKey: string;
}

function paths(ctx: CommandContext, dir: string | undefined) {
  const base = resolve(ctx.cwd, dir ?? '.gds');
  return {
    base,
    db: join(base, 'ledger.sqlite'),
    config: join(base, 'log.json'),
    key: join(base, 'log.key'),
  };
}

async function openLog(
  ctx: CommandContext,
  dir: string | undefined,
  withSigner = true,
  passphraseEnv?: string,
  locale?: Locale,
) {
  const p = paths(ctx, dir);
  if (!existsSync(p.config))
    throw new UsageError(
      `${p.base} 下没有日志，请先运行 gds log init`,
      `no log in ${p.base}; run gds log init first`,
    );
  const config = JSON.parse(await readFile(p.config, 'utf8')) as LogConfig;
  const signer = withSigner ? await loadLogSigner(ctx, p.base, passphraseEnv, locale) : undefined;
  const log = await Log.open(createSqliteStore({ path: p.db }), {
    origin: config.origin,
    ...(signer ? { signer } : {}),
  });
  return { log, config, paths: p };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const init = defineCommand({
  name: 'log init',
  summary: { zh: '创建可验证日志（SQLite，位于 ./.gds）', en: 'create a verifiable log (SQLite, in ./.gds)' },
  synopsis: '--origin <name> [--key-file <signer key>] [options]',
  description: {
    zh: '签名密钥用口令加密保存在 <dir>/log.key（scrypt + XChaCha20-Poly1305，与密钥环相同）；目录 0700，文件 0600。',
    en: 'The signer key is stored encrypted under the passphrase in <dir>/log.key (scrypt + XChaCha20-Poly1305,\nas the keyring does); folder 0700, files 0600.',
  },
  options: {
    ...dirOption,
    ...passOption,
    origin: {
      type: 'string',
      value: '<name>',
      help: {
        zh: '日志来源名称（检查点 origin），如 county.example/population-log',
        en: 'the checkpoint origin, e.g. county.example/population-log',
      },
    },
    'key-file': {
      type: 'string',
      value: '<file>',
      help: {
        zh: '使用已有签名密钥；默认生成一个写入 <dir>/log.key',
        en: 'use an existing signer key; default: generate one into <dir>/log.key',
      },
    },
  },
  async run(ctx, { values, locale }) {
    const p = paths(ctx, values.dir);
    if (existsSync(p.config))
      throw new UsageError(`${p.base} 下已有日志`, `a log already exists in ${p.base}`);
    const pass = passphraseOf(ctx, values['passphrase-env']);
    if (!pass.value) throw needPassphrase(pass.name);
    let skey: string;
    if (values['key-file']) skey = (await readText(ctx, values['key-file'], '--key-file')).trim();
    else {
      if (!values.origin) throw new UsageError('缺少 --origin', 'missing --origin');
      skey = (await generateNoteKey(values.origin)).signerKey;
    }
    const signer = await noteSignerFromKey(skey);
    const origin = values.origin ?? signer.name;
    if (origin !== signer.name) {
      throw new UsageError('--origin 必须与密钥名称一致', `--origin must equal the key name ${signer.name}`);
    }
    if (existsSync(p.base)) {
      const mode = (await stat(p.base)).mode & 0o777;
      if (mode & 0o077) {
        const en = `warning: ${p.base} is accessible to other users, mode ${mode.toString(8)}; consider chmod 700 ${p.base}`;
        ctx.stderr.write(
          locale === 'en'
            ? `gds: ${en}\n`
            : `gds: 警告：${p.base} 其他用户可访问（权限 ${mode.toString(8)}）；建议 chmod 700 ${p.base}（${en}）\n`,
        );
      }
    } else await mkdir(p.base, { recursive: true, mode: 0o700 });
    const n = scryptN(ctx);
    await writeNoteKeyFile(p.key, skey, { passphrase: pass.value, ...(n ? { scryptN: n } : {}) });
    const vkey = formatVerifierKey(signer.name, signer.publicKey);
    const log = await Log.open(createSqliteStore({ path: p.db }), { signer, origin });
    await log.signCheckpoint();
    await log.close();
    await writeFile(
      p.config,
      `${JSON.stringify({ origin, verifierKey: vkey } satisfies LogConfig, null, 2)}\n`,
    );
    ctx.stdout.write(`${vkey}\n`);
    ctx.stderr.write(
      locale === 'en'
        ? `log ${origin} created in ${p.base}; signer key in ${p.key}, encrypted under ${pass.name}\n`
        : `日志 ${origin} 已创建于 ${p.base}，签名密钥在 ${p.key}，以 ${pass.name} 加密（log ${origin} created in ${p.base}; signer key in ${p.key}, encrypted under ${pass.name}）\n`,
    );
    return 0;
  },
});

const append = defineCommand({
  name: 'log append',
  summary: { zh: '追加条目（一批一个检查点）', en: 'append entries (one checkpoint per batch)' },
  synopsis: '<file|-> [...] [--as record|ndjson|bytes|hash] [options]',
  description: {
    zh: '--as record：每个文件是一条 JSON 记录或信封，条目 = SHA-256(RFC 8785 规范化 JSON)；ndjson：每行一条记录；\nbytes：条目 = SHA-256(文件字节)；hash：每行一个 64 位十六进制哈希。输出每个条目的序号和哈希。',
    en: '--as record: each file is one JSON record or envelope, entry = SHA-256(RFC 8785 canonical JSON);\nndjson: one record per line; bytes: entry = SHA-256 of the file bytes; hash: one hex SHA-256 per line.\nPrints the index and entry hash of each entry.',
  },
  options: {
    ...dirOption,
    ...passOption,
    as: {
      type: 'string',
      choices: ['record', 'ndjson', 'bytes', 'hash'],
      default: 'record',
      help: { zh: '如何把输入变成条目', en: 'how the input becomes entries' },
    },
  },
  positionals: Number.POSITIVE_INFINITY,
  async run(ctx, { values, positionals, locale }) {
    const mode = values.as;
    if (positionals.length === 0) throw new UsageError('缺少输入文件（或 -）', 'missing input files (or -)');
    const entries: Uint8Array[] = [];
    for (const file of positionals) {
      if (mode === 'bytes') {
        const bytes =
          file === '-'
            ? Buffer.from(await readText(ctx, '-'))
            : await readFile(resolve(ctx.cwd, file)).catch((cause) => {
                throw new UsageError(`无法读取 ${file}`, `cannot read ${file}`, { cause });
              });
        entries.push(new Uint8Array(createHash('sha256').update(bytes).digest()));
        continue;
      }
      const text = await readText(ctx, file);
      const json = (t: string, where: string) => {
        try {
          return parseJson(t) as Parameters<typeof hashRecord>[0];
        } catch (cause) {
          throw new UsageError(`${where} 不是有效的 JSON`, `${where} is not valid JSON`, { cause });
        }
      };
      if (mode === 'record') entries.push(hashRecord(json(text, file)));
      else {
        text.split('\n').forEach((line, i) => {
          if (line.trim() === '') return;
          if (mode === 'ndjson') entries.push(hashRecord(json(line, `${file}:${i + 1}`)));
          else if (/^[0-9a-fA-F]{64}$/.test(line.trim()))
            entries.push(new Uint8Array(Buffer.from(line.trim(), 'hex')));
          else
            throw new UsageError(
              `${file}:${i + 1} 不是 64 位十六进制哈希`,
              `${file}:${i + 1} is not a hex SHA-256`,
            );
        });
      }
    }
    if (entries.length === 0) throw new UsageError('没有条目可追加', 'nothing to append');
    const { log } = await openLog(ctx, values.dir, true, values['passphrase-env'], locale);
    try {
      const r = await log.appendBatch(entries);
      entries.forEach((e, i) => {
        ctx.stdout.write(`${r.start + i}\t${hex(e)}\n`);
      });
      ctx.stderr.write(
        locale === 'en'
          ? `appended ${entries.length}; size ${r.size}; checkpoint signed\n`
          : `已追加 ${entries.length} 条，日志大小 ${r.size}，检查点已签名（appended; size; checkpoint signed）\n`,
      );
    } finally {
      await log.close();
    }
    return 0;
  },
});

const checkpoint = defineCommand({
  name: 'log checkpoint',
  summary: {
    zh: '输出最新检查点，可请见证人副署',
    en: 'print the latest checkpoint, optionally cosigned by witnesses',
  },
  synopsis: '[--witness <url>...] [options]',
  options: {
    ...dirOption,
    ...passOption,
    witness: {
      type: 'string',
      multiple: true,
      value: '<url>',
      help: {
        zh: '见证人提交前缀：POST <url>/add-checkpoint',
        en: 'a tlog-witness submission prefix: POST <url>/add-checkpoint',
      },
    },
  },
  exits: { 1: { zh: '有见证人拒绝', en: 'a witness refused' } },
  async run(ctx, { values, locale }) {
    const { log, paths: p } = await openLog(ctx, values.dir, true, values['passphrase-env'], locale);
    try {
      let cp = await log.latestCheckpoint();
      if (!cp || cp.size !== log.size) cp = await log.signCheckpoint();
      const statePath = join(p.base, 'witnesses.json');
      const known: Record<string, number> = existsSync(statePath)
        ? JSON.parse(await readFile(statePath, 'utf8'))
        : {};
      let failed = 0;
      for (const url of values.witness ?? []) {
        let old = known[url] ?? 0;
        let res: Response | undefined;
        for (let attempt = 0; attempt < 2; attempt++) {
          const proof = old > 0 && old < cp.size ? await log.consistencyProof(old, cp.size) : [];
          const body = `old ${old}\n${proof.map((h) => `${Buffer.from(h).toString('base64')}\n`).join('')}\n${cp.note}`;
          res = await fetch(`${url.replace(/\/$/, '')}/add-checkpoint`, { method: 'POST', body }).catch(
            (cause) => {
              throw new UsageError(`无法连接见证人 ${url}`, `cannot reach witness ${url}`, { cause });
            },
          );
          if (res.status !== 409) break;
          const size = Number((await res.text()).trim());
          if (!Number.isSafeInteger(size) || size > cp.size) break;
          old = size;
        }
        if (res?.status === 200) {
          cp = await log.addCosignatures(cp.size, await res.text());
          known[url] = cp.size;
        } else {
          failed++;
          ctx.stderr.write(
            `gds: ${locale === 'en' ? `witness ${url} refused` : `见证人 ${url} 拒绝（witness refused）`}: HTTP ${res?.status} ${res ? (await res.text()).trim() : ''}\n`,
          );
        }
      }
      if (values.witness?.length) await writeFile(statePath, `${JSON.stringify(known, null, 2)}\n`);
      ctx.stdout.write(cp.note);
      return failed ? 1 : 0;
    } finally {
      await log.close();
    }
  },
});

const prove = defineCommand({
  name: 'log prove',
  summary: { zh: '为条目生成可离线验证的回执', en: 'write an offline-verifiable receipt for an entry' },
  synopsis: '<index> [--out <receipt.json>] [options]',
  description: {
    zh: '回执包含条目、包含证明和（副署的）最新检查点。',
    en: 'The receipt holds the entry, its inclusion proof and the latest (cosigned) checkpoint.',
  },
  options: {
    ...dirOption,
    out: {
      type: 'string',
      value: '<file>',
      help: { zh: '回执文件；默认标准输出', en: 'the receipt file; default stdout' },
    },
  },
  positionals: 1,
  async run(ctx, { values, positionals }) {
    const index = Number(positionals[0]);
    if (!/^(0|[1-9][0-9]*)$/.test(positionals[0] ?? '') || !Number.isSafeInteger(index)) {
      throw new UsageError('序号必须是非负整数', 'the index must be a non-negative integer');
    }
    const { log } = await openLog(ctx, values.dir, false);
    try {
      if (index >= log.size)
        throw new UsageError(`序号超出日志大小 ${log.size}`, `index beyond the log size ${log.size}`);
      const receipt = await createReceipt(log, index);
      const text = `${JSON.stringify(receipt, null, 2)}\n`;
      if (values.out) await writeFile(resolve(ctx.cwd, values.out), text);
      else ctx.stdout.write(text);
      return 0;
    } finally {
      await log.close();
    }
  },
});

const ROLLBACK = {
  zh: '本地校验无法发现回滚到更早的签名检查点，只有记得更新检查点的见证人能发现（gds log checkpoint --witness）',
  en: 'a rollback to an earlier signed checkpoint cannot be detected here; only witnesses that cosigned a later checkpoint can (gds log checkpoint --witness)',
};

const verify = defineCommand({
  name: 'log verify',
  summary: {
    zh: '从头重算整个日志并核对其签名检查点',
    en: 'recompute the whole log and check its signed checkpoint',
  },
  synopsis: '[--log-key <vkey>] [options]',
  description: {
    zh: '失败的情形各有代码：GDS_LEDGER_LOG_EMPTY、GDS_LEDGER_NO_CHECKPOINT、GDS_LEDGER_UNCHECKPOINTED_ENTRIES、\nGDS_LEDGER_LOG_TRUNCATED、GDS_LEDGER_ORIGIN_MISMATCH、GDS_LEDGER_NOTE_UNVERIFIED、GDS_LEDGER_ROOT_MISMATCH、\nGDS_LEDGER_TREE_MISMATCH。回滚到更早的签名检查点只有见证人能发现。',
    en: 'Each failure has its code: GDS_LEDGER_LOG_EMPTY, GDS_LEDGER_NO_CHECKPOINT, GDS_LEDGER_UNCHECKPOINTED_ENTRIES,\nGDS_LEDGER_LOG_TRUNCATED, GDS_LEDGER_ORIGIN_MISMATCH, GDS_LEDGER_NOTE_UNVERIFIED, GDS_LEDGER_ROOT_MISMATCH,\nGDS_LEDGER_TREE_MISMATCH. A rollback to an earlier signed checkpoint is detectable only by witnesses.',
  },
  options: {
    ...dirOption,
    'log-key': {
      type: 'string',
      value: '<vkey>',
      help: {
        zh: '日志验证密钥；默认为 <dir>/log.json 中的',
        en: "the log's verifier key; default the one in <dir>/log.json",
      },
    },
  },
  formats: ['text', 'json'],
  exits: { 0: { zh: '一致', en: 'consistent' }, 1: { zh: '有问题', en: 'problems found' } },
  async run(ctx, { values, format, locale }) {
    const { log, config } = await openLog(ctx, values.dir, false);
    try {
      const verifier = verifierKey(values['log-key'] ?? config.verifierKey);
      const r = await verifyLog(log, { verifier, origin: config.origin });
      if (!r.valid && format !== 'json')
        for (const i of r.issues) ctx.stderr.write(`gds: ${messageIn(locale, i)} [${i.code}]\n`);
      const lines = [config.origin, `size ${r.size}`, `root ${Buffer.from(r.rootHash).toString('base64')}`];
      if (r.valid) {
        const cosigners = (parseNote(r.note)?.signatures ?? [])
          .filter((sig) => !(sig.name === verifier.name && sig.keyId === verifier.keyId))
          .map((sig) => sig.name);
        lines.push(
          `checkpoint ${r.checkpoint.size} signed by ${verifier.name}+${verifier.keyId.toString(16).padStart(8, '0')}` +
            (cosigners.length ? `, cosignatures from ${cosigners.join(', ')} (not checked here)` : ''),
        );
      }
      if (format === 'json') {
        const doc = {
          origin: config.origin,
          valid: r.valid,
          size: r.size,
          root: Buffer.from(r.rootHash).toString('base64'),
          ...(r.checkpoint ? { checkpoint: { size: r.checkpoint.size, origin: r.checkpoint.origin } } : {}),
          issues: r.valid ? [] : r.issues,
          note: locale === 'en' ? ROLLBACK.en : `${ROLLBACK.zh}（${ROLLBACK.en}）`,
        };
        ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
        return r.valid ? 0 : 1;
      }
      lines.push(`note: ${say(locale, ROLLBACK.zh, ROLLBACK.en)}`, r.valid ? 'OK' : 'INVALID');
      ctx.stdout.write(`${lines.join('\n')}\n`);
      return r.valid ? 0 : 1;
    } finally {
      await log.close();
    }
  },
});

const verifyReceiptCmd = defineCommand({
  name: 'log verify-receipt',
  summary: { zh: '离线验证回执（只需公钥）', en: 'verify a receipt offline (public keys only)' },
  synopsis: '<receipt.json|-> (--policy <file> | --log-key <vkey>) [--record <file.json>] [options]',
  options: {
    policy: {
      type: 'string',
      value: '<file>',
      help: {
        zh: 'C2SP tlog-policy 文件：日志、见证人与法定人数',
        en: 'a C2SP tlog-policy file: logs, witnesses, quorum',
      },
    },
    'log-key': {
      type: 'string',
      value: '<vkey>',
      help: { zh: '只信任日志签名，不要求副署', en: 'trust the log signature only, no quorum' },
    },
    record: {
      type: 'string',
      value: '<file>',
      help: { zh: '回执必须针对这条 JSON 记录', en: 'the receipt must be about this JSON record' },
    },
  },
  positionals: 1,
  formats: ['text', 'json'],
  exits: { 0: { zh: '有效', en: 'valid' }, 1: { zh: '无效', en: 'invalid' } },
  async run(ctx, { values, positionals, locale, format }) {
    let policy: WitnessPolicy;
    if (values.policy) {
      try {
        policy = parsePolicy(await readText(ctx, values.policy, '--policy'));
      } catch (cause) {
        if (cause instanceof UsageError) throw cause;
        throw new UsageError(`策略文件无效：${(cause as Error).message}`, 'invalid policy file', { cause });
      }
    } else if (values['log-key']) {
      policy = {
        logs: [{ verifier: verifierKey(values['log-key']) }],
        witnesses: new Map(),
        quorum: { kind: 'none' },
      };
    } else throw new UsageError('需要 --policy 或 --log-key', 'either --policy or --log-key is required');
    let receipt: unknown;
    try {
      receipt = JSON.parse(await readText(ctx, positionals[0]));
    } catch (cause) {
      if (cause instanceof UsageError) throw cause;
      throw new UsageError('回执不是有效的 JSON', 'the receipt is not valid JSON', { cause });
    }
    const options: { entry?: Uint8Array } = {};
    if (values.record) {
      try {
        options.entry = hashRecord(
          parseJson(await readText(ctx, values.record, '--record')) as Parameters<typeof hashRecord>[0],
        );
      } catch (cause) {
        if (cause instanceof UsageError) throw cause;
        throw new UsageError('--record 不是有效的 JSON', '--record is not valid JSON', { cause });
      }
    }
    const r = await verifyReceipt(receipt, policy, options);
    if (format === 'json') {
      const doc = r.valid
        ? {
            valid: true,
            index: r.index,
            entry: hex(r.entry),
            origin: r.verified.checkpoint.origin,
            size: r.verified.checkpoint.size,
            cosigners: r.verified.cosigners,
          }
        : { valid: false, issue: r.issue };
      ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
      return r.valid ? 0 : 1;
    }
    if (!r.valid) {
      ctx.stderr.write(
        `gds: ${say(locale, '回执无效', 'invalid receipt')}: ${messageIn(locale, r.issue)} [${r.issue.code}]\n`,
      );
      return 1;
    }
    const cp = r.verified.checkpoint;
    ctx.stdout.write(
      `OK: entry ${r.index} (${hex(r.entry)}) is in ${cp.origin} at size ${cp.size}; cosigned by ${r.verified.cosigners.join(', ') || 'no witness'}\n`,
    );
    return 0;
  },
});

const protectKey = defineCommand({
  name: 'log protect-key',
  summary: {
    zh: '用口令加密早期版本未加密保存的日志签名密钥',
    en: "encrypt a log's signer key that an earlier version stored in clear",
  },
  synopsis: '[options]',
  description: {
    zh: '原文件被加密文件原子替换，目录设为 0700。',
    en: 'The file is replaced atomically by the encrypted one; the folder is set to 0700.',
  },
  options: { ...dirOption, ...passOption },
  async run(ctx, { values, locale }) {
    const p = paths(ctx, values.dir);
    if (!existsSync(p.key))
      throw new UsageError(`${p.base} 下没有日志签名密钥`, `no log signer key in ${p.base}`);
    const pass = passphraseOf(ctx, values['passphrase-env']);
    if (!pass.value) throw needPassphrase(pass.name);
    const key = await readNoteKeyFile(p.key, { passphrase: pass.value });
    if (key.encrypted) {
      ctx.stderr.write(`${p.key} ${say(locale, '已加密', 'is already encrypted')}\n`);
      return 0;
    }
    const n = scryptN(ctx);
    await writeNoteKeyFile(p.key, key.signerKey, { passphrase: pass.value, ...(n ? { scryptN: n } : {}) });
    await chmod(p.base, 0o700);
    if (existsSync(p.db)) await chmod(p.db, 0o600);
    ctx.stderr.write(
      locale === 'en'
        ? `${p.key} encrypted under ${pass.name}\n`
        : `${p.key} 已用 ${pass.name} 加密（encrypted under ${pass.name}）\n`,
    );
    return 0;
  },
});

export const logCommands: Command[] = [init, append, checkpoint, prove, verify, verifyReceiptCmd, protectKey];

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
import { type Command, type CommandContext, defineCommand, UsageError } from '../_internal/command.js';
import { readText, verifierKey } from './note.js';

const dirOption = {
  dir: {
    type: 'string',
    value: '<dir>',
    help: { zh: '日志目录，默认 ./.gds', en: 'log folder, default ./.gds' },
  },
} as const;
const passOption = {
  'passphrase-env': {
    type: 'string',
    value: '<VAR>',
    help: {
      zh: '存放签名密钥口令的环境变量，默认 GDS_PASSPHRASE',
      en: 'environment variable holding the signer key passphrase, default GDS_PASSPHRASE',
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
 * The signer of the log in \`base\` (its \`log.key\`, encrypted under GDS_PASSPHRASE). A key file of an
 * earlier version (the bare key, in clear) still opens, with a warning on stderr saying how to encrypt it.
 */
export async function loadLogSigner(ctx: CommandContext, base: string, passphraseEnv?: string) {
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
    ctx.stderr.write(
      `gds: 警告：日志签名密钥 ${keyPath} 未加密保存（早期版本写入）；请设置 ${pass.name} 后运行 gds log protect-key --dir ${base} 加密它` +
        `（warning: the log's signer key ${keyPath} is stored unencrypted, written by an earlier version; set ${pass.name} and run gds log protect-key --dir ${base} to encrypt it）\n`,
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
) {
  const p = paths(ctx, dir);
  if (!existsSync(p.config))
    throw new UsageError(
      `${p.base} 下没有日志，请先运行 gds log init`,
      `no log in ${p.base}; run gds log init first`,
    );
  const config = JSON.parse(await readFile(p.config, 'utf8')) as LogConfig;
  const signer = withSigner ? await loadLogSigner(ctx, p.base, passphraseEnv) : undefined;
  const log = await Log.open(createSqliteStore({ path: p.db }), {
    origin: config.origin,
    ...(signer ? { signer } : {}),
  });
  return { log, config, paths: p };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const init = defineCommand({
  name: 'log init',
  summary: { zh: '创建可验证日志（SQLite，位于 ./.gds）', en: 'Create a verifiable log (SQLite, in ./.gds)' },
  synopsis: '--origin <name> [options]',
  description: {
    zh: '签名密钥用口令（GDS_PASSPHRASE）加密保存在 <dir>/log.key，方案与密钥环相同（scrypt + XChaCha20-Poly1305）；目录 0700，密钥和数据库文件 0600。',
    en: "The signer key is stored in <dir>/log.key encrypted under the passphrase (GDS_PASSPHRASE) with the keyring's scheme (scrypt + XChaCha20-Poly1305); the folder is 0700, the key and the database files 0600.",
  },
  options: {
    origin: {
      type: 'string',
      value: '<name>',
      help: {
        zh: '日志来源名称（检查点的 origin）',
        en: 'checkpoint origin, e.g. county.example/population-log',
      },
    },
    'key-file': {
      type: 'string',
      value: '<file>',
      help: { zh: '使用已有签名密钥；默认生成一把', en: 'use an existing signer key; default: generate one' },
    },
    ...dirOption,
    ...passOption,
  },
  examples: ['GDS_PASSPHRASE=… gds log init --origin county.example/population-log'],
  async run(ctx, { values }) {
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
      if (mode & 0o077)
        ctx.stderr.write(
          `gds: 警告：${p.base} 其他用户可访问（权限 ${mode.toString(8)}）；建议 chmod 700 ${p.base}` +
            `（warning: ${p.base} is accessible to other users, mode ${mode.toString(8)}; consider chmod 700 ${p.base}）\n`,
        );
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
      `log ${origin} created in ${p.base}; signer key in ${p.key}, encrypted under ${pass.name}\n`,
    );
    return 0;
  },
});

const append = defineCommand({
  name: 'log append',
  summary: { zh: '追加条目（一批一个检查点）', en: 'Append entries (one checkpoint per batch)' },
  synopsis: '<file|-> [...] [options]',
  description: {
    zh: '输出每个条目的序号和哈希。record：每个文件是一条 JSON 记录或信封，条目 = SHA-256(RFC 8785 规范化 JSON)；ndjson：每行一条记录；bytes：条目 = SHA-256(文件字节)；hash：每行一个 64 位十六进制哈希。',
    en: 'Prints the index and hash of each entry. record: each file is one JSON record or envelope, entry = SHA-256(RFC 8785 JSON); ndjson: one record per line; bytes: entry = SHA-256(file bytes); hash: one hex SHA-256 per line.',
  },
  options: {
    as: {
      type: 'string',
      choices: ['record', 'ndjson', 'bytes', 'hash'],
      default: 'record',
      help: { zh: '输入的形式', en: 'what the input is' },
    },
    ...dirOption,
    ...passOption,
  },
  positionals: Number.POSITIVE_INFINITY,
  async run(ctx, { values, positionals }) {
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
    const { log } = await openLog(ctx, values.dir, true, values['passphrase-env']);
    try {
      const r = await log.appendBatch(entries);
      entries.forEach((e, i) => {
        ctx.stdout.write(`${r.start + i}\t${hex(e)}\n`);
      });
      ctx.stderr.write(`appended ${entries.length}; size ${r.size}; checkpoint signed\n`);
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
    en: 'Print the latest checkpoint, optionally cosigned by witnesses',
  },
  synopsis: '[--witness <url>...] [options]',
  options: {
    witness: {
      type: 'string',
      multiple: true,
      value: '<url>',
      help: {
        zh: '见证人提交前缀（tlog-witness），可重复：POST <url>/add-checkpoint',
        en: 'witness submission prefix (tlog-witness), repeatable: POST <url>/add-checkpoint',
      },
    },
    ...dirOption,
    ...passOption,
  },
  exits: {
    0: { zh: '每个见证人都副署了', en: 'every witness cosigned' },
    1: { zh: '有见证人拒绝', en: 'a witness refused' },
  },
  async run(ctx, { values }) {
    const { log, paths: p } = await openLog(ctx, values.dir, true, values['passphrase-env']);
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
            `gds: 见证人 ${url} 拒绝（witness refused）: HTTP ${res?.status} ${res ? (await res.text()).trim() : ''}\n`,
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
  summary: { zh: '为条目生成可离线验证的回执', en: 'Write an offline-verifiable receipt for an entry' },
  synopsis: '<index> [options]',
  description: {
    zh: '回执包含条目、包含证明和（副署的）最新检查点。',
    en: 'The receipt holds the entry, its inclusion proof and the latest (cosigned) checkpoint.',
  },
  options: {
    out: {
      type: 'string',
      value: '<receipt.json>',
      help: { zh: '写入文件，默认标准输出', en: 'write to a file, default stdout' },
    },
    ...dirOption,
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

const ROLLBACK_NOTE = {
  zh: '本地校验无法发现回滚到更早的签名检查点，只有记得更新检查点的见证人能发现（gds log checkpoint --witness）',
  en: 'a rollback to an earlier signed checkpoint cannot be detected here; only witnesses that cosigned a later checkpoint can (gds log checkpoint --witness)',
};

const verify = defineCommand({
  name: 'log verify',
  summary: {
    zh: '从头重算整个日志并核对其签名检查点',
    en: 'Recompute the whole log and check its signed checkpoint',
  },
  synopsis: '[options]',
  description: {
    zh: '失败的情形各有代码：GDS_LEDGER_LOG_EMPTY（数据库为空）、GDS_LEDGER_NO_CHECKPOINT（没有签名检查点）、GDS_LEDGER_UNCHECKPOINTED_ENTRIES（检查点之后还有条目）、GDS_LEDGER_LOG_TRUNCATED、GDS_LEDGER_ORIGIN_MISMATCH（另一个日志的数据库）、GDS_LEDGER_NOTE_UNVERIFIED（不是用日志密钥写的）、GDS_LEDGER_ROOT_MISMATCH、GDS_LEDGER_TREE_MISMATCH。回滚到更早的签名检查点只有见证人能发现。',
    en: "Each failure has its code: GDS_LEDGER_LOG_EMPTY (empty database), GDS_LEDGER_NO_CHECKPOINT (no signed checkpoint), GDS_LEDGER_UNCHECKPOINTED_ENTRIES (entries beyond the checkpoint), GDS_LEDGER_LOG_TRUNCATED, GDS_LEDGER_ORIGIN_MISMATCH (another log's database), GDS_LEDGER_NOTE_UNVERIFIED (not written with the log's key), GDS_LEDGER_ROOT_MISMATCH, GDS_LEDGER_TREE_MISMATCH. A rollback to an earlier signed checkpoint is detectable only by witnesses.",
  },
  options: {
    'log-key': {
      type: 'string',
      value: '<vkey>',
      help: {
        zh: '日志验证密钥；默认取 <dir>/log.json 中的',
        en: "the log's verifier key; default the one in <dir>/log.json",
      },
    },
    ...dirOption,
  },
  exits: {
    0: { zh: '日志与其签名检查点一致', en: 'the log matches its signed checkpoint' },
    1: { zh: '发现问题（各有代码）', en: 'problems found, each with its code' },
  },
  async run(ctx, { values, locale }) {
    const { log, config } = await openLog(ctx, values.dir, false);
    try {
      const verifier = verifierKey(values['log-key'] ?? config.verifierKey);
      const r = await verifyLog(log, { verifier, origin: config.origin });
      const en = locale === 'en';
      if (!r.valid)
        for (const i of r.issues) ctx.stderr.write(`gds: ${en ? i.messageEn : i.message} [${i.code}]\n`);
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
      lines.push(
        `note: ${en ? ROLLBACK_NOTE.en : `${ROLLBACK_NOTE.zh}（${ROLLBACK_NOTE.en}）`}`,
        r.valid ? 'OK' : 'INVALID',
      );
      ctx.stdout.write(`${lines.join('\n')}\n`);
      return r.valid ? 0 : 1;
    } finally {
      await log.close();
    }
  },
});

const verifyReceiptCmd = defineCommand({
  name: 'log verify-receipt',
  summary: { zh: '离线验证回执（只需公钥）', en: 'Verify a receipt offline (public keys only)' },
  synopsis: '<receipt.json|-> (--policy <file> | --log-key <vkey>) [options]',
  options: {
    policy: {
      type: 'string',
      value: '<file>',
      help: {
        zh: 'C2SP tlog-policy 文件：日志、见证人与法定人数',
        en: 'C2SP tlog-policy file: logs, witnesses and quorum',
      },
    },
    'log-key': {
      type: 'string',
      value: '<vkey>',
      help: { zh: '只信任日志签名，不要求副署', en: 'trust the log signature only, quorum none' },
    },
    record: {
      type: 'string',
      value: '<file.json>',
      help: { zh: '回执必须针对这条 JSON 记录', en: 'the receipt must be about this JSON record' },
    },
  },
  positionals: 1,
  exits: {
    0: { zh: '回执有效', en: 'the receipt is valid' },
    1: { zh: '回执无效', en: 'the receipt is invalid' },
  },
  async run(ctx, { values, positionals }) {
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
    if (!r.valid) {
      ctx.stderr.write(`gds: 回执无效（invalid receipt）: ${r.issue.message} [${r.issue.code}]\n`);
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
    en: "Encrypt a log's signer key that an earlier version stored in clear",
  },
  synopsis: '[options]',
  description: {
    zh: '原文件被加密文件原子替换；目录设为 0700，数据库文件 0600。',
    en: 'The file is replaced atomically by the encrypted one; the folder is set to 0700, the database to 0600.',
  },
  options: { ...dirOption, ...passOption },
  async run(ctx, { values }) {
    const p = paths(ctx, values.dir);
    if (!existsSync(p.key))
      throw new UsageError(`${p.base} 下没有日志签名密钥`, `no log signer key in ${p.base}`);
    const pass = passphraseOf(ctx, values['passphrase-env']);
    if (!pass.value) throw needPassphrase(pass.name);
    const key = await readNoteKeyFile(p.key, { passphrase: pass.value });
    if (key.encrypted) {
      ctx.stderr.write(`${p.key} 已加密（is already encrypted）\n`);
      return 0;
    }
    const n = scryptN(ctx);
    await writeNoteKeyFile(p.key, key.signerKey, { passphrase: pass.value, ...(n ? { scryptN: n } : {}) });
    await chmod(p.base, 0o700);
    if (existsSync(p.db)) await chmod(p.db, 0o600);
    ctx.stderr.write(`${p.key} 已用 ${pass.name} 加密（encrypted under ${pass.name}）\n`);
    return 0;
  },
});

export const logCommands: Command[] = [init, append, checkpoint, prove, verify, verifyReceiptCmd, protectKey];

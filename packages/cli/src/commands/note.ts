import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  generateNoteKey,
  noteSignerFromKey,
  noteVerifierFromKey,
  openNote,
  parseNote,
  signNote,
} from '@gds/ledger';
import { type LegacyCommand as Command, type CommandContext, UsageError } from '../_internal/command.js';

/** node:util parseArgs with its errors turned into usage errors (exit 2). */
export function parseLedgerArgs<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new UsageError('参数错误', (error as Error).message, { cause: error });
  }
}

/** Reads a file relative to the working directory, or stdin for `-`. */
export async function readText(
  ctx: CommandContext,
  file: string | undefined,
  what = 'input',
): Promise<string> {
  if (file === undefined)
    throw new UsageError(`缺少${what === 'input' ? '输入文件' : what}`, `missing ${what}`);
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

/** Writes a secret (a signer key) readable by its owner only. */
export async function writeSecret(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
}

/** A signer key string from --key-file (or the env variable named by --key-env). */
export async function signerKeyFrom(
  ctx: CommandContext,
  values: { 'key-file'?: string; 'key-env'?: string },
): Promise<string> {
  if (values['key-env']) {
    // Own entries only: `--key-env toString` names an unset variable, not Object.prototype's member.
    const v = Object.hasOwn(ctx.env, values['key-env']) ? ctx.env[values['key-env']] : undefined;
    if (!v)
      throw new UsageError(
        `环境变量 ${values['key-env']} 未设置`,
        `environment variable ${values['key-env']} is not set`,
      );
    return v.trim();
  }
  if (!values['key-file'])
    throw new UsageError('缺少 --key-file（签名密钥文件）', 'missing --key-file (signer key file)');
  return (await readText(ctx, values['key-file'], '--key-file')).trim();
}

export function verifierKey(vkey: string) {
  try {
    return noteVerifierFromKey(vkey.trim());
  } catch (cause) {
    throw new UsageError(`验证密钥无效：${vkey}`, `invalid verifier key ${vkey}`, { cause });
  }
}

const keygen: Command = {
  name: 'note keygen',
  summary: {
    zh: '生成签名笔记密钥对（Go sumdb/note 格式）',
    en: 'Generate a signed-note key pair (Go sumdb/note format)',
  },
  usage: `gds note keygen <name> --out <signer-key-file>
  <name>              密钥名称（key name）, e.g. county.example/log
  --out <file>        签名密钥写入此文件，仅本人可读（signer key file, mode 600）; the verifier key is printed`,
  async run(ctx) {
    const { values, positionals } = parseLedgerArgs(() =>
      parseArgs({ args: ctx.argv, options: { out: { type: 'string' } }, allowPositionals: true }),
    );
    const name = positionals[0];
    if (!name) throw new UsageError('缺少密钥名称', 'missing the key name');
    if (!values.out) throw new UsageError('缺少 --out', 'missing --out');
    const keys = await generateNoteKey(name);
    await writeSecret(resolve(ctx.cwd, values.out), `${keys.signerKey}\n`);
    ctx.stdout.write(`${keys.verifierKey}\n`);
    return 0;
  },
};

const sign: Command = {
  name: 'note sign',
  summary: { zh: '用签名密钥签署笔记（C2SP signed-note）', en: 'Sign a note (C2SP signed-note)' },
  usage: `gds note sign <file|-> --key-file <file>
  --key-file <file>   签名密钥文件（PRIVATE+KEY+...）
  --key-env <VAR>     或从环境变量读取签名密钥（or read the signer key from an environment variable）
  已有签名会保留（existing signatures are kept）`,
  async run(ctx) {
    const { values, positionals } = parseLedgerArgs(() =>
      parseArgs({
        args: ctx.argv,
        options: { 'key-file': { type: 'string' }, 'key-env': { type: 'string' } },
        allowPositionals: true,
      }),
    );
    const input = await readText(ctx, positionals[0]);
    const signer = await noteSignerFromKey(await signerKeyFrom(ctx, values));
    const existing = parseNote(input);
    const text = existing ? existing.text : input.endsWith('\n') ? input : `${input}\n`;
    ctx.stdout.write(await signNote(text, [signer], existing?.signatures ?? []));
    return 0;
  },
};

const verify: Command = {
  name: 'note verify',
  summary: { zh: '验证签名笔记', en: 'Verify a signed note' },
  usage: `gds note verify <file|-> --key <vkey> [--key <vkey>...]
  --key <vkey>        受信验证密钥（trusted verifier key, name+hash+base64）, repeatable
  退出码 0 有效，1 无效（exit 0 valid, 1 invalid）; prints the note text when valid`,
  async run(ctx) {
    const { values, positionals } = parseLedgerArgs(() =>
      parseArgs({
        args: ctx.argv,
        options: { key: { type: 'string', multiple: true } },
        allowPositionals: true,
      }),
    );
    if (!values.key?.length) throw new UsageError('至少需要一个 --key', 'at least one --key is required');
    const input = await readText(ctx, positionals[0]);
    const r = await openNote(input, values.key.map(verifierKey));
    if (!r.valid) {
      ctx.stderr.write(`gds: 笔记无效（invalid note）: ${r.issue.message} [${r.issue.code}]\n`);
      return 1;
    }
    ctx.stderr.write(`verified: ${r.note.verified.map((s) => s.name).join(', ')}\n`);
    ctx.stdout.write(r.note.text);
    return 0;
  },
};

export const noteCommands: Command[] = [keygen, sign, verify];

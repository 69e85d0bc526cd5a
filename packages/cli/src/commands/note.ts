import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  generateNoteKey,
  noteSignerFromKey,
  noteVerifierFromKey,
  openNote,
  parseNote,
  signNote,
} from '@gds/ledger';
import {
  type Command,
  type CommandContext,
  defineCommand,
  messageIn,
  type OptionSpec,
  say,
  UsageError,
} from '../_internal/command.js';

/** Where a signer key comes from: a file, or an environment variable. */
export const signerKeyOptions = {
  'key-file': {
    type: 'string',
    value: '<file>',
    help: { zh: '签名密钥文件（PRIVATE+KEY+…）', en: 'the signer key file (PRIVATE+KEY+…)' },
  },
  'key-env': {
    type: 'string',
    value: '<VAR>',
    help: { zh: '或从环境变量读取签名密钥', en: 'or read the signer key from this environment variable' },
  },
} as const satisfies Record<string, OptionSpec>;

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

const keygen = defineCommand({
  name: 'note keygen',
  summary: {
    zh: '生成签名笔记密钥对（Go sumdb/note 格式）',
    en: 'generate a signed-note key pair (Go sumdb/note format)',
  },
  synopsis: '<name> --out <signer-key-file> [options]',
  description: {
    zh: '<name> 为密钥名称，如 county.example/log；验证密钥输出到标准输出。',
    en: '<name> is the key name, e.g. county.example/log; the verifier key is printed.',
  },
  options: {
    out: {
      type: 'string',
      value: '<file>',
      help: {
        zh: '签名密钥写入此文件，仅本人可读（600）',
        en: 'the signer key file, readable by its owner only (mode 600)',
      },
    },
  },
  positionals: 1,
  async run(ctx, { values, positionals }) {
    const name = positionals[0];
    if (!name) throw new UsageError('缺少密钥名称', 'missing the key name');
    if (!values.out) throw new UsageError('缺少 --out', 'missing --out');
    const keys = await generateNoteKey(name);
    await writeSecret(resolve(ctx.cwd, values.out), `${keys.signerKey}\n`);
    ctx.stdout.write(`${keys.verifierKey}\n`);
    return 0;
  },
});

const sign = defineCommand({
  name: 'note sign',
  summary: { zh: '用签名密钥签署笔记（C2SP signed-note）', en: 'sign a note (C2SP signed-note)' },
  synopsis: '<file|-> --key-file <file> [options]',
  description: { zh: '已有签名会保留。', en: 'Existing signatures are kept.' },
  options: signerKeyOptions,
  positionals: 1,
  async run(ctx, { values, positionals }) {
    const input = await readText(ctx, positionals[0]);
    const signer = await noteSignerFromKey(await signerKeyFrom(ctx, values));
    const existing = parseNote(input);
    const text = existing ? existing.text : input.endsWith('\n') ? input : `${input}\n`;
    ctx.stdout.write(await signNote(text, [signer], existing?.signatures ?? []));
    return 0;
  },
});

const verify = defineCommand({
  name: 'note verify',
  summary: { zh: '验证签名笔记', en: 'verify a signed note' },
  synopsis: '<file|-> --key <vkey> [--key <vkey>...] [options]',
  description: { zh: '有效时输出笔记正文。', en: 'Prints the note text when valid.' },
  options: {
    key: {
      type: 'string',
      multiple: true,
      value: '<vkey>',
      help: { zh: '受信验证密钥（name+hash+base64）', en: 'a trusted verifier key (name+hash+base64)' },
    },
  },
  positionals: 1,
  exits: { 0: { zh: '有效', en: 'valid' }, 1: { zh: '无效', en: 'invalid' } },
  async run(ctx, { values, positionals, locale }) {
    if (!values.key?.length) throw new UsageError('至少需要一个 --key', 'at least one --key is required');
    const input = await readText(ctx, positionals[0]);
    const r = await openNote(input, values.key.map(verifierKey));
    if (!r.valid) {
      ctx.stderr.write(
        `gds: ${say(locale, '笔记无效', 'invalid note')}: ${messageIn(locale, r.issue)} [${r.issue.code}]\n`,
      );
      return 1;
    }
    ctx.stderr.write(`verified: ${r.note.verified.map((s) => s.name).join(', ')}\n`);
    ctx.stdout.write(r.note.text);
    return 0;
  },
});

export const noteCommands: Command[] = [keygen, sign, verify];

import { GdsCryptoError, type JsonValue, parseJson, signEnvelope, verifyEnvelope } from '@gds/crypto';
import type { Locale } from '@gds/schema';
import {
  type Command,
  type CommandContext,
  defineCommand,
  type OptionSpec,
  say,
  UsageError,
} from '../_internal/command.js';
import { allSuites, keyringOptions, openKeyring, readInput } from './keys.js';

/** The options of the commands that make an envelope (sign, seal). */
export const envelopeOptions = {
  ...keyringOptions,
  kid: {
    type: 'string',
    value: '<kid>',
    help: {
      zh: '签名密钥；默认最新的有效签名密钥（有 --issuer 时为该部门的）',
      en: 'the signing key; default the newest active one (of --issuer if given)',
    },
  },
  issuer: { type: 'string', value: '<dept>', help: { zh: '签发部门', en: 'the issuing department' } },
  aud: {
    type: 'string',
    multiple: true,
    value: '<dept>',
    help: { zh: '接收部门', en: 'an audience department' },
  },
  'expires-in': {
    type: 'string',
    value: '<seconds>',
    help: { zh: '有效期（秒）', en: 'validity in seconds' },
  },
  standard: {
    type: 'string',
    value: '<id@version>',
    help: { zh: '载荷所属标准，如 person@1.0.0', en: 'the standard of the payload, e.g. person@1.0.0' },
  },
} as const satisfies Record<string, OptionSpec>;

/** The options of the commands that check an envelope (verify, open). */
export const checkOptions = {
  ...keyringOptions,
  audience: {
    type: 'string',
    value: '<dept>',
    help: { zh: '本部门（须在接收方中）', en: 'this department (must be an audience)' },
  },
  issuer: {
    type: 'string',
    value: '<dept>',
    help: { zh: '须由此部门签发', en: 'the envelope must be issued by this department' },
  },
  require: {
    type: 'string',
    multiple: true,
    value: '<dept>',
    help: { zh: '须有此部门的签名', en: 'a department whose signature is required' },
  },
  suite: {
    type: 'string',
    multiple: true,
    choices: ['sodium', 'sm'],
    help: {
      zh: '接受的算法套件（验证方的允许列表）；默认 sodium',
      en: "accepted suites (the verifier's allow-list); default sodium",
    },
  },
} as const satisfies Record<string, OptionSpec>;

export function headerOptions(values: {
  aud?: string[];
  'expires-in'?: string;
  standard?: string;
  issuer?: string;
}): { aud?: string[]; expiresIn?: number; std?: { id: string; version: string }; iss?: string } {
  const out: { aud?: string[]; expiresIn?: number; std?: { id: string; version: string }; iss?: string } = {};
  if (values.aud?.length) out.aud = values.aud;
  if (values['expires-in'] !== undefined) {
    const n = Number(values['expires-in']);
    if (!Number.isInteger(n) || n <= 0)
      throw new UsageError(
        '--expires-in 必须是正整数秒',
        '--expires-in must be a positive number of seconds',
      );
    out.expiresIn = n;
  }
  if (values.standard !== undefined) {
    const m = /^([^@]+)@(.+)$/.exec(values.standard);
    if (!m) throw new UsageError('--standard 的格式是 id@version', '--standard must be id@version');
    out.std = { id: m[1]!, version: m[2]! };
  }
  if (values.issuer !== undefined) out.iss = values.issuer;
  return out;
}

export function readPayload(text: string, file: string): JsonValue {
  try {
    return parseJson(text) as JsonValue;
  } catch (cause) {
    throw new UsageError(
      `${file} 不是有效的 JSON：${(cause as Error).message}`,
      `${file} is not valid JSON`,
      { cause },
    );
  }
}

/** Verification failures are "the data had problems" (exit 1), with the typed reason on stderr. */
export function verificationFailed(ctx: CommandContext, e: unknown, locale: Locale): number {
  if (e instanceof GdsCryptoError) {
    ctx.stderr.write(
      `gds: ${say(locale, '验证失败', 'verification failed')}: ${locale === 'en' ? e.messageEn : e.message} [${e.code}]\n`,
    );
    return 1;
  }
  throw e;
}

const sign = defineCommand({
  name: 'sign',
  summary: { zh: '把 JSON 记录签名为信封', en: 'sign a JSON record into an envelope' },
  synopsis: '<file|-> [options]',
  options: envelopeOptions,
  positionals: 1,
  async run(ctx, { values, positionals }) {
    const payload = readPayload(await readInput(ctx, positionals[0]), positionals[0]!);
    const ring = await openKeyring(ctx, values, true);
    const kid = values.kid ?? ring.activeKey({ use: 'sign', issuer: values.issuer }).kid;
    const env = await signEnvelope(payload, { signer: ring.signer(kid), ...headerOptions(values) });
    ctx.stdout.write(`${JSON.stringify(env)}\n`);
    return 0;
  },
});

const verify = defineCommand({
  name: 'verify',
  summary: { zh: '验证签名信封，输出载荷', en: 'verify a signed envelope and print its payload' },
  synopsis: '<file|-> [options]',
  options: checkOptions,
  positionals: 1,
  exits: {
    0: { zh: '有效，载荷已输出', en: 'valid; the payload is printed' },
    1: { zh: '验证失败', en: 'the verification failed' },
  },
  async run(ctx, { values, positionals, locale }) {
    const text = await readInput(ctx, positionals[0]);
    const ring = await openKeyring(ctx, values, false);
    const suites = await chooseSuites(values.suite);
    try {
      const v = await verifyEnvelope(text.trim(), {
        keys: ring,
        suites,
        audience: values.audience,
        issuer: values.issuer,
        requiredIssuers: values.require,
      });
      for (const p of v.proofs) ctx.stderr.write(`gds: ✓ ${p.iss} ${p.kid} ${p.created}\n`);
      ctx.stdout.write(`${JSON.stringify(v.payload)}\n`);
      return 0;
    } catch (e) {
      return verificationFailed(ctx, e, locale);
    }
  },
});

export async function chooseSuites(names: string[] | undefined) {
  const all = await allSuites();
  const wanted = names?.length ? names : ['sodium'];
  for (const n of wanted) {
    if (!all.some((s) => s.id === n)) throw new UsageError(`未知的算法套件 ${n}`, `unknown suite ${n}`);
  }
  return all.filter((s) => wanted.includes(s.id));
}

/** `gds sign` and `gds verify`. */
export const signCommands: Command[] = [sign, verify];

import { parseArgs } from 'node:util';
import { GdsCryptoError, type JsonValue, parseJson, signEnvelope, verifyEnvelope } from '@gds/crypto';
import { type LegacyCommand as Command, type CommandContext, UsageError } from '../_internal/command.js';
import { allSuites, KEYRING_HELP, keyringOptions, openKeyring, parse, readInput } from './keys.js';

export const ENVELOPE_OPTIONS_HELP = `  --kid <kid>            签名密钥（signing key）, default the newest active one (of --issuer if given)
  --issuer <dept>        签发部门（issuing department）
  --aud <dept>           接收部门，可重复（audience, repeatable）
  --expires-in <seconds> 有效期（validity）
  --standard <id@ver>    载荷所属标准（standard of the payload）, e.g. person@1.0.0`;

export const envelopeOptions = {
  ...keyringOptions,
  kid: { type: 'string' },
  issuer: { type: 'string' },
  aud: { type: 'string', multiple: true },
  'expires-in': { type: 'string' },
  standard: { type: 'string' },
} as const;

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
export function verificationFailed(ctx: CommandContext, e: unknown): number {
  if (e instanceof GdsCryptoError) {
    ctx.stderr.write(`gds: 验证失败（verification failed）: ${e.message} [${e.code}]\n`);
    return 1;
  }
  throw e;
}

const sign: Command = {
  name: 'sign',
  summary: { zh: '把 JSON 记录签名为信封', en: 'Sign a JSON record into an envelope' },
  usage: `gds sign <file|-> [options]
${ENVELOPE_OPTIONS_HELP}
${KEYRING_HELP}`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({ args: ctx.argv, options: envelopeOptions, allowPositionals: true }),
    );
    const payload = readPayload(await readInput(ctx, positionals[0]), positionals[0]!);
    const ring = await openKeyring(ctx, values, true);
    const kid = values.kid ?? ring.activeKey({ use: 'sign', issuer: values.issuer }).kid;
    const env = await signEnvelope(payload, { signer: ring.signer(kid), ...headerOptions(values) });
    ctx.stdout.write(`${JSON.stringify(env)}\n`);
    return 0;
  },
};

const verify: Command = {
  name: 'verify',
  summary: { zh: '验证签名信封，输出载荷', en: 'Verify a signed envelope and print its payload' },
  usage: `gds verify <file|-> [--audience <dept>] [--issuer <dept>] [--require <dept>]... [--suite sodium|sm]...
  --suite   接受的算法套件（accepted suites; the verifier's allow-list）, default sodium
${KEYRING_HELP}`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: {
          ...keyringOptions,
          audience: { type: 'string' },
          issuer: { type: 'string' },
          require: { type: 'string', multiple: true },
          suite: { type: 'string', multiple: true },
        },
        allowPositionals: true,
      }),
    );
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
      return verificationFailed(ctx, e);
    }
  },
};

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

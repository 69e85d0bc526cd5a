import { type KeyInfo, openEnvelope, sealEnvelope } from '@gds/crypto';
import { type Command, defineCommand, UsageError } from '../_internal/command.js';
import { allSuites, openKeyring, readInput } from './keys.js';
import {
  checkOptions,
  chooseSuites,
  envelopeOptions,
  headerOptions,
  readPayload,
  verificationFailed,
} from './sign.js';

const seal = defineCommand({
  name: 'seal',
  summary: { zh: '为收件部门加密并签名 JSON 记录', en: 'encrypt a JSON record for recipients and sign it' },
  synopsis: '<file|-> --to <kid|dept> [--to ...] [options]',
  options: {
    ...envelopeOptions,
    to: {
      type: 'string',
      multiple: true,
      value: '<kid|dept>',
      help: {
        zh: '收件人的加密密钥标识，或部门（其最新的加密密钥）',
        en: "a recipient's encryption key id, or a department (its newest encryption key)",
      },
    },
  },
  positionals: 1,
  async run(ctx, { values, positionals }) {
    if (!values.to?.length) throw new UsageError('缺少 --to', 'missing --to');
    const payload = readPayload(await readInput(ctx, positionals[0]), positionals[0]!);
    const ring = await openKeyring(ctx, values, true);
    const kid = values.kid ?? ring.activeKey({ use: 'sign', issuer: values.issuer }).kid;
    const signer = ring.signer(kid);
    const to: KeyInfo[] = values.to.map((t) => {
      const k = ring.get(t) ?? ring.list({ use: 'encrypt', issuer: t, status: 'active' }).pop();
      if (k?.use !== 'encrypt') {
        throw new UsageError(
          `找不到收件人 ${t} 的加密密钥（先 gds keys import）`,
          `no encryption key for recipient ${t} (gds keys import it first)`,
        );
      }
      return k;
    });
    const suite = (await allSuites()).find((s) => s.id === to[0]!.suite)!;
    const env = await sealEnvelope(payload, { signer, to, suite, ...headerOptions(values) });
    ctx.stdout.write(`${JSON.stringify(env)}\n`);
    return 0;
  },
});

const open = defineCommand({
  name: 'open',
  summary: {
    zh: '验证并解密密封信封，输出载荷',
    en: 'verify and decrypt a sealed envelope and print its payload',
  },
  synopsis: '<file|-> [options]',
  options: checkOptions,
  positionals: 1,
  exits: {
    0: { zh: '有效，载荷已输出', en: 'valid; the payload is printed' },
    1: { zh: '验证或解密失败', en: 'the verification or the decryption failed' },
  },
  async run(ctx, { values, positionals, locale }) {
    const text = await readInput(ctx, positionals[0]);
    const ring = await openKeyring(ctx, values, true);
    try {
      const v = await openEnvelope(text.trim(), {
        keys: ring,
        decryptWith: ring,
        suites: await chooseSuites(values.suite),
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

/** `gds seal --to` and `gds open`. */
export const sealCommands: Command[] = [seal, open];

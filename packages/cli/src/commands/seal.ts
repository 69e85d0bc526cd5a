import { parseArgs } from 'node:util';
import { type KeyInfo, openEnvelope, sealEnvelope } from '@gds/crypto';
import { type LegacyCommand as Command, UsageError } from '../_internal/command.js';
import { allSuites, KEYRING_HELP, keyringOptions, openKeyring, parse, readInput } from './keys.js';
import {
  chooseSuites,
  ENVELOPE_OPTIONS_HELP,
  envelopeOptions,
  headerOptions,
  readPayload,
  verificationFailed,
} from './sign.js';

const seal: Command = {
  name: 'seal',
  summary: { zh: '为收件部门加密并签名 JSON 记录', en: 'Encrypt a JSON record for recipients and sign it' },
  usage: `gds seal <file|-> --to <kid|dept> [--to ...] [options]
  --to <kid|dept>   收件人的加密密钥标识，或部门（其最新的加密密钥）（recipient key id, or a department's newest encryption key）
${ENVELOPE_OPTIONS_HELP}
${KEYRING_HELP}`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: { ...envelopeOptions, to: { type: 'string', multiple: true } },
        allowPositionals: true,
      }),
    );
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
};

const open: Command = {
  name: 'open',
  summary: {
    zh: '验证并解密密封信封，输出载荷',
    en: 'Verify and decrypt a sealed envelope and print its payload',
  },
  usage: `gds open <file|-> [--audience <dept>] [--issuer <dept>] [--require <dept>]... [--suite sodium|sm]...
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
      return verificationFailed(ctx, e);
    }
  },
};

/** `gds seal --to` and `gds open`. */
export const sealCommands: Command[] = [seal, open];

import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { createCosigner, formatVerifierKey, NOTE_TYPE_COSIGNATURE, Witness } from '@gds/ledger';
import { createFileWitnessStateStore, createWitnessHandler } from '@gds/ledger/node';
import { type Command, type CommandContext, defineCommand, say, UsageError } from '../_internal/command.js';
import { readText, signerKeyFrom, signerKeyOptions, verifierKey } from './note.js';

const witnessOptions = {
  ...signerKeyOptions,
  log: {
    type: 'string',
    multiple: true,
    value: '<vkey>',
    help: {
      zh: '所见证日志的验证密钥，名称即来源',
      en: 'the verifier key of a witnessed log; its name is the origin',
    },
  },
  state: {
    type: 'string',
    value: '<file>',
    help: {
      zh: '见证人状态文件；默认 ./.gds/witness-state.json',
      en: 'the witness state; default ./.gds/witness-state.json',
    },
  },
} as const;

async function makeWitness(
  ctx: CommandContext,
  values: { 'key-file'?: string; 'key-env'?: string; log?: string[]; state?: string },
): Promise<Witness> {
  if (!values.log?.length) throw new UsageError('至少需要一个 --log', 'at least one --log is required');
  const cosigner = await createCosigner(await signerKeyFrom(ctx, values));
  const state = createFileWitnessStateStore(
    resolve(ctx.cwd, values.state ?? join('.gds', 'witness-state.json')),
  );
  return new Witness({ cosigner, logs: values.log.map(verifierKey), state });
}

const serve = defineCommand({
  name: 'witness serve',
  summary: { zh: '运行 C2SP tlog-witness 见证服务', en: 'run a C2SP tlog-witness service' },
  synopsis: '--key-file <file> --log <vkey> [--port 7380] [--host 127.0.0.1] [options]',
  description: {
    zh: '接受 POST <host:port>/add-checkpoint；收到 SIGINT 或 SIGTERM 时停止。',
    en: 'Serves POST <host:port>/add-checkpoint; stops on SIGINT or SIGTERM.',
  },
  options: {
    ...witnessOptions,
    port: {
      type: 'string',
      value: '<n>',
      help: { zh: '端口；默认 7380，0 为任一空闲端口', en: 'the port; default 7380, 0 picks a free one' },
    },
    host: {
      type: 'string',
      value: '<addr>',
      help: { zh: '监听地址；默认 127.0.0.1', en: 'the listen address; default 127.0.0.1' },
    },
    'max-requests': {
      type: 'string',
      value: '<n>',
      help: {
        zh: '处理 n 个请求后退出（用于测试和一次性使用）',
        en: 'exit after n requests (for tests and one-shot use)',
      },
    },
  },
  async run(ctx, { values }) {
    const witness = await makeWitness(ctx, values);
    const port = Number(values.port ?? '7380');
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port 无效', 'invalid --port');
    const max =
      values['max-requests'] === undefined ? Number.POSITIVE_INFINITY : Number(values['max-requests']);
    if (!(max > 0))
      throw new UsageError('--max-requests 必须为正整数', '--max-requests must be a positive integer');
    const handler = createWitnessHandler(witness);
    let served = 0;
    const server = createServer((req, res) => {
      res.on('finish', () => {
        if (++served >= max) server.close();
      });
      handler(req, res);
    });
    const stop = () => server.close();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, values.host ?? '127.0.0.1', () => ok());
    });
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    const c = witness.cosigner;
    ctx.stdout.write(`${formatVerifierKey(c.name, c.publicKey, NOTE_TYPE_COSIGNATURE)}\n`);
    ctx.stderr.write(`witness listening on http://${values.host ?? '127.0.0.1'}:${bound}/add-checkpoint\n`);
    await new Promise<void>((ok) => server.once('close', () => ok()));
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    return 0;
  },
});

const cosign = defineCommand({
  name: 'witness cosign',
  summary: {
    zh: '离线副署检查点（与服务同样的检查）',
    en: 'cosign a checkpoint offline (same checks as the service)',
  },
  synopsis: '<request|-> --key-file <file> --log <vkey> [options]',
  description: {
    zh: '<request> 为 add-checkpoint 请求体（old 行、证明行、空行、检查点），或只是检查点（视为 old 0）。\n输出副署行；拒绝时退出码 1 并给出 HTTP 状态。',
    en: 'The request is an add-checkpoint body (old line, proof lines, blank line, checkpoint), or a bare\ncheckpoint, taken as old 0. Prints the cosignature lines; exit 1 with the status on refusal.',
  },
  options: witnessOptions,
  positionals: 1,
  exits: { 0: { zh: '已副署', en: 'cosigned' }, 1: { zh: '见证人拒绝', en: 'the witness refused' } },
  async run(ctx, { values, positionals, locale }) {
    const witness = await makeWitness(ctx, values);
    const input = await readText(ctx, positionals[0]);
    const body = input.startsWith('old ') ? input : `old 0\n\n${input}`;
    const r = await witness.handle(body);
    if (r.status !== 200) {
      ctx.stderr.write(
        `gds: ${say(locale, '见证人拒绝', 'witness refused')}: ${r.status} ${r.body.trim()}\n`,
      );
      return 1;
    }
    ctx.stdout.write(r.body);
    return 0;
  },
});

const vkey = defineCommand({
  name: 'witness vkey',
  summary: { zh: '输出见证人的副署验证密钥', en: "print the witness's cosignature verifier key" },
  synopsis: '--key-file <file> [options]',
  description: {
    zh: '输出类型 0x04 的验证密钥，用于 tlog-policy 的 witness 行。',
    en: 'Prints the type 0x04 verifier key, for the witness lines of a tlog-policy.',
  },
  options: signerKeyOptions,
  async run(ctx, { values }) {
    const c = await createCosigner(await signerKeyFrom(ctx, values));
    ctx.stdout.write(`${formatVerifierKey(c.name, c.publicKey, NOTE_TYPE_COSIGNATURE)}\n`);
    return 0;
  },
});

export const witnessCommands: Command[] = [serve, cosign, vkey];

import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCosigner, formatVerifierKey, NOTE_TYPE_COSIGNATURE, Witness } from '@gds/ledger';
import { createFileWitnessStateStore, createWitnessHandler } from '@gds/ledger/node';
import { type LegacyCommand as Command, type CommandContext, UsageError } from '../_internal/command.js';
import { parseLedgerArgs, readText, signerKeyFrom, verifierKey } from './note.js';

const witnessOptions = {
  'key-file': { type: 'string' },
  'key-env': { type: 'string' },
  log: { type: 'string', multiple: true },
  state: { type: 'string' },
} as const;

const WITNESS_HELP = `  --key-file <file>   见证人签名密钥（witness signer key, PRIVATE+KEY+...）; or --key-env <VAR>
  --log <vkey>        所见证日志的验证密钥，名称即来源（log verifier key; its name is the origin）, repeatable
  --state <file>      见证人状态文件（witness state）, default ./.gds/witness-state.json`;

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

const serve: Command = {
  name: 'witness serve',
  summary: { zh: '运行 C2SP tlog-witness 见证服务', en: 'Run a C2SP tlog-witness service' },
  usage: `gds witness serve --key-file <file> --log <vkey> [--port 7380] [--host 127.0.0.1]
${WITNESS_HELP}
  --port <n>          端口（port）, default 7380; 0 picks a free one
  --host <addr>       监听地址（listen address）, default 127.0.0.1
  --max-requests <n>  处理 n 个请求后退出（exit after n requests, for tests and one-shot use）
  POST <host:port>/add-checkpoint; stops on SIGINT or SIGTERM`,
  async run(ctx) {
    const { values } = parseLedgerArgs(() =>
      parseArgs({
        args: ctx.argv,
        options: {
          ...witnessOptions,
          port: { type: 'string' },
          host: { type: 'string' },
          'max-requests': { type: 'string' },
        },
      }),
    );
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
};

const cosign: Command = {
  name: 'witness cosign',
  summary: {
    zh: '离线副署检查点（与服务同样的检查）',
    en: 'Cosign a checkpoint offline (same checks as the service)',
  },
  usage: `gds witness cosign <request|-> --key-file <file> --log <vkey>
${WITNESS_HELP}
  <request> 为 add-checkpoint 请求体（old 行、证明行、空行、检查点），或只是检查点（视为 old 0）
  (an add-checkpoint body: old line, proof lines, blank line, checkpoint; or a bare checkpoint, taken as old 0)
  输出副署行；拒绝时退出码 1 并给出 HTTP 状态（prints cosignature lines; exit 1 with the status on refusal）`,
  async run(ctx) {
    const { values, positionals } = parseLedgerArgs(() =>
      parseArgs({ args: ctx.argv, options: witnessOptions, allowPositionals: true }),
    );
    const witness = await makeWitness(ctx, values);
    const input = await readText(ctx, positionals[0]);
    const body = input.startsWith('old ') ? input : `old 0\n\n${input}`;
    const r = await witness.handle(body);
    if (r.status !== 200) {
      ctx.stderr.write(`gds: 见证人拒绝（witness refused）: ${r.status} ${r.body.trim()}\n`);
      return 1;
    }
    ctx.stdout.write(r.body);
    return 0;
  },
};

const vkey: Command = {
  name: 'witness vkey',
  summary: { zh: '输出见证人的副署验证密钥', en: "Print the witness's cosignature verifier key" },
  usage: `gds witness vkey --key-file <file>
  输出类型 0x04 的验证密钥，用于 tlog-policy 的 witness 行（type 0x04 vkey for policy witness lines）`,
  async run(ctx) {
    const { values } = parseLedgerArgs(() =>
      parseArgs({
        args: ctx.argv,
        options: { 'key-file': { type: 'string' }, 'key-env': { type: 'string' } },
      }),
    );
    const c = await createCosigner(await signerKeyFrom(ctx, values));
    ctx.stdout.write(`${formatVerifierKey(c.name, c.publicKey, NOTE_TYPE_COSIGNATURE)}\n`);
    return 0;
  },
};

export const witnessCommands: Command[] = [serve, cosign, vkey];

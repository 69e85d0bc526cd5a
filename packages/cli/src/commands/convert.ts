import { createReadStream, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ConvertReport } from '@gds/convert';
import { convertStream, exportStream, loadMapping } from '@gds/convert/node';
import type { Locale } from '@gds/schema';
import {
  type LegacyCommand as Command,
  type CommandContext,
  parseLocale,
  UsageError,
} from '../_internal/command.js';

const convertUsage = `用法（usage）: gds convert <input|-> --mapping <id|path> [--out <file.ndjson>] [--rejects <file>]
                   [--report <file.json>] [--now YYYY-MM-DD] [--locale zh-CN|en] [--no-timing]

  按映射把部门旧格式文件转换为标准记录（NDJSON）。无 --out 时写标准输出；被拒绝的行按原格式写入 --rejects，
  报告写入 --report（否则在标准错误输出摘要）。
  Converts a legacy file to canonical records (NDJSON) with a mapping (an official id such as
  public-security/population, or a .mapping.json path). Without --out the records go to stdout; rejected rows
  are written in the source format to --rejects; the report goes to --report (a summary to stderr otherwise).
  --no-timing leaves wall-clock figures out of the report file, so that two runs give identical bytes.
  Exit 0: every row accepted; 1: some rows rejected; 2: usage error.`;

const exportUsage = `用法（usage）: gds export <canonical.ndjson|-> --mapping <id|path> [--out <file>] [--locale zh-CN|en]

  按映射把标准记录写回部门旧格式（同一个映射文件反向使用）。无 --out 时写标准输出。
  Writes canonical records back in a department's legacy format, reading the mapping backwards.
  Exit 0: every record written; 1: some lines were not records or fields could not be exported; 2: usage error.`;

const common = {
  mapping: { type: 'string', short: 'm' },
  out: { type: 'string', short: 'o' },
  locale: { type: 'string' },
} as const;
const convertOptions = {
  ...common,
  rejects: { type: 'string' },
  report: { type: 'string' },
  now: { type: 'string' },
  'no-timing': { type: 'boolean' },
} as const;

function parse<O extends typeof common | typeof convertOptions>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError('参数错误', (error as Error).message, { cause: error });
  }
}

function input(
  ctx: CommandContext,
  positionals: string[],
): { stream: NodeJS.ReadableStream; name: string; size?: number } {
  if (positionals.length > 1) throw new UsageError('只能转换一个输入文件', 'one input file at a time');
  const file = positionals[0] ?? '-';
  if (file === '-') return { stream: ctx.stdin, name: '<stdin>' };
  const path = resolve(ctx.cwd, file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new UsageError(`无法读取文件 ${file}`, `cannot read file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { stream: createReadStream(path), name: basename(file), size };
}

function load(ctx: CommandContext, mapping: string | undefined) {
  if (!mapping)
    throw new UsageError(
      '缺少 --mapping 参数',
      'missing --mapping, e.g. --mapping public-security/population',
    );
  return loadMapping(mapping, { cwd: ctx.cwd });
}

async function fileOrStdout(ctx: CommandContext, out: string | undefined) {
  if (!out) {
    return { sink: (c: Uint8Array) => writeTo(ctx.stdout, c), close: async () => {} };
  }
  const { createWriteStream } = await import('node:fs');
  const ws = createWriteStream(resolve(ctx.cwd, out));
  return {
    sink: (c: Uint8Array) => writeTo(ws, c),
    close: () => new Promise<void>((ok, fail) => ws.on('error', fail).end(() => ok())),
  };
}

function writeTo(stream: NodeJS.WritableStream, chunk: Uint8Array): Promise<void> | undefined {
  if (stream.write(chunk)) return undefined;
  return new Promise((ok) => stream.once('drain', () => ok()));
}

function progressBar(ctx: CommandContext, size: number | undefined) {
  if (!ctx.isTTY) return undefined;
  const start = performance.now();
  return ({ rows, bytes }: { rows: number; bytes: number }) => {
    const secs = (performance.now() - start) / 1000;
    const rate = secs > 0 ? Math.round(rows / secs) : 0;
    const pct = size ? Math.min(100, Math.floor((bytes * 100) / size)) : undefined;
    const bar =
      pct === undefined
        ? ''
        : `[${'#'.repeat(Math.floor(pct / 5)).padEnd(20, '.')}] ${String(pct).padStart(3)}% `;
    ctx.stderr.write(
      `\r${bar}${rows.toLocaleString('en')} 行（rows） ${rate.toLocaleString('en')} 行/秒（rows/s）`,
    );
  };
}

function summary(r: ConvertReport, loc: Locale): string {
  const s = r.stats;
  const head =
    loc === 'en'
      ? `${s.rowsRead} rows read: ${s.rowsAccepted} accepted, ${s.rowsRejected} rejected; ${s.blankRows} blank, ${s.rowsSkipped} skipped by filters (encoding ${s.encoding ?? '-'}, sha256 ${s.sha256 ?? '-'})`
      : `读取 ${s.rowsRead} 行：接受 ${s.rowsAccepted} 行，拒绝 ${s.rowsRejected} 行；空行 ${s.blankRows}，过滤 ${s.rowsSkipped}（编码 ${s.encoding ?? '-'}，sha256 ${s.sha256 ?? '-'}）`;
  const lines = r.groups
    .slice(0, 20)
    .map(
      (g) =>
        `  ${g.severity === 'error' ? '✗' : '!'} ${g.code}${g.path ? ` ${g.path}` : ''}${g.column ? ` [${g.column}]` : ''} ×${g.count}  ${g.message}${g.rows.length ? ` (${loc === 'en' ? 'rows' : '行'} ${g.rows.join(', ')})` : ''}`,
    );
  return `${head}\n${lines.join('\n')}${lines.length ? '\n' : ''}`;
}

/** `gds convert` and `gds export`: legacy files to canonical records and back, with one mapping. */
export const convertCommands: Command[] = [
  {
    name: 'convert',
    summary: {
      zh: '按映射把旧格式文件转换为标准记录',
      en: 'convert a legacy file to canonical records with a mapping',
    },
    usage: convertUsage,
    async run(ctx) {
      const { values, positionals } = parse(ctx.argv, convertOptions);
      const loc = parseLocale(values.locale);
      const now = values.now ? new Date(`${values.now}T00:00:00Z`) : undefined;
      if (now && Number.isNaN(now.getTime()))
        throw new UsageError(`日期无效 ${values.now}`, `invalid --now ${values.now} (YYYY-MM-DD)`);
      const loaded = load(ctx, values.mapping);
      const src = input(ctx, positionals);
      const out = await fileOrStdout(ctx, values.out);
      const rejects = values.rejects ? await fileOrStdout(ctx, values.rejects) : undefined;
      const onProgress = progressBar(ctx, src.size);
      const report = await convertStream(loaded, {
        input: src.stream as AsyncIterable<Uint8Array>,
        file: src.name,
        output: out.sink,
        ...(rejects ? { rejects: rejects.sink } : {}),
        locale: loc,
        ...(now ? { now } : {}),
        ...(onProgress ? { onProgress } : {}),
      });
      if (onProgress) ctx.stderr.write('\n');
      await out.close();
      await rejects?.close();
      if (values.report) {
        const { writeFile } = await import('node:fs/promises');
        const { timing, ...stable } = report;
        const body = values['no-timing'] ? stable : { ...stable, ...(timing ? { timing } : {}) };
        await writeFile(resolve(ctx.cwd, values.report), `${JSON.stringify(body, null, 2)}\n`);
      }
      if (!values.report || values.out) ctx.stderr.write(summary(report, loc));
      return report.stats.rowsRejected > 0 ? 1 : 0;
    },
  },
  {
    name: 'export',
    summary: { zh: '按映射把标准记录写回旧格式', en: 'write canonical records back in a legacy format' },
    usage: exportUsage,
    async run(ctx) {
      const { values, positionals } = parse(ctx.argv, common);
      const loc = parseLocale(values.locale);
      const loaded = load(ctx, values.mapping);
      const src = input(ctx, positionals);
      const out = await fileOrStdout(ctx, values.out);
      const result = await exportStream(loaded, {
        input: src.stream as AsyncIterable<Uint8Array>,
        output: out.sink,
        locale: loc,
      });
      await out.close();
      for (const issue of result.issues.slice(0, 20)) {
        ctx.stderr.write(
          `  ! ${issue.code}${issue.source?.row ? ` (${loc === 'en' ? 'line' : '行'} ${issue.source.row})` : ''}  ${issue.message}\n`,
        );
      }
      ctx.stderr.write(
        loc === 'en'
          ? `${result.records} records written, ${result.skipped} lines skipped\n`
          : `写出 ${result.records} 条记录，跳过 ${result.skipped} 行\n`,
      );
      return result.skipped > 0 || result.issues.some((i) => i.severity === 'error') ? 1 : 0;
    },
  },
];

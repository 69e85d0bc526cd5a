import { createReadStream, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ConvertReport } from '@gds/convert';
import { convertStream, exportStream, loadMapping } from '@gds/convert/node';
import type { Locale } from '@gds/schema';
import {
  type Command,
  type CommandContext,
  defineCommand,
  type OptionSpec,
  UsageError,
} from '../_internal/command.js';

const mapping = {
  type: 'string',
  short: 'm',
  value: '<id|path>',
  help: {
    zh: '映射：官方标识（如 public-security/population）或 .mapping.json 路径',
    en: 'the mapping: an official id (e.g. public-security/population) or a .mapping.json path',
  },
} as const satisfies OptionSpec;

const summaryWhere = {
  zh: '--format json 时摘要为 JSON：有 --out 时写标准输出，否则写标准错误（记录占用标准输出）。',
  en: 'With --format json the summary is JSON: on stdout when --out is given, else on stderr (the records\nare on stdout).',
};

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

function progressBar(ctx: CommandContext, size: number | undefined, loc: Locale) {
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
      loc === 'en'
        ? `\r${bar}${rows.toLocaleString('en')} rows ${rate.toLocaleString('en')} rows/s`
        : `\r${bar}${rows.toLocaleString('en')} 行（rows） ${rate.toLocaleString('en')} 行/秒（rows/s）`,
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
  defineCommand({
    name: 'convert',
    summary: {
      zh: '按映射把旧格式文件转换为标准记录',
      en: 'convert a legacy file to canonical records with a mapping',
    },
    synopsis: '<input|-> --mapping <id|path> [options]',
    description: {
      zh: `按映射把部门旧格式文件转换为标准记录（NDJSON）。无 --out 时写标准输出；被拒绝的行按原格式写入 --rejects，\n报告写入 --report（否则在标准错误输出摘要）。${summaryWhere.zh}`,
      en: `Converts a legacy file to canonical records (NDJSON) with a mapping. Without --out the records go to\nstdout; rejected rows are written in the source format to --rejects; the report goes to --report (a\nsummary to stderr otherwise). ${summaryWhere.en}`,
    },
    options: {
      mapping,
      out: {
        type: 'string',
        short: 'o',
        value: '<file.ndjson>',
        help: { zh: '标准记录输出文件', en: 'where the canonical records go' },
      },
      rejects: {
        type: 'string',
        value: '<file>',
        help: { zh: '被拒绝的行（原格式）', en: 'the rejected rows, in the source format' },
      },
      report: {
        type: 'string',
        value: '<file.json>',
        help: { zh: '完整报告（JSON）', en: 'the full report (JSON)' },
      },
      now: {
        type: 'string',
        value: 'YYYY-MM-DD',
        help: { zh: '判断代码表生效所用的日期', en: 'the date on which code lists must be in force' },
      },
      'no-timing': {
        type: 'boolean',
        help: {
          zh: '报告文件不含耗时，两次运行字节相同',
          en: 'leave wall-clock figures out of the report file, so that two runs give identical bytes',
        },
      },
      'rejects-with-reasons': {
        type: 'boolean',
        help: {
          zh: 'CSV/TSV：被拒绝的行文件末尾加 gds_row（源行号）和 gds_reasons（原因）两列；加列后该文件不能原样再转换',
          en: 'CSV/TSV: add gds_row (the source row) and gds_reasons columns to the rejects file; a file with\nthem no longer converts again as it is',
        },
      },
    },
    positionals: 1,
    formats: ['text', 'json'],
    exits: {
      0: { zh: '每行都被接受', en: 'every row accepted' },
      1: { zh: '有被拒绝的行', en: 'some rows rejected' },
    },
    examples: [
      'gds convert population.csv -m public-security/population --out people.ndjson --rejects rejects.csv',
      'gds convert population.csv -m public-security/population -o people.ndjson --format json | jq .stats',
    ],
    async run(ctx, { values, positionals, locale: loc, format }) {
      const now = values.now ? new Date(`${values.now}T00:00:00Z`) : undefined;
      if (now && Number.isNaN(now.getTime()))
        throw new UsageError(`日期无效 ${values.now}`, `invalid --now ${values.now} (YYYY-MM-DD)`);
      const loaded = load(ctx, values.mapping);
      const src = input(ctx, positionals);
      const out = await fileOrStdout(ctx, values.out);
      const rejects = values.rejects ? await fileOrStdout(ctx, values.rejects) : undefined;
      const onProgress = progressBar(ctx, src.size, loc);
      const report = await convertStream(loaded, {
        input: src.stream as AsyncIterable<Uint8Array>,
        file: src.name,
        output: out.sink,
        ...(rejects ? { rejects: rejects.sink } : {}),
        ...(values['rejects-with-reasons'] ? { rejectsWithReasons: true } : {}),
        locale: loc,
        ...(now ? { now } : {}),
        ...(onProgress ? { onProgress } : {}),
      });
      if (onProgress) ctx.stderr.write('\n');
      await out.close();
      await rejects?.close();
      const { timing, ...stable } = report;
      const body = values['no-timing'] ? stable : { ...stable, ...(timing ? { timing } : {}) };
      if (values.report) {
        const { writeFile } = await import('node:fs/promises');
        await writeFile(resolve(ctx.cwd, values.report), `${JSON.stringify(body, null, 2)}\n`);
      }
      if (format === 'json')
        (values.out ? ctx.stdout : ctx.stderr).write(`${JSON.stringify(body, null, 2)}\n`);
      else if (!values.report || values.out) ctx.stderr.write(summary(report, loc));
      return report.stats.rowsRejected > 0 ? 1 : 0;
    },
  }),
  defineCommand({
    name: 'export',
    summary: { zh: '按映射把标准记录写回旧格式', en: 'write canonical records back in a legacy format' },
    synopsis: '<canonical.ndjson|-> --mapping <id|path> [options]',
    description: {
      zh: `按映射把标准记录写回部门旧格式（同一个映射文件反向使用）。无 --out 时写标准输出。${summaryWhere.zh}`,
      en: `Writes canonical records back in a department's legacy format, reading the mapping backwards.\nWithout --out the file goes to stdout. ${summaryWhere.en}`,
    },
    options: {
      mapping,
      out: {
        type: 'string',
        short: 'o',
        value: '<file>',
        help: { zh: '旧格式输出文件', en: 'where the legacy file goes' },
      },
      'keep-formulas': {
        type: 'boolean',
        help: {
          zh: "CSV/XLSX：以 = + - @、制表符或回车开头的文本原样写出（默认加 ' 前缀，防止电子表格把它当公式执行）",
          en: "CSV/XLSX: write text beginning with = + - @, TAB or CR as it is (by default it gets a ' prefix so\nthat a spreadsheet does not run it as a formula)",
        },
      },
    },
    positionals: 1,
    formats: ['text', 'json'],
    exits: {
      0: { zh: '每条记录都已写出', en: 'every record written' },
      1: {
        zh: '有的行不是记录，或有字段无法导出',
        en: 'some lines were not records or fields could not be exported',
      },
    },
    async run(ctx, { values, positionals, locale: loc, format }) {
      const loaded = load(ctx, values.mapping);
      const src = input(ctx, positionals);
      const out = await fileOrStdout(ctx, values.out);
      const result = await exportStream(loaded, {
        input: src.stream as AsyncIterable<Uint8Array>,
        output: out.sink,
        locale: loc,
        neutraliseFormulas: !values['keep-formulas'],
      });
      await out.close();
      const failed = result.skipped > 0 || result.issues.some((i) => i.severity === 'error');
      if (format === 'json') {
        const doc = {
          records: result.records,
          skipped: result.skipped,
          formulasNeutralised: result.formulasNeutralised,
          issues: result.issues,
        };
        (values.out ? ctx.stdout : ctx.stderr).write(`${JSON.stringify(doc, null, 2)}\n`);
        return failed ? 1 : 0;
      }
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
      if (result.formulasNeutralised > 0) {
        ctx.stderr.write(
          loc === 'en'
            ? `${result.formulasNeutralised} cells that a spreadsheet would run as formulas were prefixed with ' (--keep-formulas writes them as they are)\n`
            : `${result.formulasNeutralised} 个会被电子表格当作公式执行的单元格已加 ' 前缀（--keep-formulas 可原样写出）\n`,
        );
      }
      return failed ? 1 : 0;
    },
  }),
];

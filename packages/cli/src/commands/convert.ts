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
import { Outputs } from '../_internal/outputs.js';

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
  zh: '--format json 时摘要为 JSON：有 --out 文件时写标准输出，否则写标准错误（记录占用标准输出）。\n输出文件先写到目标旁的临时文件（.<名>.<pid>.partial），成功后改名；按 Ctrl-C（SIGINT）或收到 SIGTERM 时\n删除临时文件、目标保持原样，退出码 130。--out - 写标准输出；管道关闭（| head -1）时安静结束。',
  en: 'With --format json the summary is JSON: on stdout when --out names a file, else on stderr (the\nrecords are on stdout). Output files are written to a temporary file beside the target\n(.<name>.<pid>.partial) and renamed when the run succeeds; on Ctrl-C (SIGINT) or SIGTERM the temporary\nfiles are removed, the targets left as they were, and gds exits 130. --out - writes to stdout; a closed\npipe (| head -1) ends the run quietly.',
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
  const line = (g: ConvertReport['groups'][number]) =>
    `  ${g.severity === 'error' ? '✗' : '!'} ${g.code}${g.path ? ` ${g.path}` : ''}${g.column ? ` [${g.column}]` : ''} ×${g.count}  ${g.message}${g.rows.length ? ` (${loc === 'en' ? 'rows' : '行'} ${g.rows.join(', ')})` : ''}`;
  // A root cause (a missing column) is said first with the rows it explains; the issues it caused are
  // counted under it, not listed row by row.
  const lines: string[] = [];
  for (const g of r.groups) {
    if (lines.length >= 20) break;
    if (g.cause) continue;
    const caused = r.groups.filter((c) => c.cause?.code === g.code && c.cause.column === g.column);
    if (caused.length === 0) {
      lines.push(line(g));
      continue;
    }
    const root = r.issues.find((i) => i.code === g.code && i.source?.column === g.column);
    const rows = typeof root?.params.rows === 'number' ? root.params.rows : 0;
    const suggestion = typeof root?.params.suggestion === 'string' ? root.params.suggestion : undefined;
    lines.push(
      loc === 'en'
        ? `  ✗ ${g.code} [${g.column}]  ${g.message}${suggestion !== undefined ? ` (did you mean ${suggestion}?)` : ''}; the root cause of ${rows} rejected or flagged rows:`
        : `  ✗ ${g.code} [${g.column}]  ${g.message}${suggestion !== undefined ? `（是否为 ${suggestion}？）` : ''}；是 ${rows} 行问题的根本原因：`,
    );
    for (const c of caused) {
      lines.push(
        `      ${c.severity === 'error' ? '✗' : '!'} ${c.code}${c.path ? ` ${c.path}` : ''} ×${c.count}  ${c.message}`,
      );
    }
  }
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
        value: '<file.ndjson|->',
        help: {
          zh: '标准记录输出文件（- 为标准输出）',
          en: 'where the canonical records go (- for stdout)',
        },
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
      const toFile = values.out !== undefined && values.out !== '-';
      const outputs = new Outputs(ctx);
      return outputs.run(async () => {
        const out = outputs.open(values.out);
        const rejects = values.rejects ? outputs.open(values.rejects) : undefined;
        const onProgress = progressBar(ctx, src.size, loc);
        const report = await convertStream(loaded, {
          input: src.stream as AsyncIterable<Uint8Array>,
          file: src.name,
          output: out,
          ...(rejects ? { rejects } : {}),
          ...(values['rejects-with-reasons'] ? { rejectsWithReasons: true } : {}),
          locale: loc,
          ...(now ? { now } : {}),
          ...(onProgress ? { onProgress } : {}),
        });
        if (onProgress) ctx.stderr.write('\n');
        const { timing, ...stable } = report;
        const body = values['no-timing'] ? stable : { ...stable, ...(timing ? { timing } : {}) };
        if (values.report) await outputs.text(values.report, `${JSON.stringify(body, null, 2)}\n`);
        if (format === 'json') (toFile ? ctx.stdout : ctx.stderr).write(`${JSON.stringify(body, null, 2)}\n`);
        else if (!values.report || toFile) ctx.stderr.write(summary(report, loc));
        return report.stats.rowsRejected > 0 ? 1 : 0;
      });
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
        value: '<file|->',
        help: { zh: '旧格式输出文件（- 为标准输出）', en: 'where the legacy file goes (- for stdout)' },
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
      const toFile = values.out !== undefined && values.out !== '-';
      const outputs = new Outputs(ctx);
      return outputs.run(async () => {
        const result = await exportStream(loaded, {
          input: src.stream as AsyncIterable<Uint8Array>,
          output: outputs.open(values.out),
          locale: loc,
          neutraliseFormulas: !values['keep-formulas'],
        });
        const failed = result.skipped > 0 || result.issues.some((i) => i.severity === 'error');
        if (format === 'json') {
          const doc = {
            records: result.records,
            skipped: result.skipped,
            formulasNeutralised: result.formulasNeutralised,
            issues: result.issues,
          };
          (toFile ? ctx.stdout : ctx.stderr).write(`${JSON.stringify(doc, null, 2)}\n`);
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
      });
    },
  }),
];

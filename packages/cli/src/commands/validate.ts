import { parseArgs } from 'node:util';
import { createIssue, getStandard, type Issue, listStandards } from '@gds/schema';
import { type Command, parseLocale, UsageError } from '../_internal/command.js';
import { readRecords } from '../_internal/input.js';

const usage = `用法（usage）: gds validate --standard <entity>[@version] [--format text|json] [--locale zh-CN|en]
                    [--now YYYY-MM-DD] [--credit-code-checksum error|warning] [files...]

  读取 JSON 或 NDJSON 文件（无文件或 - 时读标准输入），按标准校验每条记录。
  Reads JSON or NDJSON files (stdin when none or -) and validates every record against the standard.
  A JSON file holding an array is a list of records. Exit 0: all valid; 1: some invalid; 2: usage error.`;

/** `gds validate`: validate records against a standard. */
export const validateCommands: Command[] = [
  {
    name: 'validate',
    summary: { zh: '按标准校验记录', en: 'validate records against a standard' },
    usage,
    async run(ctx) {
      let parsed: ReturnType<typeof parse>;
      try {
        parsed = parse(ctx.argv);
      } catch (error) {
        throw new UsageError('参数错误', (error as Error).message, { cause: error });
      }
      const { values, positionals } = parsed;
      const spec = values.standard;
      if (!spec) throw new UsageError('缺少 --standard 参数', 'missing --standard, e.g. --standard person');
      const [entity, version] = spec.split('@') as [string, string | undefined];
      const standard = getStandard(entity, version);
      if (!standard) {
        const known = [...new Set(listStandards().map((s) => `${s.entity}@${s.version}`))].join(', ');
        throw new UsageError(`未知标准 ${spec}`, `unknown standard ${spec}; available: ${known}`);
      }
      const format = values.format ?? 'text';
      if (format !== 'text' && format !== 'json')
        throw new UsageError(`未知输出格式 ${format}`, `unknown --format ${format} (text or json)`);
      const locale = parseLocale(values.locale);
      const now = values.now ? new Date(`${values.now}T00:00:00Z`) : undefined;
      if (now && Number.isNaN(now.getTime()))
        throw new UsageError(`日期无效 ${values.now}`, `invalid --now ${values.now} (YYYY-MM-DD)`);
      const checksum = values['credit-code-checksum'] ?? 'error';
      if (checksum !== 'error' && checksum !== 'warning') {
        throw new UsageError(
          '--credit-code-checksum 只能是 error 或 warning',
          '--credit-code-checksum takes error or warning',
        );
      }

      const records = await readRecords(positionals, ctx.cwd, ctx.stdin);
      const results = records.map((record) => {
        const where = {
          file: record.file,
          ...(record.line !== undefined ? { line: record.line } : {}),
          ...(record.index !== undefined ? { index: record.index } : {}),
        };
        if (record.syntaxError !== undefined) {
          const issues: Issue[] = [createIssue('json_syntax', [], { detail: record.syntaxError }, locale)];
          return { source: where, valid: false, issues };
        }
        const result = standard.validate(record.value, {
          locale,
          ...(now ? { now } : {}),
          creditCodeChecksum: checksum,
        });
        return { source: where, valid: result.ok, issues: result.issues };
      });
      const invalid = results.filter((r) => !r.valid).length;
      const warnings = results.reduce(
        (n, r) => n + r.issues.filter((i) => i.severity === 'warning').length,
        0,
      );
      const summary = { records: results.length, valid: results.length - invalid, invalid, warnings };

      if (format === 'json') {
        ctx.stdout.write(
          `${JSON.stringify({ standard: standard.entity, version: standard.version, summary, results }, null, 2)}\n`,
        );
      } else {
        const en = locale === 'en';
        for (const r of results) {
          const where = `${r.source.file}${'line' in r.source ? `:${r.source.line}` : ''}${'index' in r.source ? `[${r.source.index}]` : ''}`;
          if (r.valid && r.issues.length === 0) continue;
          const errors = r.issues.filter((i) => i.severity === 'error').length;
          const warns = r.issues.length - errors;
          ctx.stdout.write(
            `${r.valid ? '!' : '✗'} ${where}  ${en ? `${errors} error(s), ${warns} warning(s)` : `${errors} 个错误，${warns} 个警告`}\n`,
          );
          for (const issue of r.issues) {
            const path = issue.path.length ? `/${issue.path.join('/')}` : '/';
            ctx.stdout.write(
              `    ${issue.severity === 'error' ? '错误' : '警告'} ${path}  ${issue.code}  ${issue.message}\n`,
            );
          }
        }
        ctx.stdout.write(
          en
            ? `${summary.records} record(s) against ${standard.entity}@${standard.version}: ${summary.valid} valid, ${summary.invalid} invalid, ${summary.warnings} warning(s)\n`
            : `共 ${summary.records} 条记录（${standard.entity}@${standard.version}）：${summary.valid} 条有效，${summary.invalid} 条无效，${summary.warnings} 个警告\n`,
        );
      }
      return invalid > 0 ? 1 : 0;
    },
  },
];

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      standard: { type: 'string', short: 's' },
      format: { type: 'string', short: 'f' },
      locale: { type: 'string' },
      now: { type: 'string' },
      'credit-code-checksum': { type: 'string' },
    },
  });
}

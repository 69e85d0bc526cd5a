import { createIssue, getStandard, type Issue, type Locale, listStandards, type Standard } from '@gds/schema';
import { type Command, defineCommand, UsageError } from '../_internal/command.js';
import { annotation, escapeData, property } from '../_internal/github.js';
import { readRecords } from '../_internal/input.js';

/** `gds validate`: validate records against a standard. */
export const validateCommands: Command[] = [
  defineCommand({
    name: 'validate',
    summary: { zh: '按标准校验记录', en: 'validate records against a standard' },
    synopsis: '--standard <entity>[@version] [options] [files...]',
    description: {
      zh: '读取 JSON 或 NDJSON 文件（无文件或 - 时读标准输入），按标准校验每条记录；JSON 数组是一组记录。',
      en: 'Reads JSON or NDJSON files (stdin when none or -) and validates every record against the standard;\na JSON file holding an array is a list of records.',
    },
    options: {
      standard: {
        type: 'string',
        short: 's',
        value: '<entity>[@version]',
        help: {
          zh: '标准及版本，如 person 或 person@next',
          en: 'the standard and version, e.g. person or person@next',
        },
      },
      now: {
        type: 'string',
        value: 'YYYY-MM-DD',
        help: { zh: '判断代码表生效所用的日期', en: 'the date on which code lists must be in force' },
      },
      'credit-code-checksum': {
        type: 'string',
        choices: ['error', 'warning'],
        default: 'error',
        help: {
          zh: '统一社会信用代码校验位错误的严重性',
          en: 'severity of a wrong unified social credit code check digit',
        },
      },
    },
    positionals: Number.POSITIVE_INFINITY,
    formats: ['text', 'json', 'github'],
    exits: {
      0: { zh: '全部有效', en: 'every record is valid' },
      1: { zh: '有无效记录', en: 'some records are invalid' },
    },
    examples: [
      'gds validate --standard person records.ndjson',
      'gds validate -s person@next --format json --locale en < record.json',
      'gds validate -s person --format github records/*.json',
    ],
    async run(ctx, { values, positionals, locale, format }) {
      const spec = values.standard;
      if (!spec) throw new UsageError('缺少 --standard 参数', 'missing --standard, e.g. --standard person');
      const [entity, version] = spec.split('@') as [string, string | undefined];
      const standard = getStandard(entity, version);
      if (!standard) {
        const known = [...new Set(listStandards().map((s) => `${s.entity}@${s.version}`))].join(', ');
        throw new UsageError(`未知标准 ${spec}`, `unknown standard ${spec}; available: ${known}`);
      }
      const now = values.now ? new Date(`${values.now}T00:00:00Z`) : undefined;
      if (now && Number.isNaN(now.getTime()))
        throw new UsageError(`日期无效 ${values.now}`, `invalid --now ${values.now} (YYYY-MM-DD)`);
      const checksum = values['credit-code-checksum'];

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
      } else if (format === 'github') {
        for (const r of results) ctx.stdout.write(annotations(r, standard));
        ctx.stdout.write(
          `::notice title=${property(`gds validate ${standard.entity}@${standard.version}`)}::${escapeData(
            locale === 'en'
              ? `${summary.records} record(s): ${summary.valid} valid, ${summary.invalid} invalid, ${summary.warnings} warning(s)`
              : `共 ${summary.records} 条记录：${summary.valid} 条有效，${summary.invalid} 条无效，${summary.warnings} 个警告`,
          )}\n`,
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
              `    ${severityLabel(issue.severity, locale)} ${path}  ${issue.code}  ${issue.message}\n`,
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
  }),
];

function severityLabel(severity: Issue['severity'], locale: Locale): string {
  if (locale === 'en') return severity === 'error' ? 'error' : 'warning';
  return severity === 'error' ? '错误' : '警告';
}

interface Result {
  source: { file: string; line?: number; index?: number };
  valid: boolean;
  issues: readonly Issue[];
}

/** One annotation per issue, at the record's file and NDJSON line (an array element names its index). */
function annotations(r: Result, standard: Standard): string {
  return r.issues
    .map((issue) => {
      const path = issue.path.length ? `/${issue.path.join('/')}` : '/';
      const at = r.source.index !== undefined ? `[${r.source.index}] ` : '';
      return annotation(
        issue.severity === 'error' ? 'error' : 'warning',
        {
          file: r.source.file,
          ...(r.source.line !== undefined ? { line: r.source.line } : {}),
          title: `${standard.entity}@${standard.version} ${issue.code}`,
        },
        `${at}${path}: ${issue.message}`,
      );
    })
    .join('');
}

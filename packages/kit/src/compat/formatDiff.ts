import { relative } from 'node:path';
import type { DiffReport, SchemaChange } from './diffSchemas.js';

/** Output formats of {@link formatDiff}: for people, for programs, for CI (GitHub workflow commands). */
export type DiffFormat = 'text' | 'json' | 'github';

/** Options of {@link formatDiff}. */
export interface FormatDiffOptions {
  /** `zh` (default), `en` or `both` for the text format's messages. */
  lang?: 'zh' | 'en' | 'both';
  /** Make annotation file paths relative to this folder (the repository root in CI). */
  relativeTo?: string;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function message(c: SchemaChange, lang: FormatDiffOptions['lang']): string {
  if (lang === 'en') return c.messageEn;
  if (lang === 'both') return `${c.messageZh}（${c.messageEn}）`;
  return c.messageZh;
}

/**
 * Renders a diff report: `text` (one line per change with its effect on readers and writers, then the
 * bump), `json` (the report itself, stable for tools) or `github` (`::error file=…::` workflow commands:
 * an error for each change breaking writers or readers, a warning for those consumers must hear about,
 * a notice for the rest).
 *
 * @example
 * ```ts
 * import { diffSchemas, formatDiff, loadSchemaVersion } from '@gds/kit';
 * const report = diffSchemas(loadSchemaVersion('person', '1.0.0'), loadSchemaVersion('person', 'next'));
 * formatDiff(report, 'github', { relativeTo: process.cwd() });
 * // '::notice file=standards/schemas/person/next/person.schema.json,title=field.added_optional::…'
 * ```
 */
export function formatDiff(report: DiffReport, format: DiffFormat, options: FormatDiffOptions = {}): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const lang = options.lang ?? 'zh';
  if (format === 'github') {
    const file = report.file
      ? options.relativeTo
        ? relative(options.relativeTo, report.file)
        : report.file
      : undefined;
    return report.changes
      .map((c) => {
        const level =
          c.readers === 'breaking' || c.writers === 'breaking'
            ? c.writers === 'breaking'
              ? 'error'
              : 'warning'
            : c.notice
              ? 'warning'
              : 'notice';
        const props = [
          ...(file ? [`file=${escapeProperty(file)}`] : []),
          `title=${escapeProperty(`${report.entity} ${report.from}→${report.to} ${c.kind} (${c.bump})`)}`,
        ];
        const text = `${message(c, 'both')} [readers ${c.readers}, writers ${c.writers}]`;
        return `::${level} ${props.join(',')}::${escapeData(text)}\n`;
      })
      .join('');
  }
  const lines = [
    lang === 'en'
      ? `${report.entity} ${report.from} → ${report.to}: ${report.changes.length} change(s), bump ${report.bump}, readers ${report.readers}, writers ${report.writers}`
      : `${report.entity} ${report.from} → ${report.to}：${report.changes.length} 处变更，版本升级 ${report.bump}，读方 ${report.readers === 'safe' ? '兼容' : '不兼容'}，写方 ${report.writers === 'safe' ? '兼容' : '不兼容'}`,
  ];
  for (const c of report.changes) {
    const flag = (e: string) => (e === 'safe' ? 'ok ' : 'BRK');
    lines.push(
      `  [${c.bump.padEnd(5)}] R:${flag(c.readers)} W:${flag(c.writers)}${c.notice ? ' !' : '  '} ${c.kind.padEnd(30)} ${message(c, lang)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

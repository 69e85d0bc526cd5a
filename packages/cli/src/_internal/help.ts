import type { Locale } from '@gds/schema';
import { type AnyCommand, type Command, isDeclared, type OptionSpec, type Text } from './command.js';
import { EXIT } from './exit.js';

/** Picks the language: both (zh first) in zh-CN, English alone in English. */
function tr(locale: Locale, t: Text, joiner: 'paren' | 'line' = 'paren'): string {
  if (locale === 'en') return t.en;
  if (!t.zh) return t.en;
  return joiner === 'paren' ? `${t.zh}（${t.en}）` : `${t.zh}\n${t.en}`;
}

const L = {
  usage: { zh: '用法', en: 'usage' },
  options: { zh: '选项', en: 'options' },
  commands: { zh: '命令', en: 'commands' },
  exits: { zh: '退出码', en: 'exit codes' },
  examples: { zh: '示例', en: 'examples' },
  shared: { zh: '每个命令都接受的选项', en: 'options every command takes' },
  deprecated: { zh: '已弃用，请用', en: 'deprecated, use' },
  default: { zh: '默认', en: 'default' },
} satisfies Record<string, Text>;

/** A heading: `用法（usage）` or `usage`, capitalised in English. */
function head(locale: Locale, t: Text): string {
  return locale === 'en' ? t.en[0]!.toUpperCase() + t.en.slice(1) : `${t.zh}（${t.en}）`;
}

/** The meaning of every exit code; a command may say what 0 and 1 mean for it. */
export const EXIT_MEANINGS: Record<number, Text> = {
  [EXIT.ok]: { zh: '成功', en: 'success' },
  [EXIT.invalid]: {
    zh: '数据有问题（无效记录、被拒绝的行、验证失败）',
    en: 'the data had problems (invalid records, rejected rows, failed verification)',
  },
  [EXIT.usage]: { zh: '用法错误', en: 'usage error' },
  [EXIT.internal]: { zh: '内部错误（请报告）', en: 'internal error (please report it)' },
  [EXIT.environment]: { zh: '输入输出或环境错误', en: 'I/O or environment error' },
};

function optionLeft(name: string, o: OptionSpec): string {
  const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}`;
  if (o.type === 'boolean') return flag;
  return `${flag} ${o.value ?? (o.choices ? o.choices.join('|') : '<value>')}`;
}

function optionRight(locale: Locale, o: OptionSpec): string {
  const parts = [tr(locale, o.help)];
  if (o.default !== undefined && o.type === 'string')
    parts.push(`${tr(locale, L.default)}: ${String(o.default)}`);
  if (o.multiple) parts.push(locale === 'en' ? 'repeatable' : '可重复（repeatable）');
  if (o.deprecated) parts.push(`${tr(locale, L.deprecated)} ${o.deprecated}`);
  return parts.join('; ');
}

/** The usage line(s) of a command, as a usage error repeats them on stderr. */
export function usageLine(command: AnyCommand, locale: Locale): string {
  if (!isDeclared(command)) return command.usage;
  return `${head(locale, L.usage)}: gds ${command.name} ${command.synopsis}`;
}

/** What a usage error prints after its message: the usage line and where the full help is. */
export function usageHint(command: AnyCommand, locale: Locale): string {
  const more = {
    zh: `运行 gds ${command.name} --help 查看全部选项`,
    en: `run gds ${command.name} --help for every option`,
  };
  return `${usageLine(command, locale)}\n${tr(locale, more)}\n`;
}

/** The full help of one command: summary, usage, description, options, exit codes, examples. */
export function commandHelp(
  command: AnyCommand,
  locale: Locale,
  subcommands: readonly AnyCommand[] = [],
): string {
  if (!isDeclared(command)) {
    return `${tr(locale, command.summary, 'line')}\n\n${command.usage}\n${subcommandList(subcommands, locale)}`;
  }
  const out = [`gds ${command.name} — ${tr(locale, command.summary)}`, '', usageLine(command, locale)];
  if (command.description) {
    out.push('');
    const paragraphs =
      locale === 'en' ? [command.description.en] : [command.description.zh, command.description.en];
    for (const p of paragraphs) out.push(...p.split('\n').map((l) => `  ${l}`));
  }
  out.push('', `${head(locale, L.options)}:`);
  out.push(
    ...table(Object.entries(command.options).map(([n, o]) => [optionLeft(n, o), optionRight(locale, o)])),
  );
  out.push('', `${head(locale, L.exits)}:`);
  const exits = exitTable(command);
  out.push(...table(exits.map(([code, t]) => [String(code), tr(locale, t)])));
  if (command.examples?.length) {
    out.push('', `${head(locale, L.examples)}:`, ...command.examples.map((e) => `  ${e}`));
  }
  return `${out.join('\n')}\n${subcommandList(subcommands, locale)}`;
}

/** A command's exit codes: its own meaning of 0 and 1, then the codes that are the same everywhere. */
export function exitTable(command: Command): [number, Text][] {
  const rows: [number, Text][] = [[EXIT.ok, command.exits?.[0] ?? EXIT_MEANINGS[EXIT.ok]!]];
  if (command.exits?.[1]) rows.push([EXIT.invalid, command.exits[1]]);
  for (const code of [EXIT.usage, EXIT.internal, EXIT.environment]) rows.push([code, EXIT_MEANINGS[code]!]);
  return rows;
}

function subcommandList(subcommands: readonly AnyCommand[], locale: Locale): string {
  if (!subcommands.length) return '';
  return `\n${head(locale, { zh: '子命令', en: 'subcommands' })}:\n${table(subcommands.map((c) => [`gds ${c.name}`, tr(locale, c.summary)])).join('\n')}\n`;
}

function table(rows: [string, string][]): string[] {
  const width = Math.min(40, Math.max(0, ...rows.map(([l]) => l.length)));
  return rows.map(([l, r]) =>
    l.length > width ? `  ${l}\n  ${''.padEnd(width)}  ${r}` : `  ${l.padEnd(width)}  ${r}`,
  );
}

/** The help of a group (`gds log`): its subcommands, and how to get each one's help. */
export function groupHelp(
  group: string,
  summary: Text | undefined,
  members: readonly AnyCommand[],
  locale: Locale,
): string {
  const title = summary ? `gds ${group} — ${tr(locale, summary)}` : `gds ${group}`;
  const more = {
    zh: `运行 gds ${group} <命令> --help 或 gds help ${group} <命令> 查看一个命令的用法`,
    en: `run gds ${group} <command> --help or gds help ${group} <command> for a command's usage`,
  };
  return `${title}\n\n${head(locale, L.usage)}: gds ${group} <command> [options]\n\n${head(locale, L.commands)}:\n${table(
    members.map((c) => [`gds ${c.name}`, tr(locale, c.summary)]),
  ).join('\n')}\n\n${tr(locale, more)}\n`;
}

/** The top-level help: every command, the shared options, the exit codes. */
export function topHelp(commands: readonly AnyCommand[], locale: Locale, version: string): string {
  const title = {
    zh: `gds ${version} — 基层数据标准工具`,
    en: `gds ${version} — the Grassroots Data Standard command line`,
  };
  const sorted = commands.slice().sort((a, b) => a.name.localeCompare(b.name));
  const shared: [string, string][] = [
    [
      '    --locale zh-CN|en',
      tr(locale, {
        zh: '输出语言；默认取 LC_ALL、LC_MESSAGES、LANG，否则 zh-CN',
        en: 'output language; default from LC_ALL, LC_MESSAGES or LANG, else zh-CN',
      }),
    ],
    [
      '-f, --format text|json',
      tr(locale, {
        zh: '报告格式，用于输出报告的命令（部分命令另有 github）',
        en: 'report format, on the commands that report (some add github)',
      }),
    ],
    ['-h, --help', tr(locale, { zh: '显示帮助', en: 'show the help' })],
    ['-V, --version', tr(locale, { zh: '显示版本', en: 'show the version' })],
  ];
  const more = {
    zh: '运行 gds <命令> --help 或 gds help <命令> 查看一个命令的用法',
    en: "run gds <command> --help or gds help <command> for a command's usage",
  };
  return [
    tr(locale, title),
    '',
    `${head(locale, L.usage)}: gds <command> [options]`,
    `       gds help <command>`,
    '',
    `${head(locale, L.commands)}:`,
    ...table(sorted.map((c) => [`gds ${c.name}`, tr(locale, c.summary)])),
    '',
    `${head(locale, L.shared)}:`,
    ...table(shared),
    '',
    `${head(locale, L.exits)}:`,
    ...table(Object.entries(EXIT_MEANINGS).map(([code, t]) => [code, tr(locale, t)])),
    '',
    tr(locale, more),
    '',
  ].join('\n');
}

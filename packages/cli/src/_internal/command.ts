import type { Readable, Writable } from 'node:stream';
import { GdsError } from '@gds/errors';
import type { Locale } from '@gds/schema';

/** Everything a command may touch: its arguments and the process's streams, never globals. */
export interface CommandContext {
  /** Arguments after the command's own name(s). */
  argv: string[];
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  cwd: string;
  /** The environment (LC_ALL / LANG, GDS_PASSPHRASE…): read from here, never from process.env. */
  env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal (progress bars, colours); false when piped. */
  isTTY: boolean;
}

/** A text in both languages of the command line: zh-CN first, then English. */
export interface Text {
  zh: string;
  en: string;
}

/**
 * One option of a command, declared once: the parser, the usage line, the help, the unknown-option
 * error and the option-vocabulary test all read this declaration.
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One letter, e.g. `s` for `-s`. */
  short?: string;
  /** Repeatable: the value is an array in the order given. */
  multiple?: boolean;
  /** The accepted values; anything else is a usage error that lists them. */
  choices?: readonly string[];
  default?: string | boolean;
  /** The value's placeholder in the help, e.g. `<dir>` (default `<value>`, or the choices). */
  value?: string;
  help: Text;
  /** A deprecated spelling kept for old scripts: names what replaces it (shown in the help). */
  deprecated?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

type Scalar<S extends OptionSpec> = S['type'] extends 'boolean'
  ? boolean
  : S extends { choices: readonly (infer C extends string)[] }
    ? C
    : string;
type Value<S extends OptionSpec> = S extends { multiple: true } ? Scalar<S>[] : Scalar<S>;

/** The parsed values of a command's options: an option with a default is always present. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O as O[K] extends { default: unknown } ? K : never]: Value<O[K]>;
} & {
  [K in keyof O as O[K] extends { default: unknown } ? never : K]?: Value<O[K]>;
};

/** The output formats of the option vocabulary: people, programs, CI annotations. */
export type Format = 'text' | 'json' | 'github';

/** What the machinery hands a declared command: its parsed options, positionals, locale and format. */
export interface ParsedArgs<O extends OptionSpecs = OptionSpecs, F extends Format = Format> {
  values: OptionValues<O>;
  positionals: string[];
  /** `--locale`, else LC_ALL / LC_MESSAGES / LANG from ctx.env, else zh-CN. */
  locale: Locale;
  /** `--format` (text unless given); only meaningful on commands that declare `formats`. */
  format: F | 'text';
}

/** The declaration of a command: what {@link defineCommand} takes. */
export interface CommandSpec<O extends OptionSpecs, F extends Format> {
  /** Space-separated words, e.g. "validate" or "keys generate". */
  name: string;
  summary: Text;
  /** What follows `gds <name>` in the usage line, e.g. `--standard <entity> [options] [files...]`. */
  synopsis: string;
  /** Paragraphs of the help, in each language. */
  description?: Text;
  /** The command's own options; `--locale` and `--help` (and `--format` with `formats`) are added. */
  options?: O;
  /** How many positional arguments it takes at most (default 0; `Infinity` for a file list). */
  positionals?: number;
  /** Declares a reporting command: it takes `--format` with these values (text first). */
  formats?: readonly F[];
  /** The meaning of exit 0 and 1 for this command (2, 70 and 74 are the same everywhere). */
  exits?: { 0?: Text; 1?: Text };
  /** Example command lines, shown in the help. */
  examples?: readonly string[];
  run(ctx: CommandContext, args: ParsedArgs<O, F>): Promise<number>;
}

/**
 * A `gds` command, as the command table holds it. `run` resolves to the exit code: 0 success, 1 "the
 * data had problems" (invalid records, rejected rows, failed verification). Thrown errors become exit
 * codes in one place (`_internal/exit.ts`).
 */
export interface Command {
  name: string;
  summary: Text;
  synopsis: string;
  description?: Text;
  /** Every option the command accepts, the shared vocabulary included. */
  options: OptionSpecs;
  positionals: number;
  formats?: readonly Format[];
  exits?: { 0?: Text; 1?: Text };
  examples?: readonly string[];
  run(ctx: CommandContext, args: ParsedArgs): Promise<number>;
}

/**
 * A command written before {@link defineCommand}: it parses `ctx.argv` itself and its help is the
 * `usage` text. Kept so that commands in flight still run; the option-vocabulary test asks every
 * command of the table to be declared, so a legacy command is a to-do, not a second way.
 * @deprecated declare the command with {@link defineCommand}.
 */
export interface LegacyCommand {
  name: string;
  summary: Text;
  usage: string;
  run(ctx: CommandContext): Promise<number>;
}

/** An entry of the command table. */
export type AnyCommand = Command | LegacyCommand;

/** True for a command declared with {@link defineCommand}. */
export function isDeclared(command: AnyCommand): command is Command {
  return 'options' in command;
}

/** `--locale`, on every command. */
export const LOCALE_OPTION = {
  type: 'string',
  choices: ['zh-CN', 'en'],
  help: {
    zh: '输出语言；未给出时依次取 LC_ALL、LC_MESSAGES、LANG，否则为 zh-CN',
    en: 'output language; when not given, from LC_ALL, LC_MESSAGES or LANG, else zh-CN',
  },
} as const satisfies OptionSpec;

/** `--help`, on every command. */
export const HELP_OPTION = {
  type: 'boolean',
  short: 'h',
  help: { zh: '显示此帮助', en: 'show this help' },
} as const satisfies OptionSpec;

function formatOption(formats: readonly Format[]): OptionSpec {
  const github = formats.includes('github')
    ? {
        zh: '；github 输出 GitHub Actions 注解（::error file=…,line=…::）',
        en: '; github prints GitHub Actions annotations (::error file=…,line=…::)',
      }
    : { zh: '', en: '' };
  return {
    type: 'string',
    short: 'f',
    choices: formats,
    default: 'text',
    help: {
      zh: `输出格式：text 供人阅读，json 供程序读取${github.zh}`,
      en: `output format: text for people, json for programs${github.en}`,
    },
  };
}

/**
 * Declares a command: its options once, from which the parser, usage, help and errors are derived.
 * The shared vocabulary (`--locale`, `--help`, and `--format` when `formats` is given) is added here.
 *
 * @example
 * ```ts
 * export const hello = defineCommand({
 *   name: 'hello',
 *   summary: { zh: '问候', en: 'say hello' },
 *   synopsis: '[--name <name>] [options]',
 *   options: { name: { type: 'string', value: '<name>', help: { zh: '名字', en: 'the name' } } },
 *   formats: ['text', 'json'],
 *   async run(ctx, { values, format }) {
 *     ctx.stdout.write(format === 'json' ? `${JSON.stringify({ hello: values.name })}\n` : `hello ${values.name}\n`);
 *     return 0;
 *   },
 * });
 * ```
 */
export function defineCommand<
  const O extends OptionSpecs = Record<never, OptionSpec>,
  const F extends Format = 'text',
>(spec: CommandSpec<O, F>): Command {
  const own: OptionSpecs = spec.options ?? {};
  const shared: OptionSpecs = {
    ...(spec.formats ? { format: formatOption(spec.formats) } : {}),
    locale: LOCALE_OPTION,
    help: HELP_OPTION,
  };
  for (const name of Object.keys(shared)) {
    if (name in own) throw new Error(`gds ${spec.name}: --${name} is part of the shared vocabulary`);
  }
  const options = { ...own, ...shared };
  const shorts = new Set<string>();
  for (const [name, o] of Object.entries(options)) {
    if (!o.short) continue;
    if (shorts.has(o.short)) throw new Error(`gds ${spec.name}: -${o.short} is declared twice (--${name})`);
    shorts.add(o.short);
  }
  return {
    name: spec.name,
    summary: spec.summary,
    synopsis: spec.synopsis,
    ...(spec.description ? { description: spec.description } : {}),
    options,
    positionals: spec.positionals ?? 0,
    ...(spec.formats ? { formats: spec.formats } : {}),
    ...(spec.exits ? { exits: spec.exits } : {}),
    ...(spec.examples ? { examples: spec.examples } : {}),
    run: spec.run as unknown as Command['run'],
  };
}

/**
 * A mistake in how the command was called: unknown option, missing argument, unreadable file.
 * Its `kind` is `caller`: exit 2, with the command's usage on stderr.
 */
export class UsageError extends GdsError<'GDS_CLI_USAGE'> {
  declare readonly kind: 'caller';
  constructor(zh: string, en: string, options?: { cause?: unknown }) {
    super('GDS_CLI_USAGE', 'caller', zh, en, options);
    this.name = 'UsageError';
  }
}

/** A label in the output language: `zh（en）` in zh-CN (the two halves together), `en` in English. */
export function say(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : `${zh}（${en}）`;
}

/** A bilingual message of a library (`message` is `zh（en）`, `messageEn` the English half) in the output language. */
export function messageIn(locale: Locale, m: { message: string; messageEn?: string }): string {
  return locale === 'en' && typeof m.messageEn === 'string' ? m.messageEn : m.message;
}

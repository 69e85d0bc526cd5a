import { parseArgs } from 'node:util';
import type { Locale } from '@gds/schema';
import { type Command, type ParsedArgs, UsageError } from './command.js';

/**
 * Parses a declared command's arguments. node:util parseArgs splits them (long and short options,
 * `--opt=value`, `--` ends the options) in its lenient mode, and every check is made here on its
 * tokens, so that each mistake is a bilingual {@link UsageError} naming the option as the user typed
 * it, not parseArgs's English text.
 */
export function parseCommandArgs(command: Command, argv: string[], env: NodeJS.ProcessEnv): ParsedArgs {
  const specs = command.options;
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, o] of Object.entries(specs)) {
    config[name] = { type: o.type, ...(o.short ? { short: o.short } : {}) };
  }
  const { tokens } = parseArgs({
    args: argv,
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    if (!spec) throw unknownOption(command, token.rawName);
    let value: string | boolean;
    if (spec.type === 'boolean') {
      if (token.inlineValue) {
        throw new UsageError(`选项 ${token.rawName} 不带取值`, `option ${token.rawName} takes no value`);
      }
      value = true;
    } else {
      // A missing value, or one that is really the next option (`--out --format json`).
      if (
        token.value === undefined ||
        (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-'))
      ) {
        throw new UsageError(
          `选项 ${token.rawName} 需要一个取值 ${placeholder(token.name, command)}`,
          `option ${token.rawName} needs a value ${placeholder(token.name, command)}${token.value === undefined ? '' : ` (to pass one that starts with a dash, write ${token.rawName}=${token.value})`}`,
        );
      }
      value = token.value;
      if (spec.choices && !spec.choices.includes(value)) {
        throw new UsageError(
          `${token.rawName} 的取值无效：${value}（可选 ${spec.choices.join('、')}）`,
          `invalid ${token.rawName} ${value} (one of ${spec.choices.join(', ')})`,
        );
      }
    }
    if (spec.multiple) {
      const list = (values[token.name] as unknown[] | undefined) ?? [];
      list.push(value);
      values[token.name] = list;
    } else values[token.name] = value;
  }
  if (positionals.length > command.positionals) {
    const extra = positionals[command.positionals]!;
    throw new UsageError(
      command.positionals === 0 ? `多余的参数 ${extra}` : `参数过多：${extra}`,
      command.positionals === 0 ? `unexpected argument ${extra}` : `too many arguments: ${extra}`,
    );
  }
  for (const [name, o] of Object.entries(specs)) {
    if (values[name] === undefined && o.default !== undefined) values[name] = o.default;
  }
  const locale = (values.locale as Locale | undefined) ?? localeFromEnv(env);
  return {
    values: values as ParsedArgs['values'],
    positionals,
    locale,
    format: (values.format as ParsedArgs['format'] | undefined) ?? 'text',
  };
}

function placeholder(name: string, command: Command): string {
  const o = command.options[name];
  return o?.value ?? (o?.choices ? o.choices.join('|') : '<value>');
}

function unknownOption(command: Command, raw: string): UsageError {
  const names = Object.entries(command.options).flatMap(([n, o]) => [
    `--${n}`,
    ...(o.short ? [`-${o.short}`] : []),
  ]);
  const bare = raw.split('=')[0]!;
  const near = closest(bare, names);
  return new UsageError(
    `gds ${command.name} 没有选项 ${bare}${near ? `；是否想用 ${near}？` : ''}`,
    `unknown option ${bare} for gds ${command.name}${near ? `; did you mean ${near}?` : ''}`,
  );
}

/** The candidate nearest to `word` by edit distance, if it is near enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The output language from the environment, as POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG.
 * `en*` is English and `zh*` Chinese; anything else (C, POSIX, a third language) keeps the default,
 * zh-CN, since GDS has no third catalogue.
 */
export function localeFromEnv(env: NodeJS.ProcessEnv): Locale {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = Object.hasOwn(env, name) ? env[name] : undefined;
    if (!v) continue;
    if (/^en([_.@-]|$)/i.test(v)) return 'en';
    if (/^zh([_.@-]|$)/i.test(v)) return 'zh-CN';
    // POSIX: the first variable set decides, even to a locale GDS has no catalogue for.
    return 'zh-CN';
  }
  return 'zh-CN';
}

/**
 * The locale of a command line before it is parsed (for errors that happen before or during parsing):
 * a valid `--locale` anywhere before `--`, else the environment's.
 */
export function prescanLocale(argv: readonly string[], env: NodeJS.ProcessEnv): Locale {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const v =
      a === '--locale' ? argv[i + 1] : a.startsWith('--locale=') ? a.slice('--locale='.length) : undefined;
    if (v === 'en' || v === 'zh-CN') return v;
  }
  return localeFromEnv(env);
}

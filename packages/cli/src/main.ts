import type { Locale } from '@gds/schema';
import {
  type AnyCommand,
  type CommandContext,
  isDeclared,
  type ParsedArgs,
  UsageError,
} from './_internal/command.js';
import { EXIT, errorMessage, exitCodeOf } from './_internal/exit.js';
import { commandHelp, groupHelp, topHelp, usageHint } from './_internal/help.js';
import { closest, parseCommandArgs, prescanLocale } from './_internal/options.js';
import { commands, groups } from './commands/index.js';

declare const __GDS_VERSION__: string | undefined;
const VERSION = typeof __GDS_VERSION__ === 'string' ? __GDS_VERSION__ : '0.1.0';

/**
 * Runs the `gds` command line with the given arguments and streams, and resolves to the exit code.
 * Help goes to stdout (exit 0); a usage error prints its message and the command's usage to stderr
 * (exit 2); thrown errors become exit codes in one place (`_internal/exit.ts`: 1 invalid data, 2 usage,
 * 70 internal, 74 environment). The locale is `--locale`, else LC_ALL / LC_MESSAGES / LANG of `io.env`.
 *
 * @example
 * ```ts
 * import { main } from '@gds/cli';
 * const code = await main(['validate', '--standard', 'person', 'record.json']);
 * ```
 */
export async function main(argv: string[], io: Partial<Omit<CommandContext, 'argv'>> = {}): Promise<number> {
  const ctx: Omit<CommandContext, 'argv'> = {
    stdin: io.stdin ?? process.stdin,
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    cwd: io.cwd ?? process.cwd(),
    env: io.env ?? process.env,
    isTTY: io.isTTY ?? Boolean(process.stdout.isTTY),
  };
  const locale = prescanLocale(argv, ctx.env);
  // `gds --locale en <command>`: the shared option may also come first.
  let args = argv;
  while (args[0] === '--locale' || args[0]?.startsWith('--locale=')) {
    const value = args[0] === '--locale' ? args[1] : args[0].slice('--locale='.length);
    if (value !== 'zh-CN' && value !== 'en') {
      return usageFailure(
        ctx,
        locale,
        new UsageError(
          `--locale 的取值无效：${value ?? ''}（可选 zh-CN、en）`,
          `invalid --locale ${value ?? ''} (one of zh-CN, en)`,
        ),
      );
    }
    args = [...args.slice(args[0] === '--locale' ? 2 : 1), '--locale', value];
  }
  const [first] = args;
  if (
    first === undefined ||
    first === '--help' ||
    first === '-h' ||
    (first === '--locale' && args.length === 2)
  ) {
    ctx.stdout.write(topHelp(commands, locale, VERSION));
    return EXIT.ok;
  }
  if (first === '--version' || first === '-V' || first === '-v') {
    ctx.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (first === 'help')
    return help(
      ctx,
      locale,
      args.slice(1).filter((a) => !a.startsWith('-') && !['zh-CN', 'en'].includes(a)),
    );
  const found = findCommand(args);
  if (!found) return notFound(ctx, locale, args);
  const [command, rest] = found;
  if (wantsHelp(rest)) {
    ctx.stdout.write(commandHelp(command, locale, subcommandsOf(command.name)));
    return EXIT.ok;
  }
  let parsed: ParsedArgs | undefined;
  try {
    if (!isDeclared(command)) return await command.run({ ...ctx, argv: rest });
    parsed = parseCommandArgs(command, rest, ctx.env);
    return await command.run({ ...ctx, argv: rest }, parsed);
  } catch (error) {
    const loc = parsed?.locale ?? locale;
    ctx.stderr.write(errorMessage(error, loc));
    if (error instanceof UsageError) ctx.stderr.write(usageHint(command, loc));
    return exitCodeOf(error);
  }
}

/** `--help` or `-h` among a command's options (before `--`). */
function wantsHelp(rest: readonly string[]): boolean {
  for (const a of rest) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

function usageFailure(ctx: Omit<CommandContext, 'argv'>, locale: Locale, error: UsageError): number {
  ctx.stderr.write(errorMessage(error, locale));
  ctx.stderr.write(
    locale === 'en'
      ? 'run gds --help for the commands\n'
      : '运行 gds --help 查看命令列表（run gds --help for the commands）\n',
  );
  return EXIT.usage;
}

/** The command named by the leading words, the longest match first ("keys generate" before "keys"). */
function findCommand(argv: readonly string[]): [AnyCommand, string[]] | undefined {
  let best: [AnyCommand, string[]] | undefined;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best[0].name.split(' ').length)) {
      best = [command, argv.slice(words.length)];
    }
  }
  return best;
}

/** The commands one word below `name` (`grant` has `grant revoke`; `log` has every `log …`). */
function subcommandsOf(name: string): AnyCommand[] {
  return commands.filter(
    (c) => c.name.startsWith(`${name} `) && c.name.split(' ').length === name.split(' ').length + 1,
  );
}

/** `gds log`, `gds log --help`, `gds log bogus`, `gds bogus`. */
function notFound(ctx: Omit<CommandContext, 'argv'>, locale: Locale, args: readonly string[]): number {
  const [group, sub] = args as [string, string | undefined];
  const members = subcommandsOf(group);
  if (members.length) {
    const text = groupHelp(group, groups[group], members, locale);
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === '--locale') {
      ctx.stdout.write(text);
      return EXIT.ok;
    }
    const near = closest(
      sub,
      members.map((c) => c.name.split(' ')[1]!),
    );
    ctx.stderr.write(
      locale === 'en'
        ? `gds: gds ${group} has no command ${sub}${near ? `; did you mean gds ${group} ${near}?` : ''}\n`
        : `gds: gds ${group} 没有命令 ${sub}${near ? `；是否想用 gds ${group} ${near}？` : ''}（gds ${group} has no command ${sub}${near ? `; did you mean gds ${group} ${near}?` : ''}）\n`,
    );
    ctx.stderr.write(text);
    return EXIT.usage;
  }
  const names = [...new Set(commands.map((c) => c.name.split(' ')[0]!))];
  const near = group.startsWith('-') ? undefined : closest(group, names);
  const shown = group.startsWith('-') ? group : args.slice(0, 1).join(' ');
  return usageFailure(
    ctx,
    locale,
    group.startsWith('-')
      ? new UsageError(`未知选项 ${shown}`, `unknown option ${shown}`)
      : new UsageError(
          `未知命令 ${shown}${near ? `；是否想用 gds ${near}？` : ''}`,
          `unknown command ${shown}${near ? `; did you mean gds ${near}?` : ''}`,
        ),
  );
}

/** `gds help`, `gds help log`, `gds help log append`. */
function help(ctx: Omit<CommandContext, 'argv'>, locale: Locale, words: readonly string[]): number {
  if (!words.length) {
    ctx.stdout.write(topHelp(commands, locale, VERSION));
    return EXIT.ok;
  }
  const found = findCommand(words);
  if (found && found[1].length === 0) {
    ctx.stdout.write(commandHelp(found[0], locale, subcommandsOf(found[0].name)));
    return EXIT.ok;
  }
  if (!found && words.length === 1 && subcommandsOf(words[0]!).length) {
    ctx.stdout.write(groupHelp(words[0]!, groups[words[0]!], subcommandsOf(words[0]!), locale));
    return EXIT.ok;
  }
  if (found) {
    const shown = words.join(' ');
    return usageFailure(ctx, locale, new UsageError(`未知命令 ${shown}`, `unknown command ${shown}`));
  }
  return notFound(ctx, locale, words);
}

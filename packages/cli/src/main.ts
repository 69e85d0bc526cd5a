import type { Command, CommandContext } from './_internal/command.js';
import { UsageError } from './_internal/command.js';
import { commands } from './commands/index.js';

/**
 * Runs the `gds` command line with the given arguments and streams, and resolves to the exit code.
 * The one place where errors become exit codes: usage errors and any `Gds*Error` print a bilingual
 * message (no stack trace) and give 2; anything else is a bug and gives 70 with its stack.
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
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    ctx.stdout.write(help());
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    ctx.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    ctx.stderr.write(
      `gds: 未知命令 “${argv.slice(0, 2).join(' ')}”（unknown command）。运行 gds --help 查看命令列表（run gds --help for the list）。\n`,
    );
    return 2;
  }
  const [command, rest] = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    ctx.stdout.write(`${command.summary.zh}\n${command.summary.en}\n\n${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run({ ...ctx, argv: rest });
  } catch (error) {
    return report(error, ctx);
  }
}

declare const __GDS_VERSION__: string | undefined;
const VERSION = typeof __GDS_VERSION__ === 'string' ? __GDS_VERSION__ : '0.1.0';

function findCommand(argv: string[]): [Command, string[]] | undefined {
  // Longest match first: "keys generate" before "keys".
  let best: [Command, string[]] | undefined;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best[0].name.split(' ').length)) {
      best = [command, argv.slice(words.length)];
    }
  }
  return best;
}

function report(error: unknown, ctx: Omit<CommandContext, 'argv'>): number {
  if (error instanceof UsageError) {
    ctx.stderr.write(`gds: ${error.message}\n`);
    return 2;
  }
  if (error instanceof Error && /^Gds\w*Error$/.test(error.name)) {
    const code = (error as Error & { code?: string }).code;
    ctx.stderr.write(`gds: ${error.message}${code ? ` [${code}]` : ''}\n`);
    return 2;
  }
  if (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    /^E[A-Z]+$/.test(error.code)
  ) {
    // Environment faults from Node (ENOENT, EACCES, EPIPE…): a clear message, no stack trace.
    ctx.stderr.write(`gds: 系统错误（system error）: ${error.message}\n`);
    return 2;
  }
  ctx.stderr.write(
    `gds: 内部错误，请报告此问题（internal error, please report it）\n${error instanceof Error ? error.stack : String(error)}\n`,
  );
  return 70;
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => `  gds ${c.name.padEnd(width)}  ${c.summary.zh} / ${c.summary.en}`);
  return `gds — 基层数据标准工具（the Grassroots Data Standard command line）\n\n用法（usage）: gds <command> [options]\n\n${lines.join('\n')}\n\n每个命令都支持 --help（every command takes --help）。\n`;
}

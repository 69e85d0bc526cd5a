import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository's tsx, run with the `@gds/source` condition so the workspace sources are used. */
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

/** One JSON line a department program printed. */
export type Event = { dept: string; event: string } & Record<string, unknown>;

/** How a department program ended: its exit code, its events, and anything on stderr. */
export interface StepResult {
  code: number;
  events: Event[];
  stderr: string;
}

/**
 * Runs `src/<program>.ts` (a department, or `run` for the whole exchange) as its own OS process and collects its JSON lines (also passed to `onEvent`
 * as they arrive).
 *
 * @example
 * ```ts
 * const { code, events } = await runProgram('receiver', ['receive', '--inbox', dir], { env });
 * ```
 */
export function runProgram(
  program: 'sender' | 'receiver' | 'authority' | 'run',
  args: string[],
  options: { env?: NodeJS.ProcessEnv; onEvent?: (event: Event) => void } = {},
): Promise<StepResult> {
  const script = fileURLToPath(new URL(`./${program}.ts`, import.meta.url));
  const child = spawn(TSX, ['--conditions=@gds/source', script, ...args], {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: Event[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as Event;
    events.push(event);
    options.onEvent?.(event);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, events, stderr }));
  });
}

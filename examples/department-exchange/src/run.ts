// Runs the whole exchange, each department in its own process, and prints their events (JSON lines):
//   GDS_PASSPHRASE=... tsx --conditions=@gds/source src/run.ts [--dir <state folder>]
import { parseArgs } from 'node:util';
import { DEFAULT_DIR } from './common.js';
import { type Event, runProgram } from './spawn.js';

const { values } = parseArgs({ options: { dir: { type: 'string', default: DEFAULT_DIR } } });
const dir = ['--dir', values.dir];
const print = (event: Event) => process.stdout.write(`${JSON.stringify(event)}\n`);

async function step(program: 'sender' | 'receiver' | 'authority', args: string[]): Promise<Event[]> {
  const { code, events, stderr } = await runProgram(program, [...args, ...dir], { onEvent: print });
  if (stderr) process.stderr.write(stderr);
  if (code !== 0) throw new Error(`${program} ${args.join(' ')} exited with ${code}`);
  return events;
}

try {
  // 1. Health publishes its public encryption key; 2. the data administration grants health some
  // fields for one purpose; 3. civil affairs seals and sends; 4. health verifies, opens and checks.
  await step('receiver', ['init']);
  await step('authority', ['--to', 'health']);
  const sent = (await step('sender', ['--to', 'health'])).find((e) => e.event === 'sent');
  await step('receiver', ['receive', '--inbox', String(sent?.outbox)]);
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exitCode = 1;
}

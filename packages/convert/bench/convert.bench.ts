// `npm run bench -- convert`: the performance acceptance, measured on the built package.
// 1. A generated GB18030 CSV of 1,000,000 person rows converted to validated canonical NDJSON, against
//    papaparse merely parsing the same file decoded the same way (TextDecoder gb18030), same process.
// 2. Peak RSS of a whole conversion in a fresh child process, at 100,000 and 1,000,000 rows.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { convertStream, loadMapping } from '@gds/convert/node';
import Papa from 'papaparse';
import { compare, record } from '../../../bench/harness.js';
import { writePopulationCsv } from './_rows.js';

const dir = mkdtempSync(join(tmpdir(), 'gds-convert-bench-'));
const big = join(dir, 'population-1m.csv');
const small = join(dir, 'population-100k.csv');
const bigBytes = writePopulationCsv(big, 1_000_000);
const smallBytes = writePopulationCsv(small, 100_000);
const loaded = loadMapping('public-security/population');
const now = new Date('2026-01-01T00:00:00Z');

let lastReport: Awaited<ReturnType<typeof convertStream>> | undefined;
let outBytes = 0;
await compare('convert', [
  {
    name: 'GB18030 CSV, 1,000,000 person rows',
    itemsPerCall: 1_000_000,
    unit: 'rows',
    target: 0.35,
    iterations: 1,
    ours: {
      name: '@gds/convert: decode + parse + map + validate + NDJSON',
      fn: async () => {
        outBytes = 0;
        lastReport = await convertStream(loaded, {
          input: createReadStream(big),
          output: (c) => {
            outBytes += c.length;
          },
          now,
        });
      },
    },
    peer: {
      name: 'papaparse: decode (TextDecoder gb18030) + parse only',
      fn: () => Papa.parse(new TextDecoder('gb18030').decode(readFileSync(big))).data.length,
    },
  },
]);

// Peak memory in a fresh process per size, so that one run's heap does not hide the other's.
const child = join(dir, 'rss.mjs');
const nodeEntry = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'node.js')).href;
writeFileSync(
  child,
  `import { createReadStream, createWriteStream } from 'node:fs';
import { convertStream, loadMapping } from ${JSON.stringify(nodeEntry)};
const out = createWriteStream('/dev/null');
const report = await convertStream(loadMapping('public-security/population'), {
  input: createReadStream(process.argv[2]),
  output: (c) => (out.write(c) ? undefined : new Promise((r) => out.once('drain', r))),
  rejects: () => {},
  now: new Date('2026-01-01T00:00:00Z'),
});
out.end();
// VmHWM is this process's own peak: getrusage's maxRSS survives exec and can report the parent's peak.
let peakKB = process.resourceUsage().maxRSS;
try {
  const m = /VmHWM:\\s+(\\d+) kB/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'));
  if (m) peakKB = Number(m[1]);
} catch {}
process.stdout.write(JSON.stringify({ maxRssMB: Math.round(peakKB / 1024), rowsRead: report.stats.rowsRead, rowsAccepted: report.stats.rowsAccepted, ms: report.timing?.ms }));
`,
);
// A plain node child: no tsx loader inherited through NODE_OPTIONS.
const env = { ...process.env, NODE_OPTIONS: '' };
const rss = (file: string) => JSON.parse(execFileSync('node', [child, file], { encoding: 'utf8', env }));
const at100k = rss(small);
const at1m = rss(big);
record('convert-memory', {
  'peak RSS, 100,000 rows (MB)': at100k.maxRssMB,
  'peak RSS, 1,000,000 rows (MB)': at1m.maxRssMB,
  'target (MB)': 150,
  met: at100k.maxRssMB < 150 && at1m.maxRssMB < 150,
  'input bytes (100k / 1M)': [smallBytes, bigBytes],
  'rows read / accepted at 1M': [at1m.rowsRead, at1m.rowsAccepted],
  'last in-process run: rows accepted, NDJSON bytes': [lastReport?.stats.rowsAccepted, outBytes],
});
rmSync(dir, { recursive: true, force: true });

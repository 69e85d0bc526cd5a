// `npm run bench -- policy`: the @gds/policy figures of issue 7, against the BUILT package
// (`cd packages/policy && npx tsup` first). The data is generated here, never committed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@gds/crypto';
import { generateNoteKey, Log, noteSignerFromKey } from '@gds/ledger';
import { createMemoryStore } from '@gds/ledger/memory';
import { createGrant, project } from '@gds/policy';
import { person } from '@gds/schema';
import { compare, record } from '../../../bench/harness.js';
import { generatePeople } from './_people.js';

// 1. Projection: person records for the health bureau under a police grant (some fields masked).
const ring = await Keyring.create();
const key = await ring.generate({ use: 'sign', label: '公安局', issuer: 'public-security' });
const grant = await createGrant({
  signer: ring.signer(key.kid),
  grantee: 'health',
  entity: 'person',
  purposes: ['vaccination-follow-up'],
  fields: [{ path: '/name', form: 'masked' }, '/birthDate', { path: '/identity/number', form: 'masked' }],
  validUntil: Date.now() + 86_400_000,
});
const { signerKey } = await generateNoteKey('bench.example/disclosures');
let log = await Log.open(createMemoryStore(), { signer: await noteSignerFromKey(signerKey) });
const BATCH = 10_000;
const people = [...generatePeople(BATCH, 0, 'grid-management')];
const options = {
  standard: person,
  requester: { department: 'health', purpose: 'vaccination-follow-up' },
  grants: [grant],
  keys: ring,
};
const [projection] = await compare(
  'policy-project',
  [
    {
      name: `project person records (batches of ${BATCH}: grant verified, ledger receipt per batch)`,
      itemsPerCall: BATCH,
      unit: 'records',
      ours: {
        name: 'project',
        fn: async () => {
          if (log.size > 5000)
            log = await Log.open(createMemoryStore(), { signer: await noteSignerFromKey(signerKey) });
          await project(people, { ...options, ledger: log });
        },
      },
      // The floor: copying the records with no rules at all.
      peer: { name: 'structuredClone (no rules)', fn: () => structuredClone(people) },
    },
  ],
  2000,
);
// Wall-clock figures depend on what else the machine runs; records per CPU-second of this process do
// not, so both are recorded.
for (let i = 0; i < 3; i++) await project(people, { ...options, ledger: log });
const cpu0 = process.cpuUsage();
const ROUNDS = 30;
for (let i = 0; i < ROUNDS; i++) await project(people, { ...options, ledger: log });
const cpu = process.cpuUsage(cpu0);
const perCpuSecond = Math.round((ROUNDS * BATCH) / ((cpu.user + cpu.system) / 1e6));
record('policy-project-target', {
  'records/s (wall clock)': projection!.oursPerSecond,
  'records per CPU-second': perCpuSecond,
  target: 200_000,
  met: projection!.oursPerSecond >= 200_000,
  'met per CPU-second': perCpuSecond >= 200_000,
});

// 2. Merging three departments' files of 1,000,000 persons each, peak RSS measured in a child process.
const N = Number(process.env.GDS_BENCH_MERGE_PERSONS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'gds-policy-bench-'));
try {
  const depts = ['public-security', 'civil-affairs', 'grid-management'];
  const { writePeopleFile } = await import('./_people.js');
  const files = depts.map((d, i) => {
    const path = join(dir, `${d}.ndjson`);
    writePeopleFile(path, N, i, d);
    return { path, department: d };
  });
  const inputBytes = files.reduce((n, f) => n + statSync(f.path).size, 0);
  const script = `
    const { mergeFiles } = await import('@gds/policy/node');
    const { person } = await import('@gds/schema');
    const t = performance.now();
    const r = mergeFiles({ standard: person, inputs: ${JSON.stringify(files)}, out: ${JSON.stringify(join(dir, 'golden.ndjson'))},
      conflicts: ${JSON.stringify(join(dir, 'conflicts.ndjson'))}, candidates: ${JSON.stringify(join(dir, 'candidates.ndjson'))}, tmpDir: ${JSON.stringify(dir)} });
    const ms = performance.now() - t;
    const cpu = process.cpuUsage();
    process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKiB: process.resourceUsage().maxRSS, records: r.records, golden: r.golden, conflicts: r.conflicts, unkeyed: r.unkeyed.length, candidates: r.candidates }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: join(import.meta.dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const m = JSON.parse(out) as {
    ms: number;
    cpuMs: number;
    maxRssKiB: number;
    records: number;
    golden: number;
    conflicts: number;
    unkeyed: number;
    candidates: number;
  };
  const peakMB = Math.round(m.maxRssKiB / 1024);
  record('policy-merge-3x1M', {
    persons: N,
    departments: 3,
    inputMB: Math.round(inputBytes / 2 ** 20),
    records: m.records,
    golden: m.golden,
    conflicts: m.conflicts,
    unkeyed: m.unkeyed,
    candidatePairs: m.candidates,
    seconds: Math.round(m.ms / 100) / 10,
    cpuSeconds: Math.round(m.cpuMs / 100) / 10,
    'records/s (wall clock)': Math.round(m.records / (m.ms / 1000)),
    'records per CPU-second': Math.round(m.records / (m.cpuMs / 1000)),
    peakRssMB: peakMB,
    target: '< 500 MB',
    met: peakMB < 500,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { main } from '@gds/cli';
import { loadFileKeyring } from '@gds/crypto/node';
import { Log, parsePolicy } from '@gds/ledger';
import { createSqliteStore } from '@gds/ledger/sqlite';
import { type Disclosure, verifyDisclosure } from '@gds/policy';
import { openStore } from '@gds/store';
import { createSqliteAdapter } from '@gds/store/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gds } from './_io.js';

const CLI = join(import.meta.dirname, '..');
const CHROMIUM = process.env.GDS_CHROMIUM ?? '/usr/bin/chromium';

interface Summary {
  dir: string;
  conversions: Array<{
    department: string;
    rowsRead: number;
    rowsAccepted: number;
    rowsRejected: number;
    records: string;
    report: string;
    rejects: string;
  }>;
  merge: {
    records: number;
    golden: number;
    multiDepartment: number;
    conflicts: number;
    store: { db: string; golden: number; seq: number; submissions: number };
    file: string;
    conflictsFile: string;
  };
  signing: { envelopes: number; file: string };
  ledger: { db: string; size: number; rootHash: string; batches: Array<{ size: number; entries: number }> };
  witnesses: { cosigners: string[]; verified: boolean };
  share: {
    recordsShared: number;
    recordsOffered: number;
    disclosure: string;
    receipt: string;
    disclosureIndex: number;
  };
  receipt: { verified: boolean; index: number; treeSize: number };
  report: string;
}

interface GoldenLine {
  provenance: Record<string, { department: string } | undefined>;
  sources: Array<{ department: string }>;
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');

describe('gds demo', () => {
  let cwd: string;
  let demo: string;
  let run: Awaited<ReturnType<typeof gds>>;
  let summary: Summary;
  const keyring = '{"sentinel":"the user\'s own keyring"}\n';

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'gds-demo-'));
    // A keyring of the user's own must survive the demo untouched.
    mkdirSync(join(cwd, '.gds', 'keys'), { recursive: true });
    writeFileSync(join(cwd, '.gds', 'keys', 'keyring.json'), keyring);
    run = await gds(['demo'], { cwd });
    demo = join(cwd, '.gds', 'demo');
    summary = JSON.parse(readFileSync(join(demo, 'summary.json'), 'utf8'));
  });
  afterAll(() => {
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  it('finishes, prints a line per step, and leaves the user keyring alone', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.match(/^\[\d+\] /gm)).toHaveLength(10);
    expect(run.stdout).toContain('receipt verified offline: yes');
    expect(readFileSync(join(cwd, '.gds', 'keys', 'keyring.json'), 'utf8')).toBe(keyring);
    expect(existsSync(join(demo, 'report.html'))).toBe(true);
    expect(summary.report).toBe('report.html');
  });

  it('prints and records the figures of the conversion reports it wrote', () => {
    expect(summary.conversions.map((c) => c.department)).toEqual([
      'public-security',
      'civil-affairs',
      'health',
    ]);
    for (const c of summary.conversions) {
      const report = JSON.parse(readFileSync(join(demo, c.report), 'utf8'));
      const s = report.stats;
      expect([c.rowsRead, c.rowsAccepted, c.rowsRejected]).toEqual([
        s.rowsRead,
        s.rowsAccepted,
        s.rowsRejected,
      ]);
      expect(s.rowsRejected).toBeGreaterThan(0);
      expect(lines(join(demo, c.records))).toHaveLength(s.rowsAccepted);
      expect(statSync(join(demo, c.rejects)).size).toBeGreaterThan(0);
      expect(run.stdout).toContain(`读取 ${s.rowsRead} 行，接受 ${s.rowsAccepted}，拒绝 ${s.rowsRejected}`);
    }
  });

  it('merges, signs and logs exactly the written records', async () => {
    const accepted = summary.conversions.reduce((n, c) => n + c.rowsAccepted, 0);
    expect(summary.merge.records).toBe(accepted);
    const golden = lines(join(demo, summary.merge.file)).map((l) => JSON.parse(l));
    expect(golden).toHaveLength(summary.merge.golden);
    const several = golden.filter(
      (g: { sources: Array<{ department: string }> }) => new Set(g.sources.map((s) => s.department)).size > 1,
    );
    expect(several).toHaveLength(summary.merge.multiDepartment);
    // The samples draw on one township: the departments' written records share residents, by ID number.
    const holders = new Map<string, Set<string>>();
    for (const c of summary.conversions) {
      for (const l of lines(join(demo, c.records))) {
        const id = (JSON.parse(l) as { identity: { number: string } }).identity.number;
        holders.set(id, (holders.get(id) ?? new Set()).add(c.department));
      }
    }
    expect(golden).toHaveLength(holders.size);
    const shared = [...holders.values()].filter((d) => d.size > 1).length;
    expect(summary.merge.multiDepartment).toBe(shared);
    expect(shared).toBeGreaterThan(0);
    expect([...holders.values()].some((d) => d.size === 3)).toBe(true);
    const conflicts = lines(join(demo, summary.merge.conflictsFile)).map(
      (l) => JSON.parse(l) as { key: string; path: string },
    );
    expect(conflicts).toHaveLength(summary.merge.conflicts);
    // Some residents are written differently (a name with a variant character, another phone, a newer
    // address), and each conflict concerns a shared resident. The departments' own record ids are
    // source data (provenance), never a conflict.
    expect(new Set(conflicts.map((c) => c.path))).toEqual(
      new Set(['/name', '/phone', '/residence/detail', '/specialGroups']),
    );
    for (const c of conflicts) expect(holders.get(c.key)?.size).toBeGreaterThan(1);
    expect(run.stdout).toContain(
      `黄金记录 ${golden.length} 条（其中 ${shared} 条来自多个部门），冲突 ${conflicts.length} 个`,
    );
    expect(lines(join(demo, summary.signing.file))).toHaveLength(golden.length);
    // The store keeps the same golden records: one per resident, one submission per department.
    expect(summary.merge.store).toMatchObject({
      golden: golden.length,
      submissions: summary.conversions.length,
    });
    const store = openStore(createSqliteAdapter({ path: join(demo, summary.merge.store.db) }));
    try {
      for (const g of golden) expect((await store.find('person', g.key))?.record).toEqual(g.record);
    } finally {
      await store.close();
    }

    const log = await Log.open(createSqliteStore({ path: join(demo, summary.ledger.db) }));
    try {
      expect(log.size).toBe(summary.ledger.size);
      expect(log.size).toBe(golden.length + 1); // the records and the disclosure
      expect(Buffer.from(await log.rootHash()).toString('base64')).toBe(summary.ledger.rootHash);
    } finally {
      await log.close();
    }
    // One batch per source department (each golden record signed as the source of its ID number), then
    // the disclosure.
    const signedBy = (g: GoldenLine) =>
      g.provenance['/identity/number']?.department ?? g.sources[0]!.department;
    let size = 0;
    const sizes = ['public-security', 'civil-affairs', 'health'].map(
      (d) => (size += golden.filter((g: GoldenLine) => signedBy(g) === d).length),
    );
    expect(summary.ledger.batches.map((b) => b.size)).toEqual([...sizes, golden.length + 1]);
    expect(run.stdout).toContain(`账本树大小 ${summary.ledger.size}`);
    expect(summary.witnesses).toMatchObject({ verified: true, cosigners: ['civil-affairs', 'health'] });
  });

  it('the disclosure receipt verifies offline from the written files alone, and not once tampered with', async () => {
    const away = mkdtempSync(join(tmpdir(), 'gds-demo-auditor-'));
    for (const [from, to] of [
      [summary.share.disclosure, 'disclosure.json'],
      [summary.share.receipt, 'receipt.json'],
      ['ledger/policy.txt', 'policy.txt'],
      ['ledger/checkpoint.txt', 'checkpoint.txt'],
    ] as const) {
      copyFileSync(join(demo, from), join(away, to));
    }
    const policy = parsePolicy(readFileSync(join(away, 'policy.txt'), 'utf8'));
    const disclosure = JSON.parse(readFileSync(join(away, 'disclosure.json'), 'utf8')) as Disclosure;
    const receipt = JSON.parse(readFileSync(join(away, 'receipt.json'), 'utf8'));
    expect(receipt.checkpoint).toBe(readFileSync(join(away, 'checkpoint.txt'), 'utf8'));
    expect(await verifyDisclosure(disclosure, receipt, policy)).toEqual({
      valid: true,
      index: summary.share.disclosureIndex,
    });
    expect(summary.receipt).toMatchObject({
      verified: true,
      index: summary.share.disclosureIndex,
      treeSize: summary.merge.golden + 1,
    });
    expect(disclosure.records).toHaveLength(summary.share.recordsShared);

    const verifyReceiptCli = () =>
      gds(
        ['log', 'verify-receipt', 'receipt.json', '--policy', 'policy.txt', '--record', 'disclosure.json'],
        {
          cwd: away,
        },
      );
    const ok = await verifyReceiptCli();
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('cosigned by civil-affairs, health');

    // An altered proof, another index, or an altered disclosure: each fails.
    const proof = Buffer.from(receipt.inclusionProof[0], 'base64');
    proof[0]! ^= 1;
    const tampered = [
      { ...receipt, inclusionProof: [proof.toString('base64'), ...receipt.inclusionProof.slice(1)] },
      { ...receipt, index: receipt.index - 1 },
    ];
    for (const t of tampered) {
      expect((await verifyDisclosure(disclosure, t, policy)).valid).toBe(false);
      writeFileSync(join(away, 'receipt.json'), JSON.stringify(t));
      const bad = await verifyReceiptCli();
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('回执无效');
    }
    const fewer = { ...disclosure, records: disclosure.records.slice(1) };
    expect(await verifyDisclosure(fewer, receipt, policy)).toMatchObject({
      valid: false,
      issue: { code: 'GDS_LEDGER_ENTRY_MISMATCH' },
    });
    rmSync(away, { recursive: true, force: true });
  });

  it('runs again in the same folder: starts afresh, never mixing with the first run', async () => {
    writeFileSync(join(demo, 'stale.txt'), 'left over');
    const again = await gds(['demo', '--json', '--locale', 'en'], { cwd });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('emptied the previous run');
    expect(again.stderr).toMatch(
      /\[1\] converted public-security\/population: 61 read, 51 accepted, 10 rejected/,
    );
    const second = JSON.parse(again.stdout) as Summary;
    expect(second).toEqual(JSON.parse(readFileSync(join(demo, 'summary.json'), 'utf8')));
    expect(existsSync(join(demo, 'stale.txt'))).toBe(false);
    expect(second.ledger.size).toBe(summary.ledger.size);
    expect(second.ledger.rootHash).not.toBe(summary.ledger.rootHash); // new keys, new signatures
    expect(readdirSync(join(demo, 'ledger')).filter((f) => f.startsWith('checkpoint-'))).toEqual([
      `checkpoint-${summary.merge.golden}.txt`,
      `checkpoint-${summary.merge.golden + 1}.txt`,
    ]);
  });

  it('refuses to empty a folder it did not make, and rejects bad options', async () => {
    const other = mkdtempSync(join(tmpdir(), 'gds-demo-other-'));
    mkdirSync(join(other, 'demo'));
    writeFileSync(join(other, 'demo', 'notes.txt'), 'mine');
    const r = await gds(['demo', '--dir', other], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('was not made by gds demo');
    expect(readFileSync(join(other, 'demo', 'notes.txt'), 'utf8')).toBe('mine');
    expect((await gds(['demo', '--locale', 'fr'], { cwd })).code).toBe(2);
    expect((await gds(['demo', 'extra'], { cwd })).code).toBe(2);
    rmSync(other, { recursive: true, force: true });
  });

  it('saves the demo secret keys, encrypted, only when GDS_PASSPHRASE is set', async () => {
    const ring = async (dir: string, env: NodeJS.ProcessEnv) => {
      let out = '';
      const sink = new Writable({
        write(chunk, _enc, done) {
          out += chunk;
          done();
        },
      });
      const code = await main(['demo', '--dir', dir], { cwd, env, stdout: sink, stderr: sink, isTTY: false });
      expect(code, out).toBe(0);
      return JSON.parse(readFileSync(join(cwd, dir, 'demo', 'keys', 'keyring.json'), 'utf8'));
    };
    const plain = await ring('plain', {});
    expect(plain.keys).toHaveLength(10);
    expect(plain.secrets).toBeUndefined();
    const saved = await ring('saved', { GDS_PASSPHRASE: 'demo passphrase', GDS_KEYRING_SCRYPT_N: '1024' });
    expect(Object.keys(saved.secrets.keys)).toHaveLength(10);
    const back = await loadFileKeyring({
      dir: join(cwd, 'saved', 'demo', 'keys'),
      passphrase: 'demo passphrase',
    });
    const signer = back.signer(back.activeKey({ use: 'sign', issuer: 'health' }).kid);
    expect(signer.issuer).toBe('health');
  });

  it('writes the report where --out says, linking the demo files relative to it', async () => {
    const r = await gds(['demo', '--dir', 'state', '--out', 'out/report.html', '--locale', 'en'], { cwd });
    expect(r.code).toBe(0);
    const html = readFileSync(join(cwd, 'out', 'report.html'), 'utf8');
    expect(html).toContain('href="../state/demo/share/receipt.json"');
    expect(existsSync(join(cwd, 'state', 'demo', 'share', 'receipt.json'))).toBe(true);
    expect(r.stdout).toContain('report out/report.html');
  });
});

/** The built CLI, rebuilt (JavaScript only, as `prepare` does minus the type declarations) when src is newer. */
function ensureBuilt(): string {
  const bin = join(CLI, 'dist', 'bin.js');
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
      ),
    );
  if (!existsSync(bin) || statSync(bin).mtimeMs < newest(join(CLI, 'src'))) {
    execFileSync(
      'npx',
      [
        'tsup',
        '--no-config',
        '--entry.index',
        'src/index.ts',
        '--entry.bin',
        'src/bin.ts',
        '--format',
        'esm,cjs',
        '--splitting',
        '--sourcemap',
        '--target',
        'node20',
        '--out-dir',
        'dist',
      ],
      { cwd: CLI, stdio: 'pipe' },
    );
  }
  return bin;
}

describe('the built gds binary', () => {
  it('runs the demo in a fresh folder in under 60 seconds', async () => {
    ensureBuilt();
    // `npm run demo` runs `gds demo`: the `gds` bin npm links is the committed stub bin/gds.js, which
    // exists before `prepare` builds dist/ and loads the built command from it.
    const root = join(CLI, '..', '..');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(manifest.scripts.demo).toBe('gds demo');
    const stub = join(CLI, JSON.parse(readFileSync(join(CLI, 'package.json'), 'utf8')).bin.gds);
    expect(readFileSync(stub, 'utf8')).toContain("import '../dist/bin.js';");
    // What `npm ci` linked as `gds` (node_modules/.bin/gds) is that stub.
    expect(realpathSync(join(root, 'node_modules', '.bin', 'gds'))).toBe(realpathSync(stub));
    const cwd = mkdtempSync(join(tmpdir(), 'gds-demo-bin-'));
    const started = performance.now();
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((ok, fail) => {
      const child = spawn(process.execPath, [stub, 'demo'], {
        cwd,
        env: { ...process.env, GDS_PASSPHRASE: '' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => {
        stdout += c;
      });
      child.stderr.on('data', (c) => {
        stderr += c;
      });
      child.on('error', fail);
      child.on('close', (c) => ok({ code: c, stdout, stderr }));
    });
    const seconds = (performance.now() - started) / 1000;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(seconds).toBeLessThan(60);
    expect(stdout).toContain('回执离线验证：有效');
    expect(existsSync(join(cwd, '.gds', 'demo', 'report.html'))).toBe(true);
    rmSync(cwd, { recursive: true, force: true });
  }, 90_000);
});

async function loadChromium() {
  if (!existsSync(CHROMIUM)) return { skip: `no Chromium at ${CHROMIUM} (install Debian's chromium)` };
  try {
    const { chromium } = await import('playwright-core');
    return { chromium };
  } catch (e) {
    return { skip: `playwright-core not installed: ${String(e)}` };
  }
}

const browser = await loadChromium();
if ('skip' in browser && process.env.CI === 'true')
  throw new Error(`demo report browser test cannot run in CI: ${browser.skip}`);

describe.skipIf('skip' in browser)(
  `the demo report in headless Chromium${'skip' in browser ? ` (skipped: ${browser.skip})` : ''}`,
  () => {
    let cwd: string;
    let b: import('playwright-core').Browser;
    beforeAll(async () => {
      cwd = mkdtempSync(join(tmpdir(), 'gds-demo-html-'));
      expect((await gds(['demo'], { cwd })).code).toBe(0);
      b = await (browser as { chromium: typeof import('playwright-core').chromium }).chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
        ],
      });
    });
    afterAll(async () => {
      await b?.close();
      if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    it('opens with no console errors and nothing loaded from outside, and its charts render', async () => {
      const page = await b.newPage({ viewport: { width: 1100, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      const summary = JSON.parse(readFileSync(join(cwd, '.gds', 'demo', 'summary.json'), 'utf8')) as Summary;
      await page.goto(pathToFileURL(join(cwd, '.gds', 'demo', 'report.html')).href);
      await page.waitForLoadState('load');

      for (const kind of ['accepted', 'rejected'] as const) {
        const bars = page.locator(`#chart-rows rect.bar.${kind}:not(.legend)`);
        expect(await bars.count()).toBe(3);
        for (let i = 0; i < 3; i++) {
          const bar = bars.nth(i);
          const c = summary.conversions[i]!;
          expect(await bar.getAttribute('data-department')).toBe(c.department);
          expect(Number(await bar.getAttribute('data-value'))).toBe(
            kind === 'accepted' ? c.rowsAccepted : c.rowsRejected,
          );
          const box = await bar.boundingBox();
          expect(box?.width ?? 0).toBeGreaterThan(0);
          expect(box?.height ?? 0).toBeGreaterThan(0);
        }
      }
      // Taller bars for more rows: the drawing follows the figures.
      const heights = await page
        .locator('#chart-rows rect.bar.accepted:not(.legend)')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
      expect(heights[0]).toBeGreaterThan(heights[1]!);
      expect(heights[1]).toBeGreaterThan(heights[2]!);

      const points = page.locator('#chart-growth circle.point');
      expect(await points.count()).toBe(summary.ledger.batches.length);
      expect(await points.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-size'))))).toEqual(
        summary.ledger.batches.map((b) => b.size),
      );
      const growth = await page.locator('#chart-growth polyline').boundingBox();
      expect(growth?.width ?? 0).toBeGreaterThan(100);
      await expect(page.locator('#receipt-verdict').textContent()).resolves.toContain('有效 valid');
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    });
  },
);

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { residentIdCheckCharacter } from '@gds/schema';
import { standardsDir } from '@gds/standards/fs';
import { beforeAll, describe, expect, it } from 'vitest';

// These run the real `gds` in child processes (from source, through tsx), because signals, pipes
// and exit codes only exist there.
const CLI = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(CLI, '..', '..');
const BIN = join(CLI, 'src', 'bin.ts');
const golden = join(standardsDir(), 'mappings', 'public-security', 'golden', 'population');

function gdsArgs(args: string[]): string[] {
  return ['--conditions=@gds/source', '--import', 'tsx', BIN, ...args];
}

/** A police population export of `rows` valid rows (ASCII, so valid GB18030), about 90 bytes a row. */
function bigPopulationCsv(rows: number): string {
  const lines = ['gmsfhm,xm,xb,mz,csrq,hb,ssxq,jlx,mlph,mlxz,xzjd,jcwh,lxdh'];
  const start = Date.UTC(1950, 0, 1);
  for (let i = 0; i < rows; i++) {
    const day = new Date(start + Math.floor(i / 500) * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replace(/-/g, '');
    const seq = String((i % 500) * 2 + 1).padStart(3, '0'); // odd: male
    const body = `110105${day}${seq}`;
    lines.push(`${body}${residentIdCheckCharacter(body)},Li,1,01,${day},1,110105,a,1,a 1,b,c,13800138000`);
  }
  return `${lines.join('\n')}\n`;
}

function partials(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.partial'));
}

describe('gds convert writes its outputs atomically', () => {
  let dir: string;
  let big: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gds-atomic-'));
    big = join(dir, 'big.csv');
    writeFileSync(big, bigPopulationCsv(400_000));
  });

  it('on SIGINT mid-conversion removes the partial files, leaves the targets as they were and exits 130', async () => {
    const out = join(dir, 'out.ndjson');
    writeFileSync(out, 'the previous run\n');
    const child = spawn(
      process.execPath,
      gdsArgs([
        'convert',
        big,
        '-m',
        'public-security/population',
        '--out',
        out,
        '--rejects',
        join(dir, 'rejects.csv'),
        '--report',
        join(dir, 'report.json'),
        '--now',
        '2026-01-01',
      ]),
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    // Interrupt once records are being written (the partial output has bytes), well before the end.
    let interrupted = false;
    for (let i = 0; i < 1200 && !interrupted; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const p = partials(dir).find((f) => f.startsWith('.out.ndjson.'));
      if (p && statSync(join(dir, p)).size > 0) {
        child.kill('SIGINT');
        interrupted = true;
      }
      if (child.exitCode !== null) break;
    }
    expect(interrupted, `the conversion ended before it could be interrupted: ${stderr}`).toBe(true);
    expect(await exited).toBe(130);
    expect(stderr).toContain('已中断（SIGINT）');
    expect(stderr).toContain('interrupted by SIGINT');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(partials(dir)).toEqual([]);
    expect(readFileSync(out, 'utf8')).toBe('the previous run\n');
    expect(existsSync(join(dir, 'rejects.csv')) || existsSync(join(dir, 'report.json'))).toBe(false);
  }, 120_000);

  it('--out - writes the records to stdout and the summary to stderr', async () => {
    const { code, stdout, stderr } = await run(
      [
        'convert',
        join(golden, 'input.csv'),
        '-m',
        'public-security/population',
        '--out',
        '-',
        '--now',
        '2026-01-01',
      ],
      ROOT,
    );
    expect(code, stderr).toBe(1); // the golden input has rejected rows
    expect(stdout).toBe(readFileSync(join(golden, 'expected.ndjson'), 'utf8'));
    expect(stderr).toContain('读取 61 行');
  }, 60_000);

  it('a closed pipe (| head -1) ends the run quietly, with no stack trace and no partial file', async () => {
    const cmd = [
      process.execPath,
      ...gdsArgs([
        'convert',
        big,
        '-m',
        'public-security/population',
        '--out',
        '-',
        '--rejects',
        join(dir, 'piped-rejects.csv'),
        '--now',
        '2026-01-01',
      ]),
    ]
      .map((a) => `'${a}'`)
      .join(' ');
    const { code, stdout, stderr } = await run(
      ['-c', `${cmd} | head -1; echo "gds=\${PIPESTATUS[0]}" >&2`],
      ROOT,
      'bash',
    );
    expect(code).toBe(0);
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(stdout)).toMatchObject({ identity: { type: 'resident-id' } });
    expect(stderr).toContain('gds=0');
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(partials(dir)).toEqual([]);
    expect(existsSync(join(dir, 'piped-rejects.csv'))).toBe(false);
  }, 120_000);

  it('a run that succeeds leaves the complete targets and no partial file', async () => {
    const out = join(dir, 'ok.ndjson');
    const { code, stderr } = await run(
      [
        'convert',
        join(golden, 'input.csv'),
        '-m',
        'public-security/population',
        '--out',
        out,
        '--report',
        join(dir, 'ok.json'),
        '--now',
        '2026-01-01',
      ],
      ROOT,
    );
    expect(code, stderr).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(golden, 'expected.ndjson'), 'utf8'));
    expect(JSON.parse(readFileSync(join(dir, 'ok.json'), 'utf8')).stats.rowsRead).toBe(61);
    expect(partials(dir)).toEqual([]);
  }, 60_000);
});

function run(args: string[], cwd: string, command?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((ok, fail) => {
    const child = spawn(command ?? process.execPath, command ? args : gdsArgs(args), {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
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
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

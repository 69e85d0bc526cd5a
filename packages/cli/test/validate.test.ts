import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listStandards } from '@gds/schema';
import { listExamples } from '@gds/standards/fs';
import { describe, expect, it } from 'vitest';
import { gds } from './_io.js';

const NOW = '2026-01-01';
const entities = [...new Set(listStandards().map((s) => s.entity))];

describe.each(entities)('gds validate --standard %s on the shipped examples', (entity) => {
  const examples = listExamples(entity);

  it('exits 0 on every valid example', async () => {
    for (const example of examples.filter((e) => e.valid)) {
      const r = await gds(['validate', '--standard', entity, '--now', NOW, example.file]);
      expect(r.code, `${example.name}\n${r.stdout}${r.stderr}`).toBe(0);
    }
  });

  it('exits 1 on every invalid example and its JSON report names the expected code', async () => {
    for (const example of examples.filter((e) => !e.valid)) {
      const r = await gds(['validate', '--standard', entity, '--now', NOW, '--format', 'json', example.file]);
      expect(r.code, example.name).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.summary).toMatchObject({ records: 1, valid: 0, invalid: 1 });
      expect(report.results[0].issues.map((i: { code: string }) => i.code)).toContain(example.expectedCode);
    }
  });
});

describe('gds validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gds-validate-'));

  it('reads NDJSON with line numbers and reports in English on request', async () => {
    const file = join(dir, 'people.ndjson');
    writeFileSync(file, '{"id":"a"}\n\nnot json\n');
    const r = await gds(['validate', '-s', 'person', '--locale', 'en', '--format', 'json', file]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.results.map((x: { source: { line: number } }) => x.source.line)).toEqual([1, 3]);
    expect(report.results[1].issues[0].code).toBe('json_syntax');
    expect(report.results[0].issues[0].message).toMatch(/^Missing required field/);
  });

  it('reads stdin and prints a readable zh-CN report', async () => {
    const r = await gds(['validate', '--standard', 'person'], { stdin: '{"id":"a"}' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/<stdin>/);
    expect(r.stdout).toMatch(/缺少必填字段/);
    expect(r.stdout).toMatch(/共 1 条记录/);
  });

  it.each([
    [['validate'], /--standard/],
    [['validate', '--standard', 'nope'], /未知标准 nope/],
    [['validate', '--standard', 'person', join(dir, 'missing.json')], /无法读取文件/],
    // Bilingual and naming the option, no longer parseArgs's raw English under "参数错误".
    [['validate', '--standard', 'person', '--bogus'], /没有选项 --bogus.*unknown option --bogus/],
    [
      ['validate', '--standard', 'person', '--format', 'xml'],
      /--format 的取值无效：xml.*invalid --format xml/,
    ],
  ])('exits 2 with a clear message on usage errors: %j', async (argv, message) => {
    const r = await gds(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('prints help and rejects unknown commands', async () => {
    expect((await gds(['--help'])).stdout).toMatch(/gds validate/);
    expect((await gds(['no-such-command'])).code).toBe(2);
    expect((await gds(['validate', '--help'])).stdout).toMatch(/--standard/);
  });
});

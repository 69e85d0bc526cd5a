import { describe, expect, it } from 'vitest';
import { gds } from './_io.js';

describe('gds codelist', () => {
  it('lists the shipped code lists', async () => {
    const r = await gds(['codelist', 'list', '--format', 'json']);
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.stdout).map((x: { id: string }) => x.id);
    expect(ids).toEqual(
      expect.arrayContaining(['sex', 'ethnicity', 'marital-status', 'relationship', 'education']),
    );
  });

  it('shows a code list with its labels and extra columns', async () => {
    const r = await gds(['codelist', 'show', 'ethnicity']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ethnicity \(58\)/);
    expect(r.stdout).toMatch(/01\s+汉族\s+Han/);
    const json = JSON.parse((await gds(['codelist', 'show', 'sex', '-f', 'json'])).stdout);
    expect(json.entries.find((e: { code: string }) => e.code === '1').zh).toBe('男性');
  });

  it('exits 2 on an unknown list or a missing id', async () => {
    expect((await gds(['codelist', 'show', 'nope'])).stderr).toMatch(/未知代码表 nope/);
    expect((await gds(['codelist', 'show'])).code).toBe(2);
  });
});
